"""Job runs with their stats."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from storage.models import JobRunRow


def start_job(session: Session, job: str, now: datetime, *, owner: dict[str, Any] | None = None) -> int:
    """A run in state 'running'; `owner` (host and pid of the process) is kept in its stats until it ends."""
    row = JobRunRow(job=job, started_at=now, status="running", stats={"owner": owner} if owner else {})
    session.add(row)
    session.flush()
    return row.id


def finish_job(
    session: Session,
    run_id: int,
    *,
    status: str,
    stats: dict[str, Any],
    now: datetime,
    error: str | None = None,
) -> None:
    row = session.get(JobRunRow, run_id)
    assert row is not None
    row.status, row.stats, row.finished_at, row.error = status, stats, now, error


def running_runs(session: Session) -> list[JobRunRow]:
    query = select(JobRunRow).where(JobRunRow.status == "running").order_by(JobRunRow.id)
    return list(session.scalars(query))


def mark_interrupted(session: Session, run_ids: list[int], now: datetime, reason: str) -> None:
    """Close runs whose process ended without finishing them (killed, machine restarted)."""
    for row in session.scalars(select(JobRunRow).where(JobRunRow.id.in_(run_ids))):
        if row.status == "running":
            row.status, row.finished_at, row.error = "interrupted", now, reason


def last_runs(session: Session, limit: int = 20, job: str | None = None) -> list[JobRunRow]:
    query = select(JobRunRow).order_by(JobRunRow.id.desc()).limit(limit)
    if job:
        query = query.where(JobRunRow.job == job)
    return list(session.scalars(query))


def runs_between(session: Session, job: str, start: datetime, end: datetime) -> list[JobRunRow]:
    """Runs of `job` started in [start, end), oldest first."""
    return list(
        session.scalars(
            select(JobRunRow)
            .where(JobRunRow.job == job, JobRunRow.started_at >= start, JobRunRow.started_at < end)
            .order_by(JobRunRow.id)
        )
    )


def record_event(
    session: Session, job: str, *, status: str, now: datetime, stats: dict[str, Any], error: str | None = None
) -> int:
    """A run that did not execute (missed by the scheduler, for instance), recorded as finished."""
    row = JobRunRow(job=job, started_at=now, finished_at=now, status=status, stats=stats, error=error)
    session.add(row)
    session.flush()
    return row.id


SCHEDULER_TABLE = "apscheduler_jobs"


def scheduled_jobs(session: Session) -> dict[str, datetime | None]:
    """Next fire time of each job in the scheduler's job store (APScheduler's table), UTC; {} if none."""
    from datetime import UTC

    from sqlalchemy import column, inspect, table

    if not inspect(session.get_bind()).has_table(SCHEDULER_TABLE):
        return {}
    jobs = table(SCHEDULER_TABLE, column("id"), column("next_run_time"))
    out: dict[str, datetime | None] = {}
    for job_id, next_run in session.execute(select(jobs.c.id, jobs.c.next_run_time)):
        out[str(job_id)] = None if next_run is None else datetime.fromtimestamp(float(next_run), UTC)
    return out
