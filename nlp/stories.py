"""Stories: articles about the same event over days and outlets, grouped (pure functions)."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

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


def _weights(items: Sequence[StoryItem]) -> dict[str, float]:
    """Inverse document frequency of each term inside this set of articles."""
    df = Counter(t for item in items for t in item.terms if t not in GENERIC_TERMS)
    n = len(items)
    return {t: math.log(1 + n / c) for t, c in df.items()}


def similarity(a: StoryItem, b: StoryItem, idf: dict[str, float]) -> float:
    """IDF-weighted cosine of the key terms, with a bonus for a shared place."""
    terms_a = a.terms - GENERIC_TERMS
    terms_b = b.terms - GENERIC_TERMS
    shared = terms_a & terms_b
    if not shared:
        return 0.0
    dot = sum(idf[t] ** 2 for t in shared)
    norm_a = math.sqrt(sum(idf[t] ** 2 for t in terms_a))
    norm_b = math.sqrt(sum(idf[t] ** 2 for t in terms_b))
    cosine = dot / (norm_a * norm_b) if norm_a and norm_b else 0.0
    bonus = 0.1 if a.places & b.places else 0.0
    return min(1.0, cosine + bonus)


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
