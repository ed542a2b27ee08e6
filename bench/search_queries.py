"""The 20 analyst queries of bench/search.py (tests/storage/test_search_plans.py runs them too)."""

from __future__ import annotations

from datetime import UTC, datetime

from storage.search_filters import SearchFilters


def _since(y: int, m: int) -> datetime:
    return datetime(y, m, 1, tzinfo=UTC)


def queries(rare: str) -> list[tuple[str, str, SearchFilters | None]]:
    """(label, query, filters): words, phrases, accent-less, prefixes, operators, filters, rare, common."""
    q1 = _since(2025, 1)
    return [
        ("word", "giáo dục", None),
        ("word", "bóng đá", None),
        ("phrase", '"tai nạn giao thông"', None),
        ("accent-less", "tai nan giao thong", None),
        ("accent-less", "o nhiem moi truong", None),
        ("accent-less", "chung khoan", None),
        ("phrase", '"thị trường chứng khoán"', None),
        ("prefix", "chứng kho*", None),
        ("OR", "lũ lụt OR bão", None),
        ("NOT", "ma túy -thế giới", None),
        ("parentheses", "(tham nhũng OR hối lộ) cán bộ", None),
        ("topic filter", "công an", SearchFilters(topics=("an_ninh_trat_tu",))),
        ("date filter", "giá xăng", SearchFilters(since=q1, until=_since(2025, 4))),
        ("source+date", "xuất khẩu", SearchFilters(sources=("vnexpress",), since=q1, until=_since(2025, 7))),
        ("local+tone", "người dân", SearchFilters(local_only=True, tone="negative")),
        ("place filter", "giao thông", SearchFilters(places=("Lạng Sơn",))),
        ("rare", rare, None),
        ("rare prefix", rare[:-1] + "*", None),
        ("very common", "người", None),
        ("very common", "và", None),
    ]
