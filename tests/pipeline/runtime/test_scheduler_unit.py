"""Scheduler pieces without a process: time zones of the triggers, job identity, the report period."""

from __future__ import annotations

import datetime as dt

import pytest

from config import AppConfig
from config.models import JobSchedule
from pipeline.reports.data import Period
from pipeline.runtime.scheduler import JOBS, build_scheduler, fingerprint, trigger_for


@pytest.mark.parametrize("job", sorted(JOBS))
def test_every_packaged_job_is_scheduled_in_the_configured_time_zone(app_config: AppConfig, job: str) -> None:
    scheduler = build_scheduler(app_config, {})
    trigger = {j.id: j for j in scheduler.get_jobs()}[job].trigger
    assert str(trigger.timezone) == "Asia/Ho_Chi_Minh"


def test_the_digest_fires_at_06_30_local_time(app_config: AppConfig) -> None:
    trigger = trigger_for(app_config.schedule.jobs["digest"], app_config.settings.timezone)
    start = dt.datetime(2026, 11, 25, 12, 0, tzinfo=dt.UTC)
    fire = trigger.get_next_fire_time(None, start)
    assert fire is not None and (fire.hour, fire.minute) == (6, 30)
    assert fire.astimezone(dt.UTC).hour == 23  # 06:30 in Hanoi is 23:30 UTC the day before


def test_the_report_fires_on_the_first_day_of_a_quarter(app_config: AppConfig) -> None:
    trigger = trigger_for(app_config.schedule.jobs["report"], app_config.settings.timezone)
    fire = trigger.get_next_fire_time(None, dt.datetime(2026, 11, 25, tzinfo=dt.UTC))
    assert fire is not None and (fire.year, fire.month, fire.day, fire.hour) == (2027, 1, 1, 7)


def test_a_changed_schedule_changes_the_job_identity(app_config: AppConfig) -> None:
    a = JobSchedule(trigger="interval", minutes=30)
    b = JobSchedule(trigger="interval", minutes=15)
    assert fingerprint("cycle", a, app_config, {}) == fingerprint("cycle", a, app_config, {})
    assert fingerprint("cycle", a, app_config, {}) != fingerprint("cycle", b, app_config, {})


@pytest.mark.parametrize(
    ("day", "label", "first", "last"),
    [
        (dt.date(2026, 10, 1), "2026Q3", dt.date(2026, 7, 1), dt.date(2026, 9, 30)),
        (dt.date(2026, 1, 1), "2025Q4", dt.date(2025, 10, 1), dt.date(2025, 12, 31)),
        (dt.date(2026, 5, 17), "2026Q1", dt.date(2026, 1, 1), dt.date(2026, 3, 31)),
    ],
)
def test_the_quarterly_job_reports_the_quarter_that_ended(
    day: dt.date, label: str, first: dt.date, last: dt.date
) -> None:
    period = Period.quarter_before(day)
    assert (period.label, period.first, period.last) == (label, first, last)
