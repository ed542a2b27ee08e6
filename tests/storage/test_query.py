"""The analysts' Python API: articles and topic counts as DataFrames, on both backends."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from storage.query import COLUMNS, articles, make_filters, topic_counts
from storage.search import QueryError
from tests.storage.search_articles import VN, fill


@pytest.fixture(scope="module")
def filled(module_db_url: str) -> tuple[str, dict[str, int]]:
    """One filled database per backend for the module: these tests only read it."""
    return module_db_url, fill(module_db_url)


def test_articles_one_row_per_article_with_annotations(filled: tuple[str, dict[str, int]]) -> None:
    url, ids = filled
    frame = articles(url)
    assert list(frame.columns) == COLUMNS
    assert len(frame) == 6 and frame["id"].is_unique
    assert list(frame["id"]) == [
        ids[n] for n in ("lu", "toa", "daklak", "duong", "man", "rac")
    ]  # newest first
    toa = frame.set_index("id").loc[ids["toa"]]
    assert sorted(toa["topics"]) == ["tham_nhung_tieu_cuc", "xet_xu"]
    assert toa["places"] == ["Lạng Sơn"] and toa["tone"] == "neutral" and bool(toa["local"])
    assert toa["source_name"] and toa["url"].endswith("/toa.html")
    assert (
        isinstance(frame["published_at"].dtype, pd.DatetimeTZDtype)
        and str(frame["published_at"].dt.tz) == "UTC"
    )
    lu = frame.set_index("id").loc[ids["lu"]]
    assert lu["topics"] == [] and pd.isna(lu["tone"]) and lu["state"] == "new"


def test_text_columns_on_request(filled: tuple[str, dict[str, int]]) -> None:
    url, _ = filled
    assert {"sapo", "body"} <= set(articles(url, text=True).columns)
    assert "body" not in articles(url).columns


def test_articles_for_a_query_are_ranked(filled: tuple[str, dict[str, int]]) -> None:
    url, ids = filled
    frame = articles(url, "o nhiem")
    assert list(frame["id"]) == [ids["rac"], ids["lu"], ids["man"]]
    assert list(frame["adjacent"]) == [True, True, False]
    with pytest.raises(QueryError):
        articles(url, "NOT x")


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({"since": "2026-11-18"}, {"daklak", "toa", "lu"}),
        ({"until": date(2026, 11, 12)}, {"rac", "man"}),  # until is an inclusive day
        ({"since": "2026-11-12", "until": "2026-11-12"}, {"man"}),
        ({"sources": ["vnexpress"]}, {"man", "daklak"}),
        ({"topics": ["xet_xu", "giao_thong"]}, {"toa", "daklak"}),
        ({"places": ["Cao Lộc"]}, {"duong"}),
        ({"tone": "positive"}, {"duong"}),
        ({"local_only": True}, {"rac", "duong", "toa"}),
    ],
)
def test_filters_by_keyword(
    filled: tuple[str, dict[str, int]], filters: dict[str, object], expected: set[str]
) -> None:
    url, ids = filled
    names = {v: k for k, v in ids.items() if k != "story"}
    assert {names[i] for i in articles(url, **filters)["id"]} == expected


def test_story_filter(filled: tuple[str, dict[str, int]]) -> None:
    url, ids = filled
    assert set(articles(url, story=ids["story"])["id"]) == {ids["rac"], ids["duong"]}


def test_until_is_the_end_of_the_local_day() -> None:
    f = make_filters(since="2026-11-12", until="2026-11-12")
    assert f.since is not None and f.until is not None
    assert f.since.tzinfo is not None and (f.until - f.since).days == 1
    assert f.since.utcoffset() == VN.utcoffset(None)


def test_topic_counts_per_local_day(filled: tuple[str, dict[str, int]]) -> None:
    url, _ = filled
    counts = topic_counts(url, since="2026-11-15")
    assert list(counts.columns) == ["day", "topic_id", "articles"]
    assert sorted(zip(counts["day"].astype(str), counts["topic_id"], counts["articles"], strict=True)) == [
        ("2026-11-15", "dau_tu_ha_tang", 1),
        ("2026-11-18", "giao_thong", 1),
        ("2026-11-20", "tham_nhung_tieu_cuc", 1),
        ("2026-11-20", "xet_xu", 1),
    ]


def test_empty_results_keep_the_columns(filled: tuple[str, dict[str, int]]) -> None:
    url, _ = filled
    frame = articles(url, "khong co tu nay")
    assert frame.empty and "rank" in frame.columns and "topics" in frame.columns
