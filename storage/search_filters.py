"""Filters shared by search, export and the analysts' DataFrames (one implementation, both backends)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, TypeVar

from sqlalchemy import Select, exists, false, func, select, true
from sqlalchemy.orm import Session, aliased

from storage.models import AnnotationRow, ArticleRow, ArticleTopicRow, StoryRow

AnySelect = TypeVar("AnySelect", bound=Select[*tuple[Any, ...]])


@dataclass(frozen=True, kw_only=True)
class SearchFilters:
    """Which articles an analyst looks at. None means "no filter"; an empty tuple matches nothing.

    `topics` and `routed_topics` are each "any of": the CLI turns a recipient body into the topics routed
    to it (config routing), so storage never reads the configuration.
    """

    since: datetime | None = None  # published at or after
    until: datetime | None = None  # published before
    sources: tuple[str, ...] | None = None
    topics: tuple[str, ...] | None = None
    routed_topics: tuple[str, ...] | None = None
    places: tuple[str, ...] | None = None
    tone: str | None = None
    story_id: int | None = None
    local_only: bool = False

    @property
    def needs_annotation(self) -> bool:
        return self.places is not None or self.tone is not None or self.local_only


def _has_topic(topics: tuple[str, ...]) -> Any:
    return exists().where(ArticleTopicRow.article_id == ArticleRow.id, ArticleTopicRow.topic_id.in_(topics))


def _annotation_matches(session: Session, f: SearchFilters) -> Any:
    """EXISTS over the article's annotation (tone, local, places: its JSON list holds one of them).
    An alias, so that it also works inside queries that join the annotations themselves."""
    note = aliased(AnnotationRow)
    stmt = select(1).select_from(note).where(note.article_id == ArticleRow.id)
    if f.tone is not None:
        stmt = stmt.where(note.tone == f.tone)
    if f.local_only:
        stmt = stmt.where(note.local.is_(True))
    if f.places:
        if session.get_bind().dialect.name == "postgresql":
            elements = func.json_array_elements_text(note.places).table_valued("value")
        else:
            elements = func.json_each(note.places).table_valued("value")
        stmt = stmt.join(elements, true()).where(elements.c.value.in_(f.places))
    return stmt.correlate(ArticleRow).exists()


def story_article_ids(session: Session, story_id: int) -> list[int]:
    ids = session.scalar(select(StoryRow.article_ids).where(StoryRow.id == story_id))
    return [int(i) for i in ids or []]


def apply_filters(session: Session, stmt: AnySelect, filters: SearchFilters | None) -> AnySelect:
    """Add the WHERE clauses of `filters` to a SELECT over ArticleRow (annotation filters are EXISTS)."""
    if filters is None:
        return stmt
    f = filters
    if f.since is not None:
        stmt = stmt.where(ArticleRow.published_at >= f.since)
    if f.until is not None:
        stmt = stmt.where(ArticleRow.published_at < f.until)
    if f.sources is not None:
        stmt = stmt.where(ArticleRow.source_id.in_(f.sources))
    for topics in (f.topics, f.routed_topics):
        if topics is not None:
            stmt = stmt.where(_has_topic(topics) if topics else false())
    if f.story_id is not None:
        stmt = stmt.where(ArticleRow.id.in_(story_article_ids(session, f.story_id)))
    if f.places == ():
        stmt = stmt.where(false())
    elif f.needs_annotation:
        stmt = stmt.where(_annotation_matches(session, f))
    return stmt
