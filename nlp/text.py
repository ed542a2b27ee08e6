"""Text normalisation for Vietnamese: NFC, one tone-mark placement, folding for search keys."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_WS = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_CONTROL = re.compile(r"[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u200b-\u200f\ufeff]")
_WORD = re.compile(r"[^\W_]+")


@lru_cache(maxsize=65536)
def _token(token: str) -> str:
    # underthesea's per-token normaliser moves old-style tone marks ("hoà" -> "hòa", "thuý" -> "thúy").
    from underthesea.pipeline.text_normalize.token_normalize import token_normalize

    return str(token_normalize(token))


def normalize(text: str) -> str:
    """NFC, control characters dropped, blanks collapsed inside lines, empty lines dropped,
    one tone-mark placement per syllable (underthesea's `token_normalize`)."""
    text = unicodedata.normalize("NFC", text)
    text = _CONTROL.sub("", text).replace("\r\n", "\n").replace("\r", "\n")
    lines = (_WS.sub(" ", line).strip() for line in text.split("\n"))
    text = "\n".join(line for line in lines if line)
    return _WORD.sub(lambda m: _token(m.group(0)), text)


def _fold_table() -> dict[int, str]:
    """Each precomposed Latin letter -> its base letter in lower case (đ -> d)."""
    table = {ord("đ"): "d", ord("Đ"): "d"}
    for code in range(0xC0, 0x2000):
        char = chr(code)
        base = "".join(c for c in unicodedata.normalize("NFD", char) if not unicodedata.combining(c))
        if base != char and base.isascii() and base.isalpha():
            table[code] = base.lower()
    return table


_FOLD = _fold_table()
_COMBINING = re.compile(r"[\u0300-\u036f]")


def fold(text: str) -> str:
    """ASCII search key: lower case, diacritics removed, đ -> d ("Đắk Lắk" -> "dak lak")."""
    text = _COMBINING.sub("", unicodedata.normalize("NFD", text.translate(_FOLD)))
    return _WS.sub(" ", text.lower()).strip()


def words(text: str) -> list[str]:
    """Lower-cased word tokens (letters and digits) of normalised text."""
    return _WORD.findall(normalize(text).lower())
