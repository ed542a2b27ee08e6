from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from config.models import Source
from nlp.dedup import content_hash
from nlp.schema import Annotation, Person, TopicScore
from storage import articles as repo
from storage.articles import article_values
from storage.db import current_revision, head_revision, session_scope, upgrade
from storage.models import AnnotationRow, ArticleRow
from storage.records import RawArticle

VN = timezone(timedelta(hours=7))
SOURCE = Source.model_validate(
    {
        "id": "bao",
        "name": "Báo thử",
        "url": "http://127.0.0.1/",
        "scope": "province",
        "discovery": [{"kind": "rss", "url": "http://127.0.0.1/rss"}],
    }
)


def raw(n: int, **changes: object) -> RawArticle:
    values: dict[str, object] = {
        "url": f"http://127.0.0.1/bai-{n}.html",
        "canonical_url": f"http://127.0.0.1/bai-{n}.html",
        "source_id": "bao",
        "title": f"Tiêu đề {n}",
        "sapo": "Tóm tắt bài viết.",
        "text": f"Nội dung đường giao thông số {n} bị ô nhiễm.",
        "author": "Phóng viên",
        "published_at": datetime(2026, 11, 16, 8, 15, tzinfo=VN),
        "fetched_at": datetime(2026, 11, 16, 9, 0, tzinfo=UTC),
    }
    values.update(changes)
    return RawArticle(**values)  # type: ignore[arg-type]


@pytest.fixture
def db(db_url: str) -> str:
    upgrade(db_url)
    with session_scope(db_url) as session:
        repo.sync_sources(session, [SOURCE], datetime.now(UTC))
    return db_url


def test_upgrade_reaches_head_and_is_repeatable(db: str) -> None:
    upgrade(db)
    assert current_revision(db) == head_revision()


def test_insert_is_idempotent_by_url(db: str) -> None:
    with session_scope(db) as session:
        first = repo.insert_article(session, raw(1))
        again = repo.insert_article(session, raw(1))
    assert first is not None and again is None
    with session_scope(db) as session:
        assert repo.count_articles(session) == 1


def test_same_canonical_url_is_not_stored_twice(db: str) -> None:
    with session_scope(db) as session:
        repo.insert_article(session, raw(1))
        second = repo.insert_article(session, raw(1, url="http://127.0.0.1/bai-1.html?x=1"))
    assert second is None


def test_published_time_comes_back_aware_and_equal(db: str) -> None:
    with session_scope(db) as session:
        article_id = repo.insert_article(session, raw(1))
    with session_scope(db) as session:
        row = session.get(ArticleRow, article_id)
        assert row is not None and row.published_at is not None
        assert row.published_at.tzinfo is not None
        assert row.published_at == datetime(2026, 11, 16, 8, 15, tzinfo=VN)


@pytest.mark.parametrize("where", ["json-ld", "date-line", None])
def test_where_the_date_came_from_is_stored(db: str, where: str | None) -> None:
    with session_scope(db) as session:
        article_id = repo.insert_article(session, raw(1, published_source=where))
    with session_scope(db) as session:
        row = session.get(ArticleRow, article_id)
        assert row is not None and row.published_source == where


def test_naive_datetime_is_refused(db: str) -> None:
    with pytest.raises(Exception, match="naive datetime"), session_scope(db) as session:
        repo.insert_article(session, raw(1, published_at=datetime(2026, 11, 16, 8, 15)))


def test_stored_urls_reports_known_urls(db: str) -> None:
    with session_scope(db) as session:
        repo.insert_article(session, raw(1))
        known = repo.stored_urls(session, ["http://127.0.0.1/bai-1.html", "http://127.0.0.1/bai-2.html"])
    assert known == {"http://127.0.0.1/bai-1.html"}


def _annotation(topic: str) -> Annotation:
    return Annotation(
        topics=(
            TopicScore(
                topic_id=topic, score=4.0, evidence=({"phrase": "ô nhiễm", "field": "body", "count": 1},)
            ),
        ),
        places=("Lạng Sơn", "xã Đồng Đăng"),
        organisations=("UBND xã Đồng Đăng",),
        people=(Person(name="Nông Văn Bình", title="Chủ tịch UBND xã Đồng Đăng"),),
        units=("xã Đồng Đăng",),
        tone="negative",
        tone_score=-0.5,
        local=True,
        local_score=0.9,
        key_terms=("ô nhiễm",),
        content_hash="h",
        minhash=b"\x00" * 8,
    )


def test_annotation_keeps_people_and_units(db: str) -> None:
    with session_scope(db) as session:
        article_id = repo.insert_article(session, raw(1))
        assert article_id is not None
        repo.save_annotation(
            session, article_id, _annotation("moi_truong"), dup_of=None, version="2", now=datetime.now(UTC)
        )
    with session_scope(db) as session:
        row = session.get(AnnotationRow, article_id)
        assert row is not None
        assert row.people == [{"name": "Nông Văn Bình", "title": "Chủ tịch UBND xã Đồng Đăng"}]
        assert row.units == ["xã Đồng Đăng"]


def test_annotation_marks_article_and_keeps_topics(db: str) -> None:
    with session_scope(db) as session:
        article_id = repo.insert_article(session, raw(1))
        assert article_id is not None
        repo.save_annotation(
            session, article_id, _annotation("moi_truong"), dup_of=None, version="1", now=datetime.now(UTC)
        )
        repo.save_annotation(
            session, article_id, _annotation("giao_thong"), dup_of=None, version="1", now=datetime.now(UTC)
        )
    with session_scope(db) as session:
        assert repo.pending_articles(session, 10) == []
        views = repo.annotated_between(
            session, datetime(2026, 11, 1, tzinfo=UTC), datetime(2026, 12, 1, tzinfo=UTC)
        )
    assert [v.topics for v in views] == [{"moi_truong": 4.0}]


@pytest.mark.parametrize(
    ("sapo", "body"),
    [
        (None, "Người dân  phản ánh: nước thải\nchảy ra suối."),
        ("Tóm tắt – Lạng Sơn.", "Hoà bình, thuỷ lợi; ĐẮK LẮK 2026!"),
        ("", "x"),
    ],
)
def test_the_stored_content_hash_is_that_of_sapo_and_body(sapo: str | None, body: str) -> None:
    raw = RawArticle(
        url="http://127.0.0.1/a",
        canonical_url="http://127.0.0.1/a",
        source_id="s",
        title="T",
        sapo=sapo,
        text=body,
        author=None,
        published_at=None,
        fetched_at=datetime(2026, 11, 26, tzinfo=UTC),
    )
    assert article_values(raw)["content_hash"] == content_hash(f"{sapo or ''}\n{body}")
