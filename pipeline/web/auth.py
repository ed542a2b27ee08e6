"""Passwords (argon2), login sessions (random token in an HttpOnly cookie, its hash in the database),
CSRF tokens and the login rate limit."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import timedelta
from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from config import Settings
from pipeline.jobs import now_utc
from storage import users as repo
from storage.db import session_scope
from storage.users import SessionInfo, User

SESSION_COOKIE = "duluan_session"
LOGIN_CSRF_COOKIE = "duluan_login_csrf"
MIN_PASSWORD = 8


@cache
def hasher() -> PasswordHasher:
    return PasswordHasher()


@cache
def _dummy_hash() -> str:
    return hasher().hash(secrets.token_hex(16))


def hash_password(password: str) -> str:
    if len(password) < MIN_PASSWORD:
        raise ValueError(f"password too short: at least {MIN_PASSWORD} characters")
    return hasher().hash(password)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def same(a: str | None, b: str | None) -> bool:
    """Constant-time comparison of two tokens (an absent one never matches)."""
    return bool(a) and bool(b) and hmac.compare_digest(str(a), str(b))


@dataclass(frozen=True)
class LoginResult:
    """ok: token set; limited: too many failures; otherwise wrong name or password."""

    token: str | None = None
    limited: bool = False


def login(settings: Settings, name: str, password: str, client: str) -> LoginResult:
    """Check a name and password under the rate limit; on success open a session and return its token.

    The attempt is counted as a failure before the (slow) password check, in the same critical section
    as the limit check: parallel guesses are refused once the limit is reached, not after their checks.
    """
    url = settings.resolved_database_url
    now = now_utc()
    since = now - timedelta(minutes=settings.login_window_minutes)
    with session_scope(url) as session:
        repo.prune_login_failures(session, before=since)
        attempt = repo.reserve_login_attempt(
            session, user_name=name, client=client, now=now, since=since, limit=settings.login_max_failures
        )
        if attempt is None:
            return LoginResult(limited=True)
        found = repo.credentials(session, name)
    ok = False
    try:
        ok = hasher().verify(found[1] if found else _dummy_hash(), password) and found is not None
    except (VerificationError, InvalidHashError):
        ok = False
    if not ok or found is None or found[0].disabled:
        return LoginResult()  # the reserved attempt stays counted as a failure
    with session_scope(url) as session:
        repo.release_login_attempt(session, attempt)
        repo.clear_login_failures(session, user_name=name)
        token = secrets.token_urlsafe(32)
        repo.create_session(
            session,
            user_id=found[0].id,
            token_hash=token_hash(token),
            csrf_token=secrets.token_urlsafe(32),
            now=now,
            expires_at=now + timedelta(hours=settings.web_session_hours),
        )
    return LoginResult(token=token)


def session_of(settings: Settings, token: str | None) -> SessionInfo | None:
    if not token:
        return None
    with session_scope(settings.resolved_database_url) as session:
        return repo.session_for(session, token_hash(token), now_utc())


def logout(settings: Settings, token: str | None) -> None:
    if token:
        with session_scope(settings.resolved_database_url) as session:
            repo.end_session(session, token_hash(token))


def add_user(settings: Settings, name: str, role: str, password: str, unit: str | None = None) -> User | None:
    """Create a user with a hashed password (a collaborator with their unit); None when the name is taken."""
    digest = hash_password(password)
    with session_scope(settings.resolved_database_url) as session:
        user_id = repo.add_user(session, name=name, role=role, password_hash=digest, now=now_utc(), unit=unit)
    return None if user_id is None else User(id=user_id, name=name, role=role, unit=unit)


def reset_password(settings: Settings, name: str, password: str) -> bool:
    digest = hash_password(password)
    with session_scope(settings.resolved_database_url) as session:
        return repo.set_password(session, name, digest)
