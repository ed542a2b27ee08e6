"""`duluan worker annotate`: a long-running annotation worker sharing the database with others."""

from __future__ import annotations

import logging
import os
import signal
import socket
import time
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from config import AppConfig
from pipeline.annotate.batch import Annotator, BatchCounts, Duplicates, article_text, store_outcomes
from pipeline.annotate.watches import match_annotated
from pipeline.jobs import now_utc
from storage import claims
from storage.db import ensure_schema, session_scope

log = logging.getLogger("duluan.worker")


@dataclass(kw_only=True)
class WorkerOptions:
    batch: int = 20
    lease: timedelta = timedelta(minutes=5)
    idle_sleep: float = 2.0
    exit_when_idle: bool = False
    max_batches: int | None = None


@dataclass
class WorkerStats:
    batches: int = 0
    counts: BatchCounts = field(default_factory=BatchCounts)

    @property
    def annotated(self) -> int:
        return self.counts.annotated

    @property
    def failed(self) -> int:
        return self.counts.failed

    @property
    def lost_claims(self) -> int:
        return self.counts.lost_claims

    def as_stats(self) -> dict[str, Any]:
        return {"batches": self.batches, **self.counts.as_stats()}


def worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def run_worker(
    app: AppConfig, options: WorkerOptions, *, name: str | None = None, annotator: Annotator | None = None
) -> WorkerStats:
    """Claim batches under a lease, annotate them, store the results; until stopped (SIGTERM lets the
    current batch finish) or, with `exit_when_idle`, until nothing is left to claim. An article the
    annotator raises on is set aside with its error (its claim released); the rest of its batch is stored."""
    url = app.settings.resolved_database_url
    ensure_schema(url)
    me = name or worker_name()
    stats = WorkerStats()
    stopping = False

    def stop(_signum: int, _frame: Any) -> None:
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGTERM, stop)
    with session_scope(url) as session:
        duplicates = Duplicates(session, now_utc())
    annotator = annotator or Annotator(app, processes=1)  # one worker is one process: run more to scale
    while not stopping and (options.max_batches is None or stats.batches < options.max_batches):
        with session_scope(url) as session:
            batch = claims.claim_batch(session, me, options.batch, options.lease, now_utc())
        if not batch:
            if options.exit_when_idle:
                break
            time.sleep(options.idle_sleep)
            continue
        stats.batches += 1
        log.info("%s claimed %d articles (%d..%d)", me, len(batch), batch[0].id, batch[-1].id)
        outcomes = annotator.run([article_text(a) for a in batch])
        with session_scope(url) as session:
            # what other workers annotated meanwhile joins the near-duplicate index
            duplicates.refresh(session, now_utc() - options.lease * 2)
            stored = store_outcomes(
                session,
                zip(batch, outcomes, strict=True),
                duplicates,
                stats.counts,
                now_utc,
                still_mine=lambda article_id: claims.still_mine(session, article_id, me),
            )
            stats.counts.watch_matches += match_annotated(app, session, stored)
    log.info("%s stopping: %s", me, stats.as_stats())
    return stats
