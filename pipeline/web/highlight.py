"""Mark the query's words in a snippet, accent-insensitively ("suoi" marks "suối")."""

from __future__ import annotations

import unicodedata

from nlp.text import fold

Segment = tuple[str, bool]  # (text, is a match)


def _fold_char(ch: str) -> str:
    if ch in "đĐ":
        return "d"
    decomposed = unicodedata.normalize("NFD", ch)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def segments(text: str, query: str) -> list[Segment]:
    """`text` cut into pieces, the pieces whose folded form is a folded query word flagged True.

    The template escapes every piece and wraps flagged ones in <mark>, so no crawled text is ever
    treated as markup.
    """
    terms = sorted({t for t in fold(query).split() if t}, key=len, reverse=True)
    if not text or not terms:
        return [(text, False)] if text else []
    folded: list[str] = []
    origin: list[int] = []  # folded position -> index in text
    for i, ch in enumerate(text):
        for f in _fold_char(ch):
            folded.append(f)
            origin.append(i)
    flat = "".join(folded)
    marked = [False] * len(text)
    for term in terms:
        start = flat.find(term)
        while start >= 0:
            for k in range(start, start + len(term)):
                marked[origin[k]] = True
            start = flat.find(term, start + len(term))
    out: list[Segment] = []
    for i, ch in enumerate(text):
        if out and out[-1][1] == marked[i]:
            out[-1] = (out[-1][0] + ch, marked[i])
        else:
            out.append((ch, marked[i]))
    return out
