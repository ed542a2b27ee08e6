"""Places named in an article (from the gazetteer) and its local relevance: does it concern the province?

Local relevance adds, for every place of the province named, a weight (1 for a name only the province
has, 0.3 for a unit name other provinces share) times the weight of the zone it is named in (title x3,
sapo and lead x2, body x1, late body x0.5); a name repeated adds little (1 + 0.25 per further zone).
Other provinces named count against it. score = (1 - e^(-L/2)) * L / (L + 0.5 O), local when >= 0.5:
one clear name in the lead (L = 2) gives 0.63; a passing mention in the body of a national article
(L = 1, O = 2) gives 0.2.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from nlp.gazetteer import Gazetteer, Place, gazetteer
from nlp.text import normalize
from nlp.tokens import Token, joined, match_at, spaced, tokenize

_QUALIFIER_GAP = re.compile(r"\.?\s*")  # "TP.Lạng Sơn", "TP. Lạng Sơn"
_SENTENCE_END = re.compile(r"[.!?;]\s|\n")
_SENTENCE_START = re.compile(r"[.!?;:\n\"“(]")
_CHAIN_CHARS = 90  # "xã Tân Thành, huyện Hữu Lũng, tỉnh Lạng Sơn": the address goes on this far
GENERIC_QUALIFIERS = frozenset(
    {"thôn", "bản", "khối", "xóm", "làng", "ấp", "tổ dân phố", "khu phố"}
    | {"suối", "sông", "hồ", "núi", "đèo", "chợ", "phố", "đường"}
)
ZONE_WEIGHT = {"title": 3.0, "sapo": 2.0, "lead": 2.0, "body": 1.0, "late": 0.5}
AMBIGUOUS_WEIGHT = 0.3
LOCAL_THRESHOLD = 0.5


@dataclass(frozen=True)
class Mention:
    place: Place
    start: int
    end: int


@dataclass(frozen=True)
class Locality:
    places: tuple[str, ...]  # names as displayed, most weighty first
    units: tuple[str, ...]  # the province's units concerned, as named since 2025
    score: float
    local: bool


def _qualifier(g: Gazetteer, text: str, tokens: list[Token], i: int) -> str | None:
    for size in range(min(g.max_qualifier, i), 0, -1):
        found = g.qualifiers.get(tuple(t.lower for t in tokens[i - size : i]))
        if found is None:
            continue
        if spaced(text, tokens, i - size, i) and _QUALIFIER_GAP.fullmatch(
            text[tokens[i - 1].end : tokens[i].start]
        ):
            return found
    return None


def _resolve_chains(text: str, mentions: list[Mention]) -> list[Mention]:
    """A unit name other provinces share belongs to the province named after it in its address
    ("xã Tân Thành, huyện Hàm Thuận Nam, tỉnh Bình Thuận" is not ours); kept unsure otherwise."""
    out = []
    for n, mention in enumerate(mentions):
        place: Place = mention.place
        keep = True
        if place.local and not place.specific:
            for later in mentions[n + 1 :]:
                between = text[mention.end : later.start]
                if later.start - mention.end > _CHAIN_CHARS or _SENTENCE_END.search(between):
                    break
                if later.place.kind in ("province", "former_district", "locality"):
                    keep = later.place.local
                    if later.place.local and later.place.specific:
                        place = Place(place.name, place.kind, True, True, place.now)
                    break
        if keep:
            out.append(Mention(place, mention.start, mention.end))
    return out


def find_mentions(text: str, tokens: list[Token] | None = None) -> list[Mention]:
    """Places named in a normalised text, in order (longest name first where names overlap)."""
    g = gazetteer()
    tokens = tokenize(text) if tokens is None else tokens
    mentions: list[Mention] = []
    i = 0
    while i < len(tokens):
        found = None
        if tokens[i].upper:
            for name in g.names.get(tokens[i].lower, ()):
                size = len(name.syllables)
                if not match_at(tokens, i, name.syllables) or not joined(text, tokens, i, i + size):
                    continue
                run = tokens[i : i + size]
                if any(cap and not t.upper for t, cap in zip(run, name.capitals, strict=True)):
                    continue
                qualifier = _qualifier(g, text, tokens, i)
                if qualifier is None and _inside_a_name(text, tokens, i):
                    continue
                place = name.places.get(qualifier) if qualifier else name.places.get(None)
                if place is None and qualifier is not None and qualifier not in _ADMIN:
                    place = name.places.get(None)  # "chợ Chi Ma": not an administrative qualifier
                if place is not None:
                    found = (place, size)
                    break
        if found is None and tokens[i].upper:
            found = _generic(text, tokens, i)
        if found is None:
            i += 1
            continue
        place, size = found
        mentions.append(Mention(place, tokens[i].start, tokens[i + size - 1].end))
        i += size
    return _resolve_chains(text, mentions)


def _inside_a_name(text: str, tokens: list[Token], i: int) -> bool:
    """A bare name right after a capitalised word that does not start a sentence is part of a longer
    name: "Công ty TNHH Bắc Sơn", "ông Nguyễn Văn Lãng", "báo Lạng Sơn"; "Tại Lạng Sơn" is not."""
    if i == 0 or not tokens[i - 1].upper or not text[tokens[i - 1].end : tokens[i].start].isspace():
        return False
    if i == 1:
        return False
    return not _SENTENCE_START.search(text[tokens[i - 2].end : tokens[i - 1].start])


def _generic(text: str, tokens: list[Token], i: int) -> tuple[Place, int] | None:
    """A village, stream, mountain, market or street the gazetteer does not hold: "thôn Nà Pàn",
    "suối Bản Chắt". Where it lies is unknown, so it counts neither for nor against local relevance."""
    for size in (3, 2, 1):
        if i - size < 0 or not spaced(text, tokens, i - size, i + 1):
            continue
        qualifier = " ".join(t.text for t in tokens[i - size : i])
        if qualifier in GENERIC_QUALIFIERS:  # lower case: "Hồ Văn A" is a person, "hồ Bản Lải" a lake
            end = i
            while (
                end < len(tokens) and end - i < 4 and tokens[end].upper and spaced(text, tokens, i, end + 1)
            ):
                end += 1
            name = f"{qualifier} {text[tokens[i].start : tokens[end - 1].end]}"
            return Place(name=name, kind="place", local=False, specific=False), end - i
    return None


_ADMIN = {"xã", "phường", "thị trấn", "huyện", "thành phố", "thị xã", "tỉnh"}


def find_places(text: str) -> list[str]:
    """Names of the places in a text (normalised here), most frequent first."""
    counts: dict[str, int] = defaultdict(int)
    for mention in find_mentions(normalize(text)):
        counts[mention.place.name] += 1
    return sorted(counts, key=lambda n: (-counts[n], n))


def locality(zoned: Iterable[tuple[str, str]]) -> Locality:
    """Places and local relevance of an article given as (zone, normalised paragraph) pairs."""
    return locality_of((zone, find_mentions(text)) for zone, text in zoned)


def locality_of(zoned: Iterable[tuple[str, list[Mention]]]) -> Locality:
    """Places and local relevance from the mentions found in each zone's paragraphs."""
    best: dict[str, float] = {}
    zones_of: dict[str, int] = defaultdict(int)
    places: dict[str, Place] = {}
    for zone, mentions in zoned:
        seen = set()
        for mention in mentions:
            name = mention.place.name
            places[name] = mention.place
            best[name] = max(best.get(name, 0.0), ZONE_WEIGHT.get(zone, 1.0))
            if name not in seen:
                zones_of[name] += 1
                seen.add(name)
    local = other = 0.0
    for name, place in places.items():
        weight = best[name] * (1 + 0.25 * (zones_of[name] - 1))
        if place.local:
            local += weight * (1.0 if place.specific else AMBIGUOUS_WEIGHT)
        elif place.kind == "province":
            other += weight
    score = (1 - math.exp(-local / 2)) * local / (local + 0.5 * other) if local else 0.0
    is_local = score >= LOCAL_THRESHOLD
    shown = [n for n, p in places.items() if p.specific or is_local or not p.local]
    shown.sort(key=lambda n: (-best[n] * zones_of[n], n))
    return Locality(
        places=tuple(shown),
        units=_units(places[n] for n in shown if places[n].local),
        score=round(score, 3),
        local=is_local,
    )


def _units(places: Iterable[Place]) -> tuple[str, ...]:
    """The units since 2025 that the places lie in (a former unit -> the unit it went into)."""
    out: dict[str, None] = {}
    for place in places:
        if place.kind == "unit":
            out.setdefault(place.name, None)
        for unit in place.now:
            out.setdefault(unit, None)
    return tuple(out)


def local_score(*, title: str, lead: str, body: str) -> float:
    """0..1: how strongly the article concerns the province (names in the title and lead weigh more)."""
    zoned: Sequence[tuple[str, str]] = [
        ("title", normalize(title)),
        ("lead", normalize(lead)),
        *(("body", p) for p in normalize(body).split("\n")),
    ]
    return locality(zoned).score
