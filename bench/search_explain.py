"""The plans behind one search: every statement `storage.search.search` sends, explained by the engine.

PostgreSQL: `EXPLAIN (ANALYZE, BUFFERS)` of each statement, summed into key numbers (execution time,
shared buffers hit / read, rows the text index gave, rows removed by a recheck or a filter); SQLite:
`EXPLAIN QUERY PLAN` (it has no ANALYZE), with each statement's own time.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import event
from sqlalchemy.orm import Session

from storage.search import SearchFilters, search


@dataclass
class Statement:
    sql: str
    params: Any
    ms: float
    plan: list[str] = field(default_factory=list)


@contextmanager
def _captured(session: Session) -> Iterator[list[Statement]]:
    engine = session.get_bind()
    seen: list[Statement] = []

    def before(conn: Any, _cursor: Any, _sql: str, _params: Any, _context: Any, _many: bool) -> None:
        conn.info["bench_t0"] = time.perf_counter()

    def after(conn: Any, _cursor: Any, sql: str, params: Any, _context: Any, _many: bool) -> None:
        seen.append(Statement(sql, params, (time.perf_counter() - conn.info["bench_t0"]) * 1000))

    event.listen(engine, "before_cursor_execute", before)
    event.listen(engine, "after_cursor_execute", after)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", before)
        event.remove(engine, "after_cursor_execute", after)


def explain(session: Session, query: str, filters: SearchFilters | None) -> list[Statement]:
    """The statements of one search with their plans (run after the timed runs: caches are warm)."""
    with _captured(session) as statements:
        search(session, query, filters=filters)
    postgres = session.get_bind().dialect.name == "postgresql"
    prefix = "EXPLAIN (ANALYZE, BUFFERS) " if postgres else "EXPLAIN QUERY PLAN "
    raw = session.connection().connection.dbapi_connection
    assert raw is not None
    for s in statements:
        cursor = raw.cursor()
        cursor.execute(prefix + s.sql, s.params)
        s.plan = [str(row[0] if postgres else "  " * _depth(row) + str(row[-1])) for row in cursor.fetchall()]
        cursor.close()
    return statements


def _depth(row: Any) -> int:
    return 0 if row[1] == 0 else 1  # EXPLAIN QUERY PLAN: (id, parent, notused, detail)


def _sum(pattern: str, lines: list[str]) -> int:
    return sum(int(m) for line in lines for m in re.findall(pattern, line))


def key_numbers(statements: list[Statement]) -> str:
    """One line: the plan's totals over the search's statements. Buffers and rows are summed over every
    plan node (a node's buffers include its children's): a measure to compare plans, not a count of
    pages; unlike times, it does not depend on the machine's load."""
    lines = [line for s in statements for line in s.plan]
    if not any("Execution Time" in line for line in lines):  # SQLite
        skip = ("VIRTUAL TABLE", "CONSTANT ROW", "(subquery")  # the index, the id bounds, a subquery's rows
        scans = sum(1 for line in lines if "SCAN" in line and not any(s in line for s in skip))
        return f"{len(statements)} statements, {sum(s.ms for s in statements):.1f} ms; full scans {scans}"
    executed = sum(float(m) for line in lines for m in re.findall(r"Execution Time: ([\d.]+)", line))
    text_rows = sum(
        int(m)
        for line in lines
        if "ix_articles_search_tsv" in line
        for m in re.findall(r"actual time=[\d.]+\.\.[\d.]+ rows=(\d+)", line)
    )
    hit, read = _sum(r"shared hit=(\d+)", lines), _sum(r"read=(\d+)", lines)
    recheck = _sum(r"Rows Removed by Index Recheck: (\d+)", lines)
    filtered = _sum(r"Rows Removed by Filter: (\d+)", lines)
    return (
        f"{len(statements)} statements, executed {executed:.1f} ms; buffers hit {hit} read {read};"
        f" text index rows {text_rows}; removed by recheck {recheck}, by filter {filtered}"
    )


def render(statements: list[Statement]) -> str:
    """Every statement with its time and plan, for the benchmark's output."""
    out = []
    for s in statements:
        out.append(f"    -- {s.ms:.1f} ms: {' '.join(s.sql.split())[:400]}")
        out.extend(f"       {line}" for line in s.plan)
    return "\n".join(out)
