"""Shared CLI plumbing: global options, loading the configuration, one-line errors."""

from __future__ import annotations

import logging
from datetime import date
from pathlib import Path
from typing import Any

import typer
from rich.console import Console
from typer.core import TyperGroup

from config import AppConfig, ConfigError, load_config
from nlp.topic_model import ModelError
from storage.days import FIRST_DAY, LAST_DAY
from storage.db import StorageError, ensure_schema, is_locked, locked_message, shown_url
from storage.search import QueryError

console = Console(soft_wrap=True)
err_console = Console(stderr=True)


class UserError(Exception):
    """Wrong input from the user: reported in one line with exit code 2."""


USER_ERRORS = (ConfigError, StorageError, QueryError, UserError, ModelError)


def _fail(message: str) -> typer.Exit:
    err_console.print(f"error: {message}", markup=False, highlight=False, soft_wrap=True)
    return typer.Exit(2)


class DuluanGroup(TyperGroup):
    """Turns duluan's user-facing errors into `error: …` on stderr and exit code 2 (no traceback):
    bad input, an unusable database (locked past the busy timeout, unreachable), a file or folder
    that cannot be read or written."""

    def invoke(self, ctx: Any) -> Any:  # typer vendors click: its Context type is private
        from sqlalchemy.exc import OperationalError

        try:
            return super().invoke(ctx)
        except USER_ERRORS as exc:
            raise _fail(str(exc)) from None
        except OperationalError as exc:
            if is_locked(exc):
                raise _fail(locked_message(_database_url(ctx))) from None
            reason = str(exc.orig or exc).strip().splitlines()[0]
            raise _fail(f"database {shown_url(_database_url(ctx))}: {reason}") from None
        except OSError as exc:
            if exc.filename is None:
                raise
            raise _fail(f"{exc.filename}: {exc.strerror or exc}") from None


def _database_url(ctx: Any) -> str:
    """The database URL the failed command used (for its error line; never with the password)."""
    try:
        root = ctx.find_root()
        obj = root.obj or {}
        return load_config(
            obj.get("overrides"), config_dir=obj.get("config_dir")
        ).settings.resolved_database_url
    except Exception:  # noqa: BLE001 - only the message depends on it
        return "(configured database)"


def set_options(
    ctx: typer.Context,
    config_dir: Path | None,
    data_dir: Path | None,
    database_url: str | None,
    log_level: str | None,
) -> None:
    ctx.obj = {
        "config_dir": config_dir,
        "overrides": {"data_dir": data_dir, "database_url": database_url, "log_level": log_level},
    }


def get_app(ctx: typer.Context, *, migrate: bool = True) -> AppConfig:
    """Configuration with the CLI options applied; the database schema brought up to date."""
    root = ctx.find_root()
    obj = root.obj or {}
    overrides = obj.get("overrides") or {}
    app = load_config(overrides, config_dir=obj.get("config_dir"))
    configure_logging(app.settings.log_level, asked=overrides.get("log_level") is not None)
    if migrate:
        ensure_schema(app.settings.resolved_database_url)
    return app


# Libraries that log what they met on a page (trafilatura, htmldate, …): their warnings and errors are
# about a page, not about duluan (ours say what happened in one line), so only their critical messages
# are shown unless --log-level asks for a level explicitly.
LIBRARY_LOGGERS = (
    "trafilatura",
    "htmldate",
    "courlan",
    "justext",
    "readability",
    "dateparser",
    "charset_normalizer",
)


def configure_logging(level: str, *, asked: bool) -> None:
    """Root logging at `level`; the page-reading libraries at CRITICAL unless --log-level was given."""
    logging.basicConfig(level=level, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    for name in LIBRARY_LOGGERS:
        logging.getLogger(name).setLevel(level if asked else logging.CRITICAL)


def parse_day(value: str | None) -> date | None:
    """A YYYY-MM-DD option, within the days duluan computes with (1970 to 2199)."""
    if value is None:
        return None
    try:
        day = date.fromisoformat(value.strip())
    except ValueError:
        raise UserError(f"invalid date {value!r}: use YYYY-MM-DD") from None
    if not FIRST_DAY <= day <= LAST_DAY:
        raise UserError(f"date {value!r} out of range: {FIRST_DAY} to {LAST_DAY}")
    return day


def output_file(path: Path | None, option: str = "--output") -> Path | None:
    """An output file the command can create: not a folder, in a folder that exists."""
    if path is None:
        return None
    if path.is_dir():
        raise UserError(f"{option} {path}: is a folder, give a file name")
    if not path.parent.is_dir():
        raise UserError(f"{option} {path}: folder {path.parent} does not exist")
    return path


def text_file(path: Path, what: str = "input") -> Path:
    """An existing UTF-8 text file (checked in bounded memory before any work): a binary or otherwise
    encoded file is one line, not a traceback half-way through."""
    import codecs

    if not path.is_file():
        raise UserError(f"{path}: no such file")
    decoder = codecs.getincrementaldecoder("utf-8")()
    offset = 0
    with path.open("rb") as handle:
        while chunk := handle.read(1 << 20):
            if b"\x00" in chunk:
                raise UserError(f"{path}: a binary file, not UTF-8 text ({what})")
            try:
                decoder.decode(chunk)
            except UnicodeDecodeError as exc:
                raise UserError(
                    f"{path}: not UTF-8 text at byte {offset + exc.start} ({what}): save it as UTF-8"
                ) from None
            offset += len(chunk)
    try:
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        raise UserError(f"{path}: not UTF-8 text at its end ({what}): save it as UTF-8") from None
    return path
