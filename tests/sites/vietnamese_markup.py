"""The markup shared by the written Vietnamese-outlet pages (`tests/sites/vietnamese_outlets*.py`): the
story and page records, the furniture such pages carry (menus, most-read lists, comments, tags, related
links, footers) and the helpers that print it. Every line of text is invented here."""

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
