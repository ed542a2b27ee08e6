"""Downloader middlewares: discard anti-bot, empty and non-HTML responses with a counted reason;
retry with exponential backoff.

Wired in `crawlers.settings` (DOWNLOADER_MIDDLEWARES). Only requests made by the news spider (those
carrying `duluan_kind` in their meta) are judged; robots.txt fetches pass untouched.
"""

from __future__ import annotations

from scrapy import Request
from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.http import Response
from scrapy.settings import BaseSettings
from scrapy.utils.defer import maybe_deferred_to_future
from twisted.internet.task import deferLater

from crawlers.outcomes import DISCARDED, ERROR, Discarded, block_kind, is_empty, looks_like_html

KIND = "duluan_kind"  # request meta: "article", "feed", "sitemap" or "listing"
_DELAY = "duluan_retry_delay"
_RETRY_AFTER = "duluan_retry_after"


class ResponseGuardMiddleware:
    """Ban and JavaScript-challenge pages, empty bodies and non-HTML pages never reach the parsers:
    they are raised as `Discarded` and the request's errback counts them by reason."""

    def process_response(self, request: Request, response: Response) -> Response:
        kind = request.meta.get(KIND)
        if kind is None or response.status == 304:
            return response
        blocked = block_kind(response)
        if blocked:
            raise Discarded(ERROR, blocked)
        if 200 <= response.status < 300:
            if is_empty(response):
                raise Discarded(DISCARDED, "empty")
            if kind in ("article", "listing") and not looks_like_html(response):
                raise Discarded(DISCARDED, "not_html")
        return response


class BackoffRetryMiddleware(RetryMiddleware):
    """Scrapy's retries (5xx, 408, 429, timeouts, lost connections) spaced out: the n-th retry of a
    request waits DULUAN_RETRY_BACKOFF * 2**(n-1) seconds (at most DULUAN_RETRY_BACKOFF_MAX, or the
    server's Retry-After when it asks for longer, within the same cap) before it is sent."""

    def __init__(self, settings: BaseSettings) -> None:
        super().__init__(settings)
        self.base = settings.getfloat("DULUAN_RETRY_BACKOFF", 1.0)
        self.cap = settings.getfloat("DULUAN_RETRY_BACKOFF_MAX", 60.0)

    def process_response(  # type: ignore[override]
        self, request: Request, response: Response
    ) -> Request | Response:
        after = response.headers.get(b"Retry-After")
        if after and after.strip().isdigit():
            request.meta[_RETRY_AFTER] = float(after.strip())
        return super().process_response(request, response)

    def _retry(self, request: Request, reason: str | Exception | type[Exception]) -> Request | None:
        retry = super()._retry(request, reason)
        if retry is not None:
            attempt = int(retry.meta.get("retry_times", 1))
            wait = max(self.base * 2 ** (attempt - 1), float(retry.meta.pop(_RETRY_AFTER, 0)))
            retry.meta[_DELAY] = min(self.cap, wait)
        return retry

    async def process_request(self, request: Request) -> None:
        delay = float(request.meta.pop(_DELAY, 0) or 0)
        if delay > 0:
            from twisted.internet import reactor  # the running reactor (imported late: never install one)

            await maybe_deferred_to_future(deferLater(reactor, delay, lambda: None))
