"""fold() is a translate table filled per character: it must equal the whole-string NFD definition."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pytest

from nlp.text import _WS, fold, fold_words


def reference_fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text.translate(str.maketrans({"đ": "d", "Đ": "d"})))
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _WS.sub(" ", stripped.lower()).strip()


@pytest.mark.parametrize(
    "text",
    [
        "Đắk Lắk ĐƯỜNG đường",
        unicodedata.normalize("NFD", "Người dân Lạng Sơn"),
        "Hoà  Thuý\u00a0x\tq",
        "ΣΑΣ ΟΔΟΣ",  # final sigma depends on the whole string
        "İstanbul ﬁ Ǆ ǅ ẞ",
        "e\u0301\u0323 x\u0345y",
        "한국어 中文 العربية",
        "",
    ],
)
def test_fold_equals_the_reference(text: str) -> None:
    assert fold(text) == reference_fold(text)


def test_fold_equals_the_reference_on_the_corpus(corpus: Path) -> None:
    for line in (corpus / "news.jsonl").read_text(encoding="utf-8").splitlines():
        doc = json.loads(line)
        text = f"{doc['title'] or ''}\n{doc['text']}"
        assert fold(text) == reference_fold(text), doc["id"]


@pytest.mark.parametrize("text", ["Đắk-Lắk,  100%\u00a0ô_nhiễm", "ΣΑΣ", "", "  \n "])
def test_fold_words_are_the_words_of_fold(text: str) -> None:
    import re

    assert fold_words(text) == re.findall(r"[^\W_]+", fold(text))
