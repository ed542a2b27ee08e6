"""The bundled demo news site: its content (ground truth) and what it serves on 127.0.0.1."""

from __future__ import annotations

import calendar
import dataclasses
import json
import re
import unicodedata
import urllib.error
import urllib.request
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta, timezone
from urllib.parse import urljoin, urlsplit

import feedparser
import pytest
from parsel import Selector

from config.models import Source
from crawlers.demo_site import OUTLETS, DemoArticle, build_pages, demo_sources, load_articles, serve
from crawlers.demo_site.site import PUBLIC_BASE
from crawlers.demo_site.templates import date_line_national, date_line_province

ARTICLES = load_articles()
BY_ID = {a.id: a for a in ARTICLES}
WEEK = [date(2026, 11, 16) + timedelta(days=i) for i in range(7)]
LAST_THREE = WEEK[-3:]
ICT = timezone(timedelta(hours=7))

# The contract of shared/spec/taxonomy.md.
TAXONOMY_IDS = {
    "dat_dai", "giai_phong_mat_bang", "khieu_nai_to_cao", "moi_truong", "khoang_san_rung",
    "cua_khau_thuong_mai", "buon_lau_gian_lan", "ma_tuy_xuat_nhap_canh", "thien_tai",
    "tham_nhung_tieu_cuc", "xet_xu", "an_ninh_trat_tu", "lua_dao_tin_dung_den", "giao_thong",
    "tin_gia_xuyen_tac", "dan_toc_ton_giao", "an_sinh_xa_hoi", "giao_duc", "y_te_thuc_pham",
    "dau_tu_ha_tang", "gia_ca_thi_truong", "bo_may_hanh_chinh", "kien_nghi_cu_tri",
}  # fmt: skip

GROWING_STORY = "o-nhiem-suoi-ban-chat"
GROWING_STORY_NAMES = ("Hưng Phát", "Bản Chắt", "Cai Kinh")


def _event(article: DemoArticle) -> str:
    """Articles about one event: a story, or an original with its syndicated copies."""
    return article.story or article.syndicated_from or article.id


def _fetch(url: str) -> tuple[int, str, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.headers.get("Content-Type", ""), response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("Content-Type", ""), error.read()


@pytest.fixture(scope="module")
def site() -> Iterator[str]:
    with serve() as base:
        yield base


# --- content ----------------------------------------------------------------------------


def test_there_are_at_least_44_articles_from_both_outlets() -> None:
    per_outlet = Counter(a.outlet for a in ARTICLES)
    assert len(ARTICLES) >= 44
    assert per_outlet["xu_lang"] >= 24 and per_outlet["tin_nhanh"] >= 18


@pytest.mark.parametrize("day", WEEK, ids=str)
@pytest.mark.parametrize("outlet", sorted(OUTLETS))
def test_every_day_of_the_week_has_articles_of_each_outlet(day: date, outlet: str) -> None:
    assert any(a.published.date() == day and a.outlet == outlet for a in ARTICLES)


def test_articles_are_published_within_the_week_in_vietnam_time() -> None:
    for a in ARTICLES:
        assert a.published.utcoffset() == timedelta(hours=7), a.id
        assert WEEK[0] <= a.published.date() <= WEEK[-1], a.id


def test_ids_are_unique() -> None:
    assert len({a.id for a in ARTICLES}) == len(ARTICLES)


def test_urls_are_unique_and_well_formed() -> None:
    assert len({a.path for a in ARTICLES}) == len(ARTICLES)
    digits = {"xu_lang": 7, "tin_nhanh": 6}
    for a in ARTICLES:
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", a.slug), a.id
        assert len(str(a.number)) == digits[a.outlet], a.id


@pytest.mark.parametrize("article", ARTICLES, ids=lambda a: a.id)
def test_article_is_complete(article: DemoArticle) -> None:
    assert article.title and article.sapo and article.author and article.tags
    assert 4 <= len(article.paragraphs) <= 8
    assert article.outlet in OUTLETS


@pytest.mark.parametrize("article", ARTICLES, ids=lambda a: a.id)
def test_all_text_is_nfc(article: DemoArticle) -> None:
    texts = [article.title, article.sapo, article.author, *article.body, *article.tags]
    for text in texts:
        assert unicodedata.is_normalized("NFC", text), text[:60]


def test_expected_topics_are_taxonomy_ids() -> None:
    used = {t for a in ARTICLES for t in a.expected_topics}
    assert used <= TAXONOMY_IDS, used - TAXONOMY_IDS


def test_at_least_ten_topics_are_covered() -> None:
    assert len({t for a in ARTICLES for t in a.expected_topics}) >= 10


@pytest.mark.parametrize("topic", ["moi_truong", "thien_tai", "tham_nhung_tieu_cuc", "giao_thong", "xet_xu"])
def test_named_topic_has_an_article(topic: str) -> None:
    assert any(topic in a.expected_topics for a in ARTICLES)


def test_trials_also_carry_their_crime_topic() -> None:
    crimes = {"buon_lau_gian_lan", "lua_dao_tin_dung_den", "ma_tuy_xuat_nhap_canh", "tham_nhung_tieu_cuc"}
    for a in ARTICLES:
        if "xet_xu" in a.expected_topics:
            assert crimes & set(a.expected_topics), a.id


def test_at_least_twelve_ordinary_articles() -> None:
    assert sum(1 for a in ARTICLES if not a.expected_topics) >= 12


@pytest.mark.parametrize(
    "article_id",
    [
        "xl-phat-dong-phong-chong-ma-tuy",
        "xl-ky-ket-phoi-hop",
        "xl-giai-viet-da-lan-thu-xxv",
        "xl-lien-hoan-hat-then",
    ],
)
def test_ceremonies_sport_and_festivals_have_no_topic(article_id: str) -> None:
    assert BY_ID[article_id].expected_topics == ()


def test_syndicated_copies_point_to_an_original_elsewhere() -> None:
    copies = [a for a in ARTICLES if a.syndicated_from]
    assert len(copies) >= 2
    for copy in copies:
        original = BY_ID[copy.syndicated_from or ""]
        assert original.syndicated_from is None
        assert copy.outlet != original.outlet
        assert copy.title != original.title
        assert copy.expected_topics == original.expected_topics
        assert copy.published > original.published
        assert len(set(copy.paragraphs) & set(original.paragraphs)) >= len(original.paragraphs) - 2


def test_syndicated_copies_are_changed_the_announced_way() -> None:
    copies = [a for a in ARTICLES if a.syndicated_from]
    original = BY_ID[copies[0].syndicated_from or ""]
    credited = [c for c in copies if c.body[-1] == "Theo Báo Xứ Lạng"]
    swapped = [c for c in copies if sorted(c.body) == sorted(original.body) and c.body != original.body]
    # copy 1: one paragraph dropped, the credit line added; copy 2: two paragraphs swapped
    assert len(credited) == 1 and len(credited[0].paragraphs) == len(original.paragraphs)
    assert len(swapped) == 1
    assert len({c.category for c in copies} | {original.category}) >= 2


def test_syndicated_event_is_not_in_the_last_three_days() -> None:
    for a in ARTICLES:
        if a.syndicated_from or any(c.syndicated_from == a.id for c in ARTICLES):
            assert a.published.date() < LAST_THREE[0], a.id


def test_growing_story_has_one_two_three_articles_on_the_last_three_days() -> None:
    story = [a for a in ARTICLES if a.story == GROWING_STORY]
    per_day = Counter(a.published.date() for a in story)
    assert [per_day[d] for d in LAST_THREE] == [1, 2, 3]
    assert per_day.total() == 6
    for day in LAST_THREE[1:]:
        assert {a.outlet for a in story if a.published.date() == day} == set(OUTLETS)


@pytest.mark.parametrize("day", LAST_THREE, ids=str)
def test_no_other_event_has_more_than_two_articles_in_the_last_three_days(day: date) -> None:
    events = Counter(_event(a) for a in ARTICLES if a.published.date() == day)
    for event, count in events.items():
        if event != GROWING_STORY:
            assert count <= 2, event
    assert events.most_common(1)[0][0] == GROWING_STORY or day != LAST_THREE[-1]


def test_growing_story_names_are_distinctive() -> None:
    for a in ARTICLES:
        text = f"{a.title} {a.sapo} {' '.join(a.body)}"
        if a.story == GROWING_STORY:
            assert all(name in f"{a.title} {a.sapo}" for name in GROWING_STORY_NAMES), a.id
        else:
            assert not any(name in text for name in GROWING_STORY_NAMES), a.id


# --- rendering helpers ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (16, "Thứ hai"),
        (17, "Thứ ba"),
        (18, "Thứ tư"),
        (19, "Thứ năm"),
        (20, "Thứ sáu"),
        (21, "Thứ bảy"),
        (22, "Chủ nhật"),
    ],
)
def test_provincial_date_line_names_the_vietnamese_weekday(day: int, expected: str) -> None:
    when = datetime(2026, 11, day, 8, 5, tzinfo=ICT)
    assert date_line_province(when) == f"{expected}, {day}/11/2026 - 08:05"


def test_national_date_line_shows_the_offset() -> None:
    assert date_line_national(datetime(2026, 11, 16, 10, 15, tzinfo=ICT)) == "10:15 16/11/2026 (GMT+7)"


def test_markup_in_titles_is_escaped_everywhere() -> None:
    hostile = "<script>alert(1)</script> & “tin” thử"
    articles = [dataclasses.replace(a, title=hostile, sapo=hostile) for a in ARTICLES]
    pages = build_pages("http://127.0.0.1:1", articles)
    for path, (_, body) in pages.items():
        assert b"<script>alert" not in body, path
    xl = next(a for a in articles if a.outlet == "xu_lang")
    tn = next(a for a in articles if a.outlet == "tin_nhanh")
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; “tin”" in pages[xl.path][1].decode()
    assert "\\u003cscript\\u003e" in pages[tn.path][1].decode()  # inside the JSON-LD block
    assert "&lt;script&gt;" in pages["/xu-lang/rss.xml"][1].decode()


# --- served site -------------------------------------------------------------------------


@pytest.mark.parametrize("article", ARTICLES, ids=lambda a: a.id)
def test_article_page_is_served(site: str, article: DemoArticle) -> None:
    status, content_type, body = _fetch(site + article.path)
    assert status == 200
    assert content_type == "text/html; charset=utf-8"
    page = Selector(text=body.decode("utf-8"))
    assert page.css("meta[charset]::attr(charset)").get() == "utf-8"
    assert page.css('link[rel="canonical"]::attr(href)').get() == PUBLIC_BASE + article.path
    assert page.css('meta[property="og:title"]::attr(content)').get() == article.title


@pytest.mark.parametrize(
    "path", ["/khong-co-trang-nay.html", "/xu-lang/thoi-su/khong-co-0000000.html", "/admin/"]
)
def test_unknown_path_is_404(site: str, path: str) -> None:
    assert _fetch(site + path)[0] == 404


def test_listing_tracking_parameters_are_ignored(site: str) -> None:
    assert _fetch(site + "/xu-lang/?utm_source=home")[0] == 200
    assert _fetch(site + ARTICLES[0].path + "?utm_source=home")[0] == 200


def test_provincial_page_is_read_by_its_selectors(site: str) -> None:
    selectors = demo_sources(site)[0]["selectors"]
    for a in (a for a in ARTICLES if a.outlet == "xu_lang"):
        page = Selector(text=_fetch(site + a.path)[2].decode("utf-8"))
        assert page.css(selectors["title"] + "::text").get() == a.title
        assert page.css(selectors["sapo"] + "::text").get() == a.sapo
        assert page.css(selectors["author"] + "::text").get() == a.author
        assert page.css(selectors["published"] + "::text").get() == date_line_province(a.published)
        body = page.css(selectors["body"])
        assert body.css("p::text, figcaption::text").getall() == list(a.body)
        assert len(body.css("figure figcaption")) == len(a.captions)


def test_national_page_carries_machine_readable_dates(site: str) -> None:
    for a in (a for a in ARTICLES if a.outlet == "tin_nhanh"):
        page = Selector(text=_fetch(site + a.path)[2].decode("utf-8"))
        ld = json.loads(page.css('script[type="application/ld+json"]::text').get() or "{}")
        assert ld["@type"] == "NewsArticle" and ld["headline"] == a.title
        assert datetime.fromisoformat(ld["datePublished"]) == a.published
        assert ld["datePublished"].endswith("+07:00")
        assert page.css('meta[property="article:published_time"]::attr(content)').get() == ld["datePublished"]
        assert date_line_national(a.published) in page.css("article time::text").get("")
        assert page.css("article p.lead::text").get() == a.sapo


@pytest.mark.parametrize("outlet", sorted(OUTLETS))
def test_rss_feed_lists_the_15_newest_articles(site: str, outlet: str) -> None:
    status, content_type, body = _fetch(f"{site}{OUTLETS[outlet].prefix}rss.xml")
    assert status == 200 and content_type.startswith("application/rss+xml")
    feed = feedparser.parse(body)
    assert not feed.bozo, feed.get("bozo_exception")
    newest = sorted((a for a in ARTICLES if a.outlet == outlet), key=lambda a: a.published, reverse=True)
    assert [e.link for e in feed.entries] == [site + a.path for a in newest[:15]]
    first = feed.entries[0]
    assert first.title == newest[0].title and first.summary == newest[0].sapo
    assert first.published.endswith("+0700")
    assert datetime.fromtimestamp(calendar.timegm(first.published_parsed), UTC) == newest[0].published


def test_sitemap_index_and_urlsets_list_every_article(site: str) -> None:
    ns = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    index = ET.fromstring(_fetch(site + "/sitemap.xml")[2])
    urlsets = [loc.text or "" for loc in index.findall("sm:sitemap/sm:loc", ns)]
    assert sorted(urlsets) == sorted(f"{site}{o.prefix}sitemap.xml" for o in OUTLETS.values())
    listed: dict[str, str] = {}
    for urlset in urlsets:
        for url in ET.fromstring(_fetch(urlset)[2]).findall("sm:url", ns):
            listed[url.findtext("sm:loc", "", ns)] = url.findtext("sm:lastmod", "", ns)
    assert listed == {site + a.path: a.published.isoformat() for a in ARTICLES}


@pytest.mark.parametrize("outlet", sorted(OUTLETS))
def test_following_next_page_reaches_every_article(site: str, outlet: str) -> None:
    url: str | None = f"{site}{OUTLETS[outlet].prefix}"
    found: set[str] = set()
    pages = 0
    while url and pages < 10:
        page = Selector(text=_fetch(url)[2].decode("utf-8"))
        links = page.css("a.article-link::attr(href)").getall()
        assert 0 < len(links) <= 8
        found |= {urljoin(url, urlsplit(link)._replace(query="").geturl()) for link in links}
        next_link = page.css("a.next::attr(href)").get()
        url = urljoin(url, next_link) if next_link else None
        pages += 1
    assert url is None
    assert found == {site + a.path for a in ARTICLES if a.outlet == outlet}


def test_some_listing_links_carry_tracking_parameters(site: str) -> None:
    page = Selector(text=_fetch(site + "/xu-lang/")[2].decode("utf-8"))
    assert any("utm_source=" in href for href in page.css("a.article-link::attr(href)").getall())


def test_robots_txt_allows_crawling_and_names_the_sitemaps(site: str) -> None:
    status, content_type, body = _fetch(site + "/robots.txt")
    lines = body.decode("utf-8").splitlines()
    assert status == 200 and content_type.startswith("text/plain")
    assert {"User-agent: *", "Disallow: /admin/", "Allow: /", f"Sitemap: {site}/sitemap.xml"} <= set(lines)


def test_home_page_links_both_outlets(site: str) -> None:
    page = Selector(text=_fetch(site + "/")[2].decode("utf-8"))
    hrefs = set(page.css("a::attr(href)").getall())
    assert {o.prefix for o in OUTLETS.values()} <= hrefs


# --- crawl sources -------------------------------------------------------------------------


@pytest.mark.parametrize("entry", demo_sources("http://127.0.0.1:8765"), ids=lambda d: str(d["id"]))
def test_demo_source_is_a_valid_source(entry: dict[str, object]) -> None:
    source = Source.model_validate(entry)
    assert source.verified and source.discovery
    assert (source.selectors is None) == (source.scope == "national")


@pytest.mark.parametrize("entry", demo_sources("http://127.0.0.1:8765"), ids=lambda d: str(d["id"]))
def test_demo_source_allows_only_its_own_articles(entry: dict[str, object]) -> None:
    source = Source.model_validate(entry)
    pages = build_pages("http://127.0.0.1:8765")
    allowed = {p for p in pages if any(re.search(rx, "http://127.0.0.1:8765" + p) for rx in source.allow)}
    assert allowed == {a.path for a in ARTICLES if a.outlet == source.id}
