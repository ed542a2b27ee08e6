"""Fixtures for crawls of generated sites on 127.0.0.1: a module-wide database on each backend."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from config import AppConfig, load_config
from storage.db import dispose_engines
from tests.conftest import _pg_database

# Quick failure handling for local servers: 1 s timeouts, one retry 50 ms later, no politeness delays.
FAST_FAILURES = {"download_timeout": 1, "retry_times": 1, "retry_backoff": 0.05}


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def module_db_url(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A fresh database per test module on each backend (one crawl serves many assertions)."""
    wanted = os.environ.get("DULUAN_TEST_BACKENDS", "sqlite,postgresql").split(",")
    if request.param not in wanted:
        pytest.skip(f"backend {request.param} not selected (DULUAN_TEST_BACKENDS)")
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.db'}"
        dispose_engines()
        return
    yield from _pg_database()


def site_app(data_dir: Path, db_url: str, sources: list[dict[str, Any]], **settings: Any) -> AppConfig:
    app = load_config({"data_dir": data_dir, "database_url": db_url, **settings}, environ={})
    return app.with_sources(sources)
