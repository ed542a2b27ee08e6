"""Alerts and their deliveries (the outbox table): every SQL statement about them."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from storage.models import AlertRow, DeliveryRow
from storage.records import Alert
from storage.upsert import insert_ignore


def create_alert(session: Session, alert: Alert, channels: Sequence[str], now: datetime) -> int | None:
    """Insert the alert and one pending delivery per channel; None when its key already exists."""
    row = session.execute(
        insert_ignore(session, AlertRow)
        .values(
            key=alert.key,
            recipient_id=alert.recipient_id,
            kind=alert.kind,
            topic_id=alert.topic_id,
            issue_id=alert.issue_id,
            title=alert.title,
            payload=alert.payload,
            created_at=now,
            status="pending",
        )
        .returning(AlertRow.id)
    ).first()
    if row is None:
        return None
    alert_id = int(row[0])
    for channel in dict.fromkeys(channels):
        session.add(DeliveryRow(alert_id=alert_id, channel=channel, status="pending", attempts=0))
    session.flush()
    return alert_id


def alert_exists(session: Session, key: str) -> bool:
    return session.scalar(select(AlertRow.id).where(AlertRow.key == key)) is not None


def pending_deliveries(session: Session, channel: str) -> list[tuple[int, Alert]]:
    rows = session.execute(
        select(DeliveryRow.id, AlertRow)
        .join(AlertRow, AlertRow.id == DeliveryRow.alert_id)
        .where(DeliveryRow.channel == channel, DeliveryRow.status == "pending")
        .order_by(AlertRow.recipient_id, AlertRow.id)
    ).all()
    return [(int(d), _alert(a)) for d, a in rows]


def mark_delivery(
    session: Session,
    delivery_id: int,
    *,
    ok: bool,
    now: datetime,
    location: str | None = None,
    error: str | None = None,
    max_attempts: int = 5,
) -> None:
    delivery = session.get(DeliveryRow, delivery_id)
    assert delivery is not None
    delivery.attempts += 1
    if ok:
        delivery.status, delivery.sent_at, delivery.location, delivery.last_error = (
            "sent",
            now,
            location,
            None,
        )
    else:
        delivery.last_error = error
        if delivery.attempts >= max_attempts:
            delivery.status = "failed"
    session.flush()
    statuses = set(
        session.scalars(select(DeliveryRow.status).where(DeliveryRow.alert_id == delivery.alert_id))
    )
    if statuses == {"sent"}:
        session.execute(
            update(AlertRow)
            .where(AlertRow.id == delivery.alert_id, AlertRow.status == "pending")
            .values(status="sent")
        )


def list_alerts(
    session: Session, *, recipient_id: str | None = None, status: str | None = None
) -> list[AlertRow]:
    query = select(AlertRow).order_by(AlertRow.id)
    if recipient_id:
        query = query.where(AlertRow.recipient_id == recipient_id)
    if status:
        query = query.where(AlertRow.status == status)
    return list(session.scalars(query))


def _alert(row: AlertRow) -> Alert:
    return Alert(
        id=row.id,
        key=row.key,
        recipient_id=row.recipient_id,
        kind=row.kind,
        topic_id=row.topic_id,
        title=row.title,
        payload=dict(row.payload),
        issue_id=row.issue_id,
    )
