"""Fixtures for crawls of generated sites on 127.0.0.1: a module-wide database on each backend."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from config import AppConfig, load_config

# Quick failure handling for local servers: 1 s timeouts, one retry 50 ms later, no politeness delays.
FAST_FAILURES = {"download_timeout": 1, "retry_times": 1, "retry_backoff": 0.05}


def site_app(data_dir: Path, db_url: str, sources: list[dict[str, Any]], **settings: Any) -> AppConfig:
    app = load_config({"data_dir": data_dir, "database_url": db_url, **settings}, environ={})
    return app.with_sources(sources)
