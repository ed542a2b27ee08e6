"""Highlighted snippets cut from the original text (with its diacritics), for the parsed query.

The engines index folded text, so their own highlighters would show "o nhiem"; here the original text
is folded character by character (same length, so offsets carry over) and the query's words are found
in it by one regular expression, the same way on SQLite and PostgreSQL. A `Snippet` is plain segments:
whoever renders it escapes the text (`html()` does).
"""

from __future__ import annotations

import html
import re
import unicodedata
from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from itertools import islice

from nlp.text import fold
from storage.search_query import Words

WINDOW_CHARS = 240
SCAN_CHARS = 20_000  # matches are looked for in the first characters of a long text only
MAX_CANDIDATES = 64
_NOT_WORD = r"[\W_]"


Segment = tuple[str, bool]  # (text, is a match)


@dataclass(frozen=True)
class Snippet:
    """Text segments; the ones with `True` match the query."""

    segments: tuple[Segment, ...]

    @property
    def text(self) -> str:
        return "".join(s for s, _ in self.segments)

    @property
    def spans(self) -> list[tuple[int, int]]:
        """(start, end) offsets of the matches in `text`."""
        out, pos = [], 0
        for piece, hit in self.segments:
            if hit:
                out.append((pos, pos + len(piece)))
            pos += len(piece)
        return out

    def marked(self, start: str = "«", end: str = "»") -> str:
        return "".join(f"{start}{s}{end}" if hit else s for s, hit in self.segments)

    def html(self, tag: str = "mark") -> str:
        return "".join(
            f"<{tag}>{html.escape(s)}</{tag}>" if hit else html.escape(s) for s, hit in self.segments
        )


class _OneToOne(dict[int, str]):
    """translate table: each character -> one character of its folded form (offsets stay aligned)."""

    def __missing__(self, code: int) -> str:
        folded = fold(chr(code))
        self[code] = value = folded[0] if folded else chr(code)
        return value


_ONE_TO_ONE = _OneToOne()


@lru_cache(maxsize=256)
def _pattern(terms: tuple[Words, ...]) -> re.Pattern[str]:
    """Each term as words separated by non-word characters, not followed by a letter or digit; longest
    terms first. The "not preceded by a letter or digit" half is checked by `_matches`: a look-behind
    in front of every alternative makes `re` try each alternative at each position (10x slower)."""
    alternatives = []
    for term in sorted(terms, key=lambda t: -sum(map(len, t.words))):
        body = (_NOT_WORD + "+").join(re.escape(w) for w in term.words)
        tail = r"[^\W_]*" if term.prefix else ""
        alternatives.append(body + tail)
    return re.compile("(?:" + "|".join(alternatives) + r")(?![^\W_])")


def _matches(pattern: re.Pattern[str], folded: str, start: int, end: int) -> Iterator[tuple[int, int, str]]:
    r"""(start, end, text) of each match in folded[start:end] that begins a word (what a look-behind
    `(?<![^\W_])` shared by all alternatives gives: on a refused position the search resumes one
    character later, so no match is skipped)."""
    pos = start
    while (m := pattern.search(folded, pos, end)) is not None:
        a = m.start()
        if a > 0 and folded[a - 1].isalnum():
            pos = a + 1
            continue
        yield a, m.end(), m.group()
        pos = m.end() if m.end() > a else a + 1


def _window(text: str, hits: list[tuple[int, int, str]], width: int) -> tuple[int, int]:
    """[start, end) of about `width` characters holding the most distinct matched terms."""
    if len(text) <= width:
        return 0, len(text)
    best, best_start = -1, 0
    starts = [a for a, _, _ in hits]
    for anchor, _, _ in hits or [(0, 0, "")]:
        start = max(0, anchor - width // 4)
        # hits are ordered and do not overlap: those inside [start, start + width] are one run
        first = bisect_left(starts, start)
        inside = set()
        for _, b, t in islice(hits, first, None):
            if b > start + width:
                break
            inside.add(t)
        if len(inside) > best:
            best, best_start = len(inside), start
    start = min(best_start, len(text) - width)
    if start > 0:
        space = text.find(" ", start, start + 20)
        start = space + 1 if space >= 0 else start
    end = start + width
    if end < len(text):
        space = text.rfind(" ", end - 20, end)
        end = space if space > start else end
    return start, end


def highlight(text: str, terms: list[Words], *, width: int | None = WINDOW_CHARS) -> Snippet:
    """The best window of about `width` characters of `text` (all of it when None), matches marked."""
    text = " ".join(unicodedata.normalize("NFC", text[: SCAN_CHARS if width else None]).split())
    if not terms:
        return Snippet(((text[:width] if width else text, False),))
    folded = text.translate(_ONE_TO_ONE)  # already lower case, same length as `text`
    pattern = _pattern(tuple(terms))
    # the window is chosen among the first matches; then every match inside it is marked
    candidates = list(islice(_matches(pattern, folded, 0, len(folded)), MAX_CANDIDATES))
    first, last = _window(text, candidates, width) if width else (0, len(text))
    hits = _matches(pattern, folded, first, last)
    segments: list[tuple[str, bool]] = [("…", False)] if first > 0 else []
    pos = first
    for start, stop, _ in hits:
        if start < first or stop > last:
            continue
        if start > pos:
            segments.append((text[pos:start], False))
        segments.append((text[start:stop], True))
        pos = stop
    if pos < last:
        segments.append((text[pos:last], False))
    if last < len(text):
        segments.append(("…", False))
    return Snippet(tuple(segments))
