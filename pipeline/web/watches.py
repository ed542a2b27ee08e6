"""Watched subjects on the web: the list, a page per watch (timeline, tone, outlets, stories, bursts,
articles with the matches highlighted and the evidence), forms to create, edit, pause, share and close
them, and the same in the JSON API. The rules are `pipeline.watch.core`' (one table for the web and the
CLI): a body sees and changes only the watches it owns or is shared — another body's watch is a 404 —
and only the board shares a watch or hands it to another owner.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Annotated, Any

from fastapi import APIRouter, Body, Depends, Form, Header, Query, Request, Response
from fastapi import Path as PathParam
from fastapi.responses import RedirectResponse
from pydantic import BaseModel, Field

from config import ConfigError
from config.models import WatchSpec
from pipeline.jobs import now_utc
from pipeline.watch import core as rules
from pipeline.watch.core import WatchError
from pipeline.watch.stats import WatchStats, burst_reason, tone_reason, watch_stats
from pipeline.web.access import Perm
from pipeline.web.deps import BadRequest, Forbidden, NotFound, Viewer, check_csrf, config, in_range, require
from pipeline.web.render import render
from pipeline.web.views import TONE_LABELS, recipient_names, today_of, topic_names
from storage import watches as repo
from storage.db import session_scope
from storage.search_query import QueryError, leaves, parse
from storage.snippets import highlight
from storage.watches import Watch

router = APIRouter(include_in_schema=False)
api = APIRouter(prefix="/api", tags=["api"])
Id = Annotated[int, PathParam(ge=1, le=2**31 - 1)]
Csrf = Annotated[str | None, Header(alias="X-CSRF-Token", max_length=128)]
DEFAULT_DAYS = 30
MAX_DAYS = 366
POLICY_LABELS = {
    "each": "Cảnh báo từng bài mới",
    "daily": "Tổng hợp hằng ngày",
    "burst": "Khi tăng đột biến hoặc chuyển sắc thái",
}
STATE_LABELS = {"active": "Đang theo dõi", "paused": "Tạm dừng", "closed": "Đã kết thúc"}


def _role(who: Viewer) -> str:
    return who.user.role


def _get(request: Request, who: Viewer, watch_id: int, *, edit: bool = False) -> Watch:
    with session_scope(config(request).settings.resolved_database_url) as session:
        watch = repo.get_watch(session, watch_id)
    if watch is None or not rules.may_see(_role(who), watch):
        raise NotFound()  # another body's watch is not even confirmed to exist
    if edit and not rules.may_edit(_role(who), watch):
        raise Forbidden()
    return watch


def _range(request: Request, since: date | None, until: date | None) -> tuple[date, date]:
    last = in_range(until) or today_of(config(request))
    first = in_range(since) or last - timedelta(days=DEFAULT_DAYS - 1)
    if first > last:
        raise BadRequest("since is after until")
    if (last - first).days >= MAX_DAYS:
        raise BadRequest(f"at most {MAX_DAYS} days at once")
    return first, last


def _stats(request: Request, watch: Watch, first: date, last: date) -> WatchStats:
    cfg = config(request)
    with session_scope(cfg.settings.resolved_database_url) as session:
        return watch_stats(cfg, session, watch, first, last)


def _spec(data: dict[str, Any]) -> WatchSpec:
    try:
        return rules.spec_of(data, "watch")
    except ConfigError as exc:
        raise BadRequest(str(exc).removeprefix("watch: ")) from None


def _check_create(who: Viewer, spec: WatchSpec) -> None:
    if not rules.may_create(_role(who), spec.owner):
        raise Forbidden()
    if spec.shared_with and not rules.may_share(_role(who)):
        raise Forbidden()


def _check_edit(who: Viewer, watch: Watch, spec: WatchSpec) -> None:
    """A body keeps owner and sharing as they are; only the board changes them."""
    if not rules.may_share(_role(who)) and (
        spec.owner != watch.owner or tuple(spec.shared_with) != watch.shared_with
    ):
        raise Forbidden()


def _create(request: Request, who: Viewer, spec: WatchSpec) -> Watch:
    _check_create(who, spec)
    try:
        watch, _ = rules.create(config(request), spec, by=who.user.name)
    except WatchError as exc:
        raise BadRequest(str(exc).removeprefix("watch: ")) from None
    return watch


def _edit(request: Request, who: Viewer, watch: Watch, spec: WatchSpec) -> Watch:
    _check_edit(who, watch, spec)
    try:
        edited = rules.edit(config(request), watch.id, spec)
    except WatchError as exc:
        raise BadRequest(str(exc).removeprefix("watch: ")) from None
    if edited is None:
        raise NotFound()
    return edited


def _set_state(request: Request, watch: Watch, state: str, note: str | None) -> Watch:
    if state not in repo.STATES:
        raise BadRequest(f"unknown state {state!r}")
    clean = note.replace("\x00", "").strip()[: rules.MAX_NOTE] if note is not None else None
    with session_scope(config(request).settings.resolved_database_url) as session:
        changed = repo.set_state(session, watch.id, state, note=clean, now=now_utc())
    if changed is None:
        raise NotFound()
    return changed


def _share(request: Request, who: Viewer, watch: Watch, bodies: list[str]) -> Watch:
    if not rules.may_share(_role(who)):
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


# --- pages ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Bar:
    day: date
    count: int
    x: int
    height: float
    burst: bool
    tone_turn: bool


def _bars(stats: WatchStats, height: int = 80, width: int = 12) -> tuple[list[Bar], int]:
    top = max((d.articles for d in stats.days), default=0) or 1
    bars = [
        Bar(d.day, d.articles, i * width, round(height * d.articles / top, 1), d.burst, d.tone_turn)
        for i, d in enumerate(stats.days)
    ]
    return bars, top


def _form_data(
    name: str, owner: str, query: str, shared_with: list[str] | None, topics: list[str] | None,
    places: str, organisations: str, sources: list[str] | None, scope: str, start: str, policy: str,
) -> dict[str, Any]:  # fmt: skip
    def split(text: str) -> list[str]:
        return [p.strip() for p in text.replace("\x00", "").split(";") if p.strip()]

    filters: dict[str, Any] = {
        "topics": topics or [],
        "places": split(places),
        "organisations": split(organisations),
        "sources": sources or [],
    }
    if scope:
        filters["scope"] = scope
    data: dict[str, Any] = {
        "name": name.replace("\x00", "").strip(),
        "owner": owner,
        "query": query.replace("\x00", "").strip(),
        "shared_with": shared_with or [],
        "filters": {k: v for k, v in filters.items() if v},
        "policy": policy,
    }
    if start:
        data["start"] = start
    return data


def _form(
    request: Request, who: Viewer, watch: Watch | None, error: str | None = None, values: Any = None
) -> Response:
    cfg = config(request)
    role = _role(who)
    owners = list(cfg.recipients.recipients) if rules.may_share(role) else [role]
    context = {
        "watch": watch,
        "values": values,
        "error": error,
        "owners": owners,
        "names": recipient_names(cfg),
        "topics": topic_names(cfg),
        "sources": {s.id: s.name for s in cfg.sources.sources},
        "policies": POLICY_LABELS,
        "can_share": rules.may_share(role),
    }
    return render(request, "watch_form.html.j2", context, status_code=400 if error else 200)


@router.get("/watches")
def watch_list(request: Request, who: Annotated[Viewer, Depends(require(Perm.WATCHES))]) -> Response:
    cfg = config(request)
    with session_scope(cfg.settings.resolved_database_url) as session:
        watches = rules.visible(repo.list_watches(session), _role(who))
        counts = repo.match_counts(session, [w.id for w in watches])
    context = {
        "watches": watches,
        "counts": counts,
        "names": recipient_names(cfg),
        "policies": POLICY_LABELS,
        "states": STATE_LABELS,
        "can_create": _role(who) in (rules.BOARD, *rules.BODIES),
    }
    return render(request, "watches.html.j2", context)


@router.get("/watches/new")
def watch_new(request: Request, who: Annotated[Viewer, Depends(require(Perm.WATCHES))]) -> Response:
    if _role(who) not in (rules.BOARD, *rules.BODIES):
        raise Forbidden()
    return _form(request, who, None)


@router.post("/watches")
def watch_create(
    request: Request,
    who: Annotated[Viewer, Depends(require(Perm.WATCHES))],
    csrf_token: Annotated[str, Form(max_length=128)],
    name: Annotated[str, Form(max_length=400)],
    owner: Annotated[str, Form(max_length=64)],
    query: Annotated[str, Form(max_length=1000)],
    shared_with: Annotated[list[str] | None, Form()] = None,
    topics: Annotated[list[str] | None, Form()] = None,
    places: Annotated[str, Form(max_length=1000)] = "",
    organisations: Annotated[str, Form(max_length=1000)] = "",
    sources: Annotated[list[str] | None, Form()] = None,
    scope: Annotated[str, Form(max_length=16)] = "",
    start: Annotated[str, Form(max_length=16)] = "",
    policy: Annotated[str, Form(max_length=16)] = "burst",
) -> Response:
    check_csrf(who, csrf_token)
    data = _form_data(
        name, owner, query, shared_with, topics, places, organisations, sources, scope, start, policy
    )
    try:
        watch = _create(request, who, _spec(data))
    except BadRequest as exc:
        return _form(request, who, None, str(exc), data)
    return RedirectResponse(f"/watches/{watch.id}", status_code=303)


@router.get("/watches/{watch_id}")
def watch_page(
    request: Request,
    watch_id: Id,
    who: Annotated[Viewer, Depends(require(Perm.WATCHES))],
    since: Annotated[date | None, Query()] = None,
    until: Annotated[date | None, Query()] = None,
) -> Response:
    watch = _get(request, who, watch_id)
    first, last = _range(request, since, until)
    stats = _stats(request, watch, first, last)
    bars, top = _bars(stats)
    try:
        terms = leaves(parse(watch.query))
    except QueryError:
        terms = []
    articles = [
        {
            "a": a,
            "title": highlight(a.title, terms, width=None).segments if a.title else (),
            "snippet": highlight(a.sapo, terms).segments if a.sapo else (),
        }
        for a in reversed(stats.articles)
    ]
    explanations = [burst_reason(watch.name, d) for d in stats.days if d.burst] + [
        tone_reason(watch.name, d) for d in stats.days if d.tone_turn
    ]
    context = {
        "w": watch,
        "s": stats,
        "bars": bars,
        "top": top,
        "articles": articles,
        "explanations": explanations,
        "names": recipient_names(config(request)),
        "topics": topic_names(config(request)),
        "policies": POLICY_LABELS,
        "states": STATE_LABELS,
        "tone_labels": TONE_LABELS,
        "can_edit": rules.may_edit(_role(who), watch),
        "can_share": rules.may_share(_role(who)),
        "bodies": list(config(request).recipients.recipients),
    }
    return render(request, "watch.html.j2", context)


@router.get("/watches/{watch_id}/edit")
def watch_edit_form(
    request: Request, watch_id: Id, who: Annotated[Viewer, Depends(require(Perm.WATCHES))]
) -> Response:
    return _form(request, who, _get(request, who, watch_id, edit=True))


@router.post("/watches/{watch_id}/edit")
def watch_edit(
    request: Request,
    watch_id: Id,
    who: Annotated[Viewer, Depends(require(Perm.WATCHES))],
    csrf_token: Annotated[str, Form(max_length=128)],
    name: Annotated[str, Form(max_length=400)],
    query: Annotated[str, Form(max_length=1000)],
    owner: Annotated[str, Form(max_length=64)] = "",
    shared_with: Annotated[list[str] | None, Form()] = None,
    topics: Annotated[list[str] | None, Form()] = None,
    places: Annotated[str, Form(max_length=1000)] = "",
    organisations: Annotated[str, Form(max_length=1000)] = "",
    sources: Annotated[list[str] | None, Form()] = None,
    scope: Annotated[str, Form(max_length=16)] = "",
    start: Annotated[str, Form(max_length=16)] = "",
    policy: Annotated[str, Form(max_length=16)] = "burst",
) -> Response:
    check_csrf(who, csrf_token)
    watch = _get(request, who, watch_id, edit=True)
    if not rules.may_share(_role(who)):  # a body's form does not carry owner and sharing
        owner, shared_with = watch.owner, list(watch.shared_with)
    data = _form_data(
        name,
        owner or watch.owner,
        query,
        shared_with,
        topics,
        places,
        organisations,
        sources,
        scope,
        start,
        policy,
    )
    data["state"], data["note"] = watch.state, watch.note
    try:
        _edit(request, who, watch, _spec(data))
    except BadRequest as exc:
        return _form(request, who, watch, str(exc), data)
    return RedirectResponse(f"/watches/{watch_id}", status_code=303)


@router.post("/watches/{watch_id}/state")
def watch_state(
    request: Request,
    watch_id: Id,
    who: Annotated[Viewer, Depends(require(Perm.WATCHES))],
    csrf_token: Annotated[str, Form(max_length=128)],
    state: Annotated[str, Form(pattern="^(active|paused|closed)$")],
    note: Annotated[str, Form(max_length=2000)] = "",
) -> Response:
    check_csrf(who, csrf_token)
    watch = _get(request, who, watch_id, edit=True)
    _set_state(request, watch, state, note if state == "closed" else None)
    return RedirectResponse(f"/watches/{watch_id}", status_code=303)


@router.post("/watches/{watch_id}/share")
def watch_share(
    request: Request,
    watch_id: Id,
    who: Annotated[Viewer, Depends(require(Perm.WATCHES))],
    csrf_token: Annotated[str, Form(max_length=128)],
    shared_with: Annotated[list[str] | None, Form()] = None,
) -> Response:
    check_csrf(who, csrf_token)
    watch = _get(request, who, watch_id, edit=True)
    _share(request, who, watch, shared_with or [])
    return RedirectResponse(f"/watches/{watch_id}", status_code=303)


# --- JSON API ---------------------------------------------------------------------------------------


class WatchFiltersIO(BaseModel):
    topics: list[str] = Field(default_factory=list, max_length=50)
    places: list[str] = Field(default_factory=list, max_length=50)
    organisations: list[str] = Field(default_factory=list, max_length=50)
    sources: list[str] = Field(default_factory=list, max_length=50)
    scope: str | None = Field(None, max_length=16)


class WatchIn(BaseModel):
    name: str = Field(max_length=400)
    owner: str = Field(max_length=64)
    query: str = Field(max_length=1000)
    shared_with: list[str] = Field(default_factory=list, max_length=10)
    filters: WatchFiltersIO = Field(default_factory=WatchFiltersIO)
    start: date | None = None
    policy: str = Field("burst", max_length=16)


class StateIn(BaseModel):
    state: str = Field(pattern="^(active|paused|closed)$")
    note: str | None = Field(None, max_length=2000)


class ShareIn(BaseModel):
    shared_with: list[str] = Field(default_factory=list, max_length=10)


class WatchOut(BaseModel):
    id: int
    name: str
    owner: str
    shared_with: list[str]
    query: str
    filters: dict[str, Any]
    start: date
    policy: str
    state: str
    note: str
    articles: int | None = None


class DayOut(BaseModel):
    day: date
    articles: int
    originals: int
    negative: int
    positive: int
    baseline_mean: float
    p_value: float
    burst: bool
    tone_turn: bool


class MatchOut(BaseModel):
    id: int
    url: str
    source_id: str
    source_name: str
    title: str | None
    published_at: Any
    tone: str | None
    terms: list[str]
    copy_of: int | None


class WatchDetailOut(BaseModel):
    watch: WatchOut
    since: date
    until: date
    total: int
    tone: dict[str, int]
    by_outlet: dict[str, int]
    days: list[DayOut]
    explanations: list[str]
    stories: list[dict[str, Any]]
    articles: list[MatchOut]


def _out(w: Watch, count: int | None = None) -> WatchOut:
    return WatchOut(
        id=w.id,
        name=w.name,
        owner=w.owner,
        shared_with=list(w.shared_with),
        query=w.query,
        filters=w.filters,
        start=w.start_day,
        policy=w.policy,
        state=w.state,
        note=w.note,
        articles=count,
    )


def _in(body: WatchIn) -> dict[str, Any]:
    data = body.model_dump(exclude_none=True)
    data["filters"] = {k: v for k, v in data["filters"].items() if v}
    return data


@api.get("/watches")
def api_watches(request: Request, who: Annotated[Viewer, Depends(require(Perm.WATCHES))]) -> list[WatchOut]:
    with session_scope(config(request).settings.resolved_database_url) as session:
        watches = rules.visible(repo.list_watches(session), _role(who))
        counts = repo.match_counts(session, [w.id for w in watches])
    return [_out(w, counts[w.id]) for w in watches]


@api.post("/watches", status_code=201)
def api_create(
    request: Request,
    body: Annotated[WatchIn, Body()],
    who: Annotated[Viewer, Depends(require(Perm.WATCHES))],
    x_csrf_token: Csrf = None,
) -> WatchOut:
    check_csrf(who, x_csrf_token)
    return _out(_create(request, who, _spec(_in(body))))


@api.get("/watches/{watch_id}")
def api_watch(
    request: Request,
    watch_id: Id,
    who: Annotated[Viewer, Depends(require(Perm.WATCHES))],
    since: Annotated[date | None, Query()] = None,
    until: Annotated[date | None, Query()] = None,
) -> WatchDetailOut:
    watch = _get(request, who, watch_id)
    first, last = _range(request, since, until)
    s = _stats(request, watch, first, last)
    return WatchDetailOut(
        watch=_out(watch),
        since=first,
        until=last,
        total=s.total,
        tone=s.tone,
        by_outlet=dict(s.by_outlet),
        days=[
            DayOut(
                day=d.day,
                articles=d.articles,
                originals=d.originals,
                negative=d.negative,
                positive=d.positive,
                baseline_mean=round(d.baseline.mean, 3),
                p_value=float(f"{d.baseline.p_value:.3g}"),
                burst=d.burst,
                tone_turn=d.tone_turn,
            )
            for d in s.days
        ],
        explanations=[burst_reason(watch.name, d) for d in s.days if d.burst]
        + [tone_reason(watch.name, d) for d in s.days if d.tone_turn],
        stories=[{"id": st.id, "title": st.title, "articles": st.articles} for st in s.stories],
        articles=[
            MatchOut(
                id=a.id,
                url=a.url,
                source_id=a.source_id,
                source_name=a.source_name,
                title=a.title,
                published_at=a.published_at,
                tone=a.tone,
                terms=list(a.terms),
                copy_of=a.dup_of,
            )
            for a in s.articles
        ],
    )


@api.put("/watches/{watch_id}")
def api_edit(
    request: Request,
    watch_id: Id,
    body: Annotated[WatchIn, Body()],
    who: Annotated[Viewer, Depends(require(Perm.WATCHES))],
    x_csrf_token: Csrf = None,
) -> WatchOut:
    check_csrf(who, x_csrf_token)
    watch = _get(request, who, watch_id, edit=True)
    data = _in(body)
    data["state"], data["note"] = watch.state, watch.note
    return _out(_edit(request, who, watch, _spec(data)))


@api.post("/watches/{watch_id}/state")
def api_state(
    request: Request,
    watch_id: Id,
    body: Annotated[StateIn, Body()],
    who: Annotated[Viewer, Depends(require(Perm.WATCHES))],
    x_csrf_token: Csrf = None,
) -> WatchOut:
    check_csrf(who, x_csrf_token)
    watch = _get(request, who, watch_id, edit=True)
    return _out(_set_state(request, watch, body.state, body.note if body.state == "closed" else None))


@api.put("/watches/{watch_id}/share")
def api_share(
    request: Request,
    watch_id: Id,
    body: Annotated[ShareIn, Body()],
    who: Annotated[Viewer, Depends(require(Perm.WATCHES))],
    x_csrf_token: Csrf = None,
) -> WatchOut:
    check_csrf(who, x_csrf_token)
    watch = _get(request, who, watch_id, edit=True)
    return _out(_share(request, who, watch, body.shared_with))
