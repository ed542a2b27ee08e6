"""Extraction accuracy on the real Dân trí pages of the shared corpus (skipped when it is absent):
mean sapo+body token F1 ≥ 0.985, no page below 0.95, every title exact, every date right to the day —
with the site's selectors and with the generic path, which must also do no worse than trafilatura;
and how the bench scores a publication time (no corpus needed)."""

from __future__ import annotations

import statistics
from datetime import UTC, datetime, timedelta, timezone
from functools import cache
from pathlib import Path

import pytest

from bench.extract_eval import GtPage, PageScore, gt_pages, score, score_parts, score_text
from config import load_config
from config.models import Selectors
from crawlers.dates import VN
from crawlers.extract import extract
from tests.conftest import corpus_path

SITE = corpus_path() / "html" / "dantri"
PAGES = list(gt_pages(SITE)) if (SITE / "gt").is_dir() else []
MODES = ["selectors", "generic"]
needs_corpus = pytest.mark.skipif(not PAGES, reason=f"corpus pages not found at {SITE}")


@cache
def _selectors() -> Selectors | None:
    source = next(s for s in load_config(environ={}).sources.sources if s.id == "dantri")
    return source.selectors


@cache
def _score(name: str, mode: str) -> PageScore:
    page = next(p for p in PAGES if p.name == name)
    html = page.html()
    return score(page, extract(html, page.url, _selectors() if mode == "selectors" else None))


def _plain(page: GtPage) -> PageScore:
    import trafilatura

    return score_text(page, trafilatura.extract(page.html(), url=page.url))


@needs_corpus
@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("name", [p.name for p in PAGES] or ["absent"], ids=lambda n: n.split("/")[-1][:40])
def test_page_body_title_and_date(name: str, mode: str) -> None:
    result = _score(name, mode)
    assert result.f1 >= 0.95 and result.title_ok and result.date_ok, result


@needs_corpus
@pytest.mark.parametrize("mode", MODES)
def test_mean_body_f1(mode: str) -> None:
    assert statistics.mean(_score(p.name, mode).f1 for p in PAGES) >= 0.985


@needs_corpus
def test_generic_path_does_no_worse_than_plain_trafilatura() -> None:
    ours = [_score(p.name, "generic").f1 for p in PAGES]
    plain = [_plain(p).f1 for p in PAGES]
    assert statistics.mean(ours) >= statistics.mean(plain) and min(ours) >= min(plain)


@pytest.mark.parametrize(
    ("found", "expected", "right"),
    [
        # no offset expected: the publisher's clock, compared with the found time's own clock
        (datetime(2024, 4, 24, 0, 0, tzinfo=VN), datetime(2024, 4, 24, 0, 0), (True, True)),
        (
            datetime(2024, 4, 24, 22, 58, tzinfo=timezone(timedelta(hours=2))),
            datetime(2024, 4, 24, 22, 58),
            (True, True),
        ),
        (datetime(2024, 4, 24, 20, 58, tzinfo=UTC), datetime(2024, 4, 24, 22, 58), (False, True)),
        # an offset expected: the same instant
        (
            datetime(2024, 4, 26, 20, 44, tzinfo=VN),
            datetime(2024, 4, 26, 20, 44, tzinfo=timezone(timedelta(hours=2))),
            (False, True),
        ),
        (
            datetime(2024, 4, 27, 1, 44, tzinfo=VN),
            datetime(2024, 4, 26, 20, 44, tzinfo=timezone(timedelta(hours=2))),
            (True, True),
        ),
        (
            datetime(2024, 8, 22, 0, 0, tzinfo=VN),
            datetime(2024, 8, 22, 12, 0, tzinfo=timezone(timedelta(hours=2))),
            (False, False),
        ),
    ],
    ids=[
        "bare-day",
        "own-offset",
        "same-instant-other-clock",
        "wrong-zone",
        "same-instant",
        "day-before-there",
    ],
)
def test_scoring_of_a_time(found: datetime, expected: datetime, right: tuple[bool, bool]) -> None:
    page = GtPage("p", "x", Path("p.html"), "", "t", "", "b", expected)
    scored = score_parts(page, text="b", title="t", published=found)
    assert (scored.date_ok, scored.day_ok) == right
