"""`duluan alerts …`: raise and deliver alerts, list them, acknowledge them (the follow-up loop)."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Annotated, Any
from zoneinfo import ZoneInfo

import typer
from rich.table import Table

from pipeline.cli.common import DuluanGroup, UserError, console, get_app, parse_day
from pipeline.runtime.cycle import today

app = typer.Typer(cls=DuluanGroup, help="Alerts routed to the bodies.", no_args_is_help=True)
STATUSES = ("pending", "sent", "failed", "acked")


@app.command("send")
def send(
    ctx: typer.Context,
    day: Annotated[str | None, typer.Option("--date", help="Day YYYY-MM-DD (default: today).")] = None,
) -> None:
    """Raise the day's alerts (rules of alerts.yaml) and deliver everything due in the outbox."""
    from pipeline.deliver.alerts import run_alerts

    cfg = get_app(ctx)
    done = run_alerts(cfg, parse_day(day) or today(cfg))
    d = done.delivery
    console.print(
        f"{done.created} new alerts ({done.held_by_cooldown} held back by the cooldown); "
        f"{d['messages_sent']} messages delivered, {d['attempts_failed']} failed attempts"
    )
    for path in done.files:
        console.print(f"  {path}", markup=False, highlight=False)
    for error in d["errors"]:
        console.print(f"  failed: {error}", markup=False, highlight=False)
    if done.unconfigured_channels:
        console.print(
            "  not configured (no address, secret or SMTP server): " + ", ".join(done.unconfigured_channels)
        )


@app.command("deliver")
def deliver(ctx: typer.Context) -> None:
    """Deliver what is due in the outbox now (retries of failed e-mails, webhooks and digests)."""
    from pipeline.deliver.outbox import flush_outbox

    result = flush_outbox(get_app(ctx))
    console.print(f"{result.messages_sent} messages delivered, {result.attempts_failed} failed attempts")
    for error in result.errors:
        console.print(f"  failed: {error}", markup=False, highlight=False)


@app.command("list")
def list_cmd(
    ctx: typer.Context,
    recipient: Annotated[str | None, typer.Option(help="Recipient id (ubnd, hdnd, tand, vksnd, …).")] = None,
    status: Annotated[str | None, typer.Option(help="pending, sent, failed or acked.")] = None,
    limit: Annotated[int, typer.Option(min=1, help="Most recent alerts shown.")] = 100,
    output: Annotated[str, typer.Option("--format", help="table or json.")] = "table",
) -> None:
    """List alerts with their delivery state and follow-up."""
    from storage.alerts import deliveries_of, list_alerts
    from storage.db import session_scope

    cfg = get_app(ctx)
    if recipient:
        cfg.recipient(recipient)
    if status and status not in STATUSES:
        raise UserError(f"unknown status {status!r}: use {', '.join(STATUSES)}")
    if output not in ("table", "json"):
        raise UserError(f"unknown format {output!r}: use table or json")
    tz = ZoneInfo(cfg.settings.timezone)
    items: list[dict[str, Any]] = []
    with session_scope(cfg.settings.resolved_database_url) as session:
        rows = list_alerts(session, recipient_id=recipient, status=status, limit=limit)
        for a in sorted(rows, key=lambda a: a.id):
            items.append(
                {
                    "id": a.id,
                    "key": a.key,
                    "recipient": a.recipient_id,
                    "kind": a.kind,
                    "topic": a.topic_id,
                    "status": a.status,
                    "created_at": a.created_at.astimezone(tz).isoformat(),
                    "title": a.title,
                    "deliveries": [
                        {
                            "channel": d.channel,
                            "status": d.status,
                            "attempts": d.attempts,
                            "error": d.last_error,
                        }
                        for d in deliveries_of(session, a.id)
                    ],
                    "acked_by": a.acked_by,
                    "acked_at": a.acked_at.astimezone(tz).isoformat() if a.acked_at else None,
                    "note": a.ack_note,
                }
            )
    if output == "json":
        typer.echo(json.dumps(items, ensure_ascii=False, indent=2))
        return
    table = Table("id", "recipient", "kind", "topic", "status", "created", "channels", "follow-up", "title")
    for item in items:
        channels = ", ".join(
            f"{d['channel']}:{d['status']}" + (f"×{d['attempts']}" if d["attempts"] > 1 else "")
            for d in item["deliveries"]
        )
        follow = f"{item['acked_by']} {item['acked_at'][:16]}: {item['note']}" if item["acked_at"] else ""
        created = str(item["created_at"])[:16].replace("T", " ")
        table.add_row(
            str(item["id"]),
            item["recipient"],
            item["kind"],
            item["topic"],
            item["status"],
            created,
            channels,
            follow,
            item["title"],
        )
    console.print(table)
    console.print(f"{len(items)} alert(s)")


@app.command("ack")
def ack(
    ctx: typer.Context,
    alert_id: Annotated[int, typer.Argument(metavar="ID", help="Alert id (see `duluan alerts list`).")],
    by: Annotated[str, typer.Option("--by", help="Recipient id of the body that handled it.")],
    note: Annotated[str, typer.Option("--note", help="What was done (shown in reports).")],
) -> None:
    """Record that a body handled an alert; unacknowledged alerts stay in section V of the digest."""
    from pipeline.deliver.ack import AckError, acknowledge, acting_for
    from pipeline.jobs import now_utc
    from storage.db import session_scope

    cfg = get_app(ctx)
    scope = acting_for(cfg, by)
    with session_scope(cfg.settings.resolved_database_url) as session:
        try:
            acknowledge(session, alert_id, by=by, note=note, scope=scope, now=now_utc())
        except AckError as exc:
            raise UserError(str(exc)) from None
    stamp = datetime.now(ZoneInfo(cfg.settings.timezone))
    console.print(f"alert {alert_id} acknowledged by {by} at {stamp:%H:%M %d/%m/%Y}")
