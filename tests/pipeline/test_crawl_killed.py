"""`duluan crawl` killed with SIGKILL in the middle of a crawl, then run again: what was stored stays
stored, the crawl child does not carry on alone, and the second run stores every remaining article
once — each article ends up stored exactly once."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml
from sqlalchemy import func, select

from storage.db import dispose_engines, session_scope, upgrade
from storage.models import ArticleRow, JobRunRow
from tests.sites.sim_site import SimSite, sim_source

pytestmark = pytest.mark.slow
COUNT = 60


def _count(db_url: str) -> int:
    with session_scope(db_url) as session:
        return int(session.scalar(select(func.count()).select_from(ArticleRow)) or 0)


def _crawl(config: Path, data: Path, db_url: str) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-m", "pipeline.cli.main", "--config", str(config), "--data-dir", str(data)]
    command += ["--database-url", db_url, "crawl"]
    env = {k: v for k, v in os.environ.items() if not k.startswith("DULUAN_")}
    return subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def _wait_until(predicate: object, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():  # type: ignore[operator]
            return
        time.sleep(0.1)
    raise AssertionError("condition not reached in time")


def test_killed_crawl_then_rerun_stores_every_article_once(db_url: str, tmp_path: Path) -> None:
    site = SimSite(count=COUNT, article_delay=0.15)
    upgrade(db_url)
    with site.serve() as base:
        config = tmp_path / "config"
        config.mkdir()
        source = sim_source(base, kinds=("rss", "listing"))
        (config / "sources.yaml").write_text(yaml.safe_dump({"sources": [source]}, allow_unicode=True))
        (config / "settings.yaml").write_text(yaml.safe_dump({"download_delay": 0, "log_level": "ERROR"}))

        first = _crawl(config, tmp_path / "var", db_url)
        _wait_until(lambda: _count(db_url) >= 10, timeout=60)
        first.send_signal(signal.SIGKILL)
        first.wait()
        # The crawl child notices its parent is gone and stops (no orphan crawling on).
        time.sleep(2)
        settled = _count(db_url)
        time.sleep(1.5)
        assert _count(db_url) == settled < COUNT

        second = _crawl(config, tmp_path / "var", db_url)
        out, err = second.communicate(timeout=120)
        assert second.returncode == 0, err.decode()
    dispose_engines()
    with session_scope(db_url) as session:
        urls = session.scalars(select(ArticleRow.url)).all()
    assert len(urls) == len(set(urls)) == COUNT
    assert f"stored {COUNT - settled} new articles" in out.decode()
    with session_scope(db_url) as session:
        crawls = session.scalars(
            select(JobRunRow).where(JobRunRow.job == "crawl").order_by(JobRunRow.id)
        ).all()
    # the killed run is closed as interrupted by the next run, not left "running" forever
    assert [r.status for r in crawls] == ["interrupted", "ok"] and crawls[0].finished_at is not None


def test_crawl_stopped_by_sigterm_is_recorded_interrupted(db_url: str, tmp_path: Path) -> None:
    site = SimSite(count=COUNT, article_delay=0.15)
    upgrade(db_url)
    with site.serve() as base:
        config = tmp_path / "config"
        config.mkdir()
        source = sim_source(base, kinds=("rss", "listing"))
        (config / "sources.yaml").write_text(yaml.safe_dump({"sources": [source]}, allow_unicode=True))
        (config / "settings.yaml").write_text(yaml.safe_dump({"download_delay": 0, "log_level": "ERROR"}))
        crawl = _crawl(config, tmp_path / "var", db_url)
        _wait_until(lambda: _count(db_url) >= 5, timeout=60)
        crawl.send_signal(signal.SIGTERM)
        _, err = crawl.communicate(timeout=60)
    dispose_engines()
    assert "Traceback" not in err.decode(), err.decode()
    with session_scope(db_url) as session:
        (run,) = session.scalars(select(JobRunRow).where(JobRunRow.job == "crawl")).all()
    assert run.status == "interrupted" and run.finished_at is not None
    assert "shutdown" in (run.error or "") and run.stats["stored"] == _count(db_url) < COUNT
