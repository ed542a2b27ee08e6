"""Storage for the web (both backends): users and sessions, login failures, topic corrections and
labeled examples, alert inboxes and acknowledgement, article detail, trend and source health."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import update

from config.models import Source
from nlp.schema import Annotation, TopicScore
from storage import alerts as alert_repo
from storage import article_pages, corrections, trends, users
from storage import articles as repo
from storage.alerts import create_alert
from storage.db import session_scope, upgrade
from storage.models import AlertRow
from storage.records import Alert, RawArticle

VN = timezone(timedelta(hours=7))
NOW = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)
SOURCE = Source.model_validate(
    {
        "id": "bao",
        "name": "Báo thử",
        "url": "http://127.0.0.1/",
        "scope": "province",
        "discovery": [{"kind": "rss", "url": "http://127.0.0.1/rss"}],
    }
)


def _raw(n: int, day: int = 16) -> RawArticle:
    return RawArticle(
        url=f"http://127.0.0.1/bai-{n}.html",
        canonical_url=f"http://127.0.0.1/bai-{n}.html",
        source_id="bao",
        title=f"Tiêu đề {n}",
        sapo="Tóm tắt.",
        text=f"Nội dung số {n}.",
        author=None,
        published_at=datetime(2026, 11, day, 8, 0, tzinfo=VN),
        fetched_at=NOW,
    )


def _annotation(topics: dict[str, float], tone: str = "negative") -> Annotation:
    return Annotation(
        topics=tuple(
            TopicScore(topic_id=t, score=s, evidence=({"phrase": "ô nhiễm", "field": "title", "count": 1},))
            for t, s in topics.items()
        ),
        places=("Cao Lộc",),
        organisations=(),
        tone=tone,
        tone_score=-0.5,
        local=True,
        local_score=1.0,
        key_terms=("suối",),
        minhash=None,
        content_hash="x",
    )


@pytest.fixture
def db(db_url: str) -> str:
    upgrade(db_url)
    with session_scope(db_url) as session:
        repo.sync_sources(session, [SOURCE], NOW)
    return db_url


def _article(db: str, n: int, topics: dict[str, float], *, dup_of: int | None = None, day: int = 16) -> int:
    with session_scope(db) as session:
        article_id = repo.insert_article(session, _raw(n, day))
        assert article_id is not None
        repo.save_annotation(session, article_id, _annotation(topics), dup_of=dup_of, version="t", now=NOW)
    return article_id


def test_user_names_are_unique(db: str) -> None:
    with session_scope(db) as session:
        assert users.add_user(session, name="a", role="ubnd", password_hash="h", now=NOW) is not None
        assert users.add_user(session, name="a", role="hdnd", password_hash="h", now=NOW) is None
        found = users.credentials(session, "a")
    assert found is not None and found[0].role == "ubnd" and found[1] == "h"


def test_session_is_found_until_it_expires(db: str) -> None:
    with session_scope(db) as session:
        uid = users.add_user(session, name="a", role="ubnd", password_hash="h", now=NOW)
        assert uid is not None
        users.create_session(
            session, user_id=uid, token_hash="t", csrf_token="c", now=NOW, expires_at=NOW + timedelta(hours=1)
        )
    with session_scope(db) as session:
        live = users.session_for(session, "t", NOW + timedelta(minutes=59))
        assert live is not None and live.user.name == "a" and live.csrf_token == "c"
        assert users.session_for(session, "t", NOW + timedelta(hours=2)) is None
        assert users.session_for(session, "other", NOW) is None


def test_disabling_a_user_ends_their_sessions(db: str) -> None:
    with session_scope(db) as session:
        uid = users.add_user(session, name="a", role="ubnd", password_hash="h", now=NOW)
        assert uid is not None
        users.create_session(
            session, user_id=uid, token_hash="t", csrf_token="c", now=NOW, expires_at=NOW + timedelta(hours=1)
        )
        assert users.set_disabled(session, "a", True)
    with session_scope(db) as session:
        assert users.session_for(session, "t", NOW) is None


def test_login_failures_count_by_name_or_client_within_the_window(db: str) -> None:
    with session_scope(db) as session:
        users.record_login_failure(session, user_name="a", client="1.1.1.1", now=NOW - timedelta(hours=1))
        users.record_login_failure(session, user_name="a", client="2.2.2.2", now=NOW)
        users.record_login_failure(session, user_name="b", client="1.1.1.1", now=NOW)
    since = NOW - timedelta(minutes=15)
    with session_scope(db) as session:
        assert users.recent_login_failures(session, user_name="a", client="9.9.9.9", since=since) == 1
        assert users.recent_login_failures(session, user_name="c", client="1.1.1.1", since=since) == 1
        assert users.recent_login_failures(session, user_name="a", client="1.1.1.1", since=since) == 2
        users.prune_login_failures(session, before=since)
        assert (
            users.recent_login_failures(session, user_name="a", client="1.1.1.1", since=NOW - timedelta(1))
            == 2
        )


def test_corrections_keep_who_when_and_the_machine_topics(db: str) -> None:
    article_id = _article(db, 1, {"moi_truong": 0.9})
    with session_scope(db) as session:
        corrections.save_correction(
            session, article_id, ["moi_truong"], user_name="x", role="analyst", now=NOW
        )
        corrections.save_correction(
            session, article_id, ["dat_dai"], user_name="y", role="ban_tuyen_giao", now=NOW + timedelta(1)
        )
        found = corrections.corrections_for(session, article_id)
    assert [c.user_name for c in found] == ["y", "x"]
    assert found[1].confirmed and not found[0].confirmed
    assert found[0].machine_topics == ("moi_truong",) and found[0].created_at == NOW + timedelta(1)


def test_labeled_examples_take_the_latest_correction(db: str) -> None:
    first = _article(db, 1, {"moi_truong": 0.9})
    second = _article(db, 2, {})
    _article(db, 3, {"giao_thong": 0.5})  # never corrected: no label
    with session_scope(db) as session:
        corrections.save_correction(session, first, ["moi_truong"], user_name="x", role="analyst", now=NOW)
        corrections.save_correction(session, first, [], user_name="y", role="analyst", now=NOW)
        corrections.save_correction(session, second, ["giao_thong"], user_name="x", role="analyst", now=NOW)
        examples = list(corrections.labeled_examples(session))
    assert [(e.article_id, e.topics, e.corrected_by) for e in examples] == [
        (first, (), "y"),
        (second, ("giao_thong",), "x"),
    ]
    assert examples[0].text == "Tóm tắt.\nNội dung số 1."


def _alerts(db: str) -> dict[str, int]:
    ids = {}
    with session_scope(db) as session:
        for body in ("ubnd", "vksnd"):
            alert = Alert(key=f"k:{body}", recipient_id=body, kind="issue", topic_id="moi_truong", title=body)
            alert_id = create_alert(session, alert, ["file"], NOW)
            assert alert_id is not None
            ids[body] = alert_id
    return ids


def test_inbox_lists_only_the_given_recipients(db: str) -> None:
    ids = _alerts(db)
    with session_scope(db) as session:
        assert [a.id for a in alert_repo.inbox(session, recipient_ids=["ubnd"], acked=False)] == [ids["ubnd"]]
        assert alert_repo.inbox(session, recipient_ids=[], acked=False) == []
        assert len(alert_repo.inbox(session, recipient_ids=None, acked=False)) == 2


def test_ack_refuses_another_recipients_alert(db: str) -> None:
    ids = _alerts(db)
    with session_scope(db) as session:
        assert not alert_repo.ack_alert(
            session, ids["vksnd"], recipient_ids=["ubnd"], by="u", note="n", now=NOW
        )
        assert alert_repo.ack_alert(session, ids["ubnd"], recipient_ids=["ubnd"], by="u", note="n", now=NOW)
        assert not alert_repo.ack_alert(
            session, ids["ubnd"], recipient_ids=["ubnd"], by="u", note="n", now=NOW
        )
    with session_scope(db) as session:
        acked = alert_repo.inbox(session, recipient_ids=None, acked=True)
        assert [(a.id, a.acked_by, a.ack_note, a.acked_at) for a in acked] == [(ids["ubnd"], "u", "n", NOW)]


def test_a_correction_of_a_missing_article_is_not_stored(db: str) -> None:
    with session_scope(db) as session:
        assert (
            corrections.save_correction(session, 4242, ["giao_thong"], user_name="x", role="analyst", now=NOW)
            is None
        )
        assert corrections.corrections_for(session, 4242) == []


def test_an_alert_whose_delivery_failed_is_still_open_and_can_be_acknowledged(db: str) -> None:
    ids = _alerts(db)
    with session_scope(db) as session:
        session.execute(update(AlertRow).where(AlertRow.id == ids["ubnd"]).values(status="failed"))
    with session_scope(db) as session:
        assert [a.id for a in alert_repo.inbox(session, recipient_ids=["ubnd"], acked=False)] == [ids["ubnd"]]
        assert alert_repo.ack_alert(session, ids["ubnd"], by="ubnd", note="Đã xử lý", now=NOW)
    with session_scope(db) as session:
        assert alert_repo.inbox(session, recipient_ids=["ubnd"], acked=False) == []


def test_article_detail_has_topics_evidence_and_duplicates(db: str) -> None:
    original = _article(db, 1, {"moi_truong": 0.9})
    copy = _article(db, 2, {"moi_truong": 0.8}, dup_of=original)
    with session_scope(db) as session:
        detail = article_pages.article_detail(session, copy)
        head = article_pages.article_detail(session, original)
        assert article_pages.article_detail(session, 999) is None
    assert detail is not None and head is not None
    assert detail.topics[0].topic_id == "moi_truong" and detail.topics[0].evidence[0]["phrase"] == "ô nhiễm"
    assert detail.original is not None and detail.original.id == original
    assert [c.id for c in head.copies] == [copy]


def test_topic_counts_are_per_local_day(db: str) -> None:
    _article(db, 1, {"moi_truong": 0.9}, day=16)
    _article(db, 2, {"moi_truong": 0.9, "dat_dai": 0.5}, day=17)
    start = datetime(2026, 11, 10, tzinfo=VN)
    with session_scope(db) as session:
        counts = trends.topic_counts_by_day(
            session, start, start + timedelta(days=14), ZoneInfo("Asia/Ho_Chi_Minh")
        )
        tones = trends.tone_counts(session, start, start + timedelta(days=14))
    d16, d17 = datetime(2026, 11, 16).date(), datetime(2026, 11, 17).date()
    assert counts == {"moi_truong": {d16: 1, d17: 1}, "dat_dai": {d17: 1}}
    assert tones == {"negative": 2}
