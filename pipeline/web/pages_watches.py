"""Watched subjects, the pages: the list, a page per watch (timeline, tone, outlets, stories, bursts,
articles with the matches highlighted and the evidence) and the forms to create, edit, pause, share
and close them. The use cases are `pipeline.web.watches`', shared with the JSON API.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, Query, Request, Response
from fastapi.responses import RedirectResponse
from pydantic import BaseModel, Field

from pipeline.watch import core as rules
from pipeline.watch.stats import WatchStats
from pipeline.web import watches as uc
from pipeline.web.access import Perm
from pipeline.web.deps import BadRequest, Forbidden, Viewer, check_csrf, config, require
from pipeline.web.render import render
from pipeline.web.views import TONE_LABELS, recipient_names, topic_names
from pipeline.web.watches import POLICY_LABELS, STATE_LABELS, Id
from storage.search_query import QueryError, leaves, parse
from storage.snippets import highlight
from storage.watches import Watch

router = APIRouter(include_in_schema=False)


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


class WatchForm(BaseModel):
    """The create and edit form's fields (a body's edit form carries no owner or sharing)."""

    csrf_token: str = Field(max_length=128)
    name: str = Field(max_length=400)
    query: str = Field(max_length=1000)
    owner: str = Field("", max_length=64)
    shared_with: list[str] = Field(default_factory=list, max_length=10)
    topics: list[str] = Field(default_factory=list, max_length=50)
    places: str = Field("", max_length=1000)
    organisations: str = Field("", max_length=1000)
    sources: list[str] = Field(default_factory=list, max_length=50)
    scope: str = Field("", max_length=16)
    start: str = Field("", max_length=16)
    policy: str = Field("burst", max_length=16)

    def data(self, watch: Watch | None = None, *, keep_sharing: bool = False) -> dict[str, Any]:
        """The submitted watch as `rules.spec_of` reads it; `keep_sharing` keeps `watch`'s owner and
        sharing whatever the form says."""

        def split(text: str) -> list[str]:
            return [p.strip() for p in text.replace("\x00", "").split(";") if p.strip()]

        owner, shared = self.owner, self.shared_with
        if watch is not None and keep_sharing:
            owner, shared = watch.owner, list(watch.shared_with)
        filters: dict[str, Any] = {
            "topics": self.topics,
            "places": split(self.places),
            "organisations": split(self.organisations),
            "sources": self.sources,
        }
        if self.scope:
            filters["scope"] = self.scope
        data: dict[str, Any] = {
            "name": self.name.replace("\x00", "").strip(),
            "owner": owner or (watch.owner if watch is not None else ""),
            "query": self.query.replace("\x00", "").strip(),
            "shared_with": shared,
            "filters": {k: v for k, v in filters.items() if v},
            "policy": self.policy,
        }
        if self.start:
            data["start"] = self.start
        return data


def _form(
    request: Request, who: Viewer, watch: Watch | None, error: str | None = None, values: Any = None
) -> Response:
    cfg = config(request)
    role = uc.role(who)
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
    watches, counts = uc.visible(request, who)
    context = {
        "watches": watches,
        "counts": counts,
        "names": recipient_names(cfg),
        "policies": POLICY_LABELS,
        "states": STATE_LABELS,
        "can_create": uc.role(who) in (rules.BOARD, *rules.BODIES),
    }
    return render(request, "watches.html.j2", context)


@router.get("/watches/new")
def watch_new(request: Request, who: Annotated[Viewer, Depends(require(Perm.WATCHES))]) -> Response:
    if uc.role(who) not in (rules.BOARD, *rules.BODIES):
        raise Forbidden()
    return _form(request, who, None)


@router.post("/watches")
def watch_create(
    request: Request,
    who: Annotated[Viewer, Depends(require(Perm.WATCHES))],
    form: Annotated[WatchForm, Form()],
) -> Response:
    check_csrf(who, form.csrf_token)
    data = form.data()
    try:
        watch = uc.create(request, who, data)
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
    watch = uc.get(request, who, watch_id)
    first, last = uc.day_range(request, since, until)
    stats = uc.stats_of(request, watch, first, last)
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
    context = {
        "w": watch,
        "s": stats,
        "bars": bars,
        "top": top,
        "articles": articles,
        "explanations": uc.explanations(watch, stats),
        "names": recipient_names(config(request)),
        "topics": topic_names(config(request)),
        "policies": POLICY_LABELS,
        "states": STATE_LABELS,
        "tone_labels": TONE_LABELS,
        "can_edit": rules.may_edit(uc.role(who), watch),
        "can_share": rules.may_share(uc.role(who)),
        "bodies": list(config(request).recipients.recipients),
    }
    return render(request, "watch.html.j2", context)


@router.get("/watches/{watch_id}/edit")
def watch_edit_form(
    request: Request, watch_id: Id, who: Annotated[Viewer, Depends(require(Perm.WATCHES))]
) -> Response:
    return _form(request, who, uc.get(request, who, watch_id, edit=True))


@router.post("/watches/{watch_id}/edit")
def watch_edit(
    request: Request,
    watch_id: Id,
    who: Annotated[Viewer, Depends(require(Perm.WATCHES))],
    form: Annotated[WatchForm, Form()],
) -> Response:
    check_csrf(who, form.csrf_token)
    watch = uc.get(request, who, watch_id, edit=True)
    # a body's form does not carry owner and sharing: they stay as they are
    data = form.data(watch, keep_sharing=not rules.may_share(uc.role(who)))
    try:
        uc.edit(request, who, watch, data)
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
    watch = uc.get(request, who, watch_id, edit=True)
    uc.set_state(request, watch, state, note)
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
    watch = uc.get(request, who, watch_id, edit=True)
    uc.share(request, who, watch, shared_with or [])
    return RedirectResponse(f"/watches/{watch_id}", status_code=303)
