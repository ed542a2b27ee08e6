"""The migrations build exactly the schema the models describe (both backends)."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from storage.db import get_engine, upgrade
from storage.models import Base


def test_migrated_schema_matches_the_models(db_url: str) -> None:
    upgrade(db_url)
    with get_engine(db_url).connect() as connection:
        assert compare_metadata(MigrationContext.configure(connection), Base.metadata) == []
