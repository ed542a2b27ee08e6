"""Full-text search on both backends: folding, syntax, hostile input, ranking, snippets, filters, counts."""

from __future__ import annotations

from datetime import datetime

import pytest
from sqlalchemy import func, select

from storage.db import session_scope
from storage.models import ArticleRow
from storage.search import QueryError, count, search
from storage.search_filters import SearchFilters
from tests.storage.search_articles import VN, fill


@pytest.fixture(scope="module")
def filled(module_db_url: str) -> tuple[str, dict[str, int]]:
    """One filled database per backend for the module: these tests only read it."""
    return module_db_url, fill(module_db_url)


def _found(db: tuple[str, dict[str, int]], query: str, **kwargs: object) -> set[str]:
    url, ids = db
    names = {v: k for k, v in ids.items() if k != "story"}
    with session_scope(url) as session:
        return {names[h.id] for h in search(session, query, **kwargs)}  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("o nhiem", {"rac", "man", "lu"}),
        ("ô nhiễm", {"rac", "man", "lu"}),
        ("Ô NHIỄM", {"rac", "man", "lu"}),
        ("Dak Lak", {"daklak"}),
        ("đắk lắk", {"daklak"}),
        ("duong", {"duong"}),
        ("100%", {"duong"}),
        ("tham nhung", {"toa"}),
    ],
)
def test_accents_and_dd_are_optional(
    filled: tuple[str, dict[str, int]], query: str, expected: set[str]
) -> None:
    assert _found(filled, query) == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ('"o nhiem"', {"rac", "lu"}),  # 'man' has both words, apart
        ('"giao thong nong thon"', {"duong"}),
        ("giao thong", {"duong", "daklak"}),
        ("nhiem*", {"rac", "man", "lu"}),
        ("khanh th*", {"duong"}),
        ('"quoc lo"*', {"daklak"}),
        ("rac OR duong", {"rac", "duong"}),
        ("o nhiem -rac", {"man", "lu"}),
        ("o nhiem NOT (rac OR lu)", {"man"}),
        ("(tham nhung OR nhiem man) AND lua", {"man"}),
    ],
)
def test_phrases_prefixes_and_operators(
    filled: tuple[str, dict[str, int]], query: str, expected: set[str]
) -> None:
    assert _found(filled, query) == expected


@pytest.mark.parametrize(
    ("hostile", "plain"),
    [
        ("title:duong", '"title duong"'),
        ("search_key:duong", '"search key duong"'),
        ("duong NEAR(giao thong)", "duong near giao thong"),
        ("nhiem* ^o {a}", "nhiem* o a"),
        ("'; DROP TABLE articles; --", "drop table articles"),
        ('duong" OR 1=1 --', None),
        ("duong') OR ('1'='1", None),
        ("duong' OR '1'='1", "duong OR 1 1"),
        ("o\\ nhiem", "o nhiem"),
        ("o:* & nhiem | !rac", None),
        ("nhiem:* & o | !rac", "nhiem* o rac"),
    ],
)
def test_hostile_input_is_only_words(
    filled: tuple[str, dict[str, int]], hostile: str, plain: str | None
) -> None:
    """Either a clear QueryError, or exactly what the same words typed plainly find; nothing is broken."""
    url, _ = filled
    try:
        found = _found(filled, hostile)
    except QueryError as exc:
        assert plain is None and "\n" not in str(exc)
    else:
        assert plain is not None and found == _found(filled, plain)
    with session_scope(url) as session:
        assert session.scalar(select(func.count()).select_from(ArticleRow)) == 6


def test_title_match_ranks_first_and_adjacent_words_before_scattered(
    filled: tuple[str, dict[str, int]],
) -> None:
    url, ids = filled
    with session_scope(url) as session:
        hits = search(session, "o nhiem")
    order = [h.id for h in hits]
    assert order[0] == ids["rac"]  # in the title and the body
    assert order.index(ids["lu"]) < order.index(ids["man"])  # "ô nhiễm" beats "Ô … nhiễm"
    assert [h.adjacent for h in hits] == [True, True, False]


def test_newest_order(filled: tuple[str, dict[str, int]]) -> None:
    url, ids = filled
    with session_scope(url) as session:
        hits = search(session, "o nhiem", order="newest")
    assert [h.id for h in hits] == [ids["lu"], ids["man"], ids["rac"]]


def test_snippets_show_the_original_text_with_matches_marked(filled: tuple[str, dict[str, int]]) -> None:
    url, ids = filled
    with session_scope(url) as session:
        hit = next(h for h in search(session, "o nhiem") if h.id == ids["rac"])
        dak = search(session, "dak lak")[0]
    assert hit.title_marked is not None and hit.title_marked.marked() == (
        "Người dân bức xúc vì «ô nhiễm» từ bãi rác Tân Lang"
    )
    assert "«Ô nhiễm» kéo dài" in hit.snippet.marked()
    assert dak.title_marked is None and "«Đắk Lắk»" in dak.snippet.marked()


def test_snippet_html_escapes_crawled_text(filled: tuple[str, dict[str, int]]) -> None:
    url, _ = filled
    with session_scope(url) as session:
        hit = search(session, "hoi lo")[0]
    rendered = hit.snippet.html()
    assert "<script>" not in rendered and "&lt;script&gt;" in rendered
    assert "<mark>hối lộ</mark>" in rendered


def _day(day: int) -> datetime:
    return datetime(2026, 11, day, tzinfo=VN)


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        (SearchFilters(since=_day(11)), {"man", "lu"}),
        (SearchFilters(until=_day(12)), {"rac"}),
        (SearchFilters(since=_day(11), until=_day(13)), {"man"}),
        (SearchFilters(sources=("vnexpress",)), {"man"}),
        (SearchFilters(topics=("moi_truong", "xet_xu")), {"rac"}),
        (SearchFilters(routed_topics=("thien_tai",)), {"man"}),
        (SearchFilters(routed_topics=()), set()),
        (SearchFilters(places=("Văn Lãng",)), {"rac"}),
        (SearchFilters(places=("Cao Lộc",)), set()),
        (SearchFilters(tone="negative"), {"rac", "man"}),
        (SearchFilters(local_only=True), {"rac"}),
        (SearchFilters(tone="negative", local_only=False, sources=("baolangson",)), {"rac"}),
    ],
)
def test_filters(filled: tuple[str, dict[str, int]], filters: SearchFilters, expected: set[str]) -> None:
    assert _found(filled, "o nhiem", filters=filters) == expected


def test_story_filter(filled: tuple[str, dict[str, int]]) -> None:
    _, ids = filled
    stories = SearchFilters(story_id=ids["story"])
    assert _found(filled, "o nhiem OR duong", filters=stories) == {"rac", "duong"}


def test_count_sees_every_match(filled: tuple[str, dict[str, int]]) -> None:
    url, _ = filled
    with session_scope(url) as session:
        assert count(session, "o nhiem") == 3
        assert count(session, "o nhiem", filters=SearchFilters(local_only=True)) == 1
        assert count(session, "khong co tu nay") == 0


def test_rank_window_ranks_the_newest_articles_widened_to_the_limit(
    filled: tuple[str, dict[str, int]],
) -> None:
    """window=2: only the two newest stored articles are ranked, unless that gives fewer than `limit`."""
    assert _found(filled, "o nhiem", window=2, limit=1) == {"lu"}
    assert _found(filled, "o nhiem", window=2, limit=2) == {"rac", "lu"}  # widened: all three ranked
    assert _found(filled, "o nhiem", window=None, limit=1) == {"rac"}


def test_query_errors_reach_the_caller(filled: tuple[str, dict[str, int]]) -> None:
    with pytest.raises(QueryError, match="empty query"):
        _found(filled, "  _ ")
