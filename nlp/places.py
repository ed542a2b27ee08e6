"""Places of the province from a gazetteer, and a local-relevance score (first version)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

import yaml

from nlp.text import normalize

_ORG = re.compile(
    r"\b(?:UBND|HĐND|TAND|VKSND|Ủy ban nhân dân|Hội đồng nhân dân|Tòa án nhân dân|Viện [Kk]iểm sát nhân dân"
    r"|Công an|Sở|Ban|Cục|Chi cục|Bộ đội [Bb]iên phòng|Đồn [Bb]iên phòng)"
    r"(?:\s+(?:tỉnh|huyện|xã|phường|thành phố|[A-ZĐ][\wÀ-ỹ]*))+"
)


@dataclass(frozen=True)
class Gazetteer:
    province: str
    names: tuple[str, ...]
    pattern: re.Pattern[str]


@cache
def gazetteer() -> Gazetteer:
    data = yaml.safe_load(resources.files("nlp").joinpath("data/lang_son.yaml").read_text(encoding="utf-8"))
    names = [data["province"]]
    for group in ("areas", "units", "border_gates", "landmarks"):
        names.extend(data.get(group, []))
    bare = {re.sub(r"^(?:xã|phường|thành phố|Thành phố)\s+", "", n) for n in names}
    ordered = sorted(set(names) | bare, key=len, reverse=True)
    pattern = re.compile(r"(?<![\wÀ-ỹ])(" + "|".join(re.escape(n) for n in ordered) + r")(?![\wÀ-ỹ])")
    return Gazetteer(data["province"], tuple(ordered), pattern)


def find_places(text: str) -> list[str]:
    """Gazetteer names found in the text, most frequent first."""
    counts: dict[str, int] = {}
    for match in gazetteer().pattern.finditer(normalize(text)):
        counts[match.group(1)] = counts.get(match.group(1), 0) + 1
    return sorted(counts, key=lambda n: (-counts[n], n))


def find_organisations(text: str) -> list[str]:
    seen: dict[str, None] = {}
    for match in _ORG.finditer(normalize(text)):
        seen.setdefault(match.group(0).strip(), None)
    return list(seen)


def local_score(*, title: str, lead: str, body: str) -> float:
    """0..1: how strongly the article concerns the province (names in title/lead weigh more)."""
    province = gazetteer().province
    score = 0.0
    if province in title or find_places(title):
        score += 0.6
    if province in lead or find_places(lead):
        score += 0.3
    hits = len(gazetteer().pattern.findall(body))
    score += min(hits, 5) * 0.08
    return round(min(score, 1.0), 3)
