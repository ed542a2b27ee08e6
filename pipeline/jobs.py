"""Job runs: every job records when it ran, how it ended and its stats."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any

from config import AppConfig
from storage.db import session_scope, upgrade
from storage.jobs import finish_job, start_job

log = logging.getLogger("duluan.jobs")


def now_utc() -> datetime:
    return datetime.now(UTC)


@contextmanager
def job_run(app: AppConfig, job: str) -> Iterator[dict[str, Any]]:
    """Record a job run; the body fills the yielded stats dict. Failures are recorded, then re-raised."""
    url = app.settings.resolved_database_url
    upgrade(url)
    with session_scope(url) as session:
        run_id = start_job(session, job, now_utc())
    stats: dict[str, Any] = {}
    try:
        yield stats
    except BaseException as exc:
        with session_scope(url) as session:
            finish_job(session, run_id, status="failed", stats=stats, now=now_utc(), error=repr(exc)[:2000])
        log.error("job %s failed: %r", job, exc)
        raise
    with session_scope(url) as session:
        finish_job(session, run_id, status="ok", stats=stats, now=now_utc())
    log.info("job %s ok: %s", job, stats)
