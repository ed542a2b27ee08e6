"""The generic path on layouts it was never tuned on: one small page written here per failure class
(body, title, author; dates: test_unseen_dates.py), each the way an outlet we have not seen might print it."""

from __future__ import annotations

import json

import pytest

from crawlers.extract import extract
from tests.sites.unseen import COMMENTS, URL, P, article, page, run

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
    assert run(page(body)).text.split("\n") == expected


@pytest.mark.timeout(60)
def test_a_script_of_unclosed_paragraphs_is_read_in_linear_time() -> None:
    # hostile: 300,000 "<p>" never closed, on a page with no text of its own (the script-data path);
    # a lazy match running to the end of the script from each of them would take hours
    hostile = "<script>self.__data=[" + "<p>x " * 300_000 + "]</script>"
    found = extract(page(f"<h1>Tin thử</h1>{hostile}"), URL)
    assert "x x" not in (found.text if found else "")


@pytest.mark.parametrize(
    "opening",
    ["<p>Nước giếng nhiễm phèn</p><p>Nước giếng nhiễm phèn | Báo Thử</p>", "<p>Bài: Nguyễn Văn Bình</p>"],
    ids=["headline-repeated-with-site-name", "byline-line"],
)
def test_headline_and_byline_opening_the_body_are_dropped(opening: str) -> None:
    paragraphs = "".join(f"<p>{p}</p>" for p in P)
    body = f"<article><h1>Nước giếng nhiễm phèn</h1>{opening}{paragraphs}</article>"
    html = page(body, '<meta name="author" content="Nguyễn Văn Bình">')
    assert run(html).text.split("\n") == P


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
    found = run(page(f"<article><h1>Nước giếng nhiễm phèn</h1>{body.format(**parts)}</article>"))
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
    assert run(page(body.format(p=paragraphs), head)).title == title


def test_stored_text_keeps_the_publishers_tone_marks() -> None:
    """ "Thanh Hoá", "thuỷ lợi" stay as printed in title and body (only search keys are folded)."""
    text = P[0] + " Công trình thuỷ lợi ở Thanh Hoá xuống cấp."
    rest = "".join(f"<p>{p}</p>" for p in P[1:])
    found = run(page(f"<article><h1>Thanh Hoá thiếu nước</h1><p>{text}</p>{rest}</article>"))
    assert found.title == "Thanh Hoá thiếu nước" and "thuỷ lợi ở Thanh Hoá" in found.text


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
