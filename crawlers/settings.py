"""Scrapy settings of the duluan project (`scrapy crawl news` reads this module via scrapy.cfg).

`scrapy_settings(app)` turns duluan's settings into Scrapy's; the module-level names are the defaults
Scrapy sees when run as `scrapy crawl news` from the repository.
"""

from __future__ import annotations

from typing import Any

from config import AppConfig

BOT_NAME = "duluan"
SPIDER_MODULES = ["crawlers.spiders"]
NEWSPIDER_MODULE = "crawlers.spiders"
ROBOTSTXT_OBEY = True
AUTOTHROTTLE_ENABLED = True
CONCURRENT_REQUESTS_PER_DOMAIN = 2
ITEM_PIPELINES = {
    "crawlers.pipelines.ValidatePipeline": 100,
    "crawlers.pipelines.StorePipeline": 300,
}
# Our guard sits between decompression (590) and retries (550): anti-bot pages are not retried.
DOWNLOADER_MIDDLEWARES = {
    "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
    "crawlers.middlewares.BackoffRetryMiddleware": 550,
    "crawlers.middlewares.ResponseGuardMiddleware": 560,
    # after the downloader, before decompression (590): oversize and gzip bombs are errors/too_large
    "crawlers.middlewares.SizeGuardMiddleware": 595,
}
DOWNLOADER = "crawlers.downloader.PoliteDownloader"
REQUEST_FINGERPRINTER_IMPLEMENTATION = "2.7"
TWISTED_REACTOR = "twisted.internet.asyncioreactor.AsyncioSelectorReactor"
FEED_EXPORT_ENCODING = "utf-8"
LOG_LEVEL = "INFO"


def scrapy_settings(app: AppConfig, *, fast: bool = False, run_id: str | None = None) -> dict[str, Any]:
    """Scrapy settings for a crawl with `app`; `fast` drops the politeness delays (local sites only)."""
    s = app.settings
    values: dict[str, Any] = {
        "BOT_NAME": BOT_NAME,
        "SPIDER_MODULES": SPIDER_MODULES,
        "ITEM_PIPELINES": ITEM_PIPELINES,
        "DOWNLOADER_MIDDLEWARES": DOWNLOADER_MIDDLEWARES,
        "DOWNLOADER": DOWNLOADER,
        "ROBOTSTXT_OBEY": s.obey_robots,
        "USER_AGENT": s.resolved_user_agent,
        "CONCURRENT_REQUESTS_PER_DOMAIN": s.concurrent_per_domain,
        "DOWNLOAD_DELAY": 0 if fast else s.download_delay,
        "DOWNLOAD_TIMEOUT": s.download_timeout,
        "DOWNLOAD_MAXSIZE": s.max_page_bytes,
        "DOWNLOAD_WARNSIZE": 0,
        "AUTOTHROTTLE_ENABLED": not fast,
        "AUTOTHROTTLE_START_DELAY": max(s.download_delay, 0.5),
        "AUTOTHROTTLE_TARGET_CONCURRENCY": float(s.concurrent_per_domain),
        "RETRY_ENABLED": True,
        "RETRY_TIMES": s.retry_times,
        "RETRY_HTTP_CODES": [500, 502, 503, 504, 522, 524, 408, 429],
        "DULUAN_RETRY_BACKOFF": s.retry_backoff,
        "DULUAN_RETRY_BACKOFF_MAX": 60.0,
        "REDIRECT_MAX_TIMES": 10,
        # Items per response processed in parallel: Scrapy starts this many tasks for every callback's
        # output (100 by default), a measurable cost per page when a page yields one item.
        "CONCURRENT_ITEMS": 16,
        "REQUEST_FINGERPRINTER_IMPLEMENTATION": REQUEST_FINGERPRINTER_IMPLEMENTATION,
        "TWISTED_REACTOR": TWISTED_REACTOR,
        "LOG_LEVEL": s.log_level,
        "TELNETCONSOLE_ENABLED": False,
        "DULUAN_APP": app,
    }
    if s.redis_url:
        from crawlers.distributed import redis_settings, run_slot

        values.update(redis_settings(s.redis_url, run_id or run_slot()))
    return values
