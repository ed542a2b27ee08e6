"""Request plumbing shared by pages and the API: who is asking, what they may do, CSRF checks."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Annotated, Any

from fastapi import Depends, Request

from config import AppConfig
from pipeline.deliver.ack import AckError, acknowledge
from pipeline.jobs import now_utc
from pipeline.web import auth
from pipeline.web.access import BODIES, Perm, alert_scope, allowed
from storage.days import FIRST_DAY, LAST_DAY
from storage.users import User


class LoginRequired(Exception):
    """No live session: pages redirect to the login form, the API answers 401."""


class Forbidden(Exception):
    """The role may not do this: 403."""


class NotFound(Exception):
    """Nothing here (or nothing this role may know about): 404."""


class BadRequest(Exception):
    """Wrong input: 400 with a one-line message."""


@dataclass(frozen=True)
class Viewer:
    user: User
    csrf_token: str

    def can(self, perm: Perm) -> bool:
        return allowed(self.user.role, perm)

    @property
    def alert_scope(self) -> list[str] | None:
        return alert_scope(self.user.role)


def config(request: Request) -> AppConfig:
    cfg: AppConfig = request.app.state.cfg
    return cfg


def viewer(request: Request) -> Viewer:
    info = auth.session_of(config(request).settings, request.cookies.get(auth.SESSION_COOKIE))
    if info is None:
        raise LoginRequired()
    request.state.viewer = Viewer(user=info.user, csrf_token=info.csrf_token)
    return request.state.viewer  # type: ignore[no-any-return]


def require(perm: Perm) -> Callable[..., Viewer]:
    """A dependency: the logged-in viewer, whose role must carry `perm`."""

    def check(who: Annotated[Viewer, Depends(viewer)]) -> Viewer:
        if not who.can(perm):
            raise Forbidden()
        return who

    return check


def check_csrf(who: Viewer, token: str | None) -> None:
    if not auth.same(who.csrf_token, token):
        raise Forbidden()


def in_range(day: date | None) -> date | None:
    """A day the pages can compute with (a window of days before it, the day after it)."""
    if day is not None and not FIRST_DAY <= day <= LAST_DAY:
        raise BadRequest(f"day out of range: {FIRST_DAY} to {LAST_DAY}")
    return day


def clean(value: str | None, limit: int = 500) -> str | None:
    """Query text as stored text can hold it: NUL characters dropped, bounded length."""
    if value is None:
        return None
    return value.replace("\x00", "").strip()[:limit] or None


def alert_recipients(request: Request, who: Viewer, recipient: str | None) -> list[str] | None:
    """The recipient ids this page may list: a body only ever its own; the board one body or all."""
    scope = who.alert_scope
    known = set(config(request).recipients.recipients) | set(BODIES)
    if recipient is not None and recipient not in known:
        raise BadRequest(f"unknown recipient {recipient!r}")
    if scope is None:
        return [recipient] if recipient else None
    if recipient is not None and recipient not in scope:
        raise NotFound()
    return scope


def ack_or_raise(session: Any, alert_id: int, who: Viewer, note: str | None) -> None:
    """Acknowledge for the page and the API (the rules of `pipeline.deliver.ack`): an alert outside the
    viewer's inbox, or already acknowledged, is not found; a missing or overlong note is a bad request."""
    try:
        acknowledge(session, alert_id, by=who.user.name, note=note, scope=who.alert_scope, now=now_utc())
    except AckError as exc:
        if exc.kind == "note":
            raise BadRequest(str(exc)) from None
        raise NotFound() from None
