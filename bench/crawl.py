"""Crawl throughput and memory: duluan's full crawl -> extract -> store path beside a bare Scrapy crawl.

Serves a generated site (tests.sites.sim_site: N fictional article pages of ~40 KB, a sitemap index) on
127.0.0.1 and, in the same run, crawls it
  * bare:  Scrapy with a no-op parse (same sitemap, same concurrency limit, no pipelines), and
  * full:  duluan's news spider: discovery, already-stored check, extraction, validation, SQLite store;
each in its own child process (as `duluan crawl` runs), for N and 2N pages. Prints pages/s and the
peak RSS of each crawl process, the full/bare rate ratio and how memory grows when the pages double.

    python bench/crawl.py [--pages 2000] [--concurrency 2,8] [--selectors]

`--concurrency` lists per-site limits, each run in turn for both crawls: 2 is duluan's setting for
real sites; 8 makes the rate measure processing cost more than the latency of two connections. Both
crawls run with the same downloader (the per-site limit enforced, see crawlers/downloader.py). The
machine's load average is printed: on a shared machine the wall-clock rates move with it, the CPU
milliseconds per page much less.
"""

from __future__ import annotations

import argparse
import multiprocessing
import resource
import tempfile
import time
from datetime import timedelta
from pathlib import Path
from typing import Any

from common import ROOT, corpus_dir  # noqa: F401 - first: puts the repository on the path

from config import AppConfig, load_config
from tests.sites.sim_site import SimSite, sim_source


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _bare_crawl(settings: dict[str, Any], sitemap: str, queue: Any) -> None:
    """A plain Scrapy crawl: sitemap index -> urlsets -> every article, parse does nothing."""
    from scrapy import Request, Spider
    from scrapy.crawler import CrawlerProcess

    from crawlers.discovery import sitemap_entries

    class Bare(Spider):
        name = "bare"

        async def start(self) -> Any:
            self.cpu_at_start = _cpu()
            yield Request(sitemap, callback=self.parse_sitemap)

        def parse_sitemap(self, response: Any) -> Any:
            kind, found = sitemap_entries(response.body, response.url)
            callback = self.parse_sitemap if kind == "sitemapindex" else self.parse
            for entry in found:
                yield Request(entry.url, callback=callback)

        def parse(self, response: Any) -> None:
            self.crawler.stats.inc_value("bare/pages")

        def closed(self, reason: str) -> None:
            self.crawler.stats.set_value("peak_rss_kb", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
            self.crawler.stats.set_value("cpu_seconds", _cpu() - self.cpu_at_start)

    process = CrawlerProcess(settings)
    crawler = process.create_crawler(Bare)
    process.crawl(crawler)
    process.start()
    stats = crawler.stats.get_stats()
    queue.put({"pages": stats.get("bare/pages", 0), "seconds": stats["elapsed_time_seconds"],
               "peak_rss_kb": stats["peak_rss_kb"], "cpu_seconds": stats["cpu_seconds"]})  # fmt: skip


def bare(app: AppConfig, sitemap: str) -> dict[str, Any]:
    from crawlers.settings import scrapy_settings

    settings = scrapy_settings(app, fast=True)
    settings["ITEM_PIPELINES"] = {}
    settings["DOWNLOADER_MIDDLEWARES"] = {}
    settings.pop("DULUAN_APP")
    context = multiprocessing.get_context("spawn")
    queue = context.Queue()
    child = context.Process(target=_bare_crawl, args=(settings, sitemap, queue))
    child.start()
    result: dict[str, Any] = queue.get()
    child.join()
    return result


def full(app: AppConfig) -> dict[str, Any]:
    from crawlers.run import crawl

    result = crawl(app, since_days=3650, fast=True)
    return {
        "pages": result.stats.get("duluan/discovered", 0),
        "stored": result.stored,
        "seconds": result.stats["elapsed_time_seconds"],
        "peak_rss_kb": result.peak_rss_kb,
        "cpu_seconds": result.stats["duluan/cpu_seconds"],
    }


def run(pages: int, concurrency: int, selectors: bool) -> tuple[dict[str, Any], dict[str, Any]]:
    site = SimSite(count=pages, step=timedelta(minutes=5))
    with site.serve() as base, tempfile.TemporaryDirectory() as tmp:
        settings = {"data_dir": Path(tmp), "concurrent_per_domain": concurrency, "log_level": "ERROR"}
        app = load_config(settings, environ={})
        app = app.with_sources([sim_source(base, kinds=("sitemap",), selectors=selectors)])
        b = bare(app, f"{base}/sitemap.xml")
        f = full(app)
    if f["stored"] != pages:
        raise SystemExit(f"full crawl stored {f['stored']} of {pages} pages")
    return b, f


def report(pages: int, concurrency: int, selectors: bool) -> None:
    """Bare and full crawls of `pages` and 2 x `pages` pages at one concurrency; the table and ratios."""
    how = "CSS selectors" if selectors else "generic extraction (trafilatura)"
    print(f"\n== {concurrency} requests in flight per site, {how}, SQLite store")
    print(f"{'crawl':<8}{'pages':>8}{'seconds':>10}{'pages/s':>10}{'CPU ms/page':>13}{'peak RSS MB':>14}")
    rows = {}
    for n in (pages, 2 * pages):
        started = time.perf_counter()
        b, f = run(n, concurrency, selectors)
        for name, r in (("bare", b), ("full", f)):
            rows[(name, n)] = r
            rate, cpu = r["pages"] / r["seconds"], 1000 * r["cpu_seconds"] / r["pages"]
            rss = r["peak_rss_kb"] / 1024
            print(f"{name:<8}{r['pages']:>8}{r['seconds']:>10.1f}{rate:>10.1f}{cpu:>13.1f}{rss:>14.1f}")
        print(f"{'':<8}(both crawls of {n} pages: {time.perf_counter() - started:.0f} s with start-up)")
    for n in (pages, 2 * pages):
        b, f = rows[("bare", n)], rows[("full", n)]
        ratio = (f["pages"] / f["seconds"]) / (b["pages"] / b["seconds"])
        cpu = (f["cpu_seconds"] / f["pages"]) / (b["cpu_seconds"] / b["pages"])
        print(
            f"{n} pages: full path at {ratio:.2f} of the bare rate (goal >= 0.5); x{cpu:.1f} its CPU per page"
        )
    for name in ("bare", "full"):
        small, big = rows[(name, pages)]["peak_rss_kb"], rows[(name, 2 * pages)]["peak_rss_kb"]
        growth = f"{small / 1024:.0f} -> {big / 1024:.0f} MB"
        print(f"{name}: peak RSS x{big / small:.2f} when the pages double ({growth})")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=2000, help="pages of the first run (default 2000)")
    parser.add_argument(
        "--concurrency", default="2,8", help="requests in flight per site, comma-separated (default 2,8)"
    )
    parser.add_argument("--selectors", action="store_true", help="read the site with CSS selectors")
    args = parser.parse_args(argv)
    print(f"generated site on 127.0.0.1 ({args.pages} and {2 * args.pages} article pages); load {_load()}")
    for concurrency in (int(c) for c in args.concurrency.split(",")):
        report(args.pages, concurrency, args.selectors)
    return 0


def _load() -> str:
    import os

    one, five, fifteen = os.getloadavg()
    return f"average {one:.1f} / {five:.1f} / {fifteen:.1f} over 1/5/15 min, {os.cpu_count()} CPUs"


if __name__ == "__main__":
    raise SystemExit(main())
