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


BACKENDS = ("sqlite", "postgresql")


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--backend",
        choices=("sqlite", "postgresql", "all"),
        default=None,
        help="database backend(s) of the db_url tests (default: $DULUAN_TEST_BACKENDS, else all)",
    )


def selected_backends(config: pytest.Config) -> tuple[str, ...]:
    """--backend wins over DULUAN_TEST_BACKENDS (comma-separated); both default to every backend."""
    option = config.getoption("--backend")
    if option:
        return BACKENDS if option == "all" else (option,)
    wanted = os.environ.get("DULUAN_TEST_BACKENDS", ",".join(BACKENDS))
    chosen = tuple(b.strip() for b in wanted.split(",") if b.strip())
    unknown = set(chosen) - set(BACKENDS)
    if unknown:
        raise pytest.UsageError(f"DULUAN_TEST_BACKENDS: unknown backend {sorted(unknown)[0]!r}")
    return chosen


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Tests on a backend that was not selected are deselected (not reported as skipped)."""
    chosen = selected_backends(config)
    keep, drop = [], []
    for item in items:
        callspec = getattr(item, "callspec", None)
        params = callspec.params if callspec else {}
        backend = params.get("db_url", params.get("module_db_url"))
        (drop if backend is not None and backend not in chosen else keep).append(item)
    if drop:
        config.hook.pytest_deselected(items=drop)
        items[:] = keep


def _postgres_required(config: pytest.Config) -> bool:
    """An unreachable server fails (not skips) in CI and when PostgreSQL was asked for explicitly."""
    return bool(os.environ.get("CI")) or config.getoption("--backend") == "postgresql"


def corpus_path() -> Path:
    return Path(os.environ.get("DULUAN_CORPUS", ROOT.parent / "shared" / "corpus"))


@pytest.fixture
def corpus() -> Path:
    path = corpus_path()
    if not (path / "news.jsonl").exists():
        pytest.skip(f"corpus not found at {path}")
    return path


def _pg_database(required: bool) -> Iterator[str]:
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    name = f"duluan_test_{uuid.uuid4().hex[:10]}"
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    except Exception as exc:  # noqa: BLE001 - reported below
        admin.dispose()
        if required:
            pytest.fail(f"PostgreSQL unreachable at {PG_ADMIN_URL}: {exc}")
        pytest.skip(f"PostgreSQL unreachable at {PG_ADMIN_URL} (set CI=1 to fail instead)")
    url = make_url(PG_ADMIN_URL).set(database=name).render_as_string(hide_password=False)
    try:
        yield url
    finally:
        dispose_engines()
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def _database(request: pytest.FixtureRequest, folder: Path) -> Iterator[str]:
    if request.param not in selected_backends(request.config):
        pytest.skip(f"backend {request.param} not selected (--backend / DULUAN_TEST_BACKENDS)")
    if request.param == "sqlite":
        yield f"sqlite:///{folder / 'test.db'}"
        dispose_engines()
        return
    yield from _pg_database(_postgres_required(request.config))


@pytest.fixture(params=BACKENDS)
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh, empty database on each backend (choose with --backend or DULUAN_TEST_BACKENDS)."""
    yield from _database(request, tmp_path)


@pytest.fixture(scope="module", params=BACKENDS)
def module_db_url(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Like db_url, but one database per test module and backend: for tests that only read it."""
    yield from _database(request, tmp_path_factory.mktemp("db"))


@pytest.fixture
def pg_url(request: pytest.FixtureRequest) -> Iterator[str]:
    """A fresh PostgreSQL database (for what only PostgreSQL does: SKIP LOCKED, many processes)."""
    yield from _pg_database(_postgres_required(request.config))


@pytest.fixture
def app_config(tmp_path: Path) -> AppConfig:
    """Packaged configuration with a temporary data folder and no environment."""
    return load_config({"data_dir": tmp_path / "var"}, environ={})


@pytest.fixture
def app_on(db_url: str, tmp_path: Path) -> AppConfig:
    """Packaged configuration on the parametrized database."""
    return load_config({"data_dir": tmp_path / "var", "database_url": db_url}, environ={})
