"""Roles and what each may see or do: the one table every page and API call consults."""

from __future__ import annotations

from enum import StrEnum

BOARD = "ban_tuyen_giao"
BODIES = ("hdnd", "ubnd", "tand", "vksnd")
ANALYST = "analyst"
COLLABORATOR = "cong_tac_vien"  # a public-opinion collaborator, tied to a unit
ROLES = (BOARD, *BODIES, ANALYST, COLLABORATOR)


class Perm(StrEnum):
    TODAY = "today"  # pressing issues, trend, tone counts
    ARTICLE = "article"  # read an article with its annotation
    SOURCES = "sources"  # health per source
    DIGESTS = "digests"  # the digest archive (its section V lists every body's open alerts)
    SEARCH = "search"  # search and export
    CORRECT = "correct"  # confirm or correct an article's topics
    ALERTS = "alerts"  # an alert inbox (whose: see alert_scope)
    WATCHES = "watches"  # watched subjects (whose: see pipeline.watch.core.scope_of)
    REPORT = "report"  # send grassroots reports and read one's own
    GRASSROOTS = "grassroots"  # every grassroots report with who sent it (the board only)


SHARED = {Perm.TODAY, Perm.ARTICLE, Perm.SOURCES}
PERMISSIONS: dict[str, frozenset[Perm]] = {
    BOARD: frozenset(set(Perm) - {Perm.REPORT}),
    **{body: frozenset(SHARED | {Perm.ALERTS, Perm.WATCHES}) for body in BODIES},
    ANALYST: frozenset(SHARED | {Perm.DIGESTS, Perm.SEARCH, Perm.CORRECT}),
    COLLABORATOR: frozenset({Perm.REPORT}),
}


def allowed(role: str, perm: Perm) -> bool:
    return perm in PERMISSIONS.get(role, frozenset())


def alert_scope(role: str) -> list[str] | None:
    """Recipient ids whose alerts this role may read and acknowledge: None means every recipient."""
    if role == BOARD:
        return None
    if role in BODIES:
        return [role]
    return []


def home(role: str) -> str:
    """Where a role lands after logging in: today's issues, or the report form for a collaborator."""
    return "/" if allowed(role, Perm.TODAY) or not allowed(role, Perm.REPORT) else "/bao-cao"
