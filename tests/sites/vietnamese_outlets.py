"""Whole article pages written here in the markup conventions of national Vietnamese outlets and of their
older layouts — VnExpress (current and old), Tuổi Trẻ, Thanh Niên (old), VietnamNet (old) and Znews —
with the furniture such pages carry (markup helpers in `vietnamese_markup.py`, stories in
`vietnamese_stories.py`, more outlets in `vietnamese_outlets_2.py` to `_5.py`).

The stories, names and every line of text are invented here; only the markup conventions follow the
outlets. These pages find failure classes — they are not a measurement of those outlets.
"""

from __future__ import annotations

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
from tests.sites.vietnamese_stories import FEVER, RICE, ROAD, SCHOOL


def vnexpress() -> Page:
    s = ROAD
    paras = _p(s.paras, "Normal")
    related = (
        "<div class='box-tinlienquanv2'><h4>Tin liên quan</h4><ul>"
        + _related_links("<li><h4 class='title_news'><a href='/lien-quan-{i}.html'>{t}</a></h4></li>")
        + "</ul></div>"
    )
    figure = (
        "<figure data-size='true' itemprop='associatedMedia image' itemscope"
        " itemtype='http://schema.org/ImageObject'>"
        "<div class='fig-picture'><picture><source"
        " srcset='https://i1-vnexpress.vnecdn.net/2021/09/09/anh-1.jpg'>"
        "<img itemprop='contentUrl' alt='Sạt lở' src='https://i1-vnexpress.vnecdn.net/2021/09/09/anh-1.jpg'>"
        f"</picture></div><figcaption itemprop='description'><p class='Image'>{s.caption}</p>"
        "</figcaption></figure>"
    )
    article = (
        "<article class='fck_detail' data-component-type='0'>"
        + "".join(paras[:2])
        + figure
        + "".join(paras[2:4])
        + related
        + "".join(paras[4:])
        + f"<p class='Normal' style='text-align:right;'><strong>{s.author}</strong></p></article>"
    )
    body = (
        f"<header class='section page-header'><a class='logo' href='/'>VnExpress</a>{_menu()}</header>"
        "<section class='section page-detail top-detail'><div class='container'>"
        "<div class='sidebar-1'><div class='header-content width_common'><ul class='breadcrumb'>"
        "<li><a href='/thoi-su'>Thời sự</a></li><li><a href='/thoi-su/giao-thong'>Giao thông</a></li></ul>"
        "<span class='date'>Thứ năm, 9/9/2021, 21:30 (GMT+7)</span></div>"
        f"<h1 class='title-detail'>{s.title}</h1><p class='description'>{s.sapo}</p>{article}"
        "<div class='footer-content'><div class='box-tag'><h4>Chủ đề</h4>"
        + _tags("<a href='/chu-de/{i}' class='item-tag'>{t}</a>")
        + "</div><div class='social-share'><a>Chia sẻ</a><a>Facebook</a><a>Twitter</a></div></div>"
        "<div class='box_comment_vne'><h3>Ý kiến (4)</h3>"
        + _comments(
            "<div class='comment_item'><p class='full_content'>{c}</p><span class='time-com'>{i}h"
            " trước</span></div>"
        )
        + "</div></div><div class='sidebar-2'><div class='box-category box-xemnhieu'><h2>Xem nhiều</h2><ul>"
        + _most_read("<li><h3><a href='/doc-{i}.html'>{t}</a></h3></li>")
        + f"</ul></div></div></div></section><footer class='footer'><p>{FOOTER}</p></footer>"
    )
    head = _og(s.title, s.sapo, "VnExpress") + _ld(
        **{
            "@type": "NewsArticle",
            "headline": s.title,
            "datePublished": "2021-09-09T21:30:00+07:00",
            "author": {"@type": "Person", "name": s.author},
            "publisher": {"@type": "Organization", "name": "VnExpress"},
        }
    )
    return Page(
        _html(head, body, title_tag=f"{s.title} - VnExpress"),
        "https://vnexpress.net/quoc-lo-47-qua-thanh-hoa-sat-lo-4352123.html",
        s,
        body=(*s.paras[:2], s.caption, *s.paras[2:]),
        furniture=(*RELATED, *MOST_READ, COMMENT, *TAGS, FOOTER),
    )


def vnexpress_old() -> Page:
    """The 2015-2018 template: date line above the headline with "|" and GMT+7, the lead in an <h3>,
    captions in a table, the author in its own p.author_mail, no JSON-LD."""
    s = RICE
    paras = _p(s.paras, "Normal")
    paras[3] = f"<p class='Normal'><strong>{s.paras[3]}</strong></p>"
    table = (
        "<table align='center' border='0' cellpadding='3' cellspacing='0' class='tplCaption'"
        " style='width:100%;'>"
        "<tbody><tr><td><img alt='Thu hoạch lúa' src='https://img.vnecdn.net/2021/09/09/lua.jpg'></td></tr>"
        f"<tr><td><p class='Image'>{s.caption}</p></td></tr></tbody></table>"
    )
    body = (
        f"<div id='header'><div class='logo'><a href='/'>VnExpress</a></div>{_menu('menu_main')}</div>"
        "<div id='col_left' class='block_col_left'><div class='main_content_detail width_common'>"
        "<div class='block_timer_share'><div class='block_timer left txt_666'>Thứ năm, 9/9/2021 | 21:30"
        " GMT+7</div>"
        "<div class='block_share right'><a class='btn_facebook'>Chia sẻ</a></div></div>"
        f"<div class='title_news'><h1>{s.title}</h1></div>"
        f"<h3 class='short_intro txt_666'>{s.sapo}</h3>"
        "<div class='fck_detail width_common block_ads_connect'>"
        + "".join(paras[:3])
        + table
        + "".join(paras[3:])
        + f"</div><div class='author_mail width_common'><p><strong>{s.author}</strong></p></div>"
        "<div class='block_tag width_common space_bottom_20'><div class='txt_tag'>Tags</div>"
        + _tags("<a href='/tag/{i}' class='tag_item'>{t}</a>")
        + "</div><div class='xemthem_new_ver width_common'><h4>Xem thêm</h4><ul>"
        + _related_links()
        + "</ul></div></div></div><div id='col_right'><div class='box_tinmoi'><h3>Tin mới nhất</h3><ul>"
        + _most_read()
        + f"</ul></div></div><div id='footer'><p>{FOOTER}</p></div>"
    )
    return Page(
        _html(_og(s.title, s.sapo, "VnExpress"), body, title_tag=f"{s.title} - VnExpress Kinh doanh"),
        "https://kinhdoanh.vnexpress.net/tin-tuc/hang-hoa/gia-lua-tang-manh-3456789.html",
        s,
        body=(*s.paras[:3], s.caption, *s.paras[3:]),
        furniture=(*RELATED, *MOST_READ, *TAGS, FOOTER),
    )


def tuoitre() -> Page:
    """VCCorp CMS: date line in a detail-top bar, "TTO - " lead, related box inside the body, a URL id
    that is the draft's creation time, JSON-LD without a publication time."""
    s = FEVER
    sapo = f"TTO - {s.sapo}"
    paras = _p(s.paras)
    related = (
        "<div class='VCSortableInPreviewMode' type='RelatedNewsBox'><div class='kbwscwl-relatedbox type-3'>"
        "<strong class='kbwscwlrl-title'>Tin liên quan</strong><ul class='kbwscwlrl-list'>"
        + _related_links("<li class='kbwscwlrl'><a class='kbwscwlrl-title' href='/lq-{i}.htm'>{t}</a></li>")
        + "</ul></div></div>"
    )
    content = (
        "<div class='detail-content afcbc-body' data-role='content'>"
        + "".join(paras[:2])
        + _vc_photo(s.caption, "https://cdn.tuoitre.vn/2021/9/9/anh.jpg")
        + "".join(paras[2:4])
        + related
        + "".join(paras[4:])
        + "</div>"
    )
    body = (
        f"<div class='header'><a class='logo' href='/'>Tuổi Trẻ Online</a>{_menu('menu-nav')}</div>"
        "<div class='detail-container'><div class='detail-top'><div class='detail-cate'><a"
        " href='/suc-khoe.htm'>"
        "Sức khoẻ</a></div><div class='detail-time'><div data-role='publishdate'>09/09/2021 21:30 GMT+7</div>"
        f"</div></div><h1 class='detail-title article-title' data-role='title'>{s.title}</h1>"
        "<div class='detail-author'><div class='author-info'><a class='name'"
        f" href='/tac-gia/minh-chau.htm'>{s.author}</a>"
        f"</div></div><div class='detail-cmain'><h2 class='detail-sapo' data-role='sapo'>{sapo}</h2>{content}"
        "<div class='detail-tab'><div class='detail-tags'><ul>"
        + _tags("<li><a class='tags-item' href='/{i}.htm'>{t}</a></li>")
        + "</ul></div></div><div class='detail-comment'><div class='box-comment'>"
        + _comments(
            "<div class='item-comment'><span class='name'>Bạn đọc {i}</span><span class='timeago'>"
            "10/09/2021 0{i}:12</span><div class='contentcomment'>{c}</div></div>"
        )
        + "</div></div></div><div class='detail-right'><div class='box-category-doc-nhieu'><h3>Đọc"
        " nhiều</h3><ul>" + _most_read() + f"</ul></div></div></div><div class='footer'><p>{FOOTER}</p></div>"
    )
    head = _og(s.title, s.sapo, "TUOI TRE ONLINE") + _ld(
        **{
            "@type": "NewsArticle",
            "headline": s.title,
            "dateModified": "2021-09-10T08:05:00+07:00",
            "publisher": {"@type": "Organization", "name": "TUOI TRE ONLINE"},
        }
    )
    return Page(
        _html(head, body, title_tag=f"{s.title} - Tuổi Trẻ Online"),
        "https://tuoitre.vn/so-ca-sot-xuat-huyet-tang-gap-ba-20210909164512345.htm",
        s,
        body=(*s.paras[:2], s.caption, *s.paras[2:]),
        sapo=sapo,
        furniture=(*RELATED, *MOST_READ, COMMENT, *TAGS, FOOTER),
    )


def thanhnien_old() -> Page:
    """Old Thanh Niên: paragraphs written as <div>s in the cms-body, captions in a table, og:title worded
    apart from the headline (an SEO title), time then day "21:30 - 09/09/2021"."""
    s = SCHOOL
    paras = _p(s.paras, tag="div")
    table = (
        "<table class='imagefull' cellspacing='0' cellpadding='3' align='center'><tbody>"
        "<tr><td><img src='https://image.thanhnien.vn/2021/9/9/truong.jpg' alt='Trường học'></td></tr>"
        f"<tr><td class='caption'><p>{s.caption}</p></td></tr></tbody></table>"
    )
    more = (
        "<div class='details__morenews'><div class='title'>Tin liên quan</div><ul>"
        + _related_links("<li><h3><a href='/lq-{i}.html'>{t}</a></h3></li>")
        + "</ul></div>"
    )
    body = (
        f"<header class='site-header'><a class='logo' href='/'>Thanh Niên</a>{_menu()}</header>"
        "<div class='l-content'><div class='l-grid'><div class='pswp-content'>"
        "<div class='details__breadcrumb'><a href='/giao-duc'>Giáo dục</a></div><h1"
        f" class='details__headline'>{s.title}</h1>"
        f"<div class='details__meta'><div class='meta'><span class='author'>{s.author}</span><time>21:30"
        " - 09/09/2021</time></div></div>"
        f"<div class='sapo' id='chapeau'><div>{s.sapo}</div></div>"
        "<div id='abody' class='cms-body detail' itemprop='articleBody'>"
        + "".join(paras[:2])
        + table
        + "".join(paras[2:4])
        + more
        + "".join(paras[4:])
        + "</div><div class='details__tags'><span>Từ khoá:</span>"
        + _tags()
        + "</div><div class='details__comments' id='comments'>"
        + _comments(
            "<div class='comment-item'><b>Độc giả {i}</b> <span class='time'>22:1{i} - 09/09/2021</span>"
            "<p>{c}</p></div>"
        )
        + "</div></div><div class='l-sidebar'><div class='zone--most-view'><h2>Đọc nhiều</h2><ol>"
        + _most_read()
        + f"</ol></div></div></div></div><footer><p>{FOOTER}</p></footer>"
    )
    og_title = "Hà Giang: Học sinh vùng cao vượt đèo trở lại trường sau lũ"
    return Page(
        _html(_og(og_title, s.sapo, "Báo Thanh Niên"), body, title_tag=f"{og_title} - Báo Thanh Niên"),
        "https://thanhnien.vn/giao-duc/truong-vung-cao-ha-giang-don-hoc-sinh-1437890.html",
        s,
        body=(*s.paras[:2], s.caption, *s.paras[2:]),
        furniture=(*RELATED, *MOST_READ, COMMENT, *TAGS, FOOTER),
    )


def vietnamnet_old() -> Page:
    """Old VietnamNet: "09/09/2021 09:30 PM (GMT+07:00)", the lead as the body's first bold paragraph,
    related links boxed inside the body, captions in FCK image tables, the author right-aligned."""
    s = ROAD
    paras = _p(s.paras)
    table = (
        "<table class='FCKImage' align='center' border='0' cellpadding='0' cellspacing='0'><tbody>"
        "<tr><td><img src='https://vnn-imgs-f.vgcloud.vn/2021/09/09/21/sat-lo.jpg' alt=''></td></tr>"
        f"<tr><td class='FCKImageDesc'>{s.caption}</td></tr></tbody></table>"
    )
    relate = (
        "<div class='inner-article article-relate'><ul>"
        + _related_links("<li><a href='/vn/thoi-su/lq-{i}.html' class='f-16'>{t}</a></li>")
        + "</ul></div>"
    )
    body = (
        f"<div class='header'><a href='/' class='logo'>VietNamNet</a>{_menu('menu-top')}</div>"
        "<div class='container'><div class='left-side'><div class='ArticleDetail'>"
        "<div class='breadcrumb'><a href='/vn/thoi-su/'>Thời sự</a></div>"
        f"<h1 class='title f-22 c-3e'>{s.title}</h1>"
        "<div class='ArticleDateTime'><span class='ArticleDate right'>09/09/2021 09:30 PM"
        " (GMT+07:00)</span></div>"
        f"<div id='ArticleContent' class='ArticleContent'><p><strong>{s.sapo}</strong></p>"
        + "".join(paras[:3])
        + relate
        + table
        + "".join(paras[3:])
        + f"<p style='text-align: right;'><strong>{s.author}</strong></p></div>"
        "<div class='tag-cloud'><span>Từ khóa:</span>"
        + _tags()
        + "</div><div class='comment-box'>"
        + _comments(
            "<div class='item'><span class='name'>Khách {i}</span> <span class='date'>09/09/2021"
            " 2{i}:50</span><p>{c}</p></div>"
        )
        + "</div></div></div><div class='right-side'><div class='box-most-read'><h3>Đọc nhiều</h3><ul>"
        + _most_read()
        + f"</ul></div></div></div><div class='footer'><p>{FOOTER}</p></div>"
    )
    return Page(
        _html(_og(s.title, s.sapo, "VietNamNet"), body, title_tag=f"{s.title} - VietNamNet"),
        "https://vietnamnet.vn/vn/thoi-su/quoc-lo-47-sat-lo-765432.html",
        s,
        body=(*s.paras[:3], s.caption, *s.paras[3:]),
        furniture=(*RELATED, *MOST_READ, COMMENT, *TAGS, FOOTER),
    )


def znews() -> Page:
    """Znews: header with the publish item "21:30 9/9/2021", p.the-article-summary, captions in
    table.picture, the author in the closing credit, the source line, JSON-LD with a non-ISO date."""
    s = RICE
    paras = _p(s.paras)
    paras[3] = f"<h3>{s.paras[3]}</h3>"
    table = (
        "<table class='picture' align='center'><tbody><tr><td class='pic'><img"
        " src='https://znews-photo.zingcdn.me/lua.jpg'"
        f" alt=''></td></tr><tr><td class='pCaption caption'><p>{s.caption}</p></td></tr></tbody></table>"
    )
    body = (
        f"<header id='site-header'><a class='logo' href='/'>ZNEWS</a>{_menu('category-menu')}</header>"
        "<div class='page-wrapper'><article class='the-article type_text' data-id='1234567'>"
        "<header class='the-article-header'><p class='the-article-category'><a"
        " href='/kinh-doanh-tai-chinh.html'>Kinh doanh</a></p>"
        f"<h1 class='the-article-title'>{s.title}</h1><ul class='the-article-meta'><li"
        " class='the-article-author'>"
        f"<a class='author' href='/tac-gia/thanh-tung.html'>{s.author}</a></li>"
        "<li class='the-article-publish'>21:30 9/9/2021</li></ul></header>"
        f"<section class='main'><p class='the-article-summary'>{s.sapo}</p><div class='the-article-body'>"
        + "".join(paras[:2])
        + table
        + "".join(paras[2:])
        + f"<p class='the-article-credit'><span class='author'>{s.author}</span></p></div>"
        "<p class='the-article-tags'><span>Tags:</span>"
        + _tags("<strong><a class='tag-item' href='/tieu-diem/{i}.html'>{t}</a></strong>")
        + "</p></section></article><section class='article-related'><h2>Bài liên quan</h2><ul>"
        + _related_links(
            "<li><article class='article-item'><p class='article-title'><a href='/lq-{i}.html'>{t}</a></p>"
            "<span class='date'>08/09/2021</span></article></li>"
        )
        + "</ul></section><aside class='sidebar'><div class='most-view'><h3>Đọc nhiều</h3><ul>"
        + _most_read()
        + f"</ul></div></aside></div><footer id='site-footer'><p>{FOOTER}</p></footer>"
    )
    head = _og(s.title, s.sapo, "ZNEWS.VN") + _ld(
        **{
            "@type": "NewsArticle",
            "headline": s.title,
            "datePublished": "21:30 09/09/2021",
            "publisher": {"@type": "Organization", "name": "ZNEWS.VN"},
        }
    )
    return Page(
        _html(head, body, title_tag=f"{s.title} - Kinh doanh - ZNEWS.VN"),
        "https://znews.vn/gia-lua-tang-manh-post1234567.html",
        s,
        body=(*s.paras[:2], s.caption, *s.paras[2:]),
        furniture=(*RELATED, *MOST_READ, *TAGS, FOOTER),
    )


PAGES = {
    "vnexpress": vnexpress,
    "vnexpress-old": vnexpress_old,
    "tuoitre": tuoitre,
    "thanhnien-old": thanhnien_old,
    "vietnamnet-old": vietnamnet_old,
    "znews": znews,
}
