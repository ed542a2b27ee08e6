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
from sqlalchemy.engine import URL, make_url
from sqlalchemy.orm import Session, sessionmaker


class StorageError(Exception):
    """The database cannot be reached or is not in a usable state (message is one line)."""


DEFAULT_BUSY_TIMEOUT = 30.0  # seconds; settings.sqlite_busy_timeout puts its own in the URL (?timeout=)


def _sqlite_pragmas(busy_ms: int) -> Any:
    def on_connect(dbapi_connection: Any, _record: Any) -> None:
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={busy_ms:d}")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    return on_connect


def shown_url(url: str) -> str:
    """The URL as it may be printed: the password masked (`***`), or the text itself when it is no URL."""
    from sqlalchemy.exc import ArgumentError

    try:
        return make_url(url).difference_update_query(["timeout"]).render_as_string(hide_password=True)
    except ArgumentError:
        return url


def is_locked(exc: BaseException) -> bool:
    """True for SQLite's "database is locked" (another process held a write lock past the busy timeout)."""
    from sqlalchemy.exc import OperationalError

    return isinstance(exc, OperationalError) and "database is locked" in str(exc.orig or exc)


def locked_message(url: str) -> str:
    """One line for a database still locked after the busy timeout."""
    try:
        waited = float(make_url(url).query.get("timeout", DEFAULT_BUSY_TIMEOUT))  # type: ignore[arg-type]
    except ValueError:
        waited = DEFAULT_BUSY_TIMEOUT
    return (
        f"database {shown_url(url)} is locked by another process (waited {waited:g} s, "
        "the sqlite_busy_timeout setting): try again when it has finished"
    )


def _bad_url(url: str, exc: Exception) -> StorageError:
    """A one-line StorageError saying what to fix or install for a URL SQLAlchemy cannot use."""
    from sqlalchemy.exc import ArgumentError, NoSuchModuleError

    shown = shown_url(url)
    if isinstance(exc, NoSuchModuleError):
        return StorageError(
            f"unsupported database URL {shown}: use sqlite:///PATH or postgresql+psycopg://user@host/db"
        )
    if isinstance(exc, ImportError):
        missing = exc.name or str(exc)
        hint = (
            "install the postgres extra: pip install -e '.[postgres]', and use postgresql+psycopg://"
            if "psycopg" in missing or make_url(url).get_backend_name() == "postgresql"
            else f"install the driver {missing!r} or use sqlite:///PATH or postgresql+psycopg://"
        )
        return StorageError(f"database URL {shown} needs the missing driver {missing!r}: {hint}")
    if isinstance(exc, ArgumentError):
        return StorageError(
            f"invalid database URL {shown!r}: use sqlite:///PATH or postgresql+psycopg://user@host/db"
        )
    return StorageError(f"invalid database URL {shown}: {str(exc).splitlines()[0]}")


def _postgresql_settings(dbapi_connection: Any, _record: Any) -> None:
    # psycopg prepares a statement run 5 times; PostgreSQL then may switch to a generic plan, blind to
    # the search words: a rare word's search walked every row (1.3 s instead of 15 ms at 200k articles).
    with dbapi_connection.cursor() as cursor:
        cursor.execute("SET plan_cache_mode = force_custom_plan")
    dbapi_connection.commit()  # a SET inside the connection's first transaction would be rolled back


def check_url(url: str) -> None:
    """StorageError (one line: what to fix or install) unless SQLAlchemy can use `url` (no connection)."""
    from sqlalchemy.exc import ArgumentError, NoSuchModuleError

    try:
        make_url(url).get_dialect().import_dbapi()
    except (ArgumentError, NoSuchModuleError, ImportError) as exc:
        raise _bad_url(url, exc) from None


@cache
def get_engine(url: str) -> Engine:
    """One engine per URL and process. SQLite files get WAL, foreign keys and a busy timeout (the URL's
    `?timeout=` seconds, else 30); PostgreSQL connections plan each statement for its own parameters.
    A URL SQLAlchemy cannot use (not a URL, an unknown dialect, a missing driver) is a StorageError."""
    from sqlalchemy.exc import ArgumentError, NoSuchModuleError

    try:
        parsed = make_url(url)
        if parsed.get_backend_name() == "sqlite":
            return _sqlite_engine(parsed)
        engine = create_engine(url, pool_pre_ping=True)
    except (ArgumentError, NoSuchModuleError, ImportError) as exc:
        raise _bad_url(url, exc) from None
    if parsed.get_backend_name() == "postgresql":
        event.listen(engine, "connect", _postgresql_settings)
    return engine


def _sqlite_engine(parsed: URL) -> Engine:
    try:
        timeout = float(parsed.query.get("timeout", DEFAULT_BUSY_TIMEOUT))  # type: ignore[arg-type]
    except ValueError:
        raise StorageError(f"invalid SQLite timeout in {shown_url(str(parsed))}: give seconds") from None
    parsed = parsed.difference_update_query(["timeout"])
    if parsed.database and parsed.database != ":memory:":
        Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(parsed, connect_args={"timeout": timeout})
    event.listen(engine, "connect", _sqlite_pragmas(int(timeout * 1000)))
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
            if is_locked(exc):
                raise StorageError(locked_message(url)) from None
            raise StorageError(f"cannot open database {shown_url(url)}: {reason}") from exc
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
