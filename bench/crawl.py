"""Crawl throughput and memory: duluan's full crawl -> extract -> store path beside a bare Scrapy crawl.

Serves a generated site (crawlers.sim_site: N fictional article pages of ~40 KB, a sitemap index) on
127.0.0.1 and, in the same run, crawls it
  * bare:  Scrapy with a no-op parse (same sitemap, same concurrency limit, no pipelines), and
  * full:  duluan's news spider: discovery, already-stored check, extraction, validation, SQLite store;
each in its own child process (as `duluan crawl` runs), for N and 2N pages. Prints pages/s and the
peak RSS of each crawl process, the full/bare rate ratio and how memory grows when the pages double.

    python bench/crawl.py [--pages 2000] [--concurrency 8] [--selectors]

`--concurrency` is the per-site limit of both crawls (duluan's default for real sites is 2; the
benchmark raises it so the rate measures processing cost rather than one connection's latency).
"""

from __future__ import annotations

import argparse
import multiprocessing
import resource
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from config import AppConfig, load_config  # noqa: E402
from crawlers.sim_site import SimSite, sim_source  # noqa: E402


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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--pages", type=int, default=2000, help="article pages of the first run (default 2000)"
    )
    parser.add_argument("--concurrency", type=int, default=8, help="requests in flight per site (default 8)")
    parser.add_argument("--selectors", action="store_true", help="read the site with CSS selectors")
    args = parser.parse_args(argv)
    how = "CSS selectors" if args.selectors else "generic extraction (trafilatura)"
    print(f"generated site on 127.0.0.1, {how}, {args.concurrency} requests in flight, SQLite store\n")
    print(f"{'crawl':<8}{'pages':>8}{'seconds':>10}{'pages/s':>10}{'CPU ms/page':>13}{'peak RSS MB':>14}")
    rows = {}
    for pages in (args.pages, 2 * args.pages):
        started = time.perf_counter()
        b, f = run(pages, args.concurrency, args.selectors)
        for name, r in (("bare", b), ("full", f)):
            rows[(name, pages)] = r
            rate, cpu, rss = (
                r["pages"] / r["seconds"],
                1000 * r["cpu_seconds"] / r["pages"],
                r["peak_rss_kb"] / 1024,
            )
            print(f"{name:<8}{r['pages']:>8}{r['seconds']:>10.1f}{rate:>10.1f}{cpu:>13.1f}{rss:>14.1f}")
        print(
            f"{'':<8}(both crawls of {pages} pages took {time.perf_counter() - started:.0f} s with start-up)"
        )
    print()
    for pages in (args.pages, 2 * args.pages):
        b, f = rows[("bare", pages)], rows[("full", pages)]
        ratio = (f["pages"] / f["seconds"]) / (b["pages"] / b["seconds"])
        cpu = (b["cpu_seconds"] / b["pages"]) / (f["cpu_seconds"] / f["pages"])
        print(f"{pages} pages: full path at {ratio:.2f} of the bare rate (goal >= 0.5)", end="")
        print(f"; bare/full CPU per page {cpu:.2f}")
    for name in ("bare", "full"):
        small, big = rows[(name, args.pages)]["peak_rss_kb"], rows[(name, 2 * args.pages)]["peak_rss_kb"]
        growth = f"({small / 1024:.0f} -> {big / 1024:.0f} MB)"
        print(f"{name}: peak RSS x{big / small:.2f} when the pages double {growth}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
