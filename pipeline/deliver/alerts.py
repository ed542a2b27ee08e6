"""Alerts: the rules of alerts.yaml, routed by recipients.yaml, kept from storming by a cooldown, and
queued in the outbox table for every configured channel of each body (the file outbox always).

Idempotency: an alert's key is `<subject>:<generation>:<recipient>` and keys are unique, so a rerun, a
restart or two runs at once never raise the same alert twice; a new generation is only opened once the
cooldown has passed or the issue's score has grown by the regrow factor.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from config import AppConfig
from pipeline.deliver.grassroots import with_reports
from pipeline.deliver.rules import Candidate, burst_candidates, issue_candidates, phrase_candidates
from pipeline.deliver.watch_alerts import watch_candidates
from pipeline.detect.trends import as_of_for, baselines
from pipeline.jobs import job_run, now_utc
from storage import alerts as alert_repo
from storage import articles as article_repo
from storage import issues as issue_repo
from storage.alerts import SubjectHistory
from storage.days import day_bounds
from storage.db import session_scope
from storage.records import Alert

log = logging.getLogger("duluan.alerts")
CHANNELS = ("file", "email", "webhook")


def configured_channels(app: AppConfig, recipient_id: str) -> tuple[list[str], list[str]]:
    """(channels that can deliver to the recipient now, declared channels missing an address/secret/server).
    The file outbox is always used."""
    recipient = app.recipients.recipients[recipient_id]
    usable: list[str] = ["file"]
    missing: list[str] = []
    for channel in recipient.channels:
        if channel.kind == "file":
            continue
        ready = bool(app.resolve(channel.to))
        if channel.kind == "email":
            ready = ready and bool(app.settings.smtp_host)
        if channel.kind == "webhook":
            ready = ready and bool(app.resolve(channel.secret))
        (usable if ready else missing).append(channel.kind)
    return list(dict.fromkeys(usable)), missing


def generation(
    history: SubjectHistory, magnitude: float, *, once: bool, now: datetime, app: AppConfig
) -> int | None:
    """The generation of a new alert about a subject, or None when the cooldown holds it back."""
    if history.count == 0:
        return 1
    if once:
        return None
    cooldown = timedelta(hours=app.alerts.cooldown_hours)
    recent = history.last_at is not None and now - history.last_at < cooldown
    last = history.last_magnitude
    grown = last is not None and last > 0 and magnitude >= last * app.alerts.regrow_factor
    return None if recent and not grown else history.count + 1


def candidates_for(app: AppConfig, day: date, now: datetime) -> list[Candidate]:
    tz = ZoneInfo(app.settings.timezone)
    day_start, _ = day_bounds(day, tz)
    as_of = as_of_for(day, tz, now)
    lookback = app.settings.story_window_days + app.settings.issue_window_days
    with session_scope(app.settings.resolved_database_url) as session:
        issues = issue_repo.issues_on(session, day)
        views = article_repo.annotated_between(session, day_start - timedelta(days=lookback), as_of)
        topic_baselines = baselines(app, session, day, as_of)
    by_id = {a.id: a for a in views}
    today = [a for a in views if a.published_at and a.published_at >= day_start]
    candidates = [
        *issue_candidates(app, issues, by_id),
        *burst_candidates(app, day, topic_baselines, today),
        *phrase_candidates(app, today),
    ]
    with session_scope(app.settings.resolved_database_url) as session:
        return with_reports(app, session, candidates)  # the collaborators' reports, without who sent them


def raise_alerts(app: AppConfig, candidates: list[Candidate], now: datetime) -> dict[str, Any]:
    """Store one alert per (candidate, routed recipient) unless the cooldown holds it back."""
    created: dict[str, int] = {}
    held = 0
    missing_channels: set[str] = set()
    with session_scope(app.settings.resolved_database_url) as session:
        for c in candidates:
            for recipient in c.recipients:
                if recipient not in app.recipients.recipients:
                    continue
                history = alert_repo.subject_history(session, c.subject, recipient)
                gen = generation(history, c.magnitude, once=c.once, now=now, app=app)
                if gen is None:
                    held += 1
                    continue
                channels, missing = configured_channels(app, recipient)
                missing_channels.update(f"{recipient}/{m}" for m in missing)
                alert = Alert(
                    key=f"{c.subject}:{gen}:{recipient}",
                    recipient_id=recipient,
                    kind=c.kind,
                    topic_id=c.topic_id,
                    title=c.title,
                    payload=c.payload,
                    issue_id=c.issue_id,
                    subject=c.subject,
                    magnitude=c.magnitude,
                )
                if alert_repo.create_alert(session, alert, channels, now) is not None:
                    created[c.kind] = created.get(c.kind, 0) + 1
    for item in sorted(missing_channels):
        log.info("channel %s is declared but not configured (address, secret or SMTP server)", item)
    return {
        "created": sum(created.values()),
        "created_by_kind": created,
        "held_by_cooldown": held,
        "unconfigured_channels": sorted(missing_channels),
    }


@dataclass(frozen=True)
class AlertsResult:
    """One alerts run: alerts created and held back, channels not configured, and the outbox delivery."""

    day: date
    created: int
    held_by_cooldown: int
    unconfigured_channels: tuple[str, ...]
    delivery: dict[str, Any]  # the outbox flush's summary
    files: tuple[str, ...]  # files written to the file outbox
    stats: dict[str, Any]

    def as_stats(self) -> dict[str, Any]:
        return dict(self.stats)


def run_alerts(app: AppConfig, day: date, *, now: datetime | None = None) -> AlertsResult:
    """Raise the day's alerts, then deliver everything due in the outbox (this run's and earlier retries)."""
    from pipeline.deliver.outbox import flush_outbox

    now = now or now_utc()
    with job_run(app, "alerts") as stats:
        candidates = [*candidates_for(app, day, now), *watch_candidates(app, day, now)]
        stats.update(day=day.isoformat(), candidates=len(candidates), **raise_alerts(app, candidates, now))
        delivery = flush_outbox(app, now=now)
        stats["delivery"] = delivery.summary()
        stats["files"] = delivery.files
        result = AlertsResult(
            day=day,
            created=int(stats["created"]),
            held_by_cooldown=int(stats["held_by_cooldown"]),
            unconfigured_channels=tuple(stats["unconfigured_channels"]),
            delivery=dict(stats["delivery"]),
            files=tuple(delivery.files),
            stats=dict(stats),
        )
    return result
