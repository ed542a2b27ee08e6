"""The job commands: demo, crawl, annotate, detect, digest, run."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from pipeline.cli.common import UserError, console, get_app, output_file, parse_day, text_file
from pipeline.render import clip
from pipeline.runtime.cycle import run_crawl, today
from storage import articles as articles_repo
from storage.db import session_scope, shown_url

MAX_SINCE_DAYS = 36_500  # a horizon further back than 1970 is no date duluan computes with
DateOption = Annotated[str | None, typer.Option("--date", help="Day YYYY-MM-DD (default: today).")]


def _progress() -> Progress:
    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
    )


def demo(ctx: typer.Context) -> None:
    """Run the main job offline on the bundled sample site: crawl, annotate, detect, digest, alerts."""
    from pipeline.runtime.demo import run_demo

    app = get_app(ctx)
    with _progress() as bar:
        task = bar.add_task("annotating", total=None)
        result = run_demo(
            app,
            progress=lambda done, total: bar.update(task, completed=done, total=total),
            step=lambda msg: console.print(f"[bold]→[/bold] {msg}"),
        )
    s = result.stats
    table = Table("stage", "result", title=f"duluan demo — {result.day:%d/%m/%Y}")
    table.add_row(
        "crawl", f"{s['crawl']['stored']} articles stored, {s['crawl'].get('item_dropped_count', 0)} dropped"
    )
    a = s["annotate"]
    table.add_row(
        "annotate",
        f"{a['annotated']} annotated ({a['exact_duplicates']} exact, {a['near_duplicates']} near copies)",
    )
    table.add_row("detect", ", ".join(f"{d[8:]}/{d[5:7]}: {n}" for d, n in s["detect"].items()) + " issues")
    table.add_row("digest", f"{s['digest']['issues']} issues, {s['digest']['articles']} articles that day")
    table.add_row(
        "alerts", f"{s['alerts']['created']} new alerts, {len(s['alerts']['files'])} outbox messages"
    )
    g = s["grassroots"]
    table.add_row("grassroots", f"{g['stored']} of {g['reports']} collaborators' reports stored (a week)")
    console.print(table)
    if result.top_issues:
        console.print("[bold]Top issues[/bold]")
        for i, (title, score, topic, why) in enumerate(result.top_issues, 1):
            console.print(f" {i}. [{score:.1f}] {title} — {topic}\n    {why}", markup=False, highlight=False)
    console.print(f"Digest:  {s['digest']['html']}\n         {s['digest']['text']}")
    console.print(f"Report:  {s['opinion_report']['docx']}\n         {s['opinion_report']['xlsx']}")
    console.print(f"Outbox:  {app.settings.outbox_dir}/")
    console.print(f"Database: {shown_url(app.settings.resolved_database_url)}")


def crawl(
    ctx: typer.Context,
    source: Annotated[
        list[str] | None, typer.Option("--source", help="Source id (repeatable); default: enabled.")
    ] = None,
    since: Annotated[
        int | None, typer.Option(help="Date horizon in days, 1 to 36500 (default: setting crawl_since_days).")
    ] = None,
    run_id: Annotated[
        str | None,
        typer.Option(
            help="With redis_url set: processes given one run id share a frontier (default: 30-min slot)."
        ),
    ] = None,
) -> None:
    """Crawl the configured sources; articles are stored as they arrive."""
    if since is not None and not 1 <= since <= MAX_SINCE_DAYS:
        raise UserError(f"--since {since}: give a number of days from 1 to {MAX_SINCE_DAYS}")
    app = get_app(ctx)
    app.enabled_sources(source)
    with console.status("crawling…"):
        done = run_crawl(app, sources=source, since_days=since, run_id=run_id)
    console.print(f"stored {done.stored} new articles; dropped {done.dropped}")
    if done.interrupted_by:
        console.print(f"interrupted: {done.interrupted_by} (recorded as an interrupted run)")
    for outcome, value in sorted(done.outcomes.items()):
        console.print(f"  {outcome}: {value}")


def annotate(
    ctx: typer.Context,
    input_path: Annotated[
        Path | None,
        typer.Option("--input", help="JSONL file to annotate without a database (id, title, text)."),
    ] = None,
    output_path: Annotated[
        Path | None, typer.Option("--output", help="JSONL file written with --input.")
    ] = None,
    failed: Annotated[
        bool,
        typer.Option("--failed", help="List the articles set aside because the annotator failed on them."),
    ] = False,
    retry_failed: Annotated[
        bool,
        typer.Option("--retry-failed", help="Give the failed articles back to the annotator, then annotate."),
    ] = False,
) -> None:
    """Annotate stored articles not yet annotated (topics, places, tone, duplicates), or a JSONL file.

    An article the annotator fails on is set aside with its error and skipped by later runs:
    `--failed` lists them, `--retry-failed` re-queues them (after a fix) and annotates."""
    from pipeline.annotate.job import run_annotate

    if failed:
        _list_failed(get_app(ctx))
        return

    if (input_path is None) != (output_path is None):
        raise UserError("--input and --output go together")
    if input_path is not None and output_path is not None:
        from pipeline.annotate.file import annotate_path

        text_file(input_path, "--input")
        output_file(output_path)
        lines = annotate_path(get_app(ctx, migrate=False), input_path, output_path)
        malformed = len(lines.skipped) - lines.failed
        skipped = f"; {malformed} malformed lines skipped (see the log)" if malformed else ""
        skipped += f"; {lines.failed} lines the annotator failed on skipped" if lines.failed else ""
        console.print(f"annotated {lines.annotated} of {lines.read} lines into {output_path}{skipped}")
        return
    app = get_app(ctx)
    if retry_failed:
        with session_scope(app.settings.resolved_database_url) as session:
            requeued = articles_repo.requeue_failed(session)
        console.print(f"{requeued} failed articles re-queued")
    with _progress() as bar:
        task = bar.add_task("annotating", total=None)
        result = run_annotate(app, progress=lambda done, total: bar.update(task, completed=done, total=total))
    aside = f"; {result.failed} set aside as failed (duluan annotate --failed)" if result.failed else ""
    console.print(
        f"annotated {result.annotated} articles ({result.exact_duplicates} exact and "
        f"{result.near_duplicates} near duplicates){aside}"
    )


def _list_failed(app: Any) -> None:
    with session_scope(app.settings.resolved_database_url) as session:
        rows = articles_repo.failed_articles(session, limit=1000)
    if not rows:
        console.print("no failed articles")
        return
    table = Table("id", "source", "failed at", "attempts", "error", "title")
    for r in rows:
        table.add_row(
            str(r.id),
            r.source_id,
            f"{r.failed_at:%Y-%m-%d %H:%M}",
            str(r.attempts),
            clip(f"{r.error_class}: {r.message}", 120),
            clip(r.title or r.url, 80),
        )
    console.print(table)
    console.print(f"{len(rows)} failed articles; `duluan annotate --retry-failed` re-queues them")


def detect(ctx: typer.Context, day: DateOption = None) -> None:
    """Detect the pressing issues of a day."""
    from pipeline.detect.issues import run_detect

    app = get_app(ctx)
    found = run_detect(app, parse_day(day) or today(app))
    console.print(f"{found.issues} issues on {found.day.isoformat()} from {found.articles} articles")
    for i, issue in enumerate(found.top, 1):
        console.print(f" {i}. [{issue.score:.1f}] {issue.title}\n    {issue.reason}", markup=False)


def digest(ctx: typer.Context, day: DateOption = None) -> None:
    """Write the daily digest (HTML and text) under <data_dir>/digests/, record it and deliver it to the
    recipients with receives_digest (their e-mail, webhook and the file outbox)."""
    from pipeline.digest.core import run_digest

    app = get_app(ctx)
    written = run_digest(app, parse_day(day) or today(app))
    shown = written.day.isoformat()
    console.print(f"digest of {shown}: {written.html}\n{' ' * (11 + len(shown))} {written.text}")
    for recipient, channels in written.queued.items():
        console.print(f"queued for {recipient}: {', '.join(channels) or 'already queued before'}")
    delivery = written.delivery
    console.print(f"{delivery.get('messages_sent', 0)} messages delivered")
    for error in delivery.get("errors", []):
        console.print(f"  failed: {error}", markup=False, highlight=False)


def run(
    ctx: typer.Context,
    once: Annotated[
        bool, typer.Option("--once", help="Run the cycle once and exit instead of scheduling.")
    ] = False,
) -> None:
    """Start the scheduler (jobs of schedule.yaml: the cycle every 30 min, the digest at 06:30, quarterly
    reports); SIGTERM lets the running job finish, then exits 0."""
    from pipeline.runtime.cycle import run_cycle
    from pipeline.runtime.scheduler import run_scheduler

    app = get_app(ctx)
    if once:
        result = run_cycle(app)
        stats = {**result.stages, **{name: {"failed": error} for name, error in result.failures.items()}}
        console.print_json(json.dumps(stats, default=str, ensure_ascii=False))
        return

    def announce(scheduler: Any) -> None:
        for job in scheduler.get_jobs():
            console.print(f"scheduled {job.id}: next run {job.next_run_time:%Y-%m-%d %H:%M:%S %Z}")
        console.print("running; SIGTERM or Ctrl-C stops after the running job")

    run_scheduler(app, ctx.find_root().obj or {}, announce=announce)
    console.print("scheduler stopped")


def register(app: typer.Typer) -> None:
    for command in (demo, crawl, annotate, detect, digest, run):
        app.command(command.__name__)(command)
