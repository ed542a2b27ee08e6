"""Claims on unannotated articles: many annotation workers share one database without overlap.

A worker claims a batch under a lease. On PostgreSQL the claim uses `FOR UPDATE SKIP LOCKED`, so
concurrent workers never wait on each other's rows; SQLite serialises writers, so one UPDATE … RETURNING
is atomic there. A worker that dies keeps its claim only until the lease expires; then the batch is
claimed again.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import ColumnElement, and_, or_, select, update
from sqlalchemy.orm import Session

from storage.articles import stored_article
from storage.models import ArticleRow
from storage.records import StoredArticle


def _claimable(now: datetime) -> ColumnElement[bool]:
    return or_(
        ArticleRow.state == "new",
        and_(ArticleRow.state == "claimed", ArticleRow.lease_until < now),
    )


def claim_batch(
    session: Session, worker: str, limit: int, lease: timedelta, now: datetime
) -> list[StoredArticle]:
    """Claim up to `limit` articles that are new or whose claim expired; returns them."""
    candidates = select(ArticleRow.id).where(_claimable(now)).order_by(ArticleRow.id).limit(limit)
    if session.get_bind().dialect.name == "postgresql":
        candidates = candidates.with_for_update(skip_locked=True)
    ids = list(session.scalars(candidates))
    if not ids:
        return []
    claimed = session.scalars(
        update(ArticleRow)
        .where(ArticleRow.id.in_(ids), _claimable(now))  # re-checked: SQLite has no row locks
        .values(state="claimed", claimed_by=worker, lease_until=now + lease)
        .returning(ArticleRow.id)
    ).all()
    rows = session.scalars(select(ArticleRow).where(ArticleRow.id.in_(claimed)).order_by(ArticleRow.id))
    return [stored_article(r) for r in rows]


def still_mine(session: Session, article_id: int, worker: str) -> bool:
    """Whether the worker's claim on an article still holds (its lease may have been taken over)."""
    row = session.execute(
        select(ArticleRow.state, ArticleRow.claimed_by).where(ArticleRow.id == article_id)
    ).first()
    return row is not None and row.state == "claimed" and row.claimed_by == worker


def release(session: Session, article_ids: list[int], worker: str) -> None:
    """Give unfinished claims back (a worker stopping cleanly)."""
    session.execute(
        update(ArticleRow)
        .where(ArticleRow.id.in_(article_ids), ArticleRow.claimed_by == worker, ArticleRow.state == "claimed")
        .values(state="new", claimed_by=None, lease_until=None)
    )
