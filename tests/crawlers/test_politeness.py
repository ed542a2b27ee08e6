"""Politeness measured at the server: retries spaced with exponential backoff (and Retry-After), at most
two requests in flight per site, the identifying user agent, AutoThrottle in ordinary crawls."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from crawlers.run import CrawlResult, crawl
from tests.crawlers.conftest import site_app
from tests.sites.sim_site import Reply, SimSite, sim_source
from tests.sites.sim_site.pages import article_page

pytestmark = pytest.mark.slow
FLAKY = "/bai/chap-chon-1000801.html"
LIMITED = "/bai/gioi-han-1000802.html"
BACKOFF = 0.4


@pytest.fixture(scope="module")
def polite(tmp_path_factory: pytest.TempPathFactory) -> tuple[SimSite, CrawlResult]:
    site = SimSite(count=16, article_delay=0.2)
    good = article_page(site.articles[0], "", [])
    site.routes = {
        FLAKY: Reply(status=503, times=2, then=Reply(body=good.replace(b"tin-so-0-", b"chap-chon-"))),
        LIMITED: Reply(
            status=429,
            headers=(("Retry-After", "2"),),
            times=1,
            then=Reply(body=good.replace(b"tin-so-0-", b"gioi-han-")),
        ),
    }
    site.extra_links = [FLAKY, LIMITED]
    with site.serve() as base:
        data = Path(tmp_path_factory.mktemp("polite"))
        app = site_app(
            data, f"sqlite:///{data / 'db.sqlite'}", [sim_source(base)], retry_times=3, retry_backoff=BACKOFF
        )
        result = crawl(app, fast=True)
    return site, result


def _gaps(site: SimSite, path: str) -> list[float]:
    times = site.hit_times[path]
    return [b - a for a, b in itertools.pairwise(times)]


def test_retries_wait_longer_each_time(polite: tuple[SimSite, CrawlResult]) -> None:
    site, result = polite
    gaps = _gaps(site, FLAKY)
    assert len(gaps) == 2
    assert gaps[0] >= BACKOFF and gaps[1] >= 2 * BACKOFF
    assert result.stats["retry/count"] >= 3


def test_retry_after_is_honoured(polite: tuple[SimSite, CrawlResult]) -> None:
    site, _ = polite
    assert _gaps(site, LIMITED)[0] >= 2


def test_retried_pages_are_stored_in_the_end(polite: tuple[SimSite, CrawlResult]) -> None:
    _, result = polite
    assert result.stored == 18


def test_at_most_two_requests_in_flight(polite: tuple[SimSite, CrawlResult]) -> None:
    site, _ = polite
    assert site.max_in_flight == 2  # the limit, and used


def test_user_agent_identifies_the_crawler_with_its_contact_url(polite: tuple[SimSite, CrawlResult]) -> None:
    site, _ = polite
    assert len(site.agents) == 1
    agent = next(iter(site.agents))
    assert agent.startswith("duluan/") and "(+https://" in agent
