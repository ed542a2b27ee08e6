"""Grassroots opinion reports (collaborators' reports) and their photos: every SQL statement about them.

A report is its own kind of item: it never enters the articles' tables, so article search and counts
are untouched. Who reported is kept here (`reporter_id`, `reporter_name`) and only the board's views read
it; what the bodies see is built from `GrassrootsReport.public()`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session, defer

from storage.models import GrassrootsPhotoRow, GrassrootsReportRow, UserRow
from storage.upsert import insert_ignore


@dataclass(frozen=True, kw_only=True)
class NewReport:
    """intake -> store: a report as typed on the form or read from a sheet's row (already validated)."""

    token: str
    text: str
    unit: str
    spread: str
    mood: str
    heard_at: str
    heard_on: date
    channel: str = "web"
    chosen_topic: str | None = None
    link: str | None = None
    reporter_id: int | None = None
    reporter_name: str | None = None


@dataclass(frozen=True, kw_only=True)
class ReportAnnotation:
    """annotate -> store: the topic a report is counted under, its topics with evidence, places, tone."""

    topic_id: str | None
    topics: list[dict[str, Any]]
    places: list[str]
    units: list[str]
    tone: str
    tone_score: float
    version: str


@dataclass(frozen=True, kw_only=True)
class GrassrootsReport:
    """store -> detect, digest, pages: one stored report."""

    id: int
    text: str
    unit: str
    spread: str
    mood: str
    heard_at: str
    heard_on: date
    created_at: datetime
    channel: str
    chosen_topic: str | None
    link: str | None
    topic_id: str | None
    topics: list[dict[str, Any]] = field(default_factory=list)
    places: list[str] = field(default_factory=list)
    tone: str | None = None
    annotated: bool = False
    reporter_id: int | None = None
    reporter: str | None = None  # the board only: the user's login name or the sheet's name
    photos: int = 0

    @property
    def topic_ids(self) -> list[str]:
        """Every topic the report is about: the counted one first."""
        ids = [self.topic_id] if self.topic_id else []
        return ids + [t["topic_id"] for t in self.topics if t.get("topic_id") not in ids]

    def public(self) -> dict[str, Any]:
        """What a body may see: content and unit, never who reported (nor a link that could say it)."""
        return {
            "id": self.id,
            "text": self.text,
            "unit": self.unit,
            "topic": self.topic_id,
            "spread": self.spread,
            "mood": self.mood,
            "heard_at": self.heard_at,
            "day": self.heard_on.isoformat(),
        }


def add_report(session: Session, report: NewReport, now: datetime) -> tuple[int, bool]:
    """Store a report once per token: (id, True) when stored now, (id of the stored one, False) otherwise."""
    row = session.execute(
        insert_ignore(session, GrassrootsReportRow)
        .values(
            token=report.token,
            reporter_id=report.reporter_id,
            reporter_name=report.reporter_name,
            channel=report.channel,
            text=report.text,
            unit=report.unit,
            chosen_topic=report.chosen_topic,
            spread=report.spread,
            mood=report.mood,
            heard_at=report.heard_at,
            link=report.link,
            heard_on=report.heard_on,
            created_at=now,
            topic_id=report.chosen_topic,
            topics=[],
            places=[],
            units=[],
        )
        .returning(GrassrootsReportRow.id)
    ).first()
    if row is not None:
        return int(row[0]), True
    existing = session.scalar(select(GrassrootsReportRow.id).where(GrassrootsReportRow.token == report.token))
    assert existing is not None
    return int(existing), False


def stored_tokens(session: Session, tokens: Iterable[str]) -> set[str]:
    wanted = list(dict.fromkeys(tokens))
    found: set[str] = set()
    for i in range(0, len(wanted), 500):
        chunk = wanted[i : i + 500]
        found.update(
            session.scalars(select(GrassrootsReportRow.token).where(GrassrootsReportRow.token.in_(chunk)))
        )
    return found


def save_annotation(session: Session, report_id: int, a: ReportAnnotation, now: datetime) -> None:
    session.execute(
        update(GrassrootsReportRow)
        .where(GrassrootsReportRow.id == report_id)
        .values(
            topic_id=a.topic_id,
            topics=a.topics,
            places=a.places,
            units=a.units,
            tone=a.tone,
            tone_score=a.tone_score,
            annotated_at=now,
            annotator_version=a.version,
        )
    )


def unannotated(session: Session, limit: int = 1000) -> list[GrassrootsReport]:
    """Reports not annotated yet (an intake whose annotation failed), oldest first."""
    query = _select().where(GrassrootsReportRow.annotated_at.is_(None)).order_by(GrassrootsReportRow.id)
    return _reports(session, query.limit(limit))


def add_photo(
    session: Session, *, report_id: int, file_name: str, content_type: str, size: int, now: datetime
) -> int:
    row = GrassrootsPhotoRow(
        report_id=report_id, file_name=file_name, content_type=content_type, size=size, created_at=now
    )
    session.add(row)
    session.flush()
    return int(row.id)


def photo(session: Session, photo_id: int) -> GrassrootsPhotoRow | None:
    return session.get(GrassrootsPhotoRow, photo_id)


def photos_of(session: Session, report_id: int) -> list[GrassrootsPhotoRow]:
    return list(
        session.scalars(
            select(GrassrootsPhotoRow)
            .where(GrassrootsPhotoRow.report_id == report_id)
            .order_by(GrassrootsPhotoRow.id)
        )
    )


def _select(*, light: bool = False) -> Any:
    """Reports with their sender's name and photo count; `light` leaves out the topics' evidence (JSON
    that detection and digests do not read)."""
    photos = (
        select(func.count(GrassrootsPhotoRow.id))
        .where(GrassrootsPhotoRow.report_id == GrassrootsReportRow.id)
        .scalar_subquery()
    )
    query = select(GrassrootsReportRow, UserRow.name, photos).outerjoin(
        UserRow, UserRow.id == GrassrootsReportRow.reporter_id
    )
    return (
        query.options(defer(GrassrootsReportRow.topics), defer(GrassrootsReportRow.units)) if light else query
    )


def _reports(session: Session, query: Any, *, light: bool = False) -> list[GrassrootsReport]:
    out = []
    for row, user_name, photos in session.execute(query):
        out.append(
            GrassrootsReport(
                id=row.id,
                text=row.text,
                unit=row.unit,
                spread=row.spread,
                mood=row.mood,
                heard_at=row.heard_at,
                heard_on=row.heard_on,
                created_at=row.created_at,
                channel=row.channel,
                chosen_topic=row.chosen_topic,
                link=row.link,
                topic_id=row.topic_id,
                topics=[] if light else list(row.topics or []),
                places=list(row.places or []),
                tone=row.tone,
                annotated=row.annotated_at is not None,
                reporter_id=row.reporter_id,
                reporter=user_name or row.reporter_name,
                photos=int(photos or 0),
            )
        )
    return out


def reports_between(
    session: Session,
    first: date,
    last: date,
    *,
    reporter_id: int | None = None,
    topics: Sequence[str] | None = None,
    limit: int | None = None,
    light: bool = False,
) -> list[GrassrootsReport]:
    """Reports heard on first..last (inclusive), newest first; one collaborator's or on some topics;
    `light`: without the topics' evidence (`topics` left empty, `topic_id` kept)."""
    query = _select(light=light).where(
        GrassrootsReportRow.heard_on >= first, GrassrootsReportRow.heard_on <= last
    )
    if reporter_id is not None:
        query = query.where(GrassrootsReportRow.reporter_id == reporter_id)
    if topics is not None:
        query = query.where(GrassrootsReportRow.topic_id.in_(list(topics)))
    query = query.order_by(GrassrootsReportRow.heard_on.desc(), GrassrootsReportRow.id.desc())
    return _reports(session, query.limit(limit) if limit else query, light=light)


def reports_by_id(session: Session, ids: Iterable[int]) -> dict[int, GrassrootsReport]:
    wanted = sorted({int(i) for i in ids})
    out: dict[int, GrassrootsReport] = {}
    for i in range(0, len(wanted), 500):
        query = _select().where(GrassrootsReportRow.id.in_(wanted[i : i + 500]))
        out.update({r.id: r for r in _reports(session, query)})
    return out


def report_by_id(session: Session, report_id: int) -> GrassrootsReport | None:
    return reports_by_id(session, [report_id]).get(report_id)
