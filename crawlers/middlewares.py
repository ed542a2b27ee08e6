"""Downloader middlewares: stop a response larger than the limit; discard anti-bot, empty and non-HTML
responses with a counted reason; retry with exponential backoff.

Wired in `crawlers.settings` (DOWNLOADER_MIDDLEWARES). Only requests made by the news spider (those
carrying `duluan_kind` in their meta) are judged; robots.txt fetches pass untouched.
"""

from __future__ import annotations

import zlib
from typing import Any

from scrapy import Request, signals
from scrapy.crawler import Crawler
from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.http import Response
from scrapy.settings import BaseSettings
from scrapy.utils.defer import maybe_deferred_to_future
from twisted.internet.task import deferLater

from crawlers.outcomes import DISCARDED, ERROR, Discarded, TooLarge, block_kind, is_empty, looks_like_html

KIND = "duluan_kind"  # request meta: "article", "feed", "sitemap" or "listing"
_DELAY = "duluan_retry_delay"
_RETRY_AFTER = "duluan_retry_after"


_RECEIVED = "duluan_bytes_received"


class SizeGuardMiddleware:
    """Every response over DOWNLOAD_MAXSIZE ends as `errors/too_large`, however it is oversize.

    Through Scrapy's download signals (which fire before Scrapy's own size checks): a declared
    Content-Length over the limit stops at the headers, a body without one stops once the bytes
    received pass the limit. A compressed body (gzip or deflate: a gzip bomb) is inflated here, at
    most limit + 1 bytes, before Scrapy's decompression sees it. Each raises `TooLarge`, which the
    request's errback counts.
    """

    def __init__(self, limit: int) -> None:
        self.limit = limit

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> SizeGuardMiddleware:
        guard = cls(crawler.settings.getint("DOWNLOAD_MAXSIZE"))
        if guard.limit:
            crawler.signals.connect(guard.headers_received, signal=signals.headers_received)
            crawler.signals.connect(guard.bytes_received, signal=signals.bytes_received)
        return guard

    def headers_received(self, headers: Any, body_length: int, request: Request, **_: Any) -> None:
        if body_length is not None and isinstance(body_length, int) and body_length > self.limit:
            raise TooLarge(f"Content-Length {body_length} over {self.limit} bytes")

    def bytes_received(self, data: bytes, request: Request, **_: Any) -> None:
        received = request.meta.get(_RECEIVED, 0) + len(data)
        request.meta[_RECEIVED] = received
        if received > self.limit:
            raise TooLarge(f"more than {self.limit} bytes received")

    def process_response(self, request: Request, response: Response) -> Response:
        request.meta.pop(_RECEIVED, None)  # a retry or redirect of this request counts afresh
        if self.limit and request.method != "HEAD":
            for encoding in response.headers.getlist(b"Content-Encoding"):
                if _inflated_over(response.body, encoding.strip().lower(), self.limit):
                    raise Discarded(ERROR, "too_large")
        return response


def _inflated_over(body: bytes, encoding: bytes, limit: int) -> bool:
    """True when a gzip/deflate body inflates to more than `limit` bytes (checked in bounded memory)."""
    if encoding in (b"gzip", b"x-gzip"):
        wbits = 16 + zlib.MAX_WBITS
    elif encoding == b"deflate":
        wbits = zlib.MAX_WBITS if body[:1] == b"\x78" else -zlib.MAX_WBITS  # zlib-wrapped or raw
    else:
        return False  # br, zstd: Scrapy's own decompression limit applies
    inflater = zlib.decompressobj(wbits)
    size, pending = 0, body
    try:
        while pending and not inflater.eof:
            size += len(inflater.decompress(pending, 1 << 20))
            if size > limit:
                return True
            pending = inflater.unconsumed_tail
    except zlib.error:
        return False  # a broken body: Scrapy's middleware reports it
    return False


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
