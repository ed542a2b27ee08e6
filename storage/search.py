"""Article search (first version: every folded term must occur; the search issue adds FTS5/tsvector)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from nlp.text import fold
from storage.models import ArticleRow, ArticleTopicRow


class QueryError(ValueError):
    """The query cannot be searched (message is one line)."""


@dataclass(frozen=True, kw_only=True)
class SearchHit:
    id: int
    url: str
    source_id: str
    title: str | None
    published_at: datetime | None
    snippet: str


def _escape_like(term: str) -> str:
    return term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def search(
    session: Session,
    query: str,
    *,
    topic: str | None = None,
    source: str | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
    limit: int = 20,
) -> list[SearchHit]:
    """Articles whose folded title, sapo and body contain every folded term of `query`."""
    terms = [t for t in fold(query).split() if t]
    if not terms:
        raise QueryError("empty query: give at least one word")
    stmt = select(ArticleRow)
    for term in terms:
        stmt = stmt.where(ArticleRow.search_key.like(f"%{_escape_like(term)}%", escape="\\"))
    if topic:
        stmt = stmt.join(ArticleTopicRow, ArticleTopicRow.article_id == ArticleRow.id).where(
            ArticleTopicRow.topic_id == topic
        )
    if source:
        stmt = stmt.where(ArticleRow.source_id == source)
    if since:
        stmt = stmt.where(ArticleRow.published_at >= since)
    if until:
        stmt = stmt.where(ArticleRow.published_at < until)
    stmt = stmt.order_by(ArticleRow.published_at.desc(), ArticleRow.id.desc()).limit(limit)
    hits = []
    for row in session.scalars(stmt):
        hits.append(
            SearchHit(
                id=row.id,
                url=row.canonical_url,
                source_id=row.source_id,
                title=row.title,
                published_at=row.published_at,
                snippet=_snippet(row.sapo or row.body, terms[0]),
            )
        )
    return hits


def _snippet(text: str, term: str, width: int = 160) -> str:
    position = fold(text).find(term)
    start = max(0, position - width // 3) if position >= 0 else 0
    piece = text[start : start + width].replace("\n", " ")
    return ("…" if start else "") + piece + ("…" if start + width < len(text) else "")
