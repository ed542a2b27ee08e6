"""Extractive summaries: the 2–3 sentences of a story's lead article that best say what the story is about.

A sentence scores by the word pairs it shares with the other articles of the story (what several outlets
repeat is the core of the event), with a small bonus for coming early (Vietnamese news puts the facts in
the lead). The chosen sentences keep their order in the article.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from itertools import pairwise

from nlp.text import words
from pipeline.render import clip
from storage.records import ArticleView

_END = re.compile(r"[.!?…]+[\"”’)]*(?=\s)")
_ABBREVIATIONS = frozenset({"tp", "tt", "ths", "ts", "pgs", "gs", "bs", "ks", "ls", "st", "v.v", "mr", "q"})
MAX_SENTENCE = 320
MAX_CANDIDATES = 12


def sentences(text: str) -> list[str]:
    """Sentences of a text: split after . ! ? … followed by a blank and a capital, a digit or a quote,
    except after an abbreviation ("TP. Lạng Sơn", "ThS. Nguyễn")."""
    out: list[str] = []
    for paragraph in text.split("\n"):
        paragraph = paragraph.strip()
        start = 0
        for match in _END.finditer(paragraph):
            rest = paragraph[match.end() :].lstrip()
            before = paragraph[start : match.start()].split()
            last = before[-1].lower() if before else ""
            if not rest or not (rest[0].isupper() or rest[0].isdigit() or rest[0] in "\"“'‘("):
                continue
            if last in _ABBREVIATIONS or (len(last) == 1 and last.isalpha()):
                continue
            out.append(paragraph[start : match.end()].strip())
            start = match.end()
        if paragraph[start:].strip():
            out.append(paragraph[start:].strip())
    return [s for s in out if len(words(s)) >= 3]


def _pairs(text: str) -> set[tuple[str, str]]:
    tokens = words(text)
    return set(pairwise(tokens))


def summarize(lead: ArticleView, members: Sequence[ArticleView], *, most: int = 3, least: int = 2) -> str:
    """2–3 sentences of the lead article (fewer only when it has fewer), at most ~600 characters."""
    pool = sentences(lead.sapo or "") + sentences(lead.text)
    candidates = list(dict.fromkeys(clip(s, MAX_SENTENCE) for s in pool))[:MAX_CANDIDATES]
    if not candidates:
        return clip(lead.display_title, MAX_SENTENCE)
    others = [a for a in members if a.id != lead.id] or [lead]
    weight: Counter[tuple[str, str]] = Counter()
    for a in others:
        weight.update(_pairs(f"{a.title or ''}\n{a.sapo or ''}"))
    scored = []
    for i, sentence in enumerate(candidates):
        pairs = _pairs(sentence)
        overlap = sum(weight[p] for p in pairs) / (len(pairs) ** 0.5 or 1.0)
        scored.append((overlap + 1.5 / (1 + i), i))
    chosen: list[int] = []
    total = 0
    for _, i in sorted(scored, reverse=True):
        if len(chosen) >= most or (len(chosen) >= least and total + len(candidates[i]) > 600):
            break
        chosen.append(i)
        total += len(candidates[i])
    return " ".join(candidates[i] for i in sorted(chosen))
