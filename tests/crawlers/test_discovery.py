"""Discovery parsers on documents written here: RSS/Atom, sitemap index, urlset and news sitemaps,
listing pages with dates beside their links, next-page links."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from parsel import Selector

from crawlers.dates import VN
from crawlers.discovery import BrokenDocument, feed_entries, listing_links, next_page, sitemap_entries

RSS = b"""<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>T</title>
<item><title>M\xe1\xbb\x99t</title><link>https://h.vn/a-1234567.html</link>
<pubDate>Tue, 24 Nov 2026 08:00:00 +0700</pubDate></item>
<item><title>Hai</title><link>/b-1234568.html</link></item></channel></rss>"""
ATOM = b"""<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>T</title>
<entry><title>A</title><link href="https://h.vn/c-1.html"/><updated>2026-11-24T01:00:00Z</updated></entry>
</feed>"""
INDEX = b"""<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<sitemap><loc>https://h.vn/s/news.xml</loc><lastmod>2026-11-24</lastmod></sitemap>
<sitemap><loc>https://h.vn/s/2020.xml</loc></sitemap></sitemapindex>"""
NEWS = b"""<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
 xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"><url><loc>https://h.vn/n-1.html</loc>
<news:news><news:publication><news:name>H</news:name></news:publication>
<news:publication_date>2026-11-24T09:30:00+07:00</news:publication_date><news:title>N</news:title>
</news:news></url><url><loc>https://h.vn/n-2.html</loc><lastmod>2026-11-20</lastmod></url></urlset>"""


def test_rss_links_are_absolute_with_their_dates() -> None:
    found = feed_entries(RSS, "https://h.vn/rss/home.rss")
    assert [f.url for f in found] == ["https://h.vn/a-1234567.html", "https://h.vn/b-1234568.html"]
    assert found[0].when == datetime(2026, 11, 24, 1, 0, tzinfo=UTC) and found[1].when is None


def test_atom_entries_are_read() -> None:
    (entry,) = feed_entries(ATOM, "https://h.vn/atom.xml")
    assert entry.url == "https://h.vn/c-1.html" and entry.when == datetime(2026, 11, 24, 1, tzinfo=UTC)


@pytest.mark.parametrize(
    "body",
    [b"<html><body><p>Trang ch\xe1\xbb\xa7</p></body></html>", b"", b"<rss><channel><item><title>x</ti"],
    ids=["html", "empty", "cut"],
)
def test_what_is_not_a_feed_is_broken(body: bytes) -> None:
    with pytest.raises(BrokenDocument):
        feed_entries(body, "https://h.vn/rss")


def test_sitemap_index_lists_child_sitemaps() -> None:
    kind, found = sitemap_entries(INDEX, "https://h.vn/sitemap.xml")
    assert kind == "sitemapindex"
    assert [(f.url, f.when) for f in found] == [
        ("https://h.vn/s/news.xml", datetime(2026, 11, 24, tzinfo=VN)),
        ("https://h.vn/s/2020.xml", None),
    ]


def test_news_sitemap_dates_come_from_publication_date() -> None:
    kind, found = sitemap_entries(NEWS, "https://h.vn/s/news.xml")
    assert kind == "urlset"
    assert [f.when for f in found] == [
        datetime(2026, 11, 24, 9, 30, tzinfo=VN),
        datetime(2026, 11, 20, tzinfo=VN),
    ]


@pytest.mark.parametrize("body", [b"<html><body>no</body></html>", b"not xml at all", b""])
def test_what_is_not_a_sitemap_is_broken(body: bytes) -> None:
    with pytest.raises(BrokenDocument):
        sitemap_entries(body, "https://h.vn/sitemap.xml")


LISTING = """<html><body><nav><a href="/">Trang chủ</a></nav><ul>
<li><a class="t" href="/a-1.html">Một</a><span class="time">24/11/2026 08:15</span></li>
<li><div><a class="t" href="/b-2.html">Hai</a></div>
<time datetime="2026-11-20T07:00:00+07:00">20/11</time></li>
<li><a class="t" href="/c-3.html">Ba (15/10/2026)</a></li></ul>
<a class="next" href="?page=2">Sau</a><link rel="next" href="/trang-2"></body></html>"""


def test_listing_dates_are_read_beside_each_link() -> None:
    found = listing_links(Selector(text=LISTING), "https://h.vn/tin/", "a.t")
    assert [(f.url, f.when) for f in found] == [
        ("https://h.vn/a-1.html", datetime(2026, 11, 24, 8, 15, tzinfo=VN)),
        ("https://h.vn/b-2.html", datetime(2026, 11, 20, 7, tzinfo=VN)),
        ("https://h.vn/c-3.html", datetime(2026, 10, 15, tzinfo=VN)),
    ]


def test_listing_link_selector_with_attr_form_is_accepted() -> None:
    found = listing_links(Selector(text=LISTING), "https://h.vn/tin/", "a.t::attr(href)")
    assert len(found) == 3 and found[0].when is not None


def test_a_menu_link_has_no_date() -> None:
    found = listing_links(Selector(text=LISTING), "https://h.vn/tin/", None)
    assert found[0].url == "https://h.vn/" and found[0].when is None


@pytest.mark.parametrize(
    ("selector", "expected"),
    [("a.next::attr(href)", "https://h.vn/tin/?page=2"), (None, "https://h.vn/trang-2")],
)
def test_next_page(selector: str | None, expected: str) -> None:
    assert next_page(Selector(text=LISTING), "https://h.vn/tin/", selector) == expected


# --- article links of a home page and the allow pattern inferred from them ---------------------

_SECTIONS = ["/thoi-su.html", "/kinh-te/", "/the-thao", "/tag/ha-noi", "/tim-kiem?q=lu", "/rss/home.rss"]


@pytest.mark.parametrize(
    ("articles", "base"),
    [
        (  # relative links, a 17-digit timestamp id (Dân trí-like)
            [
                "xa-hoi/khoi-cong-du-an-duong-ven-song-20261203101512345.html",
                "/kinh-te/gia-lua-tang-manh-vu-dong-xuan-20261203091500111.html",
                "../the-thao/doi-tuyen-tinh-gianh-hcv-20261202204010999.html",
            ],
            "http://127.0.0.1/trang-chu/",
        ),
        (  # absolute links, a short id with a word prefix
            [
                "http://127.0.0.1/thoi-su/hop-bao-ve-mua-lu-post712345.html",
                "http://127.0.0.1/doi-song/cho-phien-vung-cao-post712399.html",
                "http://www.127.0.0.1/giao-duc/truong-moi-khai-giang-post712400.html",
            ],
            "http://127.0.0.1/",
        ),
        (  # a dated path, no id
            [
                "/2026/12/03/council-approves-new-bridge/",
                "/2026/12/02/flood-warning-for-river-valley/",
                "http://127.0.0.1/2026/11/30/market-prices-rise-again/",
            ],
            "http://127.0.0.1/",
        ),
        (  # a numeric id as the last segment
            ["/news/398211", "/news/398250", "/sport/398301"],
            "http://127.0.0.1/",
        ),
    ],
    ids=["timestamp-id-relative", "post-id-absolute", "dated-path", "numeric-id"],
)
def test_article_links_and_allow_pattern(articles: list[str], base: str) -> None:
    from parsel import Selector

    from crawlers.site_discovery import article_links, infer_allow
    from crawlers.urls import url_allowed

    html = "<html><body><nav>{}</nav><main>{}</main></body></html>".format(
        "".join(f'<a href="{s}">Mục</a>' for s in _SECTIONS),
        "".join(f'<a href="{a}">Bài</a>' for a in articles),
    )
    found = article_links(Selector(text=html), base, "127.0.0.1")
    assert len(found) == len(articles)
    allow = infer_allow("127.0.0.1", found)
    assert all(url_allowed(u, allow, []) for u in found)
    assert not any(url_allowed(f"http://127.0.0.1{s}", allow, []) for s in _SECTIONS), allow
    assert not url_allowed("http://127.0.0.1/", allow, [])
