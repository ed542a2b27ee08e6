"""Full-text search over stored articles: FTS5 + bm25 on SQLite, tsvector + ts_rank on PostgreSQL.

The query is parsed by `storage.search_query` (never handed raw to an engine), rendered per dialect by
`storage.search_sql`, combined with `SearchFilters`, and the hits get snippets cut from the original
text (`storage.snippets`). Index upkeep lives in the database (migration 0002: FTS5 triggers on SQLite,
a generated tsvector column with a GIN index on PostgreSQL); `insert_article` writes the folded text.

Ranking: articles where neighbouring query words stand next to each other ("o nhiem" as "ô nhiễm") come
first, then the engine's relevance (bm25 / ts_rank, title weighted above the text), then the newest id;
only the matches within a recency window of stored ids are scored (`rank_range`), which keeps a query for
a word found in every article as cheap as one for a rare word.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

from sqlalchemy import Select, false, func, select
from sqlalchemy.orm import Session

from storage import search_sql as sql
from storage.models import ArticleRow
from storage.search_filters import SearchFilters, apply_filters
from storage.search_query import Node, QueryError, adjacent, leaves, parse
from storage.snippets import Snippet, highlight

__all__ = ["QueryError", "SearchFilters", "SearchHit", "count", "search"]

Order = Literal["rank", "newest"]
RANK_WINDOW = 2000


@dataclass(frozen=True, kw_only=True)
class SearchHit:
    id: int
    url: str
    source_id: str
    title: str | None
    published_at: datetime | None
    rank: float  # lower is better (bm25; minus ts_rank on PostgreSQL)
    adjacent: bool  # the neighbouring query words stand next to each other in the article
    title_marked: Snippet | None  # the whole title with the matches marked
    snippet: Snippet


def _where(
    session: Session,
    stmt: Select[Any],
    node: Node,
    filters: SearchFilters | None,
    ids: tuple[int, int] | None = None,
) -> Select[Any]:
    """The text match, the filters and (when given) the id range of the articles read."""
    dialect = session.get_bind().dialect.name
    join = sql.fts_join(dialect)
    if join is not None:
        stmt = stmt.join(*join)
    stmt = apply_filters(session, stmt.where(sql.match(dialect, node)), filters, ids)
    return stmt if ids is None else stmt.where(sql.id_between(dialect, ids))


def id_bounds(session: Session, filters: SearchFilters | None) -> tuple[int, int] | None:
    """(lowest, highest) id of the stored articles in the filters' date range (published_at index)."""
    bounds = []
    for edge in (func.min(ArticleRow.id), func.max(ArticleRow.id)):  # one each: SQLite reads one row
        stmt = select(edge)
        if filters is not None and filters.since is not None:
            stmt = stmt.where(ArticleRow.published_at >= filters.since)
        if filters is not None and filters.until is not None:
            stmt = stmt.where(ArticleRow.published_at < filters.until)
        bounds.append(stmt.scalar_subquery())
    low, high = session.execute(select(*bounds)).one()
    return None if low is None else (int(low), int(high))


def ranked(
    session: Session, node: Node, filters: SearchFilters | None = None, ids: tuple[int, int] | None = None
) -> Select[Any]:
    """SELECT id, rank, adjacent of the articles matching `node` (with an id in `ids`), unordered."""
    dialect = session.get_bind().dialect.name
    near = adjacent(node)
    tier = sql.also_matches(dialect, near, ids) if near is not None else false()
    stmt = select(ArticleRow.id, sql.rank(dialect, node).label("rank"), tier.label("adjacent"))
    return _where(session, stmt.select_from(ArticleRow), node, filters, ids)


def _nth_newest(
    session: Session, node: Node, filters: SearchFilters | None, ids: tuple[int, int], n: int, sparse: int
) -> int | None:
    """The id of the n-th newest match with an id in `ids` (None when there are fewer).

    SQLite's FTS5 walks its index newest first and stops. PostgreSQL would walk the primary key
    backwards, testing every row; for matches known to be sparse (`sparse`: the number of ids in
    which fewer than n were found) it collects them through the GIN index instead
    (`_newest_matches`), one range of ids at a time."""
    if sparse and session.get_bind().dialect.name == "postgresql":
        return _nth_newest_by_ranges(session, node, filters, ids, n, sparse)
    dialect = session.get_bind().dialect.name
    stmt = _where(session, select(ArticleRow.id).select_from(ArticleRow), node, filters, ids)
    return session.scalar(stmt.order_by(sql.newest_first(dialect)).offset(n - 1).limit(1))


def _newest_matches(
    session: Session, node: Node, filters: SearchFilters | None, ids: tuple[int, int], n: int
) -> list[int]:
    """Up to `n` newest matches with an id in `ids` (PostgreSQL: a materialized CTE makes the planner
    gather them through the indexes, then sort, instead of testing every row backwards)."""
    stmt = _where(session, select(ArticleRow.id).select_from(ArticleRow), node, filters, ids)
    matches = stmt.cte("matches").prefix_with("MATERIALIZED")
    return [int(i) for i in session.scalars(select(matches.c.id).order_by(matches.c.id.desc()).limit(n))]


def _nth_newest_by_ranges(
    session: Session, node: Node, filters: SearchFilters | None, ids: tuple[int, int], n: int, span: int
) -> int | None:
    """`_nth_newest`, read backwards in id ranges that grow fourfold (`span` ids, 4×, 16×, …).

    A phrase of common words is checked against each candidate's positions (the GIN index holds none):
    over every older article that was thousands of rechecks, while the n-th newest match is usually
    in the first range or two."""
    low, high = ids
    while high >= low:
        start = max(low, high - span + 1)
        found = _newest_matches(session, node, filters, (start, high), n)
        if len(found) == n:
            return found[-1]
        n -= len(found)
        high, span = start - 1, span * 4
    return None


def rank_range(
    session: Session, node: Node, filters: SearchFilters | None, limit: int, window: int | None
) -> tuple[int, int] | None:
    """The ids whose matches get ranked: the `window` newest stored articles (of the filters' date
    range), reaching back to the `limit`-th newest match when they hold fewer. None: nothing stored."""
    bounds = id_bounds(session, filters)
    if bounds is None or window is None:
        return bounds
    low, high = bounds
    first = max(low, high - window + 1)
    if first == low or _nth_newest(session, node, filters, (first, high), limit, sparse=0) is not None:
        return first, high
    older = _nth_newest(session, node, filters, (low, first - 1), limit, sparse=max(1, window))
    return (low if older is None else older), high


def search(
    session: Session,
    query: str,
    *,
    filters: SearchFilters | None = None,
    limit: int = 20,
    order: Order = "rank",
    window: int | None = RANK_WINDOW,
) -> list[SearchHit]:
    """The best `limit` articles for `query` (QueryError when it cannot be parsed).

    Ranking scores the matches among the `window` most recently stored articles, or back to the
    `limit`-th newest match when those hold fewer (`window=None`: every match): a very common word
    never makes the engine score every article. `count` and the exports see every match.
    """
    node = parse(query)
    ids = rank_range(session, node, filters, limit, window)
    if ids is None:
        return []
    stmt = ranked(session, node, filters, ids)
    if order == "newest":
        stmt = stmt.order_by(ArticleRow.published_at.desc().nulls_last(), ArticleRow.id.desc())
    else:
        stmt = stmt.order_by(stmt.selected_columns.adjacent.desc(), "rank", ArticleRow.id.desc())
    matched = session.execute(stmt.limit(limit)).all()
    found = [(int(i), float(r), bool(adj)) for i, r, adj in matched]
    a = ArticleRow
    columns = (a.id, a.canonical_url, a.source_id, a.title, a.published_at, a.sapo, a.body)
    rows = {r.id: r for r in session.execute(select(*columns).where(a.id.in_([i for i, _, _ in found])))}
    terms, near = leaves(node), adjacent(node)
    near_terms = leaves(near) if near is not None else terms
    hits = []
    for i, r, adj in found:
        row, words = rows[i], near_terms if adj else terms
        hits.append(
            SearchHit(
                id=i,
                url=row.canonical_url,
                source_id=row.source_id,
                title=row.title,
                published_at=row.published_at,
                rank=r,
                adjacent=adj,
                title_marked=highlight(row.title, words, width=None) if row.title else None,
                snippet=highlight(" ".join(x for x in (row.sapo, row.body) if x), words),
            )
        )
    return hits


def count(session: Session, query: str, *, filters: SearchFilters | None = None) -> int:
    """How many articles match `query` and `filters`."""
    stmt = _where(session, select(func.count()).select_from(ArticleRow), parse(query), filters)
    return int(session.scalar(stmt) or 0)
