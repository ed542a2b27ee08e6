"""Text normalisation for Vietnamese: NFC, one tone-mark placement, folding for search keys."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_WS = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
# Characters that reorder displayed text (RLO/LRO overrides, embeddings, isolates, marks): a title
# "‮ầd" shows reversed. Dropped from stored titles and from everything duluan renders or sends.
BIDI_CONTROLS = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
_BIDI = re.compile(f"[{BIDI_CONTROLS}]")
# Dropped from every text: C0 controls, the zero-width space, the byte-order mark, bidi controls. The
# zero-width (non-)joiners are kept where text is stored: they belong to the spelling of Persian and
# Indic words and of emoji sequences; the matching forms (`normalize`, `fold`) drop them.
_CONTROL = re.compile(f"[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u200b\ufeff{BIDI_CONTROLS}]")
_JOINERS = re.compile("[\u200c\u200d]")


def strip_bidi(text: str | None) -> str | None:
    """`text` without bidirectional control characters (None stays None)."""
    return None if text is None else _BIDI.sub("", text)


_WORD = re.compile(r"[^\W_]+")


@lru_cache(maxsize=65536)
def _token(token: str) -> str:
    # underthesea's per-token normaliser moves old-style tone marks ("hoà" -> "hòa", "thuý" -> "thúy").
    from underthesea.pipeline.text_normalize.token_normalize import token_normalize

    return str(token_normalize(token))


def tidy(text: str) -> str:
    """NFC, control characters dropped, blanks collapsed inside lines, empty lines dropped — and the
    publisher's spelling kept ("Thanh Hoá" stays "Thanh Hoá", a Persian word keeps its zero-width
    non-joiner): the form stored and shown."""
    text = unicodedata.normalize("NFC", text)
    text = _CONTROL.sub("", text).replace("\r\n", "\n").replace("\r", "\n")
    lines = (_WS.sub(" ", line).strip() for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


def normalize(text: str) -> str:
    """`tidy`, then one tone-mark placement per syllable (underthesea's `token_normalize`): the form
    matched and analysed, never the one stored or shown."""
    text = _JOINERS.sub("", tidy(text))
    # Only words whose tone marks move are rewritten (most texts have none: no substitution at all).
    changed = {w: n for w in set(_WORD.findall(text)) if (n := _token(w)) != w}
    if not changed:
        return text
    return _WORD.sub(lambda m: changed.get(m.group(0), m.group(0)), text)


class _FoldTable(dict[int, str]):
    """`str.translate` table filled on first use: a character -> its letters without combining marks
    (the per-character form of NFD + dropping marks, which is what the whole-string form does)."""

    def __missing__(self, code: int) -> str:
        char = chr(code)
        if char in "\u200c\u200d":  # a joiner: no letter of the key
            self[code] = ""
            return ""
        base = "d" if char in "đĐ" else unicodedata.normalize("NFD", char)
        base = "".join(c for c in base if not unicodedata.combining(c))
        self[code] = base
        return base


_FOLD_TABLE = _FoldTable()


def fold(text: str) -> str:
    """ASCII search key: lower case, diacritics removed, đ -> d ("Đắk Lắk" -> "dak lak")."""
    return _WS.sub(" ", text.translate(_FOLD_TABLE).lower()).strip()


def fold_words(text: str) -> list[str]:
    """The words (runs of letters and digits) of `fold(text)`, without re-spacing the text first."""
    return _WORD.findall(text.translate(_FOLD_TABLE).lower())


def words(text: str) -> list[str]:
    """Lower-cased word tokens (letters and digits) of normalised text."""
    return _WORD.findall(normalize(text).lower())


def head(text: str | None, limit: int) -> str:
    """The first `limit` characters of `text`, cut at the last paragraph (else word) break before the
    limit when there is one in its second half: memory and time stay bounded on a huge page."""
    text = text or ""
    if len(text) <= limit:
        return text
    cut = text.rfind("\n", 0, limit)
    if cut < limit // 2:
        cut = text.rfind(" ", 0, limit)
    return text[: cut if cut >= limit // 2 else limit]
