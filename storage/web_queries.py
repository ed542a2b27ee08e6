"""Read queries for the web pages: article detail, topic trend, tone counts, source health, digests."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from storage.models import (
    AnnotationRow,
    ArticleRow,
    ArticleTopicRow,
    IssueRow,
    SourceRow,
    StoryRow,
)


@dataclass(frozen=True, kw_only=True)
class ArticleBrief:
    id: int
    title: str | None
    source_id: str
    source_name: str
    published_at: datetime | None
    url: str


@dataclass(frozen=True, kw_only=True)
class TopicScore:
    topic_id: str
    score: float
    evidence: list[Any]


@dataclass(frozen=True, kw_only=True)
class StoryTimeline:
    id: int
    topic_id: str
    title: str
    articles: list[ArticleBrief]


@dataclass(frozen=True, kw_only=True)
class ArticleDetail:
    brief: ArticleBrief
    sapo: str | None
    body: str
    author: str | None
    tags: list[Any]
    fetched_at: datetime
    annotated: bool
    topics: list[TopicScore] = field(default_factory=list)
    places: list[Any] = field(default_factory=list)
    organisations: list[Any] = field(default_factory=list)
    tone: str | None = None
    tone_score: float | None = None
    tone_evidence: dict[str, Any] | None = None  # None for annotations made before the tone model
    local: bool | None = None
    key_terms: list[Any] = field(default_factory=list)
    original: ArticleBrief | None = None
    copies: list[ArticleBrief] = field(default_factory=list)
    stories: list[StoryTimeline] = field(default_factory=list)


def article_briefs(session: Session, ids: list[int]) -> list[ArticleBrief]:
    if not ids:
        return []
    rows = session.execute(
        select(
            ArticleRow.id,
            ArticleRow.title,
            ArticleRow.source_id,
            SourceRow.name,
            ArticleRow.published_at,
            ArticleRow.canonical_url,
        )
        .join(SourceRow, SourceRow.id == ArticleRow.source_id)
        .where(ArticleRow.id.in_(ids))
        .order_by(ArticleRow.published_at, ArticleRow.id)
    )
    return [
        ArticleBrief(id=i, title=t, source_id=s, source_name=n, published_at=p, url=u)
        for i, t, s, n, p, u in rows
    ]


def article_detail(session: Session, article_id: int) -> ArticleDetail | None:
    """An article with its annotation, evidence, duplicates and the stories it belongs to."""
    row = session.get(ArticleRow, article_id)
    if row is None:
        return None
    brief = article_briefs(session, [article_id])[0]
    note = session.get(AnnotationRow, article_id)
    detail = ArticleDetail(
        brief=brief,
        sapo=row.sapo,
        body=row.body,
        author=row.author,
        tags=list(row.tags),
        fetched_at=row.fetched_at,
        annotated=note is not None,
    )
    if note is None:
        return detail
    topics = [
        TopicScore(topic_id=t.topic_id, score=t.score, evidence=list(t.evidence))
        for t in session.scalars(
            select(ArticleTopicRow)
            .where(ArticleTopicRow.article_id == article_id)
            .order_by(ArticleTopicRow.score.desc())
        )
    ]
    head = note.dup_of or article_id
    copy_ids = list(
        session.scalars(
            select(AnnotationRow.article_id).where(
                AnnotationRow.dup_of == head, AnnotationRow.article_id != article_id
            )
        )
    )
    stories = []
    topic_ids = [t.topic_id for t in topics]
    if topic_ids:
        for story in session.scalars(select(StoryRow).where(StoryRow.topic_id.in_(topic_ids))):
            if article_id in story.article_ids:
                members = [int(i) for i in story.article_ids]
                stories.append(
                    StoryTimeline(
                        id=story.id,
                        topic_id=story.topic_id,
                        title=story.title,
                        articles=article_briefs(session, members),
                    )
                )
    return ArticleDetail(
        brief=brief,
        sapo=row.sapo,
        body=row.body,
        author=row.author,
        tags=list(row.tags),
        fetched_at=row.fetched_at,
        annotated=True,
        topics=topics,
        places=list(note.places),
        organisations=list(note.organisations),
        tone=note.tone,
        tone_score=note.tone_score,
        tone_evidence=note.tone_evidence,
        local=note.local,
        key_terms=list(note.key_terms),
        original=article_briefs(session, [note.dup_of])[0] if note.dup_of else None,
        copies=[b for b in article_briefs(session, copy_ids) if b.id != head],
        stories=stories,
    )


def topic_counts_by_day(
    session: Session, start: datetime, end: datetime, tz: ZoneInfo
) -> dict[str, dict[date, int]]:
    """{topic id: {local day: annotated articles of that topic published that day}} in [start, end)."""
    rows = session.execute(
        select(ArticleTopicRow.topic_id, ArticleRow.published_at)
        .join(ArticleRow, ArticleRow.id == ArticleTopicRow.article_id)
        .where(ArticleRow.published_at >= start, ArticleRow.published_at < end)
    )
    out: dict[str, dict[date, int]] = {}
    for topic, published in rows:
        if published is None:
            continue
        day = published.astimezone(tz).date()
        per_day = out.setdefault(topic, {})
        per_day[day] = per_day.get(day, 0) + 1
    return out


def tone_counts(session: Session, start: datetime, end: datetime) -> dict[str, int]:
    """Annotated articles published in [start, end) per tone (negative, neutral, positive)."""
    rows = session.execute(
        select(AnnotationRow.tone, func.count())
        .join(ArticleRow, ArticleRow.id == AnnotationRow.article_id)
        .where(ArticleRow.published_at >= start, ArticleRow.published_at < end)
        .group_by(AnnotationRow.tone)
    )
    return {str(tone): int(n) for tone, n in rows}


def source_names(session: Session) -> dict[str, str]:
    return {str(i): str(n) for i, n in session.execute(select(SourceRow.id, SourceRow.name))}


def latest_issue_day(session: Session, on_or_before: date) -> date | None:
    return session.scalar(select(func.max(IssueRow.day)).where(IssueRow.day <= on_or_before))
