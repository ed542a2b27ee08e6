"""`duluan worker …`: long-running workers that share the database with others."""

from __future__ import annotations

from datetime import timedelta
from typing import Annotated

import typer

from pipeline.cli.common import DuluanGroup, console, get_app

app = typer.Typer(
    cls=DuluanGroup, help="Workers for scaling out (one database, many processes).", no_args_is_help=True
)


@app.command("annotate")
def annotate(
    ctx: typer.Context,
    batch: Annotated[int, typer.Option(min=1, help="Articles claimed per batch.")] = 20,
    lease: Annotated[
        int | None, typer.Option(min=1, help="Seconds a claim lasts (default: setting worker_lease_seconds).")
    ] = None,
    exit_when_idle: Annotated[bool, typer.Option(help="Exit once nothing is left to claim.")] = False,
) -> None:
    """Claim batches of unannotated articles under a lease and annotate them, until SIGTERM."""
    from pipeline.annotate.worker import WorkerOptions, run_worker

    cfg = get_app(ctx)
    seconds = lease or cfg.settings.worker_lease_seconds
    stats = run_worker(
        cfg, WorkerOptions(batch=batch, lease=timedelta(seconds=seconds), exit_when_idle=exit_when_idle)
    )
    console.print(
        f"annotated {stats.annotated} articles in {stats.batches} batches; "
        f"{stats.failed} set aside as failed; {stats.lost_claims} claims lost"
    )
