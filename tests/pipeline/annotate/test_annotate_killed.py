"""`duluan annotate` killed with SIGKILL mid-way: its run record was open during the work (it used to close
as `ok` before any), so the next job closes it as `interrupted`; what it stored stays stored and the next run
annotates the rest once."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from sqlalchemy import func, select

from pipeline.annotate.job import run_annotate
from pipeline.jobs import close_interrupted_runs, now_utc
from storage.db import session_scope
from storage.models import AnnotationRow, JobRunRow
from tests.pipeline.annotate.test_worker import N_ARTICLES, fill


def _annotated(url: str) -> int:
    with session_scope(url) as session:
        return int(session.scalar(select(func.count()).select_from(AnnotationRow)) or 0)


def _annotate(url: str, data: Path) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-m", "pipeline.cli.main", "--data-dir", str(data), "--database-url", url]
    command += ["annotate"]
    env = {k: v for k, v in os.environ.items() if not k.startswith("DULUAN_")}
    env["DULUAN_ANNOTATE_BATCH_SIZE"] = "2"
    env["DULUAN_ANNOTATE_PROCESSES"] = "1"
    return subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def test_a_killed_annotate_run_is_interrupted_and_the_rest_is_annotated_once(
    db_url: str, tmp_path: Path
) -> None:
    from config import load_config

    fill(db_url)
    child = _annotate(db_url, tmp_path / "var")
    deadline = time.monotonic() + 120
    while _annotated(db_url) < 2 and time.monotonic() < deadline:
        assert child.poll() is None, child.stderr.read().decode() if child.stderr else ""
        time.sleep(0.1)
    with session_scope(db_url) as session:
        (run,) = session.scalars(select(JobRunRow).where(JobRunRow.job == "annotate")).all()
        assert run.status == "running"  # open while it works
    child.send_signal(signal.SIGKILL)
    child.wait()
    done = _annotated(db_url)
    assert 2 <= done < N_ARTICLES
    with session_scope(db_url) as session:
        assert close_interrupted_runs(session, now_utc()) == 1
        (run,) = session.scalars(select(JobRunRow).where(JobRunRow.job == "annotate")).all()
        assert run.status == "interrupted"
    app = load_config({"data_dir": tmp_path / "var", "database_url": db_url}, environ={})
    rest = run_annotate(app)
    assert rest.annotated == N_ARTICLES - done
    assert _annotated(db_url) == N_ARTICLES
