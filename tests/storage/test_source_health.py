"""Per-source crawl outcomes and the health report (SQLite and PostgreSQL)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from config.models import Source
from storage import articles as repo
from storage.db import session_scope, upgrade
from storage.fetch_validators import load_validators, save_validators
from storage.records import RawArticle, SourceRun
from storage.source_health import failing_sources, record_source_runs, source_health

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)
HOUR = timedelta(hours=1)
SOURCES = [
    Source.model_validate(
        {
            "id": sid,
            "name": name,
            "url": "http://127.0.0.1/",
            "scope": "province",
            "discovery": [{"kind": "rss", "url": "http://127.0.0.1/rss"}],
        }
    )
    for sid, name in (("tot", "Báo Tốt"), ("hong", "Báo Hỏng"), ("cam", "Báo Cấm"), ("moi", "Báo Mới"))
]


def run(source: str, hours_ago: float, *, ok: bool, **changes: object) -> SourceRun:
    when = NOW - HOUR * hours_ago
    values: dict[str, object] = {
        "source_id": source,
        "started_at": when - timedelta(minutes=5),
        "finished_at": when,
        "responses": 3 if ok else 0,
        "stored": 2 if ok else 0,
        "robots_refused": 0,
        "errors": {} if ok else {"timeout": 2, "http_503": 1},
    }
    values.update(changes)
    return SourceRun(**values)  # type: ignore[arg-type]


def article(n: int, source: str, fetched: datetime) -> RawArticle:
    return RawArticle(
        url=f"http://127.0.0.1/{source}/{n}.html",
        canonical_url=f"http://127.0.0.1/{source}/{n}.html",
        source_id=source,
        title=f"Tin {n}",
        sapo=None,
        text=f"Nội dung {n}",
        author=None,
        published_at=fetched,
        fetched_at=fetched,
    )


@pytest.fixture
def db(db_url: str) -> str:
    upgrade(db_url)
    with session_scope(db_url) as session:
        repo.sync_sources(session, SOURCES, NOW)
        record_source_runs(
            session,
            [
                run("tot", 30, ok=False),
                run("tot", 2, ok=True),
                run("tot", 1, ok=False),
                run("hong", 50, ok=True),
                run("hong", 20, ok=False),
                run("hong", 1, ok=False),
                run("cam", 1, ok=False, errors={}, robots_refused=4),
                run("moi", 0.5, ok=False),
            ],
        )
        for n, hours in enumerate((1, 3, 30, 100, 200)):
            repo.insert_article(session, article(n, "tot", NOW - HOUR * hours))
    return db_url


def _health(db: str) -> dict[str, object]:
    with session_scope(db) as session:
        return {h.source_id: h for h in source_health(session, [s.id for s in SOURCES], NOW)}


def test_last_success_and_last_run(db: str) -> None:
    health = _health(db)["tot"]
    assert health.last_success == NOW - 2 * HOUR and health.last_run == NOW - HOUR  # type: ignore[attr-defined]


def test_articles_in_24_hours_and_7_days(db: str) -> None:
    health = _health(db)["tot"]
    assert (health.articles_24h, health.articles_7d) == (2, 4)  # type: ignore[attr-defined]


def test_errors_by_kind_over_the_last_day(db: str) -> None:
    health = _health(db)["hong"]
    assert health.errors_24h == {"timeout": 4, "http_503": 2}  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("source", "failing"), [("tot", False), ("hong", True), ("cam", True), ("moi", True)]
)
def test_a_source_whose_every_crawl_of_the_day_failed_is_failing(db: str, source: str, failing: bool) -> None:
    assert _health(db)[source].failing is failing  # type: ignore[attr-defined]


def test_failing_since_is_the_first_failure_after_the_last_success(db: str) -> None:
    assert _health(db)["hong"].failing_since == NOW - 20 * HOUR  # type: ignore[attr-defined]


def test_a_source_refused_by_robots_says_so(db: str) -> None:
    health = _health(db)
    assert health["cam"].blocked_by_robots and not health["hong"].blocked_by_robots  # type: ignore[attr-defined]


def test_failing_sources_for_the_digest(db: str) -> None:
    with session_scope(db) as session:
        failed = failing_sources(session, NOW)
    assert [(h.source_id, h.name) for h in failed] == [
        ("cam", "Báo Cấm"),
        ("hong", "Báo Hỏng"),
        ("moi", "Báo Mới"),
    ]


def test_every_stored_source_when_none_is_named(db: str) -> None:
    with session_scope(db) as session:
        health = source_health(session, None, NOW)
    assert [h.source_id for h in health] == ["cam", "hong", "moi", "tot"]


@pytest.mark.parametrize(
    ("source", "state"), [("tot", "ok"), ("hong", "failing"), ("cam", "failing"), ("moi", "failing")]
)
def test_the_state_shown_on_the_page_and_api(db: str, source: str, state: str) -> None:
    assert _health(db)[source].state == state  # type: ignore[attr-defined]


def test_totals_and_the_last_run_come_from_the_crawl_records(db: str) -> None:
    tot = _health(db)["tot"]
    assert (tot.name, tot.articles, tot.stored_last_run, tot.stored_24h) == ("Báo Tốt", 5, 0, 2)  # type: ignore[attr-defined]
    assert tot.last_fetched == NOW - HOUR  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("runs", "state"),
    [([], "unknown"), ([("x", 30, True)], "stale"), ([("x", 1, True)], "silent")],
)
def test_states_without_recent_articles(db: str, runs: list[tuple[str, float, bool]], state: str) -> None:
    extra = Source.model_validate(
        {
            "id": "x",
            "name": "X",
            "url": "http://127.0.0.1/",
            "scope": "province",
            "discovery": [{"kind": "rss", "url": "http://127.0.0.1/rss"}],
        }
    )
    with session_scope(db) as session:
        repo.sync_sources(session, [*SOURCES, extra], NOW)
        record_source_runs(session, [run(s, h, ok=ok) for s, h, ok in runs])
    with session_scope(db) as session:
        (health,) = source_health(session, ["x"], NOW)
    assert health.state == state


def test_a_source_never_crawled_has_no_health_to_report(db: str) -> None:
    with session_scope(db) as session:
        (health,) = source_health(session, ["chua_co"], NOW)
    assert health.last_run is None and not health.failing


def test_validators_round_trip_and_update(db: str) -> None:
    url = "http://127.0.0.1/rss.xml"
    with session_scope(db) as session:
        save_validators(session, {url: ('"a1"', "Tue, 24 Nov 2026 01:00:00 GMT")}, NOW)
    with session_scope(db) as session:
        save_validators(session, {url: ('"b2"', None)}, NOW + HOUR)
    with session_scope(db) as session:
        assert load_validators(session, [url, "http://127.0.0.1/other"]) == {url: ('"b2"', None)}
