"""The `duluan` command line (Typer): a thin layer over the jobs in `pipeline`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from pipeline.cli import (
    alerts,
    config_cmd,
    db,
    extract_cmd,
    jobs_cmd,
    report_cmd,
    reports_cmd,
    search_cmd,
    sources_cmd,
    tone_cmd,
    topics_cmd,
    watch_cmd,
    web_cmd,
    worker,
)
from pipeline.cli.common import DuluanGroup, set_options
from pipeline.cli.work import register

app = typer.Typer(
    cls=DuluanGroup,
    help="duluan: monitor the press for a province's pressing issues; digest and alerts for its bodies.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


@app.callback()
def _options(
    ctx: typer.Context,
    config: Annotated[
        Path | None, typer.Option("--config", help="User config directory (default: $DULUAN_CONFIG).")
    ] = None,
    data_dir: Annotated[Path | None, typer.Option(help="Data folder (default: ./var).")] = None,
    database_url: Annotated[str | None, typer.Option(help="SQLAlchemy database URL.")] = None,
    log_level: Annotated[str | None, typer.Option(help="DEBUG, INFO, WARNING or ERROR.")] = None,
) -> None:
    set_options(ctx, config, data_dir, database_url, log_level)


register(app)
search_cmd.register(app)
app.add_typer(alerts.app, name="alerts")
app.add_typer(db.app, name="db")
app.add_typer(config_cmd.app, name="config")
app.command("jobs", help="Show the last job runs and the scheduler's next fire times.")(jobs_cmd.jobs)
app.command("report")(report_cmd.report)
app.add_typer(sources_cmd.app, name="sources")
app.command("extract")(extract_cmd.extract)
app.add_typer(topics_cmd.app, name="topics")
app.add_typer(tone_cmd.app, name="tone")
app.command("serve", help="Serve the web interface (pages and JSON API).")(web_cmd.serve)
app.add_typer(web_cmd.users, name="users")
app.add_typer(web_cmd.corrections, name="corrections")
app.add_typer(worker.app, name="worker")
app.add_typer(watch_cmd.app, name="watch")
app.add_typer(reports_cmd.app, name="reports")


def main() -> None:
    app()


if __name__ == "__main__":
    main()
