"""The config-driven news spider: discovers article URLs from feeds, sitemaps and listing pages.

Incremental: URLs already stored (as fetched or canonical URL) are not downloaded again; feeds,
sitemaps and listings are fetched conditionally (ETag / Last-Modified from the previous crawl);
listings are paged back only while they hold new URLs inside the date horizon. Every outcome is
counted per source (see `crawlers.outcomes`); the per-source totals are stored when the crawl ends.
"""

from __future__ import annotations

import resource
from collections import Counter
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

from parsel import Selector
from scrapy import Request, Spider, signals
from scrapy.crawler import Crawler
from scrapy.http import Response
from scrapy.utils.gz import gunzip

from config import AppConfig, load_config
from config.models import Discovery, Source
from crawlers.discovery import BrokenDocument, Found, feed_entries, listing_links, next_page, sitemap_entries
from crawlers.extract import extract
from crawlers.health import source_runs
from crawlers.middlewares import KIND
from crawlers.outcomes import DISCARDED, ERROR, NOT_MODIFIED, ROBOTS, TRANSIENT, classify_failure, count
from crawlers.pages import page_text
from crawlers.urls import canonical_url, is_http_url, trusted_canonical, url_allowed
from nlp.text import head
from storage.articles import stored_urls
from storage.db import session_scope
from storage.fetch_validators import Validators, load_validators, save_validators
from storage.records import RawArticle
from storage.source_health import record_source_runs

ListingKey = tuple[str, str]  # (source id, first listing URL)


class NewsSpider(Spider):
    """`scrapy crawl news [-a sources=id1,id2] [-a since_days=N]`."""

    name = "news"

    @classmethod
    def update_settings(cls, settings: Any) -> None:
        """Run as `scrapy crawl news`, take duluan's settings (UA, politeness, limits) from its config."""
        super().update_settings(settings)
        if settings.get("DULUAN_APP") is None:
            from crawlers.settings import scrapy_settings

            settings.setdict(scrapy_settings(load_config()), priority="spider")

    def __init__(self, sources: str = "", since_days: str = "", **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._only = [s for s in sources.split(",") if s]
        self._since_days = int(since_days) if since_days else None
        self._seen: set[str] = set()
        self._requested: set[str] = set()
        self._refused: set[tuple[str, str]] = set()
        self._validators: dict[str, Validators] = {}
        self._new_validators: dict[str, Validators] = {}
        self._dirty: set[str] = set()  # discovery URLs whose articles did not all come through
        self._past_horizon: set[ListingKey] = set()
        self._store_failed = False
        self._crawled: list[str] = []
        self._per_source: Counter[str] = Counter()  # article requests per source (max_feed_articles)

    app: AppConfig
    since: datetime
    db_url: str
    shared_frontier: bool = False
    started_at: datetime
    cpu_at_start: float

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> NewsSpider:
        spider = super().from_crawler(crawler, *args, **kwargs)
        app = crawler.settings.get("DULUAN_APP")
        spider.app = app if isinstance(app, AppConfig) else load_config()
        days = spider._since_days or crawler.settings.getint("DULUAN_SINCE_DAYS", 0)
        days = days or spider.app.settings.crawl_since_days
        spider.started_at = datetime.now(UTC)
        spider.cpu_at_start = 0.0
        spider.since = spider.started_at - timedelta(days=days)
        spider.db_url = spider.app.settings.resolved_database_url
        # with scrapy-redis, the shared duplicate filter is what makes N processes fetch each URL once
        spider.shared_frontier = "scrapy_redis" in str(crawler.settings.get("SCHEDULER", ""))
        crawler.signals.connect(spider._on_item_error, signal=signals.item_error)
        return spider

    def _count(self, source: Source | None, category: str, kind: str | None = None) -> None:
        count(self.crawler.stats, source.id if source else None, category, kind)

    # --- discovery requests ------------------------------------------------------------

    async def start(self) -> Any:
        self.cpu_at_start = _cpu_seconds()  # the crawl's own CPU time is reported (not start-up's)
        for request in self.start_requests():
            yield request

    def start_requests(self) -> Iterator[Request]:
        sources = self.app.enabled_sources(self._only or None)
        self._crawled = [s.id for s in sources]
        with session_scope(self.db_url) as session:
            self._validators = load_validators(session, (d.url for s in sources for d in s.discovery))
        for source in sources:
            for discovery in source.discovery:
                yield self._discovery_request(source, discovery, discovery.url, kind=discovery.kind)

    def _discovery_request(
        self, source: Source, discovery: Discovery, url: str, *, kind: str, page: int = 1, priority: int = 0
    ) -> Request:
        """A feed, sitemap or listing request, conditional when validators are known for `url`."""
        headers = {}
        if url not in self._validators:  # a child sitemap or a later listing page
            with session_scope(self.db_url) as session:
                self._validators[url] = load_validators(session, [url]).get(url, (None, None))
        etag, modified = self._validators[url]
        if etag:
            headers["If-None-Match"] = etag
        if modified:
            headers["If-Modified-Since"] = modified
        callbacks = {"rss": self.parse_feed, "sitemap": self.parse_sitemap, "listing": self.parse_listing}
        callback = callbacks[kind]
        return Request(
            url,
            callback=callback,
            errback=self.on_error,
            headers=headers,
            priority=priority,
            dont_filter=not self.shared_frontier,
            meta={
                "source": source,
                "discovery": discovery,
                "page": page,
                KIND: "feed" if kind == "rss" else kind,
                "handle_httpstatus_list": [304],
            },
        )

    def on_error(self, failure: Any) -> None:
        request = failure.request
        source: Source | None = request.meta.get("source")
        category, kind = classify_failure(failure.value)
        self._count(source, category, None if category == ROBOTS else kind)
        if category == ERROR and TRANSIENT.match(kind) and request.meta.get("via"):
            self._dirty.add(request.meta["via"])
        level = self.logger.info if category in (ROBOTS, NOT_MODIFIED, DISCARDED) else self.logger.warning
        level("%s (%s): %s", category, kind, request.url)

    def _answered(self, response: Response) -> bool:
        """False (and counted) when a discovery URL was not modified since the last crawl."""
        if response.status == 304:
            self._count(response.meta["source"], NOT_MODIFIED)
            self._count(response.meta["source"], "responses")
            return False
        return True

    def _parsed(self, response: Response) -> None:
        """A discovery document was read: the source answered; its validators are kept for next time."""
        self._count(response.meta["source"], "responses")
        etag = response.headers.get(b"ETag")
        modified = response.headers.get(b"Last-Modified")
        if etag or modified:
            self._new_validators[_origin(response)] = (
                etag.decode("latin-1") if etag else None,
                modified.decode("latin-1") if modified else None,
            )

    def _broken(self, response: Response, kind: str) -> None:
        self._count(response.meta["source"], ERROR, kind)
        self.logger.warning("%s: %s", kind, response.url)

    # --- article URLs --------------------------------------------------------------------

    def _follow(
        self, source: Source, found: Iterable[Found], *, via: str, listing: ListingKey | None = None
    ) -> tuple[list[Request], int]:
        """Requests for allowed article URLs inside the horizon, not stored and not requested in this
        run; and how many allowed URLs were not stored before the run (0: past what we have)."""
        allowed: dict[str, Found] = {}
        for item in found:
            url = canonical_url(item.url)
            if not is_http_url(url):  # file:, data:, ftp: … are never fetched
                self._count(source, "skipped", "not_http")
            elif item.when is not None and item.when < self.since:
                self._count(source, "skipped", "older_than_horizon")
            elif url_allowed(url, source.allow, source.deny):
                allowed.setdefault(url, item)
            elif (source.id, url) not in self._refused:
                self._refused.add((source.id, url))
                self._count(None, "skipped", "url_not_allowed")
        with session_scope(self.db_url) as session:
            known = stored_urls(session, allowed)
        requests = []
        for url in allowed:
            if url in self._seen:
                continue
            self._seen.add(url)
            if url in known:
                self._count(source, "skipped", "already_stored")
                continue
            if self._per_source[source.id] >= self.app.settings.max_feed_articles:
                self._count(source, "skipped", "over_source_limit")  # requested next crawl
                self._dirty.add(via)  # so the feed is read in full again (no 304 hiding the rest)
                continue
            self._per_source[source.id] += 1
            self._count(source, "discovered")
            self._requested.add(url)
            meta = {"source": source, KIND: "article", "via": via, "listing": listing}
            # dont_filter: this spider deduplicates itself, and a redirect loop must reach its limit
            # (and be counted) instead of vanishing in Scrapy's duplicate filter.
            requests.append(
                Request(
                    url,
                    callback=self.parse_article,
                    errback=self.on_error,
                    meta=meta,
                    dont_filter=not self.shared_frontier,
                )
            )
        # URLs requested earlier in this run count as new even once stored: the horizon is what the
        # database held before the run.
        return requests, sum(1 for url in allowed if url not in known or url in self._requested)

    def parse_feed(self, response: Response) -> Iterator[Request]:
        if not self._answered(response):
            return
        try:
            entries = feed_entries(response.body, response.url)
        except BrokenDocument:
            self._broken(response, "broken_feed")
            return
        self._parsed(response)
        yield from self._follow(response.meta["source"], entries, via=_origin(response))[0]

    def parse_sitemap(self, response: Response) -> Iterator[Request]:
        if not self._answered(response):
            return
        source: Source = response.meta["source"]
        body = response.body
        try:
            if body[:2] == b"\x1f\x8b":
                body = gunzip(body, max_size=self.app.settings.max_page_bytes * 10)
            kind, entries = sitemap_entries(body, response.url)
        except (BrokenDocument, OSError, ValueError):
            self._broken(response, "broken_sitemap")
            return
        self._parsed(response)
        if kind == "urlset":
            yield from self._follow(source, entries, via=_origin(response))[0]
            return
        for child in entries:
            if child.when is not None and child.when < self.since:
                self._count(source, "skipped", "sitemap_older_than_horizon")
                continue
            yield self._discovery_request(source, response.meta["discovery"], child.url, kind="sitemap")

    def parse_listing(self, response: Response) -> Iterator[Request]:
        if not self._answered(response):
            return
        source: Source = response.meta["source"]
        discovery: Discovery = response.meta["discovery"]
        page: int = response.meta["page"]
        key = (source.id, discovery.url)
        if key in self._past_horizon:
            self._count(source, "skipped", "listing_past_horizon")
            return
        self._parsed(response)
        selector = Selector(text=page_text(response))
        links = listing_links(selector, response.url, discovery.link_selector)
        requests, fresh = self._follow(source, links, via=_origin(response), listing=key)
        yield from requests
        mine = [f for f in links if f.when and url_allowed(canonical_url(f.url), source.allow, source.deny)]
        all_old = bool(mine) and all(f.when is not None and f.when < self.since for f in mine)
        following = next_page(selector, response.url, discovery.next_selector)
        if following and page < discovery.max_pages and fresh and not all_old:
            # Below the articles: they are fetched first, so a page of old articles stops the paging.
            yield self._discovery_request(
                source, discovery, following, kind="listing", page=page + 1, priority=-1
            )

    # --- articles ------------------------------------------------------------------------

    def parse_article(self, response: Response) -> Iterator[RawArticle]:
        source: Source = response.meta["source"]
        self._count(source, "responses")
        extracted = extract(page_text(response), response.url, source.selectors)
        if extracted is None:
            self._count(source, DISCARDED, "no_article_body")
            return
        listing = response.meta.get("listing")
        if listing and extracted.published_at is not None and extracted.published_at < self.since:
            self._past_horizon.add(listing)
        declared = response.urljoin(extracted.canonical_url) if extracted.canonical_url else None
        canonical, foreign = trusted_canonical(source, response.url, declared)
        if foreign:
            self._count(source, DISCARDED, "foreign_canonical")
            self.logger.info("foreign canonical %s of %s: kept the fetched URL", declared, response.url)
        yield RawArticle(
            url=canonical_url(_origin(response)),
            canonical_url=canonical,
            source_id=source.id,
            title=extracted.title,
            sapo=extracted.sapo,
            text=head(extracted.text, self.app.settings.max_article_chars),  # stored text is bounded
            author=extracted.author,
            published_at=extracted.published_at,
            published_source=extracted.published_source,
            fetched_at=datetime.now(UTC),
            tags=tuple(extracted.tags),
            html_bytes=len(response.body),
            extraction=extracted.method,
        )

    # --- end of crawl --------------------------------------------------------------------

    def _on_item_error(self, *args: Any, **kwargs: Any) -> None:
        self._store_failed = True

    def closed(self, reason: str) -> None:
        """Store each source's outcome; keep feed validators only after a complete, clean crawl (a
        feed whose articles did not all arrive is fetched in full next time)."""
        now = datetime.now(UTC)
        stats = self.crawler.stats
        assert stats is not None
        stats.set_value("duluan/peak_rss_kb", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
        stats.set_value("duluan/cpu_seconds", round(_cpu_seconds() - self.cpu_at_start, 3))
        runs = source_runs(stats.get_stats(), self._crawled, started=self.started_at, finished=now)
        keep = {u: v for u, v in self._new_validators.items() if u not in self._dirty}
        with session_scope(self.db_url) as session:
            record_source_runs(session, runs)
            if reason == "finished" and not self._store_failed:
                save_validators(session, keep, now)


def _origin(response: Response) -> str:
    """The URL that was requested (before any redirect)."""
    return str((response.meta.get("redirect_urls") or [response.url])[0])


def _cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime
