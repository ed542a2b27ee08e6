"""`duluan jobs`: the last job runs."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table

from pipeline.cli.common import console, get_app
from storage.db import session_scope
from storage.jobs import last_runs


def jobs(ctx: typer.Context, limit: Annotated[int, typer.Option(help="Runs shown.")] = 20) -> None:
    app = get_app(ctx)
    table = Table("id", "job", "started (UTC)", "status", "stats")
    with session_scope(app.settings.resolved_database_url) as session:
        for run in last_runs(session, limit):
            summary = ", ".join(
                f"{k}={v}" for k, v in list(run.stats.items())[:6] if not isinstance(v, dict | list)
            )
            table.add_row(
                str(run.id), run.job, run.started_at.strftime("%Y-%m-%d %H:%M:%S"), run.status, summary
            )
    console.print(table)
