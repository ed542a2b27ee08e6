"""What the web pages read of an article: briefs, the full detail (annotation, evidence, duplicates,
stories) and the outlets' names. Writing and the pipeline's reads are `storage.articles`'."""

from __future__ import annotations

from dataclasses import replace

from sqlalchemy import select
from sqlalchemy.orm import Session

from storage.models import AnnotationRow, ArticleRow, ArticleTopicRow, SourceRow, StoryRow
from storage.records import ArticleBrief, ArticleDetail, ArticleTopic, StoryTimeline


def article_briefs(session: Session, ids: list[int]) -> list[ArticleBrief]:
    """Title, outlet, time and URL of each article of `ids`, oldest first."""
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
        ArticleTopic(topic_id=t.topic_id, score=t.score, evidence=list(t.evidence))
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
    return replace(
        detail,
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


def source_names(session: Session) -> dict[str, str]:
    """Source id -> the outlet's name."""
    return {str(i): str(n) for i, n in session.execute(select(SourceRow.id, SourceRow.name))}
