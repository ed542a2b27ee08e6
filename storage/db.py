"""Engines, sessions and schema upgrades (Alembic) for SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config as AlembicConfig
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker


class StorageError(Exception):
    """The database cannot be reached or is not in a usable state (message is one line)."""


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def _postgresql_settings(dbapi_connection: Any, _record: Any) -> None:
    # psycopg prepares a statement run 5 times; PostgreSQL then may switch to a generic plan, blind to
    # the search words: a rare word's search walked every row (1.3 s instead of 15 ms at 200k articles).
    with dbapi_connection.cursor() as cursor:
        cursor.execute("SET plan_cache_mode = force_custom_plan")
    dbapi_connection.commit()  # a SET inside the connection's first transaction would be rolled back


@cache
def get_engine(url: str) -> Engine:
    """One engine per URL and process. SQLite files get WAL, foreign keys and a busy timeout;
    PostgreSQL connections plan each statement for its own parameters."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"timeout": 30})
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    engine = create_engine(url, pool_pre_ping=True)
    if parsed.get_backend_name() == "postgresql":
        event.listen(engine, "connect", _postgresql_settings)
    return engine


@cache
def _sessions(url: str) -> sessionmaker[Session]:
    # One factory per URL: sessionmaker() defines a new Session subclass each call, and SQLAlchemy's
    # event registry grows with every subclass (a session per stored article became slower and slower).
    return sessionmaker(get_engine(url), expire_on_commit=False)


def dispose_engines() -> None:
    """Forget cached engines (before forking, and in tests); their pools close when collected."""
    _sessions.cache_clear()
    get_engine.cache_clear()


@contextmanager
def session_scope(url: str) -> Iterator[Session]:
    """A session committed on success and rolled back on error."""
    session = _sessions(url)()
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()


def alembic_config(url: str) -> AlembicConfig:
    cfg = AlembicConfig()
    cfg.set_main_option("script_location", str(resources.files("storage").joinpath("migrations")))
    cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return cfg


def upgrade(url: str, revision: str = "head") -> None:
    """Bring the schema to `revision` (every command calls this first; it is cheap when current)."""
    engine = get_engine(url)
    cfg = alembic_config(url)
    try:
        with engine.begin() as connection:
            cfg.attributes["connection"] = connection
            command.upgrade(cfg, revision)
    except Exception as exc:
        from sqlalchemy.exc import OperationalError

        if isinstance(exc, OperationalError):
            reason = str(exc.orig).splitlines()[0] if exc.orig else str(exc).splitlines()[0]
            raise StorageError(f"cannot open database {make_url(url).render_as_string()}: {reason}") from exc
        raise


@cache
def _schema_ready(url: str) -> bool:
    upgrade(url)
    return True


def ensure_schema(url: str) -> None:
    """Bring the schema up to date once per process: the CLI entry, every job, the crawl's item pipeline
    and the workers call this, and only the first call runs Alembic (`upgrade` always does)."""
    _schema_ready(url)


def current_revision(url: str) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with get_engine(url).connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def head_revision() -> str:
    """The newest migration of this code (what `upgrade` brings a database to)."""
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config("sqlite://")).get_current_head()
    assert head is not None
    return head
