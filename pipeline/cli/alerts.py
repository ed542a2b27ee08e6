"""`duluan alerts …`: create and deliver alerts, list them."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table

from pipeline.cli.common import DuluanGroup, UserError, console, get_app, parse_day
from pipeline.cycle import today

app = typer.Typer(cls=DuluanGroup, help="Alerts routed to the bodies.", no_args_is_help=True)
STATUSES = ("pending", "sent", "acked")


@app.command("send")
def send(
    ctx: typer.Context,
    day: Annotated[str | None, typer.Option("--date", help="Day YYYY-MM-DD (default: today).")] = None,
) -> None:
    """Raise alerts for the day's issues above the threshold and deliver them (file outbox)."""
    from pipeline.alerts import run_alerts

    cfg = get_app(ctx)
    stats = run_alerts(cfg, parse_day(day) or today(cfg))
    console.print(f"{stats['created']} new alerts; {len(stats['files'])} outbox messages written")
    for path in stats["files"]:
        console.print(f"  {path}")


@app.command("list")
def list_cmd(
    ctx: typer.Context,
    recipient: Annotated[str | None, typer.Option(help="Recipient id (ubnd, hdnd, tand, vksnd, …).")] = None,
    status: Annotated[str | None, typer.Option(help="pending, sent or acked.")] = None,
) -> None:
    """List alerts."""
    from storage.alerts import list_alerts
    from storage.db import session_scope

    cfg = get_app(ctx)
    if recipient and recipient not in cfg.recipients.recipients:
        raise UserError(f"unknown recipient {recipient!r} (known: {', '.join(cfg.recipients.recipients)})")
    if status and status not in STATUSES:
        raise UserError(f"unknown status {status!r}: use {', '.join(STATUSES)}")
    table = Table("id", "recipient", "topic", "status", "created (UTC)", "title")
    with session_scope(cfg.settings.resolved_database_url) as session:
        rows = list_alerts(session, recipient_id=recipient, status=status)
        for a in rows:
            table.add_row(
                str(a.id),
                a.recipient_id,
                a.topic_id,
                a.status,
                a.created_at.strftime("%Y-%m-%d %H:%M"),
                a.title,
            )
    console.print(table)
