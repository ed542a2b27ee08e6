"""`duluan reports …`: grassroots opinion reports from the collaborators' sheets."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from pipeline.cli.common import DuluanGroup, UserError, console, err_console, get_app

app = typer.Typer(cls=DuluanGroup, help="Grassroots opinion reports (collaborators).", no_args_is_help=True)


@app.command("import")
def import_cmd(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="The sheet: .xlsx or .csv (UTF-8), one row per report.")],
) -> None:
    """Import a sheet of reports: bad rows listed by number, good rows stored (once, even on re-import)."""
    from pipeline.annotate.grassroots_import import ImportError_, import_reports
    from pipeline.runtime.cycle import today

    cfg = get_app(ctx)
    try:
        result = import_reports(cfg, file, today=today(cfg))
    except ImportError_ as exc:
        raise UserError(str(exc)) from None
    for number, why in result.errors:
        err_console.print(f"row {number}: {why}", markup=False, highlight=False, soft_wrap=True)
    console.print(
        f"{result.rows} rows: {result.stored} reports stored, {result.already} already stored, "
        f"{len(result.errors)} with errors"
    )
    if result.errors:
        raise UserError(f"{len(result.errors)} of {result.rows} rows not stored (see the lines above)")


@app.command("template")
def template_cmd(
    output: Annotated[Path, typer.Argument(help="Where to write the template: .xlsx or .csv.")],
) -> None:
    """Write the import template (the headings and one example row)."""
    from pipeline.analyst.tables import TableError, write_table
    from pipeline.annotate.grassroots_import import template_frame

    fmt = output.suffix.lower().lstrip(".")
    if fmt not in ("xlsx", "csv"):
        raise UserError("use a .xlsx or .csv file name")
    try:
        write_table([template_frame()], fmt, output)
    except TableError as exc:
        raise UserError(str(exc)) from None
    console.print(f"template written to {output}", markup=False, highlight=False)
