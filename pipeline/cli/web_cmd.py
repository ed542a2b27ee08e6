"""`duluan serve`, `duluan users …` and `duluan corrections …`: the web interface and its users."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from pipeline.cli.common import DuluanGroup, UserError, console, get_app

users = typer.Typer(cls=DuluanGroup, help="Web users and their roles.", no_args_is_help=True)
corrections = typer.Typer(
    cls=DuluanGroup, help="Topic corrections made on the web (labeled examples).", no_args_is_help=True
)


def serve(
    ctx: typer.Context,
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on.")] = 8000,
) -> None:
    """Serve the web interface (pages and JSON API) until interrupted."""
    import uvicorn

    from pipeline.web.app import create_app

    app = get_app(ctx)
    from pipeline.annotate.grassroots import annotation_of

    annotation_of(app, "Khởi động bộ phân tích.", None)  # the first report is annotated as fast as the rest
    console.print(f"duluan web on http://{host}:{port}/ (Ctrl+C to stop)")
    uvicorn.run(
        create_app(app),
        host=host,
        port=port,
        proxy_headers=True,
        forwarded_allow_ips="127.0.0.1",
        log_level=app.settings.log_level.lower(),
    )


def _read_password(from_stdin: bool) -> str:
    if from_stdin or not sys.stdin.isatty():
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = typer.prompt("Password", hide_input=True, confirmation_prompt=True)
    if not password:
        raise UserError("empty password")
    return password


@users.command("add")
def users_add(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="Login name.")],
    role: Annotated[
        str, typer.Option(help="ban_tuyen_giao, hdnd, ubnd, tand, vksnd, analyst or cong_tac_vien.")
    ],
    unit: Annotated[
        str | None, typer.Option(help="A collaborator's unit (commune, ward or agency of the province).")
    ] = None,
    password_stdin: Annotated[
        bool, typer.Option("--password-stdin", help="Read the password from the first line of stdin.")
    ] = False,
) -> None:
    """Add a web user (the password is prompted for, or read from stdin); a collaborator needs --unit."""
    from pipeline.annotate.grassroots import unit_of
    from pipeline.web.access import COLLABORATOR, ROLES
    from pipeline.web.auth import add_user

    if role not in ROLES:
        raise UserError(f"unknown role {role!r}: use one of {', '.join(ROLES)}")
    if role == COLLABORATOR:
        found = unit_of(unit)
        if found is None:
            raise UserError(
                f"a {COLLABORATOR} needs --unit: a commune, ward or agency of the province"
                f" (unknown: {unit!r})"
                if unit
                else f"a {COLLABORATOR} needs --unit"
            )
        unit = found
    elif unit is not None:
        raise UserError(f"--unit is for the {COLLABORATOR} role only")
    name = name.strip()
    if not name or len(name) > 64 or any(c.isspace() for c in name):
        raise UserError(f"invalid user name {name!r}: 1-64 characters, no spaces")
    app = get_app(ctx)
    try:
        user = add_user(app.settings, name, role, _read_password(password_stdin), unit)
    except ValueError as exc:
        raise UserError(str(exc)) from None
    if user is None:
        raise UserError(f"user {name!r} already exists")
    console.print(f"user {name} added with role {role}" + (f" ({unit})" if unit else ""))


@users.command("passwd")
def users_passwd(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="Login name.")],
    password_stdin: Annotated[
        bool, typer.Option("--password-stdin", help="Read the password from the first line of stdin.")
    ] = False,
) -> None:
    """Set a user's password."""
    from pipeline.web.auth import reset_password

    app = get_app(ctx)
    try:
        done = reset_password(app.settings, name, _read_password(password_stdin))
    except ValueError as exc:
        raise UserError(str(exc)) from None
    if not done:
        raise UserError(f"no user {name!r}")
    console.print(f"password of {name} changed")


@users.command("disable")
def users_disable(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="Login name.")],
    enable: Annotated[bool, typer.Option("--enable", help="Enable the user again instead.")] = False,
) -> None:
    """Disable a user (their sessions end at once), or enable them again."""
    from storage.db import session_scope
    from storage.users import set_disabled

    app = get_app(ctx)
    with session_scope(app.settings.resolved_database_url) as session:
        if not set_disabled(session, name, not enable):
            raise UserError(f"no user {name!r}")
    console.print(f"user {name} {'enabled' if enable else 'disabled'}")


@users.command("list")
def users_list(ctx: typer.Context) -> None:
    """List the web users."""
    from storage.db import session_scope
    from storage.users import list_users

    app = get_app(ctx)
    table = Table("name", "role", "unit", "state")
    with session_scope(app.settings.resolved_database_url) as session:
        for u in list_users(session):
            table.add_row(u.name, u.role, u.unit or "", "disabled" if u.disabled else "active")
    console.print(table)


@corrections.command("export")
def corrections_export(
    ctx: typer.Context,
    output: Annotated[Path, typer.Option("--output", help="JSONL file to write (LABELED.jsonl).")],
) -> None:
    """Write the latest correction of every corrected article as labeled JSONL (id, title, sapo, text,
    topics)."""
    from storage.corrections import labeled_examples
    from storage.db import session_scope

    app = get_app(ctx)
    if output.is_dir():
        raise UserError(f"{output} is a directory")
    output.parent.mkdir(parents=True, exist_ok=True)
    tmp = output.with_name(output.name + ".tmp")
    count = 0
    with session_scope(app.settings.resolved_database_url) as session, tmp.open("w", encoding="utf-8") as out:
        for ex in labeled_examples(session):
            line = {
                "id": ex.id,
                "url": ex.url,
                "title": ex.title,
                # a sapo-only article keeps its text (LABELED.jsonl requires one)
                "sapo": ex.sapo if ex.body.strip() else None,
                "text": ex.body if ex.body.strip() else (ex.sapo or ""),
                "topics": list(ex.topics),
                "disputed": [],
                "machine_topics": list(ex.machine_topics),
                "corrected_by": ex.corrected_by,
                "corrected_at": ex.corrected_at.isoformat(),
            }
            out.write(json.dumps(line, ensure_ascii=False) + "\n")
            count += 1
    tmp.replace(output)
    console.print(f"wrote {count} labeled articles to {output}")


@corrections.command("list")
def corrections_list(
    ctx: typer.Context,
    article: Annotated[int, typer.Option("--article", help="Article id.")],
) -> None:
    """Show the corrections of one article, newest first."""
    from storage.corrections import corrections_for
    from storage.db import session_scope

    app = get_app(ctx)
    table = Table("when (UTC)", "who", "role", "verdict", "topics", "note")
    with session_scope(app.settings.resolved_database_url) as session:
        for c in corrections_for(session, article):
            verdict = "confirmed" if c.confirmed else "corrected"
            when = c.created_at.strftime("%Y-%m-%d %H:%M")
            table.add_row(when, c.user_name, c.role, verdict, ", ".join(c.topics) or "-", c.note or "")
    console.print(table)
