"""`duluan extract FILE_OR_URL [--url URL] --json` on pages written here and served on 127.0.0.1."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest
from typer.testing import CliRunner

from crawlers.dates import VN
from pipeline.cli.main import app
from tests.sites.sim_site import SimSite
from tests.sites.sim_site.pages import article_page, make_articles

runner = CliRunner()
KEYS = ["url", "title", "sapo", "text", "author", "published_at", "published_source", "tags"]
ARTICLE = make_articles(1, end=datetime(2026, 11, 24, 9, 30, tzinfo=VN))[0]


def _run(tmp_path: Path, *args: str) -> dict[str, object]:
    result = runner.invoke(app, ["--data-dir", str(tmp_path), "extract", *args, "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def test_saved_file_with_its_url(tmp_path: Path) -> None:
    page = tmp_path / "bai.html"
    page.write_bytes(article_page(ARTICLE, "https://bao.example.vn", []))
    record = _run(tmp_path, str(page), "--url", "https://bao.example.vn" + ARTICLE.path + "?utm_source=x")
    assert list(record) == KEYS
    assert record["url"] == "https://bao.example.vn" + ARTICLE.path
    assert (record["title"], record["sapo"], record["author"]) == (
        ARTICLE.title,
        ARTICLE.sapo,
        ARTICLE.author,
    )
    assert record["text"] == "\n".join(ARTICLE.body)
    assert record["published_at"] == ARTICLE.published.isoformat()
    assert record["published_source"] in ("json-ld", "meta")


def test_url_fetched_from_a_served_site(tmp_path: Path) -> None:
    site = SimSite(count=2)
    with site.serve() as base:
        record = _run(tmp_path, base + site.articles[1].path)
    assert record["title"] == site.articles[1].title and record["url"] == base + site.articles[1].path


@pytest.mark.parametrize(
    ("setup", "fragment"),
    [("robots", "robots.txt"), ("missing", "HTTP 404"), ("not_article", "no article text")],
)
def test_unusable_targets_are_one_line_errors(tmp_path: Path, setup: str, fragment: str) -> None:
    site = SimSite(count=1, robots_disallow=["/bai/"] if setup == "robots" else [])
    with site.serve() as base:
        target = {
            "robots": base + site.articles[0].path,
            "missing": base + "/khong-co.html",
            "not_article": base + "/robots.txt",
        }[setup]
        result = runner.invoke(app, ["--data-dir", str(tmp_path), "extract", target, "--json"])
    assert result.exit_code == 2 and result.output.count("\n") == 1 and fragment in result.output
