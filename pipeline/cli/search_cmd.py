"""`duluan search`, `duluan export`, `duluan stats`: the analysts' commands over stored articles."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated
from zoneinfo import ZoneInfo

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from config import AppConfig
from pipeline.cli.common import UserError, console, get_app, output_file, parse_day
from storage.search_filters import SearchFilters

Topics = Annotated[list[str] | None, typer.Option("--topic", help="Topic id (repeatable: any of them).")]
Sources = Annotated[list[str] | None, typer.Option("--source", help="Source id (repeatable).")]
Since = Annotated[str | None, typer.Option(help="Published on or after this day (YYYY-MM-DD).")]
Until = Annotated[str | None, typer.Option(help="Published up to this day, inclusive (YYYY-MM-DD).")]
Recipient = Annotated[
    str | None, typer.Option(help="Recipient body id: articles on the topics routed to it (recipients.yaml).")
]
Place = Annotated[str | None, typer.Option(help="Place named in the article, accents optional ('Cao Loc').")]
Tone = Annotated[str | None, typer.Option(help="negative, neutral or positive.")]
Story = Annotated[int | None, typer.Option(help="Story id: only the articles of that story.")]
Local = Annotated[bool, typer.Option("--local", help="Only articles about the province.")]
Output = Annotated[Path | None, typer.Option("--output", help="Write to this file instead of the terminal.")]


@contextmanager
def _user_errors() -> Iterator[None]:
    from pipeline.analyst.filters import AnalystError
    from pipeline.analyst.tables import TableError

    try:
        yield
    except (AnalystError, TableError) as exc:
        raise UserError(str(exc)) from None


def _filters(
    app: AppConfig,
    *,
    since: str | None,
    until: str | None,
    source: list[str] | None,
    topic: list[str] | None,
    recipient: str | None,
    place: str | None,
    tone: str | None,
    story: int | None,
    local: bool,
) -> SearchFilters:
    from pipeline.analyst.filters import FilterOptions, resolve

    options = FilterOptions(
        since=parse_day(since),
        until=parse_day(until),
        sources=tuple(source or ()),
        topics=tuple(topic or ()),
        recipient=recipient,
        place=place,
        tone=tone,
        story=story,
        local_only=local,
    )
    return resolve(app, options)


def _marked(segments: tuple[tuple[str, bool], ...]) -> Text:
    """Rich text from snippet segments: crawled text is appended as plain text, never as markup."""
    text = Text()
    for piece, hit in segments:
        text.append(piece, style="bold reverse" if hit else "")
    return text


def search(
    ctx: typer.Context,
    query: Annotated[
        str,
        typer.Argument(
            help='Words (accents optional), "a phrase", prefix*, AND / OR / NOT or -word, ( ). '
            "'o nhiem' finds 'ô nhiễm'."
        ),
    ],
    topic: Topics = None,
    source: Sources = None,
    since: Since = None,
    until: Until = None,
    recipient: Recipient = None,
    place: Place = None,
    tone: Tone = None,
    story: Story = None,
    local: Local = False,
    limit: Annotated[int, typer.Option(min=1, max=1000, help="Results shown.")] = 20,
    sort: Annotated[str, typer.Option(help="rank (best first) or newest.")] = "rank",
    output_format: Annotated[str, typer.Option("--format", help="table, csv, json or xlsx.")] = "table",
    output: Output = None,
    count: Annotated[bool, typer.Option("--count", help="Also count every matching article.")] = False,
) -> None:
    """Search stored articles (full text, ranked, with highlighted snippets)."""
    from storage.db import session_scope
    from storage.search import count as count_matches
    from storage.search import search as run_search

    if output_format not in ("table", "csv", "json", "xlsx"):
        raise UserError(f"unknown format {output_format!r}: use table, csv, json or xlsx")
    if sort not in ("rank", "newest"):
        raise UserError(f"unknown sort {sort!r}: use rank or newest")
    output_file(output)
    app = get_app(ctx)
    with _user_errors():
        filters = _filters(
            app, since=since, until=until, source=source, topic=topic, recipient=recipient, place=place,
            tone=tone, story=story, local=local,
        )  # fmt: skip
        with session_scope(app.settings.resolved_database_url) as session:
            hits = run_search(
                session, query, filters=filters, limit=limit, order="newest" if sort == "newest" else "rank"
            )
            total = count_matches(session, query, filters=filters) if count else None
        tz = ZoneInfo(app.settings.timezone)
        if output_format != "table":
            from pipeline.analyst.filters import hits_frame
            from pipeline.analyst.tables import write_table

            frame = hits_frame(hits)
            if output_format == "json":
                frame["highlights"] = [h.snippet.spans for h in hits]
                frame["snippet"] = [h.snippet.text for h in hits]
                frame["title"] = [h.title for h in hits]
            write_table([frame], output_format, output, tz=tz)
            if output is not None:
                console.print(f"{len(hits)} result(s) written to {output}", markup=False)
            return
    table = Table(
        "id", "published", "source", "title / snippet", title=Text(f"search: {query}"), title_justify="left"
    )
    for h in hits:
        when = h.published_at.astimezone(tz).strftime("%d/%m/%Y %H:%M") if h.published_at else "—"
        title = _marked(h.title_marked.segments) if h.title_marked else Text("(no title)")
        table.add_row(str(h.id), when, h.source_id, Text.assemble(title, "\n", _marked(h.snippet.segments)))
    target = Console(file=output.open("w", encoding="utf-8"), width=400) if output else console
    target.print(table)
    footer = f"{len(hits)} result(s)" + (f" of {total} matching article(s)" if total is not None else "")
    target.print(footer, markup=False)
    if output is not None:
        target.file.close()
        console.print(f"{footer} written to {output}", markup=False)


def export(
    ctx: typer.Context,
    since: Annotated[str, typer.Option(help="Published on or after this day (YYYY-MM-DD).")],
    output: Annotated[Path, typer.Option("--output", help="File to write.")],
    until: Until = None,
    output_format: Annotated[str, typer.Option("--format", help="csv, parquet or xlsx.")] = "csv",
    query: Annotated[str | None, typer.Option(help="Only the articles matching this search.")] = None,
    topic: Topics = None,
    source: Sources = None,
    recipient: Recipient = None,
    place: Place = None,
    tone: Tone = None,
    story: Story = None,
    local: Local = False,
    text: Annotated[bool, typer.Option("--text/--no-text", help="Include sapo and body.")] = True,
) -> None:
    """Export articles with their annotations, one row per article (csv, parquet or xlsx)."""
    from pipeline.analyst.tables import write_table
    from storage.db import session_scope
    from storage.query import iter_articles

    if output_format not in ("csv", "parquet", "xlsx"):
        raise UserError(f"unknown format {output_format!r}: use csv, parquet or xlsx")
    output_file(output)
    app = get_app(ctx)
    with _user_errors():
        filters = _filters(
            app, since=since, until=until, source=source, topic=topic, recipient=recipient, place=place,
            tone=tone, story=story, local=local,
        )  # fmt: skip
        tz = ZoneInfo(app.settings.timezone)
        with session_scope(app.settings.resolved_database_url) as session:
            frames = iter_articles(session, query, filters=filters, text=text)
            rows = write_table(frames, output_format, output, tz=tz)
    console.print(f"exported {rows} article(s) to {output}", markup=False)


def stats(
    ctx: typer.Context,
    by: Annotated[
        str, typer.Option(help="One or two of topic, recipient, source, place, tone, day, week, month.")
    ] = "topic",
    since: Since = None,
    until: Until = None,
    query: Annotated[str | None, typer.Option(help="Count only the articles matching this search.")] = None,
    topic: Topics = None,
    source: Sources = None,
    recipient: Recipient = None,
    place: Place = None,
    tone: Tone = None,
    local: Local = False,
    output_format: Annotated[str, typer.Option("--format", help="table, csv, json or xlsx.")] = "table",
    output: Output = None,
) -> None:
    """Count stored articles by one or two dimensions (a pandas pivot), e.g. --by topic,day."""
    from pipeline.analyst.filters import parse_dimensions, pivot_counts
    from pipeline.analyst.tables import write_table
    from storage.db import session_scope
    from storage.query import iter_articles

    if output_format not in ("table", "csv", "json", "xlsx"):
        raise UserError(f"unknown format {output_format!r}: use table, csv, json or xlsx")
    output_file(output)
    app = get_app(ctx)
    with _user_errors():
        dims = parse_dimensions(by)
        filters = _filters(
            app, since=since, until=until, source=source, topic=topic, recipient=recipient, place=place,
            tone=tone, story=None, local=local,
        )  # fmt: skip
        import pandas as pd

        with session_scope(app.settings.resolved_database_url) as session:
            frame = pd.concat(list(iter_articles(session, query, filters=filters)), ignore_index=True)
        if frame.empty:
            console.print("no articles match")
            return
        pivot = pivot_counts(app, frame, dims)
        if output_format != "table":
            write_table([pivot.reset_index()], output_format, output)
            if output is not None:
                console.print(f"counts written to {output}", markup=False)
            return
    table = Table(" \\ ".join(dims), title=f"articles by {', '.join(dims)}")
    for column in pivot.columns:
        table.add_column(str(column), justify="right")
    for label, row in pivot.iterrows():
        table.add_row(Text(str(label)), *(str(v) for v in row))
    target = Console(file=output.open("w", encoding="utf-8"), width=200) if output else console
    target.print(table)
    if output is not None:
        target.file.close()


def register(app: typer.Typer) -> None:
    for command in (search, export, stats):
        app.command(command.__name__)(command)
