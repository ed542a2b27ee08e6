"""The config-driven news spider: discovers article URLs from feeds, sitemaps and listing pages."""

from __future__ import annotations

import calendar
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import feedparser
from scrapy import Request, Spider
from scrapy.crawler import Crawler
from scrapy.http import Response, TextResponse
from scrapy.utils.sitemap import Sitemap

from config import AppConfig, load_config
from config.models import Discovery, Source
from crawlers.extract import extract
from crawlers.items import ArticleItem
from crawlers.urls import canonical_url, url_allowed
from storage.articles import stored_urls
from storage.db import session_scope, upgrade


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

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> NewsSpider:
        spider = super().from_crawler(crawler, *args, **kwargs)
        app = crawler.settings.get("DULUAN_APP")
        spider.app = app if isinstance(app, AppConfig) else load_config()
        days = spider._since_days or crawler.settings.getint("DULUAN_SINCE_DAYS", 0)
        days = days or spider.app.settings.crawl_since_days
        spider.since = datetime.now(UTC) - timedelta(days=days)
        spider.db_url = spider.app.settings.resolved_database_url
        upgrade(spider.db_url)
        return spider

    app: AppConfig
    since: datetime
    db_url: str

    # --- discovery -----------------------------------------------------------------

    async def start(self) -> Any:
        for request in self.start_requests():
            yield request

    def start_requests(self) -> Iterator[Request]:
        for source in self.app.enabled_sources(self._only or None):
            for discovery in source.discovery:
                callback = {
                    "rss": self.parse_feed,
                    "sitemap": self.parse_sitemap,
                    "listing": self.parse_listing,
                }
                yield Request(
                    discovery.url,
                    callback=callback[discovery.kind],
                    errback=self.on_error,
                    meta={"source": source, "discovery": discovery, "page": 1},
                )

    def on_error(self, failure: Any) -> None:
        kind = type(failure.value).__name__
        self.crawler.stats.inc_value(f"duluan/errors/{kind}")
        source = failure.request.meta.get("source")
        if source is not None:
            self.crawler.stats.inc_value(f"duluan/errors_by_source/{source.id}")
        self.logger.warning("request failed (%s): %s", kind, failure.request.url)

    def _article_requests(self, source: Source, urls: Iterable[str]) -> Iterator[Request]:
        yield from self._new_articles(source, urls)[0]

    def _new_articles(self, source: Source, urls: Iterable[str]) -> tuple[list[Request], int]:
        """Requests for allowed article URLs not stored yet and not yet requested in this run, and the
        number of allowed URLs not stored (a listing page with none is past what we already have)."""
        allowed = []
        for url in dict.fromkeys(canonical_url(u) for u in urls):
            if url_allowed(url, source.allow, source.deny):
                allowed.append(url)
            elif (source.id, url) not in self._refused:
                self._refused.add((source.id, url))
                self.crawler.stats.inc_value("duluan/skipped/url_not_allowed")
        with session_scope(self.db_url) as session:
            known = stored_urls(session, allowed)
        requests = []
        for url in allowed:
            if url in self._seen:
                continue
            self._seen.add(url)
            if url in known:
                self.crawler.stats.inc_value("duluan/skipped/already_stored")
                continue
            self.crawler.stats.inc_value("duluan/discovered")
            self._requested.add(url)
            requests.append(
                Request(url, callback=self.parse_article, errback=self.on_error, meta={"source": source})
            )
        # URLs requested earlier in this run count as new even once stored: the horizon is what the
        # database held before the run.
        return requests, sum(1 for url in allowed if url not in known or url in self._requested)

    def parse_feed(self, response: Response) -> Iterator[Request]:
        source: Source = response.meta["source"]
        feed = feedparser.parse(response.body)
        if feed.bozo and not feed.entries:
            self.crawler.stats.inc_value("duluan/errors/broken_feed")
            return
        urls = []
        for entry in feed.entries:
            link = entry.get("link")
            parsed = entry.get("published_parsed") or entry.get("updated_parsed")
            if parsed is not None and datetime.fromtimestamp(calendar.timegm(parsed), UTC) < self.since:
                self.crawler.stats.inc_value("duluan/skipped/older_than_horizon")
                continue
            if link:
                urls.append(response.urljoin(link))
        yield from self._article_requests(source, urls)

    def parse_sitemap(self, response: Response) -> Iterator[Request]:
        source: Source = response.meta["source"]
        try:
            sitemap = Sitemap(response.body)
        except Exception:  # noqa: BLE001 - lxml raises several types for broken XML
            self.crawler.stats.inc_value("duluan/errors/broken_sitemap")
            return
        if sitemap.type == "sitemapindex":
            for entry in sitemap:
                yield Request(
                    response.urljoin(entry["loc"]),
                    callback=self.parse_sitemap,
                    errback=self.on_error,
                    meta=_ours(response.meta),
                )
            return
        urls = []
        for entry in sitemap:
            lastmod = entry.get("lastmod")
            when = _parse_lastmod(lastmod) if lastmod else None
            if when is not None and when < self.since:
                self.crawler.stats.inc_value("duluan/skipped/older_than_horizon")
                continue
            urls.append(response.urljoin(entry["loc"]))
        yield from self._article_requests(source, urls)

    def parse_listing(self, response: Response) -> Iterator[Request]:
        if not isinstance(response, TextResponse):
            self.crawler.stats.inc_value("duluan/skipped/not_html")
            return
        source: Source = response.meta["source"]
        discovery: Discovery = response.meta["discovery"]
        page: int = response.meta["page"]
        links = response.css(discovery.link_selector or "a::attr(href)").getall()
        requests, not_stored = self._new_articles(source, (response.urljoin(link) for link in links))
        yield from requests
        next_link = response.css(discovery.next_selector).get() if discovery.next_selector else None
        if next_link and page < discovery.max_pages and not_stored:
            yield Request(
                response.urljoin(next_link),
                callback=self.parse_listing,
                errback=self.on_error,
                meta={**_ours(response.meta), "page": page + 1},
            )

    # --- articles ------------------------------------------------------------------

    def parse_article(self, response: Response) -> Iterator[ArticleItem]:
        source: Source = response.meta["source"]
        if not isinstance(response, TextResponse):
            self.crawler.stats.inc_value("duluan/skipped/not_html")
            return
        extracted = extract(response.text, response.url, source.selectors)
        if extracted is None:
            self.crawler.stats.inc_value("duluan/skipped/no_article_body")
            return
        canonical = canonical_url(response.urljoin(extracted.canonical_url or response.url))
        yield ArticleItem(
            url=canonical_url(response.url),
            canonical_url=canonical,
            source_id=source.id,
            title=extracted.title,
            sapo=extracted.sapo,
            text=extracted.text,
            author=extracted.author,
            published_at=extracted.published_at,
            fetched_at=datetime.now(UTC),
            tags=list(extracted.tags),
            html_bytes=len(response.body),
            extraction=extracted.method,
        )


def _ours(meta: dict[str, Any]) -> dict[str, Any]:
    """Our own meta keys only (Scrapy's internal ones must not be copied to new requests)."""
    return {k: meta[k] for k in ("source", "discovery", "page") if k in meta}


def _parse_lastmod(value: str) -> datetime | None:
    from crawlers.dates import parse_iso

    return parse_iso(value)
