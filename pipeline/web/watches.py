"""Watched subjects on the web: the use cases the pages (`pages_watches`) and the JSON API
(`api_watches`) share — find a watch the viewer may see, the day range, the statistics, create, edit,
pause, share and close. The rules are `pipeline.watch.core`' (one table for the web and the CLI): a body
sees and changes only the watches it owns or is shared — another body's watch is a 404 — and only the
board shares a watch or hands it to another owner.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Annotated, Any

from fastapi import Path as PathParam
from fastapi import Request

from config import ConfigError
from config.models import WatchSpec
from pipeline.jobs import now_utc
from pipeline.watch import core as rules
from pipeline.watch.core import WatchError
from pipeline.watch.stats import WatchStats, burst_reason, tone_reason, watch_stats
from pipeline.web.deps import BadRequest, Forbidden, NotFound, Viewer, config, in_range
from pipeline.web.views import today_of
from storage import watches as repo
from storage.db import session_scope
from storage.watches import Watch

Id = Annotated[int, PathParam(ge=1, le=2**31 - 1)]
DEFAULT_DAYS = 30
MAX_DAYS = 366
POLICY_LABELS = {
    "each": "Cảnh báo từng bài mới",
    "daily": "Tổng hợp hằng ngày",
    "burst": "Khi tăng đột biến hoặc chuyển sắc thái",
}
STATE_LABELS = {"active": "Đang theo dõi", "paused": "Tạm dừng", "closed": "Đã kết thúc"}


def role(who: Viewer) -> str:
    return who.user.role


def get(request: Request, who: Viewer, watch_id: int, *, edit: bool = False) -> Watch:
    with session_scope(config(request).settings.resolved_database_url) as session:
        watch = repo.get_watch(session, watch_id)
    if watch is None or not rules.may_see(role(who), watch):
        raise NotFound()  # another body's watch is not even confirmed to exist
    if edit and not rules.may_edit(role(who), watch):
        raise Forbidden()
    return watch


def visible(request: Request, who: Viewer) -> tuple[list[Watch], dict[int, int]]:
    """The watches `who` may see, with each one's count of matched articles."""
    with session_scope(config(request).settings.resolved_database_url) as session:
        watches = rules.visible(repo.list_watches(session), role(who))
        return watches, repo.match_counts(session, [w.id for w in watches])


def day_range(request: Request, since: date | None, until: date | None) -> tuple[date, date]:
    last = in_range(until) or today_of(config(request))
    first = in_range(since) or last - timedelta(days=DEFAULT_DAYS - 1)
    if first > last:
        raise BadRequest("since is after until")
    if (last - first).days >= MAX_DAYS:
        raise BadRequest(f"at most {MAX_DAYS} days at once")
    return first, last


def stats_of(request: Request, watch: Watch, first: date, last: date) -> WatchStats:
    cfg = config(request)
    with session_scope(cfg.settings.resolved_database_url) as session:
        return watch_stats(cfg, session, watch, first, last)


def _spec(data: dict[str, Any]) -> WatchSpec:
    try:
        return rules.spec_of(data, "watch")
    except ConfigError as exc:
        raise BadRequest(str(exc).removeprefix("watch: ")) from None


def _check_create(who: Viewer, spec: WatchSpec) -> None:
    if not rules.may_create(role(who), spec.owner):
        raise Forbidden()
    if spec.shared_with and not rules.may_share(role(who)):
        raise Forbidden()


def _check_edit(who: Viewer, watch: Watch, spec: WatchSpec) -> None:
    """A body keeps owner and sharing as they are; only the board changes them."""
    if not rules.may_share(role(who)) and (
        spec.owner != watch.owner or tuple(spec.shared_with) != watch.shared_with
    ):
        raise Forbidden()


def create(request: Request, who: Viewer, data: dict[str, Any]) -> Watch:
    """Create a watch from submitted data (a form's or the API's), as `who` may."""
    spec = _spec(data)
    _check_create(who, spec)
    try:
        watch, _ = rules.create(config(request), spec, by=who.user.name)
    except WatchError as exc:
        raise BadRequest(str(exc).removeprefix("watch: ")) from None
    return watch


def edit(request: Request, who: Viewer, watch: Watch, data: dict[str, Any]) -> Watch:
    """Replace a watch's definition; its state and closing note stay as they are."""
    spec = _spec({**data, "state": watch.state, "note": watch.note})
    _check_edit(who, watch, spec)
    try:
        edited = rules.edit(config(request), watch.id, spec)
    except WatchError as exc:
        raise BadRequest(str(exc).removeprefix("watch: ")) from None
    if edited is None:
        raise NotFound()
    return edited


def set_state(request: Request, watch: Watch, state: str, note: str | None) -> Watch:
    """Pause, resume or close a watch; the note is kept only with a close."""
    if state not in repo.STATES:
        raise BadRequest(f"unknown state {state!r}")
    if state != "closed":
        note = None
    clean = note.replace("\x00", "").strip()[: rules.MAX_NOTE] if note is not None else None
    with session_scope(config(request).settings.resolved_database_url) as session:
        changed = repo.set_state(session, watch.id, state, note=clean, now=now_utc())
    if changed is None:
        raise NotFound()
    return changed


def share(request: Request, who: Viewer, watch: Watch, bodies: list[str]) -> Watch:
    if not rules.may_share(role(who)):
        raise Forbidden()
    for b in bodies:
        try:
            config(request).recipient(b)
        except ConfigError as exc:
            raise BadRequest(str(exc)) from None
    with session_scope(config(request).settings.resolved_database_url) as session:
        changed = repo.set_sharing(session, watch.id, bodies, now=now_utc())
    if changed is None:
        raise NotFound()
    return changed


def explanations(watch: Watch, stats: WatchStats) -> list[str]:
    """Why each burst and each turn of tone was flagged, in Vietnamese (page and API alike)."""
    return [burst_reason(watch.name, d) for d in stats.days if d.burst] + [
        tone_reason(watch.name, d) for d in stats.days if d.tone_turn
    ]
