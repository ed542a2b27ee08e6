"""Reports of public-opinion collaborators and their photos."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import Date, Float, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from storage.models.base import Base


class GrassrootsReportRow(Base):
    """A public-opinion collaborator's report of what people are saying (0008), with its annotation.

    `token` is the idempotency key: the form's one-time token, or `import:<row key>` for a sheet's row."""

    __tablename__ = "grassroots_reports"
    __table_args__ = (Index("ix_grassroots_reports_day_topic", "heard_on", "topic_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    token: Mapped[str] = mapped_column(String(80), unique=True)
    reporter_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
    reporter_name: Mapped[str | None] = mapped_column(String(200))  # a sheet's collaborator without login
    channel: Mapped[str] = mapped_column(String(16))  # web | import
    text: Mapped[str] = mapped_column(Text)
    unit: Mapped[str] = mapped_column(String(120), index=True)
    chosen_topic: Mapped[str | None] = mapped_column(String(64))  # what the collaborator picked
    spread: Mapped[str] = mapped_column(String(16))  # ca_biet | nhieu_nguoi | lan_rong
    mood: Mapped[str] = mapped_column(String(16))  # dong_tinh | ban_khoan | buc_xuc
    heard_at: Mapped[str] = mapped_column(String(32))  # cho | hoi_nghi | mang_xa_hoi | …
    link: Mapped[str | None] = mapped_column(String(1000))
    heard_on: Mapped[date] = mapped_column(Date)
    created_at: Mapped[datetime]
    # annotation (nlp.annotate): the topic it is counted under, every topic with its evidence, places, tone
    topic_id: Mapped[str | None] = mapped_column(String(64))
    topics: Mapped[list[Any]] = mapped_column(default=list)
    places: Mapped[list[Any]] = mapped_column(default=list)
    units: Mapped[list[Any]] = mapped_column(default=list)
    tone: Mapped[str | None] = mapped_column(String(16))
    tone_score: Mapped[float | None] = mapped_column(Float)
    annotated_at: Mapped[datetime | None]
    annotator_version: Mapped[str | None] = mapped_column(String(32))


class GrassrootsPhotoRow(Base):
    """A photo of a report: the file lies under <data_dir>/grassroots/photos, named by its SHA-256."""

    __tablename__ = "grassroots_photos"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    report_id: Mapped[int] = mapped_column(
        ForeignKey("grassroots_reports.id", ondelete="CASCADE"), index=True
    )
    file_name: Mapped[str] = mapped_column(String(100))
    content_type: Mapped[str] = mapped_column(String(32))
    size: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime]
