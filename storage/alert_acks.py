"""Alert inboxes and acknowledgement for the web (minimal; the alerts issue owns the full follow-up loop).

Acknowledging sets the columns the alerts table already has: status 'acked', acked_at, acked_by, ack_note.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from storage.models import AlertRow

OPEN_STATUSES = ("pending", "sent")


def inbox(
    session: Session, *, recipient_ids: list[str] | None, acked: bool, limit: int = 200
) -> list[AlertRow]:
    """Alerts of these recipients (None: every recipient), open or acknowledged, newest first."""
    query = select(AlertRow).order_by(AlertRow.created_at.desc(), AlertRow.id.desc()).limit(limit)
    if recipient_ids is not None:
        query = query.where(AlertRow.recipient_id.in_(recipient_ids))
    query = (
        query.where(AlertRow.status == "acked") if acked else query.where(AlertRow.status.in_(OPEN_STATUSES))
    )
    return list(session.scalars(query))


def alert_for(session: Session, alert_id: int, recipient_ids: list[str] | None) -> AlertRow | None:
    """The alert when it belongs to one of `recipient_ids` (None: any recipient)."""
    query = select(AlertRow).where(AlertRow.id == alert_id)
    if recipient_ids is not None:
        query = query.where(AlertRow.recipient_id.in_(recipient_ids))
    return session.scalar(query)


def ack_alert(
    session: Session,
    alert_id: int,
    *,
    recipient_ids: list[str] | None,
    by: str,
    note: str | None,
    now: datetime,
) -> bool:
    """Acknowledge an open alert of one of `recipient_ids`; False when there is no such open alert."""
    query = update(AlertRow).where(AlertRow.id == alert_id, AlertRow.status.in_(OPEN_STATUSES))
    if recipient_ids is not None:
        query = query.where(AlertRow.recipient_id.in_(recipient_ids))
    result = session.execute(
        query.values(status="acked", acked_at=now, acked_by=by[:64], ack_note=(note or None))
    )
    return bool(getattr(result, "rowcount", 0))
