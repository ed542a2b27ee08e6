"""Stories: articles about the same event over days and outlets, grouped (pure functions)."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache

from nlp.gazetteer import gazetteer

# Words every crime, incident or administration story uses: sharing them says nothing about the event.
GENERIC_TERMS = frozenset(
    (
        "công an",
        "địa bàn",
        "trên địa bàn",
        "đối tượng",
        "bắt giữ",
        "hoạt động",
        "người dân",
        "cơ quan",
        "chức năng",
        "phối hợp",
        "triển khai",
        "thực hiện",
        "tổ chức",
        "kiểm tra",
        "lực lượng",
        "vụ việc",
        "thông tin",
        "cho biết",
        "quy định",
        "pháp luật",
        "xử lý",
        "tình trạng",
        "khu vực",
        "điều tra",
        "làm rõ",
        "tỉnh",
        "ủy ban",
        "nhân dân",
        "ủy ban nhân dân",
        "chính quyền",
        "hiện nay",
        "thời gian",
        "vừa qua",
        "cán bộ",
        "đơn vị",
        "địa phương",
        "trường hợp",
        "vi phạm",
        "đề nghị",
        "yêu cầu",
        "giải quyết",
        "kết quả",
        "phát hiện",
        "cảnh sát",
        "hình sự",
        "sáng nay",
        "chiều nay",
        "hôm nay",
        "ngày",
        "tháng",
        "năm",
    )
)


@dataclass(frozen=True, kw_only=True)
class StoryItem:
    id: int
    outlet: str
    published: datetime
    topics: frozenset[str]
    terms: frozenset[str]
    places: frozenset[str]
    dup_of: int | None = None
    names: frozenset[str] = frozenset()  # people named (lower case): a shared name is strong evidence


def story_item(
    item_id: int,
    *,
    outlet: str,
    published: datetime,
    topics: Iterable[str],
    terms: Iterable[str],
    places: Iterable[str],
    dup_of: int | None,
    people: Iterable[str],
    keywords: Iterable[str] = (),
) -> StoryItem:
    """The one way an annotated article becomes a story item (detection and `annotate --input` alike): a
    topic's own keywords say nothing about the event, so they are dropped from its terms; people's names
    are compared in lower case."""
    generic = set(keywords)
    return StoryItem(
        id=item_id,
        outlet=outlet,
        published=published,
        topics=frozenset(topics),
        terms=frozenset(t for t in terms if t not in generic),
        places=frozenset(places),
        dup_of=dup_of,
        names=frozenset(name.lower() for name in people),
    )


PLACE_BONUS = 0.1
NAME_BONUS = 0.1  # per shared person's name, two at most


@cache
def _provinces() -> frozenset[str]:
    """Province names: shared by too many unrelated articles to say anything about the event."""
    return frozenset(
        place.name
        for names in gazetteer().names.values()
        for name in names
        for place in name.places.values()
        if place.kind == "province"
    )


def _terms(item: StoryItem) -> frozenset[str]:
    return item.terms - GENERIC_TERMS - {p.lower() for p in _provinces()}


def _weights(items: Sequence[StoryItem]) -> dict[str, float]:
    """Inverse document frequency of each term inside this set of articles."""
    df = Counter(t for item in items for t in _terms(item))
    n = len(items)
    return {t: math.log(1 + n / c) for t, c in df.items()}


def similarity(a: StoryItem, b: StoryItem, idf: dict[str, float]) -> float:
    """IDF-weighted cosine of the key terms (without generic words and province names), plus
    PLACE_BONUS for a shared place below the province and NAME_BONUS per shared person (two at most)."""
    terms_a, terms_b = _terms(a), _terms(b)
    shared = terms_a & terms_b
    cosine = 0.0
    if shared:
        dot = sum(idf[t] ** 2 for t in shared)
        norm_a = math.sqrt(sum(idf[t] ** 2 for t in terms_a))
        norm_b = math.sqrt(sum(idf[t] ** 2 for t in terms_b))
        cosine = dot / (norm_a * norm_b) if norm_a and norm_b else 0.0
    places = (a.places & b.places) - _provinces()
    bonus = (PLACE_BONUS if places else 0.0) + NAME_BONUS * min(2, len(a.names & b.names))
    return min(1.0, cosine + bonus) if shared or bonus else 0.0


def group_stories(items: Sequence[StoryItem], *, window: timedelta, threshold: float) -> list[list[int]]:
    """Groups of article ids: same story when they share a topic, lie within `window` of each other
    and are similar enough, or when one is a near-copy of the other. Groups sorted by first id."""
    parent = {item.id: item.id for item in items}

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(x: int, y: int) -> None:
        rx, ry = find(x), find(y)
        if rx != ry:
            parent[max(rx, ry)] = min(rx, ry)

    ordered = sorted(items, key=lambda i: (i.published, i.id))
    idf = _weights(ordered)
    for i, a in enumerate(ordered):
        if a.dup_of is not None and a.dup_of in parent:
            union(a.id, a.dup_of)
        for b in ordered[i + 1 :]:
            if b.published - a.published > window:
                break
            if a.topics & b.topics and similarity(a, b, idf) >= threshold:
                union(a.id, b.id)
    groups: dict[int, list[int]] = {}
    for item in ordered:
        groups.setdefault(find(item.id), []).append(item.id)
    return sorted((sorted(g) for g in groups.values()), key=lambda g: g[0])
