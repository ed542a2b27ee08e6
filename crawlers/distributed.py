"""Distributed crawling on Redis (scrapy-redis): N crawler processes split one frontier.

Every process of one crawl run shares a request queue and a duplicate filter in Redis under keys named
after the run, so each URL is fetched once in total. Keys expire a day after the run, so the next run
(30 minutes later) starts with a fresh filter while a run in progress keeps its state.
"""

from __future__ import annotations

import time
from datetime import UTC, datetime
from typing import Any

from scrapy import Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import DontCloseSpider

KEY_TTL_SECONDS = 24 * 3600
PEER_POLL_SECONDS = 0.25  # an idle process looks at the shared queue this often (Scrapy alone: every 5 s)


def run_slot(now: datetime | None = None, minutes: int = 30) -> str:
    """The default run id: processes started in the same 30-minute slot join the same crawl."""
    moment = (now or datetime.now(UTC)).astimezone(UTC)
    return moment.strftime("%Y%m%dT%H") + f"{moment.minute // minutes * minutes:02d}"


def redis_settings(redis_url: str, run_id: str) -> dict[str, Any]:
    prefix = f"duluan:{run_id}:%(spider)s"
    return {
        "SCHEDULER": "scrapy_redis.scheduler.Scheduler",
        "DUPEFILTER_CLASS": "scrapy_redis.dupefilter.RFPDupeFilter",
        "SCHEDULER_QUEUE_KEY": f"{prefix}:requests",
        "SCHEDULER_DUPEFILTER_KEY": f"{prefix}:dupefilter",
        "SCHEDULER_PERSIST": True,  # one process closing must not flush what the others still need
        "SCHEDULER_IDLE_BEFORE_CLOSE": 2,
        "REDIS_URL": redis_url,
        "DULUAN_RUN_ID": run_id,
        "EXTENSIONS": {"crawlers.distributed.ExpireRunKeys": 500, "crawlers.distributed.WaitForPeers": 510},
    }


class ExpireRunKeys:
    """Sets a TTL on the run's Redis keys when a process closes (the last one out leaves them to expire)."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ExpireRunKeys:
        extension = cls(crawler)
        crawler.signals.connect(extension.spider_closed, signal=signals.spider_closed)
        return extension

    def spider_closed(self, spider: Spider) -> None:
        from scrapy_redis.connection import get_redis_from_settings

        server = get_redis_from_settings(self.crawler.settings)
        for setting in ("SCHEDULER_QUEUE_KEY", "SCHEDULER_DUPEFILTER_KEY"):
            key = self.crawler.settings.get(setting) % {"spider": spider.name}
            server.expire(key, KEY_TTL_SECONDS)


class WaitForPeers:
    """Keeps an idle spider open for a grace period: a peer may still be parsing a feed or sitemap
    whose article requests will land in the shared queue. The spider closes once the shared queue has
    stayed empty and this process has done nothing for `DULUAN_PEER_GRACE` seconds."""

    def __init__(self, crawler: Crawler, grace: float, clock: Any = None) -> None:
        self.crawler = crawler
        self.grace = grace
        self.clock = clock  # a twisted IReactorTime; None: the running reactor
        self.pending: Any = None  # the scheduled poll (a twisted IDelayedCall)
        self.last_work = time.monotonic()

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> WaitForPeers:
        extension = cls(crawler, crawler.settings.getfloat("DULUAN_PEER_GRACE", 6.0))
        for handler, signal in (
            (extension.worked, signals.spider_opened),
            (extension.worked, signals.response_received),
            (extension.idle, signals.spider_idle),
        ):
            crawler.signals.connect(handler, signal=signal)
        return extension

    def worked(self, *args: Any, **kwargs: Any) -> None:
        self.last_work = time.monotonic()

    def idle(self, spider: Spider) -> None:
        engine = self.crawler.engine
        scheduler = getattr(engine, "_slot", None) and engine._slot.scheduler  # type: ignore[union-attr]
        if scheduler is not None and scheduler.has_pending_requests():
            self.worked()
            raise DontCloseSpider("requests are waiting in the shared queue")
        if time.monotonic() - self.last_work < self.grace:
            self._poll_soon()
            raise DontCloseSpider("waiting for peers to fill the shared queue")

    def _poll_soon(self) -> None:
        """Ask the engine for the next request shortly: a process that found the shared queue empty (its
        peer still parsing the sitemap) would otherwise sleep until Scrapy's 5-second heartbeat. One poll
        is pending at a time (the heartbeat calling `idle` too must not start a second chain)."""
        if self.pending is not None and self.pending.active():
            return
        if self.clock is None:
            from twisted.internet import reactor

            self.clock = reactor
        engine = self.crawler.engine
        slot = getattr(engine, "_slot", None)

        def poll() -> None:
            if engine is not None and getattr(engine, "_slot", None) is slot and slot is not None:
                slot.nextcall.schedule()

        self.pending = self.clock.callLater(PEER_POLL_SECONDS, poll)
