"""`duluan db …`: schema migrations."""

from __future__ import annotations

import typer

from pipeline.cli.common import DuluanGroup, console, get_app
from storage.db import current_revision, shown_url

app = typer.Typer(cls=DuluanGroup, help="Database schema (Alembic migrations).", no_args_is_help=True)


@app.command("upgrade")
def upgrade_cmd(ctx: typer.Context) -> None:
    """Bring the database schema to the newest migration (every command also does this)."""
    settings = get_app(ctx).settings
    revision = current_revision(settings.resolved_database_url)
    console.print(f"database at revision {revision}: {shown_url(settings.resolved_database_url)}")
