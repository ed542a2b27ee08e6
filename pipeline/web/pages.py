"""HTML pages: today, digests, alerts and sources (search and articles are in `pages_articles`)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Depends, Form, Query, Request, Response
from fastapi import Path as PathParam
from fastapi.responses import FileResponse, RedirectResponse

from pipeline.web.access import Perm
from pipeline.web.deps import (
    NotFound,
    Viewer,
    ack_or_raise,
    alert_recipients,
    check_csrf,
    config,
    in_range,
    require,
)
from pipeline.web.pages_articles import router as articles_router
from pipeline.web.render import render
from pipeline.web.views import TONE_LABELS, recipient_names, today_view
from storage import alerts as alert_repo
from storage import issues as issue_repo
from storage.db import session_scope
from storage.issues import digest_by_id
from storage.source_health import source_health

router = APIRouter(include_in_schema=False)
router.include_router(articles_router)
Id = Annotated[int, PathParam(ge=1, le=2**31 - 1)]
DIGEST_CSP = "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'self'"


@router.get("/")
def today(
    request: Request,
    who: Annotated[Viewer, Depends(require(Perm.TODAY))],
    day: Annotated[date | None, Query()] = None,
) -> Response:
    view = today_view(config(request), in_range(day))
    return render(request, "today.html.j2", {"v": view, "tone_labels": TONE_LABELS})


@router.get("/digests")
def digests(request: Request, who: Annotated[Viewer, Depends(require(Perm.DIGESTS))]) -> Response:
    with session_scope(config(request).settings.resolved_database_url) as session:
        rows = issue_repo.digests(session, limit=90)
    return render(request, "digests.html.j2", {"digests": rows, "names": recipient_names(config(request))})


@router.get("/digests/{digest_id}")
def digest_page(
    request: Request, digest_id: Id, who: Annotated[Viewer, Depends(require(Perm.DIGESTS))]
) -> Response:
    with session_scope(config(request).settings.resolved_database_url) as session:
        row = digest_by_id(session, digest_id)
    if row is None:
        raise NotFound()
    return render(request, "digest.html.j2", {"d": row})


def _digest_file(request: Request, digest_id: int, kind: str) -> Path:
    """The stored digest file, only when it lies inside the data folder's digests directory."""
    settings = config(request).settings
    with session_scope(settings.resolved_database_url) as session:
        row = digest_by_id(session, digest_id)
    if row is None:
        raise NotFound()
    path = Path(row.html_path if kind == "html" else row.text_path).resolve()
    root = settings.digest_dir.resolve()
    if not path.is_relative_to(root) or not path.is_file():
        raise NotFound()
    return path


@router.get("/digests/{digest_id}/html")
def digest_html(
    request: Request, digest_id: Id, who: Annotated[Viewer, Depends(require(Perm.DIGESTS))]
) -> Response:
    """The digest exactly as sent, in a sandbox: no scripts, no same-origin access, no outside loads."""
    response = FileResponse(_digest_file(request, digest_id, "html"), media_type="text/html; charset=utf-8")
    response.headers["Content-Security-Policy"] = DIGEST_CSP
    return response


@router.get("/digests/{digest_id}/text")
def digest_text(
    request: Request, digest_id: Id, who: Annotated[Viewer, Depends(require(Perm.DIGESTS))]
) -> Response:
    path = _digest_file(request, digest_id, "text")
    return FileResponse(path, media_type="text/plain; charset=utf-8")


@router.get("/alerts")
def alerts(
    request: Request,
    who: Annotated[Viewer, Depends(require(Perm.ALERTS))],
    recipient: Annotated[str | None, Query(max_length=64)] = None,
    view: Annotated[str, Query(pattern="^(open|acked)$")] = "open",
) -> Response:
    scope = alert_recipients(request, who, recipient)
    with session_scope(config(request).settings.resolved_database_url) as session:
        rows = alert_repo.inbox(session, recipient_ids=scope, acked=view == "acked")
    context = {
        "alerts": rows,
        "view": view,
        "recipient": recipient,
        "names": recipient_names(config(request)),
        "choices": list(config(request).recipients.recipients) if who.alert_scope is None else [],
    }
    return render(request, "alerts.html.j2", context)


@router.post("/alerts/{alert_id}/ack")
def ack(
    request: Request,
    alert_id: Id,
    who: Annotated[Viewer, Depends(require(Perm.ALERTS))],
    csrf_token: Annotated[str, Form(max_length=128)],
    note: Annotated[str, Form(max_length=2000)] = "",
    recipient: Annotated[str, Form(max_length=64)] = "",
) -> Response:
    check_csrf(who, csrf_token)
    with session_scope(config(request).settings.resolved_database_url) as session:
        ack_or_raise(session, alert_id, who, note)
    back = "/alerts" + (
        f"?recipient={recipient}" if recipient in config(request).recipients.recipients else ""
    )
    return RedirectResponse(back, status_code=303)


@router.get("/sources")
def sources(request: Request, who: Annotated[Viewer, Depends(require(Perm.SOURCES))]) -> Response:
    with session_scope(config(request).settings.resolved_database_url) as session:
        rows = source_health(session, None, datetime.now(UTC))
    return render(request, "sources.html.j2", {"sources": rows})
