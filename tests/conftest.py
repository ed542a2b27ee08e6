"""Shared fixtures: configuration on a temporary data folder, databases on both backends, the corpus."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from config import AppConfig, load_config
from storage.db import dispose_engines

ROOT = Path(__file__).resolve().parents[1]
PG_ADMIN_URL = os.environ.get("DULUAN_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")


def corpus_path() -> Path:
    return Path(os.environ.get("DULUAN_CORPUS", ROOT.parent / "shared" / "corpus"))


@pytest.fixture
def corpus() -> Path:
    path = corpus_path()
    if not (path / "news.jsonl").exists():
        pytest.skip(f"corpus not found at {path}")
    return path


def _pg_database() -> Iterator[str]:
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    name = f"duluan_test_{uuid.uuid4().hex[:10]}"
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    except Exception as exc:  # noqa: BLE001 - reported below
        admin.dispose()
        if os.environ.get("CI"):
            pytest.fail(f"PostgreSQL unreachable at {PG_ADMIN_URL}: {exc}")
        pytest.skip(f"PostgreSQL unreachable at {PG_ADMIN_URL}")
    url = make_url(PG_ADMIN_URL).set(database=name).render_as_string(hide_password=False)
    try:
        yield url
    finally:
        dispose_engines()
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh, empty database on each backend (selected with DULUAN_TEST_BACKENDS=sqlite,postgresql)."""
    wanted = os.environ.get("DULUAN_TEST_BACKENDS", "sqlite,postgresql").split(",")
    if request.param not in wanted:
        pytest.skip(f"backend {request.param} not selected (DULUAN_TEST_BACKENDS)")
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'test.db'}"
        dispose_engines()
        return
    yield from _pg_database()


@pytest.fixture
def pg_url() -> Iterator[str]:
    """A fresh PostgreSQL database (for what only PostgreSQL does: SKIP LOCKED, many processes)."""
    yield from _pg_database()


@pytest.fixture
def app_config(tmp_path: Path) -> AppConfig:
    """Packaged configuration with a temporary data folder and no environment."""
    return load_config({"data_dir": tmp_path / "var"}, environ={})


@pytest.fixture
def app_on(db_url: str, tmp_path: Path) -> AppConfig:
    """Packaged configuration on the parametrized database."""
    return load_config({"data_dir": tmp_path / "var", "database_url": db_url}, environ={})
