"""Topic mentions over time: what baselines, bursts, trend charts and periodic reports count."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
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
