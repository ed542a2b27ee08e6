"""The annotate job: annotates the stored articles not yet annotated, in batches, and stores the results.

The whole run is inside its job-run record (a run killed mid-way is closed as interrupted, a failure is
recorded as failed). An article the annotator raises on is set aside (state 'failed', with its error)
and counted; later runs skip it until `duluan annotate --retry-failed` gives it back.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from config import AppConfig
from pipeline.annotate.batch import Annotator, BatchCounts, Duplicates, article_text, store_outcomes
from pipeline.annotate.grassroots import annotate_pending
from pipeline.annotate.watches import match_annotated
from pipeline.jobs import job_run, now_utc
from storage import articles as repo
from storage.db import session_scope

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class AnnotateResult:
    """What one annotate run did."""

    pending: int
    annotated: int
    failed: int
    exact_duplicates: int
    near_duplicates: int
    watch_matches: int = 0
    grassroots_annotated: int = 0  # collaborators' reports whose annotation failed at intake, done now
    errors: dict[str, int] = field(default_factory=dict)  # error class -> articles set aside

    def as_stats(self) -> dict[str, Any]:
        return {
            "pending": self.pending,
            "annotated": self.annotated,
            "failed": self.failed,
            "exact_duplicates": self.exact_duplicates,
            "near_duplicates": self.near_duplicates,
            "watch_matches": self.watch_matches,
            "grassroots_annotated": self.grassroots_annotated,
            "errors": dict(self.errors),
        }


def run_annotate(
    app: AppConfig, *, progress: Progress | None = None, annotator: Annotator | None = None
) -> AnnotateResult:
    """Annotate every stored article not yet annotated (failed ones stay aside)."""
    url = app.settings.resolved_database_url
    counts = BatchCounts()
    with job_run(app, "annotate") as stats:
        with session_scope(url) as session:
            total = repo.count_articles(session, "new")
            duplicates = Duplicates(session, now_utc())
        stats["pending"] = total
        grassroots = annotate_pending(app)
        done = after = 0
        with annotator or Annotator(app, expected=total) as annotator:
            while True:
                with session_scope(url) as session:
                    batch = repo.pending_articles(session, app.settings.annotate_batch_size, after_id=after)
                if not batch:
                    break
                after = batch[-1].id
                outcomes = annotator.run([article_text(a) for a in batch])
                with session_scope(url) as session:
                    stored = store_outcomes(
                        session, zip(batch, outcomes, strict=True), duplicates, counts, now_utc
                    )
                    counts.watch_matches += match_annotated(app, session, stored)
                stats.update(counts.as_stats())
                done += len(batch)
                if progress:
                    progress(done, total)
        result = AnnotateResult(
            pending=total,
            annotated=counts.annotated,
            failed=counts.failed,
            exact_duplicates=counts.exact_duplicates,
            near_duplicates=counts.near_duplicates,
            watch_matches=counts.watch_matches,
            grassroots_annotated=grassroots,
            errors=dict(counts.errors),
        )
        stats.clear()
        stats.update(result.as_stats())
    return result
