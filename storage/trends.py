"""Topic mentions over time: what baselines, bursts, trend charts and periodic reports count."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from storage.models import AnnotationRow, ArticleRow, ArticleTopicRow, SourceRow
from storage.records import TopicMention


def topic_mentions(
    session: Session, start: datetime, end: datetime, topics: list[str] | None = None
) -> list[TopicMention]:
    """Every (annotated article, topic) pair published in [start, end), oldest first."""
    query = (
        select(
            ArticleTopicRow.topic_id,
            ArticleRow.id,
            ArticleRow.published_at,
            ArticleRow.source_id,
            SourceRow.name,
            AnnotationRow.dup_of,
            AnnotationRow.tone,
            AnnotationRow.local,
            ArticleRow.title,
            ArticleRow.canonical_url,
        )
        .join(ArticleRow, ArticleRow.id == ArticleTopicRow.article_id)
        .join(AnnotationRow, AnnotationRow.article_id == ArticleRow.id)
        .join(SourceRow, SourceRow.id == ArticleRow.source_id)
        .where(ArticleRow.published_at >= start, ArticleRow.published_at < end)
        .order_by(ArticleRow.published_at, ArticleRow.id, ArticleTopicRow.topic_id)
    )
    if topics is not None:
        query = query.where(ArticleTopicRow.topic_id.in_(topics))
    return [
        TopicMention(
            article_id=article_id,
            topic_id=topic_id,
            published_at=published,
            source_id=source_id,
            source_name=source_name,
            copy=dup_of is not None,
            tone=tone,
            local=bool(local),
            title=title or "",
            url=url,
        )
        for topic_id, article_id, published, source_id, source_name, dup_of, tone, local, title, url in (
            session.execute(query)
        )
        if published is not None
    ]


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
