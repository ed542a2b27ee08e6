"""The JSON API: the same data as the pages, with the same access rules, described by OpenAPI."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Annotated, Any

from fastapi import APIRouter, Body, Depends, Header, Query, Request
from fastapi import Path as PathParam
from pydantic import BaseModel, Field

from pipeline.web.access import PERMISSIONS, Perm
from pipeline.web.deps import (
    NotFound,
    Viewer,
    ack_or_raise,
    alert_recipients,
    check_csrf,
    config,
    in_range,
    require,
    viewer,
)
from pipeline.web.pages_articles import Page, filters, save_correction
from pipeline.web.views import SearchFilters, article_view, search_view, today_view
from storage import alerts as alert_repo
from storage import corrections as correction_repo
from storage import issues as issue_repo
from storage.db import session_scope
from storage.source_health import source_health

router = APIRouter(prefix="/api", tags=["api"])
Id = Annotated[int, PathParam(ge=1, le=2**31 - 1)]
Csrf = Annotated[str | None, Header(alias="X-CSRF-Token", max_length=128)]


class Me(BaseModel):
    name: str
    role: str
    permissions: list[str]
    csrf_token: str


class ArticleRef(BaseModel):
    id: int
    title: str | None
    source_id: str
    source_name: str
    published_at: datetime | None
    url: str


class IssueOut(BaseModel):
    id: int | None
    title: str
    topic_id: str
    topic_name: str
    score: float
    explanation: dict[str, Any]
    recipients: list[str]
    articles: list[ArticleRef]


class TrendOut(BaseModel):
    topic_id: str
    topic_name: str
    counts: list[int]


class TodayOut(BaseModel):
    day: date
    issues: list[IssueOut]
    days: list[date]
    trend: list[TrendOut]
    tone: dict[str, int]


class DigestOut(BaseModel):
    id: int
    day: date
    recipient_id: str
    created_at: datetime
    stats: dict[str, Any]


class HitOut(BaseModel):
    id: int
    url: str
    source_id: str
    title: str | None
    published_at: datetime | None
    snippet: str


class SearchOut(BaseModel):
    page: int
    per_page: int
    has_next: bool
    hits: list[HitOut]


class CorrectionOut(BaseModel):
    id: int
    topics: list[str]
    machine_topics: list[str]
    user_name: str
    role: str
    note: str | None
    created_at: datetime
    confirmed: bool


class ArticleOut(BaseModel):
    article: ArticleRef
    sapo: str | None
    text: str
    annotated: bool
    topics: list[dict[str, Any]]
    places: list[Any]
    tone: str | None
    tone_evidence: dict[str, Any] | None = None  # what decided the tone (None before it was stored)
    local: bool | None
    original: ArticleRef | None
    copies: list[ArticleRef]
    stories: list[dict[str, Any]]
    corrections: list[CorrectionOut]


class CorrectionIn(BaseModel):
    topics: list[Annotated[str, Field(max_length=64)]] = Field(max_length=50)
    note: str | None = Field(default=None, max_length=2000)


class AlertOut(BaseModel):
    id: int
    recipient_id: str
    kind: str
    topic_id: str
    title: str
    payload: dict[str, Any]
    created_at: datetime
    status: str
    acked_at: datetime | None
    acked_by: str | None
    ack_note: str | None


class AckIn(BaseModel):
    note: str | None = Field(default=None, max_length=2000)


class SourceOut(BaseModel):
    id: str
    name: str
    url: str
    scope: str
    state: str
    failing: bool
    articles: int
    articles_24h: int
    articles_7d: int
    last_published: datetime | None
    last_fetched: datetime | None
    last_run: datetime | None
    last_success: datetime | None
    failing_since: datetime | None
    runs_24h: int
    ok_runs_24h: int
    stored_last_run: int | None
    stored_24h: int
    errors_24h: dict[str, int]
    robots_refused_24h: int


def _ref(b: Any) -> ArticleRef:
    return ArticleRef(**{k: getattr(b, k) for k in ArticleRef.model_fields})


@router.get("/me")
def me(who: Annotated[Viewer, Depends(viewer)]) -> Me:
    perms = sorted(p.value for p in PERMISSIONS.get(who.user.role, frozenset()))
    return Me(name=who.user.name, role=who.user.role, permissions=perms, csrf_token=who.csrf_token)


@router.get("/openapi.json", include_in_schema=False)
def openapi(request: Request, who: Annotated[Viewer, Depends(viewer)]) -> dict[str, Any]:
    return request.app.openapi()  # type: ignore[no-any-return]


@router.get("/today")
def today(
    request: Request,
    who: Annotated[Viewer, Depends(require(Perm.TODAY))],
    day: Annotated[date | None, Query()] = None,
) -> TodayOut:
    v = today_view(config(request), in_range(day))
    return TodayOut(
        day=v.day,
        issues=[
            IssueOut(
                id=i.id,
                title=i.title,
                topic_id=i.topic_id,
                topic_name=i.topic_name,
                score=i.score,
                explanation=i.explanation,
                recipients=i.recipients,
                articles=[_ref(a) for a in i.articles],
            )
            for i in v.issues
        ],
        days=v.days,
        trend=[TrendOut(topic_id=t.topic_id, topic_name=t.topic_name, counts=t.counts) for t in v.trend],
        tone=v.tone,
    )


@router.get("/digests")
def digests(request: Request, who: Annotated[Viewer, Depends(require(Perm.DIGESTS))]) -> list[DigestOut]:
    with session_scope(config(request).settings.resolved_database_url) as session:
        rows = issue_repo.digests(session, limit=90)
        return [DigestOut(**{k: getattr(r, k) for k in DigestOut.model_fields}) for r in rows]


@router.get("/search")
def search(
    request: Request,
    who: Annotated[Viewer, Depends(require(Perm.SEARCH))],
    f: Annotated[SearchFilters, Depends(filters)],
    page: Page = 1,
    per_page: Annotated[int, Query(ge=1, le=100)] = 20,
) -> SearchOut:
    v = search_view(config(request), f, page, per_page)
    hits = [HitOut(**{k: getattr(h, k) for k in HitOut.model_fields}) for h in v.hits]
    return SearchOut(page=v.page, per_page=v.per_page, has_next=v.has_next, hits=hits)


@router.get("/articles/{article_id}")
def article(
    request: Request, article_id: Id, who: Annotated[Viewer, Depends(require(Perm.ARTICLE))]
) -> ArticleOut:
    view = article_view(config(request), article_id)
    if view is None:
        raise NotFound()
    d = view.detail
    return ArticleOut(
        article=_ref(d.brief),
        sapo=d.sapo,
        text=d.body,
        annotated=d.annotated,
        topics=[{"topic_id": t.topic_id, "score": t.score, "evidence": t.evidence} for t in d.topics],
        places=d.places,
        tone=d.tone,
        tone_evidence=d.tone_evidence,
        local=d.local,
        original=_ref(d.original) if d.original else None,
        copies=[_ref(c) for c in d.copies],
        stories=[
            {"id": s.id, "topic_id": s.topic_id, "title": s.title, "article_ids": [a.id for a in s.articles]}
            for s in d.stories
        ],
        corrections=[_correction(c) for c in view.corrections],
    )


def _correction(c: correction_repo.Correction) -> CorrectionOut:
    return CorrectionOut(
        id=c.id,
        topics=list(c.topics),
        machine_topics=list(c.machine_topics),
        user_name=c.user_name,
        role=c.role,
        note=c.note,
        created_at=c.created_at,
        confirmed=c.confirmed,
    )


@router.post("/articles/{article_id}/corrections", status_code=201)
def correct(
    request: Request,
    article_id: Id,
    body: Annotated[CorrectionIn, Body()],
    who: Annotated[Viewer, Depends(require(Perm.CORRECT))],
    x_csrf_token: Csrf = None,
) -> CorrectionOut:
    check_csrf(who, x_csrf_token)
    save_correction(request, who, article_id, body.topics, body.note or "")
    with session_scope(config(request).settings.resolved_database_url) as session:
        return _correction(correction_repo.corrections_for(session, article_id)[0])


def _alert(a: Any) -> AlertOut:
    return AlertOut(**{k: getattr(a, k) for k in AlertOut.model_fields})


@router.get("/alerts")
def alerts(
    request: Request,
    who: Annotated[Viewer, Depends(require(Perm.ALERTS))],
    recipient: Annotated[str | None, Query(max_length=64)] = None,
    view: Annotated[str, Query(pattern="^(open|acked)$")] = "open",
) -> list[AlertOut]:
    scope = alert_recipients(request, who, recipient)
    with session_scope(config(request).settings.resolved_database_url) as session:
        return [_alert(a) for a in alert_repo.inbox(session, recipient_ids=scope, acked=view == "acked")]


@router.post("/alerts/{alert_id}/ack")
def ack(
    request: Request,
    alert_id: Id,
    body: Annotated[AckIn, Body()],
    who: Annotated[Viewer, Depends(require(Perm.ALERTS))],
    x_csrf_token: Csrf = None,
) -> AlertOut:
    check_csrf(who, x_csrf_token)
    with session_scope(config(request).settings.resolved_database_url) as session:
        ack_or_raise(session, alert_id, who, body.note)
        row = alert_repo.alert_for(session, alert_id, who.alert_scope)
        if row is None:
            raise NotFound()
        return _alert(row)


@router.get("/sources")
def sources(request: Request, who: Annotated[Viewer, Depends(require(Perm.SOURCES))]) -> list[SourceOut]:
    with session_scope(config(request).settings.resolved_database_url) as session:
        rows = source_health(session, None, datetime.now(UTC))
    return [
        SourceOut(id=s.source_id, **{k: getattr(s, k) for k in SourceOut.model_fields if k != "id"})
        for s in rows
    ]
