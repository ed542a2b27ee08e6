"""full-text search: folded title and text columns, FTS5 with triggers (SQLite), tsvector + GIN (PostgreSQL)

Revision ID: 0002
Revises: 0001

Existing rows are re-folded here (in Python, in batches: neither engine can fold đ/Đ and Vietnamese tone
marks the way `nlp.text.fold` does), then indexed: SQLite rebuilds the external-content FTS5 table from
`articles`, PostgreSQL computes the generated tsvector column when it is added.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import sqlalchemy as sa
from alembic import op

from nlp.text import fold
from storage.search_query import index_text

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

BATCH = 1000

_articles = sa.table(
    "articles",
    sa.column("id", sa.Integer),
    sa.column("title", sa.Text),
    sa.column("sapo", sa.Text),
    sa.column("body", sa.Text),
    sa.column("search_title", sa.Text),
    sa.column("search_key", sa.Text),
)

SQLITE_UP = [
    """CREATE VIRTUAL TABLE articles_fts USING fts5(
        search_title, search_key, content='articles', content_rowid='id',
        tokenize='unicode61 remove_diacritics 0', prefix='2 3')""",
    """CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
        INSERT INTO articles_fts(rowid, search_title, search_key)
        VALUES (new.id, new.search_title, new.search_key);
    END""",
    """CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
        INSERT INTO articles_fts(articles_fts, rowid, search_title, search_key)
        VALUES ('delete', old.id, old.search_title, old.search_key);
    END""",
    """CREATE TRIGGER articles_fts_update AFTER UPDATE OF search_title, search_key ON articles BEGIN
        INSERT INTO articles_fts(articles_fts, rowid, search_title, search_key)
        VALUES ('delete', old.id, old.search_title, old.search_key);
        INSERT INTO articles_fts(rowid, search_title, search_key)
        VALUES (new.id, new.search_title, new.search_key);
    END""",
    "INSERT INTO articles_fts(articles_fts) VALUES ('rebuild')",
]
SQLITE_DOWN = [
    "DROP TRIGGER IF EXISTS articles_fts_update",
    "DROP TRIGGER IF EXISTS articles_fts_delete",
    "DROP TRIGGER IF EXISTS articles_fts_insert",
    "DROP TABLE IF EXISTS articles_fts",
]
POSTGRES_UP = [
    """ALTER TABLE articles ADD COLUMN search_tsv tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('simple', search_title), 'A') || setweight(to_tsvector('simple', search_key), 'D')
    ) STORED""",
    "CREATE INDEX ix_articles_search_tsv ON articles USING gin (search_tsv)",
    # more lexemes in the statistics: the planner then sees that a rare word is rare (and uses the index)
    "ALTER TABLE articles ALTER COLUMN search_tsv SET STATISTICS 1000",
]
POSTGRES_DOWN = [
    "DROP INDEX IF EXISTS ix_articles_search_tsv",
    "ALTER TABLE articles DROP COLUMN IF EXISTS search_tsv",
]


def _refold(keys: Callable[[Any], dict[str, str]]) -> None:
    """Rewrite the folded columns of every article, BATCH rows at a time."""
    bind = op.get_bind()
    a = _articles.c
    update = (
        _articles.update()
        .where(a.id == sa.bindparam("row_id"))
        .values(search_title=sa.bindparam("new_title"), search_key=sa.bindparam("new_key"))
    )
    last = 0
    while True:
        rows = bind.execute(
            sa.select(a.id, a.title, a.sapo, a.body).where(a.id > last).order_by(a.id).limit(BATCH)
        ).all()
        if not rows:
            return
        bind.execute(update, [{"row_id": r.id, **keys(r)} for r in rows])
        last = rows[-1].id


def upgrade() -> None:
    op.add_column("articles", sa.Column("search_title", sa.Text(), nullable=False, server_default=""))
    _refold(lambda r: {"new_title": index_text(r.title), "new_key": index_text(r.sapo, r.body)})
    for statement in SQLITE_UP if op.get_bind().dialect.name == "sqlite" else POSTGRES_UP:
        op.execute(statement)


def downgrade() -> None:
    for statement in SQLITE_DOWN if op.get_bind().dialect.name == "sqlite" else POSTGRES_DOWN:
        op.execute(statement)
    _refold(lambda r: {"new_title": "", "new_key": fold(" ".join(x for x in (r.title, r.sapo, r.body) if x))})
    # not batch mode: re-creating `articles` on SQLite would cascade-delete its annotations
    op.execute("ALTER TABLE articles DROP COLUMN search_title")
