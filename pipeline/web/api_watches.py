"""Watched subjects in the JSON API (`/api/watches…`): the same use cases as the pages
(`pipeline.web.watches`), with typed bodies in and out.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Body, Depends, Header, Query, Request
from pydantic import BaseModel, Field

from pipeline.web import watches as uc
from pipeline.web.access import Perm
from pipeline.web.deps import Viewer, check_csrf, require
from pipeline.web.watches import Id
from storage.watches import Watch

api = APIRouter(prefix="/api", tags=["api"])
Csrf = Annotated[str | None, Header(alias="X-CSRF-Token", max_length=128)]


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
    watches, counts = uc.visible(request, who)
    return [_out(w, counts[w.id]) for w in watches]


@api.post("/watches", status_code=201)
def api_create(
    request: Request,
    body: Annotated[WatchIn, Body()],
    who: Annotated[Viewer, Depends(require(Perm.WATCHES))],
    x_csrf_token: Csrf = None,
) -> WatchOut:
    check_csrf(who, x_csrf_token)
    return _out(uc.create(request, who, _in(body)))


@api.get("/watches/{watch_id}")
def api_watch(
    request: Request,
    watch_id: Id,
    who: Annotated[Viewer, Depends(require(Perm.WATCHES))],
    since: Annotated[date | None, Query()] = None,
    until: Annotated[date | None, Query()] = None,
) -> WatchDetailOut:
    watch = uc.get(request, who, watch_id)
    first, last = uc.day_range(request, since, until)
    s = uc.stats_of(request, watch, first, last)
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
        explanations=uc.explanations(watch, s),
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
    watch = uc.get(request, who, watch_id, edit=True)
    return _out(uc.edit(request, who, watch, _in(body)))


@api.post("/watches/{watch_id}/state")
def api_state(
    request: Request,
    watch_id: Id,
    body: Annotated[StateIn, Body()],
    who: Annotated[Viewer, Depends(require(Perm.WATCHES))],
    x_csrf_token: Csrf = None,
) -> WatchOut:
    check_csrf(who, x_csrf_token)
    watch = uc.get(request, who, watch_id, edit=True)
    return _out(uc.set_state(request, watch, body.state, body.note))


@api.put("/watches/{watch_id}/share")
def api_share(
    request: Request,
    watch_id: Id,
    body: Annotated[ShareIn, Body()],
    who: Annotated[Viewer, Depends(require(Perm.WATCHES))],
    x_csrf_token: Csrf = None,
) -> WatchOut:
    check_csrf(who, x_csrf_token)
    watch = uc.get(request, who, watch_id, edit=True)
    return _out(uc.share(request, who, watch, body.shared_with))
