"""`duluan sources`: each source's crawl health; `duluan sources discover URL`: a new site's feeds."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from typing import Annotated, Any
from zoneinfo import ZoneInfo

import typer
import yaml
from rich.table import Table

from config import AppConfig
from pipeline.cli.common import UserError, console, get_app
from storage.db import session_scope
from storage.records import SourceHealth
from storage.source_health import source_health

app = typer.Typer(
    help="News sources: crawl health of each one; discover a new site's feeds and sitemaps.",
    invoke_without_command=True,
)


def _status(health: SourceHealth, enabled: bool, now: datetime, tz: ZoneInfo) -> str:
    if health.failing and health.blocked_by_robots:
        return "BLOCKED by robots.txt"
    if health.failing:
        since = health.failing_since
        when = since.astimezone(tz).strftime("%d/%m %H:%M") if since else "?"
        day = " (over a day)" if since is not None and since <= now - timedelta(hours=24) else ""
        return f"FAILING since {when}{day}"
    if not enabled:
        return "disabled"
    return "never crawled" if health.last_run is None else "ok"


def _rows(cfg: AppConfig, now: datetime) -> list[dict[str, Any]]:
    tz = ZoneInfo(cfg.settings.timezone)
    sources = cfg.sources.sources
    with session_scope(cfg.settings.resolved_database_url) as session:
        health = {h.source_id: h for h in source_health(session, [s.id for s in sources], now)}
    rows = []
    for source in sources:
        h = health[source.id]
        rows.append(
            {
                "id": source.id,
                "name": source.name,
                "scope": source.scope,
                "enabled": source.enabled,
                "verified": source.verified,
                "status": _status(h, source.enabled, now, tz),
                "failing": h.failing,
                "blocked_by_robots": h.blocked_by_robots,
                "last_run": h.last_run.isoformat() if h.last_run else None,
                "last_success": h.last_success.isoformat() if h.last_success else None,
                "articles_24h": h.articles_24h,
                "articles_7d": h.articles_7d,
                "errors_24h": h.errors_24h,
                "robots_refused_24h": h.robots_refused_24h,
            }
        )
    return rows


@app.callback(invoke_without_command=True)
def sources(
    ctx: typer.Context,
    output: Annotated[str, typer.Option("--format", help="table or json.")] = "table",
) -> None:
    """Per source: last success, articles stored in 24 h and 7 days, errors by kind and robots.txt
    refusals over the last 24 h; a source whose every crawl of the last 24 h failed is flagged."""
    if ctx.invoked_subcommand is not None:
        return
    if output not in ("table", "json"):
        raise UserError(f"unknown format {output!r}: use table or json")
    cfg = get_app(ctx)
    rows = _rows(cfg, datetime.now(UTC))
    if output == "json":
        typer.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    tz = ZoneInfo(cfg.settings.timezone)
    table = Table("id", "status", "last success", "24 h", "7 days", "errors (24 h)", "robots refusals")
    for row in rows:
        last = datetime.fromisoformat(row["last_success"]).astimezone(tz) if row["last_success"] else None
        errors = ", ".join(f"{k} {v}" for k, v in sorted(row["errors_24h"].items())) or "—"
        style = "bold red" if row["failing"] else None
        table.add_row(
            row["id"],
            row["status"],
            last.strftime("%d/%m/%Y %H:%M") if last else "—",
            str(row["articles_24h"]),
            str(row["articles_7d"]),
            errors,
            str(row["robots_refused_24h"]),
            style=style,
        )
    console.print(table)
    failing = [r["id"] for r in rows if r["failing"]]
    if failing:
        console.print(f"{len(failing)} source(s) failing for the last 24 h: {', '.join(failing)}")


@app.command()
def discover(
    ctx: typer.Context,
    url: Annotated[str, typer.Argument(help="The site's home page.")],
    source_id: Annotated[str | None, typer.Option("--id", help="Source id (default: from the host).")] = None,
    scope: Annotated[str, typer.Option(help="province or national.")] = "national",
) -> None:
    """Find a site's feeds and sitemaps (<link rel=alternate>, robots.txt Sitemap lines, common paths)
    and print a ready `sources.yaml` entry, marked unverified."""
    from crawlers.fetch import Fetcher, FetchError
    from crawlers.site_discovery import discover_site, source_entry

    if scope not in ("province", "national"):
        raise UserError(f"unknown scope {scope!r}: use province or national")
    cfg = get_app(ctx, migrate=False)
    s = cfg.settings
    fetcher = Fetcher(s.resolved_user_agent, s.download_timeout, s.max_page_bytes, s.obey_robots)
    try:
        report = discover_site(fetcher, url)
    except FetchError as exc:
        raise UserError(str(exc)) from None
    entry = source_entry(report, source_id=source_id, scope=scope, today=date.today())
    block = yaml.safe_dump([entry], allow_unicode=True, sort_keys=False, width=100)
    typer.echo("# Add under `sources:` in sources.yaml (see config/sources.yaml for the fields).")
    typer.echo("\n".join("  " + line if line else line for line in block.splitlines()))
