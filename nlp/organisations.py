"""Agencies and organisations named in a text, in one canonical form.

"Ủy ban nhân dân tỉnh Lạng Sơn", "UBND tỉnh Lạng Sơn" and "UBND Tỉnh Lạng Sơn" are all
"UBND tỉnh Lạng Sơn"; "Sở TN&MT" is "Sở Tài nguyên và Môi trường"; "Công an TP Lạng Sơn" is
"Công an thành phố Lạng Sơn". The forms and levels are data (nlp/data/organisations.yaml).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources

import yaml

from nlp.gazetteer import gazetteer
from nlp.person_words import surnames
from nlp.text import normalize
from nlp.tokens import Token, joined, match_at, spaced, syllables_of, tokenize

MAX_NAME = 5  # capitalised syllables after a level word ("xã Hoàng Văn Thụ")
_LEGAL_FORMS = tuple(
    syllables_of(f)
    for f in ("trách nhiệm hữu hạn một thành viên", "trách nhiệm hữu hạn", "cổ phần", "một thành viên")
)


@dataclass(frozen=True)
class Form:
    syllables: tuple[str, ...]
    name: str  # canonical name of the agency
    needs_place: bool
    named: bool  # a head followed by the organisation's own name ("Công ty", "Ngân hàng")


@dataclass(frozen=True)
class OrgSpan:
    name: str  # canonical
    start: int  # token index
    end: int  # token index after the last


@dataclass(frozen=True)
class _Table:
    forms: dict[str, tuple[Form, ...]]  # first syllable -> forms, longest first
    levels: dict[tuple[str, ...], str]  # level syllables -> canonical level word
    max_level: int


@cache
def _table() -> _Table:
    data = yaml.safe_load(resources.files("nlp").joinpath("data/organisations.yaml").read_text("utf-8"))
    forms: dict[str, list[Form]] = {}
    for agency in data["agencies"]:
        for form in agency["forms"]:
            f = Form(syllables_of(form), agency["name"], bool(agency.get("needs_place")), False)
            forms.setdefault(f.syllables[0], []).append(f)
    for head in data["named_heads"]:
        f = Form(syllables_of(head), head, False, True)
        forms.setdefault(f.syllables[0], []).append(f)
    levels = {syllables_of(k): v for k, v in data["levels"].items()}
    return _Table(
        forms={k: tuple(sorted(v, key=lambda f: -len(f.syllables))) for k, v in forms.items()},
        levels=levels,
        max_level=max(len(k) for k in levels),
    )


def _place_run(text: str, tokens: list[Token], i: int, *, known_only: bool) -> int:
    """End of the place name starting at token i: a gazetteer name if one starts there, else (unless
    `known_only`) the capitalised run, at most MAX_NAME syllables. Returns i when there is none."""
    if i >= len(tokens) or not tokens[i].upper:
        return i
    for name in gazetteer().names.get(tokens[i].lower, ()):
        size = len(name.syllables)
        if match_at(tokens, i, name.syllables) and joined(text, tokens, i, i + size):
            return i + size
    if known_only:
        return i
    j = i
    while j < len(tokens) and j - i < MAX_NAME and tokens[j].upper and joined(text, tokens, i, j + 1):
        j += 1
    return j


def _known_place(tokens: list[Token], i: int, end: int) -> bool:
    return any(
        len(name.syllables) == end - i and match_at(tokens, i, name.syllables)
        for name in gazetteer().names.get(tokens[i].lower, ())
    )


def _level(text: str, tokens: list[Token], i: int) -> tuple[str, int] | None:
    table = _table()
    for size in range(table.max_level, 0, -1):
        key = tuple(t.lower for t in tokens[i : i + size])
        if len(key) == size and key in table.levels:
            gap = text[tokens[i - 1].end : tokens[i].start] if i else " "
            if gap.isspace() and spaced(text, tokens, i, i + size):
                return table.levels[key], i + size
    return None


def _jurisdiction(text: str, tokens: list[Token], i: int) -> tuple[str, int]:
    """The jurisdiction after an agency ("tỉnh Lạng Sơn", "TP Lạng Sơn", "Lạng Sơn", "tỉnh") and the
    token index after it; ("", i) when there is none."""
    level = _level(text, tokens, i)
    if level is not None:
        word, j = level
        end = _place_run(text, tokens, j, known_only=False)
        if end > j and not _known_place(tokens, j, end) and tokens[j].lower in surnames():
            end = j  # "Chủ tịch UBND tỉnh Hồ Văn A": the name after the level is a person's
        if end > j and text[tokens[j - 1].end : tokens[j].start].strip(" .") == "":
            return f"{word} {text[tokens[j].start : tokens[end - 1].end]}", end
        return word, j
    end = _place_run(text, tokens, i, known_only=True)
    if end > i and spaced(text, tokens, i - 1, end):
        return text[tokens[i].start : tokens[end - 1].end], end
    return "", i


def _named(text: str, tokens: list[Token], form: Form, i: int) -> OrgSpan | None:
    """A named organisation: head, legal form, then its capitalised name ("Công ty TNHH Hưng Phát")."""
    j = i + len(form.syllables)
    legal = ""
    for syllables in _LEGAL_FORMS:
        if match_at(tokens, j, syllables):
            legal = " ".join(t.text for t in tokens[j : j + len(syllables)])
            j += len(syllables)
            break
    lower = 0  # "Nhà máy xi măng Đồng Bành": lower-case words before the name
    while lower < 2 and j + lower < len(tokens) and not tokens[j + lower].upper:
        lower += 1
    if (
        lower
        and j + lower < len(tokens)
        and tokens[j + lower].upper
        and spaced(text, tokens, j, j + lower + 1)
    ):
        j += lower
    end = j
    while end < len(tokens) and end - j < MAX_NAME + 2 and spaced(text, tokens, j, end + 1):
        if tokens[end].upper:
            end += 1
        elif end > j and end + 1 < len(tokens) and tokens[end + 1].upper and spaced(text, tokens, j, end + 2):
            end += 2  # "Xi măng Đồng Bành", "Chi nhánh Lạng Sơn": a word whose second syllable is lower case
        else:
            break
    if end == j:
        return None
    head = text[tokens[i].start : tokens[i + len(form.syllables) - 1].end]
    if lower and not legal:
        head = text[tokens[i].start : tokens[j - 1].end]
    name = " ".join(x for x in (head, legal, text[tokens[j].start : tokens[end - 1].end]) if x)
    return OrgSpan(name, i, end)


def find_spans(text: str, tokens: list[Token] | None = None) -> list[OrgSpan]:
    """Organisations in a normalised text, with their token spans (`tokens`: its tokens, if known)."""
    table = _table()
    tokens = tokenize(text) if tokens is None else tokens
    spans: list[OrgSpan] = []
    i = 0
    while i < len(tokens):
        span = None
        for form in table.forms.get(tokens[i].lower, ()):
            size = len(form.syllables)
            if not (match_at(tokens, i, form.syllables) and joined(text, tokens, i, i + size)):
                continue
            if form.named:
                span = _named(text, tokens, form, i) if tokens[i].upper else None
            else:
                place, end = _jurisdiction(text, tokens, i + size)
                if place or (tokens[i].upper and not form.needs_place):
                    span = OrgSpan(f"{form.name} {place}".strip(), i, end)
            if span is not None:
                break
        if span is None:
            i += 1
            continue
        spans.append(span)
        i = span.end
    return spans


def find_organisations(text: str) -> list[str]:
    """Canonical names of the organisations in a text (normalised here), in order of first mention."""
    seen: dict[str, None] = {}
    for span in find_spans(normalize(text)):
        seen.setdefault(span.name, None)
    return list(seen)
