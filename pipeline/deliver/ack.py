"""Acknowledging an alert: the one set of rules behind `duluan alerts ack`, the alerts page and the API.

A body acknowledges what is addressed to it; a recipient of the daily digest (the board) may acknowledge
any alert. The note says what was done: required, whitespace collapsed, bounded. A second acknowledgement
is refused and says who acknowledged first (two at the same moment: one wins, the other is told).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from config import AppConfig
from storage import alerts as alert_repo

MAX_NOTE = 2000


class AckError(Exception):
    """Why an acknowledgement was refused; `kind` is note, missing, not_allowed or acked."""

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind


@dataclass(frozen=True)
class Acknowledged:
    alert_id: int
    recipient_id: str
    by: str
    note: str
    at: datetime


def clean_note(note: str | None) -> str:
    text = " ".join((note or "").replace("\x00", "").split())
    if not text:
        raise AckError("note", "the note must say what was done")
    if len(text) > MAX_NOTE:
        raise AckError("note", f"the note is longer than {MAX_NOTE} characters")
    return text


def acting_for(app: AppConfig, recipient_id: str) -> list[str] | None:
    """The alerts a recipient may acknowledge: its own, or every alert (None) for a digest recipient."""
    return None if app.recipient(recipient_id).receives_digest else [recipient_id]


def acknowledge(
    session: Any,
    alert_id: int,
    *,
    by: str,
    note: str | None,
    scope: list[str] | None,
    now: datetime,
) -> Acknowledged:
    """Record that `by` handled the alert; `scope` is the recipients `by` acts for (None: any)."""
    text = clean_note(note)
    row = alert_repo.get_alert(session, alert_id)
    if row is None:
        raise AckError("missing", f"no alert with id {alert_id}")
    if scope is not None and row.recipient_id not in scope:
        raise AckError(
            "not_allowed",
            f"alert {alert_id} is addressed to {row.recipient_id}; {by} cannot acknowledge it",
        )
    if row.status == "acked":
        raise AckError("acked", _already(alert_id, row))
    if not alert_repo.ack_alert(session, alert_id, by=by, note=text, now=now, recipient_ids=scope):
        session.expire_all()
        again = alert_repo.get_alert(session, alert_id)
        raise AckError(
            "acked", _already(alert_id, again) if again else f"alert {alert_id} was already acknowledged"
        )
    return Acknowledged(alert_id=alert_id, recipient_id=row.recipient_id, by=by, note=text, at=now)


def _already(alert_id: int, row: Any) -> str:
    when = row.acked_at.strftime("%Y-%m-%d %H:%M UTC") if row.acked_at else "?"
    return f"alert {alert_id} was already acknowledged by {row.acked_by} at {when}"
