"""The full-text index follows the articles table (FTS5 triggers; PostgreSQL's generated tsvector)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import delete, text, update

from storage import articles as repo
from storage.db import get_engine, session_scope, upgrade
from storage.models import ArticleRow
from storage.search import search
from storage.search_query import index_text
from tests.storage.test_articles import SOURCE, raw


@pytest.fixture
def db(db_url: str) -> str:
    upgrade(db_url)
    with session_scope(db_url) as session:
        repo.sync_sources(session, [SOURCE], datetime.now(UTC))
        repo.insert_article(session, raw(1, title="Sạt lở ở Bắc Sơn", text="Mưa lớn gây sạt lở đất."))
        repo.insert_article(session, raw(2, title="Hội chợ nông sản", text="Hội chợ đông khách."))
    return db_url


def _ids(url: str, query: str) -> list[int]:
    with session_scope(url) as session:
        return sorted(h.id for h in search(session, query))


def _fts_intact(url: str) -> None:
    if url.startswith("sqlite"):
        with get_engine(url).begin() as conn:  # raises when the index and the table disagree
            conn.execute(text("INSERT INTO articles_fts(articles_fts, rank) VALUES ('integrity-check', 1)"))


def test_new_articles_are_searchable_at_once(db: str) -> None:
    assert _ids(db, "sat lo") == [1]
    with session_scope(db) as session:
        repo.insert_article(session, raw(3, title="Sạt lở tiếp diễn", text="Đường bị chia cắt."))
    assert _ids(db, "sat lo") == [1, 3]
    _fts_intact(db)


def test_deleted_articles_leave_the_index(db: str) -> None:
    with session_scope(db) as session:
        session.execute(delete(ArticleRow).where(ArticleRow.id == 1))
    assert _ids(db, "sat lo") == []
    _fts_intact(db)


def test_changed_text_is_reindexed(db: str) -> None:
    with session_scope(db) as session:
        session.execute(
            update(ArticleRow)
            .where(ArticleRow.id == 2)
            .values(title="Hội chợ hoa đào", search_title=index_text("Hội chợ hoa đào"))
        )
    assert _ids(db, "hoa dao") == [2]
    assert _ids(db, "nong san") == []
    _fts_intact(db)


def test_other_updates_leave_the_index_alone(db: str) -> None:
    with session_scope(db) as session:
        session.execute(update(ArticleRow).values(state="annotated"))
    assert _ids(db, "sat lo") == [1]
    _fts_intact(db)


def test_batch_insert_returns_ids_and_skips_known_urls(db: str) -> None:
    # new, already stored, new, repeated in the batch, same canonical URL as the third
    batch = [raw(10), raw(1), raw(11), raw(10), raw(12, canonical_url="http://127.0.0.1/bai-11.html")]
    with session_scope(db) as session:
        ids = repo.insert_articles(session, batch)
    assert ids[0] is not None and ids[2] is not None
    assert ids == [ids[0], None, ids[2], None, None]
    assert _ids(db, '"so 10"') == [ids[0]]


def test_postgresql_plans_every_search_for_its_own_words(pg_url: str) -> None:
    """A generic plan (what PostgreSQL may choose once psycopg prepares a repeated statement) cannot see
    how rare a word is; each connection asks for custom plans, also after the first transaction."""
    for _ in range(2):  # a fresh connection, then one returned to the pool and checked out again
        with session_scope(pg_url) as session:
            assert session.scalar(text("SHOW plan_cache_mode")) == "force_custom_plan"
