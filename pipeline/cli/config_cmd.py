"""`duluan config …`: validate and show the configuration."""

from __future__ import annotations

import typer

from pipeline.cli.common import DuluanGroup, console, get_app
from storage.db import check_url, shown_url

app = typer.Typer(cls=DuluanGroup, help="Configuration files and settings.", no_args_is_help=True)


@app.command("check")
def check(ctx: typer.Context) -> None:
    """Validate settings and the YAML files; print what is in use. Bad input: one line, exit code 2."""
    cfg = get_app(ctx, migrate=False)
    check_url(cfg.settings.resolved_database_url)
    for name, path in cfg.paths.items():
        console.print(f"ok  {name:16} {path}")
    enabled = len(cfg.enabled_sources())
    console.print(
        f"{len(cfg.sources.sources)} sources ({enabled} enabled), {len(cfg.topics.topics)} topics, "
        f"{len(cfg.recipients.recipients)} recipients, "
        f"database {shown_url(cfg.settings.resolved_database_url)}"
    )
