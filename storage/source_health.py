"""Per-source crawl outcomes and the health report built from them (`duluan sources`, the digest)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from storage.models import ArticleRow, SourceRow, SourceRunRow
from storage.records import SourceHealth, SourceRun

DAY = timedelta(hours=24)


def record_source_runs(session: Session, runs: Iterable[SourceRun]) -> None:
    for run in runs:
        session.add(
            SourceRunRow(
                source_id=run.source_id,
                started_at=run.started_at,
                finished_at=run.finished_at,
                ok=run.ok,
                responses=run.responses,
                stored=run.stored,
                robots_refused=run.robots_refused,
                errors=dict(run.errors),
                discarded=dict(run.discarded),
            )
        )


def _article_counts(session: Session, since: datetime) -> dict[str, int]:
    rows = session.execute(
        select(ArticleRow.source_id, func.count())
        .where(ArticleRow.fetched_at >= since)
        .group_by(ArticleRow.source_id)
    )
    return {str(source): int(n) for source, n in rows}


def _last_times(session: Session, *, ok_only: bool) -> dict[str, datetime]:
    latest = func.max(SourceRunRow.finished_at)
    query = select(SourceRunRow.source_id, latest).group_by(SourceRunRow.source_id)
    if ok_only:
        query = query.where(SourceRunRow.ok.is_(True))
    return {str(source): when for source, when in session.execute(query)}


def _failing_since(session: Session, source_id: str, last_success: datetime | None) -> datetime | None:
    """When the current run of failures began (None when the latest run succeeded)."""
    query = select(func.min(SourceRunRow.finished_at)).where(SourceRunRow.source_id == source_id)
    if last_success is not None:
        query = query.where(SourceRunRow.finished_at > last_success)
    return session.scalar(query)


def source_health(session: Session, source_ids: Iterable[str], now: datetime) -> list[SourceHealth]:
    """Health of each source: last run and success, articles stored in 24 h / 7 days, the last day's
    runs, errors by kind and robots.txt refusals."""
    ids = list(source_ids)
    day_ago = now - DAY
    last_run = _last_times(session, ok_only=False)
    last_ok = _last_times(session, ok_only=True)
    day_counts = _article_counts(session, day_ago)
    week_counts = _article_counts(session, now - 7 * DAY)
    runs: dict[str, list[SourceRunRow]] = {i: [] for i in ids}
    for row in session.scalars(
        select(SourceRunRow).where(SourceRunRow.finished_at >= day_ago, SourceRunRow.source_id.in_(ids))
    ):
        runs[row.source_id].append(row)
    out = []
    for source_id in ids:
        errors: Counter[str] = Counter()
        for row in runs[source_id]:
            errors.update({str(k): int(v) for k, v in row.errors.items()})
        success = last_ok.get(source_id)
        out.append(
            SourceHealth(
                source_id=source_id,
                last_run=last_run.get(source_id),
                last_success=success,
                articles_24h=day_counts.get(source_id, 0),
                articles_7d=week_counts.get(source_id, 0),
                runs_24h=len(runs[source_id]),
                ok_runs_24h=sum(1 for r in runs[source_id] if r.ok),
                errors_24h=dict(errors),
                robots_refused_24h=sum(r.robots_refused for r in runs[source_id]),
                failing_since=_failing_since(session, source_id, success) if source_id in last_run else None,
            )
        )
    return out


def failed_sources(session: Session, now: datetime) -> list[tuple[str, str, SourceHealth]]:
    """Sources crawled in the last 24 h whose every crawl failed, as (id, name, health) — for the digest."""
    names = {str(i): str(n) for i, n in session.execute(select(SourceRow.id, SourceRow.name))}
    crawled = session.scalars(
        select(SourceRunRow.source_id).where(SourceRunRow.finished_at >= now - DAY).distinct()
    ).all()
    health = source_health(session, sorted(crawled), now)
    return [(h.source_id, names.get(h.source_id, h.source_id), h) for h in health if h.failing]
