"""Whole article pages written here in the markup classes of Vietnamese outlets the extractor was not
tuned on (national dailies, portals, government and provincial papers, old table layouts): each with
the furniture real pages carry around the article — a menu, a most-read list and comments with their
own dates, a footer — and its expected title, publication time and body. The generic path (no
selectors) must get every one right. The pages and texts are ours, not copied from any outlet."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import pytest

from crawlers.dates import VN
from crawlers.extract import extract

TITLE = "Quốc lộ qua Thanh Hoá ngập sâu, hàng nghìn xe xếp hàng chờ nước rút"
SAPO = (
    "Mưa lớn kéo dài từ đêm qua khiến đoạn quốc lộ qua huyện Như Thanh ngập gần một mét, giao thông"
    " tê liệt nhiều giờ."
)
P = [
    "Đến trưa nay, nước trên đoạn đường dài khoảng hai cây số vẫn chưa rút, nhiều xe tải phải dừng lại bên"
    " lề chờ qua.",
    "Lực lượng cảnh sát giao thông cùng dân quân xã đã chăng dây, cắm biển cảnh báo và hướng dẫn xe máy đi"
    " đường vòng qua các thôn.",
    "Ông Lê Văn Hùng, chủ tịch xã, cho biết đây là lần thứ ba trong năm đoạn đường này bị ngập, do cống thoát"
    " nước quá nhỏ so với lượng mưa.",
    "Sở Giao thông vận tải tỉnh đã cử đoàn kiểm tra hiện trường và đề xuất nâng cấp hệ thống thoát nước"
    " ngay trong năm tới.",
    "Theo đài khí tượng, mưa còn kéo dài đến hết ngày mai; người dân được khuyến cáo hạn chế đi qua khu vực.",
]
WHEN = datetime(2021, 9, 9, 21, 30, tzinfo=VN)
MENU = (
    "<nav class='menu'><a href='/'>Trang chủ</a><a href='/thoi-su'>Thời sự</a><a href='/xa-hoi'>Xã hội</a>"
    "<a href='/kinh-te'>Kinh tế</a><a href='/the-gioi'>Thế giới</a></nav>"
)
MOST_READ = "".join(
    f"<li><a href='/tin-{i}.html'>Tin đọc nhiều số {i}: giá xăng điều chỉnh từ chiều nay</a>"
    f"<span class='time'>0{i}/09/2021 0{i}:15</span></li>"
    for i in range(1, 6)
)
COMMENTS = "".join(
    f"<div class='comment-item'><b>Bạn đọc {i}</b><span class='date'>10/09/2021 0{i}:4{i}</span>"
    f"<p>Đường này năm nào cũng ngập, mong tỉnh sớm làm lại cống cho bà con đi lại an toàn, đỡ khổ lắm"
    f" rồi.</p></div>"
    for i in range(1, 5)
)
FOOTER = (
    "<footer><p>Cơ quan chủ quản: Báo Thử. Giấy phép số 123/GP-BTTTT. Địa chỉ: 1 đường Thử, Hà Nội."
    " Điện thoại: 024 1234 5678.</p></footer>"
)


def _paras(cls: str = "") -> str:
    attr = f" class='{cls}'" if cls else ""
    return "".join(f"<p{attr}>{p}</p>" for p in P)


def _page(head: str, article: str, *, lang: str = "vi") -> str:
    return (
        f"<!DOCTYPE html><html lang='{lang}'><head><meta charset='utf-8'><title>{TITLE} - Báo Thử</title>"
        f"<meta property='og:title' content='{TITLE}'><meta name='description' content='{SAPO}'>{head}"
        "</head><body>"
        f"<header><a class='logo' href='/'>Báo Thử</a>{MENU}</header>"
        f"<div class='container'>{article}"
        f"<aside class='sidebar'><h3>Đọc nhiều</h3><ul>{MOST_READ}</ul></aside></div>"
        f"<section class='comments'><h3>Bình luận</h3>{COMMENTS}</section>{FOOTER}</body></html>"
    )


@dataclass(frozen=True)
class Case:
    html: str
    url: str
    when: datetime = WHEN
    body: tuple[str, ...] = tuple(P)
    title: str = TITLE


def _url(path: str) -> str:
    return f"https://bao-thu.vn/{path}"


CASES = {
    # national portal: the date line above the headline, with weekday, single-digit day and (GMT+7)
    "date-above-headline-gmt7": Case(
        _page(
            "",
            "<section class='sidebar-1'><div class='header-content'><span class='date'>Thứ năm, 9/9/2021,"
            f" 21:30 (GMT+7)</span></div><h1 class='title-detail'>{TITLE}</h1>"
            f"<p class='description'>{SAPO}</p><article class='fck_detail'>{_paras('Normal')}</article>"
            "</section>",
        ),
        _url("thoi-su/quoc-lo-qua-thanh-hoa-ngap-sau-4352123.html"),
    ),
    # daily: a 17-digit id in the URL (the draft's creation time), the printed line is the publication
    "printed-line-over-url-stamp": Case(
        _page(
            "",
            f"<div class='detail-content'><h1 class='article-title'>{TITLE}</h1>"
            "<div class='date-time'>09/09/2021 21:30 GMT+7</div>"
            f"<h2 class='sapo'>{SAPO}</h2><div id='main-detail-body'>{_paras()}</div></div>",
        ),
        _url("thoi-su/quoc-lo-qua-thanh-hoa-ngap-sau-20210909183012345.htm"),
    ),
    # a 12-hour clock with SA/CH
    "sa-ch-clock": Case(
        _page(
            "",
            f"<div class='article'><h1 class='details__headline'>{TITLE}</h1><div class='details__meta'>"
            "<span class='meta'>Thứ Năm, 09/09/2021 09:30 CH</span></div>"
            f"<div class='sapo'>{SAPO}</div><div class='details__content'>{_paras()}</div></div>",
        ),
        _url("thoi-su/quoc-lo-ngap-post1234567.html"),
    ),
    # a day-part word after the clock, the date after it: "9:30 tối, ngày 09/09/2021"
    "day-part-word-before-the-day": Case(
        _page(
            "",
            f"<div class='bread-crumb-detail'><h1 class='content-detail-title'>{TITLE}</h1>"
            "<div class='bread-crumb-detail__time'>Cập nhật lúc 9:30 tối, ngày 09/09/2021</div>"
            f"<h2 class='content-detail-sapo'>{SAPO}</h2><div class='maincontent'>{_paras()}</div></div>",
        ),
        _url("thoi-su/quoc-lo-ngap-1234567.html"),
    ),
    # government portal: the declared time in meta tags, with its +07:00 offset
    "meta-published-time": Case(
        _page(
            "<meta property='article:published_time' content='2021-09-09T21:30:00+07:00'>",
            f"<div class='detail'><h1 class='detail-title'>{TITLE}</h1>"
            "<div class='detail-time'>09/09/2021 21:30</div>"
            f"<div class='detail-sapo'>{SAPO}</div><div class='detail-content'>{_paras()}</div></div>",
        ),
        _url("quoc-lo-ngap-102210909213000001.htm"),
    ),
    # radio portal: "Thứ Năm, 21:30, 09/09/2021" — the clock before the day
    "clock-before-day": Case(
        _page(
            "",
            f"<div class='article-header'><h1 class='article-title'>{TITLE}</h1>"
            "<div class='article-date'>Thứ Năm, 21:30, 09/09/2021</div></div>"
            f"<div class='article-summary'>{SAPO}</div><div class='article-content'>{_paras()}</div>",
        ),
        _url("xa-hoi/quoc-lo-ngap-post123456.vov"),
    ),
    # "Thứ Năm, 09/09/2021 | 21:30" with a "|" between day and clock
    "day-bar-clock": Case(
        _page(
            "",
            f"<article class='article'><h1 class='article__title'>{TITLE}</h1>"
            "<div class='article__meta'><span class='article__time'>Thứ Năm, 09/09/2021 | 21:30</span>"
            f"</div><div class='article__sapo'>{SAPO}</div><div class='article__body'>{_paras()}</div>"
            "</article>",
        ),
        _url("quoc-lo-ngap-post1234567.tpo"),
    ),
    # magazine: the date only in the by-line, author and time in one line
    "date-in-the-byline": Case(
        _page(
            "<meta name='author' content='Minh Anh'>",
            f"<article class='the-article'><h1 class='the-article-title'>{TITLE}</h1>"
            "<ul class='the-article-meta'><li class='the-article-author'>Minh Anh - 21:30 9/9/2021</li></ul>"
            f"<p class='the-article-summary'>{SAPO}</p><div class='the-article-body'>{_paras()}</div>"
            "</article>",
        ),
        _url("quoc-lo-ngap-post123456.html"),
    ),
    # "Ngày đăng: 09-09-2021 21:30" with dashes
    "ngay-dang-dashes": Case(
        _page(
            "",
            f"<div class='box-detail'><h1 class='title'>{TITLE}</h1>"
            "<div class='box-date'>Ngày đăng: 09-09-2021 21:30</div>"
            f"<div class='sapo'>{SAPO}</div><div class='post-content'>{_paras()}</div></div>",
        ),
        _url("xa-hoi/quoc-lo-ngap-i612345/"),
    ),
    # provincial paper, old table layout: no <h1>, the title in a bold cell, the date in words
    "old-table-layout-date-in-words": Case(
        _page(
            "",
            "<table width='100%' class='main'><tr><td class='left' width='20%'>"
            + "".join(f"<a href='/muc-{i}.aspx'>Chuyên mục {i}</a><br>" for i in range(10))
            + "</td><td class='content'><table><tr><td class='tieude'>"
            f"<span class='title' style='font-weight:bold'>{TITLE}</span></td></tr>"
            "<tr><td class='ngaydang'>Cập nhật: 21 giờ 30 phút, ngày 9 tháng 9 năm 2021</td></tr>"
            f"<tr><td class='noidung'><b>{SAPO}</b><br>{_paras()}</td></tr></table></td></tr></table>",
        ),
        _url("Tin-tuc/Xa-hoi/quoc-lo-ngap-123.aspx"),
    ),
    # a time written into the page by an inline script, next to the sidebar's own printed times
    "script-written-date-line": Case(
        _page(
            "",
            f"<div class='news-detail'><h1>{TITLE}</h1><span id='ngay'></span><script>"
            "document.getElementById('ngay').innerHTML = 'Thứ năm, 09/09/2021 - 21:30';</script>"
            f"<div class='news-sapo'>{SAPO}</div><div class='news-content'>{_paras()}</div></div>",
        ),
        _url("quoc-lo-ngap-a12345.html"),
    ),
}


@pytest.mark.parametrize("name", list(CASES))
def test_vietnamese_outlet_layout(name: str) -> None:
    case = CASES[name]
    found = extract(case.html, case.url)
    assert found is not None
    assert found.title == case.title
    assert found.published_at == case.when and found.published_at.tzinfo is not None
    assert found.sapo == SAPO
    assert found.text.split("\n") == list(case.body)
