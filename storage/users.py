"""Web users, their login sessions and failed logins: every SQL statement about them.

Password hashing and token generation live in `pipeline.web.auth`; this module stores what it is given.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, func, or_, select, text, update
from sqlalchemy.orm import Session

from storage.models import LoginFailureRow, UserRow, WebSessionRow
from storage.upsert import insert_ignore

_LOGIN_LOCK = 0x64756C75  # advisory lock key of the login limit ("dulu")


@dataclass(frozen=True, kw_only=True)
class User:
    id: int
    name: str
    role: str
    disabled: bool = False
    unit: str | None = None  # a collaborator's unit


@dataclass(frozen=True, kw_only=True)
class SessionInfo:
    user: User
    csrf_token: str
    expires_at: datetime


def _user(row: UserRow) -> User:
    return User(id=row.id, name=row.name, role=row.role, disabled=row.disabled, unit=row.unit)


def add_user(
    session: Session, *, name: str, role: str, password_hash: str, now: datetime, unit: str | None = None
) -> int | None:
    """Create a user (a collaborator with their unit); None when the name is taken."""
    row = session.execute(
        insert_ignore(session, UserRow)
        .values(name=name, role=role, password_hash=password_hash, created_at=now, disabled=False, unit=unit)
        .returning(UserRow.id)
    ).first()
    return int(row[0]) if row else None


def set_password(session: Session, name: str, password_hash: str) -> bool:
    """Change a user's password; their existing sessions end (a stolen session dies with the old one)."""
    user_id = session.scalar(select(UserRow.id).where(UserRow.name == name))
    if user_id is None:
        return False
    session.execute(update(UserRow).where(UserRow.id == user_id).values(password_hash=password_hash))
    session.execute(delete(WebSessionRow).where(WebSessionRow.user_id == user_id))
    return True


def set_disabled(session: Session, name: str, disabled: bool) -> bool:
    """Disable or enable a user; a disabled user's sessions end at once."""
    user_id = session.scalar(select(UserRow.id).where(UserRow.name == name))
    if user_id is None:
        return False
    session.execute(update(UserRow).where(UserRow.id == user_id).values(disabled=disabled))
    if disabled:
        session.execute(delete(WebSessionRow).where(WebSessionRow.user_id == user_id))
    return True


def user_by_name(session: Session, name: str) -> User | None:
    row = session.scalar(select(UserRow).where(UserRow.name == name))
    return _user(row) if row else None


def list_users(session: Session) -> list[User]:
    return [_user(r) for r in session.scalars(select(UserRow).order_by(UserRow.name))]


def credentials(session: Session, name: str) -> tuple[User, str] | None:
    """The user and their stored password hash, or None for an unknown name."""
    row = session.scalar(select(UserRow).where(UserRow.name == name))
    return (_user(row), row.password_hash) if row else None


def create_session(
    session: Session, *, user_id: int, token_hash: str, csrf_token: str, now: datetime, expires_at: datetime
) -> None:
    session.execute(delete(WebSessionRow).where(WebSessionRow.expires_at < now))
    session.add(
        WebSessionRow(
            token_hash=token_hash,
            user_id=user_id,
            csrf_token=csrf_token,
            created_at=now,
            expires_at=expires_at,
        )
    )
    session.flush()


def session_for(session: Session, token_hash: str, now: datetime) -> SessionInfo | None:
    """The live session of an enabled user for this token hash, else None."""
    row = session.execute(
        select(WebSessionRow, UserRow)
        .join(UserRow, UserRow.id == WebSessionRow.user_id)
        .where(WebSessionRow.token_hash == token_hash, WebSessionRow.expires_at > now)
        .where(UserRow.disabled.is_(False))
    ).first()
    if row is None:
        return None
    web, user = row
    return SessionInfo(user=_user(user), csrf_token=web.csrf_token, expires_at=web.expires_at)


def end_session(session: Session, token_hash: str) -> None:
    session.execute(delete(WebSessionRow).where(WebSessionRow.token_hash == token_hash))


def record_login_failure(session: Session, *, user_name: str, client: str, now: datetime) -> None:
    session.add(LoginFailureRow(user_name=user_name[:64], client=client[:64], at=now))


def reserve_login_attempt(
    session: Session, *, user_name: str, client: str, now: datetime, since: datetime, limit: int
) -> int | None:
    """Atomically check the login limit and count this attempt as a failure in advance.

    Returns the id of the reserved failure row (delete it with `release_login_attempt` when the password
    proves right), or None when `limit` failures since `since` already exist for this user name or
    client. The check and the count are one critical section on both backends: PostgreSQL takes a
    transaction-level advisory lock, SQLite's write lock is taken by the insert that comes first (so
    parallel guesses cannot all pass the check before any of them is counted). Commit soon after.
    """
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _LOGIN_LOCK})
    row = LoginFailureRow(user_name=user_name[:64], client=client[:64], at=now)
    session.add(row)
    session.flush()  # SQLite: the write lock is held from here to the commit
    if recent_login_failures(session, user_name=user_name, client=client, since=since) > limit:
        session.delete(row)
        session.flush()
        return None
    return int(row.id)


def release_login_attempt(session: Session, attempt_id: int) -> None:
    """The reserved attempt succeeded: it is not a failure."""
    session.execute(delete(LoginFailureRow).where(LoginFailureRow.id == attempt_id))


def recent_login_failures(session: Session, *, user_name: str, client: str, since: datetime) -> int:
    """Failed logins since `since` for this user name or from this client address."""
    return int(
        session.scalar(
            select(func.count())
            .select_from(LoginFailureRow)
            .where(LoginFailureRow.at >= since)
            .where(or_(LoginFailureRow.user_name == user_name[:64], LoginFailureRow.client == client[:64]))
        )
        or 0
    )


def clear_login_failures(session: Session, *, user_name: str) -> None:
    session.execute(delete(LoginFailureRow).where(LoginFailureRow.user_name == user_name[:64]))


def prune_login_failures(session: Session, *, before: datetime) -> None:
    """Forget failures older than the counting window (the table stays small)."""
    session.execute(delete(LoginFailureRow).where(LoginFailureRow.at < before))
