"""Two crawler processes share one frontier on Redis: every page is fetched once in total."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
import yaml
from sqlalchemy import func, select

from storage.db import session_scope, upgrade
from storage.models import ArticleRow
from tests.sites.generated import serve_generated, source_for

REDIS_URL = os.environ.get("DULUAN_TEST_REDIS_URL", "redis://127.0.0.1:6379/0")
PAGES = 240
DELAY = 0.08  # seconds per page: one process alone would need ~10 s, so both get work


@pytest.fixture
def redis_available() -> None:
    import redis

    try:
        redis.Redis.from_url(REDIS_URL).ping()
    except redis.RedisError as exc:
        if os.environ.get("CI"):
            pytest.fail(f"Redis unreachable at {REDIS_URL}: {exc}")
        pytest.skip(f"Redis unreachable at {REDIS_URL}")


def crawler(conf: Path, data: Path, url: str, run_id: str) -> subprocess.Popen[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DULUAN_")}
    env.update(DULUAN_REDIS_URL=REDIS_URL, DULUAN_CONFIG=str(conf))
    duluan = Path(sys.executable).with_name("duluan")
    return subprocess.Popen(
        [str(duluan), "--data-dir", str(data), "--database-url", url, "crawl", "--run-id", run_id],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def configure(conf: Path, base: str) -> None:
    conf.mkdir(exist_ok=True)
    (conf / "sources.yaml").write_text(
        yaml.safe_dump({"sources": [source_for(base)]}, allow_unicode=True), encoding="utf-8"
    )
    (conf / "settings.yaml").write_text(
        "crawl_since_days: 36500\ndownload_delay: 0\nconcurrent_per_domain: 2\n", encoding="utf-8"
    )


def stored(url: str) -> int:
    with session_scope(url) as session:
        return int(session.scalar(select(func.count()).select_from(ArticleRow)) or 0)


def stored_by(output: str) -> int:
    line = next(x for x in output.splitlines() if x.startswith("stored "))
    return int(line.split()[1])


@pytest.mark.usefixtures("redis_available")
def test_two_crawlers_split_one_frontier(pg_url: str, tmp_path: Path) -> None:
    upgrade(pg_url)
    with serve_generated(PAGES, delay=DELAY) as (base, site):
        configure(tmp_path / "conf", base)
        run_id = uuid.uuid4().hex
        procs = [crawler(tmp_path / "conf", tmp_path / "var", pg_url, run_id) for _ in range(2)]
        outputs = [p.communicate(timeout=300)[0] for p in procs]
    assert [p.returncode for p in procs] == [0, 0], outputs
    articles = {path: n for path, n in site.hits.items() if path.startswith("/bai/")}
    assert len(articles) == PAGES and set(articles.values()) == {1}
    assert site.hits["/sitemap.xml"] == 1
    assert all(stored_by(out) > 0 for out in outputs), outputs
    assert stored(pg_url) == PAGES


@pytest.mark.usefixtures("redis_available")
def test_stopping_one_crawler_leaves_the_other_to_finish(pg_url: str, tmp_path: Path) -> None:
    upgrade(pg_url)
    with serve_generated(PAGES, delay=DELAY) as (base, site):
        configure(tmp_path / "conf", base)
        run_id = uuid.uuid4().hex
        procs = [crawler(tmp_path / "conf", tmp_path / "var", pg_url, run_id) for _ in range(2)]
        deadline = time.monotonic() + 120
        while stored(pg_url) < PAGES // 4 and time.monotonic() < deadline:
            time.sleep(0.2)
        procs[0].send_signal(signal.SIGTERM)
        outputs = [p.communicate(timeout=300)[0] for p in procs]
    assert procs[1].returncode == 0, outputs[1]
    articles = {path: n for path, n in site.hits.items() if path.startswith("/bai/")}
    assert len(articles) == PAGES and set(articles.values()) == {1}
    assert stored(pg_url) == PAGES


class _Slot:
    def __init__(self) -> None:
        self.polls = 0
        self.scheduler = self
        self.nextcall = self

    def has_pending_requests(self) -> bool:
        return False

    def schedule(self) -> None:
        self.polls += 1


def test_an_idle_crawler_asks_the_shared_queue_again_within_a_quarter_second() -> None:
    """A process that found the shared queue empty (its peer still parsing the sitemap) polls it again
    soon instead of sleeping until Scrapy's 5-second heartbeat."""
    from scrapy.exceptions import DontCloseSpider
    from scrapy.utils.test import get_crawler
    from twisted.internet.task import Clock

    from crawlers.distributed import WaitForPeers

    crawler, slot, clock = get_crawler(), _Slot(), Clock()
    crawler.engine = type("Engine", (), {"_slot": slot})()  # type: ignore[assignment]
    waiting = WaitForPeers(crawler, grace=6.0, clock=clock)
    for _ in range(2):  # idle again (Scrapy's heartbeat) before the poll: still one poll pending
        with pytest.raises(DontCloseSpider):
            waiting.idle(crawler.spider)  # type: ignore[arg-type]
    clock.advance(0.2)
    assert slot.polls == 0
    clock.advance(0.1)
    assert slot.polls == 1
    crawler.engine._slot = None  # type: ignore[union-attr]  # the spider closed: no poll after that
    with pytest.raises(DontCloseSpider):
        waiting.idle(crawler.spider)  # type: ignore[arg-type]
    clock.advance(1)
    assert slot.polls == 1
