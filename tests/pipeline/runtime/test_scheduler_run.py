"""`duluan run` as a real process on a seconds-scale schedule (config in a temporary directory): SIGTERM lets
the running job finish and exits 0, a restart keeps the stored schedule, a missed run is caught up within
the grace time or recorded as missed, and `duluan jobs` shows the next fire times."""

from __future__ import annotations

import datetime as dt
import os
import queue
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from sqlalchemy import select
from typer.testing import CliRunner

from crawlers.demo_site import demo_sources, serve
from pipeline.cli.main import app as cli
from storage.db import dispose_engines, session_scope
from storage.jobs import scheduled_jobs
from storage.models import JobRunRow

pytestmark = pytest.mark.slow
OFF = {"trigger": "cron", "hour": "6", "enabled": False}


def schedule(grace: int = 600, **jobs: dict[str, Any]) -> dict[str, Any]:
    return {
        "misfire_grace_seconds": grace,
        "jobs": {"cycle": OFF, "digest": OFF, "report": OFF, **jobs},
    }


class Scheduler:
    """One `duluan run` process; its stdout is read in a thread."""

    def __init__(self, conf: Path, data: Path, url: str) -> None:
        self.args = [
            sys.executable,
            "-m",
            "pipeline.cli.main",
            "--config",
            str(conf),
            "--data-dir",
            str(data),
        ]
        self.args += ["--database-url", url, "run"]
        self.lines: queue.Queue[str] = queue.Queue()
        self.output: list[str] = []
        self.proc: subprocess.Popen[str] | None = None

    def start(self) -> float:
        """Start and wait until the scheduler runs; returns the time it said so."""
        env = {k: v for k, v in os.environ.items() if not k.startswith("DULUAN_")}
        self.proc = subprocess.Popen(
            self.args, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env
        )
        stream = self.proc.stdout
        assert stream is not None
        threading.Thread(target=lambda: [self.lines.put(line) for line in stream], daemon=True).start()
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                line = self.lines.get(timeout=1)
            except queue.Empty:
                assert self.proc.poll() is None, "".join(self.output)
                continue
            self.output.append(line)
            if line.startswith("running;"):
                return time.time()
        raise AssertionError("scheduler did not start:\n" + "".join(self.output))

    def stop(self, timeout: float = 180) -> int:
        assert self.proc is not None
        self.proc.send_signal(signal.SIGTERM)
        code = self.proc.wait(timeout=timeout)
        time.sleep(0.2)
        while not self.lines.empty():
            self.output.append(self.lines.get())
        return code


@pytest.fixture
def conf(tmp_path: Path) -> Path:
    folder = tmp_path / "conf"
    folder.mkdir()
    return folder


def write(conf: Path, **files: dict[str, Any]) -> None:
    for name, data in files.items():
        (conf / f"{name}.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")


def runs(url: str, job: str | None = None) -> list[JobRunRow]:
    with session_scope(url) as session:
        query = select(JobRunRow).order_by(JobRunRow.id)
        if job:
            query = query.where(JobRunRow.job == job)
        return list(session.scalars(query))


def wait_for(check: Callable[[], Any], timeout: float = 90) -> Any:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = check()
        if value:
            return value
        time.sleep(0.2)
    raise AssertionError("timed out")


@pytest.fixture
def process(conf: Path, tmp_path: Path, db_url: str) -> Iterator[Callable[[], Scheduler]]:
    started: list[Scheduler] = []

    def make() -> Scheduler:
        s = Scheduler(conf, tmp_path / "var", db_url)
        started.append(s)
        return s

    yield make
    for s in started:
        if s.proc is not None and s.proc.poll() is None:
            s.proc.kill()
            s.proc.wait()
    dispose_engines()


def test_sigterm_lets_the_running_cycle_finish_then_exits_0(
    conf: Path, db_url: str, process: Callable[[], Scheduler]
) -> None:
    with serve() as base:
        write(
            conf,
            sources={"sources": demo_sources(base)},
            settings={"crawl_since_days": 36500, "download_delay": 0},
            schedule=schedule(cycle={"trigger": "interval", "seconds": 1}),
        )
        scheduler = process()
        scheduler.start()
        wait_for(lambda: [r for r in runs(db_url, "cycle") if r.status == "running"])
        code = scheduler.stop()
    assert code == 0, "".join(scheduler.output)
    (cycle,) = [r for r in runs(db_url, "cycle") if r.status != "skipped"]  # max_instances=1: no overlap
    assert cycle.status == "ok" and cycle.finished_at is not None and cycle.stats["stored"] == 46
    assert all(r.status in ("ok", "skipped") and r.finished_at for r in runs(db_url))
    assert {r.job for r in runs(db_url)} == {"cycle", "crawl", "annotate", "detect", "alerts"}
    assert "scheduler stopped" in "".join(scheduler.output)


def test_a_restart_keeps_the_stored_schedule(
    conf: Path, db_url: str, process: Callable[[], Scheduler]
) -> None:
    write(conf, schedule=schedule(digest={"trigger": "interval", "seconds": 3600}))
    first = process()
    first.start()
    assert first.stop() == 0
    with session_scope(db_url) as session:
        before = scheduled_jobs(session)
    time.sleep(1.5)
    second = process()
    second.start()
    assert second.stop() == 0
    with session_scope(db_url) as session:
        after = scheduled_jobs(session)
    assert set(before) == {"digest"} and after == before  # not recomputed from the restart time
    write(conf, schedule=schedule(digest={"trigger": "interval", "seconds": 7200}))
    third = process()
    third.start()
    assert third.stop() == 0
    with session_scope(db_url) as session:
        changed = scheduled_jobs(session)
    assert changed["digest"] is not None and before["digest"] is not None
    assert changed["digest"] - before["digest"] > dt.timedelta(minutes=50)  # a changed job is replaced


@pytest.mark.parametrize(("grace", "caught_up"), [(600, True), (1, False)])
def test_a_run_missed_while_down_is_caught_up_within_the_grace_time(
    conf: Path, db_url: str, process: Callable[[], Scheduler], grace: int, caught_up: bool
) -> None:
    # One stored run time passes while no scheduler runs; the next one is 20 s later, so a slow restart
    # (a loaded machine) cannot reach it: coalescing would otherwise turn the missed run into a timely one.
    write(conf, schedule=schedule(grace, digest={"trigger": "interval", "seconds": 20}))
    first = process()
    first.start()
    assert first.stop() == 0
    assert runs(db_url, "digest") == []
    with session_scope(db_url) as session:
        due = scheduled_jobs(session)["digest"]
    assert due is not None
    time.sleep(max(0.0, due.timestamp() + 2.5 - time.time()))  # its run time passes while down
    second = process()
    restarted = second.start()
    if caught_up:
        run = wait_for(lambda: runs(db_url, "digest"), timeout=30)[0]
        # at start, not one interval (20 s) later; a loaded machine may take a few seconds to start it
        assert run.started_at.timestamp() < restarted + 10
    else:
        missed = wait_for(lambda: [r for r in runs(db_url, "digest") if r.status == "missed"], timeout=30)
        assert missed[0].stats["scheduled_for"]
        assert not [
            r
            for r in runs(db_url, "digest")
            if r.status != "missed" and r.started_at.timestamp() < restarted + 2
        ]
    assert second.stop() == 0


def test_jobs_command_shows_the_next_fire_times(
    conf: Path, tmp_path: Path, db_url: str, process: Callable[[], Scheduler]
) -> None:
    write(conf, schedule=schedule(digest={"trigger": "cron", "hour": "6", "minute": "30"}))
    scheduler = process()
    scheduler.start()
    assert scheduler.stop() == 0
    args = ["--config", str(conf), "--data-dir", str(tmp_path / "var"), "--database-url", db_url]
    result = CliRunner().invoke(cli, [*args, "jobs"], terminal_width=200)
    assert result.exit_code == 0, result.output
    (line,) = [line for line in result.output.splitlines() if "│ digest" in line]
    assert "06:30:00" in line and "cron hour=6 minute=30" in line
    assert "disabled" in next(line for line in result.output.splitlines() if "│ cycle" in line)
