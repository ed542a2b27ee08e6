"""Whole article pages written here in the markup conventions of national Vietnamese outlets and of
their older layouts (VnExpress, Tuổi Trẻ, Thanh Niên, VietnamNet, Znews, Lao Động, Người Lao Động,
Tiền Phong/SGGP, VTV, Nhân Dân, Quân đội nhân dân, Báo Chính phủ, Kenh14, Cafef, 24h, a provincial
ASP.NET portal), with the furniture such pages carry: menus, breadcrumbs, related boxes inside the
body, most-read lists, comments with their own dates, tags, share bars, embedded video, captions in
tables, quote boxes, the author at the end, inline scripts, JSON-LD (partial or wrong), og:title
worded apart from the headline, dates in several places.

The stories, names and every line of text are invented here; only the markup conventions follow the
outlets. These pages find failure classes — they are not a measurement of those outlets.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import datetime

from crawlers.dates import VN

WHEN = datetime(2021, 9, 9, 21, 30, tzinfo=VN)


@dataclass(frozen=True)
class Story:
    title: str
    sapo: str
    paras: tuple[str, ...]
    caption: str
    author: str


ROAD = Story(
    title="Quốc lộ 47 qua Thanh Hoá sạt lở, hàng trăm hộ dân bị cô lập",
    sapo=(
        "Mưa lớn kéo dài ba ngày khiến nhiều đoạn quốc lộ 47 qua huyện Thường Xuân sạt lở, đất đá vùi lấp"
        " mặt đường, hơn 300 hộ dân ở hai xã vùng cao bị chia cắt."
    ),
    paras=(
        "Chiều 9/9, lực lượng chức năng huyện Thường Xuân vẫn đang dùng máy xúc dọn hàng nghìn mét khối đất"
        " đá tràn xuống mặt đường tại ba điểm sạt lở lớn nhất trên tuyến.",
        "Theo ông Lê Đình Khoa, phó chủ tịch huyện, điểm sạt nặng nhất dài gần 50 mét, taluy dương đổ ập"
        " xuống trong đêm, may mắn không có phương tiện nào đi qua lúc đó.",
        "Hơn 300 hộ dân ở xã Bát Mọt và Yên Nhân không thể ra trung tâm huyện, nhiều học sinh phải nghỉ học,"
        " hàng hoá thiết yếu bắt đầu khan hiếm ở các cửa hàng tạp hoá.",
        "Huyện đã huy động dân quân, bộ đội biên phòng dùng thuyền máy chở lương thực, nước uống và thuốc"
        " men vào các thôn bị cô lập, ưu tiên người già, trẻ nhỏ và phụ nữ mang thai.",
        "Sở Giao thông vận tải tỉnh cho biết sẽ cắm biển cảnh báo, bố trí người trực gác hai đầu điểm sạt"
        " và phấn đấu thông xe tạm trong vòng ba ngày nếu trời ngừng mưa.",
        "Đài khí tượng thuỷ văn tỉnh dự báo mưa to còn kéo dài đến cuối tuần, nguy cơ sạt lở đất và lũ quét"
        " ở các huyện miền núi phía tây ở mức cao, người dân cần chủ động di dời khỏi vùng nguy hiểm.",
    ),
    caption="Máy xúc dọn đất đá tại điểm sạt lở trên quốc lộ 47, chiều 9/9. Ảnh: Lê Hoàng",
    author="Lê Hoàng",
)

RICE = Story(
    title="Giá lúa tăng mạnh, nông dân Đồng Tháp lãi gần 20 triệu đồng mỗi héc-ta",
    sapo=(
        "Lúa thu hoạch vụ hè thu được thương lái thu mua tại ruộng với giá cao nhất ba năm qua, nhiều hộ"
        " nông dân ở Đồng Tháp có lãi lớn dù chi phí phân bón tăng."
    ),
    paras=(
        "Những ngày này, trên các cánh đồng ở huyện Tháp Mười, máy gặt đập liên hợp hoạt động liên tục từ"
        " sáng sớm đến tối muộn, thương lái chờ sẵn ở bờ ruộng để cân lúa.",
        "Ông Nguyễn Văn Tâm, nông dân xã Mỹ An, cho biết gia đình ông thu hoạch bốn héc-ta, năng suất đạt"
        " hơn bảy tấn mỗi héc-ta, bán ngay tại ruộng với giá 6.800 đồng mỗi ký.",
        "Trừ các khoản chi phí giống, phân bón, thuốc bảo vệ thực vật và thuê máy gặt, mỗi héc-ta gia đình"
        " ông còn lãi gần 20 triệu đồng, cao hơn hẳn so với vụ trước.",
        "Doanh nghiệp xuất khẩu tăng thu mua",
        "Theo Sở Nông nghiệp và Phát triển nông thôn tỉnh, nhu cầu gạo của các thị trường châu Á và châu"
        " Phi tăng mạnh từ đầu quý ba, các doanh nghiệp đẩy mạnh thu mua để kịp giao hàng.",
        "Giám đốc một công ty lương thực ở thành phố Cao Lãnh cho biết đơn hàng tháng này tăng gần một"
        " phần ba, công ty phải ký hợp đồng bao tiêu với các hợp tác xã để giữ nguồn hàng ổn định.",
        "Ngành nông nghiệp khuyến cáo nông dân không ồ ạt mở rộng diện tích, tuân thủ lịch thời vụ và liên"
        " kết với doanh nghiệp để tránh cảnh được mùa mất giá như những năm trước.",
    ),
    caption="Nông dân huyện Tháp Mười thu hoạch lúa hè thu. Ảnh: Thanh Tùng",
    author="Thanh Tùng",
)

FEVER = Story(
    title="Số ca sốt xuất huyết ở Khánh Hoà tăng gấp ba, bệnh viện kê thêm giường",
    sapo=(
        "Từ đầu năm đến nay, Khánh Hoà ghi nhận hơn 4.000 ca sốt xuất huyết, gấp ba lần cùng kỳ năm trước;"
        " nhiều bệnh viện phải kê thêm giường, bệnh nhân nằm ghép."
    ),
    paras=(
        "Tại khoa Truyền nhiễm Bệnh viện Đa khoa tỉnh, hành lang kín giường bệnh, nhiều người nhà phải trải"
        " chiếu nằm dưới sàn để chăm sóc người thân đang truyền dịch.",
        "Bác sĩ Trần Thị Mai, trưởng khoa, cho biết mỗi ngày khoa tiếp nhận từ 40 đến 50 ca mới, phần lớn"
        " là học sinh và người trẻ trong độ tuổi lao động.",
        "“Nhiều bệnh nhân đến viện muộn khi đã có dấu hiệu cảnh báo nặng như đau bụng, nôn nhiều, chảy máu"
        " chân răng, vì tự điều trị ở nhà mấy ngày”, bác sĩ Mai nói.",
        "Trung tâm Kiểm soát bệnh tật tỉnh đã tổ chức các đợt phun hoá chất diệt muỗi tại những phường có"
        " nhiều ca bệnh, đồng thời vận động người dân lật úp dụng cụ chứa nước quanh nhà.",
        "Ngành y tế khuyến cáo khi có biểu hiện sốt cao liên tục, người dân cần đến cơ sở y tế để được khám"
        " và theo dõi, tuyệt đối không tự ý truyền dịch hay dùng thuốc hạ sốt không đúng loại.",
        "Dự báo số ca mắc còn tăng trong những tháng cuối năm, khi mùa mưa bắt đầu, tỉnh đang xây dựng phương"
        " án thu dung, điều trị để không bị động như đợt dịch lớn trước đây.",
    ),
    caption="Bệnh nhân sốt xuất huyết nằm ghép tại khoa Truyền nhiễm. Ảnh: Minh Châu",
    author="Minh Châu",
)

SCHOOL = Story(
    title="Trường vùng cao ở Hà Giang đón học sinh trở lại sau đợt mưa lũ",
    sapo=(
        "Sau gần hai tuần phải nghỉ học vì mưa lũ làm hư hỏng lớp học và đường sá, hơn 500 học sinh của"
        " trường phổ thông dân tộc bán trú xã Thượng Sơn đã trở lại trường."
    ),
    paras=(
        "Sáng 9/9, từ tờ mờ sáng, nhiều phụ huynh đã dắt con vượt hàng chục cây số đường đèo còn lầy lội để"
        " đưa các em về trường, mang theo gạo và rau cho cả tuần.",
        "Thầy Hoàng Văn Sinh, hiệu trưởng nhà trường, cho biết đợt lũ vừa qua làm sập hai phòng học, cuốn"
        " trôi nhiều bàn ghế và sách vở của học sinh ở khu bán trú.",
        "Giáo viên, bộ đội biên phòng và người dân đã mất gần một tuần để dọn bùn đất, sửa lại mái tôn và"
        " dựng lớp học tạm bằng tre nứa để các em có chỗ học.",
        "“Có em đi bộ hơn ba tiếng mới tới trường, quần áo ướt hết nhưng vẫn vui vì được gặp lại thầy cô"
        " và bạn bè”, thầy Sinh kể.",
        "Nhiều tổ chức, nhà hảo tâm đã gửi tặng sách vở, áo ấm và gạo cho học sinh, giúp nhà trường duy trì"
        " bữa ăn bán trú đầy đủ trong những tháng đầu năm học mới.",
        "Sở Giáo dục và Đào tạo tỉnh đề nghị các trường vùng cao rà soát lại phòng học, ký túc xá, có"
        " phương án di chuyển học sinh đến nơi an toàn khi có mưa lớn kéo dài.",
    ),
    caption="Học sinh trường bán trú xã Thượng Sơn trong lớp học tạm. Ảnh: Hoàng Nam",
    author="Hoàng Nam",
)


@dataclass(frozen=True)
class Page:
    html: str
    url: str
    story: Story
    body: tuple[str, ...]  # the lines the body must hold (captions included, the crawler keeps them)
    title: str = ""  # the headline as printed; the story's title when empty
    sapo: str = ""  # the lead as printed; the story's sapo when empty
    author: str | None = ""  # "": the story's author; None: the page names none
    when: datetime = WHEN
    furniture: tuple[str, ...] = field(default=())  # texts of the page that must not be in the body

    @property
    def expected_title(self) -> str:
        return self.title or self.story.title

    @property
    def expected_sapo(self) -> str:
        return self.sapo or self.story.sapo

    @property
    def expected_author(self) -> str | None:
        return self.story.author if self.author == "" else self.author


# --- furniture shared by the pages (each page dresses it in its own classes) --------------------

RELATED = (
    "Nhiều tuyến đường miền núi tiếp tục sạt lở sau mưa lớn",
    "Công bố tình huống khẩn cấp sạt lở bờ sông ở huyện ven biển",
    "Hàng nghìn hộ dân được hỗ trợ di dời khỏi vùng nguy hiểm",
)
MOST_READ = tuple(
    f"Tin đọc nhiều {i}: giá vàng hôm nay đảo chiều tăng mạnh sau phiên giảm sâu" for i in range(1, 6)
)
COMMENT = "Mong chính quyền sớm có giải pháp lâu dài, năm nào bà con cũng khổ vì chuyện này, thương lắm."
TAGS = ("bão số năm", "cứu hộ cứu nạn", "an toàn giao thông mùa mưa")
FOOTER = "Giấy phép hoạt động báo điện tử số 548/GP-BTTTT. Toà soạn: số 1 phố Thử, quận Thử, Hà Nội."
MENU = ("Trang chủ", "Thời sự", "Góc nhìn", "Thế giới", "Kinh doanh", "Giải trí", "Thể thao", "Pháp luật")


def _menu(cls: str = "main-nav") -> str:
    links = "".join(f"<li><a href='/{i}'>{m}</a></li>" for i, m in enumerate(MENU))
    return f"<nav class='{cls}'><ul>{links}</ul></nav>"


def _most_read(
    item: str = "<li><a href='/tin-{i}.html'>{t}</a><span class='time'>0{i}/09/2021 1{i}:05</span></li>",
) -> str:
    return "".join(item.format(i=i, t=t) for i, t in enumerate(MOST_READ, 1))


def _comments(item: str) -> str:
    return "".join(item.format(i=i, c=COMMENT) for i in range(1, 5))


def _related_links(item: str = "<li><a href='/lien-quan-{i}.html'>{t}</a></li>") -> str:
    return "".join(item.format(i=i, t=t) for i, t in enumerate(RELATED))


def _tags(item: str = "<a href='/tag/{i}'>{t}</a>") -> str:
    return "".join(item.format(i=i, t=t) for i, t in enumerate(TAGS))


def _ld(**fields: object) -> str:
    data = json.dumps({"@context": "https://schema.org", **fields}, ensure_ascii=False)
    return f"<script type='application/ld+json'>{data}</script>"


_BLOCK_END = re.compile(r"(</(?:div|p|h[1-6]|li|tr|table|figure|ul|ol|section|article|header|footer|nav)>)")


def _html(head: str, body: str, *, title_tag: str) -> str:
    """The page's source, a line after each block as real templates print it (source lines are how
    the extractor orders blocks cheaply)."""
    body = _BLOCK_END.sub("\\1\n", body)
    return (
        "<!DOCTYPE html><html lang='vi'><head><meta charset='utf-8'>"
        "<meta name='viewport' content='width=device-width, initial-scale=1'>"
        f"<title>{title_tag}</title>{head}"
        "<script>window.dataLayer = window.dataLayer || []; function gtag(){dataLayer.push(arguments);}"
        " gtag('js', new Date()); gtag('config', 'G-TEST');</script>"
        f"</head><body>{body}</body></html>"
    )


def _og(title: str, description: str, site: str) -> str:
    return (
        f"<meta property='og:title' content='{title}'><meta property='og:description'"
        f" content='{description}'>"
        f"<meta name='description' content='{description}'><meta property='og:site_name' content='{site}'>"
        "<meta property='og:type' content='article'>"
    )


def _p(paras: tuple[str, ...], cls: str = "", tag: str = "p") -> list[str]:
    attr = f" class='{cls}'" if cls else ""
    return [f"<{tag}{attr}>{p}</{tag}>" for p in paras]


# --- the pages -----------------------------------------------------------------------------------


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


def _vc_photo(caption: str, src: str) -> str:
    """A VCCorp CMS image box (Tuổi Trẻ, Người Lao Động, Kenh14, Cafef, Báo Chính phủ)."""
    return (
        "<figure class='VCSortableInPreviewMode' type='Photo' style=''><div>"
        f"<a href='{src}' data-fancybox-group='img' class='detail-img-lightbox'><img src='{src}' alt='' "
        "class='lightbox-content' w='1200' h='800' photoid='12345'></a></div>"
        f"<figcaption class='PhotoCMS_Caption'><p data-placeholder='[nhập chú thích]'>{caption}</p>"
        "</figcaption>"
        "</figure>"
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


PAGES = {
    "vnexpress": vnexpress,
    "vnexpress-old": vnexpress_old,
    "tuoitre": tuoitre,
    "thanhnien-old": thanhnien_old,
    "vietnamnet-old": vietnamnet_old,
    "znews": znews,
    "laodong": laodong,
    "nld": nld,
    "tienphong": tienphong,
    "vtv": vtv,
    "nhandan-old": nhandan_old,
    "qdnd": qdnd,
    "baochinhphu-old": baochinhphu_old,
    "kenh14": kenh14,
    "cafef": cafef,
    "24h": h24,
    "provincial-aspnet": provincial_aspnet,
    "wordpress-district": wordpress_district,
}
