from __future__ import annotations

import unicodedata

import pytest

from nlp.text import fold, normalize, tidy, words


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("hoà bình", "hòa bình"),
        ("thuý", "thúy"),
        ("quý", "quý"),
        ("a  \u00a0 b", "a b"),
        ("dòng 1\r\n\r\n  dòng 2  ", "dòng 1\ndòng 2"),
        ("x\u200by", "xy"),
        ("tham nh\u200dũng", "tham nhũng"),  # a joiner inside a Vietnamese word hides it from no rule
    ],
)
def test_normalize(raw: str, expected: str) -> None:
    assert normalize(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Thanh Hoá", "Thanh Hoá"),  # the publisher's tone-mark placement is kept
        ("thuỷ lợi", "thuỷ lợi"),
        ("a  \u00a0 b", "a b"),
        ("dòng 1\r\n\r\n  dòng 2  ", "dòng 1\ndòng 2"),
        (unicodedata.normalize("NFD", "Lạng Sơn"), "Lạng Sơn"),
        ("می\u200cخواهم", "می\u200cخواهم"),  # Persian: the zero-width non-joiner is spelling
        ("क्\u200dष", "क्\u200dष"),  # Devanagari: the zero-width joiner is spelling
        ("x\u200by\ufeff", "xy"),  # a zero-width space and a byte-order mark are not
    ],
)
def test_tidy_keeps_the_spelling(raw: str, expected: str) -> None:
    assert tidy(raw) == expected


def test_normalize_returns_nfc() -> None:
    decomposed = unicodedata.normalize("NFD", "Lạng Sơn")
    assert normalize(decomposed) == "Lạng Sơn"
    assert unicodedata.is_normalized("NFC", normalize(decomposed))


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Đắk Lắk", "dak lak"),
        ("ĐƯỜNG", "duong"),
        ("ô nhiễm", "o nhiem"),
        ("Hữu Nghị", "huu nghi"),
        ("Hữu Ngh\u200dị", "huu nghi"),
    ],
)
def test_fold(raw: str, expected: str) -> None:
    assert fold(raw) == expected


def test_words_drop_punctuation() -> None:
    assert words("Ô nhiễm, (nặng)!") == ["ô", "nhiễm", "nặng"]
