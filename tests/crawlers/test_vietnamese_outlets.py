"""The generic path (no selectors) on whole pages written in the markup of Vietnamese outlets it was
never tuned on (`tests/sites/vietnamese_outlets.py`, `_2.py` … `_5.py`): title exact as printed,
publication time to the minute in +07:00, lead, author, body token F1 >= 0.97 with no furniture in
it, and never below plain trafilatura on the same page. The pages are ours; they find failure
classes, they measure nothing."""

from __future__ import annotations

import unicodedata
from datetime import timedelta

import pytest
import trafilatura

from bench.extract_eval import token_f1
from crawlers.extract import extract
from tests.sites import (
    vietnamese_outlets,
    vietnamese_outlets_2,
    vietnamese_outlets_3,
    vietnamese_outlets_4,
    vietnamese_outlets_5,
)

PAGES = {
    **vietnamese_outlets.PAGES,
    **vietnamese_outlets_2.PAGES,
    **vietnamese_outlets_3.PAGES,
    **vietnamese_outlets_4.PAGES,
    **vietnamese_outlets_5.PAGES,
}


@pytest.mark.parametrize("name", list(PAGES))
def test_vietnamese_outlet_page(name: str) -> None:
    page = PAGES[name]()
    found = extract(page.html, page.url)
    assert found is not None
    assert found.title == page.expected_title
    assert found.title is not None and unicodedata.is_normalized("NFC", found.title)
    assert found.published_at == page.when
    assert found.published_at is not None and found.published_at.utcoffset() == timedelta(hours=7)
    assert found.sapo == page.expected_sapo
    assert found.author == page.expected_author
    assert token_f1(found.text, "\n".join(page.body)) >= 0.97
    leaked = [text for text in page.furniture if text in found.text or text in (found.sapo or "")]
    assert leaked == []
    reference = "\n".join((page.expected_sapo, *page.body))
    plain = trafilatura.extract(page.html, url=page.url) or ""
    assert token_f1(f"{found.sapo}\n{found.text}", reference) >= token_f1(plain, reference)
