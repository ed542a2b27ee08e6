"""Job runs: every job records when it ran, how it ended and its stats."""

from __future__ import annotations

import logging
import os
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from config import AppConfig
from storage.db import ensure_schema, session_scope
from storage.jobs import finish_job, mark_interrupted, running_runs, start_job

log = logging.getLogger("duluan.jobs")


def now_utc() -> datetime:
    return datetime.now(UTC)


def boot_id() -> str | None:
    """This boot of the machine (Linux): a pid recorded before a reboot may belong to another process now."""
    try:
        return Path("/proc/sys/kernel/random/boot_id").read_text(encoding="ascii").strip() or None
    except OSError:
        return None


def _owner() -> dict[str, Any]:
    return {"host": socket.gethostname(), "pid": os.getpid(), "boot": boot_id()}


def _gone(owner: dict[str, Any], boot: str | None) -> bool:
    pid = owner.get("pid")
    if not isinstance(pid, int) or pid == os.getpid():
        return False
    if boot is not None and owner.get("boot") not in (None, boot):
        return True  # started before the last reboot
    return not _alive(pid)


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
    reboot: a run of an earlier boot is gone whatever its pid); runs of other hosts, and runs of older
    versions without an owner, are left alone."""
    host, boot = socket.gethostname(), boot_id()
    gone = [
        r.id
        for r in running_runs(session)
        if isinstance(owner := (r.stats or {}).get("owner"), dict)
        and owner.get("host") == host
        and _gone(owner, boot)
    ]
    if gone:
        mark_interrupted(session, gone, now, "the process ended without finishing this run (killed?)")
        log.warning("%d job run(s) left 'running' by a process that is gone: marked interrupted", len(gone))
    return len(gone)


INTERRUPTED = "interrupted_by"  # a stats key: the job stopped early (why); its run is recorded interrupted


@contextmanager
def job_run(app: AppConfig, job: str) -> Iterator[dict[str, Any]]:
    """Record a job run; the body fills the yielded stats dict. Failures are recorded, then re-raised; a
    body that stopped early (a crawl stopped by SIGTERM) sets stats[INTERRUPTED] to why: `interrupted`."""
    url = app.settings.resolved_database_url
    ensure_schema(url)
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
    reason = stats.get(INTERRUPTED)
    with session_scope(url) as session:
        finish_job(
            session,
            run_id,
            status="interrupted" if reason else "ok",
            stats=stats,
            now=now_utc(),
            error=reason,
        )
    log.info("job %s %s: %s", job, "interrupted" if reason else "ok", stats)
