"""Watched subjects and their matches: every SQL statement about watches (both backends).

A watch is stored with its query text (parsed again when used, by `storage.search_query`); matches
are unique per (watch, article), so matching twice — a re-run, two workers, a back-fill racing the
live matcher — stores one row. Back-fill goes through the full-text index (`storage.search_sql`),
one query for the watch and one per query term for the evidence, never through the articles' text.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import Select, delete, func, select, true, update
from sqlalchemy.orm import Session, aliased

from storage import search_sql as sql
from storage.models import AnnotationRow, ArticleRow, SourceRow, StoryRow, WatchMatchRow, WatchRow
from storage.search_filters import SearchFilters, apply_filters
from storage.search_query import Words, leaves, parse
from storage.upsert import insert_ignore
from storage.watch_match import WatchRule, term_label

STATES = ("active", "paused", "closed")
POLICIES = ("each", "daily", "burst")
CHUNK = 500


@dataclass(frozen=True, kw_only=True)
class Watch:
    """storage -> pipeline: one watched subject."""

    id: int
    name: str
    owner: str
    shared_with: tuple[str, ...]
    query: str
    filters: dict[str, Any]
    start_day: date
    policy: str
    state: str
    note: str
    created_by: str
    created_at: datetime
    updated_at: datetime
    backfilled_at: datetime | None

    @property
    def recipients(self) -> tuple[str, ...]:
        """Who receives its alerts: the owner, then those it is shared with."""
        return tuple(dict.fromkeys((self.owner, *self.shared_with)))

    def visible_to(self, bodies: Sequence[str] | None) -> bool:
        """None: the board (every watch); else one of `bodies` owns it or it is shared with one."""
        return bodies is None or any(b in self.recipients for b in bodies)

    @property
    def rule(self) -> WatchRule:
        return WatchRule.of(self.id, self.query, self.filters, self.start_day)


@dataclass(frozen=True, kw_only=True)
class WatchDraft:
    """What creating or editing a watch sets (validated by the caller: the query parses)."""

    name: str
    owner: str
    query: str
    shared_with: tuple[str, ...] = ()
    filters: dict[str, Any] = field(default_factory=dict)
    start_day: date
    policy: str = "burst"
    state: str = "active"
    note: str = ""


@dataclass(frozen=True, kw_only=True)
class WatchArticle:
    """A matched article as the watch's statistics, pages and reports see it."""

    id: int
    url: str
    source_id: str
    source_name: str
    title: str | None
    sapo: str | None
    published_at: datetime | None
    tone: str | None
    dup_of: int | None
    terms: tuple[str, ...]
    live: bool
    matched_at: datetime


def to_watch(row: WatchRow) -> Watch:
    return Watch(
        id=row.id,
        name=row.name,
        owner=row.owner,
        shared_with=tuple(row.shared_with or ()),
        query=row.query,
        filters=dict(row.filters or {}),
        start_day=row.start_day,
        policy=row.policy,
        state=row.state,
        note=row.note or "",
        created_by=row.created_by or "",
        created_at=row.created_at,
        updated_at=row.updated_at,
        backfilled_at=row.backfilled_at,
    )


def _clean_filters(filters: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key in ("topics", "places", "organisations", "sources"):
        values = [str(v) for v in filters.get(key) or [] if str(v).strip()]
        if values:
            out[key] = list(dict.fromkeys(values))
    if filters.get("scope"):
        out["scope"] = str(filters["scope"])
    return out


def create_watch(session: Session, draft: WatchDraft, *, by: str, now: datetime) -> Watch:
    row = WatchRow(
        name=draft.name,
        owner=draft.owner,
        shared_with=[b for b in dict.fromkeys(draft.shared_with) if b != draft.owner],
        query=draft.query,
        filters=_clean_filters(draft.filters),
        start_day=draft.start_day,
        policy=draft.policy,
        state=draft.state,
        note=draft.note,
        created_by=by[:64],
        created_at=now,
        updated_at=now,
    )
    session.add(row)
    session.flush()
    return to_watch(row)


def update_watch(session: Session, watch_id: int, draft: WatchDraft, *, now: datetime) -> Watch | None:
    """Replace the watch's settings; a changed query, filters or start day drops its matches (the
    caller back-fills again)."""
    row = session.get(WatchRow, watch_id)
    if row is None:
        return None
    filters = _clean_filters(draft.filters)
    rematch = (row.query, dict(row.filters or {}), row.start_day) != (draft.query, filters, draft.start_day)
    row.name, row.owner, row.query, row.filters = draft.name, draft.owner, draft.query, filters
    row.shared_with = [b for b in dict.fromkeys(draft.shared_with) if b != draft.owner]
    row.start_day, row.policy, row.state, row.note = draft.start_day, draft.policy, draft.state, draft.note
    row.updated_at = now
    if rematch:
        session.execute(delete(WatchMatchRow).where(WatchMatchRow.watch_id == watch_id))
        row.backfilled_at = None
    session.flush()
    return to_watch(row)


def set_state(
    session: Session, watch_id: int, state: str, *, note: str | None, now: datetime
) -> Watch | None:
    row = session.get(WatchRow, watch_id)
    if row is None:
        return None
    row.state, row.updated_at = state, now
    if note is not None:
        row.note = note
    session.flush()
    return to_watch(row)


def set_sharing(
    session: Session, watch_id: int, shared_with: Iterable[str], *, now: datetime
) -> Watch | None:
    row = session.get(WatchRow, watch_id)
    if row is None:
        return None
    row.shared_with = [b for b in dict.fromkeys(shared_with) if b != row.owner]
    row.updated_at = now
    session.flush()
    return to_watch(row)


def get_watch(session: Session, watch_id: int) -> Watch | None:
    row = session.get(WatchRow, watch_id)
    return to_watch(row) if row is not None else None


def list_watches(session: Session, *, states: Sequence[str] | None = None) -> list[Watch]:
    stmt = select(WatchRow).order_by(WatchRow.id)
    if states is not None:
        stmt = stmt.where(WatchRow.state.in_(list(states)))
    return [to_watch(r) for r in session.scalars(stmt)]


def active_rules(session: Session) -> list[WatchRule]:
    """What the live matcher compiles: every active watch's id, query and filters."""
    rows = session.execute(
        select(WatchRow.id, WatchRow.query, WatchRow.filters, WatchRow.start_day).where(
            WatchRow.state == "active"
        )
    )
    return [WatchRule.of(i, q, f, d) for i, q, f, d in rows]


def active_version(session: Session) -> tuple[int, int, str]:
    """(count, highest id, latest change) of the active watches: changes whenever the set the live
    matcher must compile changes (a watch created, edited, paused, resumed or closed)."""
    count, top, changed = session.execute(
        select(func.count(), func.max(WatchRow.id), func.max(WatchRow.updated_at)).where(
            WatchRow.state == "active"
        )
    ).one()
    return int(count or 0), int(top or 0), str(changed)


def start_days(session: Session, ids: Iterable[int]) -> dict[int, date]:
    wanted = sorted(set(ids))
    out: dict[int, date] = {}
    for i in range(0, len(wanted), CHUNK):
        rows = session.execute(
            select(WatchRow.id, WatchRow.start_day).where(WatchRow.id.in_(wanted[i : i + CHUNK]))
        )
        out.update({int(a): d for a, d in rows})
    return out


def save_matches(
    session: Session, matches: Iterable[tuple[int, int, Sequence[str]]], *, live: bool, now: datetime
) -> int:
    """Store (watch id, article id, terms) rows; an existing (watch, article) pair is kept. Returns the
    number of rows offered."""
    values = [
        {"watch_id": w, "article_id": a, "terms": list(t), "live": live, "matched_at": now}
        for w, a, t in matches
    ]
    for i in range(0, len(values), CHUNK):
        session.execute(insert_ignore(session, WatchMatchRow), values[i : i + CHUNK])
    return len(values)


def _extra_filters(session: Session, stmt: Select[Any], filters: dict[str, Any]) -> Select[Any]:
    """The watch filters SearchFilters does not have: organisations (annotation) and outlet scope."""
    if filters.get("scope"):
        stmt = stmt.where(
            ArticleRow.source_id.in_(select(SourceRow.id).where(SourceRow.scope == filters["scope"]))
        )
    if filters.get("organisations"):
        note = aliased(AnnotationRow)
        if session.get_bind().dialect.name == "postgresql":
            elements = func.json_array_elements_text(note.organisations).table_valued("value")
        else:
            elements = func.json_each(note.organisations).table_valued("value")
        inner = (
            select(1)
            .select_from(note)
            .join(elements, true())
            .where(note.article_id == ArticleRow.id, elements.c.value.in_(list(filters["organisations"])))
        )
        stmt = stmt.where(inner.correlate(ArticleRow).exists())
    return stmt


def search_filters(watch: Watch, since: datetime) -> SearchFilters:
    f = watch.filters
    return SearchFilters(
        since=since,
        sources=tuple(f["sources"]) if f.get("sources") else None,
        topics=tuple(f["topics"]) if f.get("topics") else None,
        places=tuple(f["places"]) if f.get("places") else None,
    )


def _matching_ids(
    session: Session, node: Any, watch: Watch, since: datetime, within: tuple[int, int] | None
) -> set[int]:
    dialect = session.get_bind().dialect.name
    stmt = select(ArticleRow.id).select_from(ArticleRow)
    join = sql.fts_join(dialect)
    if join is not None:
        stmt = stmt.join(*join)
    stmt = stmt.where(sql.match(dialect, node))
    stmt = apply_filters(session, stmt, search_filters(watch, since))
    stmt = _extra_filters(session, stmt, watch.filters)
    if within is not None:
        stmt = stmt.where(sql.id_between(dialect, within))
    return {int(i) for i in session.scalars(stmt)}


def backfill(session: Session, watch: Watch, *, since: datetime, now: datetime) -> int:
    """Match the stored history (published since `since`) through the search index; returns the number
    of matching articles. The evidence of each is the query terms whose own index query finds it."""
    node = parse(watch.query)
    ids = _matching_ids(session, node, watch, since, None)
    evidence: dict[int, list[str]] = {i: [] for i in ids}
    if ids:
        bounds = (min(ids), max(ids))
        terms: list[Words] = list(dict.fromkeys(leaves(node)))
        if len(terms) == 1:
            for i in ids:
                evidence[i].append(term_label(terms[0]))
        else:
            for term in terms:
                for i in _matching_ids(session, term, watch, since, bounds) & ids:
                    evidence[i].append(term_label(term))
    save_matches(session, ((watch.id, a, t) for a, t in sorted(evidence.items())), live=False, now=now)
    session.execute(update(WatchRow).where(WatchRow.id == watch.id).values(backfilled_at=now))
    return len(ids)


def watch_articles(
    session: Session, watch_id: int, start: datetime | None = None, end: datetime | None = None
) -> list[WatchArticle]:
    """The watch's matched articles published in [start, end), oldest first."""
    stmt = (
        select(ArticleRow, SourceRow.name, AnnotationRow.tone, AnnotationRow.dup_of, WatchMatchRow)
        .join(WatchMatchRow, WatchMatchRow.article_id == ArticleRow.id)
        .join(SourceRow, SourceRow.id == ArticleRow.source_id)
        .outerjoin(AnnotationRow, AnnotationRow.article_id == ArticleRow.id)
        .where(WatchMatchRow.watch_id == watch_id)
        .order_by(ArticleRow.published_at, ArticleRow.id)
    )
    if start is not None:
        stmt = stmt.where(ArticleRow.published_at >= start)
    if end is not None:
        stmt = stmt.where(ArticleRow.published_at < end)
    return [
        WatchArticle(
            id=a.id,
            url=a.canonical_url,
            source_id=a.source_id,
            source_name=name,
            title=a.title,
            sapo=a.sapo,
            published_at=a.published_at,
            tone=tone,
            dup_of=dup_of,
            terms=tuple(m.terms or ()),
            live=bool(m.live),
            matched_at=m.matched_at,
        )
        for a, name, tone, dup_of, m in session.execute(stmt)
    ]


def match_counts(session: Session, watch_ids: Iterable[int]) -> dict[int, int]:
    wanted = sorted(set(watch_ids))
    out = {w: 0 for w in wanted}
    for i in range(0, len(wanted), CHUNK):
        rows = session.execute(
            select(WatchMatchRow.watch_id, func.count())
            .where(WatchMatchRow.watch_id.in_(wanted[i : i + CHUNK]))
            .group_by(WatchMatchRow.watch_id)
        )
        out.update({int(w): int(n) for w, n in rows})
    return out


def matches_of_article(session: Session, article_id: int) -> list[tuple[int, list[str]]]:
    rows = session.execute(
        select(WatchMatchRow.watch_id, WatchMatchRow.terms)
        .where(WatchMatchRow.article_id == article_id)
        .order_by(WatchMatchRow.watch_id)
    )
    return [(int(w), list(t or [])) for w, t in rows]


def source_scopes(session: Session) -> dict[str, str]:
    return {i: s for i, s in session.execute(select(SourceRow.id, SourceRow.scope))}


def stories_with(session: Session, article_ids: set[int]) -> list[tuple[StoryRow, set[int]]]:
    """The stories holding any of `article_ids`, with the ones they hold (stories of the articles'
    publication span only)."""
    if not article_ids:
        return []
    spans = session.execute(
        select(func.min(ArticleRow.published_at), func.max(ArticleRow.published_at)).where(
            ArticleRow.id.in_(sorted(article_ids)[: CHUNK * 20])
        )
    ).one()
    stmt = select(StoryRow)
    if spans[0] is not None:
        stmt = stmt.where(StoryRow.last_published >= spans[0], StoryRow.first_published <= spans[1])
    out = []
    for story in session.scalars(stmt.order_by(StoryRow.id)):
        members = {int(i) for i in story.article_ids or []} & article_ids
        if members:
            out.append((story, members))
    return out
