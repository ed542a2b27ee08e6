"""Job runs left 'running' by a process that is gone are closed as interrupted; others are left alone."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from datetime import UTC, datetime

import pytest

from pipeline.jobs import boot_id, close_interrupted_runs
from storage.db import session_scope, upgrade
from storage.jobs import last_runs, start_job

NOW = datetime(2026, 11, 26, 8, 0, tzinfo=UTC)


def _dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


@pytest.mark.parametrize(
    ("owner", "status"),
    [
        ("dead here", "interrupted"),
        ("alive here", "running"),
        ("alive here, before a reboot", "interrupted"),
        ("elsewhere", "running"),
        ("unknown", "running"),
    ],
)
def test_only_runs_of_a_dead_process_on_this_host_are_interrupted(
    db_url: str, owner: str, status: str
) -> None:
    upgrade(db_url)
    host = socket.gethostname()
    owners = {
        "dead here": {"host": host, "pid": _dead_pid()},
        "alive here": {"host": host, "pid": os.getppid(), "boot": boot_id()},
        "alive here, before a reboot": {"host": host, "pid": os.getppid(), "boot": "an-earlier-boot"},
        "elsewhere": {"host": host + "-other", "pid": _dead_pid()},
        "unknown": None,
    }
    with session_scope(db_url) as session:
        start_job(session, "crawl", NOW, owner=owners[owner])
    with session_scope(db_url) as session:
        closed = close_interrupted_runs(session, NOW)
    with session_scope(db_url) as session:
        (run,) = last_runs(session, 1, "crawl")
        assert (run.status, closed) == (status, int(status == "interrupted"))
        if status == "interrupted":
            assert run.finished_at is not None and "killed" in (run.error or "")
