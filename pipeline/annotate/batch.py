"""One annotation batch for every driver: the annotate job, the workers and `annotate --input` call this.

- `Annotator` runs `nlp.annotate` over texts, in a process pool for large batches. An article on which the
  annotator raises is retried alone once, then comes back as an `AnnotateFailure` (its error class and
  message) instead of an annotation: a poison article is set aside, never allowed to stop the batch. A
  worker process that dies takes only its chunk down; the chunk's articles are retried one by one.
- `Duplicates` decides which copy is the original, by one rule for every driver: the earliest published
  article of a group of exact (content hash) or near (MinHash LSH) copies, the first seen on a tie.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field, fields
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from config import AppConfig
from config.models import Topic
from nlp.annotate import ANNOTATOR_VERSION, annotate, options_for
from nlp.dedup import NearDuplicateIndex, from_bytes
from nlp.schema import Annotation, ArticleText
from storage import articles as repo
from storage.records import AnnotateFailure, StoredArticle

log = logging.getLogger("duluan.annotate")

NEAR_DUP_DAYS = 14
PARALLEL_FROM = 64  # below this many articles, starting worker processes costs more than it saves
UTC_MAX = datetime.max.replace(tzinfo=UTC)
Outcome = Annotation | AnnotateFailure


def article_text(article: StoredArticle) -> ArticleText:
    return ArticleText(
        id=article.id,
        title=article.title,
        sapo=article.sapo,
        text=article.text,
        url=article.url,
        source=article.source_id,
    )


AnnotateFn = Callable[..., Annotation]


def _one(text: ArticleText, options: Any, fn: AnnotateFn) -> Outcome:
    """Annotate one text; an error is tried once more alone, then returned as the article's failure."""
    for attempt in (1, 2):
        try:
            return fn(text, options=options)
        except Exception as exc:  # noqa: BLE001 - quarantine: any error of the annotator on this article
            if attempt == 2:
                log.warning("article %s set aside: %s: %s", text.id, type(exc).__name__, exc)
                return AnnotateFailure.of(exc)
    raise AssertionError("unreachable")


def annotate_chunk(
    topics: tuple[Topic, ...],
    model_dir: Path | None,
    texts: list[ArticleText],
    fn: AnnotateFn = annotate,
    max_chars: int | None = None,
) -> list[Outcome]:
    """Annotate texts in order (run in worker processes: the options are compiled once per process).
    `max_chars`: the body characters analysed (the `analysis_max_chars` setting)."""
    options = options_for(topics, model_dir, max_chars=max_chars)
    return [_one(t, options, fn) for t in texts]


class Annotator:
    """`nlp.annotate` over batches of texts, in `processes` worker processes when a batch is large.

    `annotate_fn` is `nlp.annotate` (another function of the same signature, picklable for the pool,
    lets a test put a poison article in front of the real annotator)."""

    def __init__(
        self,
        app: AppConfig,
        *,
        processes: int | None = None,
        expected: int = 0,
        annotate_fn: AnnotateFn = annotate,
    ) -> None:
        self.fn = annotate_fn
        self.topics = tuple(app.topics.topics)
        self.model_dir = app.settings.model_dir
        self.max_chars = app.settings.analysis_max_chars
        # compiled once here: a model file that cannot be used is reported before any work
        options_for(self.topics, self.model_dir, max_chars=self.max_chars)
        self.processes = processes or app.settings.annotate_processes or os.cpu_count() or 1
        self._parallel = self.processes > 1 and expected >= PARALLEL_FROM
        self._pool: ProcessPoolExecutor | None = None

    def __enter__(self) -> Annotator:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown()
            self._pool = None

    def run(self, texts: Sequence[ArticleText], *, chunk_limit: int = 64) -> list[Outcome]:
        """One outcome per text, in order."""
        if not texts:
            return []
        if not self._parallel or len(texts) < 2:
            return annotate_chunk(self.topics, self.model_dir, list(texts), self.fn, self.max_chars)
        size = max(1, min(chunk_limit, len(texts) // (self.processes * 4)))
        chunks = [list(texts[i : i + size]) for i in range(0, len(texts), size)]
        futures = [self._submit(chunk) for chunk in chunks]
        out: list[Outcome] = []
        for chunk, future in zip(chunks, futures, strict=True):
            try:
                out.extend(future.result())
            except BrokenProcessPool:
                out.extend(self._one_by_one(chunk))
        return out

    def _submit(self, chunk: list[ArticleText]) -> Future[list[Outcome]]:
        if self._pool is None:
            self._pool = ProcessPoolExecutor(self.processes)
        return self._pool.submit(annotate_chunk, self.topics, self.model_dir, chunk, self.fn, self.max_chars)

    def _one_by_one(self, chunk: list[ArticleText]) -> list[Outcome]:
        """A worker process died on this chunk: each article alone in a fresh process, so the one that
        kills the process is the only one set aside."""
        log.warning("an annotation process died: retrying its %d articles one by one", len(chunk))
        out: list[Outcome] = []
        for text in chunk:
            self._restart()
            try:
                out.extend(self._submit([text]).result())
            except BrokenProcessPool:
                out.append(
                    AnnotateFailure("BrokenProcessPool", "the annotation process died on this article")
                )
        self._restart()
        return out

    def _restart(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = None


@dataclass
class BatchCounts:
    """What storing batches did (the mutable tally inside one run)."""

    annotated: int = 0
    failed: int = 0
    exact_duplicates: int = 0
    near_duplicates: int = 0
    lost_claims: int = 0
    watch_matches: int = 0  # matches of the stored articles with active watches
    errors: dict[str, int] = field(default_factory=dict)  # error class -> articles set aside

    def add_failure(self, failure: AnnotateFailure) -> None:
        self.failed += 1
        self.errors[failure.error_class] = self.errors.get(failure.error_class, 0) + 1

    def as_stats(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in fields(self)}


def original_of(candidates: Iterable[tuple[datetime | None, int]]) -> int:
    """The original of a group of copies: the earliest published (unknown dates last), then the lowest key."""
    return min((published or UTC_MAX, key) for published, key in candidates)[1]


class Duplicates:
    """Exact and near copies among stored articles (the annotate job and the workers)."""

    def __init__(self, session: Any, now: datetime) -> None:
        self.index = NearDuplicateIndex()
        self.refresh(session, now - timedelta(days=NEAR_DUP_DAYS))

    def refresh(self, session: Any, since: datetime) -> None:
        """Add the signatures stored since `since` (what other workers annotated meanwhile, too)."""
        for article_id, signature in repo.signatures_since(session, since):
            self.index.add(article_id, from_bytes(signature))

    def original(
        self, session: Any, article: StoredArticle, annotation: Annotation, counts: BatchCounts
    ) -> int | None:
        """The stored original this article copies, or None; when this article is earlier than the group's
        original, the group is re-pointed to it."""
        exact = repo.ids_with_hash(session, annotation.content_hash, article.id)
        signature = from_bytes(annotation.minhash)
        near = [i for i, _ in self.index.matches(signature) if i != article.id]
        self.index.add(article.id, signature)
        if not exact and not near:
            return None
        if exact:
            counts.exact_duplicates += 1
        else:
            counts.near_duplicates += 1
        heads = repo.duplicate_heads(session, [*exact, *near])
        original = original_of([(article.published_at, article.id), *heads.values()])
        if original == article.id:
            repo.repoint_duplicates(session, heads, article.id)
            return None
        return original


def store_outcomes(
    session: Any,
    pairs: Iterable[tuple[StoredArticle, Outcome]],
    duplicates: Duplicates,
    counts: BatchCounts,
    now: Callable[[], datetime],
    *,
    still_mine: Callable[[int], bool] | None = None,
) -> list[tuple[StoredArticle, Annotation]]:
    """Store each annotation (with its duplicate original), or set the article aside with its failure;
    returns what was stored. With `still_mine`, an article whose claim another worker took over is left
    to that worker."""
    stored: list[tuple[StoredArticle, Annotation]] = []
    for article, outcome in pairs:
        if still_mine is not None and not still_mine(article.id):
            counts.lost_claims += 1
            continue
        if isinstance(outcome, AnnotateFailure):
            repo.record_failure(session, article.id, outcome, version=ANNOTATOR_VERSION, now=now())
            counts.add_failure(outcome)
            continue
        dup_of = duplicates.original(session, article, outcome, counts)
        repo.save_annotation(
            session, article.id, outcome, dup_of=dup_of, version=ANNOTATOR_VERSION, now=now()
        )
        counts.annotated += 1
        stored.append((article, outcome))
    return stored


def copy_groups(items: Sequence[tuple[datetime | None, Annotation]]) -> list[int]:
    """For texts without a database (a JSONL file): the index of each text's original among `items`, by the
    same rule as `Duplicates` (exact hash or near MinHash copies; earliest published, first on a tie)."""
    parent = list(range(len(items)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    index = NearDuplicateIndex()
    by_hash: dict[str, int] = {}
    for i, (_, annotation) in enumerate(items):
        signature = from_bytes(annotation.minhash)
        linked = [by_hash.setdefault(annotation.content_hash, i), *(j for j, _ in index.matches(signature))]
        index.add(i, signature)
        for j in linked:
            a, b = find(i), find(j)
            if a != b:
                parent[max(a, b)] = min(a, b)
    members: dict[int, list[int]] = {}
    for i in range(len(items)):
        members.setdefault(find(i), []).append(i)
    original = {root: original_of((items[i][0], i) for i in group) for root, group in members.items()}
    return [original[find(i)] for i in range(len(items))]
