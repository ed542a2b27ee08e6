"""`duluan report`: a body's quarterly (or monthly) report, HTML and XLSX."""

from __future__ import annotations

from typing import Annotated

import typer

from pipeline.cli.common import UserError, console, get_app


def report(
    ctx: typer.Context,
    recipient: Annotated[
        str | None, typer.Option(help="Recipient id (hdnd, ubnd, tand, vksnd, ban_tuyen_giao).")
    ] = None,
    quarter: Annotated[str | None, typer.Option(help="Quarter YYYYQn, e.g. 2026Q3.")] = None,
    month: Annotated[str | None, typer.Option(help="Month YYYY-MM, e.g. 2026-07.")] = None,
    monthly_opinion: Annotated[
        bool,
        typer.Option(
            "--monthly-opinion",
            help="The board's monthly report on the situation of opinion (.docx and .xlsx); needs --month.",
        ),
    ] = False,
) -> None:
    """Write a body's report of its topics (counts by month and outlet, issues, alerts and follow-up), or
    with --monthly-opinion the board's monthly report on opinion, press and grassroots."""
    from pipeline.reports.core import PeriodError, parse_period, run_report

    app = get_app(ctx)
    if monthly_opinion:
        from pipeline.reports.opinion import run_monthly_opinion

        if quarter is not None or month is None:
            raise UserError("--monthly-opinion needs --month YYYY-MM")
        try:
            period = parse_period(None, month)
        except PeriodError as exc:
            raise UserError(str(exc)) from None
        done = run_monthly_opinion(app, period)
        console.print(
            f"monthly opinion report {period.label}: {done['articles']} articles, {done['grassroots']} "
            f"grassroots reports, {done['issues']} issues, {done['alerts']} alerts"
        )
        console.print(f"  {done['docx']}\n  {done['xlsx']}", markup=False, highlight=False)
        return
    if recipient is None:
        raise UserError("give --recipient (or --monthly-opinion)")
    app.recipient(recipient)  # an unknown id is one line naming the known ones
    try:
        period = parse_period(quarter, month)
    except PeriodError as exc:
        raise UserError(str(exc)) from None
    written = run_report(app, recipient, period)
    console.print(
        f"report {period.label} for {recipient}: {written.articles} articles, {written.issues} issues, "
        f"{written.alerts} alerts"
    )
    console.print(f"  {written.html}\n  {written.xlsx}", markup=False, highlight=False)
