"""Login and logout: CSRF-protected forms, rate-limited attempts, HttpOnly SameSite session cookies."""

from __future__ import annotations

import secrets
from typing import Annotated

from fastapi import APIRouter, Form, Request, Response
from fastapi.responses import RedirectResponse

from pipeline.web import auth
from pipeline.web.access import home
from pipeline.web.deps import Forbidden, config, viewer
from pipeline.web.render import render

router = APIRouter(include_in_schema=False)


def safe_next(target: str | None) -> str:
    """Only same-site paths: an absolute or scheme-relative URL goes home instead."""
    if target and target.startswith("/") and not target.startswith(("//", "/\\")):
        return target
    return "/"


def _login_form(request: Request, *, next_url: str, error: str | None, status: int) -> Response:
    token = request.cookies.get(auth.LOGIN_CSRF_COOKIE) or secrets.token_urlsafe(32)
    response = render(
        request,
        "login.html.j2",
        {"csrf_token": token, "next": next_url, "error": error},
        status_code=status,
    )
    response.set_cookie(
        auth.LOGIN_CSRF_COOKIE,
        token,
        httponly=True,
        samesite="strict",
        secure=request.url.scheme == "https",
        path="/login",
    )
    return response


@router.get("/login")
def login_page(request: Request, next: str | None = None) -> Response:
    return _login_form(request, next_url=safe_next(next), error=None, status=200)


@router.post("/login")
def login_submit(
    request: Request,
    username: Annotated[str, Form(max_length=64)],
    password: Annotated[str, Form(max_length=1024)],
    csrf_token: Annotated[str, Form(max_length=128)],
    next: Annotated[str, Form(max_length=2000)] = "/",
) -> Response:
    if not auth.same(request.cookies.get(auth.LOGIN_CSRF_COOKIE), csrf_token):
        raise Forbidden()
    settings = config(request).settings
    client = request.client.host if request.client else "unknown"
    result = auth.login(settings, username.replace("\x00", "").strip(), password, client)
    if result.limited:
        message = "Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau ít phút."
        return _login_form(request, next_url=safe_next(next), error=message, status=429)
    if result.token is None:
        message = "Tên đăng nhập hoặc mật khẩu không đúng."
        return _login_form(request, next_url=safe_next(next), error=message, status=401)
    target = safe_next(next)
    if target == "/":  # a collaborator has no "today" page: their form is their home
        info = auth.session_of(settings, result.token)
        target = home(info.user.role) if info else target
    response = RedirectResponse(target, status_code=303)
    response.set_cookie(
        auth.SESSION_COOKIE,
        result.token,
        max_age=settings.web_session_hours * 3600,
        httponly=True,
        samesite="lax",
        secure=request.url.scheme == "https",
        path="/",
    )
    response.delete_cookie(auth.LOGIN_CSRF_COOKIE, path="/login")
    return response


@router.post("/logout")
def logout(request: Request, csrf_token: Annotated[str, Form(max_length=128)]) -> Response:
    who = viewer(request)
    if not auth.same(who.csrf_token, csrf_token):
        raise Forbidden()
    auth.logout(config(request).settings, request.cookies.get(auth.SESSION_COOKIE))
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(auth.SESSION_COOKIE, path="/")
    return response
