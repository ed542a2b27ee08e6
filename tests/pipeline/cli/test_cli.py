"""The thin CLI, through Typer's CliRunner: help everywhere, wrong input as one line with exit code 2."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from typer.main import get_command
from typer.testing import CliRunner

from pipeline.cli.main import app
from storage.db import head_revision

runner = CliRunner()


def _commands(group: Any, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    found = [prefix]
    for name, command in group.commands.items():
        if hasattr(command, "commands"):  # a group (Typer vendors its own click)
            found.extend(_commands(command, (*prefix, name)))
        else:
            found.append((*prefix, name))
    return found


ALL_COMMANDS = _commands(get_command(app))


@pytest.mark.parametrize("command", ALL_COMMANDS, ids=lambda c: " ".join(c) or "duluan")
def test_every_command_has_help(command: tuple[str, ...]) -> None:
    result = runner.invoke(app, [*command, "--help"])
    assert result.exit_code == 0, result.output
    assert "Usage" in result.output


def test_the_issue_commands_exist() -> None:
    names = {" ".join(c) for c in ALL_COMMANDS}
    assert {
        "demo",
        "crawl",
        "annotate",
        "digest",
        "alerts send",
        "alerts list",
        "run",
        "search",
        "db upgrade",
        "config check",
    } <= names


def _one_line_error(result: object, fragment: str) -> None:
    output = result.output  # type: ignore[attr-defined]
    assert result.exit_code == 2, output  # type: ignore[attr-defined]
    lines = [line for line in output.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("error: ") and fragment in lines[0], output
    assert "Traceback" not in output


def test_bad_config_file_is_one_line_exit_2(tmp_path: Path) -> None:
    (tmp_path / "schedule.yaml").write_text("jobs:\n  cycle: {trigger: weekly}\n", encoding="utf-8")
    result = runner.invoke(app, ["--config", str(tmp_path), "config", "check"])
    _one_line_error(result, "schedule.yaml: jobs.cycle.trigger")


def test_config_check_reports_the_files(tmp_path: Path) -> None:
    result = runner.invoke(app, ["--data-dir", str(tmp_path), "config", "check"])
    assert result.exit_code == 0, result.output
    assert "23 topics" in result.output and "5 recipients" in result.output


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["digest", "--date", "2026-13-01"], "invalid date"),
        (["crawl", "--source", "no_such_source"], "unknown source id"),
        (["alerts", "list", "--recipient", "nobody"], "unknown recipient"),
        (["alerts", "list", "--status", "lost"], "unknown status"),
        (["search", "  "], "empty query"),
        (["search", "x", "--format", "pdf"], "unknown format"),
    ],
)
def test_wrong_input_is_one_line_exit_2(tmp_path: Path, args: list[str], fragment: str) -> None:
    result = runner.invoke(app, ["--data-dir", str(tmp_path), *args])
    _one_line_error(result, fragment)


def test_unreachable_database_is_one_line(tmp_path: Path) -> None:
    url = "postgresql+psycopg://nobody@127.0.0.1:1/none"
    result = runner.invoke(app, ["--database-url", url, "db", "upgrade"])
    _one_line_error(result, "cannot open database")


def test_db_upgrade_creates_the_database(tmp_path: Path) -> None:
    result = runner.invoke(app, ["--data-dir", str(tmp_path), "db", "upgrade"])
    assert result.exit_code == 0, result.output

    assert (tmp_path / "duluan.db").exists()
    assert f"revision {head_revision()}" in result.output
