"""Whole article pages written here in the markup conventions of national Vietnamese outlets and of their
older layouts — Lao Động, Người Lao Động, Tiền Phong/SGGP, VTV, Nhân Dân (old) and Quân đội nhân dân, and
a photo story — with the furniture such pages carry (markup helpers in `vietnamese_markup.py`, stories in
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
)
from tests.sites.vietnamese_stories import BORDER, FEVER, RICE, ROAD, SCHOOL


def laodong() -> Page:
    """Lao Động: the lead in a misspelled "chappeau" box, a quote box inside the body, the time with
    weekday and (GMT+7) in the meta bar next to the author."""
    s = FEVER
    paras = _p(s.paras)
    paras[2] = f"<blockquote class='quote'><p>{s.paras[2]}</p></blockquote>"
    figure = (
        "<figure class='insert-center-image'><img src='https://media-cdn.laodong.vn/2021/9/9/sxh.jpg' alt=''>"
        f"<figcaption>{s.caption}</figcaption></figure>"
    )
    body = (
        f"<div class='header'><a class='logo' href='/'>Báo Lao Động</a>{_menu()}</div>"
        "<div class='wrapper'><div class='article-details'><div class='breadcrumbs'><a href='/y-te'>Y tế</a>"
        f"<a href='/y-te/suc-khoe'>Sức khoẻ</a></div><h1 class='title'>{s.title}</h1>"
        f"<div class='meta'><span class='author'><a href='/tac-gia/mc'>{s.author}</a></span>"
        "<span class='time'>Thứ năm, 09/09/2021 21:30 (GMT+7)</span></div>"
        f"<div class='art-summary'><div class='chappeau'><p>{s.sapo}</p></div></div>"
        "<div class='art-body' id='gallery-ctt'>"
        + "".join(paras[:2])
        + figure
        + "".join(paras[2:])
        + "</div><div class='art-tags'><span>Tag:</span>"
        + _tags()
        + "</div><div class='related-news'><h3>Tin cùng chuyên mục</h3><ul>"
        + _related_links()
        + "</ul></div><div class='comments'>"
        + _comments("<div class='cmt'><b>Bạn đọc {i}</b> <i>21:4{i} 09/09/2021</i><p>{c}</p></div>")
        + "</div></div><div class='right-col'><div class='list-most-viewed'><h3>Xem nhiều</h3><ul>"
        + _most_read()
        + f"</ul></div></div></div><div class='footer'><p>{FOOTER}</p></div>"
    )
    return Page(
        _html(
            _og(f"{s.title} | Báo Lao Động", s.sapo, "Báo Lao Động"),
            body,
            title_tag=f"{s.title} | Báo Lao Động",
        ),
        "https://laodong.vn/y-te/so-ca-sot-xuat-huyet-o-khanh-hoa-tang-gap-ba-956789.ldo",
        s,
        body=(*s.paras[:2], s.caption, *s.paras[2:]),
        furniture=(*RELATED, *MOST_READ, COMMENT, *TAGS, FOOTER),
    )


def nld() -> Page:
    """Người Lao Động: "(NLĐO) - " lead, VCCorp image box with a <div> caption, the author as the last
    right-aligned bold paragraph, "09-09-2021 - 21:30" with dashes."""
    s = SCHOOL
    sapo = f"(NLĐO) - {s.sapo}"
    paras = _p(s.paras)
    photo = (
        "<div class='VCSortableInPreviewMode' type='Photo'><div><img"
        " src='https://nld.mediacdn.vn/2021/9/9/hs.jpg'"
        " alt=''></div><div class='PhotoCMS_Caption'><p data-placeholder='[nhập chú thích]'>"
        f"{s.caption}</p></div></div>"
    )
    body = (
        f"<div id='header'><a class='logo' href='/'>Người Lao Động</a>{_menu()}</div>"
        "<div class='content-detail'><div class='top-detail'><ul class='breadcrumb'><li><a"
        " href='/giao-duc.htm'>"
        "Giáo dục</a></li></ul><div class='detail-time'><span class='pdate'>09-09-2021 - 21:30</span>"
        "</div></div>"
        f"<h1 class='title-content' data-role='title'>{s.title}</h1><h2 class='sapo-detail'"
        f" data-role='sapo'>{sapo}</h2>"
        "<div class='content-news-detail' id='divNewsContent' data-role='content'>"
        + "".join(paras[:2])
        + photo
        + "".join(paras[2:])
        + f"<p style='text-align: right;'><b>{s.author.upper()}</b></p></div>"
        "<div class='box-tag'><ul>"
        + _tags("<li><a href='/{i}.html'>{t}</a></li>")
        + "</ul></div><div class='box-comment'>"
        + _comments(
            "<div class='item'><b>Bạn đọc {i}</b><span class='time'>09/09/2021 2{i}:3{i}</span><p>{c}</p>"
            "</div>"
        )
        + "</div><div class='box-news-same-cate'><h3>Cùng chuyên mục</h3><ul>"
        + _related_links()
        + "</ul></div></div><div class='col-right'><div class='box-hot-news'><h3>Tin nổi bật</h3><ul>"
        + _most_read()
        + f"</ul></div></div><div id='footer'><p>{FOOTER}</p></div>"
    )
    return Page(
        _html(
            _og(s.title, s.sapo, "Báo Người Lao Động"),
            body,
            title_tag=f"{s.title} - Báo Người Lao Động Online",
        ),
        "https://nld.com.vn/giao-duc/truong-vung-cao-don-hoc-sinh-20210909183045678.htm",
        s,
        body=(*s.paras[:2], s.caption, *s.paras[2:]),
        sapo=sapo,
        author=s.author.upper(),
        furniture=(*RELATED, *MOST_READ, COMMENT, *TAGS, FOOTER),
    )


def tienphong() -> Page:
    """Tiền Phong / SGGP (one CMS): <time> with an ISO datetime whose offset has no colon, the lead in
    article__sapo cms-desc, a related table inside the body, og:title with a different wording."""
    s = RICE
    paras = _p(s.paras)
    paras[3] = f"<h2>{s.paras[3]}</h2>"
    relate = (
        "<table class='related-box picture'><tbody><tr><td><ul>"
        + _related_links("<li><a href='/lq-{i}.tpo' class='cms-link'>{t}</a></li>")
        + "</ul></td></tr></tbody></table>"
    )
    figure = (
        "<figure class='picture cms-photo'><img src='https://image.tienphong.vn/2021/9/9/lua.jpg' alt=''>"
        f"<figcaption class='caption'><p>{s.caption}</p></figcaption></figure>"
    )
    body = (
        "<header class='site-header'><a class='site-logo' href='/'>Tiền Phong</a>"
        f"{_menu('site-nav')}</header>"
        "<div class='site-content'><div class='l-grid'><div class='main-column'><article class='article'>"
        "<div class='article__breadcrumb'><a href='/kinh-te/'>Kinh tế</a></div>"
        f"<h1 class='article__title cms-title'>{s.title}</h1><div class='article__meta'>"
        f"<span class='author cms-author'>{s.author}</span>"
        "<time class='time' datetime='2021-09-09T21:30:00+0700'>Thứ Năm, 09/09/2021 21:30</time></div>"
        f"<div class='article__sapo cms-desc'>{s.sapo}</div><div class='article__body cms-body'>"
        + "".join(paras[:2])
        + figure
        + "".join(paras[2:3])
        + relate
        + "".join(paras[3:])
        + "</div><div class='article__tag'>"
        + _tags("<a class='cms-tag' href='/chu-de/{i}.tpo'>{t}</a>")
        + "</div><div class='article__social'><a>Chia sẻ</a></div></article>"
        "<div class='box-comment' id='comments'>"
        + _comments(
            "<div class='comment-item'><b>Bạn đọc {i}</b> <time>09/09/2021 2{i}:00</time><p>{c}</p></div>"
        )
        + "</div></div><div class='sub-column'><div class='rank-1'><h3>Đọc nhiều</h3><ul>"
        + _most_read()
        + f"</ul></div></div></div></div><footer class='site-footer'><p>{FOOTER}</p></footer>"
    )
    og_title = "Lúa hè thu được giá, nông dân Đồng Tháp phấn khởi"
    return Page(
        _html(
            _og(og_title, s.sapo, "Báo điện tử Tiền Phong"),
            body,
            title_tag=f"{og_title} | Báo điện tử Tiền Phong",
        ),
        "https://tienphong.vn/gia-lua-tang-manh-post1378901.tpo",
        s,
        body=(*s.paras[:2], s.caption, *s.paras[2:]),
        furniture=(*RELATED, *MOST_READ, COMMENT, *TAGS, FOOTER),
    )


VIDEO = "Bệnh viện quá tải vì sốt xuất huyết (Video: Thời sự 19h)"


def vtv() -> Page:
    """VTV: "VTV.vn - " lead, an embedded video box with its caption, a "Tin liên quan" box, the time in
    p.news-info beside the author."""
    s = FEVER
    sapo = f"VTV.vn - {s.sapo}"
    paras = _p(s.paras)
    video = (
        "<div class='VCSortableInPreviewMode' type='VideoStream' embed-type='4' data-item-id='123'>"
        "<div><iframe src='https://vcplayer.mediacdn.vn/?_site=vtv&vid=vtv/sxh.mp4' width='100%' height='400'"
        " frameborder='0' allowfullscreen></iframe></div><div class='VideoCMS_Caption'>"
        f"<p data-placeholder='[nhập chú thích]'>{VIDEO}</p></div></div>"
    )
    relate = (
        "<div class='VCSortableInPreviewMode link-content-footer' type='link-content-footer'><div"
        " class='tlq'>"
        "Tin liên quan</div>" + _related_links("<a href='/lq-{i}.htm'>{t}</a>") + "</div>"
    )
    body = (
        f"<div id='header'><a class='logo' href='/'>VTV.vn</a>{_menu('menu')}</div>"
        "<div class='container'><div class='noidung'><div class='breadcrumb'><a href='/xa-hoi.htm'>Xã"
        " hội</a></div>"
        f"<h1 class='title_detail'>{s.title}</h1><p class='news-info'><span class='author'>{s.author}</span>"
        "<span class='time'>09/09/2021 21:30 GMT+7</span></p>"
        f"<h2 class='sapo'>{sapo}</h2><div id='entry-body' class='ta-justify'>"
        + "".join(paras[:2])
        + video
        + "".join(paras[2:4])
        + relate
        + "".join(paras[4:])
        + "</div><div class='tag_detail'><span>Tag:</span>"
        + _tags()
        + "</div><div class='share-bottom'><a>Chia sẻ</a></div></div>"
        "<div class='col-right'><div class='box-docnhieu'><h3>Đọc nhiều</h3><ul>"
        + _most_read()
        + f"</ul></div></div></div><div id='footer'><p>{FOOTER}</p></div>"
    )
    return Page(
        _html(_og(s.title, s.sapo, "BAO DIEN TU VTV"), body, title_tag=f"{s.title} | VTV.VN"),
        "https://vtv.vn/xa-hoi/so-ca-sot-xuat-huyet-tang-gap-ba-20210909211012345.htm",
        s,
        body=(*s.paras[:2], VIDEO, *s.paras[2:]),  # the video's caption, as an image's, is kept
        sapo=sapo,
        furniture=(*RELATED, *MOST_READ, *TAGS, FOOTER),
    )


def nhandan_old() -> Page:
    """Old Nhân Dân: no <h1> (the headline in a div.ndtitle <h3>), "Thứ Năm, 09-09-2021, 21:30:12" with
    seconds, the lead as the first bold paragraph, the author in upper case in div.ndauthor."""
    s = SCHOOL
    paras = _p(s.paras)
    body = (
        "<div id='header'><div class='logo'><a href='/'><img src='/images/logo.png' alt='Báo Nhân Dân'>"
        "</a></div>"
        f"{_menu('nav-menu')}</div><div class='container'><div class='col-md-8'>"
        "<div class='breadcrumb'><a href='/giaoduc'>Giáo dục</a></div>"
        "<div class='icon_date_top'><div class='pull-left'>Thứ Năm, 09-09-2021, 21:30:12</div>"
        "<div class='pull-right'><a>In bài</a> <a>Gửi bài</a></div></div>"
        f"<div class='ndtitle'><h3>{s.title}</h3></div>"
        f"<div class='ndcontent ndcontent-detail'><p><strong>{s.sapo}</strong></p>"
        + "".join(paras[:3])
        + "<div class='ndimage'><img src='/images/2021/09/09/anh.jpg' alt=''>"
        f"<div class='ndimage-desc'>{s.caption}</div></div>"
        + "".join(paras[3:])
        + f"</div><div class='ndauthor'>{s.author.upper()}</div>"
        "<div class='ndtinlienquan'><h4>Tin liên quan</h4><ul>"
        + _related_links()
        + "</ul></div></div><div class='col-md-4'><div class='box-docnhieu'><h3>Đọc nhiều</h3><ul>"
        + _most_read()
        + f"</ul></div></div></div><div id='footer'><p>{FOOTER}</p></div>"
    )
    return Page(
        _html(_og(s.title, s.sapo, "Báo Nhân Dân"), body, title_tag=f"{s.title} - Báo Nhân Dân"),
        "https://nhandan.vn/giaoduc/item/46712345-truong-vung-cao-don-hoc-sinh.html",
        s,
        body=(*s.paras[:3], s.caption, *s.paras[3:]),
        author=s.author.upper(),
        furniture=(*RELATED, *MOST_READ, FOOTER),
    )


def qdnd() -> Page:
    """Quân đội nhân dân: "Thứ Năm, 09/09/2021, 21:30 (GMT+7)" in span.post-date, the lead in
    div.post-summary <h2>, a related box inside post-content, the author in upper case at the end,
    JSON-LD giving only a WebSite."""
    s = ROAD
    paras = _p(s.paras)
    relate = (
        "<div class='relate-news'><ul>" + _related_links("<li><a href='/lq-{i}'>{t}</a></li>") + "</ul></div>"
    )
    body = (
        f"<div class='header'><a class='logo' href='/'>Báo Quân đội nhân dân</a>{_menu('main-menu')}</div>"
        "<div class='container'><div class='col-left'><div class='post-cat'><a href='/xa-hoi'>Xã hội</a>"
        "</div>"
        f"<h1 class='post-title'>{s.title}</h1><div class='post-subinfo'>"
        "<span class='post-date left'>Thứ Năm, 09/09/2021, 21:30 (GMT+7)</span>"
        "<span class='post-share right'><a>Chia sẻ</a></span></div>"
        f"<div class='post-summary'><h2>{s.sapo}</h2></div><div class='post-content' id='content'>"
        + "".join(paras[:2])
        + "<table class='image center'><tr><td><img src='/images/2021/09/09/sl.jpg'></td></tr>"
        f"<tr><td class='image_desc'>{s.caption}</td></tr></table>"
        + "".join(paras[2:3])
        + relate
        + "".join(paras[3:])
        + f"<p class='post-author' style='text-align: right'><strong>{s.author.upper()}</strong></p></div>"
        "<div class='post-tag'><span>Từ khóa:</span>"
        + _tags()
        + "</div></div><div class='col-right'><div class='box-mostview'><h3>Đọc nhiều</h3><ul>"
        + _most_read()
        + f"</ul></div></div></div><div class='footer'><p>{FOOTER}</p></div>"
    )
    head = _og(s.title, s.sapo, "Báo Quân đội nhân dân") + _ld(
        **{"@type": "WebSite", "name": "Báo Quân đội nhân dân", "url": "https://www.qdnd.vn/"}
    )
    return Page(
        _html(head, body, title_tag=f"{s.title}"),
        "https://www.qdnd.vn/xa-hoi/tin-tuc/quoc-lo-47-sat-lo-671234",
        s,
        body=(*s.paras[:2], s.caption, *s.paras[2:]),
        author=s.author.upper(),
        furniture=(*RELATED, *MOST_READ, *TAGS, FOOTER),
    )


PHOTOS = (
    "Từ sáng sớm, hàng trăm xe container chở thanh long, mít và dưa hấu xếp hàng dài trên đường dẫn vào"
    " cửa khẩu Tân Thanh, nhiều xe đã nằm chờ từ bốn đến năm ngày.",
    "Tài xế căng bạt, mắc võng ngay dưới gầm xe để nghỉ trưa; bữa ăn của họ thường là mì tôm và cơm hộp"
    " mua ở các quán tạm dựng dọc đường.",
    "Nhiều thùng thanh long bắt đầu chín nẫu vì nằm chờ quá lâu dưới trời nắng, chủ hàng phải thuê người"
    " phân loại lại, bán rẻ cho thương lái trong nước.",
    "Lực lượng chức năng phân luồng, hướng dẫn xe vào các bãi đỗ tạm, tránh ùn tắc kéo dài trên quốc lộ"
    " và bảo đảm an toàn giao thông cho người dân địa phương.",
    "Tại khu vực kiểm hoá, công nhân bốc xếp làm việc liên tục đến tối muộn để kịp chuyển hàng sang xe"
    " của đối tác bên kia biên giới.",
    "Ban quản lý khu kinh tế cửa khẩu cho biết đang đề nghị phía bạn kéo dài thời gian làm việc, tăng số"
    " làn kiểm hoá để giải phóng hàng nhanh hơn trong những ngày tới.",
)


def photo_story() -> Page:
    """A photo story ("Ảnh" section): the headline and the lead, then only figures, each with a long
    caption in figcaption p.Image and a credit; the author at the end; "Xem thêm" stories below."""
    s = BORDER
    figures = "".join(
        f"<figure class='item_slide_show'><div class='block_thumb_slide_show'><img src='/2021/9/9/a{i}.jpg'"
        f" alt=''></div><figcaption><p class='Image'>{c}</p></figcaption></figure>"
        for i, c in enumerate(PHOTOS)
    )
    body = (
        f"<header class='section page-header'><a class='logo' href='/'>Báo Thử</a>{_menu()}</header>"
        "<section class='section page-detail'><div class='container'><div class='sidebar-1'>"
        "<span class='date'>Thứ năm, 9/9/2021, 21:30 (GMT+7)</span>"
        f"<h1 class='title-detail'>{s.title}</h1><p class='description'>{s.sapo}</p>"
        f"<article class='fck_detail'>{figures}<p class='Normal' style='text-align:right;'><strong>"
        f"{s.author}</strong></p></article><div class='box-xemthem'><h3>Xem thêm</h3><ul>"
        + _related_links()
        + "</ul></div></div><div class='sidebar-2'><div class='box-xemnhieu'><h2>Xem nhiều</h2><ul>"
        + _most_read()
        + f"</ul></div></div></div></section><footer class='footer'><p>{FOOTER}</p></footer>"
    )
    return Page(
        _html(_og(s.title, s.sapo, "Báo Thử"), body, title_tag=f"{s.title} - Báo Thử"),
        "https://baothu.net/anh/hang-tram-xe-un-u-o-cua-khau-4356790.html",
        s,
        body=PHOTOS,
        furniture=(*RELATED, *MOST_READ, FOOTER),
    )


PAGES = {
    "laodong": laodong,
    "nld": nld,
    "tienphong": tienphong,
    "vtv": vtv,
    "nhandan-old": nhandan_old,
    "qdnd": qdnd,
    "photo-story": photo_story,
}
