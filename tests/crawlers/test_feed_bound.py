"""A feed of 10,000 article URLs cannot take a whole crawl: at most `max_feed_articles` are requested per
source and crawl (a real Scrapy crawl on 127.0.0.1), the rest are counted and left for the next crawls,
and the feed's validators are not kept (it is read in full again, not answered 304)."""

from __future__ import annotations

from datetime import UTC, datetime
from email.utils import format_datetime
from typing import Any

import pytest
from sqlalchemy import select

from pipeline.runtime.cycle import run_crawl
from storage.db import session_scope
from storage.models import FetchValidatorRow
from tests.crawlers.conftest import FAST_FAILURES, site_app
from tests.sites.sim_site import Reply, SimSite, sim_source

pytestmark = pytest.mark.slow
FEED_URLS = 10_000
LIMIT = 25


def _huge_feed() -> bytes:
    stamp = format_datetime(datetime.now(UTC), usegmt=True)
    items = "".join(
        f"<item><title>Tin {n}</title><link>/bai/tin-so-{n}-{2_000_000 + n}.html</link>"
        f"<pubDate>{stamp}</pubDate></item>"
        for n in range(FEED_URLS)
    )
    head = '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>T</title>'
    return f"{head}{items}</channel></rss>".encode()


@pytest.fixture(scope="module")
def crawled(module_db_url: str, tmp_path_factory: pytest.TempPathFactory) -> tuple[SimSite, dict[str, Any]]:
    feed = Reply(body=_huge_feed(), content_type="application/rss+xml", validators=True)
    site = SimSite(count=0, routes={"/rss-lon.xml": feed})
    with site.serve() as base:
        source = sim_source(base, kinds=())
        source["discovery"] = [{"kind": "rss", "url": f"{base}/rss-lon.xml"}]
        settings = FAST_FAILURES | {"max_feed_articles": LIMIT}
        app = site_app(tmp_path_factory.mktemp("feed"), module_db_url, [source], **settings)
        stats = run_crawl(app, fast=True).as_stats()
    return site, stats


def test_at_most_the_limit_is_requested(crawled: tuple[SimSite, dict[str, Any]]) -> None:
    site, stats = crawled
    requested = [p for p, _ in site.statuses if p.startswith("/bai/")]
    assert len(requested) == LIMIT
    assert stats["duluan/source/mo_phong/discovered"] == LIMIT


def test_the_rest_is_counted_for_the_next_crawl(
    crawled: tuple[SimSite, dict[str, Any]], module_db_url: str
) -> None:
    _, stats = crawled
    assert stats["duluan/skipped/over_source_limit"] == FEED_URLS - LIMIT
    with session_scope(module_db_url) as session:
        kept = session.scalars(select(FetchValidatorRow.url)).all()
    assert not [u for u in kept if u.endswith("/rss-lon.xml")]  # read in full next time
