"""Broken machines and bad input through the real CLI: a locked SQLite database, unusable database URLs,
binary or non-UTF-8 files, output paths that cannot be written, dates out of range — each one line
`error: …` with exit code 2, never a traceback; the database password never printed; library logs kept
below the CLI's level."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from pipeline.cli.main import app
from storage.db import dispose_engines, upgrade

runner = CliRunner()
ROOT = Path(__file__).resolve().parents[2]
BINARY = bytes(range(256)) * 40  # NUL bytes and invalid UTF-8
LATIN1 = (
    '{"id": 1, "title": "Tin nóng", "text": "Bài viết"}\n'.encode("latin-1", errors="replace") + b"\xe9\xff\n"
)


def _one_line_error(result: Any, fragment: str) -> str:
    """Exit code 2 and one line on stderr (stdout may hold the progress the command showed first)."""
    output = result.output
    assert result.exit_code == 2, output
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("error: ") and fragment in lines[0], output
    assert "Traceback" not in output and "error" not in result.stdout, output
    return str(lines[0])


@pytest.fixture(autouse=True)
def _fresh_engines() -> Iterator[None]:
    yield
    dispose_engines()


# --- 13: bad input ----------------------------------------------------------------------------------


def _files(tmp: Path) -> dict[str, Path]:
    (tmp / "binary.jsonl").write_bytes(BINARY)
    (tmp / "latin1.jsonl").write_bytes(LATIN1)
    (tmp / "good.jsonl").write_text('{"id": 1, "title": "Tin", "text": "Bài viết ngắn."}\n', encoding="utf-8")
    (tmp / "a-folder").mkdir()
    return {"binary": tmp / "binary.jsonl", "latin1": tmp / "latin1.jsonl", "good": tmp / "good.jsonl"}


BAD_INPUT = {
    "annotate-input-binary": (["annotate", "--input", "{binary}", "--output", "{tmp}/out.jsonl"], "binary"),
    "annotate-input-latin1": (["annotate", "--input", "{latin1}", "--output", "{tmp}/out.jsonl"], "UTF-8"),
    "topics-train-binary": (["topics", "train", "{binary}"], "binary"),
    "topics-train-latin1": (["topics", "train", "{latin1}"], "UTF-8"),
    "annotate-output-missing-folder": (
        ["annotate", "--input", "{good}", "--output", "{tmp}/no/such/out.jsonl"],
        "does not exist",
    ),
    "annotate-output-is-folder": (
        ["annotate", "--input", "{good}", "--output", "{tmp}/a-folder"],
        "is a folder",
    ),
    "export-output-missing-folder": (
        ["export", "--since", "2026-01-01", "--output", "{tmp}/no/such/out.csv"],
        "does not exist",
    ),
    "export-output-is-folder": (
        ["export", "--since", "2026-01-01", "--output", "{tmp}/a-folder"],
        "is a folder",
    ),
    "detect-date": (["detect", "--date", "9999-12-31"], "out of range"),
    "digest-date": (["digest", "--date", "0001-01-01"], "out of range"),
    "alerts-send-date": (["alerts", "send", "--date", "9999-12-31"], "out of range"),
    "search-since": (["search", "lũ", "--since", "0001-01-01"], "out of range"),
    "search-until": (["search", "lũ", "--until", "9999-12-31"], "out of range"),
    "export-since": (["export", "--since", "9999-12-31", "--output", "{tmp}/out.csv"], "out of range"),
    "export-until": (
        ["export", "--since", "2026-01-01", "--until", "9999-12-31", "--output", "{tmp}/out.csv"],
        "out of range",
    ),
    "stats-since": (["stats", "--since", "0001-01-01"], "out of range"),
    "report-month": (["report", "--recipient", "ubnd", "--month", "9999-12"], "out of range"),
    "report-quarter": (["report", "--recipient", "ubnd", "--quarter", "0001Q1"], "out of range"),
    "crawl-since-huge": (["crawl", "--since", "1000000"], "number of days"),
    "crawl-since-negative": (["crawl", "--since", "-1"], "number of days"),
}


@pytest.mark.parametrize(("args", "fragment"), list(BAD_INPUT.values()), ids=list(BAD_INPUT))
def test_bad_input_is_one_line_exit_2(tmp_path: Path, args: list[str], fragment: str) -> None:
    names = {k: str(v) for k, v in _files(tmp_path).items()} | {"tmp": str(tmp_path)}
    filled = [a.format(**names) for a in args]
    result = runner.invoke(app, ["--data-dir", str(tmp_path / "var"), *filled])
    _one_line_error(result, fragment)
    assert not (tmp_path / "out.jsonl").exists()  # refused before any work


@pytest.mark.parametrize(
    ("name", "content", "fragment"),
    [
        ("sources.yaml", b"sources:\n  - id: b\xe1o\n", "not UTF-8"),
        ("topics.yaml", BINARY, "topics.yaml"),
        ("settings.yaml", b"\xff\xfe\x00d\x00a\x00t\x00a", "settings.yaml"),
    ],
    ids=["latin1-sources", "binary-topics", "utf16-settings"],
)
def test_binary_or_non_utf8_config_file_is_one_line(
    tmp_path: Path, name: str, content: bytes, fragment: str
) -> None:
    (tmp_path / name).write_bytes(content)
    result = runner.invoke(app, ["--config", str(tmp_path), "--data-dir", str(tmp_path), "config", "check"])
    _one_line_error(result, fragment)


# --- 8 and 12: the database URL -------------------------------------------------------------------------


def test_config_check_masks_the_database_password(tmp_path: Path) -> None:
    url = "postgresql+psycopg://duluan:s3cr3t-pw@127.0.0.1:1/duluan"
    result = runner.invoke(app, ["--data-dir", str(tmp_path), "--database-url", url, "config", "check"])
    assert result.exit_code == 0, result.output
    assert "s3cr3t-pw" not in result.output and "duluan:***@127.0.0.1:1/duluan" in result.output


@pytest.mark.parametrize(
    ("url", "fragment"),
    [
        ("not a url", "invalid database URL"),
        ("oracle+nosuchdriver://u:pw@h/db", "unsupported database URL"),
        ("mysql+mysqldb://u:pw@127.0.0.1/db", "missing driver"),
    ],
    ids=["not-a-url", "unknown-dialect", "missing-driver"],
)
@pytest.mark.parametrize("command", [["config", "check"], ["jobs"]], ids=["config-check", "jobs"])
def test_bad_database_url_is_one_line(tmp_path: Path, url: str, fragment: str, command: list[str]) -> None:
    result = runner.invoke(app, ["--data-dir", str(tmp_path), "--database-url", url, *command])
    line = _one_line_error(result, fragment)
    assert "pw@" not in line


def test_postgresql_without_the_postgres_extra_says_what_to_install(tmp_path: Path) -> None:
    """psycopg made unimportable in a child process: what a machine without the `postgres` extra sees."""
    code = (
        "import sys; sys.modules['psycopg'] = None\n"
        "from pipeline.cli.main import main\n"
        "sys.argv = ['duluan', '--data-dir', sys.argv[1], '--database-url',"
        " 'postgresql+psycopg://u:pw@127.0.0.1/db', 'jobs']\n"
        "main()\n"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("DULUAN_")}
    done = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path)], capture_output=True, text=True, cwd=ROOT, env=env
    )
    assert done.returncode == 2, done.stderr
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and "pip install -e '.[postgres]'" in lines[0] and "pw@" not in lines[0], lines


# --- 11: a locked SQLite database ---------------------------------------------------------------------


@pytest.mark.parametrize("command", [["crawl"], ["annotate"], ["detect", "--date", "2026-09-15"]])
def test_locked_sqlite_waits_the_busy_timeout_then_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: list[str]
) -> None:
    data = tmp_path / "var"
    upgrade(f"sqlite:///{data / 'duluan.db'}")
    dispose_engines()
    holder = sqlite3.connect(data / "duluan.db", isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another process's write lock, held for the whole command
    holder.execute("INSERT INTO leases (name, holder, expires_at) VALUES ('x', 'other', '2030-01-01')")
    monkeypatch.setenv("DULUAN_SQLITE_BUSY_TIMEOUT", "0.5")
    try:
        result = runner.invoke(app, ["--data-dir", str(data), *command])
    finally:
        holder.rollback()
        holder.close()
    line = _one_line_error(result, "is locked by another process")
    assert "waited 0.5 s" in line and "sqlite_busy_timeout" in line


# --- 14: library logs ---------------------------------------------------------------------------------


def _extract(tmp_path: Path, *options: str) -> subprocess.CompletedProcess[str]:
    page = tmp_path / "binary.html"
    page.write_bytes(BINARY)
    env = {k: v for k, v in os.environ.items() if not k.startswith("DULUAN_")}
    command = [sys.executable, "-m", "pipeline.cli.main", "--data-dir", str(tmp_path), *options]
    return subprocess.run([*command, "extract", str(page)], capture_output=True, text=True, cwd=ROOT, env=env)


def test_extract_of_a_binary_file_prints_only_its_one_line_error(tmp_path: Path) -> None:
    done = _extract(tmp_path)
    assert done.returncode == 2
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("error: "), lines


def test_library_logs_show_when_the_log_level_is_asked_for(tmp_path: Path) -> None:
    done = _extract(tmp_path, "--log-level", "WARNING")
    assert done.returncode == 2
    assert "trafilatura" in done.stderr and done.stderr.strip().splitlines()[-1].startswith("error: ")


# --- 10: an unwritable digests folder -------------------------------------------------------------------


def test_unwritable_digests_folder_is_one_line(tmp_path: Path) -> None:
    data = tmp_path / "var"
    data.mkdir()
    (data / "digests").write_text("a file where the digests folder should be", encoding="utf-8")
    result = runner.invoke(app, ["--data-dir", str(data), "digest", "--date", "2026-09-15"])
    _one_line_error(result, "digests")


# --- 2: the canonical link of a saved page ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("canonical", "expected"),
    [
        ("javascript:alert(1)", "http://127.0.0.1/tin/nuoc-suoi-doi-mau-1234567.html"),
        (
            "https://baokhac.vn/tin/bai-khac-7654321.html",
            "http://127.0.0.1/tin/nuoc-suoi-doi-mau-1234567.html",
        ),
        ("http://127.0.0.1/tin/ban-goc-1234567.html", "http://127.0.0.1/tin/ban-goc-1234567.html"),
    ],
    ids=["javascript", "other-site", "same-site"],
)
def test_extract_prints_only_a_trusted_http_canonical(tmp_path: Path, canonical: str, expected: str) -> None:
    import json

    from tests.crawlers.test_extract import SELECTOR_PAGE

    page = tmp_path / "page.html"
    own = "http://127.0.0.1/tin/nuoc-suoi-doi-mau-1234567.html"
    page.write_text(SELECTOR_PAGE.replace(f'href="{own}"', f'href="{canonical}"'), encoding="utf-8")
    result = runner.invoke(app, ["--data-dir", str(tmp_path), "extract", str(page), "--url", own, "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["url"] == expected
