"""HTML pages for analysts and readers: search with export, and the article page with topic corrections."""

from __future__ import annotations

from datetime import date
from typing import Annotated

import pandas as pd
from fastapi import APIRouter, Depends, Form, Query, Request, Response
from fastapi import Path as PathParam
from fastapi.responses import RedirectResponse

from pipeline.analyst.tables import table_bytes
from pipeline.jobs import now_utc
from pipeline.web.access import Perm
from pipeline.web.deps import BadRequest, NotFound, Viewer, check_csrf, clean, config, in_range, require
from pipeline.web.render import render
from pipeline.web.views import (
    TONE_LABELS,
    SearchFilters,
    article_view,
    export_rows,
    search_view,
    topic_names,
)
from storage import corrections as correction_repo
from storage.article_pages import source_names
from storage.db import session_scope

router = APIRouter(include_in_schema=False)
Id = Annotated[int, PathParam(ge=1, le=2**31 - 1)]
Text = Annotated[str | None, Query(max_length=200)]
Page = Annotated[int, Query(ge=1, le=500)]
EXPORT_COLUMNS = {
    "id": "Mã bài",
    "tieu_de": "Tiêu đề",
    "nguon": "Nguồn",
    "ngay_dang": "Ngày đăng",
    "duong_dan": "Đường dẫn",
    "trich_doan": "Trích đoạn",
}


def _day(value: str | None, name: str) -> date | None:
    """A YYYY-MM-DD filter; empty (as an unfilled date input sends it) means none."""
    if not value or not value.strip():
        return None
    try:
        day = date.fromisoformat(value.strip())
    except ValueError:
        raise BadRequest(f"invalid {name} date: use YYYY-MM-DD") from None
    return in_range(day)


def filters(
    q: Text = None,
    topic: Text = None,
    source: Text = None,
    since: Annotated[str | None, Query(max_length=10, description="YYYY-MM-DD")] = None,
    until: Annotated[str | None, Query(max_length=10, description="YYYY-MM-DD (inclusive)")] = None,
) -> SearchFilters:
    return SearchFilters(
        q=clean(q) or "",
        topic=clean(topic),
        source=clean(source),
        since=_day(since, "since"),
        until=_day(until, "until"),
    )


@router.get("/search")
def search_page(
    request: Request,
    who: Annotated[Viewer, Depends(require(Perm.SEARCH))],
    f: Annotated[SearchFilters, Depends(filters)],
    page: Page = 1,
) -> Response:
    cfg = config(request)
    with session_scope(cfg.settings.resolved_database_url) as session:
        sources = source_names(session)
    context = {
        "f": f,
        "view": search_view(cfg, f, page) if f.q else None,
        "topics": topic_names(cfg),
        "sources": sources,
        "query": str(request.url.query),
    }
    return render(request, "search.html.j2", context)


def _export(request: Request, f: SearchFilters) -> pd.DataFrame:
    if not f.q:
        raise BadRequest("empty query: give at least one word")
    frame = pd.DataFrame(export_rows(config(request), f), columns=list(EXPORT_COLUMNS))
    return frame.rename(columns=EXPORT_COLUMNS)


@router.get("/search/export.csv")
def export_csv(
    request: Request,
    who: Annotated[Viewer, Depends(require(Perm.SEARCH))],
    f: Annotated[SearchFilters, Depends(filters)],
) -> Response:
    data = table_bytes(_export(request, f), "csv")  # BOM: Excel reads UTF-8; formulas neutralised
    headers = {"Content-Disposition": 'attachment; filename="duluan-tim-kiem.csv"'}
    return Response(data, media_type="text/csv; charset=utf-8", headers=headers)


@router.get("/search/export.xlsx")
def export_xlsx(
    request: Request,
    who: Annotated[Viewer, Depends(require(Perm.SEARCH))],
    f: Annotated[SearchFilters, Depends(filters)],
) -> Response:
    data = table_bytes(_export(request, f), "xlsx", sheet_name="Kết quả")  # string cells: never formulas
    headers = {"Content-Disposition": 'attachment; filename="duluan-tim-kiem.xlsx"'}
    media = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    return Response(data, media_type=media, headers=headers)


@router.get("/articles/{article_id}")
def article_page(
    request: Request, article_id: Id, who: Annotated[Viewer, Depends(require(Perm.ARTICLE))]
) -> Response:
    view = article_view(config(request), article_id)
    if view is None:
        raise NotFound()
    detail, corrections = view.detail, view.corrections
    current = set(corrections[0].topics) if corrections else {t.topic_id for t in detail.topics}
    context = {
        "a": detail,
        "corrections": corrections,
        "current": current,
        "topics": topic_names(config(request)),
        "tone_labels": TONE_LABELS,
    }
    return render(request, "article.html.j2", context)


@router.post("/articles/{article_id}/topics")
def correct_topics(
    request: Request,
    article_id: Id,
    who: Annotated[Viewer, Depends(require(Perm.CORRECT))],
    csrf_token: Annotated[str, Form(max_length=128)],
    topic: Annotated[list[str] | None, Form()] = None,
    note: Annotated[str, Form(max_length=2000)] = "",
) -> Response:
    check_csrf(who, csrf_token)
    save_correction(request, who, article_id, topic or [], note)
    return RedirectResponse(f"/articles/{article_id}#chu-de", status_code=303)


def save_correction(request: Request, who: Viewer, article_id: int, topics: list[str], note: str) -> int:
    """Store a topic correction (shared with the API): unknown topic ids are refused."""
    known = topic_names(config(request))
    unknown = sorted(set(topics) - set(known))
    if unknown:
        raise BadRequest(f"unknown topic {unknown[0]!r}")
    with session_scope(config(request).settings.resolved_database_url) as session:
        saved = correction_repo.save_correction(
            session,
            article_id,
            topics,
            user_name=who.user.name,
            role=who.user.role,
            now=now_utc(),
            note=clean(note, 2000),
        )
    if saved is None:
        raise NotFound()
    return saved
