"""Syllable tokens of a normalised text with their case and offsets (for names: places, agencies, people)."""

from __future__ import annotations

import re
from dataclasses import dataclass

SYLLABLE = re.compile(r"[^\W_]+")
_NAME_GAP = re.compile(r"[ \t]*(?:[-–—&.][ \t]*)?")  # inside a name: "TN&MT", "Hữu Nghị – Chi Lăng"


@dataclass(frozen=True, slots=True)
class Token:
    text: str
    lower: str
    start: int
    end: int

    @property
    def upper(self) -> bool:
        """Capitalised ("Lạng", "UBND"); digits are not."""
        return self.text[0].isupper()


def tokenize(text: str) -> list[Token]:
    return [Token(m.group(), m.group().lower(), m.start(), m.end()) for m in SYLLABLE.finditer(text)]


def syllables_of(text: str) -> tuple[str, ...]:
    return tuple(s.lower() for s in SYLLABLE.findall(text))


def joined(text: str, tokens: list[Token], i: int, j: int) -> bool:
    """Tokens i..j-1 follow each other inside one name (only blanks or a joining mark between)."""
    return all(_NAME_GAP.fullmatch(text[tokens[k - 1].end : tokens[k].start]) for k in range(i + 1, j))


def spaced(text: str, tokens: list[Token], i: int, j: int) -> bool:
    """Tokens i..j-1 are separated by blanks only."""
    return all(text[tokens[k - 1].end : tokens[k].start].isspace() for k in range(i + 1, j))


def match_at(tokens: list[Token], i: int, syllables: tuple[str, ...]) -> bool:
    n = len(syllables)
    return i + n <= len(tokens) and all(tokens[i + k].lower == syllables[k] for k in range(n))


def word_ends(text: str, words: tuple[str, ...] | list[str]) -> dict[int, int]:
    """Offset where each segmented word of several syllables starts -> where it ends ("Điều hành"),
    from the words of `nlp.segment` over this same text."""
    out: dict[int, int] = {}
    at = 0
    for word in words:
        found = text.find(word, at)
        if found < 0:
            continue
        at = found + len(word)
        if " " in word:
            out[found] = at
    return out
