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


def _totals(session: Session) -> dict[str, tuple[int, datetime | None, datetime | None]]:
    rows = session.execute(
        select(
            ArticleRow.source_id,
            func.count(),
            func.max(ArticleRow.published_at),
            func.max(ArticleRow.fetched_at),
        ).group_by(ArticleRow.source_id)
    )
    return {str(s): (int(n), pub, fetched) for s, n, pub, fetched in rows}


def _stored_last_run(session: Session, ids: list[str]) -> dict[str, int]:
    latest = (
        select(SourceRunRow.source_id, func.max(SourceRunRow.id).label("last"))
        .where(SourceRunRow.source_id.in_(ids))
        .group_by(SourceRunRow.source_id)
        .subquery()
    )
    rows = session.execute(
        select(SourceRunRow.source_id, SourceRunRow.stored).join(latest, SourceRunRow.id == latest.c.last)
    )
    return {str(s): int(n) for s, n in rows}


def source_health(session: Session, source_ids: Iterable[str] | None, now: datetime) -> list[SourceHealth]:
    """Health of each source (every stored source when `source_ids` is None): last run and success,
    articles stored in all, in 24 h and 7 days, the last day's runs, errors by kind and robots.txt
    refusals — all from the per-source crawl records."""
    described = {str(r.id): r for r in session.scalars(select(SourceRow).order_by(SourceRow.id))}
    ids = sorted(described) if source_ids is None else list(source_ids)
    day_ago = now - DAY
    last_run = _last_times(session, ok_only=False)
    last_ok = _last_times(session, ok_only=True)
    day_counts = _article_counts(session, day_ago)
    week_counts = _article_counts(session, now - 7 * DAY)
    totals = _totals(session)
    last_stored = _stored_last_run(session, ids)
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
        described_row = described.get(source_id)
        total, published, fetched = totals.get(source_id, (0, None, None))
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
                name=described_row.name if described_row else source_id,
                url=described_row.url if described_row else "",
                scope=described_row.scope if described_row else "",
                articles=total,
                last_published=published,
                last_fetched=fetched,
                stored_last_run=last_stored.get(source_id),
                stored_24h=sum(r.stored for r in runs[source_id]),
            )
        )
    return out


def failing_sources(session: Session, now: datetime) -> list[SourceHealth]:
    """Sources crawled in the last 24 h whose every crawl failed (the digest's footer)."""
    crawled = session.scalars(
        select(SourceRunRow.source_id).where(SourceRunRow.finished_at >= now - DAY).distinct()
    ).all()
    return [h for h in source_health(session, sorted(crawled), now) if h.failing]
