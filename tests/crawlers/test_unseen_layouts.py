"""The generic path on layouts it was never tuned on: one small page written here per failure class
of the body (title, author and lead: test_unseen_headlines.py; dates: test_unseen_dates.py), each the
way an outlet we have not seen might print it."""

from __future__ import annotations

import json

import pytest

from crawlers.extract import extract
from tests.sites.unseen import COMMENTS, URL, P, page, run

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


MORE = [
    "Nhiều hộ phải mua nước bình với giá gấp ba lần nước máy ở thị trấn, chi phí mỗi tháng lên tới"
    " vài trăm nghìn.",
    "Trạm y tế xã ghi nhận số người mắc bệnh ngoài da tăng lên kể từ đầu mùa khô, phần lớn là trẻ nhỏ"
    " và người già.",
    "Một số hộ đã tự lắp bể lọc bằng cát và than hoạt tính, nhưng nước sau lọc vẫn còn mùi tanh và"
    " váng vàng.",
    "Hội Phụ nữ xã vận động các gia đình khá giả hỗ trợ bể chứa nước mưa cho những hộ neo đơn trong thôn.",
    "Cán bộ địa chính xã đang khảo sát vị trí đặt trạm bơm, dự kiến lấy nước từ hồ chứa cách thôn"
    " bốn cây số.",
]


def _comment_kept_after_the_end() -> str:
    """Reader comments in a comment box whose items carry no class trafilatura knows: it keeps one
    after the article's last paragraph."""
    comments = "".join(
        f"<div class='item'><b>Bạn đọc {i}</b><span class='time'>09/09/2021 2{i}:30</span>"
        f"<p>{COMMENTS[0]}</p></div>"
        for i in range(1, 4)
    )
    return (
        "<div class='content-detail'><h1>Nước giếng nhiễm phèn</h1>"
        f"{''.join(f'<p>{p}</p>' for p in P + MORE)}"
        f"<div class='box-comment'>{comments}</div></div>"
    )


def _aspnet_table_layout() -> str:
    """An old ASP.NET page: everything inside the WebForms <form>, laid out by a table (menu column,
    article column, side column, footer row), no <h1>, the caption in a nested table."""
    menu = "".join(
        f"<tr><td><a href='/Default.aspx?tabid={i}'>Chuyên mục {i}</a></td></tr>" for i in range(8)
    )
    side = "".join(
        f"<tr><td><a href='/tin-{i}.aspx'>Tin khác số {i} của huyện</a></td></tr>" for i in range(5)
    )
    return (
        "<form method='post' action='./ChiTiet.aspx?id=1' id='aspnetForm'>"
        "<input type='hidden' name='__VIEWSTATE'"
        " value='/wEPDwUKMTY1'><table width='1000'><tr>"
        f"<td width='200'><table>{menu}</table></td><td width='560'>"
        "<span id='ctl00_lblTitle' class='tieude'>Nước giếng nhiễm phèn</span><br>"
        f"<div id='ctl00_divContent'>{''.join(f'<p>{p}</p>' for p in P[:2])}"
        "<table align='center'><tr><td><img src='/anh.jpg'></td></tr>"
        f"<tr><td><em>Giếng khoan của thôn Đông đã nhiễm phèn nặng.</em></td></tr></table>"
        f"{''.join(f'<p>{p}</p>' for p in P[2:] + MORE)}</div></td>"
        f"<td width='240'><b>Tin đọc nhiều</b><table>{side}</table></td></tr>"
        "<tr><td colspan='3'>Cơ quan chủ quản: Báo Thử tỉnh. Giấy phép số 12/GP-STTTT cấp ngày"
        " 1/1/2015.</td></tr>"
        "</table></form>"
    )


RELATED = ["Giếng khoan ở xã bên cũng nhiễm phèn", "Huyện đầu tư tuyến ống nước sạch mới", "Mùa khô đến sớm"]


def _related_typed_into_the_body() -> str:
    """A related-stories list typed into the article (no class), a "Đọc thêm:" line, and the readers'
    comments under a plain heading at the end."""
    links = "".join(f"<li><a href='/lq-{i}.html'>{t}</a></li>" for i, t in enumerate(RELATED))
    comments = "".join(f"<div><b>Bạn đọc {i}</b><p>{COMMENTS[i]}</p></div>" for i in range(3))
    return (
        f"<article><h1>Nước giếng nhiễm phèn</h1><p>{P[0]}</p><p>{P[1]}</p>"
        f"<p><strong>Tin liên quan:</strong></p><ul>{links}</ul><p>{P[2]}</p>"
        f"<p><em>Đọc thêm: <a href='/khac.html'>{RELATED[1]}</a></em></p><p>{P[3]}</p><p>{P[4]}</p>"
        f"<h3>Ý kiến bạn đọc</h3>{comments}</article>"
    )


def _most_read_box_after_the_article() -> str:
    """A box of other stories after the article whose classes name no furniture: only its Vietnamese
    heading says what it is; each item a linked headline with its date."""
    items = "".join(
        f"<li><a href='/doc-{i}.html'>Tin số {i}: giá vàng hôm nay đảo chiều tăng mạnh sau phiên giảm sâu</a>"
        f"<span class='time'>0{i}/12/2021 10:0{i}</span></li>"
        for i in range(1, 6)
    )
    return (
        f"<div class='main'><div class='detail'><h1>Nước giếng nhiễm phèn</h1>"
        f"{''.join(f'<p>{p}</p>' for p in P)}</div>"
        f"<div class='right'><div class='box'><h3>Đọc nhiều nhất</h3><ul>{items}</ul></div></div></div>"
    )


def _related_paragraphs_of_one_link() -> str:
    """Related stories typed into an old body as paragraphs of one "►" link each."""
    links = "".join(f"<p><a href='/lq-{i}.html'>► {t}</a></p>" for i, t in enumerate(RELATED))
    return f"<article><h1>Nước giếng nhiễm phèn</h1>{_paragraphs(P[:2])}{links}{_paragraphs(P[2:])}</article>"


def _related_heading_in_capitals() -> str:
    """ "TIN BÀI LIÊN QUAN" in capitals before a related list inside the body, and the date picker
    line ("Xem tin cùng ngày:") of an old template after it."""
    links = "".join(f"<li><a href='/lq-{i}.html'>{t}</a></li>" for i, t in enumerate(RELATED))
    picker = "<div>Xem tin cùng ngày: <select><option>01/12/2021</option></select></div>"
    return (
        f"<article><h1>Nước giếng nhiễm phèn</h1>{_paragraphs(P[:3])}"
        f"<p><strong>TIN BÀI LIÊN QUAN</strong></p><ul>{links}</ul>{_paragraphs(P[3:])}{picker}</article>"
    )


def _paragraphs(texts: list[str]) -> str:
    return "".join(f"<p>{p}</p>" for p in texts)


def _font_text_in_a_layout_table() -> str:
    """A 2000s page: a layout table whose article cell holds the text directly in <font> tags, split
    by <br><br>; a menu row, a column of readers' comments and a footer row around it."""
    menu = " | ".join(f"<a href='/muc-{i}'>Mục {i}</a>" for i in range(6))
    side = "".join(f"<p>Bạn đọc {i}: mong huyện sớm làm đường ống cho bà con.</p>" for i in range(2))
    return (
        f"<table><tr><td colspan='2'>{menu}</td></tr><tr><td width='70%'>"
        "<font size='4'><b>Nước giếng nhiễm phèn</b></font><br>"
        f"<font size='2'>{'<br><br>'.join(P)}</font></td>"
        f"<td class='binhluan-docnhieu'><b>Bình luận đọc nhiều</b>{side}</td></tr>"
        "<tr><td colspan='2'>Bản quyền thuộc Báo Thử. Ghi rõ nguồn khi phát hành lại.</td></tr></table>"
    )


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
        (_comment_kept_after_the_end(), P + MORE),
        (_related_typed_into_the_body(), P),
        (_most_read_box_after_the_article(), P),
        (_related_paragraphs_of_one_link(), P),
        (_related_heading_in_capitals(), P),
    ],
    ids=[
        "letter-split-by-br-vs-comment-sidebar",
        "image-grid-captions",
        "old-table-layout",
        "comments-below",
        "bare-text-after-a-subheading",
        "article-only-in-script-data",
        "comment-kept-after-the-end",
        "related-links-and-comments-typed-into-the-body",
        "a-box-known-by-its-heading-after-the-article",
        "related-paragraphs-of-one-link",
        "related-heading-in-capitals-and-a-date-picker",
    ],
)
def test_body(body: str, expected: list[str]) -> None:
    assert run(page(body)).text.split("\n") == expected


def test_aspnet_form_table_layout() -> None:
    """The article column of a layout table trafilatura took whole, read inside the page's <form>."""
    found = run(page(_aspnet_table_layout(), "<meta property='og:title' content='Nước giếng nhiễm phèn'>"))
    assert found.text.split("\n") == [*P, *MORE, "Giếng khoan của thôn Đông đã nhiễm phèn nặng."]


def test_font_text_in_a_layout_table() -> None:
    """The article's cell of a layout table, its text in <font> tags: no menu, comments or footer."""
    found = run(
        page(_font_text_in_a_layout_table(), "<meta property='og:title' content='Nước giếng nhiễm phèn'>")
    )
    assert found.text.split("\n") == P


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
