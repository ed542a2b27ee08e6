"""The generic path on layouts it was never tuned on: one small page written here per failure class
(body, title, date, author), each the way an outlet we have not seen might print it."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone

import pytest

from crawlers.dates import VN, parse_vietnamese_date
from crawlers.extract import Extracted, extract

URL = "https://bao-thu.vn/xa-hoi/nguoi-dan-kien-nghi-ve-nuoc-sach.html"
P = [
    "Sáng 2/12, hàng trăm hộ dân ở xã Quảng Nham phản ánh nước giếng khoan nhiễm phèn, không dùng được.",
    "Chính quyền xã cho biết đã báo cáo huyện, đề nghị đầu tư tuyến ống dẫn nước sạch về các thôn.",
    "Trong lúc chờ dự án, xã bố trí xe chở nước miễn phí hai ngày một lần cho các hộ khó khăn nhất.",
    "Người dân mong tuyến ống sớm được xây dựng trước mùa khô, khi nhiều giếng cạn hẳn và nước càng đục.",
    "Lãnh đạo huyện hứa sẽ làm việc với sở ngành để bố trí vốn ngay trong kế hoạch đầu tư công năm tới.",
]
COMMENTS = [
    f"Bạn đọc {i}: Tôi thấy chuyện này kéo dài quá lâu rồi, năm nào cũng hứa mà chưa thấy làm gì cụ thể cả, "
    "mong các cấp quan tâm hơn đến đời sống của bà con vùng sâu vùng xa chúng tôi."
    for i in range(1, 9)
]


def _page(body: str, head: str = "", url: str = URL) -> str:
    return (
        f'<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8">{head}</head><body>'
        '<header><a href="/" class="logo">Báo Thử</a><nav><a href="/xa-hoi">Xã hội</a>'
        '<a href="/kinh-te">Kinh tế</a></nav></header>'
        f"{body}<footer>Báo Thử — Giấy phép số 01/GP, địa chỉ 1 đường Thử, điện thoại 0123 456 789</footer>"
        "</body></html>"
    )


def _run(html: str, url: str = URL) -> Extracted:
    found = extract(html, url)
    assert found is not None
    return found


# --- body ----------------------------------------------------------------------------------


def _letter() -> str:
    letter = "<br>".join(P) + "<br>Nguyễn Văn Bình, thôn Đông"
    comments = "".join(f"<li><p>{c}</p></li>" for c in COMMENTS)
    return (
        "<div class='main'><h1>Thư bạn đọc: nước giếng nhiễm phèn</h1>"
        f"<div class='letter-content'>{letter}</div></div>"
        f"<aside class='most-read-comments'><h3>Bình luận đọc nhiều</h3><ul>{comments}</ul></aside>"
    )


def _cap(i: int) -> str:
    return f"Giếng khoan số {i} của thôn Đông đã nhiễm phèn nặng."


def _image_grid() -> str:
    grid = "".join(
        f"<figure><img src='/anh/luoi-{i}.jpg'><figcaption>{_cap(i)}</figcaption></figure>" for i in (1, 2, 3)
    )
    return (
        f"<article><h1>Nước giếng nhiễm phèn</h1><p>{P[0]}</p><p>{P[1]}</p>"
        f"<div class='photo-grid'>{grid}</div><p>{P[2]}</p><p>{P[3]}</p><p>{P[4]}</p></article>"
    )


def _old_table_layout() -> str:
    menu = "".join(f"<a href='/muc-{i}'>Chuyên mục số {i}</a><br>" for i in range(12))
    side = "".join(
        f"<p><a href='/tin-{i}.html'>Tin khác số {i}: hội nghị tổng kết công tác năm của huyện bạn</a></p>"
        for i in range(10)
    )
    return (
        "<table width='100%'><tr>"
        f"<td class='left' width='20%'>{menu}</td>"
        f"<td class='content'><h1>Nước giếng nhiễm phèn</h1>{''.join(f'<p>{p}</p>' for p in P)}</td>"
        f"<td class='right' width='25%'><b>Tin mới</b>{side}</td>"
        "</tr></table><div class='bottom'>Bản quyền thuộc Báo Thử. Ghi rõ nguồn khi phát hành lại.</div>"
    )


def _article_then_comments() -> str:
    comments = "".join(f"<div class='comment-item'><p>{c}</p></div>" for c in COMMENTS)
    return (
        f"<article><h1>Nước giếng nhiễm phèn</h1>{''.join(f'<p>{p}</p>' for p in P)}</article>"
        f"<section class='comments'>{comments}</section>"
    )


def _bare_text_after_subheading() -> str:
    """A paragraph typed straight into the article's container after a subheading (no <p>):
    trafilatura keeps it as loose text between its elements."""
    return (
        f"<article><h1>Nước giếng nhiễm phèn</h1><p>{P[0]}</p><p>{P[1]}</p>"
        f"<h2>Chờ dự án</h2>{P[2]}<p>{P[3]}</p><p>{P[4]}</p></article>"
    )


def _client_rendered() -> str:
    """A page drawn by its scripts: the HTML has an empty root, the article ships as escaped HTML
    inside the framework's data (as Next.js flight data does)."""
    html = "".join(f'<p class="body-p">{p}</p>' for p in P[:3]) + "$$AD$$<div class='line'></div>"
    html += "".join(f"<p>{p}</p>" for p in P[3:])
    data = json.dumps(json.dumps({"title": "Nước giếng nhiễm phèn", "content": html}, ensure_ascii=False))
    data = data.replace("<", "\\u003c").replace(">", "\\u003e")
    return f"<div id='__next'></div><script>self.__next_f.push([1,{data}])</script>"


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (_letter(), [*P, "Nguyễn Văn Bình, thôn Đông"]),
        (
            _image_grid(),
            [
                P[0],
                P[1],
                *(f"Giếng khoan số {i} của thôn Đông đã nhiễm phèn nặng." for i in (1, 2, 3)),
                *P[2:],
            ],
        ),
        (_old_table_layout(), P),
        (_article_then_comments(), P),
        (_bare_text_after_subheading(), [P[0], P[1], "Chờ dự án", *P[2:]]),
        (_client_rendered(), P),
    ],
    ids=[
        "letter-split-by-br-vs-comment-sidebar",
        "image-grid-captions",
        "old-table-layout",
        "comments-below",
        "bare-text-after-a-subheading",
        "article-only-in-script-data",
    ],
)
def test_body(body: str, expected: list[str]) -> None:
    assert _run(_page(body)).text.split("\n") == expected


@pytest.mark.timeout(60)
def test_a_script_of_unclosed_paragraphs_is_read_in_linear_time() -> None:
    # hostile: 300,000 "<p>" never closed, on a page with no text of its own (the script-data path);
    # a lazy match running to the end of the script from each of them would take hours
    hostile = "<script>self.__data=[" + "<p>x " * 300_000 + "]</script>"
    found = extract(_page(f"<h1>Tin thử</h1>{hostile}"), URL)
    assert "x x" not in (found.text if found else "")


@pytest.mark.parametrize(
    "opening",
    ["<p>Nước giếng nhiễm phèn</p><p>Nước giếng nhiễm phèn | Báo Thử</p>", "<p>Bài: Nguyễn Văn Bình</p>"],
    ids=["headline-repeated-with-site-name", "byline-line"],
)
def test_headline_and_byline_opening_the_body_are_dropped(opening: str) -> None:
    paragraphs = "".join(f"<p>{p}</p>" for p in P)
    body = f"<article><h1>Nước giếng nhiễm phèn</h1>{opening}{paragraphs}</article>"
    page = _page(body, '<meta name="author" content="Nguyễn Văn Bình">')
    assert _run(page).text.split("\n") == P


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "<ul class='summary'>{points}</ul>{rest}",
            P[2:],
        ),
        ("<div class='description'>{all}</div>", P[1:]),  # a "lead" holding the whole article
    ],
    ids=["lead-box-points", "lead-box-holding-the-article"],
)
def test_the_points_of_a_lead_box_are_not_repeated_in_the_body(body: str, expected: list[str]) -> None:
    parts = {
        "points": "".join(f"<li>{p}</li>" for p in P[:2]),
        "rest": "".join(f"<p>{p}</p>" for p in P[2:]),
        "all": "".join(f"<p>{p}</p>" for p in P),
    }
    found = _run(_page(f"<article><h1>Nước giếng nhiễm phèn</h1>{body.format(**parts)}</article>"))
    assert found.text.split("\n") == expected


# --- title ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("head", "body", "title"),
    [
        (
            '<meta property="og:title" content="Thanh Hoá: hàng trăm hộ dân thiếu nước sạch">',
            "<article><h1>Thanh Hoá: hàng trăm hộ dân thiếu nước sạch</h1>{p}</article>",
            "Thanh Hoá: hàng trăm hộ dân thiếu nước sạch",
        ),
        (
            '<meta property="og:title" content="Hàng trăm hộ dân Thanh Hoá thiếu nước sạch - Báo Thử">'
            "<title>Thiếu nước sạch ở Thanh Hoá | Báo Thử</title>",
            "<article><h1>Thanh Hoá: hàng trăm hộ dân thiếu nước sạch giữa mùa khô</h1>{p}</article>",
            "Thanh Hoá: hàng trăm hộ dân thiếu nước sạch giữa mùa khô",
        ),
        (
            '<meta property="og:title" content="Hàng trăm hộ dân thiếu nước sạch">'
            '<meta property="og:site_name" content="Báo Thử">',
            "<h1 class='site'><a href='/'><img src='/logo.png' alt='Báo Thử'>Báo Thử</a></h1>"
            "<div class='detail'><h2 class='title'>Hàng trăm hộ dân thiếu nước sạch</h2>{p}</div>",
            "Hàng trăm hộ dân thiếu nước sạch",
        ),
        (
            "",
            "<article><h1><span class='kicker'>Thanh Hoá</span><span class='sep'>: </span>"
            "<span>hàng trăm hộ dân thiếu nước sạch</span></h1>{p}</article>",
            "Thanh Hoá: hàng trăm hộ dân thiếu nước sạch",
        ),
        (
            '<meta property="og:title" content="Thanh Hoá: hàng trăm hộ dân “thiếu” nước sạch - Xã hội">',
            "<article><h1><span class='kicker'>Thanh Hoá:</span>hàng trăm hộ dân “thiếu” nước sạch</h1>"
            "{p}</article>",
            "Thanh Hoá: hàng trăm hộ dân “thiếu” nước sạch",
        ),
        (
            '<meta property="og:title" content="Thanh Hoá: hàng trăm hộ dân \'thiếu\' nước sạch">',
            "<article><h1>Thanh Hoá: hàng trăm hộ dân ‘thiếu’ nước sạch</h1>{p}</article>",
            "Thanh Hoá: hàng trăm hộ dân ‘thiếu’ nước sạch",
        ),
        (
            '<meta property="og:title" content="Hàng trăm hộ dân thiếu nước sạch-Xã hội | Báo Thử">'
            '<script type="application/ld+json">{"@type": "NewsArticle",'
            ' "headline": "Hàng trăm hộ dân thiếu nước sạch"}</script>',
            "<div class='detail'>{p}</div>",
            "Hàng trăm hộ dân thiếu nước sạch",
        ),
        (
            '<meta property="og:title" content="Mùa khô: hàng trăm hộ dân thiếu nước sạch">',
            "<article><div class='keyword'>Mùa khô</div><h1>Hàng trăm hộ dân thiếu nước sạch</h1>"
            "{p}</article>",
            "Mùa khô: hàng trăm hộ dân thiếu nước sạch",
        ),
    ],
    ids=[
        "publisher-spelling-kept",
        "headline-over-reworded-og-title",
        "logo-in-the-only-h1",
        "blank-in-a-separator-span",
        "heading-is-the-declared-title-typed-apart",
        "quote-marks-as-printed",
        "no-headline-json-ld-over-og-title-with-section",
        "kicker-printed-before-the-headline-in-the-declared-title",
    ],
)
def test_title(head: str, body: str, title: str) -> None:
    paragraphs = "".join(f"<p>{p}</p>" for p in P)
    assert _run(_page(body.format(p=paragraphs), head)).title == title


def test_stored_text_keeps_the_publishers_tone_marks() -> None:
    """ "Thanh Hoá", "thuỷ lợi" stay as printed in title and body (only search keys are folded)."""
    text = P[0] + " Công trình thuỷ lợi ở Thanh Hoá xuống cấp."
    rest = "".join(f"<p>{p}</p>" for p in P[1:])
    found = _run(_page(f"<article><h1>Thanh Hoá thiếu nước</h1><p>{text}</p>{rest}</article>"))
    assert found.title == "Thanh Hoá thiếu nước" and "thuỷ lợi ở Thanh Hoá" in found.text


# --- date ----------------------------------------------------------------------------------

SIDEBAR_FIRST = (
    "<div class='sidebar-news'><a href='/a.html'>Tin cũ</a><span class='time'>01/01/2020 08:00</span></div>"
)


def _article(date_block: str, *, before: str = "") -> str:
    return (
        f"{before}<article><h1>Nước giếng nhiễm phèn</h1>{date_block}"
        f"<img src='/uploads/2019/05/03/anh.jpg'>{''.join(f'<p>{p}</p>' for p in P)}</article>"
    )


@pytest.mark.parametrize(
    ("body", "url", "expected", "source"),
    [
        (
            _article("<div class='post-date'>Thứ tư, 08/09/2021, 11:05 tối</div>"),
            URL,
            datetime(2021, 9, 8, 23, 5, tzinfo=VN),
            "date-line",
        ),
        (
            _article(
                "<span id='ngay-dang'></span><script>document.getElementById('ngay-dang').innerHTML ="
                " 'Thứ tư, 08/09/2021 - 10:15';</script>"
            ),
            URL,
            datetime(2021, 9, 8, 10, 15, tzinfo=VN),
            "script",
        ),
        (
            _article("<div class='detail-time'>08/09/2021 - 11:30</div>"),
            "https://bao-thu.vn/xa-hoi/nuoc-sach-20210908101500000.htm",
            datetime(2021, 9, 8, 11, 30, tzinfo=VN),
            "date-line",
        ),
        (
            _article("<p class='meta-time'>Cập nhật 08/09/2021 10:15</p>", before=SIDEBAR_FIRST),
            URL,
            datetime(2021, 9, 8, 10, 15, tzinfo=VN),
            "date-line",
        ),
        (
            _article("<div class='author'>Nguyễn Minh - 08/09/2021 10:15</div>"),
            URL,
            datetime(2021, 9, 8, 10, 15, tzinfo=VN),
            "byline",
        ),
        (
            _article("<div class='date'>08/09/2021 10:15 GMT+7</div>"),
            URL,
            datetime(2021, 9, 8, 10, 15, tzinfo=VN),
            "date-line",
        ),
        (
            _article("<div class='info'>Ngày đăng: 08-09-2021 10:15</div>"),
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
    ],
)
def test_date(body: str, url: str, expected: datetime, source: str) -> None:
    found = _run(_page(body), url)
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
            _article(""),
            URL,
            datetime(2021, 9, 8, 10, 15, tzinfo=VN),
            "json-ld",
        ),
        (
            _ld({"@type": "WebPage", "mainEntity": _NEWS}),
            _article(""),
            URL,
            datetime(2021, 9, 8, 10, 15, tzinfo=VN),
            "json-ld",
        ),
        (
            '<meta property="article:published_time" content="2021-09-08T00:00:00+08:00">',
            _article(""),
            "https://bao-thu.vn/2021/09/08/nuoc-sach.html",
            datetime(2021, 9, 8, 0, 0, tzinfo=timezone(timedelta(hours=8))),
            "meta",
        ),
        (
            "",
            _article(
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
            _article("<div class='post-date'>08/09/2021 10:15</div>"),
            URL,
            datetime(2021, 9, 8, 10, 15, tzinfo=timezone(timedelta(hours=8))),
            "date-line",
        ),
        (
            "",
            "<div class='header-top'><span class='date'>Thứ năm, 09/09/2021</span></div>" + _article(""),
            "https://bao-thu.vn/2021/09/08/nuoc-sach.html",
            datetime(2021, 9, 8, 0, 0, tzinfo=VN),
            "url",
        ),
        (
            '<meta property="article:modified_time" content="2021-09-08T05:00:00Z">',
            _article("<div class='post-date'>08/09/2021 10:15</div>"),
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
    found = _run(_page(body, head), url)
    assert found.published_at == expected and found.published_source == source
    assert found.published_at is not None and found.published_at.utcoffset() == expected.utcoffset()


def test_declared_time_without_offset_is_vietnam_time() -> None:
    head = '<meta property="article:published_time" content="2021-09-08T10:15:00">'
    found = _run(_page(_article(""), head))
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


# --- author --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("head", "byline"),
    [
        ('<meta name="author" content="NH&amp;#7852;T XUÂN">', ""),
        ("", "<div class='author'>NH&amp;#7852;T XUÂN</div>"),
    ],
    ids=["meta-author", "byline"],
)
def test_author_entities_are_decoded(head: str, byline: str) -> None:
    assert _run(_page(_article(byline), head)).author == "NHẬT XUÂN"


def test_a_teaser_box_after_the_headline_is_not_the_lead() -> None:
    """Class words (teaser, summary) alone do not make a lead: the body must open with it or the meta
    description must say the same."""
    teaser = (
        "<div class='teaser'><a href='/khac.html'>Một bài khác: giá lúa tăng mạnh ở đồng bằng sông Cửu Long"
        "</a></div>"
    )
    body = f"<article><h1>Nước giếng nhiễm phèn</h1>{teaser}{''.join(f'<p>{p}</p>' for p in P)}</article>"
    found = _run(_page(body))
    assert found.sapo is None or "giá lúa" not in found.sapo
    assert found.text.split("\n") == P
