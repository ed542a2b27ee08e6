"""Job runs: every job records when it ran, how it ended and its stats."""

from __future__ import annotations

import logging
import os
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any

from sqlalchemy.orm import Session

from config import AppConfig
from storage.db import session_scope, upgrade
from storage.jobs import finish_job, mark_interrupted, running_runs, start_job

log = logging.getLogger("duluan.jobs")


def now_utc() -> datetime:
    return datetime.now(UTC)


def _owner() -> dict[str, Any]:
    return {"host": socket.gethostname(), "pid": os.getpid()}


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process: it exists
        return True
    return True


def close_interrupted_runs(session: Session, now: datetime) -> int:
    """Mark 'interrupted' the runs started on this host by a process that no longer exists (SIGKILL, OOM,
    reboot); runs of other hosts, and runs of older versions without an owner, are left alone."""
    host = socket.gethostname()
    gone = [
        r.id
        for r in running_runs(session)
        if isinstance(owner := (r.stats or {}).get("owner"), dict)
        and owner.get("host") == host
        and isinstance(owner.get("pid"), int)
        and owner["pid"] != os.getpid()
        and not _alive(owner["pid"])
    ]
    if gone:
        mark_interrupted(session, gone, now, "the process ended without finishing this run (killed?)")
        log.warning("%d job run(s) left 'running' by a process that is gone: marked interrupted", len(gone))
    return len(gone)


@contextmanager
def job_run(app: AppConfig, job: str) -> Iterator[dict[str, Any]]:
    """Record a job run; the body fills the yielded stats dict. Failures are recorded, then re-raised."""
    url = app.settings.resolved_database_url
    upgrade(url)
    with session_scope(url) as session:
        close_interrupted_runs(session, now_utc())
        run_id = start_job(session, job, now_utc(), owner=_owner())
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
