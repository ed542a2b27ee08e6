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
from storage.db import StorageError, ensure_schema
from storage.search import QueryError

console = Console(soft_wrap=True)
err_console = Console(stderr=True)


class UserError(Exception):
    """Wrong input from the user: reported in one line with exit code 2."""


USER_ERRORS = (ConfigError, StorageError, QueryError, UserError, ModelError)


class DuluanGroup(TyperGroup):
    """Turns duluan's user-facing errors into `error: …` on stderr and exit code 2 (no traceback)."""

    def invoke(self, ctx: Any) -> Any:  # typer vendors click: its Context type is private
        try:
            return super().invoke(ctx)
        except USER_ERRORS as exc:
            err_console.print(f"error: {exc}", markup=False, highlight=False, soft_wrap=True)
            raise typer.Exit(2) from None


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
    app = load_config(obj.get("overrides"), config_dir=obj.get("config_dir"))
    logging.basicConfig(
        level=app.settings.log_level, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    if migrate:
        ensure_schema(app.settings.resolved_database_url)
    return app


def parse_day(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise UserError(f"invalid date {value!r}: use YYYY-MM-DD") from None
