"""The date horizon (`--since`): listings are paged back only until their articles are older than the
horizon, and sitemap (news and urlset) entries older than it are not followed. Two generated sites of
100 articles, one every 2 hours; a 2-day horizon holds the newest 24."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from crawlers.dates import VN
from crawlers.run import CrawlResult, crawl
from tests.crawlers.conftest import FAST_FAILURES, site_app
from tests.sites.sim_site import SimSite, sim_source

pytestmark = pytest.mark.slow
INSIDE = 24  # articles published 1, 3, ..., 47 hours ago


def _site(*, listing_dates: bool = True) -> SimSite:
    end = datetime.now(VN).replace(second=0, microsecond=0) - timedelta(hours=1)
    return SimSite(count=100, end=end, step=timedelta(hours=2), listing_dates=listing_dates)


@pytest.fixture(scope="module")
def sites(
    module_db_url: str, tmp_path_factory: pytest.TempPathFactory
) -> tuple[SimSite, SimSite, SimSite, CrawlResult]:
    by_listing, by_sitemap, undated = _site(), _site(), _site(listing_dates=False)
    with by_listing.serve() as listing_base, by_sitemap.serve() as sitemap_base, undated.serve() as bare:
        sources = [
            sim_source(listing_base, source_id="qua_danh_sach", kinds=("listing",)),
            sim_source(sitemap_base, source_id="qua_sitemap", kinds=("sitemap",)),
            sim_source(bare, source_id="khong_ngay", kinds=("listing",)),
        ]
        app = site_app(tmp_path_factory.mktemp("horizon"), module_db_url, sources, **FAST_FAILURES)
        result = crawl(app, since_days=2, fast=True)
    return by_listing, by_sitemap, undated, result


@pytest.mark.parametrize("source", ["qua_danh_sach", "qua_sitemap", "khong_ngay"])
def test_articles_inside_the_horizon_are_stored(
    sites: tuple[SimSite, SimSite, SimSite, CrawlResult], source: str
) -> None:
    assert sites[3].stats[f"duluan/source/{source}/stored"] == INSIDE


@pytest.mark.parametrize("which", [0, 1], ids=["listing", "sitemap"])
def test_articles_older_than_the_horizon_are_not_downloaded(
    sites: tuple[SimSite, SimSite, SimSite, CrawlResult], which: int
) -> None:
    site = sites[which]
    assert [a.number for a in site.articles if site.hits[a.path]] == list(range(INSIDE))


def test_listing_paging_stops_at_the_first_page_past_the_horizon(
    sites: tuple[SimSite, SimSite, SimSite, CrawlResult],
) -> None:
    site = sites[0]
    # page 2 straddles the horizon, page 3 lies wholly before it, page 4 is never asked for
    assert [site.hits[p] for p in ("/tin-moi/", "/tin-moi/trang-2.html", "/tin-moi/trang-3.html")] == [
        1,
        1,
        1,
    ]
    assert site.hits["/tin-moi/trang-4.html"] == 0


def test_news_sitemap_of_the_index_is_read(sites: tuple[SimSite, SimSite, SimSite, CrawlResult]) -> None:
    site = sites[1]
    assert site.hits["/sitemap.xml"] == 1 and site.hits["/sitemaps/news.xml"] == 1


def test_undated_listing_stops_paging_once_its_articles_are_past_the_horizon(
    sites: tuple[SimSite, SimSite, SimSite, CrawlResult],
) -> None:
    site = sites[2]
    # Without dates on the listing, page 2's articles are fetched and found too old: page 3 (fetched
    # after them) is not followed, and nothing beyond page 2 is downloaded.
    assert max(a.number for a in site.articles if site.hits[a.path]) == 39
    assert site.hits["/tin-moi/trang-4.html"] == 0
    assert sites[3].stats["duluan/source/khong_ngay/skipped/listing_past_horizon"] == 1
    assert sites[3].stats["duluan/source/khong_ngay/dropped/too_old"] == 16
