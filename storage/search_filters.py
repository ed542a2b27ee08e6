"""Filters shared by search, export and the analysts' DataFrames (one implementation, both backends).

Topic, tone, "local" and place filters read `article_facets` (one row per article and value, kept by
triggers), so a filter is an index range that the database intersects with the text match.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, TypeVar

from sqlalchemy import Select, false, select
from sqlalchemy.orm import Session

from storage.models import ArticleFacetRow, ArticleRow, StoryRow

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


def _with_facet(facets: list[str], ids: tuple[int, int] | None) -> Any:
    """The article has one of `facets` (article_facets, kept by triggers: migration 0008). A range of
    ids (the search's ranking window) bounds the index range read."""
    stmt = select(ArticleFacetRow.article_id).where(ArticleFacetRow.facet.in_(facets))
    if ids is not None:
        stmt = stmt.where(ArticleFacetRow.article_id.between(*ids))
    return ArticleRow.id.in_(stmt)


def _facet_filters(f: SearchFilters) -> list[list[str]]:
    """Each "any of" group of facets the article must have (topics, routed topics, tone, local, places)."""
    groups = [[f"topic:{t}" for t in topics] for topics in (f.topics, f.routed_topics) if topics is not None]
    if f.tone is not None:
        groups.append([f"tone:{f.tone}"])
    if f.local_only:
        groups.append(["local"])
    if f.places is not None:
        groups.append([f"place:{p}" for p in f.places])
    return groups


def story_article_ids(session: Session, story_id: int) -> list[int]:
    ids = session.scalar(select(StoryRow.article_ids).where(StoryRow.id == story_id))
    return [int(i) for i in ids or []]


def apply_filters(
    session: Session, stmt: AnySelect, filters: SearchFilters | None, ids: tuple[int, int] | None = None
) -> AnySelect:
    """Add the WHERE clauses of `filters` to a SELECT over ArticleRow; `ids`: the statement only reads
    articles with an id in that range (it bounds the facet index reads)."""
    if filters is None:
        return stmt
    f = filters
    if f.since is not None:
        stmt = stmt.where(ArticleRow.published_at >= f.since)
    if f.until is not None:
        stmt = stmt.where(ArticleRow.published_at < f.until)
    if f.sources is not None:
        stmt = stmt.where(ArticleRow.source_id.in_(f.sources))
    if f.story_id is not None:
        stmt = stmt.where(ArticleRow.id.in_(story_article_ids(session, f.story_id)))
    for facets in _facet_filters(f):
        stmt = stmt.where(_with_facet(facets, ids) if facets else false())
    return stmt
