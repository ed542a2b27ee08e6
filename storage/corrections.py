"""People's corrections of article topics: stored with who and when; the latest per article is a label."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from storage.models import ArticleRow, ArticleTopicRow, TopicCorrectionRow


@dataclass(frozen=True, kw_only=True)
class Correction:
    id: int
    article_id: int
    topics: tuple[str, ...]
    machine_topics: tuple[str, ...]
    user_name: str
    role: str
    note: str | None
    created_at: datetime

    @property
    def confirmed(self) -> bool:
        """The person kept exactly the machine's topics."""
        return set(self.topics) == set(self.machine_topics)


@dataclass(frozen=True, kw_only=True)
class LabeledExample:
    """One article with the topics a person said it has (a LABELED.jsonl line)."""

    id: str
    article_id: int
    url: str
    title: str | None
    sapo: str | None
    body: str
    topics: tuple[str, ...]
    machine_topics: tuple[str, ...]
    corrected_by: str
    corrected_at: datetime

    @property
    def text(self) -> str:
        """Sapo and body, as one text."""
        return "\n".join(x for x in (self.sapo, self.body) if x)


def _correction(row: TopicCorrectionRow) -> Correction:
    return Correction(
        id=row.id,
        article_id=row.article_id,
        topics=tuple(row.topics),
        machine_topics=tuple(row.machine_topics),
        user_name=row.user_name,
        role=row.role,
        note=row.note,
        created_at=row.created_at,
    )


def machine_topics(session: Session, article_id: int) -> list[str]:
    return sorted(
        session.scalars(select(ArticleTopicRow.topic_id).where(ArticleTopicRow.article_id == article_id))
    )


def save_correction(
    session: Session,
    article_id: int,
    topics: Sequence[str],
    *,
    user_name: str,
    role: str,
    now: datetime,
    note: str | None = None,
) -> int | None:
    """Record a person's topic set for an article (the annotator's set is kept beside it for comparison);
    None when there is no such article."""
    if session.get(ArticleRow, article_id) is None:
        return None
    row = TopicCorrectionRow(
        article_id=article_id,
        topics=sorted(set(topics)),
        machine_topics=machine_topics(session, article_id),
        user_name=user_name,
        role=role,
        note=note or None,
        created_at=now,
    )
    session.add(row)
    session.flush()
    return row.id


def corrections_for(session: Session, article_id: int) -> list[Correction]:
    """An article's corrections, newest first."""
    rows = session.scalars(
        select(TopicCorrectionRow)
        .where(TopicCorrectionRow.article_id == article_id)
        .order_by(TopicCorrectionRow.created_at.desc(), TopicCorrectionRow.id.desc())
    )
    return [_correction(r) for r in rows]


def labeled_examples(session: Session, *, batch: int = 500) -> Iterator[LabeledExample]:
    """The latest correction of every corrected article with its text, by article id."""
    latest: dict[int, TopicCorrectionRow] = {}
    for row in session.scalars(select(TopicCorrectionRow).order_by(TopicCorrectionRow.id)):
        latest[row.article_id] = row
    ids = sorted(latest)
    for i in range(0, len(ids), batch):
        for article in session.scalars(
            select(ArticleRow).where(ArticleRow.id.in_(ids[i : i + batch])).order_by(ArticleRow.id)
        ):
            c = latest[article.id]
            yield LabeledExample(
                id=f"duluan:{article.id}",
                article_id=article.id,
                url=article.canonical_url,
                title=article.title,
                sapo=article.sapo,
                body=article.body or "",
                topics=tuple(c.topics),
                machine_topics=tuple(c.machine_topics),
                corrected_by=c.user_name,
                corrected_at=c.created_at,
            )
