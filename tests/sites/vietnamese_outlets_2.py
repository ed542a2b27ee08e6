"""A second round of whole article pages in the markup conventions of Vietnamese outlets not covered by
`tests/sites/vietnamese_outlets.py`: current Thanh Niên and VietNamNet, Công an nhân dân, VOV,
Pháp luật TP.HCM, Sài Gòn Giải Phóng (old), Kinh tế đô thị and Đời sống & Pháp luật (VietnamPlus and
Dân Việt: `vietnamese_outlets_5.py`; provincial papers, old table layouts, AMP and print views:
`vietnamese_outlets_3.py`).

The stories (`tests/sites/vietnamese_stories.py`) and every line of text are invented here; only the
markup conventions follow the outlets, as remembered. These pages find failure classes — they are not
a measurement of those outlets.
"""

from __future__ import annotations

from datetime import datetime

from crawlers.dates import VN
from tests.sites.vietnamese_markup import (
    COMMENT,
    FOOTER,
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
    _vc_photo,
)
from tests.sites.vietnamese_stories import BORDER, COURT, EXPRESSWAY, GAMBLING, WATER

MORNING = datetime(2021, 9, 14, 10, 15, tzinfo=VN)
EVENING = datetime(2021, 9, 13, 19, 5, tzinfo=VN)


def thanhnien() -> Page:
    """Thanh Niên since 2022 (a VCCorp CMS): the time in div[data-role=publishdate] with GMT+7, the lead
    in h2.detail-sapo, a one-story related box inside the body, the author's link in the meta bar."""
    s = WATER
    paras = _p(s.paras)
    one = (
        "<div class='VCSortableInPreviewMode' type='RelatedOneNews'><div class='box-related-one'>"
        f"<a href='/lq-1.htm' class='title'>{RELATED[0]}</a><p class='sapo'>{RELATED[1]}</p></div></div>"
    )
    body = (
        f"<div class='header'><a class='logo' href='/'>Thanh Niên</a>{_menu('menu-nav')}</div>"
        "<div class='container'><div class='detail-page'><div class='detail__cate'><a href='/thoi-su.htm'>"
        "Thời sự</a></div><h1 class='detail-title' data-role='title'>"
        f"{s.title}</h1><div class='detail__meta'><div class='detail-info'><div class='author-info'>"
        f"<a class='name' href='/tac-gia/ngoc-lan.htm'>{s.author}</a></div>"
        "<div class='detail-time'><div data-role='publishdate'>14/09/2021 10:15 GMT+7</div></div></div>"
        "<div class='detail-share'><a>Chia sẻ</a><a>Facebook</a><a>Zalo</a></div></div>"
        f"<h2 class='detail-sapo' data-role='sapo'>{s.sapo}</h2><div class='detail-cmain'>"
        "<div class='detail-content afcbc-body' data-role='content'>"
        + "".join(paras[:2])
        + _vc_photo(s.caption, "https://images2.thanhnien.vn/2021/9/14/nuoc.jpg")
        + "".join(paras[2:4])
        + one
        + "".join(paras[4:])
        + "</div></div><div class='detail-tags'>"
        + _tags("<a class='item' href='/{i}.htm'>{t}</a>")
        + "</div><div class='detail-comment'><div class='title'>Bình luận (4)</div>"
        + _comments(
            "<div class='item-comment'><b>Bạn đọc {i}</b><span class='time'>14/09/2021 1{i}:20</span>"
            "<p>{c}</p></div>"
        )
        + "</div></div><div class='aside-right'><div class='box-most-view'><h3>Đọc nhiều</h3><ul>"
        + _most_read()
        + f"</ul></div></div></div><div class='footer'><p>{FOOTER}</p></div>"
    )
    head = _og(s.title, s.sapo, "Báo Thanh Niên") + _ld(
        **{
            "@type": "NewsArticle",
            "headline": s.title,
            "datePublished": "2021-09-14T10:15:00+07:00",
            "author": {"@type": "Person", "name": s.author},
        }
    )
    return Page(
        _html(head, body, title_tag=f"{s.title} - Báo Thanh Niên"),
        "https://thanhnien.vn/hang-nghin-ho-dan-ha-dong-mat-nuoc-185210914101512345.htm",
        s,
        body=(*s.paras[:2], s.caption, *s.paras[2:]),
        when=MORNING,
        furniture=(*RELATED, *MOST_READ, COMMENT, *TAGS, FOOTER),
    )


def vietnamnet() -> Page:
    """VietNamNet since 2022: "Thứ Tư, 14/09/2021 - 10:15" in the breadcrumb bar, h2.content-detail-sapo,
    figures with figcaption, an inline related box, the author in span.name under the body, JSON-LD
    whose datePublished has no offset."""
    s = EXPRESSWAY
    paras = _p(s.paras)
    relate = (
        "<div class='article-relate'><h3 class='article-relate__title'>Tin liên quan</h3><ul>"
        + _related_links("<li><h3><a href='/lq-{i}.html'>{t}</a></h3></li>")
        + "</ul></div>"
    )
    figure = (
        "<figure class='image vnn-content-image'><img src='https://static-images.vnncdn.net/2021/9/14/dan.jpg'"
        f" alt=''><figcaption>{s.caption}</figcaption></figure>"
    )
    body = (
        f"<div class='header'><a class='logo' href='/'>VietNamNet</a>{_menu('main-menu')}</div>"
        "<div class='container'><div class='content-detail'><div class='bread-crumb-detail'><ul><li><a"
        " href='/thoi-su'>Thời sự</a></li></ul><div class='bread-crumb-detail__time'>Thứ Ba, 14/09/2021"
        " - 10:15</div></div>"
        f"<h1 class='content-detail-title'>{s.title}</h1>"
        f"<h2 class='content-detail-sapo sm-sapo-mb-0'>{s.sapo}</h2>"
        "<div class='maincontent main-content' id='maincontent'>"
        + "".join(paras[:2])
        + figure
        + "".join(paras[2:5])
        + relate
        + "".join(paras[5:])
        + "</div><div class='article-detail-author'><p class='article-detail-author__info'><span"
        f" class='name'>{s.author}</span></p></div>"
        "<div class='tag-cloud'>"
        + _tags()
        + "</div><div class='box-comment'><h3>Bình luận</h3>"
        + _comments("<div class='item'><b>Độc giả {i}</b> <i>14/09/2021 1{i}:40</i><p>{c}</p></div>")
        + "</div><div class='box-xem-them'><h3>Xem thêm</h3><ul>"
        + _related_links()
        + "</ul></div></div><div class='sidebar'><div class='most-read'><h3>Đọc nhiều</h3><ul>"
        + _most_read()
        + f"</ul></div></div></div><div class='footer'><p>{FOOTER}</p></div>"
    )
    head = _og(s.title, s.sapo, "Báo VietNamNet") + _ld(
        **{"@type": "NewsArticle", "headline": s.title, "datePublished": "2021-09-14T10:15:00"}
    )
    return Page(
        _html(head, body, title_tag=f"{s.title} | Báo VietNamNet"),
        "https://vietnamnet.vn/dan-vung-du-an-cao-toc-kien-nghi-gia-den-bu-2021234.html",
        s,
        body=(*s.paras[:2], s.caption, *s.paras[2:]),
        when=MORNING,
        furniture=(*RELATED, *MOST_READ, COMMENT, *TAGS, FOOTER),
    )


def cand() -> Page:
    """Công an nhân dân: "Thứ Hai, 19:05 13-09-2021" (weekday, clock, day with dashes) in div.box-date,
    the lead in div.box-des-detail, the author in p.author before a "Tin cùng chuyên mục" box with
    dates, a "Chia sẻ" bar, og:title with a kicker the headline does not print."""
    s = GAMBLING
    paras = _p(s.paras)
    body = (
        f"<div class='header'><a class='logo' href='/'>Báo Công an nhân dân</a>{_menu('menu-top')}</div>"
        "<div class='main'><div class='box-detail'><div class='box-cate'><a href='/phap-luat'>Pháp luật</a>"
        f"</div><h1 class='box-title-detail'>{s.title}</h1><div class='box-date'>Thứ Hai, 19:05 13-09-2021"
        "</div>"
        f"<div class='box-des-detail'><p>{s.sapo}</p></div><div class='detail-content-body'>"
        + "".join(paras[:3])
        + "<div class='image-center'><img src='https://cand.com.vn/Files/Image/2021/09/13/dd.jpg'><p"
        f" class='image-desc'>{s.caption}</p></div>"
        + "".join(paras[3:])
        + f"</div><p class='author'>{s.author}</p><div class='box-share'><a>Chia sẻ</a></div>"
        "<div class='box-tin-cung-cm'><h3>Tin cùng chuyên mục</h3><ul>"
        + _related_links("<li><a href='/lq-{i}'>{t}</a><span>13-09-2021 1{i}:00</span></li>")
        + "</ul></div></div><div class='box-right'><div class='box-doc-nhieu'><h3>Đọc nhiều</h3><ul>"
        + _most_read()
        + f"</ul></div></div></div><div class='footer'><p>{FOOTER}</p></div>"
    )
    og_title = f"Công an vào cuộc: {s.title}"
    return Page(
        _html(_og(og_title, s.sapo, "Báo Công an Nhân dân điện tử"), body, title_tag=og_title),
        "https://cand.com.vn/Ban-tin-113/triet-pha-duong-day-danh-bac-qua-mang-i627812/",
        s,
        body=(*s.paras[:3], s.caption, *s.paras[3:]),
        when=EVENING,
        furniture=(*RELATED, *MOST_READ, FOOTER),
    )


def vov() -> Page:
    """VOV (Drupal): "Thứ năm, 10:15, 09/09/2021" in div.article-date, "VOV.VN - " lead, the author
    with the desk after a slash ("Hồng Nhung/VOV-Đông Bắc"), captions in a table, "Xem thêm" links."""
    s = BORDER
    sapo = f"VOV.VN - {s.sapo}"
    paras = _p(s.paras)
    author = f"{s.author}/VOV-Đông Bắc"
    table = (
        "<table class='image-caption-table'><tbody><tr><td><img src='https://media.vov.vn/2021/9/9/xe.jpg'"
        f"></td></tr><tr><td class='caption'><p>{s.caption}</p></td></tr></tbody></table>"
    )
    body = (
        f"<header id='header'><a class='logo' href='/'>VOV.VN</a>{_menu('main-menu')}</header>"
        "<div class='layout-container'><div class='region-content'><article class='node node--article'>"
        "<div class='article-breadcrumb'><a href='/kinh-te'>Kinh tế</a></div>"
        f"<h1 class='article-title'>{s.title}</h1><div class='article-date'>Thứ năm, 10:15, 09/09/2021"
        f"</div><div class='article-summary'>{sapo}</div><div class='article-content' id='article-body'>"
        + "".join(paras[:2])
        + table
        + "".join(paras[2:5])
        + "<p><strong>Xem thêm:</strong></p><ul>"
        + _related_links("<li><a href='/lq-{i}.vov'>{t}</a></li>")
        + "</ul>"
        + "".join(paras[5:])
        + f"</div><div class='article-author'><a href='/tac-gia/hn'>{author}</a></div>"
        "<div class='article-tags'><span>Tag:</span>"
        + _tags()
        + "</div></article></div><div class='region-sidebar'><div class='block-most-read'><h3>Đọc"
        " nhiều</h3><ul>" + _most_read() + f"</ul></div></div></div><footer><p>{FOOTER}</p></footer>"
    )
    return Page(
        _html(_og(s.title, s.sapo, "VOV.VN"), body, title_tag=f"{s.title} | VOV.VN"),
        "https://vov.vn/kinh-te/hang-tram-xe-cho-nong-san-un-u-post901234.vov",
        s,
        body=(*s.paras[:2], s.caption, *s.paras[2:]),
        sapo=sapo,
        author=author,
        when=datetime(2021, 9, 9, 10, 15, tzinfo=VN),
        furniture=(*RELATED, *MOST_READ, *TAGS, FOOTER),
    )


def plo() -> Page:
    """Pháp luật TP.HCM: "(PLO)- " lead, the time in span.article__meta "09/09/2021 - 21:30" after the
    author in upper case, a "Đọc thêm" box with dated items inside the body, subheadings in bold."""
    s = COURT
    sapo = f"(PLO)- {s.sapo}"
    paras = _p(s.paras)
    box = (
        "<div class='article__related'><h4>Đọc thêm</h4><ul>"
        + _related_links("<li><a href='/lq-{i}-post.html'>{t}</a><span class='time'>08/09/2021</span></li>")
        + "</ul></div>"
    )
    figure = (
        "<figure class='picture'><img src='https://image.plo.vn/2021/9/9/toa.jpg' alt=''>"
        f"<figcaption class='caption'>{s.caption}</figcaption></figure>"
    )
    body = (
        f"<header class='site-header'><a class='logo' href='/'>PLO</a>{_menu('menu')}</header>"
        "<main class='site-main'><article class='article'><div class='article__cate'><a href='/phap-luat/'>"
        f"Pháp luật</a></div><h1 class='article__title'>{s.title}</h1><div class='article__meta'>"
        f"<span class='author'>{s.author.upper()}</span> <span class='time'>09/09/2021 - 21:30</span></div>"
        f"<div class='article__sapo'>{sapo}</div><div class='article__body'>"
        + "".join(paras[:2])
        + figure
        + "".join(paras[2:4])
        + box
        + "".join(paras[4:])
        + "</div><div class='article__tags'>"
        + _tags()
        + "</div><div class='box-comment'>"
        + _comments("<div class='cmt'><b>Bạn đọc {i}</b> <span>09/09/2021 22:0{i}</span><p>{c}</p></div>")
        + "</div></article><aside class='sidebar'><div class='box-most'><h3>Đọc nhiều</h3><ul>"
        + _most_read()
        + f"</ul></div></aside></main><footer><p>{FOOTER}</p></footer>"
    )
    return Page(
        _html(_og(s.title, s.sapo, "Báo Pháp Luật TP.HCM"), body, title_tag=f"{s.title} - Báo Pháp Luật"),
        "https://plo.vn/nguyen-giam-doc-ban-quan-ly-du-an-linh-9-nam-tu-post1012345.html",
        s,
        body=(*s.paras[:2], s.caption, *s.paras[2:]),
        sapo=sapo,
        author=s.author.upper(),
        furniture=(*RELATED, *MOST_READ, COMMENT, *TAGS, FOOTER),
    )


def sggp_old() -> Page:
    """Old Sài Gòn Giải Phóng: "Cập nhật lúc 10:15 ngày 14-9-2021" (day and month without zeros), the
    lead "SGGP - " in a bold div, the body's paragraphs in <div>s, the author bold at the end, a list
    of older stories with dates right under the body."""
    s = WATER
    sapo = f"SGGP - {s.sapo}"
    paras = _p(s.paras, tag="div")
    older = "".join(
        f"<li><a href='/lq-{i}.html'>{t}</a> <span class='date'>(1{i}-9-2021)</span></li>"
        for i, t in enumerate(RELATED)
    )
    body = (
        f"<div id='header'><a href='/'><img src='/logo.png' alt='SGGP'></a>{_menu('menutop')}</div>"
        "<div id='content'><div class='leftcol'><div class='cate'><a href='/xahoi'>Xã hội</a></div>"
        f"<h1 class='title'>{s.title}</h1><div class='timepost'>Cập nhật lúc 10:15 ngày 14-9-2021</div>"
        f"<div class='lead'><b>{sapo}</b></div><div class='content' id='content_detail'>"
        + "".join(paras[:3])
        + f"<div class='photo'><img src='/Images/2021/09/14/nuoc.jpg'><div class='photo-desc'>{s.caption}"
        "</div></div>"
        + "".join(paras[3:])
        + f"<div style='text-align:right'><b>{s.author.upper()}</b></div></div>"
        f"<div class='tinkhac'><b>Các tin, bài viết khác</b><ul>{older}</ul></div></div>"
        "<div class='rightcol'><div class='docnhieu'><h3>Đọc nhiều nhất</h3><ul>"
        + _most_read()
        + f"</ul></div></div></div><div id='footer'><p>{FOOTER}</p></div>"
    )
    return Page(
        _html(_og(s.title, s.sapo, "Báo Sài Gòn Giải Phóng"), body, title_tag=f"{s.title} - SGGP Online"),
        "https://www.sggp.org.vn/hang-nghin-ho-dan-mat-nuoc-sach-765432.html",
        s,
        body=(*s.paras[:3], s.caption, *s.paras[3:]),
        sapo=sapo,
        author=s.author.upper(),
        when=MORNING,
        furniture=(*RELATED, *MOST_READ, FOOTER),
    )


def kinhtedothi() -> Page:
    """Kinh tế đô thị: "Kinhtedothi - " lead, "14/09/2021 10:15" in span.time-post, a dateModified a
    day later in JSON-LD without datePublished, a boxed "Tin liên quan" list inside the body, the
    author and a "Theo …" source line at the end."""
    s = EXPRESSWAY
    sapo = f"Kinhtedothi - {s.sapo}"
    paras = _p(s.paras)
    box = (
        "<div class='box-tinlienquan'><ul class='list-lq'>"
        + _related_links("<li><a href='/lq-{i}.html'>{t}</a></li>")
        + "</ul></div>"
    )
    body = (
        f"<div class='header'><a class='logo' href='/'>Kinh tế & Đô thị</a>{_menu('nav')}</div>"
        "<div class='container'><div class='col-main'><div class='detail'><div class='breadcrumbs'><a"
        " href='/xa-hoi'>Xã hội</a></div>"
        f"<h1 class='detail-title'>{s.title}</h1><div class='info-detail'><span class='time-post'>"
        "14/09/2021 10:15</span><span class='share'><a>Chia sẻ</a></span></div>"
        f"<div class='detail-sapo'><strong>{sapo}</strong></div><div class='detail-content'>"
        + "".join(paras[:2])
        + _vc_photo(s.caption, "https://kinhtedothi.vn/2021/9/14/dt.jpg")
        + "".join(paras[2:3])
        + box
        + "".join(paras[3:])
        + f"<p style='text-align:right'><strong>{s.author}</strong></p></div>"
        "<div class='box-quantam'><h3>Có thể bạn quan tâm</h3><ul>"
        + _related_links("<li><a href='/qt-{i}.html'>{t}</a><span>13/09/2021 08:00</span></li>")
        + "</ul></div></div></div><div class='col-right'><div class='mostview'><h3>Đọc nhiều</h3><ul>"
        + _most_read()
        + f"</ul></div></div></div><div class='footer'><p>{FOOTER}</p></div>"
    )
    head = _og(s.title, s.sapo, "Kinh tế & Đô thị") + _ld(
        **{"@type": "NewsArticle", "headline": s.title, "dateModified": "2021-09-15T08:00:00+07:00"}
    )
    return Page(
        _html(head, body, title_tag=f"{s.title}"),
        "https://kinhtedothi.vn/dan-vung-du-an-cao-toc-kien-nghi.html",
        s,
        body=(*s.paras[:2], s.caption, *s.paras[2:]),
        sapo=sapo,
        when=MORNING,
        furniture=(*RELATED, *MOST_READ, FOOTER),
    )


def doisongphapluat() -> Page:
    """Đời sống & Pháp luật: "(ĐS&PL) - " lead, "Thứ hai, 13/09/2021 - 19:05" beside the author, ">> Xem
    thêm" lines typed into the body, a "Có thể bạn quan tâm" box with its own dates between the body
    and the comments, a by-line "Hải Đăng (t/h)"."""
    s = GAMBLING
    sapo = f"(ĐS&PL) - {s.sapo}"
    paras = _p(s.paras)
    more = f"<p><strong>&gt;&gt; Xem thêm: <a href='/lq-1.html'>{RELATED[1]}</a></strong></p>"
    body = (
        f"<div class='header'><a class='logo' href='/'>Đời sống &amp; Pháp luật</a>{_menu('menu')}</div>"
        "<div class='wrap'><div class='main-col'><article class='detail'>"
        f"<h1 class='title-detail'>{s.title}</h1><div class='detail-meta'><span class='author'>"
        f"{s.author} (t/h)</span><span class='date'>Thứ hai, 13/09/2021 - 19:05</span></div>"
        f"<div class='sapo'>{sapo}</div><div class='content-detail'>"
        + "".join(paras[:2])
        + more
        + _vc_photo(s.caption, "https://doisongphapluat.com/2021/9/13/db.jpg")
        + "".join(paras[2:])
        + "</div></article><div class='box-quan-tam'><h3>Có thể bạn quan tâm</h3>"
        + _related_links(
            "<div class='item'><a href='/qt-{i}.html'>{t}</a><span>12/09/2021 21:00</span></div>"
        )
        + "</div><div class='comment-zone'><h3>Bình luận</h3>"
        + _comments("<div class='c'><b>Bạn đọc {i}</b> <i>13/09/2021 2{i}:00</i><p>{c}</p></div>")
        + "</div></div><div class='right-col'><div class='tin-doc-nhieu'><h3>Tin đọc nhiều</h3><ul>"
        + _most_read()
        + f"</ul></div></div></div><div class='footer'><p>{FOOTER}</p></div>"
    )
    return Page(
        _html(_og(s.title, s.sapo, "Đời sống & Pháp luật"), body, title_tag=f"{s.title} | ĐS&PL"),
        "https://doisongphapluat.com/triet-pha-duong-day-danh-bac-a456789.html",
        s,
        body=(*s.paras[:2], s.caption, *s.paras[2:]),
        sapo=sapo,
        author=f"{s.author} (t/h)",
        when=EVENING,
        furniture=(*RELATED, *MOST_READ, COMMENT, FOOTER),
    )


PAGES = {
    "thanhnien": thanhnien,
    "vietnamnet": vietnamnet,
    "cand": cand,
    "vov": vov,
    "plo": plo,
    "sggp-old": sggp_old,
    "kinhtedothi": kinhtedothi,
    "doisongphapluat": doisongphapluat,
}
