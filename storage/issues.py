"""Stories, issues and digests: every SQL statement about them."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from storage.models import DigestDeliveryRow, DigestRow, IssueRow, StoryRow
from storage.records import Digest, Issue
from storage.upsert import insert_ignore, insert_or_update


def save_story(session: Session, issue: Issue, now: datetime) -> int:
    """Insert or update the story behind an issue (keyed by its stable story key)."""
    values = {
        "key": issue.story_key,
        "topic_id": issue.topic_id,
        "title": issue.title,
        "first_published": issue.first_published,
        "last_published": issue.last_published,
        "article_ids": list(issue.article_ids),
        "outlet_count": len(issue.outlets),
        "updated_at": now,
    }
    session.execute(insert_or_update(session, StoryRow, ["key"], values))
    story_id = session.scalar(select(StoryRow.id).where(StoryRow.key == issue.story_key))
    assert story_id is not None
    return int(story_id)


def recent_stories(session: Session, since: datetime, until: datetime) -> list[tuple[str, frozenset[int]]]:
    """(key, article ids) of the stories with an article published since `since` that had begun by `until`
    (a detection re-run for a past day leaves later stories alone), oldest story first."""
    rows = session.execute(
        select(StoryRow.key, StoryRow.article_ids)
        .where(StoryRow.last_published >= since, StoryRow.first_published < until)
        .order_by(StoryRow.id)
    )
    return [(key, frozenset(int(i) for i in ids or ())) for key, ids in rows]


def save_issue(session: Session, issue: Issue, day: date, now: datetime) -> int:
    """Insert or update the issue of a story on a day; returns its id."""
    story_id = save_story(session, issue, now)
    values = {
        "story_id": story_id,
        "day": day,
        "topic_id": issue.topic_id,
        "score": issue.score,
        "explanation": issue.explanation,
        "recipients": list(issue.recipients),
        "created_at": now,
    }
    session.execute(insert_or_update(session, IssueRow, ["story_id", "day"], values))
    issue_id = session.scalar(select(IssueRow.id).where(IssueRow.story_id == story_id, IssueRow.day == day))
    assert issue_id is not None
    return int(issue_id)


def issues_on(session: Session, day: date) -> list[Issue]:
    return issues_between(session, day, day)


def issues_between(session: Session, first: date, last: date, topics: list[str] | None = None) -> list[Issue]:
    """Issues of the days first..last (inclusive), by day then score (highest first)."""
    query = (
        select(IssueRow, StoryRow)
        .join(StoryRow, StoryRow.id == IssueRow.story_id)
        .where(IssueRow.day >= first, IssueRow.day <= last)
        .order_by(IssueRow.day, IssueRow.score.desc(), IssueRow.id)
    )
    if topics is not None:
        query = query.where(IssueRow.topic_id.in_(topics))
    rows = session.execute(query).all()
    return [
        Issue(
            id=i.id,
            story_key=s.key,
            topic_id=i.topic_id,
            title=s.title,
            article_ids=tuple(s.article_ids),
            outlets=tuple(i.explanation.get("outlets", [])),
            score=i.score,
            explanation=dict(i.explanation),
            recipients=tuple(i.recipients),
            first_published=s.first_published,
            last_published=s.last_published,
            day=i.day,
        )
        for i, s in rows
    ]


def record_digest(
    session: Session,
    *,
    day: date,
    recipient_id: str,
    html_path: str,
    text_path: str,
    stats: dict[str, Any],
    now: datetime,
) -> int:
    values = {
        "day": day,
        "recipient_id": recipient_id,
        "html_path": html_path,
        "text_path": text_path,
        "stats": stats,
        "created_at": now,
    }
    session.execute(insert_or_update(session, DigestRow, ["day", "recipient_id"], values))
    digest_id = session.scalar(
        select(DigestRow.id).where(DigestRow.day == day, DigestRow.recipient_id == recipient_id)
    )
    assert digest_id is not None
    return int(digest_id)


def digests(session: Session, limit: int = 30) -> list[DigestRow]:
    return list(session.scalars(select(DigestRow).order_by(DigestRow.day.desc()).limit(limit)))


def add_digest_deliveries(session: Session, digest_id: int, channels: list[str], now: datetime) -> list[str]:
    """Queue the digest on each channel not queued yet (a digest is delivered once); returns the new ones."""
    added = []
    for channel in dict.fromkeys(channels):
        row = session.execute(
            insert_ignore(session, DigestDeliveryRow)
            .values(
                digest_id=digest_id,
                channel=channel,
                status="pending",
                attempts=0,
                created_at=now,
                next_attempt_at=now,
            )
            .returning(DigestDeliveryRow.id)
        ).first()
        if row is not None:
            added.append(channel)
    return added


def digest_by_id(session: Session, digest_id: int) -> Digest | None:
    row = session.get(DigestRow, digest_id)
    if row is None:
        return None
    return Digest(
        id=row.id,
        day=row.day,
        recipient_id=row.recipient_id,
        html_path=row.html_path,
        text_path=row.text_path,
        created_at=row.created_at,
        stats=dict(row.stats or {}),
    )


def digest_deliveries(session: Session, digest_id: int) -> list[DigestDeliveryRow]:
    return list(
        session.scalars(
            select(DigestDeliveryRow)
            .where(DigestDeliveryRow.digest_id == digest_id)
            .order_by(DigestDeliveryRow.id)
        )
    )


def latest_issue_day(session: Session, on_or_before: date) -> date | None:
    return session.scalar(select(func.max(IssueRow.day)).where(IssueRow.day <= on_or_before))
