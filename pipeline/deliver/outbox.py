"""Deliver what the outbox tables hold: due alert deliveries bundled per body and channel, and digests.

Each run claims the due rows (so two runs never send one row at once), sends, then records sent, or a
failed attempt with its error and the time of the next attempt (exponential backoff), or failed for good
once `delivery_max_attempts` are used up.
"""

from __future__ import annotations

import logging
import uuid
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from config import AppConfig
from pipeline.deliver.channels import DeliveryError, post_webhook, send_email, write_file
from pipeline.deliver.messages import Message, alert_message, digest_message
from pipeline.jobs import now_utc
from storage import alerts as alert_repo
from storage import issues as issue_repo
from storage import outbox
from storage.db import session_scope
from storage.records import Alert, Digest

log = logging.getLogger("duluan.outbox")


@dataclass
class FlushResult:
    messages_sent: int = 0
    items_sent: int = 0
    attempts_failed: int = 0
    gave_up: int = 0
    files: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def summary(self) -> dict[str, Any]:
        return {
            "messages_sent": self.messages_sent,
            "items_sent": self.items_sent,
            "attempts_failed": self.attempts_failed,
            "gave_up": self.gave_up,
            "errors": self.errors[:20],
        }


def send(app: AppConfig, channel: str, message: Message) -> str:
    """Deliver one message on one channel of its recipient; DeliveryError when it cannot this time."""
    if channel == "file":
        return write_file(app, message)
    recipient = app.recipients.recipients.get(message.recipient_id)
    if recipient is None:
        raise DeliveryError(f"recipient {message.recipient_id!r} is no longer configured")
    declared = next((c for c in recipient.channels if c.kind == channel), None)
    to = app.resolve(declared.to) if declared else None
    if not to:
        raise DeliveryError(f"{channel} channel of {message.recipient_id} has no address")
    if channel == "email":
        return send_email(app, to, message)
    if channel == "webhook":
        secret = app.resolve(declared.secret) if declared else None
        if not secret:
            raise DeliveryError(f"webhook of {message.recipient_id} has no secret")
        return post_webhook(app, to, secret, message)
    raise DeliveryError(f"unknown channel {channel!r}")


def _deliver(
    app: AppConfig,
    kind: outbox.Kind,
    ids: list[int],
    channel: str,
    build: Callable[[], Message],
    *,
    now: datetime,
    result: FlushResult,
    alert_ids: Sequence[int] = (),
) -> None:
    """Build and send one message for the outbox rows `ids`, then record the outcome on each row."""
    url = app.settings.resolved_database_url
    s = app.settings
    message_id = None
    try:
        message = build()
        message_id = message.message_id
        location = send(app, channel, message)
    except (DeliveryError, OSError) as exc:  # OSError: a message's files (charts) could not be read
        with session_scope(url) as session:
            statuses = outbox.failed(
                session,
                kind,
                ids,
                now=now,
                error=str(exc),
                max_attempts=s.delivery_max_attempts,
                retry_seconds=s.delivery_retry_seconds,
                message_id=message_id,
            )
            alert_repo.refresh_status(session, alert_ids)
        result.attempts_failed += 1
        result.gave_up += statuses.count("failed")
        result.errors.append(f"{channel}: {exc}")
        log.warning("delivery by %s failed: %s", channel, exc)
        return
    with session_scope(url) as session:
        outbox.sent(session, kind, ids, now=now, location=location, message_id=message.message_id)
        alert_repo.refresh_status(session, alert_ids)
    result.messages_sent += 1
    result.items_sent += len(ids)
    if channel == "file":
        result.files.append(location)


def flush_alerts(app: AppConfig, now: datetime, result: FlushResult) -> None:
    """Due alert deliveries, one message per (body, channel) bundling its alerts."""
    token = uuid.uuid4().hex
    with session_scope(app.settings.resolved_database_url) as session:
        claimed = [
            (c.id, c.item_id, c.channel) for c in outbox.claims(session, "alert", token=token, now=now)
        ]
        alerts = alert_repo.alerts_by_ids(session, [a for _, a, _ in claimed])
    groups: dict[tuple[str, str], list[tuple[int, Alert]]] = defaultdict(list)
    for delivery_id, alert_id, channel in claimed:
        groups[(alerts[alert_id].recipient_id, channel)].append((delivery_id, alerts[alert_id]))
    for (recipient_id, channel), items in sorted(groups.items()):
        bundle = [a for _, a in items]
        _deliver(
            app,
            "alert",
            [d for d, _ in items],
            channel,
            lambda r=recipient_id, b=bundle: alert_message(app, r, b, now),  # type: ignore[misc]
            now=now,
            result=result,
            alert_ids=[a.id for a in bundle if a.id is not None],
        )


def _digest_builder(app: AppConfig, digest: Digest, now: datetime) -> Callable[[], Message]:
    def build() -> Message:
        try:
            return digest_message(app, digest, digest.recipient_id, now)
        except OSError as exc:
            raise DeliveryError(f"digest files unreadable: {exc.strerror}: {exc.filename}") from exc

    return build


def flush_digests(app: AppConfig, now: datetime, result: FlushResult) -> None:
    """Due digest deliveries, one message each."""
    token = uuid.uuid4().hex
    with session_scope(app.settings.resolved_database_url) as session:
        claimed = [
            (c.id, c.item_id, c.channel) for c in outbox.claims(session, "digest", token=token, now=now)
        ]
        digests = {d: issue_repo.digest_by_id(session, d) for _, d, _ in claimed}
    for delivery_id, digest_id, channel in claimed:
        digest = digests[digest_id]
        if digest is not None:
            build = _digest_builder(app, digest, now)
            _deliver(app, "digest", [delivery_id], channel, build, now=now, result=result)


def flush_outbox(app: AppConfig, *, now: datetime | None = None) -> FlushResult:
    """Deliver every due message of the outbox tables (alerts first, then digests)."""
    now = now or now_utc()
    result = FlushResult()
    flush_alerts(app, now, result)
    flush_digests(app, now, result)
    return result
