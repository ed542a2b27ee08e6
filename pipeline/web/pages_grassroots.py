"""Grassroots reports on the web: the collaborators' phone form and their own list, the board's list of
every report (with who sent it) and the reports' photos (the board only), and their JSON.

The form needs no JavaScript: one POST with a one-time token, so a double submit or a resend after a
dropped connection stores one report. Photos are checked by their first bytes (JPEG, PNG, WebP), limited
in number and size, and stored under <data_dir>/grassroots/photos named by their SHA-256.
"""

from __future__ import annotations

import hashlib
import re
import secrets
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Annotated, Any
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Depends, Query, Request, Response
from fastapi import Path as PathParam
from fastapi.responses import FileResponse, RedirectResponse
from starlette.datastructures import UploadFile

from config import AppConfig, Settings
from nlp.gazetteer import reporting_units
from pipeline.annotate.grassroots import HEARD, MOODS, SPREADS, Fields, intake, report_dict, validate
from pipeline.jobs import now_utc
from pipeline.web.access import Perm
from pipeline.web.deps import BadRequest, NotFound, Viewer, check_csrf, config, in_range, require
from pipeline.web.render import render
from storage import grassroots as repo
from storage.db import session_scope

router = APIRouter(include_in_schema=False)
api_router = APIRouter(prefix="/api", tags=["api"])
Id = Annotated[int, PathParam(ge=1, le=2**31 - 1)]

MAX_PHOTOS = 3
MAX_PHOTO_BYTES = 5 * 1024 * 1024
MAX_BODY = MAX_PHOTOS * MAX_PHOTO_BYTES + 200_000
PHOTO_TYPES = {"image/jpeg": "jpg", "image/png": "png", "image/webp": "webp"}
PHOTO_CSP = "sandbox; default-src 'none'"
_TOKEN = re.compile(r"^[A-Za-z0-9_-]{16,64}$")


def photo_dir(settings: Settings) -> Path:
    return settings.data_dir / "grassroots" / "photos"


def sniff(head: bytes) -> str | None:
    """The image type a file's first bytes say, whatever its name or declared type claims."""
    if head.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image/webp"
    return None


def _today(cfg: AppConfig) -> date:
    return now_utc().astimezone(ZoneInfo(cfg.settings.timezone)).date()


def _form_context(cfg: AppConfig, who: Viewer, **extra: Any) -> dict[str, Any]:
    with session_scope(cfg.settings.resolved_database_url) as session:
        mine = repo.reports_between(
            session, _today(cfg) - timedelta(days=90), _today(cfg), reporter_id=who.user.id, limit=50
        )
    context: dict[str, Any] = {
        "token": secrets.token_urlsafe(24),
        "units": reporting_units(),
        "topics": [(t.id, t.name) for t in cfg.topics.topics],
        "topic_names": {t.id: t.name for t in cfg.topics.topics},
        "spreads": SPREADS,
        "moods": MOODS,
        "heard": HEARD,
        "today": _today(cfg).isoformat(),
        "values": {"unit": who.user.unit or "", "spread": "", "mood": "", "heard_at": "", "topic": ""},
        "errors": [],
        "saved": None,
        "mine": mine,
        "max_photos": MAX_PHOTOS,
        "max_mb": MAX_PHOTO_BYTES // (1024 * 1024),
    }
    context.update(extra)
    return context


@router.get("/bao-cao")
def report_form(
    request: Request,
    who: Annotated[Viewer, Depends(require(Perm.REPORT))],
    da_gui: Annotated[int | None, Query(ge=1, le=2**31 - 1)] = None,
) -> Response:
    """The report form, and the collaborator's own reports below it."""
    cfg = config(request)
    context = _form_context(cfg, who)
    if da_gui is not None:
        context["saved"] = next((r for r in context["mine"] if r.id == da_gui), None)
    return render(request, "report_form.html.j2", context)


async def _photos(form: Any) -> tuple[list[tuple[bytes, str]], list[str]]:
    photos: list[tuple[bytes, str]] = []
    problems: list[str] = []
    files = [f for f in form.getlist("photos") if isinstance(f, UploadFile) and (f.filename or f.size)]
    if len(files) > MAX_PHOTOS:
        problems.append(f"Chỉ gửi tối đa {MAX_PHOTOS} ảnh.")
    for upload in files[:MAX_PHOTOS]:
        data = await upload.read(MAX_PHOTO_BYTES + 1)
        if not data:
            continue
        if len(data) > MAX_PHOTO_BYTES:
            problems.append(f"Ảnh lớn hơn {MAX_PHOTO_BYTES // (1024 * 1024)} MB.")
            continue
        kind = sniff(data[:16])
        if kind is None:
            problems.append("Chỉ nhận ảnh JPEG, PNG hoặc WebP.")
            continue
        photos.append((data, kind))
    return photos, problems


def store_photos(cfg: AppConfig, report_id: int, photos: list[tuple[bytes, str]]) -> None:
    folder = photo_dir(cfg.settings)
    folder.mkdir(parents=True, exist_ok=True)
    with session_scope(cfg.settings.resolved_database_url) as session:
        for data, kind in photos:
            name = f"{hashlib.sha256(data).hexdigest()}.{PHOTO_TYPES[kind]}"
            path = folder / name
            if not path.exists():
                tmp = path.with_suffix(".tmp")
                tmp.write_bytes(data)
                tmp.replace(path)
            repo.add_photo(
                session, report_id=report_id, file_name=name, content_type=kind, size=len(data), now=now_utc()
            )


def _field(form: Any, name: str, limit: int = 5000) -> str:
    value = form.get(name)
    return value[:limit] if isinstance(value, str) else ""


@router.post("/bao-cao")
async def report_submit(request: Request, who: Annotated[Viewer, Depends(require(Perm.REPORT))]) -> Response:
    """Store the report once per form token, annotate it, and show the form again with a confirmation."""
    started = time.perf_counter()
    cfg = config(request)
    length = request.headers.get("content-length")
    if length is not None and (not length.isdigit() or int(length) > MAX_BODY):
        return render(
            request,
            "error.html.j2",
            {"status": 413, "message": f"Dữ liệu gửi quá lớn (ảnh tối đa {MAX_PHOTO_BYTES // 2**20} MB)."},
            status_code=413,
        )
    form = await request.form(max_files=MAX_PHOTOS + 2, max_fields=30, max_part_size=64 * 1024)
    check_csrf(who, form.get("csrf_token") if isinstance(form.get("csrf_token"), str) else None)  # type: ignore[arg-type]
    token = _field(form, "token", 100)
    if not _TOKEN.match(token):
        raise BadRequest("mã gửi báo cáo không hợp lệ")
    heard_on: date | None = None
    problems: list[str] = []
    raw_day = _field(form, "heard_on", 20).strip()
    if raw_day:
        try:
            heard_on = in_range(date.fromisoformat(raw_day))
        except ValueError:
            problems.append("Ngày ghi nhận không hợp lệ.")
    values = {k: _field(form, k) for k in ("text", "unit", "topic", "spread", "mood", "heard_at", "link")}
    fields = Fields(
        text=values["text"],
        unit=values["unit"],
        spread=values["spread"],
        mood=values["mood"],
        heard_at=values["heard_at"],
        heard_on=heard_on,
        topic=values["topic"] or None,
        link=values["link"] or None,
    )
    report, found = validate(
        cfg,
        fields,
        token=f"web:{who.user.id}:{token}",
        channel="web",
        reporter_id=who.user.id,
        today=_today(cfg),
    )
    photos, photo_problems = await _photos(form)
    problems += found + photo_problems
    if report is None or problems:
        context = _form_context(cfg, who, token=token, values=values, errors=problems)
        context["today"] = raw_day or context["today"]
        return render(request, "report_form.html.j2", context, status_code=400)
    stored = intake(cfg, [report])[0]
    if stored.created and photos:
        store_photos(cfg, stored.id, photos)
    response = RedirectResponse(f"/bao-cao?da_gui={stored.id}", status_code=303)
    # the server's own time for the report (checks, annotation, storage), for the browser's timing panel
    response.headers["Server-Timing"] = f"app;dur={(time.perf_counter() - started) * 1000:.1f}"
    return response


def _window(cfg: AppConfig, first: date | None, last: date | None) -> tuple[date, date]:
    last = in_range(last) or _today(cfg)
    first = in_range(first) or last - timedelta(days=6)
    if first > last or (last - first).days > 366:
        raise BadRequest("khoảng ngày không hợp lệ (tối đa 366 ngày)")
    return first, last


@router.get("/co-so")
def board_reports(
    request: Request,
    who: Annotated[Viewer, Depends(require(Perm.GRASSROOTS))],
    tu: Annotated[date | None, Query()] = None,
    den: Annotated[date | None, Query()] = None,
) -> Response:
    """Every report of the days, with who sent it and its photos: the board's page."""
    cfg = config(request)
    first, last = _window(cfg, tu, den)
    with session_scope(cfg.settings.resolved_database_url) as session:
        reports = repo.reports_between(session, first, last, limit=2000)
        photos = {r.id: repo.photos_of(session, r.id) for r in reports if r.photos}
    context = {
        "reports": reports,
        "photos": photos,
        "first": first,
        "last": last,
        "topic_names": {t.id: t.name for t in cfg.topics.topics},
        "spreads": SPREADS,
        "moods": MOODS,
        "heard": HEARD,
    }
    return render(request, "grassroots.html.j2", context)


@router.get("/co-so/anh/{photo_id}")
def photo(
    request: Request, photo_id: Id, who: Annotated[Viewer, Depends(require(Perm.GRASSROOTS))]
) -> Response:
    """A report's photo, to the board only, with the type it was checked to be and no active content."""
    settings = config(request).settings
    with session_scope(settings.resolved_database_url) as session:
        row = repo.photo(session, photo_id)
    if row is None or row.content_type not in PHOTO_TYPES:
        raise NotFound()
    root = photo_dir(settings).resolve()
    path = (root / row.file_name).resolve()
    if not path.is_relative_to(root) or not path.is_file():
        raise NotFound()
    response = FileResponse(path, media_type=row.content_type)
    response.headers["Content-Security-Policy"] = PHOTO_CSP
    response.headers["Content-Disposition"] = "inline"
    return response


@api_router.get("/grassroots", summary="Every grassroots report of the days, with who sent it (the board)")
def api_reports(
    request: Request,
    who: Annotated[Viewer, Depends(require(Perm.GRASSROOTS))],
    first: Annotated[date | None, Query(alias="from")] = None,
    last: Annotated[date | None, Query(alias="to")] = None,
) -> list[dict[str, Any]]:
    cfg = config(request)
    start, end = _window(cfg, first, last)
    with session_scope(cfg.settings.resolved_database_url) as session:
        reports = repo.reports_between(session, start, end, limit=5000)
    return [report_dict(r, with_reporter=True) for r in reports]


@api_router.get("/my-reports", summary="The collaborator's own reports of the last 90 days")
def api_my_reports(
    request: Request, who: Annotated[Viewer, Depends(require(Perm.REPORT))]
) -> list[dict[str, Any]]:
    cfg = config(request)
    with session_scope(cfg.settings.resolved_database_url) as session:
        reports = repo.reports_between(
            session, _today(cfg) - timedelta(days=90), _today(cfg), reporter_id=who.user.id, limit=500
        )
    return [report_dict(r, with_reporter=False) for r in reports]


__all__ = ["api_router", "router", "sniff"]
