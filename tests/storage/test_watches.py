"""Watches on both backends: stored and edited, back-filled through the search index with evidence,
and the live one-pass matcher finding exactly what the back-fill finds."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from sqlalchemy import func, select

from storage import watches as repo
from storage.db import session_scope
from storage.models import ArticleRow, SourceRow, WatchMatchRow
from storage.watch_match import MatchDoc, WatchRule, compile_watches, match_doc
from storage.watches import WatchDraft
from tests.storage.search_articles import VN, fill

NOW = datetime(2026, 11, 25, tzinfo=UTC)
SINCE = datetime(2026, 11, 1, tzinfo=VN)


@pytest.fixture
def filled(db_url: str) -> tuple[str, dict[str, int]]:
    return db_url, fill(db_url)


def _names(ids: dict[str, int]) -> dict[int, str]:
    return {v: k for k, v in ids.items() if k != "story"}


def _create(url: str, query: str, **filters: object) -> repo.Watch:
    draft = WatchDraft(
        name="Theo dõi", owner="ubnd", query=query, filters=dict(filters), start_day=date(2026, 11, 1)
    )
    with session_scope(url) as session:
        return repo.create_watch(session, draft, by="test", now=NOW)


def _backfilled(url: str, query: str, **filters: object) -> dict[int, list[str]]:
    watch = _create(url, query, **filters)
    with session_scope(url) as session:
        repo.backfill(session, watch, since=SINCE, now=NOW)
        rows = session.execute(
            select(WatchMatchRow.article_id, WatchMatchRow.terms).where(WatchMatchRow.watch_id == watch.id)
        )
        return {int(a): list(t) for a, t in rows}


def _live(url: str, query: str, **filters: object) -> set[int]:
    """What the live matcher finds among the stored articles (same filters, annotations as stored)."""
    index, bad = compile_watches([WatchRule.of(1, query, dict(filters))])
    assert not bad
    found = set()
    with session_scope(url) as session:
        scopes = {i: s for i, s in session.execute(select(SourceRow.id, SourceRow.scope))}
        for a in session.scalars(select(ArticleRow)):
            if a.published_at is None or a.published_at < SINCE:
                continue
            note = a.annotation
            doc = MatchDoc(
                title=a.title,
                sapo=a.sapo,
                text=a.body,
                source_id=a.source_id,
                scope=scopes[a.source_id],
                topics=frozenset(t.topic_id for t in a.topics),
                places=tuple(note.places) if note else (),
                organisations=tuple(note.organisations) if note else (),
            )
            if match_doc(index, doc):
                found.add(a.id)
    return found


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("ô nhiễm", {"rac", "man", "lu"}),
        ("O NHIEM", {"rac", "man", "lu"}),
        ('"bai rac"', {"rac"}),
        ("đắk lắk", {"daklak"}),
        ("o nhiem -lu", {"rac", "man"}),
        ("(tham nhung) OR (nhiem man)", {"toa", "man"}),
        ("nhiem* AND NOT man", {"rac", "lu"}),
        ('"giao thong" duong', {"duong"}),
    ],
)
def test_backfill_finds_the_query_and_agrees_with_live_matching(
    filled: tuple[str, dict[str, int]], query: str, expected: set[str]
) -> None:
    url, ids = filled
    names = _names(ids)
    found = _backfilled(url, query)
    assert {names[i] for i in found} == expected
    assert {names[i] for i in _live(url, query)} == expected


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({"scope": "national"}, {"man"}),
        ({"sources": ["baolangson"]}, {"rac", "lu"}),
        ({"topics": ["moi_truong"]}, {"rac"}),
        ({"places": ["Văn Lãng"]}, {"rac"}),
    ],
)
def test_filters_narrow_backfill_and_live_alike(
    filled: tuple[str, dict[str, int]], filters: dict[str, object], expected: set[str]
) -> None:
    url, ids = filled
    names = _names(ids)
    assert {names[i] for i in _backfilled(url, "o nhiem", **filters)} == expected
    assert {names[i] for i in _live(url, "o nhiem", **filters)} == expected


def test_evidence_is_the_terms_each_article_matched(filled: tuple[str, dict[str, int]]) -> None:
    url, ids = filled
    found = _backfilled(url, "(bai rac) OR man OR lu")
    assert found[ids["rac"]] == ["bai", "rac"]
    assert found[ids["man"]] == ["man"]
    assert found[ids["lu"]] == ["lu"]


def test_matches_are_stored_once_per_watch_and_article(filled: tuple[str, dict[str, int]]) -> None:
    url, ids = filled
    watch = _create(url, "o nhiem")
    with session_scope(url) as session:
        assert repo.backfill(session, watch, since=SINCE, now=NOW) == 3
        repo.save_matches(session, [(watch.id, ids["rac"], ["o", "nhiem"])], live=True, now=NOW)
        assert repo.backfill(session, watch, since=SINCE, now=NOW) == 3
        count = session.scalar(select(func.count()).select_from(WatchMatchRow))
        assert count == 3
        live = session.scalar(select(WatchMatchRow.live).where(WatchMatchRow.article_id == ids["rac"]))
        assert live is False  # the back-fill's row came first and stays


def test_editing_the_query_drops_old_matches_and_states_change(filled: tuple[str, dict[str, int]]) -> None:
    url, ids = filled
    watch = _create(url, "o nhiem")
    with session_scope(url) as session:
        repo.backfill(session, watch, since=SINCE, now=NOW)
        draft = WatchDraft(
            name="Đắk Lắk",
            owner="ubnd",
            query="dak lak",
            shared_with=("hdnd", "ubnd"),
            start_day=watch.start_day,
        )
        edited = repo.update_watch(session, watch.id, draft, now=NOW)
        assert edited is not None and edited.backfilled_at is None
        assert edited.shared_with == ("hdnd",) and edited.recipients == ("ubnd", "hdnd")
        assert repo.match_counts(session, [watch.id]) == {watch.id: 0}
        repo.backfill(session, edited, since=SINCE, now=NOW)
        assert [a.id for a in repo.watch_articles(session, watch.id)] == [ids["daklak"]]
        paused = repo.set_state(session, watch.id, "paused", note=None, now=NOW)
        assert paused is not None and paused.state == "paused"
        assert repo.active_rules(session) == []
        closed = repo.set_state(session, watch.id, "closed", note="Đã xử lý xong", now=NOW)
        assert closed is not None and closed.note == "Đã xử lý xong"


def test_visibility_follows_owner_and_sharing() -> None:
    watch = repo.Watch(
        id=1,
        name="x",
        owner="ubnd",
        shared_with=("tand",),
        query="x",
        filters={},
        start_day=date(2026, 1, 1),
        policy="each",
        state="active",
        note="",
        created_by="",
        created_at=NOW,
        updated_at=NOW,
        backfilled_at=None,
    )
    assert watch.visible_to(None)
    assert watch.visible_to(["ubnd"]) and watch.visible_to(["tand"])
    assert not watch.visible_to(["hdnd"]) and not watch.visible_to([])
