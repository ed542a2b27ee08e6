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
from nlp.annotate import ANNOTATOR_VERSION
from nlp.dedup import NearDuplicateIndex, from_bytes
from pipeline.annotate_job import NEAR_DUP_DAYS, _annotate_batch, _duplicate_of
from pipeline.jobs import now_utc
from pipeline.watches import match_annotated
from storage import articles as repo
from storage import claims
from storage.db import session_scope, upgrade

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
    annotated: int = 0
    lost_claims: int = 0
    failed: int = 0
    extra: dict[str, Any] = field(default_factory=lambda: {"exact_duplicates": 0, "near_duplicates": 0})


def worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def run_worker(app: AppConfig, options: WorkerOptions, *, name: str | None = None) -> WorkerStats:
    """Claim batches under a lease, annotate them, store the results; until stopped (SIGTERM lets the
    current batch finish) or, with `exit_when_idle`, until nothing is left to claim."""
    url = app.settings.resolved_database_url
    upgrade(url)
    me = name or worker_name()
    topics = tuple(app.topics.topics)
    stats = WorkerStats()
    stopping = False

    def stop(_signum: int, _frame: Any) -> None:
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGTERM, stop)
    index = NearDuplicateIndex()
    with session_scope(url) as session:
        for article_id, signature in repo.signatures_since(
            session, now_utc() - timedelta(days=NEAR_DUP_DAYS)
        ):
            index.add(article_id, from_bytes(signature))
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
        results = _annotate_batch(topics, app.settings.model_dir, batch)
        with session_scope(url) as session:
            # what other workers annotated meanwhile joins the near-duplicate index
            for article_id, signature in repo.signatures_since(session, now_utc() - options.lease * 2):
                index.add(article_id, from_bytes(signature))
            kept = []
            for article, annotation in zip(batch, results, strict=True):
                if not claims.still_mine(session, article.id, me):
                    stats.lost_claims += 1  # the lease expired and another worker took the article
                    continue
                dup_of = _duplicate_of(session, index, article, annotation, stats.extra)
                repo.save_annotation(
                    session, article.id, annotation, dup_of=dup_of, version=ANNOTATOR_VERSION, now=now_utc()
                )
                stats.annotated += 1
                kept.append((article, annotation))
            match_annotated(app, session, [a for a, _ in kept], [n for _, n in kept])
    log.info("%s stopping: %s", me, stats)
    return stats
