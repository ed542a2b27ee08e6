"""Fault injection: one real crawl of a generated site on 127.0.0.1 whose feed and listing also lead to
broken pages. The crawl finishes, each outcome is counted by kind (in the job run's stats and the
source's run), and every good page is stored — on SQLite and PostgreSQL."""

from __future__ import annotations

import gzip
import re
from dataclasses import replace
from datetime import datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import select

from crawlers.dates import VN
from pipeline.runtime.cycle import run_crawl
from storage.db import session_scope
from storage.models import ArticleRow, JobRunRow, SourceRunRow
from tests.crawlers.conftest import FAST_FAILURES, site_app
from tests.sites.sim_site import Reply, SimSite, make_articles, sim_source
from tests.sites.sim_site.pages import article_page

pytestmark = pytest.mark.slow

GOOD = 12
_NOW = datetime.now(VN)
# Articles 900-929 of a generated site, dated two hours ago: the content of the fault pages.
_EXTRA = {
    a.number: replace(a, published=_NOW - timedelta(hours=2)) for a in make_articles(930, end=_NOW)[900:]
}


def _page(number: int) -> bytes:
    return article_page(_EXTRA[number], "", [])


def _path(number: int, slug: str) -> str:
    return f"/bai/{slug}-{1_000_000 + number}.html"


def _mangled(number: int) -> bytes:
    """Invalid HTML: closing tags removed, stray brackets, an unclosed <b>."""
    html = _page(number).replace(b"</p>", b"").replace(b"</div>", b"")
    return html.replace(b"<main>", b"<main><<b>>> <b>")


def _cut(number: int) -> bytes:
    """An HTML document cut off in the middle of its fifth paragraph (the transfer itself is complete)."""
    html = _page(number)
    at = html.index(b'class="content"')
    for _ in range(5):
        at = html.index(b"<p>", at) + 3
    return html[: at + 20]


def _no_meta_charset(number: int) -> bytes:
    return _page(number).replace(b'<meta charset="utf-8">', b"")


CHALLENGE = (
    b"<!DOCTYPE html><html><head><title>Just a moment...</title></head><body>"
    b"<script>document.cookie='cf_clearance=1';window.location.reload();</script></body></html>"
)
BANNED = (
    b"<html><body><h1>Access Denied</h1><p>You don't have permission to access this server.</p></body></html>"
)


def _with_canonical(number: int, href: str) -> bytes:
    """The article page with its rel=canonical pointing to `href`."""
    page = _page(number)
    start = page.index(b'<link rel="canonical" href="')
    end = page.index(b'">', start)
    return page[:start] + b'<link rel="canonical" href="' + href.encode() + page[end:]


def _very_long(number: int) -> bytes:
    """The article with 6,000 more paragraphs: a body of about 380,000 characters (100,000 are stored)."""
    page = _page(number)
    at = page.index(b'class="content">') + len(b'class="content">')
    extra = "".join(
        f"<p>Đoạn văn bổ sung số {i} của một bài viết rất dài, kéo dài mãi.</p>" for i in range(6_000)
    )
    return page[:at] + extra.encode() + page[at:]


ALIAS = "mophong.example"
ALIAS_CANONICAL = f"https://cdn.{ALIAS}/bai/ban-cdn-1000923.html"
# a gzip bomb: 37 kB on the wire, 40 MB once inflated (the limit is 5 MB)
GZIP_BOMB = gzip.compress(b"<html><body>" + b" " * 40_000_000, compresslevel=9)
NOT_AN_ARTICLE = b"<html><body><nav><a href='/'>Trang ch\xe1\xbb\xa7</a></nav></body></html>"

# path -> (reply, outcome key counted in the crawl stats, stored?)
FAULTS: dict[str, tuple[Reply, str | None, bool]] = {
    _path(901, "loi-500"): (Reply(status=500, body=b"<h1>500</h1>"), "errors/http_500", False),
    _path(902, "loi-503-mot-lan"): (Reply(status=503, times=1, then=Reply(body=_page(902))), None, True),
    _path(903, "cham"): (Reply(body=_page(903), delay=3), "errors/timeout", False),
    _path(904, "cat-ngang"): (
        Reply(body=_page(904)[:3000], declared_length=60_000),
        "errors/truncated",
        False,
    ),
    _path(905, "html-hong"): (Reply(body=_mangled(905)), None, True),
    _path(906, "html-cut"): (Reply(body=_cut(906)), None, True),
    _path(907, "sai-charset"): (
        Reply(body=_no_meta_charset(907), content_type="text/html; charset=iso-8859-1"),
        None,
        True,
    ),
    _path(908, "khong-charset"): (Reply(body=_no_meta_charset(908), content_type="text/html"), None, True),
    _path(909, "vong-lap"): (
        Reply(status=302, headers=(("Location", _path(910, "vong-lap-b")),)),
        "errors/redirect_loop",
        False,
    ),
    _path(910, "vong-lap-b"): (
        Reply(status=302, headers=(("Location", _path(909, "vong-lap")),)),
        None,
        False,
    ),
    _path(911, "trang-lon"): (
        Reply(body=b"<html><body>", stream_bytes=20_000_000),
        "errors/too_large",
        False,
    ),
    _path(919, "lon-khong-do-dai"): (
        Reply(body=b"<html><body>", stream_bytes=30_000_000, no_length=True),
        "errors/too_large",
        False,
    ),
    _path(920, "bom-gzip"): (
        Reply(body=GZIP_BOMB, headers=(("Content-Encoding", "gzip"),)),
        "errors/too_large",
        False,
    ),
    # canonicals: another outlet's article and a javascript: URL are refused (the fetched URL is kept);
    # a declared alias host is trusted
    _path(921, "canonical-bao-khac"): (
        Reply(body=_with_canonical(921, "https://baokhac.vn/thoi-su/bai-that-1000921.html")),
        "discarded/foreign_canonical",
        True,
    ),
    _path(922, "canonical-javascript"): (
        Reply(body=_with_canonical(922, "javascript:alert(document.cookie)")),
        "discarded/foreign_canonical",
        True,
    ),
    _path(923, "canonical-alias"): (Reply(body=_with_canonical(923, ALIAS_CANONICAL)), None, True),
    _path(924, "bai-rat-dai"): (Reply(body=_very_long(924)), None, True),
    _path(912, "rong"): (Reply(body=b""), "discarded/empty", False),
    _path(913, "tai-lieu"): (
        Reply(body=b"%PDF-1.4 ...", content_type="application/pdf"),
        "discarded/not_html",
        False,
    ),
    _path(914, "thu-thach"): (Reply(status=503, body=CHALLENGE), "errors/js_challenge", False),
    _path(915, "bi-chan"): (Reply(status=403, body=BANNED), "errors/ban", False),
    _path(916, "cam-robots"): (Reply(body=_page(916)), "robots_refused", False),
    _path(917, "khong-bai"): (Reply(body=NOT_AN_ARTICLE), "discarded/no_article_body", False),
    _path(918, "khong-co"): (Reply(status=404), "errors/http_404", False),
    "/rss-hong.xml": (
        Reply(
            body=b"<?xml version='1.0'?><rss><channel><item><title>x</ti", content_type="application/rss+xml"
        ),
        "errors/broken_feed",
        False,
    ),
}
LINKED = [p for p in FAULTS if p.startswith("/bai/") and "vong-lap-b" not in p]


@pytest.fixture(scope="module")
def crawled(
    module_db_url: str, tmp_path_factory: pytest.TempPathFactory
) -> tuple[SimSite, dict[str, Any], str]:
    site = SimSite(
        count=GOOD,
        routes={path: reply for path, (reply, _, _) in FAULTS.items()},
        extra_links=LINKED,
        robots_disallow=["/bai/cam-robots"],
    )
    with site.serve() as base:
        source = sim_source(base, kinds=("rss", "listing")) | {"aliases": [ALIAS]}
        source["discovery"].append({"kind": "rss", "url": f"{base}/rss-hong.xml"})
        app = site_app(tmp_path_factory.mktemp("faults"), module_db_url, [source], **FAST_FAILURES)
        stats = run_crawl(app, fast=True).as_stats()
    return site, stats, module_db_url


def _stored(db_url: str) -> dict[str, ArticleRow]:
    with session_scope(db_url) as session:
        return {re.sub(r"^https?://[^/]+", "", r.url): r for r in session.scalars(select(ArticleRow))}


@pytest.mark.parametrize(
    ("path", "key"), [(p, k) for p, (_, k, _) in FAULTS.items() if k], ids=lambda v: str(v).rsplit("/", 1)[-1]
)
def test_each_fault_is_counted_by_kind(
    crawled: tuple[SimSite, dict[str, Any], str], path: str, key: str
) -> None:
    _, stats, _ = crawled
    expected = sum(1 for _, k, _ in FAULTS.values() if k == key)
    assert stats.get(f"duluan/{key}") == expected
    assert stats.get(f"duluan/source/mo_phong/{key}") == expected


def test_every_good_page_is_stored_once(crawled: tuple[SimSite, dict[str, Any], str]) -> None:
    site, stats, db_url = crawled
    good = {a.path for a in site.articles} | {p for p, (_, _, ok) in FAULTS.items() if ok}
    assert set(_stored(db_url)) == good
    assert stats["stored"] == len(good)


@pytest.mark.parametrize("path", [p for p, (_, _, ok) in FAULTS.items() if ok and "charset" in p])
def test_mislabelled_charset_keeps_the_diacritics(
    crawled: tuple[SimSite, dict[str, Any], str], path: str
) -> None:
    _, _, db_url = crawled
    number = int(path.rsplit("-", 1)[1].split(".")[0]) - 1_000_000
    assert _stored(db_url)[path].title == _EXTRA[number].title


@pytest.mark.parametrize(
    ("path", "canonical"),
    [
        (_path(921, "canonical-bao-khac"), None),
        (_path(922, "canonical-javascript"), None),
        (_path(923, "canonical-alias"), ALIAS_CANONICAL),
    ],
    ids=["other-outlet", "javascript", "declared-alias"],
)
def test_a_canonical_is_trusted_only_on_the_sources_own_hosts(
    crawled: tuple[SimSite, dict[str, Any], str], path: str, canonical: str | None
) -> None:
    _, _, db_url = crawled
    row = _stored(db_url)[path]
    assert row.canonical_url == (canonical or row.url)
    assert row.canonical_url.startswith(("http://", "https://"))


def test_a_very_long_article_is_stored_bounded(crawled: tuple[SimSite, dict[str, Any], str]) -> None:
    _, _, db_url = crawled
    text = _stored(db_url)[_path(924, "bai-rat-dai")].body
    assert 90_000 < len(text) <= 100_000  # max_article_chars, cut at a paragraph break
    assert text.startswith("Đoạn văn bổ sung số 0 ") and text.endswith("kéo dài mãi.")


def test_failing_requests_were_retried_with_backoff(crawled: tuple[SimSite, dict[str, Any], str]) -> None:
    site, _, _ = crawled
    assert site.hits[_path(901, "loi-500")] == 2  # first try + retry_times=1
    assert site.hits[_path(914, "thu-thach")] == 1  # a challenge page is not retried


def test_robots_txt_was_obeyed(crawled: tuple[SimSite, dict[str, Any], str]) -> None:
    site, _, _ = crawled
    assert site.hits[_path(916, "cam-robots")] == 0


def test_outcomes_are_stored_with_the_job_run_and_the_source_run(
    crawled: tuple[SimSite, dict[str, Any], str],
) -> None:
    _, _, db_url = crawled
    with session_scope(db_url) as session:
        job = session.scalars(select(JobRunRow).where(JobRunRow.job == "crawl")).one()
        run = session.scalars(select(SourceRunRow)).one()
    assert job.status == "ok"
    counted = {k: v for k, v in job.stats.items() if k.startswith(("duluan/errors/", "duluan/discarded/"))}
    assert counted == {
        f"duluan/{k}": v for k, v in _expected_counts().items() if k.startswith(("errors", "disc"))
    }
    assert run.ok and run.robots_refused == 1
    assert run.errors == {
        k.split("/", 1)[1]: v for k, v in _expected_counts().items() if k.startswith("errors/")
    }


def _expected_counts() -> dict[str, int]:
    counts: dict[str, int] = {}
    for _, key, _ in FAULTS.values():
        if key:
            counts[key] = counts.get(key, 0) + 1
    return counts
