"""`duluan sources` after real crawls of three generated sites on 127.0.0.1 (healthy, failing, refused
by robots.txt), and `duluan sources discover` against served sites."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from config.models import Source
from crawlers.demo_site import serve
from crawlers.urls import url_allowed
from pipeline.cli.main import app
from tests.conftest import corpus_path
from tests.sites.sim_site import Reply, SimSite, sim_source

pytestmark = pytest.mark.slow
runner = CliRunner()


@pytest.fixture(scope="module")
def after_crawl(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    healthy = SimSite(count=5)
    broken = SimSite(count=5, routes={"/rss.xml": Reply(status=500, body=b"loi")})
    refused = SimSite(count=5, robots_disallow=["/"])
    root = tmp_path_factory.mktemp("sources")
    config, data = root / "config", root / "var"
    config.mkdir()
    with healthy.serve() as a, broken.serve() as b, refused.serve() as c:
        sources = [
            sim_source(a, source_id="khoe"),
            sim_source(b, source_id="hong"),
            sim_source(c, source_id="bi_cam"),
        ]
        (config / "sources.yaml").write_text(yaml.safe_dump({"sources": sources}, allow_unicode=True))
        settings = {"download_delay": 0, "retry_times": 0, "log_level": "ERROR"}
        (config / "settings.yaml").write_text(yaml.safe_dump(settings))
        result = runner.invoke(app, ["--config", str(config), "--data-dir", str(data), "crawl"])
        assert result.exit_code == 0, result.output
    return config, data


def _json(config: Path, data: Path) -> dict[str, dict[str, Any]]:
    result = runner.invoke(
        app, ["--config", str(config), "--data-dir", str(data), "sources", "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    return {row["id"]: row for row in json.loads(result.output)}


@pytest.mark.parametrize(
    ("source", "status"),
    [("khoe", "ok"), ("hong", "FAILING since"), ("bi_cam", "BLOCKED by robots.txt")],
)
def test_each_source_has_its_status(after_crawl: tuple[Path, Path], source: str, status: str) -> None:
    assert _json(*after_crawl)[source]["status"].startswith(status)


def test_healthy_source_shows_last_success_and_articles(after_crawl: tuple[Path, Path]) -> None:
    row = _json(*after_crawl)["khoe"]
    assert row["last_success"] and (row["articles_24h"], row["articles_7d"]) == (5, 5)


def test_failing_source_shows_its_errors_by_kind(after_crawl: tuple[Path, Path]) -> None:
    row = _json(*after_crawl)["hong"]
    assert row["failing"] and row["errors_24h"] == {"http_500": 1} and row["last_success"] is None


def test_robots_refusals_are_counted(after_crawl: tuple[Path, Path]) -> None:
    assert _json(*after_crawl)["bi_cam"]["robots_refused_24h"] == 1


def test_table_flags_the_failing_sources(after_crawl: tuple[Path, Path]) -> None:
    config, data = after_crawl
    result = runner.invoke(app, ["--config", str(config), "--data-dir", str(data), "sources"])
    assert result.exit_code == 0
    assert "2 source(s) failing for the last 24 h: hong, bi_cam" in result.output


# --- discover --------------------------------------------------------------------------------------


def _discover(url: str, *extra: str, tmp_path: Path) -> dict[str, Any]:
    result = runner.invoke(app, ["--data-dir", str(tmp_path), "sources", "discover", url, *extra])
    assert result.exit_code == 0, result.output
    (entry,) = yaml.safe_load(result.output)
    Source.model_validate(entry)
    return entry


def test_discover_finds_feeds_and_the_sitemap_index_of_the_demo_site(tmp_path: Path) -> None:
    with serve() as base:
        entry = _discover(base + "/", "--scope", "province", tmp_path=tmp_path)
    found = {(d["kind"], d["url"].removeprefix(base)) for d in entry["discovery"]}
    assert found == {("rss", "/xu-lang/rss.xml"), ("rss", "/tin-nhanh/rss.xml"), ("sitemap", "/sitemap.xml")}
    assert entry["verified"] is False and entry["scope"] == "province"


def test_discovered_allow_pattern_matches_the_articles_and_not_the_listings(tmp_path: Path) -> None:
    site = SimSite(count=5)
    with site.serve() as base:
        entry = _discover(base, tmp_path=tmp_path)
    assert all(url_allowed(base + a.path, entry["allow"], entry["deny"]) for a in site.articles)
    assert not url_allowed(base + "/tin-moi/", entry["allow"], entry["deny"])


def test_discover_says_plainly_when_robots_txt_disallows_the_site(tmp_path: Path) -> None:
    site = SimSite(count=3, robots_disallow=["/"])
    with site.serve() as base:
        entry = _discover(base, tmp_path=tmp_path)
    assert "robots.txt DISALLOWS" in entry["note"] and site.hits["/"] == 0


def test_discover_falls_back_to_the_home_page_as_a_listing(tmp_path: Path) -> None:
    site = SimSite(count=3)
    site.routes = {p: Reply(status=404) for p in ("/rss.xml", "/sitemap.xml")}
    with site.serve() as base:
        entry = _discover(base + "/", tmp_path=tmp_path)
    assert entry["discovery"] == [{"kind": "listing", "url": base + "/", "max_pages": 1}]


def test_discover_unreachable_site_is_one_line(tmp_path: Path) -> None:
    result = runner.invoke(app, ["--data-dir", str(tmp_path), "sources", "discover", "http://127.0.0.1:9/"])
    assert result.exit_code == 2 and result.output.count("\n") == 1 and "cannot fetch" in result.output


DANTRI = corpus_path() / "html" / "dantri"


@contextmanager
def _static(directory: Path) -> Iterator[str]:
    """A folder served as a static site on 127.0.0.1 (no feeds, no sitemaps, no robots.txt)."""
    handler = partial(_QuietStatic, directory=str(directory))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


class _QuietStatic(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.mark.skipif(not (DANTRI / "index.html").is_file(), reason=f"corpus pages not found at {DANTRI}")
def test_discover_on_the_saved_dantri_home_page_infers_its_article_pattern(tmp_path: Path) -> None:
    """The saved home page links its articles relatively (`/<section>/<slug>-<17-digit id>.html`) and
    has no feed or sitemap: the allow pattern comes from those links, admits every one of them and
    none of the section pages."""
    with _static(DANTRI) as base:
        entry = _discover(base + "/index.html", tmp_path=tmp_path)
    articles = sorted({str(p.relative_to(DANTRI)) for p in DANTRI.glob("*/*.html")})
    linked = [a for a in articles if a.split("/")[-1] in (DANTRI / "index.html").read_text(encoding="utf-8")]
    assert len(linked) >= 5
    n = int(entry["note"].split("Allow pattern inferred from ")[1].split(" ")[0])
    assert n >= len(linked)
    assert all(url_allowed(f"{base}/{a}", entry["allow"], entry["deny"]) for a in linked), entry["allow"]
    sections = [p.name for p in DANTRI.glob("*.html")]
    assert sections and not any(url_allowed(f"{base}/{s}", entry["allow"], entry["deny"]) for s in sections)
