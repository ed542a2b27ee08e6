"""Run a crawl from Python: Scrapy in a child process, so a process can crawl many times."""

from __future__ import annotations

import multiprocessing
import os
import signal
import threading
import time
from collections.abc import Callable
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
    def outcomes(self) -> dict[str, int]:
        """The crawl's overall counters by `category/kind` (per-source ones left out): the stats-key
        format of `crawlers.outcomes` is read here, not by the callers."""
        prefix = "duluan/"
        return {
            k[len(prefix) :]: int(v)
            for k, v in self.stats.items()
            if k.startswith(prefix) and "/source/" not in k and isinstance(v, int | float)
        }

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
    app: AppConfig,
    sources: list[str],
    since_days: int | None,
    fast: bool,
    run_id: str | None,
    queue: Any,
    parent: int,
) -> None:
    from scrapy.crawler import CrawlerProcess

    _exit_with_parent(parent)

    from crawlers.settings import scrapy_settings
    from crawlers.spiders.news import NewsSpider

    settings = scrapy_settings(app, fast=fast, run_id=run_id)
    if since_days:
        settings["DULUAN_SINCE_DAYS"] = since_days
    process = CrawlerProcess(settings)
    crawler = process.create_crawler(NewsSpider)
    process.crawl(crawler, sources=",".join(sources))
    process.start()
    queue.put(_jsonable(crawler.stats.get_stats()))


def _forward_stop_signals(child: Any) -> Callable[[], None]:
    """SIGTERM/SIGINT to this process stop the crawler child gracefully (in-flight pages finish);
    returns the function that restores the previous handlers."""
    if threading.current_thread() is not threading.main_thread():
        return lambda: None

    def forward(signum: int, _frame: Any) -> None:
        if child.pid is not None and child.is_alive():
            os.kill(child.pid, signum)

    previous = {s: signal.signal(s, forward) for s in (signal.SIGTERM, signal.SIGINT)}

    def restore() -> None:
        for s, handler in previous.items():
            signal.signal(s, handler)

    return restore


def crawl(
    app: AppConfig,
    *,
    sources: list[str] | None = None,
    since_days: int | None = None,
    fast: bool = False,
    run_id: str | None = None,
) -> CrawlResult:
    """Crawl the enabled (or given) sources; articles are stored as they arrive. Returns Scrapy's stats.

    With `redis_url` set, processes given the same `run_id` (default: the current 30-minute slot) share
    one frontier on Redis."""
    app.enabled_sources(sources)  # unknown ids fail here, before a process starts
    context = multiprocessing.get_context("spawn")
    queue = context.Queue()
    args = (app, sources or [], since_days, fast, run_id, queue, os.getpid())
    child = context.Process(target=_crawl_in_process, args=args)
    child.start()
    forward = _forward_stop_signals(child)
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
        forward()
    if child.exitcode != 0 and not stats:
        raise RuntimeError(f"crawler process exited with code {child.exitcode}")
    return CrawlResult(stats)
