"""Alerts, digests and their outboxes (one row per message and channel)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import Date, Float, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from storage.models.base import Base


class AlertRow(Base):
    __tablename__ = "alerts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    key: Mapped[str] = mapped_column(String(128), unique=True)
    recipient_id: Mapped[str] = mapped_column(String(64), index=True)
    kind: Mapped[str] = mapped_column(String(32))
    topic_id: Mapped[str] = mapped_column(String(64))
    issue_id: Mapped[int | None] = mapped_column(ForeignKey("issues.id", ondelete="SET NULL"))
    title: Mapped[str] = mapped_column(Text)
    payload: Mapped[dict[str, Any]] = mapped_column(default=dict)
    created_at: Mapped[datetime]
    status: Mapped[str] = mapped_column(String(16), default="pending", index=True)
    acked_at: Mapped[datetime | None]
    acked_by: Mapped[str | None] = mapped_column(String(64))
    ack_note: Mapped[str | None] = mapped_column(Text)
    # What the alert is about (issue:<story key>, burst:<topic>:<day>, phrase:<topic>:<article>) and how big
    # it was (issue score, burst count): the cooldown compares a new alert with the last one of its subject.
    subject: Mapped[str | None] = mapped_column(String(200), index=True)
    magnitude: Mapped[float | None] = mapped_column(Float)

    deliveries: Mapped[list[DeliveryRow]] = relationship(back_populates="alert")


class DeliveryState:
    """Columns of one message on one channel in the outbox: pending -> sent, or failed after retries."""

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    channel: Mapped[str] = mapped_column(String(16))
    status: Mapped[str] = mapped_column(String(16), default="pending")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(Text)
    sent_at: Mapped[datetime | None]
    location: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime | None]
    next_attempt_at: Mapped[datetime | None]
    claim: Mapped[str | None] = mapped_column(String(64))
    claimed_at: Mapped[datetime | None]
    message_id: Mapped[str | None] = mapped_column(String(200))


class DeliveryRow(DeliveryState, Base):
    __tablename__ = "deliveries"
    __table_args__ = (UniqueConstraint("alert_id", "channel"), Index("ix_deliveries_status", "status"))

    alert_id: Mapped[int] = mapped_column(ForeignKey("alerts.id", ondelete="CASCADE"))

    alert: Mapped[AlertRow] = relationship(back_populates="deliveries")


class DigestRow(Base):
    __tablename__ = "digests"
    __table_args__ = (UniqueConstraint("day", "recipient_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    day: Mapped[date] = mapped_column(Date)
    recipient_id: Mapped[str] = mapped_column(String(64))
    html_path: Mapped[str] = mapped_column(Text)
    text_path: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime]
    stats: Mapped[dict[str, Any]] = mapped_column(default=dict)


class DigestDeliveryRow(DeliveryState, Base):
    """The outbox of digests: one row per digest (day and recipient) and channel."""

    __tablename__ = "digest_deliveries"
    __table_args__ = (
        UniqueConstraint("digest_id", "channel"),
        Index("ix_digest_deliveries_status", "status"),
    )

    digest_id: Mapped[int] = mapped_column(ForeignKey("digests.id", ondelete="CASCADE"))
