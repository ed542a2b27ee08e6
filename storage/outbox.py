"""The outbox tables (alert deliveries and digest deliveries): claim due messages, record outcomes.

A delivery row moves pending -> sending (claimed by one run) -> sent, or back to pending with a later
`next_attempt_at` after a failure, or to failed once its attempts are used up. A claim left behind by a
run that died is released after `stale_after`, so the message is tried again (at least once delivery;
receivers deduplicate by the message id).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Literal, TypeVar

from sqlalchemy import and_, or_, select, update
from sqlalchemy.orm import Session

from storage.models import DeliveryRow, DeliveryState, DigestDeliveryRow
from storage.records import OutboxClaim

Row = TypeVar("Row", bound=DeliveryState)
Kind = Literal["alert", "digest"]  # which outbox: alert deliveries or digest deliveries
MAX_RETRY_DELAY = timedelta(hours=6)
_MODELS: dict[str, type[DeliveryRow] | type[DigestDeliveryRow]] = {
    "alert": DeliveryRow,
    "digest": DigestDeliveryRow,
}


def model_of(kind: Kind) -> type[DeliveryRow] | type[DigestDeliveryRow]:
    return _MODELS[kind]


def claims(
    session: Session, kind: Kind, *, token: str, now: datetime, **options: object
) -> list[OutboxClaim]:
    """`claim_due` for one outbox, as records: (row id, the alert or digest it delivers, channel)."""
    rows = claim_due(session, model_of(kind), token=token, now=now, **options)  # type: ignore[arg-type]
    item = "alert_id" if kind == "alert" else "digest_id"
    return [OutboxClaim(r.id, int(getattr(r, item)), r.channel) for r in rows]


def sent(
    session: Session, kind: Kind, ids: Iterable[int], *, now: datetime, location: str, message_id: str
) -> None:
    record_sent(session, model_of(kind), ids, now=now, location=location, message_id=message_id)


def failed(session: Session, kind: Kind, ids: Iterable[int], **outcome: object) -> list[str]:
    """`record_failure` for one outbox; returns each row's status after it (pending again, or failed)."""
    return [r.status for r in record_failure(session, model_of(kind), ids, **outcome)]  # type: ignore[arg-type]


def retry_delay(attempts: int, base_seconds: float) -> timedelta:
    """Exponential backoff: base, 2 x base, 4 x base … after the 1st, 2nd, 3rd failure (at most 6 h)."""
    delay = timedelta(seconds=base_seconds * 2 ** max(0, attempts - 1))
    return min(delay, MAX_RETRY_DELAY)


def claim_due(
    session: Session,
    model: type[Row],
    *,
    token: str,
    now: datetime,
    stale_after: timedelta = timedelta(minutes=30),
    channels: Iterable[str] | None = None,
    limit: int = 1000,
) -> list[Row]:
    """Claim the pending rows whose next attempt is due; returns the rows this `token` now holds."""
    session.execute(
        update(model)
        .where(model.status == "sending", model.claimed_at < now - stale_after)
        .values(status="pending", claim=None)
    )
    query = select(model.id).where(
        model.status == "pending", or_(model.next_attempt_at.is_(None), model.next_attempt_at <= now)
    )
    if channels is not None:
        query = query.where(model.channel.in_(list(channels)))
    ids = list(session.scalars(query.order_by(model.id).limit(limit)))
    if not ids:
        return []
    session.execute(
        update(model)
        .where(and_(model.id.in_(ids), model.status == "pending"))
        .values(status="sending", claim=token, claimed_at=now)
    )
    session.flush()
    return list(
        session.scalars(
            select(model).where(model.claim == token, model.status == "sending").order_by(model.id)
        )
    )


def record_sent(
    session: Session, model: type[Row], ids: Iterable[int], *, now: datetime, location: str, message_id: str
) -> None:
    wanted = sorted(set(ids))
    for i in range(0, len(wanted), 500):
        session.execute(
            update(model)
            .where(model.id.in_(wanted[i : i + 500]))
            .values(
                status="sent",
                sent_at=now,
                location=location,
                message_id=message_id,
                attempts=model.attempts + 1,
                last_error=None,
                claim=None,
                next_attempt_at=None,
            )
            .execution_options(synchronize_session=False)
        )


def record_failure(
    session: Session,
    model: type[Row],
    ids: Iterable[int],
    *,
    now: datetime,
    error: str,
    max_attempts: int,
    retry_seconds: float,
    message_id: str | None = None,
) -> list[Row]:
    """One failed attempt: pending again after a backoff, or failed once `max_attempts` are used up."""
    rows = _rows(session, model, ids)
    for row in rows:
        row.attempts += 1
        row.last_error, row.claim, row.message_id = error[:2000], None, message_id or row.message_id
        if row.attempts >= max_attempts:
            row.status, row.next_attempt_at = "failed", None
        else:
            row.status, row.next_attempt_at = "pending", now + retry_delay(row.attempts, retry_seconds)
    session.flush()
    return rows


def counts_by_status(session: Session, model: type[Row]) -> dict[str, int]:
    out: dict[str, int] = {}
    for status in session.scalars(select(model.status)):
        out[status] = out.get(status, 0) + 1
    return out


def _rows(session: Session, model: type[Row], ids: Iterable[int]) -> list[Row]:
    wanted = sorted(set(ids))
    return list(session.scalars(select(model).where(model.id.in_(wanted)).order_by(model.id)))
