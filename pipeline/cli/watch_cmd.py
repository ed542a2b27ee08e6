"""`duluan watch …`: watched subjects — add, list, show, pause, resume, close, share, import, export, report.

With `--user NAME` a command acts as that web user: a body sees and changes only the watches it owns or
is shared, exactly as on the web; without it the operator sees every watch.
"""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table
from rich.text import Text

from config import AppConfig
from pipeline.cli.common import DuluanGroup, UserError, console, get_app, parse_day

app = typer.Typer(cls=DuluanGroup, help="Watched subjects: saved, alerting queries.", no_args_is_help=True)
User = Annotated[str | None, typer.Option("--user", help="Act as this web user (their role's watches only).")]
WatchId = Annotated[int, typer.Argument(min=1, max=2**31 - 1, help="Watch id.")]


def _role(cfg: AppConfig, user: str | None) -> str | None:
    if user is None:
        return None
    from storage.db import session_scope
    from storage.users import list_users

    with session_scope(cfg.settings.resolved_database_url) as session:
        found = next((u for u in list_users(session) if u.name == user), None)
    if found is None or found.disabled:
        raise UserError(f"no active user {user!r}")
    return found.role


def _watch(cfg: AppConfig, watch_id: int, role: str | None, *, edit: bool = False) -> Any:
    from pipeline.watch.core import may_edit, may_see
    from storage import watches as repo
    from storage.db import session_scope

    with session_scope(cfg.settings.resolved_database_url) as session:
        watch = repo.get_watch(session, watch_id)
    if watch is None or not may_see(role, watch):
        raise UserError(f"no watch {watch_id}")  # another body's watch is not even named
    if edit and not may_edit(role, watch):
        raise UserError(f"user may not change watch {watch_id}")
    return watch


def _spec(data: dict[str, Any]) -> Any:
    from pipeline.watch.core import spec_of

    return spec_of({k: v for k, v in data.items() if v not in (None, [], "")}, "watch")


def _one_line(text: str) -> str:
    from pipeline.render import clip

    return clip(text, 200)


@app.command("add")
def add(
    ctx: typer.Context,
    name: Annotated[str, typer.Option(help="Display name (Vietnamese).")],
    owner: Annotated[str, typer.Option(help="Owner: ban_tuyen_giao, hdnd, ubnd, tand or vksnd.")],
    query: Annotated[str, typer.Option(help='Analyst search syntax, e.g. \'"cao toc" "Dong Dang"\'.')],
    share: Annotated[list[str] | None, typer.Option(help="Also shared with this body (repeatable).")] = None,
    topic: Annotated[
        list[str] | None, typer.Option(help="Only articles with this topic (repeatable).")
    ] = None,
    place: Annotated[
        list[str] | None, typer.Option(help="Only articles naming this place (repeatable).")
    ] = None,
    org: Annotated[list[str] | None, typer.Option(help="Only articles naming this organisation.")] = None,
    source: Annotated[list[str] | None, typer.Option(help="Only this source (repeatable).")] = None,
    scope: Annotated[str | None, typer.Option(help="province or national outlets only.")] = None,
    start: Annotated[
        str | None, typer.Option(help="First day followed YYYY-MM-DD (default: 90 days ago).")
    ] = None,
    policy: Annotated[str, typer.Option(help="each, daily or burst (burst or turn in tone).")] = "burst",
    user: User = None,
) -> None:
    """Create a watch and back-fill it from the stored articles."""
    from pipeline.watch.core import WatchError, create, may_create, may_share

    cfg = get_app(ctx)
    role = _role(cfg, user)
    filters = {"topics": topic, "places": place, "organisations": org, "sources": source, "scope": scope}
    spec = _spec(
        {
            "name": name,
            "owner": owner,
            "query": query,
            "shared_with": share,
            "filters": {k: v for k, v in filters.items() if v},
            "start": parse_day(start),
            "policy": policy,
        }
    )
    if not may_create(role, spec.owner) or (spec.shared_with and not may_share(role)):
        raise UserError(f"user may not create a watch owned by {spec.owner!r} or share it")
    try:
        watch, found = create(cfg, spec, by=user or "cli")
    except WatchError as exc:
        raise UserError(str(exc)) from None
    console.print(f"watch {watch.id} added: {found} stored articles match", markup=False, highlight=False)


@app.command("list")
def list_cmd(
    ctx: typer.Context,
    state: Annotated[str | None, typer.Option(help="active, paused or closed.")] = None,
    output: Annotated[str, typer.Option("--format", help="table or json.")] = "table",
    user: User = None,
) -> None:
    """List the watches with their number of matched articles."""
    from pipeline.watch.core import visible
    from storage import watches as repo
    from storage.db import session_scope

    cfg = get_app(ctx)
    if state is not None and state not in repo.STATES:
        raise UserError(f"unknown state {state!r}: use {', '.join(repo.STATES)}")
    if output not in ("table", "json"):
        raise UserError(f"unknown format {output!r}: use table or json")
    role = _role(cfg, user)
    with session_scope(cfg.settings.resolved_database_url) as session:
        watches = visible(repo.list_watches(session, states=[state] if state else None), role)
        counts = repo.match_counts(session, [w.id for w in watches])
    if output == "json":
        items = [
            {
                "id": w.id,
                "name": w.name,
                "owner": w.owner,
                "shared_with": list(w.shared_with),
                "query": w.query,
                "policy": w.policy,
                "state": w.state,
                "articles": counts[w.id],
            }
            for w in watches
        ]
        typer.echo(json.dumps(items, ensure_ascii=False, indent=2))
        return
    table = Table("id", "name", "owner", "shared with", "query", "policy", "state", "articles")
    for w in watches:
        cells = (str(w.id), _one_line(w.name), w.owner, ", ".join(w.shared_with), _one_line(w.query))
        table.add_row(*(Text(c) for c in (*cells, w.policy, w.state, str(counts[w.id]))))  # never markup
    console.print(table)


@app.command("show")
def show(
    ctx: typer.Context,
    watch_id: WatchId,
    since: Annotated[str | None, typer.Option(help="First day YYYY-MM-DD (default: 30 days ago).")] = None,
    until: Annotated[str | None, typer.Option(help="Last day YYYY-MM-DD (default: today).")] = None,
    user: User = None,
) -> None:
    """A watch's settings and figures: articles per day and outlet, tone, first and latest, bursts."""
    from pipeline.runtime.cycle import today
    from pipeline.watch.stats import burst_reason, tone_reason, watch_stats
    from storage.db import session_scope

    cfg = get_app(ctx)
    w = _watch(cfg, watch_id, _role(cfg, user))
    last = parse_day(until) or today(cfg)
    first = parse_day(since) or last - timedelta(days=29)
    if first > last:
        raise UserError("--since is after --until")
    with session_scope(cfg.settings.resolved_database_url) as session:
        stats = watch_stats(cfg, session, w, first, last)
    out = [
        f"watch {w.id}: {_one_line(w.name)}",
        f"  query: {_one_line(w.query)}",
        f"  owner: {w.owner}; shared with: {', '.join(w.shared_with) or '-'}; policy: {w.policy}; "
        f"state: {w.state}{' (' + _one_line(w.note) + ')' if w.note else ''}",
        f"  filters: {json.dumps(w.filters, ensure_ascii=False) if w.filters else '-'}; start: {w.start_day}",
        f"  {first} .. {last}: {stats.total} articles from {len(stats.by_outlet)} outlets; "
        f"negative {100 * stats.share('negative'):.0f}%, positive {100 * stats.share('positive'):.0f}%",
    ]
    if stats.first and stats.latest:
        out.append(f"  first: {stats.first.published_at:%Y-%m-%d} {_one_line(stats.first.title or '')}")
        out.append(f"  latest: {stats.latest.published_at:%Y-%m-%d} {_one_line(stats.latest.title or '')}")
    for name, n in stats.by_outlet[:10]:
        out.append(f"  outlet {_one_line(name)}: {n}")
    for d in stats.days:
        if d.articles:
            flag = " BURST" if d.burst else ""
            flag += " TONE-TURN" if d.tone_turn else ""
            out.append(f"  {d.day}: {d.articles} articles (p = {d.baseline.p_value:.2g}){flag}")
    for d in stats.days:
        if d.burst:
            out.append("  " + burst_reason(_one_line(w.name), d))
        if d.tone_turn:
            out.append("  " + tone_reason(_one_line(w.name), d))
    for s in stats.stories[:10]:
        out.append(f"  story {s.id}: {_one_line(s.title)} ({s.articles} articles)")
    console.print("\n".join(out), markup=False, highlight=False)


def _set_state(ctx: typer.Context, watch_id: int, state: str, note: str | None, user: str | None) -> None:
    from pipeline.jobs import now_utc
    from storage import watches as repo
    from storage.db import session_scope

    cfg = get_app(ctx)
    _watch(cfg, watch_id, _role(cfg, user), edit=True)
    with session_scope(cfg.settings.resolved_database_url) as session:
        repo.set_state(session, watch_id, state, note=note, now=now_utc())
    console.print(f"watch {watch_id} {state}")


@app.command("pause")
def pause(ctx: typer.Context, watch_id: WatchId, user: User = None) -> None:
    """Stop matching new articles and alerting (the history is kept)."""
    _set_state(ctx, watch_id, "paused", None, user)


@app.command("resume")
def resume(ctx: typer.Context, watch_id: WatchId, user: User = None) -> None:
    """Follow a paused or closed watch again."""
    _set_state(ctx, watch_id, "active", None, user)


@app.command("close")
def close(
    ctx: typer.Context,
    watch_id: WatchId,
    note: Annotated[str, typer.Option(help="Why it is closed (how it ended).")] = "",
    user: User = None,
) -> None:
    """Close a watch with a note (it stays readable, no longer matched or alerted)."""
    _set_state(ctx, watch_id, "closed", note.replace("\x00", "").strip()[:2000], user)


@app.command("share")
def share(
    ctx: typer.Context,
    watch_id: WatchId,
    body: Annotated[list[str] | None, typer.Option("--with", help="Body to share with (repeatable).")] = None,
    user: User = None,
) -> None:
    """Set the bodies a watch is shared with (the board only; no --with: shared with nobody)."""
    from pipeline.jobs import now_utc
    from pipeline.watch.core import may_share
    from storage import watches as repo
    from storage.db import session_scope

    cfg = get_app(ctx)
    role = _role(cfg, user)
    _watch(cfg, watch_id, role, edit=True)
    if not may_share(role):
        raise UserError("only the board shares watches")
    for b in body or []:
        cfg.recipient(b)  # an unknown id is one line naming the known ones
    with session_scope(cfg.settings.resolved_database_url) as session:
        w = repo.set_sharing(session, watch_id, body or [], now=now_utc())
    console.print(f"watch {watch_id} shared with: {', '.join(w.shared_with) if w else '-'}")


@app.command("import")
def import_cmd(
    ctx: typer.Context,
    path: Annotated[
        Path | None, typer.Argument(help="watches.yaml (default: the config directory's).")
    ] = None,
) -> None:
    """Create or update the watches of a watches.yaml (all or nothing), back-filling new ones."""
    from config.files import config_file_path
    from pipeline.watch.core import WatchError, import_file

    cfg = get_app(ctx)
    root = ctx.find_root().obj or {}
    path = path or config_file_path("watches.yaml", root.get("config_dir"))
    try:
        out = import_file(cfg, path, by="import")
    except WatchError as exc:
        raise UserError(str(exc)) from None
    console.print(
        f"{out['created']} watches created, {out['updated']} updated; "
        f"{out['matched']} article matches back-filled"
    )


@app.command("export")
def export_cmd(
    ctx: typer.Context,
    path: Annotated[Path | None, typer.Argument(help="File to write (default: standard output).")] = None,
    user: User = None,
) -> None:
    """Write the watches as watches.yaml."""
    from pipeline.watch.core import export_yaml, visible
    from storage import watches as repo
    from storage.db import session_scope

    cfg = get_app(ctx)
    role = _role(cfg, user)
    with session_scope(cfg.settings.resolved_database_url) as session:
        text = export_yaml(visible(repo.list_watches(session), role))
    if path is None:
        typer.echo(text, nl=False)
        return
    path.write_text(text, encoding="utf-8")
    console.print(f"watches written to {path}", markup=False, highlight=False)


@app.command("report")
def report(
    ctx: typer.Context,
    watch_id: WatchId,
    since: Annotated[str, typer.Option(help="First day YYYY-MM-DD.")],
    until: Annotated[str | None, typer.Option(help="Last day YYYY-MM-DD (default: today).")] = None,
    user: User = None,
) -> None:
    """Write a watch's report over a date range: HTML and XLSX under the reports folder."""
    from pipeline.reports.watch import run_watch_report
    from pipeline.runtime.cycle import today

    cfg = get_app(ctx)
    w = _watch(cfg, watch_id, _role(cfg, user))
    first = parse_day(since)
    last = parse_day(until) or today(cfg)
    assert first is not None
    if first > last:
        raise UserError("--since is after --until")
    if (last - first).days > 3660:
        raise UserError("the range is longer than ten years")
    stats = run_watch_report(cfg, w, first, last)
    console.print(f"watch {w.id} report {first} .. {last}: {stats['articles']} articles")
    console.print(f"  {stats['html']}\n  {stats['xlsx']}", markup=False, highlight=False)
