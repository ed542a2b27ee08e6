"""What happened to a request: every outcome has a kind, counted in the crawl stats (never silence).

Stats keys (all end up in the crawl job run's stats):
  duluan/errors/<kind>              a request that got nothing usable (http_503, timeout, ban, ...)
  duluan/discarded/<reason>         a response that was not what we wanted (not_html, empty, ...)
  duluan/robots_refused             a request robots.txt does not allow
  duluan/not_modified               a feed/sitemap/listing unchanged since the last crawl (304)
  duluan/source/<id>/<same keys>    the same, per source (the health report reads these)
"""

from __future__ import annotations

import re
from typing import Any

from scrapy.exceptions import (
    CannotResolveHostError,
    DownloadCancelledError,
    DownloadConnectionRefusedError,
    DownloadFailedError,
    DownloadTimeoutError,
    IgnoreRequest,
    ResponseDataLossError,
    StopDownload,
)
from scrapy.http import Response, TextResponse
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.internet.error import ConnectError, ConnectionLost
from twisted.internet.error import TimeoutError as TwistedTimeout

ERROR, DISCARDED, ROBOTS, NOT_MODIFIED = "errors", "discarded", "robots_refused", "not_modified"
# Errors worth another try next crawl (their feed is fetched again in full: validators not saved).
TRANSIENT = re.compile(
    r"^(?:http_5\d\d|http_429|http_408|timeout|connection_\w+|truncated|ban|js_challenge)$"
)


class Discarded(IgnoreRequest):
    """A response dropped on purpose by duluan's middlewares; `reason` names why."""

    def __init__(self, category: str, reason: str) -> None:
        super().__init__(f"{category}: {reason}")
        self.category = category
        self.reason = reason


class TooLarge(StopDownload):
    """A response stopped by `SizeGuardMiddleware` because it is over the size limit."""

    def __init__(self, message: str) -> None:
        super().__init__(fail=True)
        self.message = message

    def __str__(self) -> str:
        return self.message


def classify_failure(exc: BaseException) -> tuple[str, str]:
    """(category, kind) of a failed request, from the exception its errback received."""
    if isinstance(exc, Discarded):
        return exc.category, exc.reason
    if isinstance(exc, TooLarge):
        return ERROR, "too_large"
    if isinstance(exc, HttpError):
        return ERROR, f"http_{exc.response.status}"
    if isinstance(exc, IgnoreRequest):
        message = str(exc)
        if "robots.txt" in message:
            return ROBOTS, "robots_txt"
        if "redirect" in message:
            return ERROR, "redirect_loop"
        if "offsite" in message.lower():
            return DISCARDED, "offsite"
        return DISCARDED, "ignored"
    if isinstance(exc, DownloadTimeoutError | TwistedTimeout):
        return ERROR, "timeout"
    if isinstance(exc, CannotResolveHostError):
        return ERROR, "dns_error"
    if isinstance(exc, DownloadConnectionRefusedError):
        return ERROR, "connection_refused"
    if isinstance(exc, ResponseDataLossError):
        return ERROR, "truncated"
    if isinstance(exc, DownloadCancelledError):
        return ERROR, "cancelled"  # an oversize response is a TooLarge (crawlers.middlewares.SizeGuard…)
    if isinstance(exc, DownloadFailedError | ConnectError | ConnectionLost | OSError):
        return ERROR, "connection_error"
    return ERROR, re.sub(r"(?<!^)(?=[A-Z])", "_", type(exc).__name__).lower()


# --- ban and JavaScript-challenge pages --------------------------------------------------

# Markers searched in the lower-cased start of a page (plain substring searches: fast on large pages).
_CHALLENGE = (
    b"cf-chl",
    b"challenge-platform",
    b"__cf_chl",
    b"jschl",
    b"just a moment...",
    b"checking your browser",
    b"ddos protection by",
    b"g-recaptcha",
    b"h-captcha",
    b"hcaptcha.com",
    b"please enable javascript and cookies",
    b"_incapsula_resource",
    b"ddos-guard",
    b"location.reload(",
    b"location.href=location.href",
    b"document.cookie=",
    b"document.cookie =",
)
_BANNED = (
    b"access denied",
    b"access to this page has been denied",
    b"request unsuccessful",
    b"you have been blocked",
    b"ip address has been blocked",
    b"your ip has been banned",
    "truy cập bị từ chối".encode(),
)
_VISIBLE_TEXT = re.compile(rb"<(script|style)\b.*?</\1>|<[^>]+>", re.DOTALL | re.IGNORECASE)


def _visible_length(body: bytes) -> int:
    return len(b"".join(_VISIBLE_TEXT.sub(b" ", body[:200_000]).split()))


def block_kind(response: Response) -> str | None:
    """'js_challenge' or 'ban' when the response is an anti-bot page instead of content, else None.

    Challenge pages are small, show almost no text and carry a script that sets a cookie and
    reloads (or a known vendor's marker); ban pages say so, usually with 403/429/503.
    """
    body = response.body
    if not body or len(body) > 300_000:
        return None
    head = body[:100_000].lower()
    challenge = any(marker in head for marker in _CHALLENGE)
    banned = any(marker in head for marker in _BANNED)
    if not (challenge or banned) or _visible_length(head) >= 1500:
        return None  # the usual case, decided without measuring the visible text
    if challenge:
        return "js_challenge"
    if response.status in (401, 403, 429, 503) or b"<article" not in head:
        return "ban"
    return None


_HTML_TYPES = (b"text/html", b"application/xhtml+xml")


def looks_like_html(response: Response) -> bool:
    content_type = (response.headers.get(b"Content-Type") or b"").split(b";")[0].strip().lower()
    if content_type in _HTML_TYPES:
        return True
    if content_type and not content_type.startswith(b"text/") and content_type != b"application/octet-stream":
        return False
    start = response.body[:1024].lstrip().lower()
    return start.startswith((b"<!doctype html", b"<html")) or b"<body" in response.body[:4096].lower()


def is_empty(response: Response) -> bool:
    body = response.body
    if not body.strip():
        return True
    if len(body) > 4096:  # only small bodies can be blank once decoded (a BOM, NBSPs)
        return False
    return isinstance(response, TextResponse) and not response.text.strip()


def count(stats: Any, source_id: str | None, category: str, kind: str | None = None) -> None:
    """Count an outcome globally and for its source."""
    key = category if kind is None else f"{category}/{kind}"
    stats.inc_value(f"duluan/{key}")
    if source_id:
        stats.inc_value(f"duluan/source/{source_id}/{key}")
