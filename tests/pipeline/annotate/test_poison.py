"""A poison article (one the annotator raises on) is set aside with its error: it never stops the annotate
job, the workers or a JSONL run, is skipped by later runs, listed, and re-queued after a fix."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from io import StringIO
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from typer.testing import CliRunner

from config import AppConfig
from config.models import Source
from nlp.annotate import annotate
from nlp.schema import Annotation, ArticleText
from pipeline.annotate.batch import Annotator
from pipeline.annotate.file import annotate_file
from pipeline.annotate.job import run_annotate
from pipeline.annotate.worker import WorkerOptions, run_worker
from pipeline.cli.main import app as cli
from storage import articles as repo
from storage.db import session_scope, upgrade
from storage.jobs import last_runs
from storage.models import AnnotationRow, ArticleRow
from storage.records import RawArticle

POISON = "Bài có ký tự độc hại"
SOURCE = Source.model_validate(
    {
        "id": "bao",
        "name": "Báo thử",
        "url": "http://127.0.0.1/",
        "scope": "province",
        "discovery": [{"kind": "rss", "url": "http://127.0.0.1/rss"}],
    }
)
GOOD = 5


class PoisonError(ValueError):
    """What the annotator raises on the crafted article."""


def poisoned(text: ArticleText, *, options: Any) -> Annotation:
    """The real annotator, which fails on the crafted article (as a lone surrogate once made it fail)."""
    if POISON in text.text:
        raise PoisonError("cannot encode the article's text")
    return annotate(text, options=options)


def _fill(app: AppConfig) -> int:
    """Five good articles and the crafted one in the middle; returns the crafted article's id."""
    url = app.settings.resolved_database_url
    upgrade(url)
    now = datetime.now(UTC)
    poison_id = 0
    with session_scope(url) as session:
        repo.sync_sources(session, [SOURCE], now)
        for n in range(GOOD + 1):
            text = (
                f"{POISON} số {n}."
                if n == 2
                else f"Người dân thôn {n} phản ánh nước thải của cơ sở chảy ra suối, cá chết hàng loạt."
            )
            article_id = repo.insert_article(
                session,
                RawArticle(
                    url=f"http://127.0.0.1/bai-{n}.html",
                    canonical_url=f"http://127.0.0.1/bai-{n}.html",
                    source_id="bao",
                    title=f"Bài số {n} về nước thải ở thôn {n}",
                    sapo=None,
                    text=text,
                    author=None,
                    published_at=now - timedelta(hours=n),
                    fetched_at=now,
                ),
            )
            assert article_id is not None
            if n == 2:
                poison_id = article_id
    return poison_id


def _annotated(app: AppConfig) -> int:
    with session_scope(app.settings.resolved_database_url) as session:
        return int(session.scalar(select(func.count()).select_from(AnnotationRow)) or 0)


def _state(app: AppConfig, article_id: int) -> str:
    with session_scope(app.settings.resolved_database_url) as session:
        return str(session.scalar(select(ArticleRow.state).where(ArticleRow.id == article_id)))


def test_the_job_sets_the_poison_article_aside_and_annotates_the_rest(app_on: AppConfig) -> None:
    poison_id = _fill(app_on)
    result = run_annotate(app_on, annotator=Annotator(app_on, processes=1, annotate_fn=poisoned))
    assert (result.annotated, result.failed, result.errors) == (GOOD, 1, {"PoisonError": 1})
    assert _annotated(app_on) == GOOD
    assert _state(app_on, poison_id) == "failed"
    with session_scope(app_on.settings.resolved_database_url) as session:
        (failed,) = repo.failed_articles(session)
        (run,) = last_runs(session, job="annotate")
    assert (failed.id, failed.error_class, failed.attempts) == (poison_id, "PoisonError", 1)
    assert "cannot encode" in failed.message
    # the run's record holds the work it did (it used to close before any)
    assert (run.status, run.stats["annotated"], run.stats["failed"]) == ("ok", GOOD, 1)


def test_a_later_run_skips_the_failed_article(app_on: AppConfig) -> None:
    _fill(app_on)
    run_annotate(app_on, annotator=Annotator(app_on, processes=1, annotate_fn=poisoned))
    again = run_annotate(app_on, annotator=Annotator(app_on, processes=1, annotate_fn=poisoned))
    assert (again.pending, again.annotated, again.failed) == (0, 0, 0)


def test_retry_after_a_fix_annotates_it(app_on: AppConfig) -> None:
    poison_id = _fill(app_on)
    run_annotate(app_on, annotator=Annotator(app_on, processes=1, annotate_fn=poisoned))
    with session_scope(app_on.settings.resolved_database_url) as session:
        assert repo.requeue_failed(session) == 1
    fixed = run_annotate(app_on)  # the real annotator: the "fix"
    assert (fixed.annotated, fixed.failed) == (1, 0)
    assert _state(app_on, poison_id) == "annotated"
    with session_scope(app_on.settings.resolved_database_url) as session:
        assert repo.failed_articles(session) == []


def test_a_second_failure_counts_its_attempts(app_on: AppConfig) -> None:
    _fill(app_on)
    for _ in range(2):
        run_annotate(app_on, annotator=Annotator(app_on, processes=1, annotate_fn=poisoned))
        with session_scope(app_on.settings.resolved_database_url) as session:
            repo.requeue_failed(session)
    with session_scope(app_on.settings.resolved_database_url) as session:
        assert repo.count_articles(session, "new") == 1
    run_annotate(app_on, annotator=Annotator(app_on, processes=1, annotate_fn=poisoned))
    with session_scope(app_on.settings.resolved_database_url) as session:
        (failed,) = repo.failed_articles(session)
    assert failed.attempts == 3


def test_the_worker_stores_the_rest_of_its_batch_and_releases_the_claim(app_on: AppConfig) -> None:
    poison_id = _fill(app_on)
    stats = run_worker(
        app_on,
        WorkerOptions(batch=10, exit_when_idle=True),
        name="test-worker",
        annotator=Annotator(app_on, processes=1, annotate_fn=poisoned),
    )
    assert (stats.annotated, stats.failed, stats.lost_claims) == (GOOD, 1, 0)
    assert _state(app_on, poison_id) == "failed"
    with session_scope(app_on.settings.resolved_database_url) as session:
        claimed = session.scalar(select(ArticleRow.claimed_by).where(ArticleRow.id == poison_id))
        assert claimed is None
    # a second worker finds nothing to claim: the poison article is not handed out again
    again = run_worker(app_on, WorkerOptions(batch=10, exit_when_idle=True), name="second")
    assert (again.batches, again.annotated) == (0, 0)


def test_a_jsonl_run_skips_the_poison_line(app_config: AppConfig) -> None:
    lines = [
        '{"id": "a", "text": "Người dân phản ánh nước thải chảy ra suối, cá chết hàng loạt."}',
        '{"id": "b", "text": "' + POISON + '"}',
        '{"id": "c", "text": "Xe tải lật trên quốc lộ 1A, hai người bị thương."}',
    ]
    out = StringIO()
    stats = annotate_file(
        app_config,
        StringIO("\n".join(lines) + "\n"),
        out,
        annotator=Annotator(app_config, processes=1, annotate_fn=poisoned),
    )
    assert (stats.read, stats.annotated, stats.failed) == (3, 2, 1)
    assert stats.skipped == [(2, "annotator failed: PoisonError: cannot encode the article's text")]
    assert [line.split('"id": "')[1][0] for line in out.getvalue().splitlines()] == ["a", "c"]


def test_the_cli_lists_and_requeues_failed_articles(app_on: AppConfig, tmp_path: Path) -> None:
    poison_id = _fill(app_on)
    run_annotate(app_on, annotator=Annotator(app_on, processes=1, annotate_fn=poisoned))
    runner = CliRunner()
    base = ["--database-url", app_on.settings.resolved_database_url, "--data-dir", str(tmp_path / "var")]
    listed = runner.invoke(cli, [*base, "annotate", "--failed"])
    assert listed.exit_code == 0, listed.output
    assert str(poison_id) in listed.output and "PoisonError" in listed.output
    retried = runner.invoke(cli, [*base, "annotate", "--retry-failed"])
    assert retried.exit_code == 0, retried.output
    assert "1 failed articles re-queued" in retried.output
    assert _state(app_on, poison_id) == "annotated"
    assert "no failed articles" in runner.invoke(cli, [*base, "annotate", "--failed"]).output
