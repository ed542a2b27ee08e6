"""Item pipelines: validate (DropItem with a counted reason) and store through `storage`."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any

from scrapy import Spider
from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem

from config import AppConfig, load_config
from crawlers.dates import aware
from crawlers.outcomes import count
from nlp.text import tidy
from storage.articles import insert_article, sync_sources
from storage.db import ensure_schema, session_scope
from storage.records import RawArticle

MIN_TEXT_CHARS = 200


def _app(crawler: Crawler) -> AppConfig:
    app = crawler.settings.get("DULUAN_APP")
    return app if isinstance(app, AppConfig) else load_config()


class ValidatePipeline:
    """Drops items that are not usable articles; each discard is counted by reason."""

    def __init__(self, stats: Any, since: datetime | None) -> None:
        self.stats = stats
        self.since = since

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ValidatePipeline:
        days = crawler.settings.getint("DULUAN_SINCE_DAYS", 0) or _app(crawler).settings.crawl_since_days
        pipeline = cls(crawler.stats, datetime.now(UTC) - timedelta(days=days))
        pipeline.crawler = crawler
        return pipeline

    crawler: Crawler | None = None

    def open_spider(self, spider: Spider | None = None) -> None:
        """The spider's date horizon (it may come from `-a since_days=N`): older articles are not wanted."""
        since = getattr(self.crawler.spider if self.crawler else spider, "since", None)
        if isinstance(since, datetime):
            self.since = since

    def _drop(self, reason: str, item: RawArticle) -> DropItem:
        count(self.stats, item.source_id, "dropped", reason)
        return DropItem(f"{reason}: {item.url}")

    def process_item(self, item: RawArticle, spider: Spider | None = None) -> RawArticle:
        item = replace(
            item,
            title=tidy(item.title) if item.title else None,
            sapo=tidy(item.sapo) if item.sapo else None,
            text=tidy(item.text),
            author=tidy(item.author) if item.author else None,
            published_at=aware(item.published_at),
        )
        if len(item.text) < MIN_TEXT_CHARS:
            raise self._drop("too_short", item)
        if item.published_at is not None and self.since is not None and item.published_at < self.since:
            raise self._drop("too_old", item)
        return item


class StorePipeline:
    """Writes each article as it arrives (an interrupted crawl keeps what it got)."""

    def __init__(self, app: AppConfig, stats: Any) -> None:
        self.app = app
        self.url = app.settings.resolved_database_url
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> StorePipeline:
        return cls(_app(crawler), crawler.stats)

    def open_spider(self, spider: Spider | None = None) -> None:
        ensure_schema(self.url)
        with session_scope(self.url) as session:
            sync_sources(session, self.app.sources.sources, datetime.now(UTC))

    def process_item(self, item: RawArticle, spider: Spider | None = None) -> RawArticle:
        with session_scope(self.url) as session:
            article_id = insert_article(session, item)
        if article_id is None:
            count(self.stats, item.source_id, "dropped", "already_stored")
            raise DropItem(f"already_stored: {item.canonical_url}")
        count(self.stats, item.source_id, "stored")
        return item
