"""`duluan run`: APScheduler 3.11 with the jobs of schedule.yaml, its job store in the project database.

- Every trigger is built with the schedule's time zone (a trigger built without one would use UTC).
- A restart keeps the stored schedule: a job whose configuration did not change keeps its stored next
  run time, so a run missed while the process was down is caught up when it is at most
  `misfire_grace_seconds` late (coalesced into one run); a changed job is replaced.
- `max_instances=1` and coalescing: a job never overlaps itself; runs missed or skipped are recorded.
- SIGTERM or SIGINT: no new run starts, the running job finishes, then the process exits with code 0.
"""

from __future__ import annotations

import hashlib
import json
import logging
import signal
import threading
import time
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from apscheduler.events import (
    EVENT_JOB_MAX_INSTANCES,
    EVENT_JOB_MISSED,
    JobExecutionEvent,
    JobSubmissionEvent,
)
from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore
from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger

from config import AppConfig, load_config
from config.models import JobSchedule
from pipeline.annotate.worker import worker_name
from pipeline.jobs import now_utc
from pipeline.runtime.leader import Leadership
from storage.db import ensure_schema, get_engine, session_scope
from storage.jobs import record_event

log = logging.getLogger("duluan.scheduler")


def _app(options: dict[str, Any]) -> AppConfig:
    return load_config(options.get("overrides"), config_dir=options.get("config_dir"))


def cycle_job(options: dict[str, Any], fingerprint: str = "") -> None:
    """crawl → annotate → detect → alerts (and outbox retries)."""
    from pipeline.runtime.cycle import run_cycle

    run_cycle(_app(options))


def digest_job(options: dict[str, Any], fingerprint: str = "") -> None:
    """The digest of the previous day (complete at 24:00), delivered in the morning."""
    from pipeline.digest.core import run_digest
    from pipeline.runtime.cycle import today

    app = _app(options)
    run_digest(app, today(app) - timedelta(days=1))


def report_job(options: dict[str, Any], fingerprint: str = "") -> None:
    """Each body's report of the quarter that just ended."""
    from pipeline.reports.core import Period, report_recipients, run_report
    from pipeline.runtime.cycle import today

    app = _app(options)
    period = Period.quarter_before(today(app))
    for recipient in report_recipients(app):
        run_report(app, recipient, period)


JOBS: dict[str, Callable[..., None]] = {"cycle": cycle_job, "digest": digest_job, "report": report_job}


def trigger_for(schedule: JobSchedule, timezone: str) -> IntervalTrigger | CronTrigger:
    """A trigger in the configured time zone (a trigger built without one falls back to UTC)."""
    if schedule.trigger == "interval":
        return IntervalTrigger(
            minutes=schedule.minutes or 0, seconds=schedule.seconds or 0, timezone=timezone
        )
    return CronTrigger(
        hour=schedule.hour, minute=schedule.minute, day=schedule.day, month=schedule.month, timezone=timezone
    )


def describe(schedule: JobSchedule) -> str:
    if schedule.trigger == "interval":
        every = f"{schedule.minutes} min" if schedule.minutes else f"{schedule.seconds} s"
        return f"every {every}"
    fields = {k: getattr(schedule, k) for k in ("month", "day", "hour", "minute")}
    return "cron " + " ".join(f"{k}={v}" for k, v in fields.items() if v is not None)


def fingerprint(name: str, schedule: JobSchedule, app: AppConfig, options: dict[str, Any]) -> str:
    """Identifies a job's configuration: an unchanged job keeps its stored next run time on restart."""
    data = {
        "job": name,
        "schedule": schedule.model_dump(),
        "timezone": app.settings.timezone,
        "grace": app.schedule.misfire_grace_seconds,
        "options": options,
    }
    return hashlib.sha256(json.dumps(data, sort_keys=True, default=str).encode()).hexdigest()[:16]


def _record(app: AppConfig, status: str) -> Callable[[JobExecutionEvent | JobSubmissionEvent], None]:
    def listener(event: JobExecutionEvent | JobSubmissionEvent) -> None:
        when = getattr(event, "scheduled_run_time", None) or getattr(event, "scheduled_run_times", [None])[0]
        with session_scope(app.settings.resolved_database_url) as session:
            record_event(
                session,
                str(event.job_id),
                status=status,
                now=now_utc(),
                stats={"scheduled_for": when.isoformat() if when else None},
            )
        log.warning("job %s %s (scheduled for %s)", event.job_id, status, when)

    return listener


def build_scheduler(app: AppConfig, options: dict[str, Any]) -> BackgroundScheduler:
    """The scheduler with the configured jobs synchronised into its store (not started)."""
    url = app.settings.resolved_database_url
    ensure_schema(url)
    tz = app.settings.timezone
    store = SQLAlchemyJobStore(engine=get_engine(url))
    scheduler = BackgroundScheduler(
        timezone=tz,
        jobstores={"default": store},
        job_defaults={
            "coalesce": True,
            "max_instances": 1,
            "misfire_grace_time": app.schedule.misfire_grace_seconds,
        },
    )
    store.start(scheduler, "default")  # read what a previous run stored (creates the table on first use)
    plain = {"config_dir": options.get("config_dir"), "overrides": options.get("overrides")}
    stored = {job.id: job for job in store.get_all_jobs()}
    for name in stored.keys() - {n for n, s in app.schedule.jobs.items() if s.enabled and n in JOBS}:
        store.remove_job(name)
    for name, schedule in app.schedule.jobs.items():
        if name not in JOBS or not schedule.enabled:
            continue
        fp = fingerprint(name, schedule, app, plain)
        if name in stored and stored[name].kwargs.get("fingerprint") == fp:
            continue
        scheduler.add_job(
            JOBS[name],
            trigger_for(schedule, tz),
            id=name,
            name=name,
            kwargs={"options": plain, "fingerprint": fp},
            replace_existing=True,
        )
    scheduler.add_listener(_record(app, "missed"), EVENT_JOB_MISSED)
    scheduler.add_listener(_record(app, "skipped"), EVENT_JOB_MAX_INSTANCES)
    return scheduler


def run_scheduler(
    app: AppConfig, options: dict[str, Any], *, announce: Callable[[BackgroundScheduler], None] | None = None
) -> None:
    """Run until SIGTERM/SIGINT; the running job finishes before this returns (the process exits 0).

    Several `duluan run` processes may share one database: only the holder of the scheduler lease runs
    jobs; the others wait and take over when the leader stops renewing it (it died or was stopped).
    """
    url = app.settings.resolved_database_url
    leader = Leadership(url, worker_name(), timedelta(seconds=app.settings.leader_lease_seconds))
    stopping: list[int] = []  # signals received; a handler must not take locks (Event.set can deadlock)
    lost = threading.Event()

    def on_signal(signum: int, _frame: Any) -> None:
        if stopping:
            log.warning("signal %s: still waiting for the running job to finish", signum)
        stopping.append(signum)
        leader.request_stop()  # ends a wait for leadership

    previous = {s: signal.signal(s, on_signal) for s in (signal.SIGTERM, signal.SIGINT)}
    try:
        if not leader.wait() or stopping:
            return
        scheduler = build_scheduler(app, options)
        leader.keep(on_lost=lost.set)
        scheduler.start()
        if announce is not None:
            announce(scheduler)
        while not stopping and not lost.is_set():
            time.sleep(0.2)
        log.warning("stopping: no new run starts; waiting for the running job")
        scheduler.shutdown(wait=True)
    finally:
        leader.stop()
        for sig, handler in previous.items():
            signal.signal(sig, handler)
