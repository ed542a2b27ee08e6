"""The analysts' Python API: stored articles and counts as pandas DataFrames.

    from storage.query import articles, topic_counts
    db = "sqlite:///var/duluan.db"
    df = articles(db, "o nhiem", since="2026-11-01", topics=["moi_truong"])
    counts = topic_counts(db, since="2026-11-01")            # day, topic_id, articles

`db` is a database URL (or an open Session). Days (`since`, `until`, inclusive) are local days in `tz`.
A recipient body is not known here: pass the topics routed to it (`topics=…`; the CLI resolves
`--recipient` through the configuration's routing).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pandas as pd
from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from config.settings import Settings
from storage.days import day_bounds
from storage.db import session_scope
from storage.models import AnnotationRow, ArticleRow, ArticleTopicRow, SourceRow
from storage.search import ranked
from storage.search_filters import SearchFilters, apply_filters
from storage.search_query import parse

DEFAULT_TZ = str(Settings.model_fields["timezone"].default)  # declared once, in config.settings
CHUNK = 2000
COLUMNS = [
    "id", "published_at", "source_id", "source_name", "title", "url", "topics", "places", "organisations",
    "tone", "tone_score", "local", "local_score", "dup_of", "state",
]  # fmt: skip
TEXT_COLUMNS = ["sapo", "body"]
RANK_COLUMNS = ["rank", "adjacent"]
DTYPES = {"id": "int64", "dup_of": "Int64", "tone_score": "float64", "local_score": "float64"}

Db = str | Session
Day = date | datetime | str


@contextmanager
def _session(db: Db) -> Iterator[Session]:
    if isinstance(db, Session):
        yield db
        return
    with session_scope(db) as session:
        yield session


def _day_start(value: Day, tz: ZoneInfo) -> datetime:
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=tz)
    return day_bounds(date.fromisoformat(value) if isinstance(value, str) else value, tz)[0]


def make_filters(
    *,
    since: Day | None = None,
    until: Day | None = None,
    sources: Sequence[str] | None = None,
    topics: Sequence[str] | None = None,
    routed_topics: Sequence[str] | None = None,
    places: Sequence[str] | None = None,
    tone: str | None = None,
    story: int | None = None,
    local_only: bool = False,
    tz: str = DEFAULT_TZ,
) -> SearchFilters:
    """SearchFilters from friendly values: days as 'YYYY-MM-DD' or dates, `until` inclusive."""
    zone = ZoneInfo(tz)
    end = None
    if until is not None:
        end = until if isinstance(until, datetime) else _day_start(until, zone) + timedelta(days=1)
    return SearchFilters(
        since=_day_start(since, zone) if since is not None else None,
        until=end,
        sources=tuple(sources) if sources is not None else None,
        topics=tuple(topics) if topics is not None else None,
        routed_topics=tuple(routed_topics) if routed_topics is not None else None,
        places=tuple(places) if places is not None else None,
        tone=tone,
        story_id=story,
        local_only=local_only,
    )


def _select(session: Session, query: str | None, filters: SearchFilters | None, text: bool) -> Select[Any]:
    a, n = ArticleRow, AnnotationRow
    columns: list[Any] = [
        a.id, a.published_at, a.source_id, SourceRow.name, a.title, a.canonical_url, n.places,
        n.organisations, n.tone, n.tone_score, n.local, n.local_score, n.dup_of, a.state,
    ]  # fmt: skip
    if text:
        columns += [a.sapo, a.body]
    stmt = select(*columns).join(SourceRow, SourceRow.id == a.source_id).outerjoin(n, n.article_id == a.id)
    if query is None:
        return apply_filters(session, stmt, filters).order_by(a.published_at.desc().nulls_last(), a.id.desc())
    hits = ranked(session, parse(query), filters).subquery()
    stmt = stmt.add_columns(hits.c.rank, hits.c.adjacent).join(hits, hits.c.id == a.id)
    return stmt.order_by(hits.c.adjacent.desc(), hits.c.rank, a.id.desc())


def _topics_of(session: Session, ids: list[int]) -> dict[int, list[str]]:
    out: dict[int, list[str]] = {i: [] for i in ids}
    for i in range(0, len(ids), 500):
        rows = session.execute(
            select(ArticleTopicRow.article_id, ArticleTopicRow.topic_id)
            .where(ArticleTopicRow.article_id.in_(ids[i : i + 500]))
            .order_by(ArticleTopicRow.article_id, ArticleTopicRow.score.desc())
        )
        for article_id, topic_id in rows:
            out[article_id].append(topic_id)
    return out


def _frame(session: Session, rows: Sequence[Any], text: bool, ranked_: bool) -> pd.DataFrame:
    names = ["id", "published_at", "source_id", "source_name", "title", "url", "places", "organisations"]
    names += ["tone", "tone_score", "local", "local_score", "dup_of", "state"]
    names += TEXT_COLUMNS if text else []
    names += RANK_COLUMNS if ranked_ else []
    frame = pd.DataFrame([tuple(r) for r in rows], columns=names)
    topics = _topics_of(session, [int(i) for i in frame["id"]])
    frame["topics"] = [topics[int(i)] for i in frame["id"]]
    for column in ("places", "organisations"):
        frame[column] = frame[column].map(lambda v: list(v) if isinstance(v, list) else [])
    frame["published_at"] = pd.to_datetime(frame["published_at"], utc=True)
    frame["local"] = frame["local"].astype("boolean")
    if ranked_:
        frame["adjacent"] = frame["adjacent"].astype(bool)
    ordered = COLUMNS + (TEXT_COLUMNS if text else []) + (RANK_COLUMNS if ranked_ else [])
    return frame[ordered].astype(DTYPES)


def iter_articles(
    session: Session,
    query: str | None = None,
    *,
    filters: SearchFilters | None = None,
    text: bool = False,
    limit: int | None = None,
    chunk: int = CHUNK,
) -> Iterator[pd.DataFrame]:
    """DataFrames of at most `chunk` articles with their annotations (empty annotations when not yet
    annotated): best matches first with a query, newest first without. Raises QueryError."""
    stmt = _select(session, query, filters, text)
    if limit is not None:
        stmt = stmt.limit(limit)
    result = session.execute(stmt.execution_options(yield_per=chunk))
    empty = True
    for rows in result.partitions(chunk):
        empty = False
        yield _frame(session, rows, text, query is not None)
    if empty:
        yield _frame(session, [], text, query is not None)


def articles(
    db: Db,
    query: str | None = None,
    *,
    text: bool = False,
    limit: int | None = None,
    tz: str = DEFAULT_TZ,
    **filters: Any,
) -> pd.DataFrame:
    """One row per article: id, published_at (UTC), source, title, url, topics, places, organisations,
    tone, local, dup_of, state (+ sapo, body with `text`; + rank, adjacent with a query).

    Filters: since, until, sources, topics, routed_topics, places, tone, story, local_only."""
    with _session(db) as session:
        frames = list(
            iter_articles(session, query, filters=make_filters(tz=tz, **filters), text=text, limit=limit)
        )
    return pd.concat(frames, ignore_index=True) if len(frames) > 1 else frames[0]


def topic_counts(db: Db, *, tz: str = DEFAULT_TZ, **filters: Any) -> pd.DataFrame:
    """Articles per local day and topic: columns day, topic_id, articles (days without any are absent)."""
    stmt = select(ArticleTopicRow.topic_id, ArticleRow.published_at, ArticleRow.id).join(
        ArticleRow, ArticleRow.id == ArticleTopicRow.article_id
    )
    with _session(db) as session:
        stmt = apply_filters(session, stmt, make_filters(tz=tz, **filters))
        frame = pd.DataFrame(session.execute(stmt).all(), columns=["topic_id", "published_at", "id"])
    day = pd.to_datetime(frame["published_at"], utc=True).dt.tz_convert(tz).dt.date
    counts = frame.assign(day=day).groupby(["day", "topic_id"]).size().rename("articles").reset_index()
    return counts.sort_values(
        ["day", "articles", "topic_id"], ascending=[True, False, True], ignore_index=True
    )
