"""`duluan jobs`: the scheduled jobs with their next fire time, and the last job runs."""

from __future__ import annotations

from typing import Annotated
from zoneinfo import ZoneInfo

import typer
from rich.table import Table

from pipeline.cli.common import console, get_app
from storage.db import session_scope
from storage.jobs import last_runs, scheduled_jobs


def jobs(
    ctx: typer.Context,
    limit: Annotated[int, typer.Option(help="Runs shown.")] = 20,
    job: Annotated[str | None, typer.Option(help="Only runs of this job (crawl, cycle, digest, …).")] = None,
) -> None:
    from pipeline.jobs import close_interrupted_runs, now_utc
    from pipeline.runtime.scheduler import JOBS, describe

    app = get_app(ctx)
    tz = ZoneInfo(app.settings.timezone)
    with session_scope(app.settings.resolved_database_url) as session:
        close_interrupted_runs(session, now_utc())
        stored = scheduled_jobs(session)
        runs = last_runs(session, limit, job)
        last = {name: next(iter(last_runs(session, 1, name)), None) for name in JOBS}
    schedule = Table("job", "trigger", f"next fire ({tz.key})", "last run", title="Schedule")
    for name, spec in app.schedule.jobs.items():
        if not spec.enabled:
            nxt = "disabled"
        elif name in stored and stored[name] is not None:
            nxt = stored[name].astimezone(tz).strftime("%Y-%m-%d %H:%M:%S")  # type: ignore[union-attr]
        elif name in stored:
            nxt = "paused"
        else:
            nxt = "— (start `duluan run`)"
        run = last.get(name)
        when = f"{run.started_at.astimezone(tz):%Y-%m-%d %H:%M} {run.status}" if run else "never"
        schedule.add_row(name, describe(spec), nxt, when)
    console.print(schedule)
    table = Table("id", "job", f"started ({tz.key})", "seconds", "status", "stats", title="Last runs")
    for run in runs:
        summary = ", ".join(
            f"{k}={v}" for k, v in list(run.stats.items())[:6] if not isinstance(v, dict | list)
        )
        seconds = f"{(run.finished_at - run.started_at).total_seconds():.1f}" if run.finished_at else "…"
        table.add_row(
            str(run.id),
            run.job,
            run.started_at.astimezone(tz).strftime("%Y-%m-%d %H:%M:%S"),
            seconds,
            run.status,
            summary if run.status not in ("failed", "interrupted") else (run.error or "")[:200],
        )
    console.print(table)
