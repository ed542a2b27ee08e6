"""The migrations build exactly the schema the models describe (both backends).

The full-text index is the one part the models do not describe: migration 0002 creates it per dialect
(FTS5 tables on SQLite, a generated tsvector column with a GIN index on PostgreSQL)."""

from __future__ import annotations

from typing import Any

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from storage.db import get_engine, upgrade
from storage.models import Base

SEARCH_INDEX = ("articles_fts", "search_tsv", "ix_articles_search_tsv")


def _not_search_index(name: str | None, _type: str, _parent: Any) -> bool:
    return not (name or "").startswith(SEARCH_INDEX)


def test_migrated_schema_matches_the_models(db_url: str) -> None:
    upgrade(db_url)
    with get_engine(db_url).connect() as connection:
        context = MigrationContext.configure(connection, opts={"include_name": _not_search_index})
        assert compare_metadata(context, Base.metadata) == []
