"""The annotate job: claims unannotated articles in batches, runs `nlp.annotate`, stores results."""

from __future__ import annotations

import os
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from config import AppConfig
from config.models import Topic
from nlp.annotate import ANNOTATOR_VERSION, annotate, options_for
from nlp.dedup import NearDuplicateIndex, from_bytes
from nlp.schema import Annotation, ArticleText
from pipeline.grassroots import annotate_pending
from pipeline.jobs import job_run, now_utc
from storage import articles as repo
from storage.db import session_scope
from storage.records import StoredArticle

Progress = Callable[[int, int], None]
NEAR_DUP_DAYS = 14
PARALLEL_FROM = 64
UTC_MAX = datetime.max.replace(
    tzinfo=UTC
)  # below this many pending articles, starting worker processes costs more than it saves


def _annotate_batch(
    topics: tuple[Topic, ...], model_dir: Path, batch: list[StoredArticle]
) -> list[Annotation]:
    options = options_for(topics, model_dir)  # compiled once per process
    return [
        annotate(
            ArticleText(id=a.id, title=a.title, sapo=a.sapo, text=a.text, url=a.url, source=a.source_id),
            options=options,
        )
        for a in batch
    ]


def run_annotate(app: AppConfig, *, progress: Progress | None = None) -> dict[str, Any]:
    """Annotate every stored article not yet annotated; returns the job's stats."""
    url = app.settings.resolved_database_url
    topics = tuple(app.topics.topics)
    model_dir = app.settings.model_dir
    options_for(topics, model_dir)  # a model file that cannot be used is reported before any work
    with job_run(app, "annotate") as stats, session_scope(url) as session:
        total = repo.count_articles(session, "new")
        index = NearDuplicateIndex()
        for article_id, signature in repo.signatures_since(
            session, now_utc() - timedelta(days=NEAR_DUP_DAYS)
        ):
            index.add(article_id, from_bytes(signature))
    stats.update(pending=total, annotated=0, failed=0, exact_duplicates=0, near_duplicates=0)
    stats["grassroots_annotated"] = annotate_pending(app)  # reports whose annotation failed at intake
    if total == 0:
        return stats
    processes = app.settings.annotate_processes or os.cpu_count() or 1
    pool = ProcessPoolExecutor(processes) if processes > 1 and total >= PARALLEL_FROM else None
    done = 0
    after = 0
    try:
        while True:
            with session_scope(url) as session:
                batch = repo.pending_articles(session, app.settings.annotate_batch_size, after_id=after)
            if not batch:
                break
            after = batch[-1].id
            results = _run_batch(pool, topics, model_dir, batch, processes)
            with session_scope(url) as session:
                for article, annotation in zip(batch, results, strict=True):
                    dup_of = _duplicate_of(session, index, article, annotation, stats)
                    repo.save_annotation(
                        session,
                        article.id,
                        annotation,
                        dup_of=dup_of,
                        version=ANNOTATOR_VERSION,
                        now=now_utc(),
                    )
                    stats["annotated"] += 1
            done += len(batch)
            if progress:
                progress(done, total)
    finally:
        if pool is not None:
            pool.shutdown()
    return stats


def _run_batch(
    pool: ProcessPoolExecutor | None,
    topics: tuple[Topic, ...],
    model_dir: Path,
    batch: list[StoredArticle],
    processes: int,
) -> list[Annotation]:
    if pool is None:
        return _annotate_batch(topics, model_dir, batch)
    size = max(1, len(batch) // (processes * 4))
    chunks = [batch[i : i + size] for i in range(0, len(batch), size)]
    results: list[Annotation] = []
    for chunk_result in pool.map(_annotate_batch, [topics] * len(chunks), [model_dir] * len(chunks), chunks):
        results.extend(chunk_result)
    return results


def _duplicate_of(
    session: Any,
    index: NearDuplicateIndex,
    article: StoredArticle,
    annotation: Annotation,
    stats: dict[str, Any],
) -> int | None:
    """The original this article copies (exact by content hash, near by MinHash LSH), or None.

    The original of a group is its earliest-published article whatever order the crawl stored them
    in; when this article is earlier than the group's original, the group is re-pointed to it.
    """
    exact = repo.ids_with_hash(session, annotation.content_hash, article.id)
    signature = from_bytes(annotation.minhash)
    near = [i for i, _ in index.matches(signature) if i != article.id]
    index.add(article.id, signature)
    if not exact and not near:
        return None
    stats["exact_duplicates" if exact else "near_duplicates"] += 1
    heads = repo.duplicate_heads(session, [*exact, *near])
    oldest = UTC_MAX
    mine = (article.published_at or oldest, article.id)
    ranked = sorted([mine, *((p or oldest, i) for p, i in heads.values())])
    original = ranked[0][1]
    if original == article.id:
        repo.repoint_duplicates(session, heads, article.id)
        return None
    return original
