"""Watched subjects and the articles that match them."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import Boolean, Date, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from storage.models.base import Base


class WatchRow(Base):
    """A watched subject: a saved query in the analyst syntax, owned by a body, with an alert policy."""

    __tablename__ = "watches"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String(200))
    owner: Mapped[str] = mapped_column(String(64), index=True)
    shared_with: Mapped[list[Any]] = mapped_column(default=list)
    query: Mapped[str] = mapped_column(Text)
    filters: Mapped[dict[str, Any]] = mapped_column(default=dict)
    start_day: Mapped[date] = mapped_column(Date)
    policy: Mapped[str] = mapped_column(String(16), default="burst")
    state: Mapped[str] = mapped_column(String(16), default="active", index=True)
    note: Mapped[str] = mapped_column(Text, default="")
    created_by: Mapped[str] = mapped_column(String(64), default="")
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]
    backfilled_at: Mapped[datetime | None]


class WatchMatchRow(Base):
    """An article matching a watch, with the query terms it matched (the evidence shown to the reader).

    `live` is True for a match made as the article was annotated, False for one found by the back-fill
    of a new watch (per-article alerts only go out for live matches)."""

    __tablename__ = "watch_matches"
    __table_args__ = (Index("ix_watch_matches_article", "article_id"),)

    watch_id: Mapped[int] = mapped_column(ForeignKey("watches.id", ondelete="CASCADE"), primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True)
    terms: Mapped[list[Any]] = mapped_column(default=list)
    live: Mapped[bool] = mapped_column(Boolean, default=True)
    matched_at: Mapped[datetime]
