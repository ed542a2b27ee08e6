"""Page metadata and the generic path's rules, on pages written here."""

from __future__ import annotations

from datetime import datetime

import pytest
from parsel import Selector

from crawlers.dates import VN, date_from_url
from crawlers.extract import extract
from crawlers.metadata import find_sapo, json_ld, page_metadata
from crawlers.titles import choose_title

P = [
    "Chiều 24/11, Ủy ban nhân dân huyện Cao Lộc tổ chức hội nghị đối thoại với người dân về dự án đường.",
    "Nhiều hộ dân đề nghị công khai phương án bồi thường và thời gian bàn giao mặt bằng cho nhà thầu.",
    "Lãnh đạo huyện cho biết sẽ tiếp thu ý kiến, báo cáo tỉnh và trả lời bằng văn bản trong tháng tới.",
]


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        (
            "https://dantri.com.vn/xa-hoi/slug-20221224192522724.htm",
            datetime(2022, 12, 24, 19, 25, tzinfo=VN),
        ),
        ("https://h.vn/2026/11/24/slug.html", datetime(2026, 11, 24, tzinfo=VN)),
        ("https://vnexpress.net/slug-4567890.html", None),
        ("https://h.vn/20221399192522724/slug.html", None),
        ("https://h.vn/slug-20221324192522.htm", None),
    ],
)
def test_date_stamped_in_the_url(url: str, expected: datetime | None) -> None:
    assert date_from_url(url) == expected


# the printed headline and a shortened social title (og:title) of the same story, worded apart
_HEADLINE = "Tỉnh Lạng Sơn công bố quy hoạch vùng ven biên giới đến năm 2030"
_SHORT = "Lạng Sơn: Quy hoạch vùng biên mới"
_SITE = "Báo điện tử Đảng Cộng sản Việt Nam"  # a site's name longer than three words


def _page(head: str, body: str) -> Selector:
    return Selector(text=f"<html><head>{head}</head><body>{body}</body></html>")


@pytest.mark.parametrize(
    ("head", "body", "title"),
    [
        (
            '<meta property="og:title" content="Đối thoại về dự án">',
            "<h1>Báo Xứ Lạng</h1><h1>Đối thoại về dự án</h1>",
            "Đối thoại về dự án",
        ),
        (
            '<meta property="og:title" content="Đối thoại về dự án đường">',
            "<h1><a>Báo Xứ Lạng</a></h1>",
            "Đối thoại về dự án đường",
        ),
        (
            "<title>Đối thoại về dự án mở rộng đường | Báo Xứ Lạng</title>",
            "<article><h1>Đối thoại về dự án mở rộng đường</h1></article>",
            "Đối thoại về dự án mở rộng đường",
        ),
        ("<title>Đối thoại về dự án - Báo Xứ Lạng</title>", "<p>x</p>", "Đối thoại về dự án"),
        (
            '<meta property="og:title" content="Hitzewelle: Alte Straßenbahn als Risiko für Städte">',
            "<h1>Wie Städte ihre Straßenbahnen auf künftige Hitzewellen vorbereiten</h1>",
            "Wie Städte ihre Straßenbahnen auf künftige Hitzewellen vorbereiten",
        ),
        (
            f'<meta property="og:title" content="Mưa lớn ở Cao Lộc"><title>Mưa lớn ở Cao Lộc – {_SITE}'
            "</title>",
            f'<h1><a href="https://dangcongsan.vn/">{_SITE}</a></h1><p>x</p>',
            "Mưa lớn ở Cao Lộc",
        ),
        (f'<meta property="og:title" content="{_SHORT}">', f"<h1><span>{_HEADLINE}</span></h1>", _HEADLINE),
        (
            f'<meta property="og:title" content="{_SHORT}">',
            f"<article><h1>{_HEADLINE}</h1></article><aside><h1>Tin mới nhất</h1></aside>",
            _HEADLINE,
        ),
        (
            f"<title>{_HEADLINE} - Báo Lạng Sơn điện tử</title>",
            f"<h1 class='logo'>Báo Lạng Sơn</h1><h1>{_HEADLINE}</h1>",
            _HEADLINE,
        ),
        (f"<title>{_HEADLINE} - Báo Lạng Sơn</title>", "<h1>Báo Lạng Sơn</h1><p>x</p>", _HEADLINE),
        (
            f'<meta property="og:title" content="{_SHORT}">',
            f'<h1><a href="#">{_HEADLINE}</a></h1>',
            _HEADLINE,
        ),
    ],
    ids=[
        "logo-h1-skipped",
        "og-title-over-logo",
        "h1-matching-title",
        "title-without-site-name",
        "reworded-h1-inflected-words",
        "logo-home-link-long-name",
        "h1-text-in-one-span",
        "h1-beside-a-section-h1",
        "logo-named-in-title-suffix",
        "only-h1-is-title-suffix",
        "headline-linked-to-an-anchor-is-no-logo",
    ],
)
def test_title_choice(head: str, body: str, title: str) -> None:
    page = _page(head, body)
    assert choose_title(page, json_ld(page)) == title


@pytest.mark.parametrize(
    "lead",
    [
        '<h2 class="singular-sapo">{}</h2>',
        '<p class="description">{}</p>',
        '<div class="article__lead">{}</div>',
        '<div itemprop="description">{}</div>',
    ],
)
def test_sapo_is_found_by_class_words(lead: str) -> None:
    text = "Người dân xã Tân Văn phản ánh nước suối đổi màu và bốc mùi suốt nhiều ngày qua."
    assert find_sapo(_page("", '<div class="leaderboard">Quảng cáo</div>' + lead.format(text))) == text


def test_relative_date_line_yields_to_the_url_stamp() -> None:
    page = _page("", '<span class="article-time">1 giờ trước</span>')
    meta = page_metadata(page, "https://h.vn/slug-20221224083224103.htm")
    assert meta.published_at == datetime(2022, 12, 24, 8, 32, tzinfo=VN)


def test_declared_time_wins_over_everything() -> None:
    head = '<meta property="article:published_time" content="2026-11-24T10:00:00+07:00">'
    meta = page_metadata(_page(head, '<span class="date">01/01/2020</span>'), "https://h.vn/2025/01/01/a")
    assert meta.published_at == datetime(2026, 11, 24, 10, tzinfo=VN)


def _generic(body: str, head: str = "") -> str:
    header = "<header><h1>Báo Thử</h1></header>"
    html = f"<html><head>{head}</head><body>{header}{body}<footer>©</footer></body></html>"
    found = extract(html, "https://h.vn/tin/doi-thoai-1234567.html")
    assert found is not None and found.method == "trafilatura"
    return found.text


def test_bare_captions_are_kept_in_reading_order() -> None:
    body = (
        f"<article><h1>Đối thoại</h1><p>{P[0]}</p><figure><img src='/a/anh-1.jpg'>"
        "<figcaption>Quang cảnh buổi đối thoại (Ảnh: Minh Anh).</figcaption></figure>"
        f"<p>{P[1]}</p><p>{P[2]}</p>"
        "</article>"
    )
    assert _generic(body).split("\n") == [P[0], "Quang cảnh buổi đối thoại (Ảnh: Minh Anh).", P[1], P[2]]


@pytest.mark.parametrize("classes", ["img-desc", "PHOTO-desc", "Image_desc", "ChuThich caption"])
def test_caption_classed_elements_beside_an_image_are_put_back(classes: str) -> None:
    """A caption named by its class in any letter case (the page-wide check lower-cases the classes)."""
    caption = "Quang cảnh buổi đối thoại (Ảnh: Minh Anh)."
    body = (
        f"<article><h1>Đối thoại</h1><p>{P[0]}</p><figure><img src='/a/anh-1.jpg'>"
        f"<div class='{classes}'>{caption}</div></figure><p>{P[1]}</p><p>{P[2]}</p></article>"
    )
    assert _generic(body).split("\n") == [P[0], caption, P[1], P[2]]


def test_meta_description_marks_the_opening_paragraph_as_the_lead() -> None:
    lead = "Huyện Cao Lộc đối thoại với người dân về dự án mở rộng đường, nhiều kiến nghị được tiếp thu ngay."
    said = "(Báo Thử) - Huyện Cao Lộc đối thoại với người dân về dự án mở rộng đường..."
    head = f'<meta name="description" content="{said}">'
    html = (
        f"<html><head>{head}</head><body><article><p><em>{lead}</em></p>"
        + "".join(f"<p>{p}</p>" for p in P)
        + "</article></body></html>"
    )
    found = extract(html, "https://h.vn/a-1234567.html")
    assert found is not None and found.sapo == lead and found.text.split("\n") == P


def test_upper_case_banner_and_furniture_lines_are_dropped() -> None:
    body = (
        "<article><h1>Đối thoại về dự án</h1><p>ĐỐI THOẠI VỀ DỰ ÁN MỞ RỘNG ĐƯỜNG</p>"
        + "".join(f"<p>{p}</p>" for p in P)
        + "<p>Tin liên quan</p></article>"
    )
    assert _generic(body, '<meta property="og:title" content="Đối thoại về dự án">').split("\n") == P
