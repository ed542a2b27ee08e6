"""Pages of the generated site: fictional articles, listings with dates, RSS, a sitemap index with
monthly and news sitemaps, robots.txt. Deterministic for a given article count and end time."""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.utils import format_datetime
from html import escape
from xml.sax.saxutils import escape as xml_escape

from crawlers.dates import VN

PER_PAGE = 20
FEED_ITEMS = 50
NEWS_SITEMAP_DAYS = 2

_PLACES = ("Cao Lộc", "Văn Lãng", "Tràng Định", "Bình Gia", "Bắc Sơn", "Hữu Lũng", "Chi Lăng", "Lộc Bình")
_SUBJECTS = (
    "Ủy ban nhân dân huyện",
    "Đoàn kiểm tra liên ngành",
    "Ban quản lý dự án",
    "Hội Nông dân xã",
    "Trung tâm y tế huyện",
    "Người dân thôn",
)
_ACTIONS = (
    "đã tổ chức họp bàn phương án sửa chữa tuyến đường liên xã bị sạt lở sau mưa lớn",
    "kiểm tra tiến độ xây dựng trường học và yêu cầu hoàn thành trước năm học mới",
    "tiếp nhận phản ánh về tình trạng nước sinh hoạt bị đục kéo dài nhiều ngày",
    "hướng dẫn bà con chăm sóc cây hồi, cây quế trong mùa khô hanh",
    "triển khai tiêm phòng cho đàn gia súc trước đợt rét đậm, rét hại",
    "đối thoại với các hộ dân về phương án bồi thường giải phóng mặt bằng",
)
_DETAILS = (
    "Theo báo cáo, khối lượng công việc đã hoàn thành đạt khoảng {n} phần trăm kế hoạch đề ra.",
    "Kinh phí thực hiện dự kiến hơn {n} tỷ đồng từ nguồn ngân sách địa phương và vốn xã hội hóa.",
    "Trong tuần qua, lực lượng chức năng đã kiểm tra {n} hộ gia đình và lập biên bản các trường hợp vi phạm.",
    "Lãnh đạo địa phương đề nghị các đơn vị phối hợp chặt chẽ, báo cáo kết quả trước ngày {n} tháng tới.",
    "Nhiều hộ dân cho biết họ mong muốn công trình sớm hoàn thành để ổn định cuộc sống và sản xuất.",
    "Cơ quan chuyên môn sẽ tiếp tục theo dõi, đánh giá và công khai kết quả để người dân được biết.",
)
_MENU = ("Thời sự", "Kinh tế", "Xã hội", "Pháp luật", "Văn hóa", "Giáo dục", "Y tế", "Thể thao", "Du lịch")


@dataclass(frozen=True)
class SimArticle:
    number: int
    published: datetime
    title: str
    sapo: str
    body: tuple[str, ...]  # paragraphs; index 2 is an image caption
    author: str

    @property
    def path(self) -> str:
        return f"/bai/tin-so-{self.number}-{1_000_000 + self.number}.html"


def make_articles(count: int, *, end: datetime, step: timedelta = timedelta(minutes=30)) -> list[SimArticle]:
    """`count` fictional articles, newest at `end`, one every `step` back in time."""
    out = []
    for number in range(count):
        rng = random.Random(number)
        place, subject = rng.choice(_PLACES), rng.choice(_SUBJECTS)
        action = rng.choice(_ACTIONS)
        body = [f"{subject} {place} {action}."]
        body += [
            " ".join(rng.choice(_DETAILS).format(n=rng.randint(5, 95)) for _ in range(rng.randint(2, 4)))
            for _ in range(rng.randint(6, 10))
        ]
        body.insert(2, f"Quang cảnh buổi làm việc tại huyện {place} (Ảnh: Phóng viên).")
        out.append(
            SimArticle(
                number=number,
                published=(end - step * number).astimezone(VN),
                title=f"{place}: {subject} {action.split(' và ')[0]} (tin số {number})",
                sapo=f"Tin số {number} từ {place}: {subject.lower()} {action}, người dân đồng tình ủng hộ.",
                body=tuple(body),
                author=rng.choice(("Minh Anh", "Hoàng Lan", "Vy Thu", "Lương Đức")),
            )
        )
    return out


_STYLE = "<style>" + "".join(f".c{i}{{margin:{i}px;padding:{i % 7}px}}" for i in range(400)) + "</style>"
_NAV = (
    "<nav><ul>"
    + "".join(f'<li><a href="/muc/{i}/">{m}</a></li>' for i, m in enumerate(_MENU))
    + "</ul></nav>"
)


def _shell(title: str, head: str, main: str) -> bytes:
    return (
        f'<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>{escape(title)}</title>{head}'
        f'{_STYLE}<link rel="alternate" type="application/rss+xml" href="/rss.xml"></head><body>'
        f'<header><a class="logo" href="/">Báo Mô Phỏng</a></header>{_NAV}<main>{main}</main>'
        "<footer><p>Báo Mô Phỏng — trang tin tạo tự động để kiểm thử. Giấy phép thử nghiệm.</p></footer>"
        "</body></html>"
    ).encode()


def article_page(article: SimArticle, base: str, related: list[SimArticle]) -> bytes:
    paragraphs = []
    for i, text in enumerate(article.body):
        if i == 2:
            paragraphs.append(
                f'<figure><img src="/anh/{article.number}.jpg">'
                f"<figcaption>{escape(text)}</figcaption></figure>"
            )
        else:
            paragraphs.append(f"<p>{escape(text)}</p>")
    iso = article.published.isoformat()
    head = (
        f'<link rel="canonical" href="{base}{article.path}">'
        f'<meta property="og:title" content="{escape(article.title)}">'
        f'<meta property="article:published_time" content="{iso}">'
        f'<meta name="description" content="{escape(article.sapo)}">'
    )
    links = "".join(f'<li><a href="{r.path}">{escape(r.title)}</a></li>' for r in related)
    main = (
        f'<article><h1 class="title">{escape(article.title)}</h1>'
        f'<div class="date">{article.published:%d/%m/%Y %H:%M}</div>'
        f'<h2 class="sapo">{escape(article.sapo)}</h2><div class="content">{"".join(paragraphs)}</div>'
        f'<p class="author">{escape(article.author)}</p></article>'
        '<div class="share">Chia sẻ</div>'
        f'<aside class="related"><h3>Tin liên quan</h3><ul>{links}</ul></aside>'
    )
    return _shell(article.title, head, main)


def listing_path(page: int) -> str:
    return "/tin-moi/" if page == 1 else f"/tin-moi/trang-{page}.html"


def listing_page(
    articles: list[SimArticle], page: int, extra_links: Sequence[str] = (), *, dates: bool = True
) -> bytes:
    chunk = articles[(page - 1) * PER_PAGE : page * PER_PAGE]
    items = "".join(
        f'<li class="item"><a class="link" href="{a.path}">{escape(a.title)}</a>'
        + (f'<span class="time">{a.published:%d/%m/%Y %H:%M}</span>' if dates else "")
        + "</li>"
        for a in chunk
    )
    items += "".join(
        f'<li class="item"><a class="link" href="{href}">Tin khác</a></li>' for href in extra_links
    )
    pages = -(-len(articles) // PER_PAGE)
    nxt = f'<a class="next" rel="next" href="{listing_path(page + 1)}">Trang sau</a>' if page < pages else ""
    return _shell(
        f"Tin mới – trang {page}", "", f'<ul class="list">{items}</ul><div class="pages">{nxt}</div>'
    )


def rss(articles: list[SimArticle], base: str, extra_links: Sequence[str] = ()) -> bytes:
    items = "".join(
        f"<item><title>{xml_escape(a.title)}</title><link>{base}{a.path}</link>"
        f"<pubDate>{format_datetime(a.published)}</pubDate></item>"
        for a in articles[:FEED_ITEMS]
    )
    items += "".join(f"<item><title>Tin khác</title><link>{base}{href}</link></item>" for href in extra_links)
    return (
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Báo Mô Phỏng</title>'
        f"<link>{base}/</link>{items}</channel></rss>"
    ).encode()


def _urlset(entries: str, news: bool = False) -> bytes:
    ns = ' xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"' if news else ""
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"{ns}>'
        f"{entries}</urlset>"
    ).encode()


def sitemaps(articles: list[SimArticle], base: str) -> dict[str, bytes]:
    """/sitemap.xml (index) -> /sitemaps/news.xml (last days, news:publication_date) and one urlset
    per month with lastmod."""
    out: dict[str, bytes] = {}
    months: dict[str, list[SimArticle]] = {}
    for a in articles:
        months.setdefault(f"{a.published:%Y-%m}", []).append(a)
    newest = articles[0].published if articles else datetime.now(VN)
    recent = [a for a in articles if a.published >= newest - timedelta(days=NEWS_SITEMAP_DAYS)]
    out["/sitemaps/news.xml"] = _urlset(
        "".join(
            f"<url><loc>{base}{a.path}</loc><news:news><news:publication>"
            "<news:name>Báo Mô Phỏng</news:name><news:language>vi</news:language></news:publication>"
            f"<news:publication_date>{a.published.isoformat()}</news:publication_date>"
            f"<news:title>{xml_escape(a.title)}</news:title></news:news></url>"
            for a in recent
        ),
        news=True,
    )
    index = [f"<sitemap><loc>{base}/sitemaps/news.xml</loc><lastmod>{newest.isoformat()}</lastmod></sitemap>"]
    for month, items in months.items():
        path = f"/sitemaps/{month}.xml"
        out[path] = _urlset(
            "".join(
                f"<url><loc>{base}{a.path}</loc><lastmod>{a.published.isoformat()}</lastmod></url>"
                for a in items
            )
        )
        index.append(
            f"<sitemap><loc>{base}{path}</loc><lastmod>{items[0].published.isoformat()}</lastmod></sitemap>"
        )
    out["/sitemap.xml"] = (
        '<?xml version="1.0" encoding="UTF-8"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        + "".join(index)
        + "</sitemapindex>"
    ).encode()
    return out
