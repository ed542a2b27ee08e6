"""The FastAPI application: pages, the JSON API, error handling and security headers."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from importlib import resources
from typing import Any
from urllib.parse import quote

from fastapi import FastAPI, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from config import AppConfig
from pipeline.web import api, api_watches, login, pages, pages_grassroots, pages_watches
from pipeline.web.deps import BadRequest, Forbidden, LoginRequired, NotFound
from pipeline.web.render import render
from storage.search import QueryError

CSP = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "frame-src 'self'; frame-ancestors 'self'; form-action 'self'; base-uri 'none'; object-src 'none'"
)
MESSAGES = {
    400: "Yêu cầu không hợp lệ.",
    403: "Bạn không có quyền truy cập trang này.",
    404: "Không tìm thấy nội dung yêu cầu.",
    405: "Phương thức không được hỗ trợ.",
}


def _is_api(request: Request) -> bool:
    return request.url.path.startswith("/api/")


def _error(request: Request, status: int, detail: str | None = None) -> Response:
    message = detail or MESSAGES.get(status, "Đã có lỗi xảy ra.")
    if _is_api(request):
        return JSONResponse({"detail": message}, status_code=status)
    return render(request, "error.html.j2", {"status": status, "message": message}, status_code=status)


def create_app(cfg: AppConfig) -> FastAPI:
    app = FastAPI(
        title="duluan",
        version="1",
        description="Dư luận Lạng Sơn: pressing issues, digests, search, articles, alerts and sources. "
        "Every call needs a login session cookie (POST /login); writes also need the X-CSRF-Token "
        "header (from GET /api/me).",
        docs_url=None,
        redoc_url=None,
        openapi_url=None,
    )
    app.state.cfg = cfg
    static = resources.files("pipeline.web").joinpath("static")
    app.mount("/static", StaticFiles(directory=str(static)), name="static")
    app.include_router(login.router)
    app.include_router(pages.router)
    app.include_router(api.router)
    app.include_router(pages_watches.router)
    app.include_router(api_watches.api)
    app.include_router(pages_grassroots.router)
    app.include_router(pages_grassroots.api_router)

    async def login_required(request: Request, _exc: Exception) -> Response:
        if _is_api(request):
            return JSONResponse({"detail": "login required"}, status_code=401)
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        return RedirectResponse(f"/login?next={quote(target, safe='')}", status_code=303)

    async def forbidden(request: Request, _exc: Exception) -> Response:
        return _error(request, 403)

    async def not_found(request: Request, _exc: Exception) -> Response:
        return _error(request, 404)

    async def bad_request(request: Request, exc: Exception) -> Response:
        return _error(request, 400, str(exc) if isinstance(exc, BadRequest | QueryError) else None)

    async def invalid(request: Request, exc: Exception) -> Response:
        if _is_api(request):
            errors: Any = exc.errors() if isinstance(exc, RequestValidationError) else []
            return JSONResponse({"detail": _jsonable(errors)}, status_code=422)
        return _error(request, 400)

    async def http_error(request: Request, exc: Exception) -> Response:
        status = exc.status_code if isinstance(exc, StarletteHTTPException) else 500
        response = _error(request, status)
        if isinstance(exc, StarletteHTTPException) and exc.headers:
            response.headers.update(exc.headers)
        return response

    app.add_exception_handler(StarletteHTTPException, http_error)
    app.add_exception_handler(LoginRequired, login_required)
    app.add_exception_handler(Forbidden, forbidden)
    app.add_exception_handler(NotFound, not_found)
    app.add_exception_handler(BadRequest, bad_request)
    app.add_exception_handler(QueryError, bad_request)
    app.add_exception_handler(RequestValidationError, invalid)

    @app.middleware("http")
    async def security_headers(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        response = await call_next(request)
        response.headers.setdefault("Content-Security-Policy", CSP)
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "same-origin"
        response.headers.setdefault("X-Frame-Options", "SAMEORIGIN")
        if not request.url.path.startswith("/static/"):
            response.headers["Cache-Control"] = "no-store"
        return response

    return app


def _jsonable(errors: list[Any]) -> list[dict[str, Any]]:
    """Validation errors without the raw input (which can be anything a client sent)."""
    return [
        {"loc": list(e.get("loc", [])), "msg": str(e.get("msg", "")), "type": e.get("type")} for e in errors
    ]
