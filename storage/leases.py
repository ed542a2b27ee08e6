"""Named leases: one holder at a time, renewed while alive, taken over once expired."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import delete, or_, select, update
from sqlalchemy.orm import Session

from storage.models import LeaseRow
from storage.upsert import insert_ignore


def try_acquire(session: Session, name: str, holder: str, ttl: timedelta, now: datetime) -> bool:
    """Take or renew the lease; True when `holder` holds it afterwards."""
    session.execute(insert_ignore(session, LeaseRow).values(name=name, holder=holder, expires_at=now + ttl))
    session.execute(
        update(LeaseRow)
        .where(LeaseRow.name == name, or_(LeaseRow.holder == holder, LeaseRow.expires_at < now))
        .values(holder=holder, expires_at=now + ttl)
    )
    current = session.scalar(select(LeaseRow.holder).where(LeaseRow.name == name))
    return current == holder


def release(session: Session, name: str, holder: str) -> None:
    session.execute(delete(LeaseRow).where(LeaseRow.name == name, LeaseRow.holder == holder))


def holder_of(session: Session, name: str, now: datetime) -> str | None:
    row = session.execute(select(LeaseRow.holder, LeaseRow.expires_at).where(LeaseRow.name == name)).first()
    return row.holder if row is not None and row.expires_at >= now else None
