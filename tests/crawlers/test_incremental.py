"""Incremental crawling of a generated site on 127.0.0.1: three crawls (first, unchanged, three new
articles). Feeds, sitemaps and listings are fetched conditionally; stored URLs are not downloaded
again; tracking parameters and fragments do not make a URL new."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from crawlers.run import crawl
from storage.db import session_scope, upgrade
from storage.fetch_validators import save_validators
from storage.models import ArticleRow, FetchValidatorRow
from tests.crawlers.conftest import FAST_FAILURES, site_app
from tests.sites.sim_site import SimSite, sim_source

pytestmark = pytest.mark.slow
DISCOVERY = ("/rss.xml", "/sitemap.xml", "/tin-moi/")


@dataclass
class Crawl:
    stats: dict[str, Any]
    statuses: list[tuple[str, int]]
    hits: Counter[str]


@pytest.fixture(scope="module")
def crawls(module_db_url: str, tmp_path_factory: pytest.TempPathFactory) -> tuple[SimSite, list[Crawl], str]:
    site = SimSite(count=30)
    tracked = f"{site.articles[5].path}?utm_source=rss&utm_medium=feed&fbclid=x#binh-luan"
    site.extra_links = [tracked]
    done: list[Crawl] = []
    with site.serve() as base:
        source = sim_source(base, kinds=("rss", "sitemap", "listing"))
        app = site_app(tmp_path_factory.mktemp("inc"), module_db_url, [source], **FAST_FAILURES)
        for step in range(3):
            if step == 2:
                site.add_articles(3)
            site.statuses.clear()
            before = Counter(site.hits)
            result = crawl(app, fast=True)
            done.append(Crawl(result.stats, list(site.statuses), site.hits - before))
    return site, done, module_db_url


def test_first_crawl_stores_every_article(crawls: tuple[SimSite, list[Crawl], str]) -> None:
    site, done, db_url = crawls
    assert done[0].stats["duluan/stored"] == 30
    with session_scope(db_url) as session:
        paths = {"/" + u.split("/", 3)[3] for u in session.scalars(select(ArticleRow.url))}
    assert {a.path for a in site.articles[3:]} <= paths


def test_tracking_parameters_do_not_make_a_url_new(crawls: tuple[SimSite, list[Crawl], str]) -> None:
    site, done, db_url = crawls
    assert done[0].hits[site.articles[8].path] == 1  # articles[5] before three were added
    with session_scope(db_url) as session:
        urls = session.scalars(select(ArticleRow.url)).all()
    assert not [u for u in urls if "?" in u or "#" in u]


@pytest.mark.parametrize("path", DISCOVERY)
def test_unchanged_feeds_sitemaps_and_listings_answer_not_modified(
    crawls: tuple[SimSite, list[Crawl], str], path: str
) -> None:
    _, done, _ = crawls
    assert (path, 304) in done[1].statuses
    assert done[1].stats["duluan/not_modified"] == len(DISCOVERY)


def test_an_unchanged_site_costs_no_article_download(crawls: tuple[SimSite, list[Crawl], str]) -> None:
    _, done, _ = crawls
    assert not [p for p in done[1].hits if p.startswith("/bai/")]
    assert done[1].stats.get("duluan/stored", 0) == 0


def test_only_new_articles_are_downloaded_after_a_change(crawls: tuple[SimSite, list[Crawl], str]) -> None:
    site, done, _ = crawls
    fetched = {p for p in done[2].hits if p.startswith("/bai/")}
    assert fetched == {a.path for a in site.articles[:3]}
    assert done[2].stats["duluan/stored"] == 3


def test_every_article_was_downloaded_exactly_once(crawls: tuple[SimSite, list[Crawl], str]) -> None:
    site, _, db_url = crawls
    assert set(site.article_hits().values()) == {1}
    with session_scope(db_url) as session:
        assert session.scalar(select(func.count()).select_from(ArticleRow)) == 33


def test_validators_are_kept_between_crawls(crawls: tuple[SimSite, list[Crawl], str]) -> None:
    site, _, db_url = crawls
    with session_scope(db_url) as session:
        rows = {r.url: r for r in session.scalars(select(FetchValidatorRow))}
    assert {f"{site.base}{p}" for p in DISCOVERY} <= set(rows)
    assert all(r.etag and r.last_modified for r in rows.values())


def test_child_sitemaps_and_later_listing_pages_are_fetched_conditionally(tmp_path: Path) -> None:
    from scrapy.utils.test import get_crawler

    from crawlers.settings import scrapy_settings
    from crawlers.spiders.news import NewsSpider

    db_url = f"sqlite:///{tmp_path / 'db.sqlite'}"
    app = site_app(tmp_path, db_url, [sim_source("http://127.0.0.1:9", kinds=("sitemap",))])
    child = "http://127.0.0.1:9/sitemaps/2026-11.xml"
    upgrade(db_url)
    with session_scope(db_url) as session:
        save_validators(session, {child: ('"v1"', "Tue, 24 Nov 2026 01:00:00 GMT")}, datetime.now(UTC))
    crawler = get_crawler(NewsSpider, scrapy_settings(app, fast=True))
    spider = NewsSpider.from_crawler(crawler)
    source = app.sources.sources[0]
    request = spider._discovery_request(source, source.discovery[0], child, kind="sitemap")
    assert request.headers[b"If-None-Match"] == b'"v1"'
    assert request.headers[b"If-Modified-Since"] == b"Tue, 24 Nov 2026 01:00:00 GMT"
