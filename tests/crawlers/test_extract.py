"""Extraction on saved pages written by us, fed through Scrapy's HtmlResponse."""

from __future__ import annotations

from datetime import datetime

import pytest
from scrapy.http import HtmlResponse

from config.models import Selectors
from crawlers.dates import VN
from crawlers.extract import extract

PARAGRAPHS = [
    "Sáng 20/11, Ủy ban nhân dân xã Tân Văn tổ chức đối thoại với người dân về tình trạng nước suối đổi màu.",
    "Theo phản ánh, từ đầu tháng nước suối có mùi hôi, cá chết nổi trắng một đoạn dài gần khu dân cư.",
    "Đoàn kiểm tra liên ngành đã lấy mẫu nước tại ba vị trí và gửi đi phân tích trong ngày.",
    "Lãnh đạo xã cam kết công khai kết quả và xử lý nghiêm nếu phát hiện vi phạm về môi trường.",
]
SELECTOR_PAGE = f"""<!DOCTYPE html><html><head><meta charset="utf-8">
<link rel="canonical" href="http://127.0.0.1/tin/nuoc-suoi-doi-mau-1234567.html">
<title>Nước suối đổi màu | Báo thử</title></head><body>
<nav><a href="/">Trang chủ</a><a href="/thoi-su">Thời sự</a></nav>
<h1 class="article-title">Nước suối đổi màu, người dân lo lắng</h1>
<div class="date-line">Thứ sáu, 20/11/2026 - 09:30</div>
<div class="article-sapo">Người dân xã Tân Văn phản ánh nước suối đổi màu và bốc mùi.</div>
<div id="content-detail">{"".join(f"<p>{p}</p>" for p in PARAGRAPHS[:2])}
<figure><img src="a.jpg"><figcaption>Nước suối đổi màu đen gần khu dân cư.</figcaption></figure>
{"".join(f"<p>{p}</p>" for p in PARAGRAPHS[2:])}<div class="share">Chia sẻ Facebook Zalo</div></div>
<div class="author">Minh Anh</div>
<div class="related"><h3>Tin liên quan</h3><a href="#">Một tin khác</a></div>
<footer>Địa chỉ: 1 đường Thử, điện thoại 0123</footer></body></html>"""

SELECTORS = Selectors(
    title="h1.article-title",
    sapo="div.article-sapo",
    body="div#content-detail",
    author="div.author",
    published="div.date-line",
    drop=["div.share"],
)


def response(
    html: str, url: str = "http://127.0.0.1/tin/nuoc-suoi-doi-mau-1234567.html?utm_source=x"
) -> HtmlResponse:
    return HtmlResponse(url=url, body=html.encode("utf-8"), encoding="utf-8")


def test_selectors_keep_paragraphs_and_caption_in_order() -> None:
    page = response(SELECTOR_PAGE)
    found = extract(page.text, page.url, SELECTORS)
    assert found is not None and found.method == "selectors"
    lines = found.text.split("\n")
    assert lines == [*PARAGRAPHS[:2], "Nước suối đổi màu đen gần khu dân cư.", *PARAGRAPHS[2:]]


@pytest.mark.parametrize(
    ("field", "expected"),
    [
        ("title", "Nước suối đổi màu, người dân lo lắng"),
        ("sapo", "Người dân xã Tân Văn phản ánh nước suối đổi màu và bốc mùi."),
        ("author", "Minh Anh"),
        ("published_at", datetime(2026, 11, 20, 9, 30, tzinfo=VN)),
        ("canonical_url", "http://127.0.0.1/tin/nuoc-suoi-doi-mau-1234567.html"),
    ],
)
def test_selector_fields(field: str, expected: object) -> None:
    page = response(SELECTOR_PAGE)
    found = extract(page.text, page.url, SELECTORS)
    assert getattr(found, field) == expected


GENERIC_PAGE = f"""<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8">
<meta property="og:title" content="Cá chết hàng loạt trên suối">
<meta property="article:published_time" content="2026-11-21T07:45:00+07:00">
<script type="application/ld+json">{{"@type": "NewsArticle", "datePublished": "2026-11-21T07:45:00+07:00",
 "author": {{"@type": "Person", "name": "Lê Hà"}}}}</script></head><body>
<header><a href="/">Tin Nhanh</a></header>
<article><h1>Cá chết hàng loạt trên suối</h1><div class="time">07:45 21/11/2026 (GMT+7)</div>
<p class="lead">Cá chết nổi dày đặc trên suối khiến người dân bức xúc.</p>
{"".join(f"<p>{p}</p>" for p in PARAGRAPHS)}</article>
<aside class="related"><h3>Đọc thêm</h3><ul><li><a href="/a">Tin khác một</a></li>
<li><a href="/b">Tin khác hai</a></li></ul></aside>
<footer>© Tin Nhanh Việt Nam. Giấy phép số 1/GP.</footer></body></html>"""


def test_generic_path_keeps_lead_as_sapo_and_body() -> None:
    page = response(GENERIC_PAGE, "http://127.0.0.1/tin-nhanh/ca-chet-123456.html")
    found = extract(page.text, page.url, None)
    assert found is not None and found.method == "trafilatura"
    assert found.title == "Cá chết hàng loạt trên suối"
    assert found.sapo == "Cá chết nổi dày đặc trên suối khiến người dân bức xúc."
    assert found.text.split("\n") == PARAGRAPHS
    assert found.published_at == datetime(2026, 11, 21, 7, 45, tzinfo=VN)
    assert found.author == "Lê Hà"


def test_page_without_article_gives_none() -> None:
    assert extract("<html><body><nav></nav></body></html>", "http://127.0.0.1/", None) is None


@pytest.mark.parametrize(
    "control",
    [
        "\u202e",
        "\u202d",
        "\u202a",
        "\u202b",
        "\u202c",
        "\u2066",
        "\u2067",
        "\u2068",
        "\u2069",
        "\u200f",
        "\u061c",
    ],
    ids=["rlo", "lro", "lre", "rle", "pdf", "lri", "rli", "fsi", "pdi", "rlm", "alm"],
)
@pytest.mark.parametrize("selectors", [SELECTORS, None], ids=["selectors", "generic"])
def test_text_reordering_characters_are_removed_from_title_and_lead(
    control: str, selectors: Selectors | None
) -> None:
    html = SELECTOR_PAGE.replace("Nước suối đổi màu, người dân", f"Nước suối {control}đổi màu, người dân")
    html = html.replace("<title>Nước suối", f"<title>Nước {control}suối").replace(
        "Người dân xã Tân Văn phản ánh", f"Người dân {control}xã Tân Văn phản ánh"
    )
    page = response(html)
    found = extract(page.text, page.url, selectors)
    assert found is not None and found.title and "suối" in found.title
    for text in (found.title, found.sapo or "", found.text):
        assert control not in text
