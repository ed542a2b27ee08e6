"""`duluan report`: a body's quarterly (or monthly) report, HTML and XLSX."""

from __future__ import annotations

from typing import Annotated

import typer

from pipeline.cli.common import UserError, console, get_app


def report(
    ctx: typer.Context,
    recipient: Annotated[str, typer.Option(help="Recipient id (hdnd, ubnd, tand, vksnd, ban_tuyen_giao).")],
    quarter: Annotated[str | None, typer.Option(help="Quarter YYYYQn, e.g. 2026Q3.")] = None,
    month: Annotated[str | None, typer.Option(help="Month YYYY-MM, e.g. 2026-07.")] = None,
) -> None:
    """Write a body's report of its topics: counts by month and outlet, issues, alerts and follow-up."""
    from pipeline.reports.core import PeriodError, parse_period, run_report

    app = get_app(ctx)
    app.recipient(recipient)  # an unknown id is one line naming the known ones
    try:
        period = parse_period(quarter, month)
    except PeriodError as exc:
        raise UserError(str(exc)) from None
    stats = run_report(app, recipient, period)
    console.print(
        f"report {period.label} for {recipient}: {stats['articles']} articles, {stats['issues']} issues, "
        f"{stats['alerts']} alerts"
    )
    console.print(f"  {stats['html']}\n  {stats['xlsx']}", markup=False, highlight=False)
