"""The generic path on layouts it was never tuned on, headline side: one small page written here per
failure class of the title, the author and the lead (body: test_unseen_layouts.py; dates:
test_unseen_dates.py), each the way an outlet we have not seen might print it."""

from __future__ import annotations

import pytest

from tests.sites.unseen import P, article, page, run

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
        (
            '<meta property="og:title" content="Quảng Nham: nước giếng đục, dân mong nước máy">',
            "<article><h1>Hàng trăm hộ dân ở Quảng Nham thiếu nước sạch vì giếng nhiễm phèn</h1>"
            "{p}</article>",
            "Hàng trăm hộ dân ở Quảng Nham thiếu nước sạch vì giếng nhiễm phèn",
        ),
        (
            '<meta property="og:title" content="Thiếu nước sạch: hàng trăm hộ dân Quảng Nham chờ nước máy">'
            '<script type="application/ld+json">{"@type": "NewsArticle",'
            ' "headline": "Hàng trăm hộ dân thiếu nước sạch giữa mùa khô"}</script>',
            "<nav class='breadcrumbs'><a href='/'>Trang chủ</a><a href='/xa-hoi'>Xã hội</a>"
            "<h1>Thiếu nước sạch: hàng trăm hộ dân Quảng Nham chờ nước máy</h1></nav>"
            "<article><h2>Hàng trăm hộ dân thiếu nước sạch giữa mùa khô</h2>{p}</article>",
            "Hàng trăm hộ dân thiếu nước sạch giữa mùa khô",
        ),
        (
            '<meta property="og:title" content="Hàng trăm hộ dân thiếu nước sạch - Báo Thử">',
            "<div class='page has-breadcrumb'><nav class='breadcrumbs'><a href='/xa-hoi'>Xã hội</a></nav>"
            "<article><h1>Hàng trăm hộ dân thiếu “nước sạch”</h1>{p}</article></div>",
            "Hàng trăm hộ dân thiếu “nước sạch”",
        ),
        (
            '<meta property="og:title" content="Hàng trăm hộ dân thiếu nước sạch-Video|Báo Thử">'
            '<meta property="og:site_name" content="Báo Thử">',
            "<div class='detail'>{p}</div>",
            "Hàng trăm hộ dân thiếu nước sạch",
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
        "only-headline-over-an-seo-og-title",
        "h1-in-a-breadcrumb-is-not-the-headline",
        "h1-in-a-page-classed-with-breadcrumbs",
        "section-and-site-name-glued-on",
    ],
)
def test_title(head: str, body: str, title: str) -> None:
    paragraphs = "".join(f"<p>{p}</p>" for p in P)
    assert run(page(body.format(p=paragraphs), head)).title == title


def test_stored_text_keeps_the_publishers_tone_marks() -> None:
    """ "Thanh Hoá", "thuỷ lợi" stay as printed in title and body (only search keys are folded)."""
    text = P[0] + " Công trình thuỷ lợi ở Thanh Hoá xuống cấp."
    rest = "".join(f"<p>{p}</p>" for p in P[1:])
    found = run(page(f"<article><h1>Thanh Hoá thiếu nước</h1><p>{text}</p>{rest}</article>"))
    assert found.title == "Thanh Hoá thiếu nước" and "thuỷ lợi ở Thanh Hoá" in found.text


def test_stored_title_keeps_the_zero_width_non_joiner_of_its_spelling() -> None:
    """A Persian headline's zero-width non-joiner is part of the word; the search key drops it."""
    title = "گزارش می\u200cدهد: آب چاه‌ها آلوده است"
    rest = "".join(f"<p>{p}</p>" for p in P)
    found = run(page(f"<article><h1>{title}</h1>{rest}</article>"))
    assert found.title == title


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
    assert run(page(article(byline), head)).author == "NHẬT XUÂN"


def test_a_teaser_box_after_the_headline_is_not_the_lead() -> None:
    """Class words (teaser, summary) alone do not make a lead: the body must open with it or the meta
    description must say the same."""
    teaser = (
        "<div class='teaser'><a href='/khac.html'>Một bài khác: giá lúa tăng mạnh ở đồng bằng sông Cửu Long"
        "</a></div>"
    )
    body = f"<article><h1>Nước giếng nhiễm phèn</h1>{teaser}{''.join(f'<p>{p}</p>' for p in P)}</article>"
    found = run(page(body))
    assert found.sapo is None or "giá lúa" not in found.sapo
    assert found.text.split("\n") == P


@pytest.mark.parametrize(
    ("closing", "author"),
    [
        ("<p style='text-align: right;'><strong>Nguyễn Minh</strong></p>", "Nguyễn Minh"),
        ("<p align='right'><b>HỒNG QUANG</b></p>", "HỒNG QUANG"),
        ("<div class='ndauthor'>Nhật Anh</div>", "Nhật Anh"),
        ("<span class='kbwcm-author'>Nhật Anh,</span>", "Nhật Anh"),
        ("<div style='text-align:right'><b>NGỌC LAN</b></div>", "NGỌC LAN"),
        ("<p class='pAuthor'>HẢI ĐĂNG</p>", "HẢI ĐĂNG"),
    ],
    ids=[
        "signed-right-bold",
        "signed-right-bold-upper",
        "class-word-glued",
        "comma-after-the-name",
        "signed-in-a-right-aligned-div",
        "class-word-in-mixed-case",
    ],
)
def test_author_signed_under_the_article(closing: str, author: str) -> None:
    paragraphs = "".join(f"<p>{p}</p>" for p in P)
    found = run(page(f"<article><h1>Nước giếng nhiễm phèn</h1>{paragraphs}{closing}</article>"))
    assert found.author == author
    assert found.text.split("\n") == P


def test_signed_in_a_main_column_classed_as_a_sidebar() -> None:
    """The column holding the headline is classed "sidebar-1" (VnExpress's main column): the name
    signed at its end is the author's; one signed in the other column ("sidebar-2") is not."""
    paragraphs = "".join(f"<p>{p}</p>" for p in P)
    signed = "<p style='text-align:right'><strong>{}</strong></p>"
    body = (
        f"<div class='sidebar-1'><h1>Nước giếng nhiễm phèn</h1>{paragraphs}{signed.format('Hồng Nhung')}"
        f"</div><div class='sidebar-2'><p>Ảnh của tuần</p>{signed.format('Văn Tú')}</div>"
    )
    found = run(page(body))
    assert found.author == "Hồng Nhung"
    assert found.text.split("\n")[: len(P)] == P


def test_a_right_aligned_sentence_is_no_signature() -> None:
    paragraphs = "".join(f"<p>{p}</p>" for p in P)
    closing = "<p style='text-align:right'><b>Bài viết có sử dụng tư liệu của địa phương.</b></p>"
    found = run(page(f"<article><h1>Nước giếng nhiễm phèn</h1>{paragraphs}{closing}</article>"))
    assert found.author is None


def test_a_lead_marked_by_its_id() -> None:
    lead = "Hàng trăm hộ dân ở xã Quảng Nham phản ánh nước giếng khoan nhiễm phèn, không dùng được nữa."
    paragraphs = "".join(f"<p>{p}</p>" for p in P)
    headline = "<h1 id='article_title'>Nước giếng nhiễm phèn</h1>"
    body = f"<div>{headline}<h2 id='article_sapo'>{lead}</h2>{paragraphs}</div>"
    found = run(page(body, f"<meta name='description' content='{lead}'>"))
    assert found.sapo == lead and found.text.split("\n") == P


def test_a_lead_after_an_opening_caption_is_not_repeated() -> None:
    """The lead (marked by its id) is the article's first paragraph, after an image caption."""
    rest = "".join(f"<p>{p}</p>" for p in P[1:])
    body = (
        "<article><h1>Nước giếng nhiễm phèn</h1><figure><img src='/anh.jpg'><figcaption>Ảnh: Báo Thử"
        f"</figcaption></figure><p id='lead-summary'>{P[0]}</p>{rest}</article>"
    )
    found = run(page(body))
    assert found.sapo == P[0] and P[0] not in found.text


LEAD = "Hàng trăm hộ dân ở xã Quảng Nham phản ánh nước giếng khoan nhiễm phèn, không dùng được nữa."


PRINT_VIEW = "<div class='print-title'>Nước giếng nhiễm phèn</div><div class='print-sapo'>{lead}</div>"


@pytest.mark.parametrize(
    "opening",
    [
        "<h1>Nước giếng nhiễm phèn</h1><div class='box-des-detail'><p>{lead}</p></div>",
        "<h1>Nước giếng nhiễm phèn</h1><div class='tomtat'><b>{lead}</b></div>",
        PRINT_VIEW,
    ],
    ids=["class-word-des", "class-word-tomtat", "print-view-without-description"],
)
def test_lead_between_the_headline_and_the_body(opening: str) -> None:
    """Vietnamese class words for a lead ("des", "tomtat"); on a page with no meta description to
    confirm it (a print view), a lead element printed right between the headline and the body (a
    caption there is none: checked on the fundus pages, bench/extract.py)."""
    paragraphs = "".join(f"<p>{p}</p>" for p in P)
    found = run(page(f"<div class='print-page'>{opening.format(lead=LEAD)}{paragraphs}</div>"))
    assert found.sapo == LEAD
    assert found.text.split("\n")[-len(P) :] == P
