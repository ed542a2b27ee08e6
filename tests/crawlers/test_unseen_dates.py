"""Dates on layouts the generic path was never tuned on: one small page written here per failure class
(a sidebar's or an image path's date before the article's own line, declared and printed dates that
disagree, day-part words, offsets), each the way an outlet we have not seen might print it."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone

import pytest

from crawlers.dates import VN, parse_vietnamese_date
from tests.sites.unseen import URL, P, article, page, run

SIDEBAR_FIRST = (
    "<div class='sidebar-news'><a href='/a.html'>Tin cũ</a><span class='time'>01/01/2020 08:00</span></div>"
)


@pytest.mark.parametrize(
    ("body", "url", "expected", "source"),
    [
        (
            article("<div class='post-date'>Thứ tư, 08/09/2021, 11:05 tối</div>"),
            URL,
            datetime(2021, 9, 8, 23, 5, tzinfo=VN),
            "date-line",
        ),
        (
            article(
                "<span id='ngay-dang'></span><script>document.getElementById('ngay-dang').innerHTML ="
                " 'Thứ tư, 08/09/2021 - 10:15';</script>"
            ),
            URL,
            datetime(2021, 9, 8, 10, 15, tzinfo=VN),
            "script",
        ),
        (
            article("<div class='detail-time'>08/09/2021 - 11:30</div>"),
            "https://bao-thu.vn/xa-hoi/nuoc-sach-20210908101500000.htm",
            datetime(2021, 9, 8, 11, 30, tzinfo=VN),
            "date-line",
        ),
        (
            article("<p class='meta-time'>Cập nhật 08/09/2021 10:15</p>", before=SIDEBAR_FIRST),
            URL,
            datetime(2021, 9, 8, 10, 15, tzinfo=VN),
            "date-line",
        ),
        (
            article("<div class='author'>Nguyễn Minh - 08/09/2021 10:15</div>"),
            URL,
            datetime(2021, 9, 8, 10, 15, tzinfo=VN),
            "byline",
        ),
        (
            article("<div class='date'>08/09/2021 10:15 GMT+7</div>"),
            URL,
            datetime(2021, 9, 8, 10, 15, tzinfo=VN),
            "date-line",
        ),
        (
            article("<div class='info'>Ngày đăng: 08-09-2021 10:15</div>"),
            URL,
            datetime(2021, 9, 8, 10, 15, tzinfo=VN),
            "date-line",
        ),
        (  # the date bar just above the headline, a dated list after the body no class marks
            "<div class='main'><div class='bar'><span class='date'>08/09/2021 10:15</span></div>"
            f"<h1>Nước giếng nhiễm phèn</h1>{''.join(f'<p>{p}</p>' for p in P * 2)}</div>"
            "<div class='box-tinmoi'><ul>"
            + "".join(
                f"<li><a href='/t{i}.html'>Tin {i}</a><span class='time'>0{i}/09/2021 09:00</span></li>"
                for i in (1, 2)
            )
            + "</ul></div>",
            URL,
            datetime(2021, 9, 8, 10, 15, tzinfo=VN),
            "date-line",
        ),
        (  # the date line shares its box with the share buttons
            "<div class='main'><div class='block_timer_share'>"
            "<div class='block_timer'>08/09/2021 | 10:15</div>"
            "<a class='btn'>Chia sẻ</a></div><div class='title_news'><h1>Nước giếng nhiễm phèn</h1></div>"
            f"{''.join(f'<p>{p}</p>' for p in P)}</div>",
            URL,
            datetime(2021, 9, 8, 10, 15, tzinfo=VN),
            "date-line",
        ),
    ],
    ids=[
        "day-part-word",
        "inline-script",
        "printed-line-over-url-id",
        "not-the-sidebar",
        "byline-only",
        "gmt-offset",
        "ngay-dang",
        "date-bar-above-over-a-list-after-the-body",
        "date-line-in-a-share-bar",
    ],
)
def test_date(body: str, url: str, expected: datetime, source: str) -> None:
    found = run(page(body), url)
    assert found.published_at == expected and found.published_source == source
    assert found.published_at is not None and found.published_at.tzinfo is not None


def _ld(data: dict[str, object], wrap: str = "{}") -> str:
    return f'<script type="application/ld+json">{wrap.format(json.dumps(data, ensure_ascii=False))}</script>'


_NEWS = {
    "@type": "NewsArticle",
    "headline": "Nước giếng nhiễm phèn",
    "datePublished": "2021-09-08T10:15:00+07:00",
}


@pytest.mark.parametrize(
    ("head", "body", "url", "expected", "source"),
    [
        (
            _ld(_NEWS, "//<![CDATA[\n{}\n//]]>"),
            article(""),
            URL,
            datetime(2021, 9, 8, 10, 15, tzinfo=VN),
            "json-ld",
        ),
        (
            _ld({"@type": "WebPage", "mainEntity": _NEWS}),
            article(""),
            URL,
            datetime(2021, 9, 8, 10, 15, tzinfo=VN),
            "json-ld",
        ),
        (
            '<meta property="article:published_time" content="2021-09-08T00:00:00+08:00">',
            article(""),
            "https://bao-thu.vn/2021/09/08/nuoc-sach.html",
            datetime(2021, 9, 8, 0, 0, tzinfo=timezone(timedelta(hours=8))),
            "meta",
        ),
        (
            "",
            article(
                "<p class='video-info'><span class='date'>08/09/2021</span> <span class='duration'>00:21 phút"
                "</span></p><p class='video-info'>08/09/2021 00:21 Min.</p>"
            ),
            URL,
            datetime(2021, 9, 8, 0, 0, tzinfo=VN),
            "date-line",
        ),
        (
            "",
            "<article><h1>Nước giếng nhiễm phèn</h1><div class='box-tin'>"
            "<h3><a href='/b.html'>Tin khác</a> <span class='date'>01/01/2020 08:00</span></h3>"
            "<a href='/c.html'>Tin khác nữa <span class='time'>02/01/2020 09:00</span></a></div>"
            f"{''.join(f'<p>{p}</p>' for p in P)}<div class='post-date'>08/09/2021 10:15</div></article>",
            URL,
            datetime(2021, 9, 8, 10, 15, tzinfo=VN),
            "date-line",
        ),
        (
            '<meta property="article:modified_time" content="2021-09-08T12:00:00+08:00">',
            article("<div class='post-date'>08/09/2021 10:15</div>"),
            URL,
            datetime(2021, 9, 8, 10, 15, tzinfo=timezone(timedelta(hours=8))),
            "date-line",
        ),
        (
            "",
            "<div class='header-top'><span class='date'>Thứ năm, 09/09/2021</span></div>" + article(""),
            "https://bao-thu.vn/2021/09/08/nuoc-sach.html",
            datetime(2021, 9, 8, 0, 0, tzinfo=VN),
            "url",
        ),
        (
            '<meta property="article:modified_time" content="2021-09-08T05:00:00Z">',
            article("<div class='post-date'>08/09/2021 10:15</div>"),
            URL,
            datetime(2021, 9, 8, 10, 15, tzinfo=VN),
            "date-line",
        ),
    ],
    ids=[
        "json-ld-in-cdata",
        "json-ld-article-as-webpage-main-entity",
        "declared-midnight-keeps-its-offset-over-a-bare-day",
        "video-duration-is-no-clock",
        "not-a-related-items-heading-or-link",
        "printed-line-in-the-zone-the-page-declares",
        "the-site-headers-date-is-not-the-articles",
        "a-zone-declared-as-utc-is-no-evidence",
    ],
)
def test_declared_and_printed_date(head: str, body: str, url: str, expected: datetime, source: str) -> None:
    found = run(page(body, head), url)
    assert found.published_at == expected and found.published_source == source
    assert found.published_at is not None and found.published_at.utcoffset() == expected.utcoffset()


def test_declared_time_without_offset_is_vietnam_time() -> None:
    head = '<meta property="article:published_time" content="2021-09-08T10:15:00">'
    found = run(page(article(""), head))
    assert found.published_at == datetime(2021, 9, 8, 10, 15, tzinfo=VN) and found.published_source == "meta"
    assert found.published_at.utcoffset() == timedelta(hours=7)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("08/09/2021 11:05 tối", (23, 5)),
        ("08/09/2021 9:30 sáng", (9, 30)),
        ("08/09/2021 12:10 trưa", (12, 10)),
        ("08/09/2021 1:10 trưa", (13, 10)),
        ("08/09/2021 3:45 chiều", (15, 45)),
        ("08/09/2021 11:20 đêm", (23, 20)),
        ("08/09/2021 2:20 đêm", (2, 20)),
        ("08/09/2021 12:05 SA", (0, 5)),
        ("08/09/2021 04:05 CH", (16, 5)),
        ("08/09/2021 04:05 PM", (16, 5)),
        ("08/09/2021 10:05 AM", (10, 5)),
        ("08/09/2021 16:05 chiều", (16, 5)),
    ],
)
def test_twelve_hour_clock_day_part_words(text: str, expected: tuple[int, int]) -> None:
    parsed = parse_vietnamese_date(text, fallback=False)
    assert parsed is not None and (parsed.hour, parsed.minute) == expected and parsed.tzinfo == VN


def test_gmt_offset_in_a_date_line() -> None:
    parsed = parse_vietnamese_date("08/09/2021 10:15 GMT+7", fallback=False)
    assert parsed == datetime(2021, 9, 8, 10, 15, tzinfo=timezone(timedelta(hours=7)))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Thứ Năm, 9 Tháng 9, 2021 21:30", datetime(2021, 9, 9, 21, 30, tzinfo=VN)),
        ("09 Tháng 9 2021 | 21:30", datetime(2021, 9, 9, 21, 30, tzinfo=VN)),
        ("Tháng Chín 9, 2021 9:30 chiều", datetime(2021, 9, 9, 21, 30, tzinfo=VN)),
        ("9 Tháng Mười Hai, 2021", datetime(2021, 12, 9, tzinfo=VN)),
        ("Cập nhật lúc: 21:30 (GMT+7) 09/09/2021", datetime(2021, 9, 9, 21, 30, tzinfo=VN)),
    ],
    ids=[
        "day-thang-month-year",
        "no-ngay-nam",
        "wordpress-month-name",
        "month-name-two-words",
        "offset-between",
    ],
)
def test_date_line_forms(text: str, expected: datetime) -> None:
    assert parse_vietnamese_date(text, fallback=False) == expected
