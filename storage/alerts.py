"""Alerts and their deliveries (the outbox table): every SQL statement about alerts."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from storage.models import AlertRow, DeliveryRow
from storage.records import Alert
from storage.upsert import insert_ignore


@dataclass(frozen=True)
class SubjectHistory:
    """The alerts already raised about one subject for one recipient (what the cooldown looks at)."""

    count: int
    last_at: datetime | None
    last_magnitude: float | None


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
            subject=alert.subject,
            magnitude=alert.magnitude,
        )
        .returning(AlertRow.id)
    ).first()
    if row is None:
        return None
    alert_id = int(row[0])
    for channel in dict.fromkeys(channels):
        session.add(
            DeliveryRow(
                alert_id=alert_id,
                channel=channel,
                status="pending",
                attempts=0,
                created_at=now,
                next_attempt_at=now,
            )
        )
    session.flush()
    return alert_id


def alert_exists(session: Session, key: str) -> bool:
    return session.scalar(select(AlertRow.id).where(AlertRow.key == key)) is not None


def subject_history(session: Session, subject: str, recipient_id: str) -> SubjectHistory:
    count = session.scalar(
        select(func.count())
        .select_from(AlertRow)
        .where(AlertRow.subject == subject, AlertRow.recipient_id == recipient_id)
    )
    last = session.execute(
        select(AlertRow.created_at, AlertRow.magnitude)
        .where(AlertRow.subject == subject, AlertRow.recipient_id == recipient_id)
        .order_by(AlertRow.id.desc())
        .limit(1)
    ).first()
    return SubjectHistory(
        count=int(count or 0),
        last_at=last[0] if last else None,
        last_magnitude=last[1] if last else None,
    )


def alerts_by_ids(session: Session, ids: Iterable[int]) -> dict[int, Alert]:
    wanted = sorted(set(ids))
    out: dict[int, Alert] = {}
    for i in range(0, len(wanted), 500):
        for row in session.scalars(select(AlertRow).where(AlertRow.id.in_(wanted[i : i + 500]))):
            out[row.id] = to_record(row)
    return out


def refresh_status(session: Session, alert_ids: Iterable[int]) -> None:
    """An alert is sent once every channel delivered it, failed once one channel gave up; acked stays."""
    wanted = sorted(set(alert_ids))
    for i in range(0, len(wanted), 500):
        chunk = wanted[i : i + 500]
        statuses: dict[int, set[str]] = {a: set() for a in chunk}
        rows = session.execute(
            select(DeliveryRow.alert_id, DeliveryRow.status).where(DeliveryRow.alert_id.in_(chunk))
        )
        for alert_id, status in rows:
            statuses[alert_id].add(status)
        targets: dict[str, list[int]] = {}
        for alert_id, found in statuses.items():
            status = "failed" if "failed" in found else "sent" if found == {"sent"} else "pending"
            targets.setdefault(status, []).append(alert_id)
        for status, ids in targets.items():
            session.execute(
                update(AlertRow)
                .where(AlertRow.id.in_(ids), AlertRow.status != "acked", AlertRow.status != status)
                .values(status=status)
                .execution_options(synchronize_session=False)
            )


def get_alert(session: Session, alert_id: int) -> AlertRow | None:
    return session.get(AlertRow, alert_id)


def ack_alert(
    session: Session,
    alert_id: int,
    *,
    by: str,
    note: str | None,
    now: datetime,
    recipient_ids: list[str] | None = None,
) -> bool:
    """Record that `by` handled an open alert; False when there is no such open alert.

    With `recipient_ids` only an alert addressed to one of them is acknowledged (a body's own inbox); a
    second acknowledgement changes nothing.
    """
    query = update(AlertRow).where(AlertRow.id == alert_id, AlertRow.status != "acked")
    if recipient_ids is not None:
        query = query.where(AlertRow.recipient_id.in_(recipient_ids))
    query = query.values(status="acked", acked_at=now, acked_by=by[:64], ack_note=(note or None))
    result = session.execute(query.execution_options(synchronize_session="fetch"))
    return bool(getattr(result, "rowcount", 0))


def inbox(
    session: Session, *, recipient_ids: list[str] | None, acked: bool, limit: int = 200
) -> list[AlertRow]:
    """Alerts of these recipients (None: every recipient), open or acknowledged, newest first.

    Open means not acknowledged, whatever its delivery did (pending, sent or failed).
    """
    query = select(AlertRow).order_by(AlertRow.created_at.desc(), AlertRow.id.desc()).limit(limit)
    if recipient_ids is not None:
        query = query.where(AlertRow.recipient_id.in_(recipient_ids))
    query = query.where(AlertRow.status == "acked") if acked else query.where(AlertRow.status != "acked")
    return list(session.scalars(query))


def alert_for(session: Session, alert_id: int, recipient_ids: list[str] | None) -> AlertRow | None:
    """The alert when it belongs to one of `recipient_ids` (None: any recipient)."""
    query = select(AlertRow).where(AlertRow.id == alert_id)
    if recipient_ids is not None:
        query = query.where(AlertRow.recipient_id.in_(recipient_ids))
    return session.scalar(query)


def list_alerts(
    session: Session,
    *,
    recipient_id: str | None = None,
    status: str | None = None,
    limit: int | None = None,
) -> list[AlertRow]:
    query = select(AlertRow).order_by(AlertRow.id)
    if recipient_id:
        query = query.where(AlertRow.recipient_id == recipient_id)
    if status:
        query = query.where(AlertRow.status == status)
    if limit:
        query = query.order_by(None).order_by(AlertRow.id.desc()).limit(limit)
    return list(session.scalars(query))


def open_alerts(session: Session, before: datetime) -> list[AlertRow]:
    """Alerts raised before `before` and not acknowledged yet, oldest first."""
    return list(
        session.scalars(
            select(AlertRow)
            .where(AlertRow.status != "acked", AlertRow.created_at < before)
            .order_by(AlertRow.created_at, AlertRow.id)
        )
    )


def alerts_between(session: Session, recipient_id: str, start: datetime, end: datetime) -> list[AlertRow]:
    return list(
        session.scalars(
            select(AlertRow)
            .where(
                AlertRow.recipient_id == recipient_id,
                AlertRow.created_at >= start,
                AlertRow.created_at < end,
            )
            .order_by(AlertRow.created_at, AlertRow.id)
        )
    )


def deliveries_of(session: Session, alert_id: int) -> list[DeliveryRow]:
    return list(
        session.scalars(select(DeliveryRow).where(DeliveryRow.alert_id == alert_id).order_by(DeliveryRow.id))
    )


def to_record(row: AlertRow) -> Alert:
    return Alert(
        id=row.id,
        key=row.key,
        recipient_id=row.recipient_id,
        kind=row.kind,
        topic_id=row.topic_id,
        title=row.title,
        payload=dict(row.payload),
        issue_id=row.issue_id,
        subject=row.subject,
        magnitude=row.magnitude,
        created_at=row.created_at,
    )
