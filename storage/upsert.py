"""Dialect-specific INSERT … ON CONFLICT DO NOTHING (SQLite and PostgreSQL)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Insert
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session


def insert_ignore(session: Session, table: Any) -> Insert:
    """An INSERT that silently skips rows violating any unique constraint."""
    if session.get_bind().dialect.name == "postgresql":
        return postgresql.insert(table).on_conflict_do_nothing()
    return sqlite.insert(table).on_conflict_do_nothing()


def insert_or_update(session: Session, table: Any, keys: list[str], values: dict[str, Any]) -> Insert:
    """An INSERT that updates the other columns when `keys` already exist."""
    update = {k: v for k, v in values.items() if k not in keys}
    if session.get_bind().dialect.name == "postgresql":
        pg = postgresql.insert(table).values(**values)
        return pg.on_conflict_do_update(index_elements=keys, set_=update)
    lite = sqlite.insert(table).values(**values)
    return lite.on_conflict_do_update(index_elements=keys, set_=update)
