"""Whole article pages written here in the markup conventions of national Vietnamese outlets and of their
older layouts — Báo Chính phủ (old), Kenh14, Cafef, 24h, a provincial ASP.NET portal and a district
WordPress site, VietnamPlus and Dân Việt — with the furniture such pages carry (markup helpers in
`vietnamese_markup.py`, stories in `vietnamese_stories.py`, more outlets in `vietnamese_outlets_2.py` to
`_5.py`).

The stories, names and every line of text are invented here; only the markup conventions follow the
outlets. These pages find failure classes — they are not a measurement of those outlets.
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
    _html,
    _ld,
    _menu,
    _most_read,
    _og,
    _p,
    _related_links,
    _tags,
    _vc_photo,
)
from tests.sites.vietnamese_stories import BORDER, COURT, FEVER, RICE, ROAD, SCHOOL


def baochinhphu_old() -> Page:
    """Old Báo Chính phủ: "21:30 | 09/09/2021" (clock, bar, day) in p.meta, "(Chinhphu.vn) – " lead in
    div.summary, captions as an <em> under the image in a centred paragraph, a source line."""
    s = FEVER
    sapo = f"(Chinhphu.vn) – {s.sapo}"
    paras = _p(s.paras)
    body = (
        "<div id='header'><a class='logo' href='/'>Cổng Thông tin điện tử Chính phủ</a>"
        f"{_menu('topmenu')}</div>"
        "<div id='main'><div class='article-header'><div class='category'><a href='/Xa-hoi/'>Xã hội</a></div>"
        f"<h1 class='article-title'>{s.title}</h1><p class='meta'><span class='time'>21:30 |"
        " 09/09/2021</span></p></div>"
        f"<div class='summary'>{sapo}</div><div class='article-body cmscontents'>"
        + "".join(paras[:2])
        + "<div class='image-box'><p style='text-align:center'><img src='/Uploaded/2021_09_09/sxh.jpg'></p>"
        f"<p class='image-caption' style='text-align:center'><em>{s.caption}</em></p></div>"
        + "".join(paras[2:])
        + f"<p style='text-align:right'><strong>{s.author}</strong></p></div>"
        "<div class='other-news'><h3>Các tin khác</h3><ul>"
        + _related_links()
        + "</ul></div></div><div id='right'><div class='box-most-view'><h3>Xem nhiều</h3><ul>"
        + _most_read()
        + f"</ul></div></div><div id='footer'><p>{FOOTER}</p></div>"
    )
    return Page(
        _html(_og(s.title, s.sapo, "baochinhphu.vn"), body, title_tag=f"{s.title}"),
        "https://baochinhphu.vn/Xa-hoi/So-ca-sot-xuat-huyet-tang-gap-ba/456789.vgp",
        s,
        body=(*s.paras[:2], s.caption, *s.paras[2:]),
        sapo=sapo,
        furniture=(*RELATED, *MOST_READ, FOOTER),
    )


def kenh14() -> Page:
    """Kenh14 (VCCorp): the time in span.kbwcm-time with a title attribute, h2.knc-sapo, a related box
    and a quote box inside knc-content, the source line at the end, og:title with an emoji kicker."""
    s = SCHOOL
    paras = _p(s.paras)
    quote = (
        "<div class='VCSortableInPreviewMode' type='SimpleQuote'><div class='quote-content'>"
        f"<p>{s.paras[3]}</p></div></div>"
    )
    relate = (
        "<div class='knc-relate-wrapper'><ul class='krw-list'>"
        + _related_links("<li class='krwli'><a href='/lq-{i}.chn'>{t}</a></li>")
        + "</ul></div>"
    )
    content = (
        "<div class='knc-content'>"
        + "".join(paras[:2])
        + _vc_photo(s.caption, "https://kenh14cdn.com/2021/9/9/hs.jpg")
        + paras[2]
        + relate
        + quote
        + "".join(paras[4:])
        + "<div class='knc-source'>Theo Giáo dục Thời đại</div></div>"
    )
    body = (
        f"<div class='kbw-header'><a class='logo' href='/'>Kenh14</a>{_menu('kbwh-menu')}</div>"
        "<div class='kbw-content'><div class='kbwc-body'><div class='klw-new-content'>"
        f"<h1 class='kbwc-title'>{s.title}</h1><div class='kbwc-meta'><span class='kbwcm-author'>"
        f"{s.author},</span>"
        "<span class='kbwcm-time' title='2021-09-09T21:30:00'>09/09/2021 21:30</span></div>"
        f"<h2 class='knc-sapo'>{s.sapo}</h2>{content}"
        "<div class='knt-list'><ul>"
        + _tags("<li class='kli'><a href='/{i}.html'>{t}</a></li>")
        + "</ul></div></div></div><div class='kbwc-sidebar'><div class='kds-hot-daily'><h3>Đọc nhiều</h3><ul>"
        + _most_read()
        + f"</ul></div></div></div><div class='kbw-footer'><p>{FOOTER}</p></div>"
    )
    og_title = f"{s.title} 🥺"
    return Page(
        _html(_og(og_title, s.sapo, "Kenh14"), body, title_tag=og_title),
        "https://kenh14.vn/truong-vung-cao-don-hoc-sinh-215210909213012345.chn",
        s,
        body=(*s.paras[:2], s.caption, *s.paras[2:], "Theo Giáo dục Thời đại"),
        furniture=(*RELATED, *MOST_READ, *TAGS, FOOTER),
    )


def cafef() -> Page:
    """Cafef (VCCorp): "09-09-2021 - 09:30 PM" in span.pdate, h2.sapo, a <p class='author'> and a
    source line at the end of the body, a "Tin cùng chuyên mục" box with its own dates."""
    s = RICE
    paras = _p(s.paras)
    paras[3] = f"<p><b>{s.paras[3]}</b></p>"
    content = (
        "<div class='detail-content afcbc-body' data-role='content'>"
        + "".join(paras[:2])
        + _vc_photo(s.caption, "https://cafefcdn.com/2021/9/9/lua.jpg")
        + "".join(paras[2:])
        + "</div>"
        f"<p class='author'>{s.author}</p><p class='source'>Theo Nhịp sống kinh tế</p>"
    )
    body = (
        f"<div class='header'><a class='logo' href='/'>CafeF</a>{_menu('menu-header')}</div>"
        "<div class='contentdetail'><div class='dateandcat'><a class='cat' href='/thi-truong.chn'>Thị"
        " trường</a>"
        "<span class='pdate' data-role='publishdate'>09-09-2021 - 09:30 PM</span></div>"
        f"<h1 class='title' data-role='title'>{s.title}</h1><h2 class='sapo' data-role='sapo'>{s.sapo}</h2>"
        f"{content}<div class='tagdetail'>"
        + _tags("<a href='/{i}.chn'>{t}</a>")
        + "</div><div class='tincungchuyenmuc'><h3>Tin cùng chuyên mục</h3><ul>"
        + _related_links(
            "<li><a href='/lq-{i}.chn'>{t}</a><span class='time'>08-09-2021 - 10:00 AM</span></li>"
        )
        + "</ul></div></div><div class='right'><div class='box-docnhieu'><h3>Đọc nhiều</h3><ul>"
        + _most_read()
        + f"</ul></div></div><div class='footer'><p>{FOOTER}</p></div>"
    )
    return Page(
        _html(_og(s.title, s.sapo, "CafeF"), body, title_tag=f"{s.title}"),
        "https://cafef.vn/gia-lua-tang-manh-18821090921301234.chn",
        s,
        body=(*s.paras[:2], s.caption, *s.paras[2:]),
        furniture=(*RELATED, *MOST_READ, *TAGS, FOOTER),
    )


def h24() -> Page:
    """24h: "Thứ Năm, ngày 09/09/2021 21:30 PM (GMT+7)" (a 24-hour clock with PM), ids instead of
    classes for the headline and lead, captions in p.img_chu_thich, an inline script inside the body."""
    s = ROAD
    paras = _p(s.paras)
    body = (
        f"<div id='header'><a class='logo' href='/'>24h</a>{_menu('menu-24h')}</div>"
        "<div id='container'><div id='left'><div class='cate-24h-foot-arti-deta-cre-post'>"
        "<div class='updateTime'>Thứ Năm, ngày 09/09/2021 21:30 PM (GMT+7)</div></div>"
        f"<h1 id='article_title' class='clrTit bld tuht_show'>{s.title}</h1>"
        f"<h2 id='article_sapo' class='ctTp tuht_show'>{s.sapo}</h2>"
        "<div class='cate-24h-foot-arti-deta-info'><div id='article_body'>"
        + "".join(paras[:2])
        + "<p align='center'><img class='news-image' src='https://cdn.24h.com.vn/2021/09/09/sl.jpg'></p>"
        f"<p class='img_chu_thich_0407'>{s.caption}</p>"
        "<script>var vAd = 'banner_in_article'; if (typeof showAd === 'function') { showAd(vAd); }</script>"
        + "".join(paras[2:])
        + f"<div class='nguontin'>Nguồn: {s.author} (Báo Thử)</div></div></div>"
        "<div class='bv-lq'><h3>Bài viết liên quan</h3><ul>"
        + _related_links()
        + "</ul></div></div><div id='right'><div class='box-tin-noi-bat'><h3>Tin nổi bật</h3><ul>"
        + _most_read()
        + f"</ul></div></div></div><div id='footer'><p>{FOOTER}</p></div>"
    )
    return Page(
        _html(_og(s.title, s.sapo, "Tin tức 24h"), body, title_tag=f"{s.title} - 24h"),
        "https://www.24h.com.vn/tin-tuc-trong-ngay/quoc-lo-47-sat-lo-c46a1298765.html",
        s,
        body=(*s.paras[:2], s.caption, *s.paras[2:], f"Nguồn: {s.author} (Báo Thử)"),
        author=None,
        furniture=(*RELATED, *MOST_READ, FOOTER),
    )


def provincial_aspnet() -> Page:
    """A provincial paper on an old ASP.NET CMS: the whole page inside the WebForms <form>, a view
    state, table layout, no <h1> (the headline in a span with a generated id), "Cập nhật: 09/09/2021
    9:30:15 PM", the lead in a bold span, a caption in a table cell, the author right-aligned."""
    s = SCHOOL
    paras = _p(s.paras)
    pre = "ctl00_ContentPlaceHolder1_NewsDetail1_"
    left = "".join(
        f"<tr><td class='menuitem'><a href='/Default.aspx?tabid={i}'>{m}</a></td></tr>"
        for i, m in enumerate(MENU)
    )
    side = "".join(
        f"<tr><td class='tinkhac'><a href='/tin-{i}.aspx'>{t}</a> <span class='ngay'>"
        f"(0{i}/09/2021)</span></td></tr>"
        for i, t in enumerate(MOST_READ, 1)
    )
    body = (
        "<form method='post' action='./ChiTiet.aspx?id=12345' id='aspnetForm'>"
        "<div><input type='hidden' name='__VIEWSTATE' id='__VIEWSTATE'"
        " value='/wEPDwUKMTY1NDU2MTA1MmRkq8xZ'></div>"
        "<script type='text/javascript'>//<![CDATA[\nvar theForm = document.forms['aspnetForm'];\n//]]>"
        "</script>"
        "<table width='1000' align='center' cellpadding='0' cellspacing='0'><tr><td colspan='3'"
        " class='banner'>"
        "<img src='/Portals/0/banner.jpg' alt='Báo Thử tỉnh'></td></tr><tr>"
        f"<td width='200' valign='top'><table class='menu'>{left}</table></td>"
        "<td width='560' valign='top' class='noidung'>"
        f"<span id='{pre}lblTitle' class='tieude'>{s.title}</span><br>"
        f"<span id='{pre}lblDate' class='ngaycapnhat'>Cập nhật: 09/09/2021 9:30:15 PM</span><br>"
        f"<span id='{pre}lblSummary' class='tomtat'><b>{s.sapo}</b></span>"
        f"<div id='{pre}divContent' class='chitiet'>"
        + "".join(paras[:2])
        + "<table align='center' width='90%'><tr><td><img src='/Portals/0/2021/09/anh.jpg'></td></tr>"
        f"<tr><td align='center'><em>{s.caption}</em></td></tr></table>"
        + "".join(paras[2:])
        + f"<p align='right'><b>{s.author}</b></p></div>"
        "<div class='tinkhac-title'><b>Các tin khác</b></div><ul>"
        + _related_links("<li><a href='/ChiTiet.aspx?id=1{i}'>{t}</a> (08/09/2021)</li>")
        + "</ul></td>"
        f"<td width='240' valign='top'><b>Tin đọc nhiều</b><table>{side}</table></td></tr>"
        f"<tr><td colspan='3' class='chantrang'>{FOOTER}</td></tr></table></form>"
    )
    return Page(
        _html(_og(s.title, s.sapo, "Báo Thử tỉnh"), body, title_tag=f"Báo Thử tỉnh - {s.title}"),
        "https://baothu.vn/ChiTiet.aspx?id=12345&cat=7",
        s,
        body=(*s.paras[:2], s.caption, *s.paras[2:]),
        furniture=(*RELATED, *MOST_READ, FOOTER, *MENU[1:]),
    )


def wordpress_district() -> Page:
    """A district news site on WordPress in Vietnamese: the date as WordPress prints it in vi_VN
    ("Tháng Chín 9, 2021 9:30 chiều"), a related list and a "Đọc thêm:" line typed into the post,
    the readers' comments under a plain heading with no class, the author signed in bold at the end."""
    s = RICE
    paras = _p(s.paras)
    links = _related_links("<li><a href='/lq-{i}/'>{t}</a></li>")
    comments = "".join(
        f"<div><b>Bạn đọc {i}</b> <i>10/09/2021</i><p>{COMMENT}</p></div>" for i in range(1, 4)
    )
    body = (
        f"<div id='page' class='site'><header id='masthead'><a href='/' rel='home'>Cổng thông tin huyện</a>"
        f"{_menu('main-navigation')}</header><div id='content' class='site-content'><div id='primary'>"
        f"<main id='main'><article id='post-1234' class='post-1234 post type-post status-publish'>"
        f"<header class='entry-header'><h1 class='entry-title'>{s.title}</h1><div class='entry-meta'>"
        "<span class='posted-on'>Tháng Chín 9, 2021 9:30 chiều</span></div></header>"
        f"<div class='entry-content'><p><em>{s.sapo}</em></p>"
        + "".join(paras[:2])
        + f"<p><strong>Tin liên quan:</strong></p><ul>{links}</ul>"
        + "".join(paras[2:4])
        + f"<p><em>Đọc thêm: <a href='/lq-9/'>{RELATED[2]}</a></em></p>"
        + "".join(paras[4:])
        + f"<p><strong>{s.author}</strong></p><h3>Ý kiến bạn đọc</h3>{comments}</div></article></main></div>"
        "<div id='secondary' class='widget-area'><section class='widget'><h2>Bài mới</h2><ul>"
        + _most_read("<li><a href='/m-{i}/'>{t}</a></li>")
        + f"</ul></section></div></div><footer id='colophon'><p>{FOOTER}</p></footer></div>"
    )
    return Page(
        _html(
            _og(f"{s.title} – Cổng thông tin huyện", s.sapo, "Cổng thông tin huyện"),
            body,
            title_tag=f"{s.title} – Cổng thông tin huyện",
        ),
        "https://huyen-thu.gov.vn/gia-lua-tang-manh/",
        s,
        body=(*s.paras, s.author),
        author=None,
        furniture=(*RELATED, *MOST_READ, COMMENT, FOOTER),
    )


def vietnamplus() -> Page:
    """VietnamPlus (TTXVN): "Thứ Năm, 09/09/2021 21:30 (GMT+7)" in div.details__meta, the lead in
    div.article__sapo, the author with the agency "Thanh Bình (TTXVN/Vietnam+)" at the end, a
    "Tin liên quan" box inside the body, og:title in upper case."""
    s = COURT
    paras = _p(s.paras)
    author = f"{s.author} (TTXVN/Vietnam+)"
    relate = (
        "<div class='article-relate'><div class='title'>Tin liên quan</div><ul>"
        + _related_links("<li><a href='/lq-{i}.vnp'>{t}</a></li>")
        + "</ul></div>"
    )
    body = (
        f"<div class='site-header'><a class='logo' href='/'>VietnamPlus</a>{_menu('main-nav')}</div>"
        "<div class='site-content'><div class='details'><div class='details__breadcrumbs'><a href='/xahoi'>"
        f"Xã hội</a></div><h1 class='details__headline'>{s.title}</h1><div class='details__meta'>"
        "<time>Thứ Năm, 09/09/2021 21:30 (GMT+7)</time></div>"
        f"<div class='article__sapo'>{s.sapo}</div><div class='article__body zce-content-body'>"
        + "".join(paras[:2])
        + f"<figure><img src='https://media.vietnamplus.vn/2021/9/9/toa.jpg'><figcaption>{s.caption}"
        "</figcaption></figure>"
        + "".join(paras[2:5])
        + relate
        + "".join(paras[5:])
        + f"<p class='article__author'>{author}</p></div><div class='details__tags'>"
        + _tags()
        + "</div></div><div class='sidebar'><div class='most-viewed'><h3>Xem nhiều</h3><ul>"
        + _most_read()
        + f"</ul></div></div></div><div class='site-footer'><p>{FOOTER}</p></div>"
    )
    return Page(
        _html(
            _og(s.title.upper(), s.sapo, "VietnamPlus"), body, title_tag=f"{s.title} | Vietnam+ (VietnamPlus)"
        ),
        "https://www.vietnamplus.vn/nguyen-giam-doc-ban-quan-ly-du-an-linh-9-nam-tu/745678.vnp",
        s,
        body=(*s.paras[:2], s.caption, *s.paras[2:]),
        author=author,
        furniture=(*RELATED, *MOST_READ, *TAGS, FOOTER),
    )


def danviet() -> Page:
    """Dân Việt: "Thứ năm, ngày 09/09/2021 10:15 AM (GMT+7)" in span.time, the lead in div.sapo, a
    "Bạn đang đọc" kicker, captions in figcaption, "Tin cùng chuyên mục" with dates below the body,
    JSON-LD whose author is a list of two."""
    s = BORDER
    paras = _p(s.paras)
    body = (
        f"<div class='header'><a class='logo' href='/'>Dân Việt</a>{_menu('menu-top')}</div>"
        "<div class='container'><div class='dt-main'><div class='dt-cate'><a href='/kinh-te'>Kinh tế</a>"
        f"</div><h1 class='dt-title'>{s.title}</h1><div class='dt-info'><span class='dt-author'>"
        f"{s.author}</span><span class='time'>Thứ năm, ngày 09/09/2021 10:15 AM (GMT+7)</span></div>"
        f"<div class='sapo'>{s.sapo}</div><div class='dt-content entry-body'>"
        + "".join(paras[:3])
        + f"<figure class='dt-image'><img src='/2021/9/9/xe.jpg'><figcaption>{s.caption}</figcaption>"
        "</figure>"
        + "".join(paras[3:])
        + "</div><div class='dt-tags'>"
        + _tags()
        + "</div><div class='dt-same-cate'><h3>Tin cùng chuyên mục</h3><ul>"
        + _related_links("<li><a href='/lq-{i}.htm'>{t}</a><span>09/09/2021 08:1{i}</span></li>")
        + "</ul></div></div><div class='dt-right'><div class='hot-news'><h3>Tin nổi bật</h3><ul>"
        + _most_read()
        + f"</ul></div></div></div><div class='footer'><p>{FOOTER}</p></div>"
    )
    head = _og(s.title, s.sapo, "Báo Dân Việt") + _ld(
        **{
            "@type": "NewsArticle",
            "headline": s.title,
            "datePublished": "2021-09-09T10:15:00+07:00",
            "author": [{"@type": "Person", "name": s.author}, {"@type": "Person", "name": "Văn Tú"}],
        }
    )
    return Page(
        _html(head, body, title_tag=f"{s.title}"),
        "https://danviet.vn/hang-tram-xe-cho-nong-san-un-u-o-cua-khau-20210909101500123.htm",
        s,
        body=(*s.paras[:3], s.caption, *s.paras[3:]),
        when=datetime(2021, 9, 9, 10, 15, tzinfo=VN),
        furniture=(*RELATED, *MOST_READ, *TAGS, FOOTER),
    )


PAGES = {
    "baochinhphu-old": baochinhphu_old,
    "kenh14": kenh14,
    "cafef": cafef,
    "24h": h24,
    "provincial-aspnet": provincial_aspnet,
    "wordpress-district": wordpress_district,
    "vietnamplus": vietnamplus,
    "danviet": danviet,
}
