"""Alerts: issues above the threshold, routed by recipients.yaml, bundled per body into the file outbox."""

from __future__ import annotations

import json
from collections import defaultdict
from datetime import date
from pathlib import Path
from typing import Any

from config import AppConfig
from pipeline.digest import clip
from pipeline.jobs import job_run, now_utc
from storage import alerts as alert_repo
from storage import issues as issue_repo
from storage.db import session_scope
from storage.records import Alert, Issue

IMPLEMENTED_CHANNELS = ("file",)  # e-mail and webhook delivery arrive with the alerts issue


def alerts_for(app: AppConfig, issues: list[Issue]) -> list[Alert]:
    """One alert per (issue, routed recipient) for issues at or above `alert_min_score`."""
    names = {t.id: t.name for t in app.topics.topics}
    alerts = []
    for issue in issues:
        if issue.score < app.settings.alert_min_score:
            continue
        for recipient in app.route(issue.topic_id):
            alerts.append(
                Alert(
                    key=f"issue:{issue.story_key}:{recipient}",
                    recipient_id=recipient,
                    kind="issue",
                    topic_id=issue.topic_id,
                    title=clip(issue.title),
                    issue_id=issue.id,
                    payload={
                        "topic": issue.topic_id,
                        "topic_name": names.get(issue.topic_id, issue.topic_id),
                        "score": issue.score,
                        "explanation": issue.explanation,
                        "article_ids": list(issue.article_ids),
                        "outlets": list(issue.outlets),
                    },
                )
            )
    return alerts


def run_alerts(app: AppConfig, day: date) -> dict[str, Any]:
    """Create new alerts for the issues of `day` and deliver pending ones to the file outbox."""
    url = app.settings.resolved_database_url
    with job_run(app, "alerts") as stats:
        with session_scope(url) as session:
            issues = issue_repo.issues_on(session, day)
            created = 0
            for alert in alerts_for(app, issues):
                channels = [
                    c.kind
                    for c in app.recipients.recipients[alert.recipient_id].channels
                    if c.kind in IMPLEMENTED_CHANNELS
                ]
                if alert_repo.create_alert(session, alert, channels or ["file"], now_utc()) is not None:
                    created += 1
        stats.update(day=day.isoformat(), issues=len(issues), created=created)
        stats["files"] = deliver_file_outbox(app)
    return stats


def deliver_file_outbox(app: AppConfig) -> list[str]:
    """One message file per recipient bundling its pending alerts; marks them sent."""
    url = app.settings.resolved_database_url
    written = []
    with session_scope(url) as session:
        pending = alert_repo.pending_deliveries(session, "file")
        by_recipient: dict[str, list[tuple[int, Alert]]] = defaultdict(list)
        for delivery_id, alert in pending:
            by_recipient[alert.recipient_id].append((delivery_id, alert))
        for recipient_id, items in sorted(by_recipient.items()):
            path = _write_message(app, recipient_id, [a for _, a in items])
            for delivery_id, _ in items:
                alert_repo.mark_delivery(session, delivery_id, ok=True, now=now_utc(), location=str(path))
            written.append(str(path))
    return written


def _write_message(app: AppConfig, recipient_id: str, alerts: list[Alert]) -> Path:
    recipient = app.recipients.recipients[recipient_id]
    stamp = now_utc().strftime("%Y%m%dT%H%M%S%fZ")
    folder = app.settings.outbox_dir / recipient_id
    folder.mkdir(parents=True, exist_ok=True)
    message = {
        "recipient": recipient_id,
        "recipient_name": recipient.name,
        "subject": f"[duluan] {len(alerts)} cảnh báo mới gửi {recipient.short_name or recipient.name}",
        "created_at": now_utc().isoformat(),
        "alerts": [
            {"id": a.id, "key": a.key, "kind": a.kind, "topic": a.topic_id, "title": a.title, **a.payload}
            for a in alerts
        ],
    }
    path = folder / f"{stamp}.json"
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(message, ensure_ascii=False, indent=2), encoding="utf-8")
    tmp.replace(path)
    return path
