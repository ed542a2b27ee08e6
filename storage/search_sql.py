"""The parsed query as engine syntax: an FTS5 MATCH expression (SQLite) or a tsquery (PostgreSQL).

Only our renderers write engine syntax. Every word is a run of letters and digits (search_query.WORD)
and is quoted, so nothing a user types becomes an operator, a column filter or SQL; the rendered
string is still passed as a bound parameter.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import (
    ColumnElement,
    Select,
    TableClause,
    bindparam,
    column,
    func,
    literal_column,
    select,
    table,
)

from storage.search_query import Node, Not, Or, Words

FTS_TABLE = "articles_fts"
# bm25 column weights of articles_fts(search_title, search_key): a title match counts five body matches.
FTS_WEIGHTS = (5.0, 1.0)
# ts_rank weights {D, C, B, A}: the title is weight A, sapo and body weight D.
TS_WEIGHTS = "{0.2, 0.2, 0.4, 1.0}"


def _quote_fts(word: str) -> str:
    return '"' + word.replace('"', '""') + '"'


def to_fts5(node: Node) -> str:
    if isinstance(node, Words):
        return _quote_fts(" ".join(node.words)) + (" *" if node.prefix else "")
    if isinstance(node, Or):
        return "(" + " OR ".join(to_fts5(c) for c in node.children) + ")"
    if isinstance(node, Not):  # parse() only lets NOT stand beside a positive term of an AND
        raise ValueError("NOT outside AND")
    positive = [to_fts5(c) for c in node.children if not isinstance(c, Not)]
    negative = [to_fts5(c.child) for c in node.children if isinstance(c, Not)]
    expr = "(" + " AND ".join(positive) + ")"
    return f"({expr} NOT ({' OR '.join(negative)}))" if negative else expr


def _quote_ts(word: str) -> str:
    return "'" + word.replace("'", "''").replace("\\", "\\\\") + "'"


def to_tsquery(node: Node) -> str:
    if isinstance(node, Words):
        last = len(node.words) - 1
        parts = [_quote_ts(w) + (":*" if node.prefix and i == last else "") for i, w in enumerate(node.words)]
        return "(" + " <-> ".join(parts) + ")"
    if isinstance(node, Not):
        return "!" + to_tsquery(node.child)
    joiner = " | " if isinstance(node, Or) else " & "
    return "(" + joiner.join(to_tsquery(c) for c in node.children) + ")"


def match(dialect: str, node: Node, name: str = "fts_query", *, indexed: bool = True) -> ColumnElement[bool]:
    """WHERE clause: the article matches the query (SQLite: needs the FTS table joined, see fts_join).

    `indexed=False` (PostgreSQL): the same test written so that the text index cannot serve it, for a
    statement that reads a short range of ids by primary key: the GIN index knows no ids, so it would
    decode every posting list of the query's words over the whole table (its cost grows with the table,
    a key range's does not)."""
    if dialect == "postgresql":
        column = "articles.search_tsv" if indexed else "coalesce(articles.search_tsv, ''::tsvector)"
        return literal_column(column).op("@@")(_tsquery(node, name))
    return literal_column(FTS_TABLE).op("MATCH")(bindparam(name, to_fts5(node)))


def _tsquery(node: Node, name: str) -> ColumnElement[Any]:
    return func.to_tsquery("simple", bindparam(name, to_tsquery(node)))


def rank(dialect: str, node: Node) -> ColumnElement[Any]:
    """Relevance, ascending = best first: bm25 on SQLite, minus ts_rank on PostgreSQL."""
    if dialect == "postgresql":
        weights: ColumnElement[Any] = literal_column(f"'{TS_WEIGHTS}'::float4[]")
        return -func.ts_rank(weights, literal_column("articles.search_tsv"), _tsquery(node, "fts_query"))
    return func.bm25(literal_column(FTS_TABLE), *FTS_WEIGHTS)


def fts_join(dialect: str) -> tuple[TableClause, ColumnElement[bool]] | None:
    """The FTS5 table and its join condition on articles (None on PostgreSQL: the tsvector is a column)."""
    if dialect == "postgresql":
        return None
    return table(FTS_TABLE, column("rowid")), literal_column(f"{FTS_TABLE}.rowid") == literal_column(
        "articles.id"
    )


def _id(dialect: str) -> ColumnElement[Any]:
    return literal_column(f"{FTS_TABLE}.rowid" if dialect == "sqlite" else "articles.id")


def id_between(dialect: str, ids: tuple[int, int]) -> ColumnElement[bool]:
    """Articles stored with an id in [first, last] (a rowid range FTS5 seeks to directly)."""
    return _id(dialect).between(*ids)


def newest_first(dialect: str) -> Any:
    return _id(dialect).desc()


def also_matches(dialect: str, node: Node, ids: tuple[int, int] | None = None) -> ColumnElement[bool]:
    """Whether the article (already matching the main query) also matches `node`: a ranking tier."""
    if dialect == "postgresql":
        return match(dialect, node, "fts_tier")
    inner: Select[Any] = (
        select(column("rowid"))
        .select_from(table(FTS_TABLE))
        .where(literal_column(FTS_TABLE).op("MATCH")(bindparam("fts_tier", to_fts5(node))))
    )
    if ids is not None:
        inner = inner.where(column("rowid").between(*ids))
    return literal_column("articles.id").in_(inner)
