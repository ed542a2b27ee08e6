"""Run a crawl from Python: Scrapy in a child process, so a process can crawl many times."""

from __future__ import annotations

import multiprocessing
import os
import threading
import time
from dataclasses import dataclass
from queue import Empty
from typing import Any

from config import AppConfig


@dataclass(frozen=True)
class CrawlResult:
    stats: dict[str, Any]

    @property
    def stored(self) -> int:
        return int(self.stats.get("duluan/stored", 0))

    @property
    def peak_rss_kb(self) -> int:
        """Peak resident memory of the crawl process."""
        return int(self.stats.get("duluan/peak_rss_kb", 0))

    @property
    def dropped(self) -> dict[str, int]:
        prefix = "duluan/dropped/"
        return {k[len(prefix) :]: int(v) for k, v in self.stats.items() if k.startswith(prefix)}


def _jsonable(stats: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in stats.items():
        out[key] = value.isoformat() if hasattr(value, "isoformat") else value
    return out


def _exit_with_parent(parent: int) -> None:
    """Stop the crawl child when the process that started it dies (e.g. killed with SIGKILL), instead of
    crawling on unsupervised: what was stored stays stored, the next crawl does the rest."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(70)

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()


def _crawl_in_process(
    app: AppConfig, sources: list[str], since_days: int | None, fast: bool, queue: Any, parent: int
) -> None:
    from scrapy.crawler import CrawlerProcess

    _exit_with_parent(parent)

    from crawlers.settings import scrapy_settings
    from crawlers.spiders.news import NewsSpider

    settings = scrapy_settings(app, fast=fast)
    if since_days:
        settings["DULUAN_SINCE_DAYS"] = since_days
    process = CrawlerProcess(settings)
    crawler = process.create_crawler(NewsSpider)
    process.crawl(crawler, sources=",".join(sources))
    process.start()
    queue.put(_jsonable(crawler.stats.get_stats()))


def crawl(
    app: AppConfig, *, sources: list[str] | None = None, since_days: int | None = None, fast: bool = False
) -> CrawlResult:
    """Crawl the enabled (or given) sources; articles are stored as they arrive. Returns Scrapy's stats."""
    app.enabled_sources(sources)  # unknown ids fail here, before a process starts
    context = multiprocessing.get_context("spawn")
    queue = context.Queue()
    args = (app, sources or [], since_days, fast, queue, os.getpid())
    child = context.Process(target=_crawl_in_process, args=args)
    child.start()
    stats: dict[str, Any] = {}
    try:
        while True:
            try:
                stats = queue.get(timeout=1)
                break
            except Empty:
                if not child.is_alive():
                    break
    finally:
        child.join()
    if child.exitcode != 0 and not stats:
        raise RuntimeError(f"crawler process exited with code {child.exitcode}")
    return CrawlResult(stats)
