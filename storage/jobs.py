"""Job runs with their stats."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from storage.models import JobRunRow


def start_job(session: Session, job: str, now: datetime) -> int:
    row = JobRunRow(job=job, started_at=now, status="running", stats={})
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


def last_runs(session: Session, limit: int = 20, job: str | None = None) -> list[JobRunRow]:
    query = select(JobRunRow).order_by(JobRunRow.id.desc()).limit(limit)
    if job:
        query = query.where(JobRunRow.job == job)
    return list(session.scalars(query))
