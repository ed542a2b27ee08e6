"""`duluan run`: APScheduler 3.11 with the jobs of schedule.yaml, job store in the project database."""

from __future__ import annotations

import logging
import signal
from datetime import timedelta
from typing import Any

from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore
from apscheduler.schedulers.blocking import BlockingScheduler
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger

from config import AppConfig, load_config
from config.models import JobSchedule
from pipeline.leader import Leadership
from pipeline.worker import worker_name

log = logging.getLogger("duluan.scheduler")


def _app(options: dict[str, Any]) -> AppConfig:
    return load_config(options.get("overrides"), config_dir=options.get("config_dir"))


def cycle_job(options: dict[str, Any]) -> None:
    from pipeline.cycle import run_cycle

    run_cycle(_app(options))


def digest_job(options: dict[str, Any]) -> None:
    from pipeline.cycle import today
    from pipeline.digest import run_digest

    app = _app(options)
    run_digest(app, today(app))


JOBS = {"cycle": cycle_job, "digest": digest_job}


def trigger_for(schedule: JobSchedule, timezone: str) -> IntervalTrigger | CronTrigger:
    """A trigger in the configured time zone (a trigger built without one falls back to UTC)."""
    if schedule.trigger == "interval":
        return IntervalTrigger(
            minutes=schedule.minutes or 0, seconds=schedule.seconds or 0, timezone=timezone
        )
    return CronTrigger(
        hour=schedule.hour, minute=schedule.minute, day=schedule.day, month=schedule.month, timezone=timezone
    )


def build_scheduler(app: AppConfig, options: dict[str, Any]) -> BlockingScheduler:
    tz = app.schedule.timezone
    scheduler = BlockingScheduler(
        timezone=tz,
        jobstores={"default": SQLAlchemyJobStore(url=app.settings.resolved_database_url)},
        job_defaults={
            "coalesce": True,
            "max_instances": 1,
            "misfire_grace_time": app.schedule.misfire_grace_seconds,
        },
    )
    plain = {"config_dir": options.get("config_dir"), "overrides": options.get("overrides")}
    for name, schedule in app.schedule.jobs.items():
        if name not in JOBS or not schedule.enabled:
            continue
        scheduler.add_job(
            JOBS[name],
            trigger_for(schedule, tz),
            id=name,
            name=name,
            kwargs={"options": plain},
            replace_existing=True,
        )
    return scheduler


def run_scheduler(app: AppConfig, options: dict[str, Any]) -> None:
    """Run until SIGTERM/SIGINT; a running job finishes before the process exits 0.

    Several `duluan run` processes may share one database: only the holder of the scheduler lease runs
    jobs; the others wait and take over when the leader stops renewing it (it died or was stopped).
    """
    url = app.settings.resolved_database_url
    leader = Leadership(url, worker_name(), timedelta(seconds=app.settings.leader_lease_seconds))
    scheduler: BlockingScheduler | None = None

    def stop(signum: int, _frame: Any) -> None:
        log.info("signal %s: stopping after the running job", signum)
        leader.stop(release=False)
        if scheduler is not None and scheduler.running:
            scheduler.shutdown(wait=True)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    if not leader.wait():
        return
    scheduler = build_scheduler(app, options)
    leader.keep(on_lost=lambda: scheduler.shutdown(wait=False) if scheduler and scheduler.running else None)
    for job in scheduler.get_jobs():
        log.info("scheduled %s: %s", job.id, job.trigger)
    try:
        scheduler.start()
    finally:
        leader.stop()
