"""Watched subjects: creating and editing watches, back-fill of a new watch, YAML import and export.
(Live matching after annotation is `pipeline.annotate.watches.match_annotated`.)"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import yaml
from sqlalchemy.orm import Session

from config import AppConfig, ConfigError
from config.files import load_mapping
from config.models import WatchesFile, WatchSpec
from config.settings import _read_yaml_mapping
from pipeline.detect.trends import day_bounds
from pipeline.jobs import now_utc
from storage import watches as repo
from storage.db import session_scope
from storage.search_query import QueryError, parse
from storage.watches import Watch, WatchDraft

DEFAULT_START_DAYS = 90
MAX_NAME = 200
MAX_NOTE = 2000


class WatchError(ValueError):
    """A watch that cannot be stored as given (message is one line)."""


# --- creating, editing, back-filling -----------------------------------------------------------------


def validate(app: AppConfig, spec: WatchSpec, where: str = "watch") -> WatchDraft:
    """A draft from a validated spec; WatchError (one line) for what the YAML model cannot check."""
    try:
        parse(spec.query)
    except QueryError as exc:
        raise WatchError(f"{where}: query: {exc}") from None
    for body in (spec.owner, *spec.shared_with):
        try:
            app.recipient(body)
        except ConfigError as exc:
            raise WatchError(f"{where}: {exc}") from None
    topics = {t.id for t in app.topics.topics}
    for topic in spec.filters.topics:
        if topic not in topics:
            raise WatchError(f"{where}: filters.topics: unknown topic id {topic!r}")
    sources = {s.id for s in app.sources.sources}
    for source in spec.filters.sources:
        if source not in sources:
            raise WatchError(f"{where}: filters.sources: unknown source id {source!r}")
    tz = ZoneInfo(app.settings.timezone)
    start = spec.start or (datetime.now(tz).date() - timedelta(days=DEFAULT_START_DAYS))
    return WatchDraft(
        name=" ".join(spec.name.split())[:MAX_NAME],
        owner=spec.owner,
        shared_with=tuple(spec.shared_with),
        query=spec.query.strip(),
        filters=spec.filters.model_dump(exclude_defaults=True),
        start_day=start,
        policy=spec.policy,
        state=spec.state,
        note=spec.note.replace("\x00", "").strip()[:MAX_NOTE],
    )


def spec_of(data: dict[str, Any], where: str = "watch") -> WatchSpec:
    """A WatchSpec from loose input (CLI, form, API); ConfigError with one line when invalid."""
    return load_mapping({"watches": [data]}, WatchesFile, where).watches[0]


def backfill(app: AppConfig, session: Session, watch: Watch, *, now: datetime | None = None) -> int:
    """Match the stored history since the watch's start day (through the search index)."""
    tz = ZoneInfo(app.settings.timezone)
    since = day_bounds(watch.start_day, tz)[0]
    return repo.backfill(session, watch, since=since, now=now or now_utc())


def create(app: AppConfig, spec: WatchSpec, *, by: str, now: datetime | None = None) -> tuple[Watch, int]:
    """Store a new watch and back-fill it; returns it with the number of articles found."""
    draft = validate(app, spec)
    now = now or now_utc()
    with session_scope(app.settings.resolved_database_url) as session:
        watch = repo.create_watch(session, draft, by=by, now=now)
        found = backfill(app, session, watch, now=now)
        return repo.get_watch(session, watch.id) or watch, found


def edit(app: AppConfig, watch_id: int, spec: WatchSpec, *, now: datetime | None = None) -> Watch | None:
    """Replace a watch's settings (back-filled again when its query, filters or start changed)."""
    draft = validate(app, spec)
    now = now or now_utc()
    with session_scope(app.settings.resolved_database_url) as session:
        watch = repo.update_watch(session, watch_id, draft, now=now)
        if watch is not None and watch.backfilled_at is None:
            backfill(app, session, watch, now=now)
            watch = repo.get_watch(session, watch_id)
        return watch


def as_spec(watch: Watch) -> dict[str, Any]:
    """The watch as one entry of watches.yaml."""
    out: dict[str, Any] = {
        "id": watch.id,
        "name": watch.name,
        "owner": watch.owner,
        "shared_with": list(watch.shared_with),
        "query": watch.query,
        "filters": dict(watch.filters),
        "start": watch.start_day.isoformat(),
        "policy": watch.policy,
        "state": watch.state,
    }
    if watch.note:
        out["note"] = watch.note
    if not out["filters"]:
        del out["filters"]
    if not out["shared_with"]:
        del out["shared_with"]
    return out


def export_yaml(watches: Sequence[Watch]) -> str:
    header = "# duluan watched subjects (duluan watch export); edit and load with duluan watch import\n"
    body = yaml.safe_dump(
        {"watches": [as_spec(w) for w in watches]}, allow_unicode=True, sort_keys=False, width=110
    )
    return header + body


def load_file(app: AppConfig, path: Path) -> list[tuple[WatchSpec, WatchDraft]]:
    """Every watch of a watches.yaml, validated; ConfigError / WatchError name the file and the entry."""
    data = _read_yaml_mapping(path)
    parsed = load_mapping(data, WatchesFile, str(path))
    ids = [s.id for s in parsed.watches if s.id is not None]
    if len(ids) != len(set(ids)):
        raise ConfigError(f"{path}: watches: duplicate id {next(i for i in ids if ids.count(i) > 1)}")
    return [(s, validate(app, s, f"{path}: watches.{i}")) for i, s in enumerate(parsed.watches)]


def import_file(app: AppConfig, path: Path, *, by: str, now: datetime | None = None) -> dict[str, int]:
    """Create the file's watches without an id (or whose id is unknown), update those with one.
    All or nothing: one bad entry and nothing is stored."""
    entries = load_file(app, path)
    now = now or now_utc()
    out = {"created": 0, "updated": 0, "matched": 0}
    with session_scope(app.settings.resolved_database_url) as session:
        for spec, draft in entries:
            existing = repo.get_watch(session, spec.id) if spec.id is not None else None
            if existing is not None:
                watch = repo.update_watch(session, existing.id, draft, now=now)
                out["updated"] += 1
            else:
                watch = repo.create_watch(session, draft, by=by, now=now)
                out["created"] += 1
            if watch is not None and watch.backfilled_at is None:
                out["matched"] += backfill(app, session, watch, now=now)
    return out


def start_of(app: AppConfig, day: date) -> datetime:
    return day_bounds(day, ZoneInfo(app.settings.timezone))[0]


# --- who may see and change a watch (pages, API and `duluan watch --user` alike) -------------------

BOARD = "ban_tuyen_giao"
BODIES = ("hdnd", "ubnd", "tand", "vksnd")


def scope_of(role: str | None) -> list[str] | None:
    """The bodies whose watches a role sees: None = every watch (the board, or the CLI without --user)."""
    if role is None or role == BOARD:
        return None
    return [role] if role in BODIES else []


def may_see(role: str | None, watch: Watch) -> bool:
    return watch.visible_to(scope_of(role))


def may_edit(role: str | None, watch: Watch) -> bool:
    """The board edits every watch; a body those it owns or is shared (an analyst none)."""
    return (role is None or role == BOARD or role in BODIES) and may_see(role, watch)


def may_create(role: str | None, owner: str) -> bool:
    """The board creates watches for anyone; a body only its own."""
    return role is None or role in (BOARD, owner)


def may_share(role: str | None) -> bool:
    """Only the board shares a watch, or hands it to another owner."""
    return role is None or role == BOARD


def visible(watches: Sequence[Watch], role: str | None) -> list[Watch]:
    return [w for w in watches if may_see(role, w)]
