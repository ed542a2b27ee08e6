"""The generated site's HTTP server: conditional GET, per-path hit counts, and injectable faults."""

from __future__ import annotations

import hashlib
import sys
import threading
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import urlsplit

from crawlers.dates import VN
from tests.sites.sim_site.pages import (
    PER_PAGE,
    SimArticle,
    article_page,
    listing_page,
    listing_path,
    make_articles,
    rss,
    sitemaps,
)

HTML = "text/html; charset=utf-8"


@dataclass
class Reply:
    """How the server answers one path. `then` replaces this reply after `times` answers."""

    status: int = 200
    body: bytes = b""
    content_type: str | None = HTML
    headers: tuple[tuple[str, str], ...] = ()
    delay: float = 0.0  # seconds before answering (longer than the client's timeout: a timeout)
    declared_length: int | None = None  # a Content-Length larger than the body: a truncated transfer
    stream_bytes: int = 0  # send this many filler bytes after `body` (a huge page, never held in memory)
    no_length: bool = False  # send no Content-Length: the body ends when the connection closes
    times: int = 0
    then: Reply | None = None
    validators: bool = False  # send ETag/Last-Modified and answer If-None-Match with 304


@dataclass
class SimSite:
    """A news site of `count` generated articles (newest at `end`, one per `step`), with a feed, a
    sitemap index (monthly urlsets + a news sitemap), paginated listings and robots.txt.

    `routes` adds or overrides paths (faults); `extra_links` are listed in the feed and on the first
    listing page (so the crawler finds the fault paths). `article_delay` slows every article page.
    """

    count: int = 40
    end: datetime = field(default_factory=lambda: datetime.now(VN).replace(second=0, microsecond=0))
    step: timedelta = timedelta(minutes=30)
    routes: dict[str, Reply] = field(default_factory=dict)
    extra_links: Sequence[str] = ()
    robots_disallow: Sequence[str] = ()
    article_delay: float = 0.0
    listing_dates: bool = True  # show each article's date beside its link on listings
    hits: Counter[str] = field(default_factory=Counter)
    statuses: list[tuple[str, int]] = field(default_factory=list)
    hit_times: dict[str, list[float]] = field(default_factory=dict)
    agents: set[str] = field(default_factory=set)
    max_in_flight: int = 0

    def __post_init__(self) -> None:
        self.articles: list[SimArticle] = make_articles(self.count, end=self.end, step=self.step)
        self.base = ""
        self._pages: dict[str, Reply] = {}
        self._lock = threading.Lock()
        self._in_flight = 0

    def add_articles(self, count: int) -> list[SimArticle]:
        """Publish `count` new articles after the newest one; feeds, sitemaps and listings change."""
        start = len(self.articles)
        newest = self.articles[0].published if self.articles else self.end
        fresh = make_articles(start + count, end=newest + self.step * count, step=self.step)[start:]
        # Numbers stay unique; the new ones are the newest.
        fresh = [
            SimArticle(a.number, newest + self.step * (i + 1), a.title, a.sapo, a.body, a.author)
            for i, a in enumerate(fresh)
        ]
        with self._lock:
            self.articles = sorted([*self.articles, *fresh], key=lambda a: a.published, reverse=True)
            self._build()
        return fresh

    def _build(self) -> None:
        base, ordered = self.base, self.articles
        pages: dict[str, Reply] = {}
        for i, article in enumerate(ordered):
            related = ordered[i + 1 : i + 4]
            body = article_page(article, base, related)
            pages[article.path] = Reply(body=body, delay=self.article_delay, validators=True)
        total = max(1, -(-len(ordered) // PER_PAGE))
        for page in range(1, total + 1):
            extra = list(self.extra_links) if page == 1 else []
            body = listing_page(ordered, page, extra, dates=self.listing_dates)
            pages[listing_path(page)] = Reply(body=body, validators=True)
        pages["/rss.xml"] = Reply(
            body=rss(ordered, base, list(self.extra_links)),
            content_type="application/rss+xml; charset=utf-8",
            validators=True,
        )
        for path, body in sitemaps(ordered, base).items():
            pages[path] = Reply(body=body, content_type="application/xml", validators=True)
        robots = "User-agent: *\n" + "".join(f"Disallow: {p}\n" for p in self.robots_disallow)
        pages["/robots.txt"] = Reply(
            body=(robots + f"Sitemap: {base}/sitemap.xml\n").encode(), content_type="text/plain"
        )
        pages["/"] = pages[listing_path(1)]
        pages.update(self.routes)
        self._pages = pages

    @contextmanager
    def request(self, user_agent: str) -> Iterator[None]:
        """Bookkeeping of one request being answered (agents seen, peak concurrency)."""
        with self._lock:
            self._in_flight += 1
            self.max_in_flight = max(self.max_in_flight, self._in_flight)
            self.agents.add(user_agent)
        try:
            yield
        finally:
            with self._lock:
                self._in_flight -= 1

    def reply_for(self, path: str) -> Reply | None:
        with self._lock:
            self.hits[path] += 1
            self.hit_times.setdefault(path, []).append(time.monotonic())
            reply = self._pages.get(path)
            if reply is not None and reply.then is not None:
                if reply.times <= 0:
                    reply = self._pages[path] = reply.then
                else:
                    reply.times -= 1
            return reply

    def article_hits(self) -> dict[str, int]:
        return {a.path: self.hits[a.path] for a in self.articles}

    @contextmanager
    def serve(self) -> Iterator[str]:
        server = _Server(("127.0.0.1", 0), self)
        self.base = f"http://127.0.0.1:{server.server_address[1]}"
        with self._lock:
            self._build()
        thread = threading.Thread(target=server.serve_forever, name="sim-site", daemon=True)
        thread.start()
        try:
            yield self.base
        finally:
            server.shutdown()
            server.server_close()
            thread.join(timeout=5)


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False
    request_queue_size = 128

    def __init__(self, address: tuple[str, int], site: SimSite) -> None:
        super().__init__(address, _Handler)
        self.site = site

    def handle_error(self, request: Any, client_address: Any) -> None:
        if not isinstance(sys.exc_info()[1], ConnectionError | TimeoutError):
            super().handle_error(request, client_address)


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    protocol_version = "HTTP/1.1"
    server_version = "SimSite/1.0"

    def do_GET(self) -> None:
        with self.server.site.request(self.headers.get("User-Agent", "")):
            self._answer(urlsplit(self.path).path)

    def _answer(self, path: str) -> None:
        reply = self.server.site.reply_for(path)
        if reply is None:
            reply = Reply(
                status=404, body=b"<html><body><h1>Kh\xc3\xb4ng t\xc3\xacm th\xe1\xba\xa5y</h1></body></html>"
            )
        if reply.delay:
            time.sleep(reply.delay)
        headers = list(reply.headers)
        if reply.validators:
            etag = '"' + hashlib.sha1(reply.body).hexdigest()[:16] + '"'
            headers += [
                ("ETag", etag),
                ("Last-Modified", format_datetime(self._stamp().astimezone(UTC), usegmt=True)),
            ]
            if self.headers.get("If-None-Match") == etag:
                self._record(path, 304)
                self.send_response(304)
                for name, value in headers:
                    self.send_header(name, value)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
        self._record(path, reply.status)
        self.send_response(reply.status)
        if reply.content_type:
            self.send_header("Content-Type", reply.content_type)
        for name, value in headers:
            self.send_header(name, value)
        length = reply.declared_length or len(reply.body) + reply.stream_bytes
        if reply.no_length:
            self.send_header("Connection", "close")
            self.close_connection = True
        else:
            self.send_header("Content-Length", str(length))
        self.end_headers()
        self.wfile.write(reply.body)
        chunk = b"<p>" + b"x" * 65_530 + b"</p>\n"
        sent = 0
        try:
            while sent < reply.stream_bytes:
                piece = chunk[: reply.stream_bytes - sent]
                self.wfile.write(piece)
                sent += len(piece)
        except (BrokenPipeError, ConnectionResetError):  # the client gave up on a huge page
            self.close_connection = True
            return
        if reply.declared_length is not None:
            self.wfile.flush()
            self.close_connection = True

    def _stamp(self) -> datetime:
        articles = self.server.site.articles
        return (articles[0].published if articles else datetime(2026, 1, 1, tzinfo=VN)).astimezone(VN)

    def _record(self, path: str, status: int) -> None:
        self.server.site.statuses.append((path, status))

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet."""
