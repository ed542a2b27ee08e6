"""Whole article pages of provincial papers (Báo Lạng Sơn, Báo Bắc Giang, Báo Quảng Ninh), of a
2005–2010 table layout, of an old page whose body is one block split by <br>, of an AMP page and of a
print view, in the markup conventions of those outlets and eras as remembered.

The stories (`tests/sites/vietnamese_stories.py`) and every line of text are invented here. These
pages find failure classes — they are not a measurement of those outlets.
"""

from __future__ import annotations

from datetime import datetime

from crawlers.dates import VN
from tests.sites.vietnamese_markup import (
    COMMENT,
    FOOTER,
    MENU,
    MOST_READ,
    RELATED,
    TAGS,
    Page,
    _comments,
    _html,
    _ld,
    _menu,
    _most_read,
    _og,
    _p,
    _related_links,
    _tags,
)
from tests.sites.vietnamese_stories import BORDER, COURT, EXPRESSWAY, GAMBLING, WATER


def baolangson() -> Page:
    """Báo Lạng Sơn: "Cập nhật lúc 10:15, 09/09/2021" under the headline, the lead in bold in
    div.sapo, a print/send bar, the author in div.author at the end, "Tin cùng chuyên mục" with days,
    a header strip with today's date ("Thứ Hai, 13/12/2021") above everything."""
    s = BORDER
    paras = _p(s.paras)
    body = (
        "<div class='top-bar'><span class='today'>Thứ Hai, 13/12/2021</span> <a>Đăng nhập</a></div>"
        f"<div class='header'><a class='logo' href='/'>Báo Lạng Sơn</a>{_menu('menu')}</div>"
        "<div class='main'><div class='news-detail'><div class='path'><a href='/kinh-te'>Kinh tế</a></div>"
        f"<h1 class='news-title'>{s.title}</h1><div class='news-date'>Cập nhật lúc 10:15, 09/09/2021</div>"
        "<div class='tools'><a>In bài</a> <a>Gửi email</a></div>"
        f"<div class='sapo'><strong>{s.sapo}</strong></div><div class='news-content'>"
        + "".join(paras[:2])
        + "<table class='image' align='center'><tr><td><img src='/Uploads/2021/9/9/xe.jpg'></td></tr>"
        f"<tr><td><em>{s.caption}</em></td></tr></table>"
        + "".join(paras[2:])
        + f"</div><div class='author'>{s.author}</div>"
        "<div class='other-news'><h3>Tin cùng chuyên mục</h3><ul>"
        + _related_links("<li><a href='/lq-{i}.html'>{t}</a> <i>(08/09/2021)</i></li>")
        + "</ul></div></div><div class='right'><div class='box'><h3>Tin đọc nhiều</h3><ul>"
        + _most_read()
        + f"</ul></div></div></div><div class='footer'><p>{FOOTER}</p></div>"
    )
    return Page(
        _html(_og(s.title, s.sapo, "Báo Lạng Sơn"), body, title_tag=f"{s.title} - Báo Lạng Sơn"),
        "https://baolangson.vn/kinh-te/hang-tram-xe-cho-nong-san-un-u-486123.html",
        s,
        body=(*s.paras[:2], s.caption, *s.paras[2:]),
        when=datetime(2021, 9, 9, 10, 15, tzinfo=VN),
        furniture=(*RELATED, *MOST_READ, FOOTER),
    )


def baobacgiang() -> Page:
    """Báo Bắc Giang: "BBG - " lead, "Thứ 3, 14/09/2021, 10:15 [GMT+7]" (weekday as a digit, the
    offset in brackets), the body in div#newscontents, the author right-aligned in bold, tags,
    comments and a "Tin khác" list with times."""
    s = EXPRESSWAY
    sapo = f"BBG - {s.sapo}"
    paras = _p(s.paras)
    body = (
        f"<div id='header'><a class='logo' href='/'>Báo Bắc Giang</a>{_menu('mainmenu')}</div>"
        "<div id='wrapper'><div class='col-left'><div class='chitiet'><div class='breadcrumb'><a"
        " href='/thoi-su'>Thời sự</a></div>"
        f"<h1 class='tieude'>{s.title}</h1><div class='ngaydang'>Thứ 3, 14/09/2021, 10:15 [GMT+7]</div>"
        f"<div class='tomtat'><b>{sapo}</b></div><div id='newscontents'>"
        + "".join(paras[:3])
        + f"<div class='anh'><img src='/file/2021/9/14/dt.jpg'><p class='chuthich'>{s.caption}</p></div>"
        + "".join(paras[3:])
        + f"<p style='text-align:right'><strong>{s.author}</strong></p></div>"
        "<div class='tukhoa'><b>Từ khóa:</b> "
        + _tags()
        + "</div><div class='binhluan'><h3>Ý kiến bạn đọc</h3>"
        + _comments("<div class='bl'><b>Bạn đọc {i}</b> <i>14/09/2021 1{i}:00</i><p>{c}</p></div>")
        + "</div><div class='tinkhac'><h3>Tin khác</h3><ul>"
        + _related_links("<li><a href='/lq-{i}.bbg'>{t}</a> <span>(1{i}:30 13/09)</span></li>")
        + "</ul></div></div></div><div class='col-right'><h3>Đọc nhiều</h3><ul>"
        + _most_read()
        + f"</ul></div><div id='footer'><p>{FOOTER}</p></div>"
    )
    return Page(
        _html(_og(s.title, s.sapo, "Báo Bắc Giang"), body, title_tag=f"{s.title}"),
        "https://baobacgiang.vn/bg/thoi-su/123456/dan-vung-du-an-cao-toc-kien-nghi.html",
        s,
        body=(*s.paras[:3], s.caption, *s.paras[3:]),
        sapo=sapo,
        when=datetime(2021, 9, 14, 10, 15, tzinfo=VN),
        furniture=(*RELATED, *MOST_READ, COMMENT, *TAGS, FOOTER),
    )


def _qn_photo(i: int, caption: str) -> str:
    image = f"<img src='/media/2021/09/13/anh-{i}.jpg'>"
    return f"<figure class='photo'>{image}<figcaption>{caption}</figcaption></figure>"


GRID = (
    "Nhà máy nước Hà Đông nhìn từ trên cao. Ảnh: Ngọc Lan",
    "Công nhân thay đoạn ống bị vỡ trong đêm. Ảnh: Ngọc Lan",
    "Xe bồn chở nước đến khu tập thể. Ảnh: Ngọc Lan",
)


def baoquangninh() -> Page:
    """Báo Quảng Ninh: "13/09/2021 19:05:00" with seconds in span.date, the lead in h2.sapo, a grid of
    three captioned photos inside the body, the author bold at the end, a JSON-LD WebPage whose
    mainEntity is the article (dates as ISO with offset)."""
    s = WATER
    paras = _p(s.paras)
    grid = "<div class='photo-grid'>" + "".join(_qn_photo(i, c) for i, c in enumerate(GRID)) + "</div>"
    body = (
        f"<div class='header'><a class='logo' href='/'>Báo Quảng Ninh</a>{_menu('menu')}</div>"
        "<div class='container'><div class='article-detail'>"
        f"<h1 class='article-title'>{s.title}</h1><div class='article-info'><span class='date'>13/09/2021"
        " 19:05:00</span></div>"
        f"<h2 class='sapo'>{s.sapo}</h2><div class='article-content'>"
        + "".join(paras[:3])
        + grid
        + "".join(paras[3:])
        + f"<p><strong>{s.author}</strong></p></div><div class='tags'>"
        + _tags()
        + "</div><div class='related'><h3>Bài liên quan</h3><ul>"
        + _related_links()
        + "</ul></div></div><div class='sidebar'><h3>Xem nhiều</h3><ul>"
        + _most_read()
        + f"</ul></div></div><div class='footer'><p>{FOOTER}</p></div>"
    )
    head = _og(s.title, s.sapo, "Báo Quảng Ninh") + _ld(
        **{
            "@type": "WebPage",
            "name": s.title,
            "mainEntity": {
                "@type": "NewsArticle",
                "headline": s.title,
                "datePublished": "2021-09-13T19:05:00+07:00",
                "author": {"@type": "Person", "name": s.author},
            },
        }
    )
    return Page(
        _html(head, body, title_tag=f"{s.title}"),
        "https://www.baoquangninh.vn/hang-nghin-ho-dan-mat-nuoc-3145678.html",
        s,
        body=(*s.paras[:3], *GRID, *s.paras[3:]),
        when=datetime(2021, 9, 13, 19, 5, tzinfo=VN),
        furniture=(*RELATED, *MOST_READ, *TAGS, FOOTER),
    )


def table_2008() -> Page:
    """A 2005–2010 layout: the page in nested tables, no <h1> (p.Title), "Thứ tư, 14/9/2021, 10:15
    GMT+7" in div.List-date above it, p.Lead, p.Normal paragraphs, a tplCaption table, the author in
    a right-aligned bold p.Normal, a "Các tin khác" table with dates, the menu in a side cell."""
    s = COURT
    paras = _p(s.paras, "Normal")
    menu = "".join(f"<tr><td class='Menu'><a href='/Vietnam/{m}/'>{m}</a></td></tr>" for m in MENU)
    others = "".join(
        f"<tr><td><a href='/Vietnam/Phap-luat/2021/09/{i}/'>{t}</a> <span class='Date'>(13/9)</span>"
        "</td></tr>"
        for i, t in enumerate(RELATED)
    )
    body = (
        "<table width='980' border='0' cellpadding='0' cellspacing='0' align='center'>"
        "<tr><td colspan='3'><img src='/Images/logo.gif' alt='Báo Thử Express'></td></tr><tr>"
        f"<td width='160' valign='top'><table>{menu}</table></td><td width='520' valign='top'>"
        "<div class='List-date'>Thứ tư, 14/9/2021, 10:15 GMT+7</div>"
        f"<p class='Title'>{s.title}</p><p class='Lead'>{s.sapo}</p>"
        + "".join(paras[:2])
        + "<table class='tplCaption' align='center' width='1'><tr><td><img src='/Files/2021/09/14/toa.jpg'>"
        f"</td></tr><tr><td class='Image'>{s.caption}</td></tr></table>"
        + "".join(paras[2:])
        + f"<p class='Normal' align='right'><strong>{s.author}</strong></p>"
        f"<table class='tinkhac'><tr><td><b>Các tin khác</b></td></tr>{others}</table></td>"
        "<td width='300' valign='top'><table><tr><td><b>Tin đọc nhiều</b></td></tr>"
        + "".join(f"<tr><td><a href='/m-{i}/'>{t}</a></td></tr>" for i, t in enumerate(MOST_READ))
        + f"</table></td></tr><tr><td colspan='3' class='Footer'>{FOOTER}</td></tr></table>"
    )
    return Page(
        _html(_og(s.title, s.sapo, "Báo Thử Express"), body, title_tag=f"{s.title} - Báo Thử Express"),
        "https://baothu-express.net/Vietnam/Phap-luat/2021/09/3BA12345/",
        s,
        body=(*s.paras[:2], s.caption, *s.paras[2:]),
        when=datetime(2021, 9, 14, 10, 15, tzinfo=VN),
        furniture=(*RELATED, *MOST_READ, FOOTER, *MENU[1:]),
    )


def br_text_old() -> Page:
    """An old page whose whole body is one <td> of text split by <br><br> inside <font> tags, the
    headline in a <font class='title'> (no <h1>), "Cập nhật: 9:30 AM, 09/09/2021" (a 12-hour clock),
    the lead in bold, the author bold at the end, a most-read column of comments beside it."""
    s = GAMBLING
    text = "<br><br>".join(s.paras)
    side = "".join(f"<p class='cm'>{COMMENT} <i>(Bạn đọc {i}, 09/09/2021)</i></p>" for i in range(1, 6))
    body = (
        "<table width='100%' cellpadding='4'><tr><td colspan='2' class='banner'><a href='/'>Báo Thử"
        " tỉnh</a> | " + " | ".join(f"<a href='/c{i}'>{m}</a>" for i, m in enumerate(MENU)) + "</td></tr>"
        "<tr><td width='70%' valign='top' class='content'>"
        f"<font class='title' size='4'><b>{s.title}</b></font><br>"
        "<font class='date' size='1'>Cập nhật: 9:30 AM, 09/09/2021</font><br><br>"
        f"<font size='2'><b>{s.sapo}</b><br><br>{text}<br><br><b>{s.author}</b></font></td>"
        f"<td width='30%' valign='top' class='binhluan-docnhieu'><b>Bình luận đọc nhiều</b>{side}</td>"
        f"</tr><tr><td colspan='2' class='bottom'>{FOOTER}</td></tr></table>"
    )
    return Page(
        _html(_og(s.title, s.sapo, "Báo Thử tỉnh"), body, title_tag=f"{s.title}"),
        "https://baothu.vn/Desktop.aspx/Phap-luat/Triet-pha-duong-day/",
        s,
        body=(*s.paras, s.author),
        author=None,
        when=datetime(2021, 9, 9, 9, 30, tzinfo=VN),
        furniture=(COMMENT, FOOTER, *MENU[1:]),
    )


def amp() -> Page:
    """An AMP page (VnExpress's, Znews's): <html amp>, amp-img in figures, amp-ad and amp-social-share
    inside the body, amp-analytics with a JSON config, the date "Thứ năm, 9/9/2021, 21:30 (GMT+7)",
    related links in a "Xem thêm" box, no JSON-LD but the canonical link to the desktop page."""
    s = COURT
    paras = _p(s.paras, "Normal")
    figure = (
        "<figure><amp-img src='https://i1.vnecdn.net/2021/09/09/toa.jpg' width='680' height='408'"
        f" layout='responsive'></amp-img><figcaption><p class='Image'>{s.caption}</p></figcaption></figure>"
    )
    ad = "<amp-ad width='300' height='250' type='adsense' data-ad-slot='123'></amp-ad>"
    body = (
        '<amp-analytics type=\'gtag\'><script type=\'application/json\'>{"vars": {"gtag_id": "G-1"}}'
        "</script></amp-analytics>"
        f"<header class='header-amp'><a href='/'>Báo Thử</a><amp-sidebar id='menu'>{_menu()}</amp-sidebar>"
        "</header><article class='article-amp'><span class='date'>Thứ năm, 9/9/2021, 21:30 (GMT+7)</span>"
        f"<h1 class='title-detail'>{s.title}</h1><p class='description'>{s.sapo}</p>"
        "<div class='fck_detail'>"
        + "".join(paras[:2])
        + figure
        + "".join(paras[2:4])
        + ad
        + "".join(paras[4:])
        + f"<p class='author_mail'><strong>{s.author}</strong></p></div>"
        "<amp-social-share type='facebook'></amp-social-share><div class='box-xemthem'><h3>Xem thêm</h3><ul>"
        + _related_links()
        + "</ul></div></article><div class='box-tags'>"
        + _tags()
        + f"</div><footer><p>{FOOTER}</p></footer>"
    )
    html = _html(
        _og(s.title, s.sapo, "Báo Thử")
        + "<link rel='canonical' href='https://baothu.net/nguyen-giam-doc-linh-9-nam-tu-4356789.html'>"
        "<style amp-custom>.title-detail{font-size:22px}</style>",
        body,
        title_tag=f"{s.title} - Báo Thử",
    ).replace("<html lang='vi'>", "<html amp lang='vi'>")
    return Page(
        html,
        "https://baothu.net/nguyen-giam-doc-linh-9-nam-tu-4356789.html?amp",
        s,
        body=(*s.paras[:2], s.caption, *s.paras[2:]),
        furniture=(*RELATED, *TAGS, FOOTER),
    )


def print_view() -> Page:
    """A print view (the "In bài" page): window.print() on load, a logo image, no <h1> (div.print-title),
    no og tags, "Thứ Năm, 09/09/2021 - 21:30" in div.print-date, the lead in div.print-sapo, the
    body, the author, then "Địa chỉ bài viết:" with the article's URL and a copyright line."""
    s = BORDER
    paras = _p(s.paras)
    body = (
        "<div class='print-page'><div class='print-logo'><img src='/images/logo-print.png'"
        " alt='Báo Thử'></div>"
        f"<div class='print-title'>{s.title}</div><div class='print-date'>Thứ Năm, 09/09/2021 - 21:30</div>"
        f"<div class='print-sapo'>{s.sapo}</div><div class='print-body'>"
        + "".join(paras[:2])
        + f"<p><img src='/2021/9/9/xe.jpg'></p><p class='caption'><em>{s.caption}</em></p>"
        + "".join(paras[2:])
        + f"<p><strong>{s.author}</strong></p></div>"
        "<div class='print-url'>Địa chỉ bài viết: https://baothu.vn/hang-tram-xe-un-u-123456.htm</div>"
        "<div class='print-copyright'>© Bản quyền thuộc Báo Thử. Cấm sao chép dưới mọi hình thức.</div></div>"
    )
    html = _html("<meta name='robots' content='noindex'>", body, title_tag=f"{s.title}").replace(
        "<body>", "<body onload='window.print();'>"
    )
    return Page(
        html,
        "https://baothu.vn/print/hang-tram-xe-un-u-123456.htm",
        s,
        body=(*s.paras[:2], s.caption, *s.paras[2:], s.author),
        author=None,
        furniture=("Địa chỉ bài viết", "Bản quyền thuộc Báo Thử"),
    )


def tuoitre_2010() -> Page:
    """Tuổi Trẻ around 2010: p.pTitle / p.pHead / p.pBody / p.pAuthor (no <h1>), "Cập nhật lúc
    21:30 ngày 09/09/2021" in p.pDate, "TTO - " lead, related stories typed into the body as
    paragraphs of one "►" link each, a "Xem tin cùng ngày" date picker and "Các tin khác" after it."""
    s = GAMBLING
    sapo = f"TTO - {s.sapo}"
    paras = _p(s.paras, "pBody")
    links = _related_links("<p class='pBody'><a href='/Index.aspx?ArticleID=4{i}'>► {t}</a></p>")
    picker = "".join(f"<option>{d:02d}/09/2021</option>" for d in range(1, 10))
    body = (
        "<table width='980' align='center'><tr><td><a href='/'><img src='/Images/logo.gif' alt='Tuổi Trẻ'>"
        f"</a></td></tr><tr><td>{_menu('mnu')}</td></tr><tr><td class='maincontent'>"
        "<p class='pDate'>Cập nhật lúc 21:30 ngày 09/09/2021</p>"
        f"<p class='pTitle'>{s.title}</p><p class='pHead'>{sapo}</p>"
        + "".join(paras[:3])
        + links
        + "<table class='tblImage' align='center'><tr><td><img src='/Images/2021/09/09/dd.jpg'></td></tr>"
        f"<tr><td class='pCaption'>{s.caption}</td></tr></table>"
        + "".join(paras[3:])
        + f"<p class='pAuthor'>{s.author.upper()}</p>"
        f"<div class='xemtin'>Xem tin cùng ngày: <select>{picker}</select></div>"
        "<div class='cactinkhac'><b>Các tin khác</b><ul>"
        + "".join(
            f"<li><a href='/Index.aspx?ArticleID=5{i}'>{t}</a> <span>(0{i}/09/2021)</span></li>"
            for i, t in enumerate(MOST_READ, 1)
        )
        + f"</ul></div></td></tr><tr><td class='footer'>{FOOTER}</td></tr></table>"
    )
    return Page(
        _html(_og(s.title, s.sapo, "TUOI TRE ONLINE"), body, title_tag=f"Tuổi Trẻ Online - {s.title}"),
        "https://tuoitre.vn/Chinh-tri-Xa-hoi/Phap-luat/412345/triet-pha-duong-day-danh-bac.html",
        s,
        body=(*s.paras[:3], s.caption, *s.paras[3:]),
        sapo=sapo,
        author=s.author.upper(),
        furniture=(*RELATED, *MOST_READ, FOOTER),
    )


def giaoduc() -> Page:
    """Giáo dục Việt Nam: "(GDVN) - " lead in div.article-sapo, "09/09/2021 21:30" next to a views
    counter ("Lượt xem: 1.234"), the author's name with a pen name "Hồng Nhung (Tổng hợp)" in
    span.author-name, a "TIN BÀI LIÊN QUAN" heading in upper case inside the body before a list,
    a poll box and a "Bình luận (0)" heading after the body."""
    s = BORDER
    sapo = f"(GDVN) - {s.sapo}"
    paras = _p(s.paras)
    body = (
        f"<div class='header'><a class='logo' href='/'>Giáo dục Việt Nam</a>{_menu('nav')}</div>"
        "<div class='main'><article class='article'>"
        f"<h1 class='article-title'>{s.title}</h1><div class='article-meta'><span class='author-name'>"
        f"{s.author}</span><span class='publish-date'>09/09/2021 21:30</span>"
        "<span class='views'>Lượt xem: 1.234</span></div>"
        f"<div class='article-sapo'>{sapo}</div><div class='article-content'>"
        + "".join(paras[:4])
        + "<p><strong>TIN BÀI LIÊN QUAN</strong></p><ul>"
        + _related_links()
        + "</ul>"
        + f"<figure><img src='/2021/9/9/xe.jpg'><figcaption>{s.caption}</figcaption></figure>"
        + "".join(paras[4:])
        + "</div><div class='poll'><p>Bạn có hài lòng với bài viết này?</p><a>Có</a> <a>Không</a></div>"
        "<div class='comments'><h3>Bình luận (0)</h3><p>Chưa có bình luận nào.</p></div></article>"
        "<div class='side'><div class='most'><h3>Đọc nhiều</h3><ul>"
        + _most_read()
        + f"</ul></div></div></div><div class='footer'><p>{FOOTER}</p></div>"
    )
    return Page(
        _html(_og(s.title, s.sapo, "Giáo dục Việt Nam"), body, title_tag=f"{s.title} - Giáo dục Việt Nam"),
        "https://giaoduc.net.vn/hang-tram-xe-cho-nong-san-un-u-post221234.gd",
        s,
        body=(*s.paras[:4], s.caption, *s.paras[4:]),
        sapo=sapo,
        furniture=(*RELATED, *MOST_READ, FOOTER, "Bạn có hài lòng với bài viết này?"),
    )


PAGES = {
    "baolangson": baolangson,
    "baobacgiang": baobacgiang,
    "baoquangninh": baoquangninh,
    "table-2008": table_2008,
    "br-text-old": br_text_old,
    "amp": amp,
    "print-view": print_view,
    "tuoitre-2010": tuoitre_2010,
    "giaoduc": giaoduc,
}
