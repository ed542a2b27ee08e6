"""The database tests run on the backends chosen by --backend / DULUAN_TEST_BACKENDS; an unreachable
PostgreSQL fails in CI (and when asked for by name) instead of being skipped."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
TARGET = "tests/storage/test_search_index.py::test_new_articles_are_searchable_at_once"
UNREACHABLE = "postgresql+psycopg://nobody@127.0.0.1:1/none"


def _pytest(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    environ = {k: v for k, v in os.environ.items() if k not in ("CI", "DULUAN_TEST_BACKENDS")} | env
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *args],
        cwd=ROOT,
        env=environ,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize(
    ("args", "env", "kept"),
    [
        (["--backend", "sqlite"], {}, "[sqlite]"),
        (["--backend", "postgresql"], {}, "[postgresql]"),
        ([], {"DULUAN_TEST_BACKENDS": "sqlite"}, "[sqlite]"),
    ],
)
def test_selection(args: list[str], env: dict[str, str], kept: str) -> None:
    result = _pytest("--collect-only", *args, TARGET, **env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert kept in result.stdout and "1 deselected" in result.stdout
    assert ("[postgresql]" if kept == "[sqlite]" else "[sqlite]") not in result.stdout


def test_all_backends_by_default() -> None:
    result = _pytest("--collect-only", TARGET)
    assert "[sqlite]" in result.stdout and "[postgresql]" in result.stdout


@pytest.mark.parametrize(
    ("args", "env", "fails"),
    [
        ([], {}, False),
        ([], {"CI": "1"}, True),
        (["--backend", "postgresql"], {}, True),
    ],
)
def test_unreachable_postgresql(args: list[str], env: dict[str, str], fails: bool) -> None:
    result = _pytest(*args, "-rs", "-k", "postgresql", TARGET, DULUAN_TEST_PG_URL=UNREACHABLE, **env)
    output = result.stdout + result.stderr
    assert "PostgreSQL unreachable" in output
    assert (result.returncode != 0) == fails, output
