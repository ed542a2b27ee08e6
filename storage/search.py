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
KEY_RANGE = 16_000  # PostgreSQL: id ranges up to this long are read by key, longer ones by the text index


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
    """The text match, the filters and (when given) the id range of the articles read; PostgreSQL reads
    a range of at most KEY_RANGE ids by primary key (sql.match, indexed=False)."""
    dialect = session.get_bind().dialect.name
    join = sql.fts_join(dialect)
    if join is not None:
        stmt = stmt.join(*join)
    by_key = ids is not None and ids[1] - ids[0] < KEY_RANGE
    stmt = apply_filters(session, stmt.where(sql.match(dialect, node, indexed=not by_key)), filters, ids)
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
    session: Session,
    node: Node,
    filters: SearchFilters | None = None,
    ids: tuple[int, int] | None = None,
    *,
    with_total: bool = False,
) -> Select[Any]:
    """SELECT id, rank, adjacent, published_at of the articles matching `node` (with an id in `ids`),
    unordered; `with_total` adds `total`, the number of those articles (a window count, before LIMIT)."""
    dialect = session.get_bind().dialect.name
    near = adjacent(node)
    tier = sql.also_matches(dialect, near, ids) if near is not None else false()
    rank = sql.rank(dialect, node).label("rank")
    stmt = select(ArticleRow.id, rank, tier.label("adjacent"), ArticleRow.published_at)
    stmt = _where(session, stmt.select_from(ArticleRow), node, filters, ids)
    if not with_total:
        return stmt
    inner = stmt.subquery("ranked")  # FTS5's bm25 cannot stand beside a window function
    return select(inner, func.count().over().label("total"))


def _ranked_ids(session: Session, node: Node, found: list[int]) -> Select[Any]:
    """`ranked` for articles already known to match (PostgreSQL): read by primary key, with no second
    pass over the text index and the filters."""
    near = adjacent(node)
    tier = sql.also_matches("postgresql", near) if near is not None else false()
    rank = sql.rank("postgresql", node).label("rank")
    stmt = select(ArticleRow.id, rank, tier.label("adjacent"), ArticleRow.published_at)
    return stmt.where(ArticleRow.id.in_(found))


def _ordered(stmt: Select[Any], order: Order) -> Select[Any]:
    c = stmt.selected_columns
    if order == "newest":
        return stmt.order_by(c.published_at.desc().nulls_last(), c.id.desc())
    return stmt.order_by(c.adjacent.desc(), c.rank, c.id.desc())


def _newest_matches(
    session: Session, node: Node, filters: SearchFilters | None, ids: tuple[int, int], n: int
) -> list[int]:
    """Up to `n` newest matches with an id in `ids`, newest first (PostgreSQL: a materialized CTE makes
    the planner gather them through the indexes, then sort, instead of testing every row backwards)."""
    stmt = _where(session, select(ArticleRow.id).select_from(ArticleRow), node, filters, ids)
    matches = stmt.cte("matches").prefix_with("MATERIALIZED")
    return [int(i) for i in session.scalars(select(matches.c.id).order_by(matches.c.id.desc()).limit(n))]


def _older_matches(
    session: Session, node: Node, filters: SearchFilters | None, ids: tuple[int, int], n: int, span: int
) -> list[int]:
    """Up to `n` newest matches with an id in `ids`, read backwards in id ranges that grow fourfold
    (`span` ids, 4×, 16×, …; PostgreSQL).

    The GIN index holds no positions and knows no ids: a phrase of common words is checked against each
    candidate's positions, and a filter against its row. Over every older article that was thousands of
    rechecks, while the n-th newest match is usually in the first range or two."""
    low, high = ids
    found: list[int] = []
    while high >= low and len(found) < n:
        start = max(low, high - span + 1)
        found += _newest_matches(session, node, filters, (start, high), n - len(found))
        high, span = start - 1, span * 4
    return found


def _older_span(window_ids: int, window_matches: int, needed: int) -> int:
    """The first older range to read: twice the ids that the window's match density says hold the
    `needed` matches (at least the window). When it held none, the matches are rare: a range long
    enough to be read through the text index."""
    if window_matches == 0:
        return 4 * KEY_RANGE
    return max(window_ids, 2 * needed * window_ids // window_matches)


def _nth_newest(
    session: Session, node: Node, filters: SearchFilters | None, ids: tuple[int, int], n: int
) -> int | None:
    """The id of the n-th newest match with an id in `ids` (None when there are fewer; SQLite, whose
    FTS5 walks its index newest first and stops)."""
    dialect = session.get_bind().dialect.name
    stmt = _where(session, select(ArticleRow.id).select_from(ArticleRow), node, filters, ids)
    return session.scalar(stmt.order_by(sql.newest_first(dialect)).offset(n - 1).limit(1))


def _top(
    session: Session,
    node: Node,
    filters: SearchFilters | None,
    limit: int,
    order: Order,
    window: int | None,
) -> list[tuple[int, float, bool]]:
    """(id, rank, adjacent) of the best `limit` matches.

    Only the matches among the `window` newest stored articles (of the filters' date range) are ranked;
    when those hold fewer than `limit`, also the `limit` newest older matches. One statement ranks the window
    and counts its matches; when they are too few, PostgreSQL gathers the older ones (`_older_matches`)
    and ranks the ids it then knows, SQLite finds the `limit`-th newest and ranks back to it."""
    bounds = id_bounds(session, filters)
    if bounds is None:
        return []
    low, high = bounds
    first = low if window is None else max(low, high - window + 1)
    stmt = _ordered(ranked(session, node, filters, (first, high), with_total=True), order)
    rows = session.execute(stmt.limit(limit)).all()
    total = int(rows[0].total) if rows else 0
    if first > low and total < limit:  # the window holds every one of its matches in `rows`
        if session.get_bind().dialect.name == "postgresql":
            span = _older_span(high - first + 1, total, limit)
            older = _older_matches(session, node, filters, (low, first - 1), limit, span)
            stmt = _ordered(_ranked_ids(session, node, [int(r.id) for r in rows] + older), order)
        else:
            cut = _nth_newest(session, node, filters, (low, first - 1), limit)
            stmt = _ordered(ranked(session, node, filters, (low if cut is None else cut, high)), order)
        rows = session.execute(stmt.limit(limit)).all()
    return [(int(r.id), float(r.rank), bool(r.adjacent)) for r in rows]


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
    found = _top(session, node, filters, limit, order, window)
    if not found:
        return []
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
