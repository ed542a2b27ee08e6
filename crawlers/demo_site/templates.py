"""HTML templates of the demo site (Jinja2, autoescaped) and small formatting helpers.

The two outlets deliberately look different: `xu_lang` is read by the crawler with CSS
selectors (h1.article-title, div.article-sapo, div#content-detail, div.author, div.date-line),
`tin_nhanh` is read by trafilatura (an <article> plus JSON-LD and meta tags). Both pages carry
the usual noise of a news site around the article: menus, share bars, related links,
comments, newsletter boxes and footers.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from jinja2 import DictLoader, Environment, StrictUndefined
from markupsafe import Markup

CATEGORY_NAMES: dict[str, str] = {
    "thoi-su": "Thời sự",
    "phap-luat": "Pháp luật",
    "kinh-te": "Kinh tế",
    "xa-hoi": "Xã hội",
    "giao-thong": "Giao thông",
    "moi-truong": "Môi trường",
    "giao-duc": "Giáo dục",
    "suc-khoe": "Sức khỏe",
    "van-hoa": "Văn hóa",
    "du-lich": "Du lịch",
    "the-thao": "Thể thao",
    "khoa-hoc": "Khoa học",
}

WEEKDAYS = ("Thứ hai", "Thứ ba", "Thứ tư", "Thứ năm", "Thứ sáu", "Thứ bảy", "Chủ nhật")

COMMENTS: tuple[tuple[str, str], ...] = (
    ("Nguyễn Văn An", "Cảm ơn phóng viên đã thông tin kịp thời."),
    ("Hoàng Thị Lan", "Mong tòa soạn tiếp tục theo dõi và thông tin thêm cho bạn đọc."),
    ("Lương Minh", "Bài viết rất bổ ích, tôi đã chia sẻ cho người thân."),
    ("Vy Thu Hà", "Đọc báo mỗi sáng đã thành thói quen của gia đình tôi."),
    ("Chu Đức Long", "Tin ngắn gọn, dễ hiểu. Cảm ơn tòa soạn."),
)

PLACEHOLDER_IMAGE = "/static/anh-minh-hoa.svg"
PLACEHOLDER_SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="640" height="360" viewBox="0 0 640 360">'
    '<rect width="640" height="360" fill="#d9e4dd"/>'
    '<text x="320" y="190" font-family="sans-serif" font-size="28" text-anchor="middle" fill="#4a6356">'
    "Ảnh minh họa</text></svg>"
)


def category_name(category: str) -> str:
    return CATEGORY_NAMES.get(category, category.replace("-", " ").capitalize())


def date_line_province(when: datetime) -> str:
    """`Thứ hai, 16/11/2026 - 08:15` (the provincial paper's date line)."""
    return f"{WEEKDAYS[when.weekday()]}, {when:%d/%m/%Y - %H:%M}"


def date_line_national(when: datetime) -> str:
    """`08:15 16/11/2026 (GMT+7)` (the national paper's visible date)."""
    offset = when.utcoffset()
    hours = int(offset.total_seconds() // 3600) if offset is not None else 0
    return f"{when:%H:%M %d/%m/%Y} (GMT{hours:+d})"


def json_ld(data: dict[str, Any]) -> Markup:
    """JSON for a <script> element: `<`, `>` and `&` escaped so no text can close the element."""
    text = json.dumps(data, ensure_ascii=False, indent=1)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup(text)


_XL_CSS = (
    "body{font-family:Georgia,serif;margin:0;color:#222;background:#f6f3ee}"
    ".topbar,.site-footer{background:#7a1f1f;color:#fff;padding:6px 16px;font-size:13px}"
    ".site-footer a,.topbar a{color:#fff}.site-header{padding:12px 16px;background:#fff}"
    ".logo{font-size:30px;font-weight:bold;color:#7a1f1f;text-decoration:none}"
    ".main-menu ul{list-style:none;margin:0;padding:0 16px;background:#a52a2a;display:flex;flex-wrap:wrap}"
    ".main-menu a{color:#fff;padding:8px 10px;display:block;text-decoration:none}"
    ".container{max-width:860px;margin:0 auto;padding:16px;background:#fff}"
    ".article-title{font-size:28px}.article-sapo{font-weight:bold;margin:12px 0}"
    ".date-line,.views{color:#777;font-size:13px}.author{text-align:right;font-weight:bold}"
    "figure{margin:12px 0;text-align:center}figure img{max-width:100%;height:auto}"
    "figcaption{font-style:italic;font-size:14px;color:#555}"
    ".share-bar a{margin-right:8px}.related,.comments{border-top:2px solid #a52a2a;margin-top:20px}"
    ".article-list{list-style:none;padding:0}.article-list li{border-bottom:1px solid #ddd;padding:8px 0}"
    ".pagination a,.pagination span{margin-right:12px}"
)

_TN_CSS = (
    "body{font-family:Arial,Helvetica,sans-serif;margin:0;color:#111}"
    ".tn-header{background:#0b5394;color:#fff;padding:10px 20px}"
    ".tn-header a{color:#fff;text-decoration:none;margin-right:14px}.brand a{font-size:26px;font-weight:bold}"
    ".tn-page{display:flex;gap:24px;max-width:1080px;margin:0 auto;padding:16px}"
    ".tn-main{flex:3}.tn-side{flex:1;font-size:14px}"
    "article h1{font-size:30px;line-height:1.25}.lead{font-size:18px;font-weight:bold}"
    ".meta{color:#666;font-size:13px}.tn-footer{background:#222;color:#ccc;padding:16px 20px;font-size:13px}"
    ".newsletter{background:#eef4fb;padding:12px;margin-top:16px}"
    ".article-list{list-style:none;padding:0}.article-list li{border-bottom:1px solid #e5e5e5;padding:10px 0}"
    ".pagination a,.pagination span{margin-right:12px}"
)

_TEMPLATES: dict[str, str] = {
    "page.html": """<!DOCTYPE html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{% block title %}{{ outlet.home_title }}{% endblock %}</title>
{% block head %}{% endblock %}
<link rel="alternate" type="application/rss+xml" title="{{ outlet.name }}"
 href="{{ base }}{{ outlet.prefix }}rss.xml">
<style>{{ css }}</style>
</head>
{% block body %}{% endblock %}
</html>
""",
    "xl_base.html": """{% extends "page.html" %}
{% block body -%}
<body class="xu-lang">
<div class="topbar"><a href="/">Cổng tin mẫu</a> | Đường dây nóng: 0205 3 812 345 |
<a href="{{ outlet.prefix }}rss.xml">RSS</a></div>
<header class="site-header">
<a class="logo" href="{{ outlet.prefix }}">{{ outlet.name }}</a>
<p class="tagline">{{ outlet.tagline }}</p>
<form class="search" action="{{ outlet.prefix }}" method="get">
<input type="search" name="q" placeholder="Tìm kiếm"></form>
</header>
<nav class="main-menu"><ul>
<li><a href="{{ outlet.prefix }}">Trang chủ</a></li>
{% for cat in categories %}<li><a href="{{ outlet.prefix }}{{ cat }}/">{{ cat_name(cat) }}</a></li>
{% endfor %}</ul></nav>
<main class="container">
{% block main %}{% endblock %}
</main>
<footer class="site-footer">
<p><strong>{{ outlet.name }}</strong> – trang tin mẫu của dự án duluan;
tòa soạn, con người và sự việc đều là hư cấu.</p>
<p>Tòa soạn: Số 12 đường Tô Thị, phường Tam Thanh, tỉnh Lạng Sơn.
Điện thoại: 0205 3 812 345. Fax: 0205 3 812 346.</p>
<p>Giấy phép hoạt động báo điện tử số 01/GP-DEMO.
Ghi rõ nguồn “{{ outlet.name }}” khi phát hành lại thông tin.</p>
</footer>
</body>
{%- endblock %}
""",
    "xl_article.html": """{% extends "xl_base.html" %}
{% block title %}{{ a.title }} - {{ outlet.name }}{% endblock %}
{% block head %}
<meta name="description" content="{{ a.sapo }}">
<meta name="keywords" content="{{ a.tags|join(', ') }}">
<meta property="og:type" content="article">
<meta property="og:site_name" content="{{ outlet.name }}">
<meta property="og:title" content="{{ a.title }}">
<meta property="og:description" content="{{ a.sapo }}">
<meta property="og:url" content="{{ url }}">
<meta property="og:image" content="{{ base }}{{ image }}">
<link rel="canonical" href="{{ url }}">
{% endblock %}
{% block main %}
<div class="breadcrumb"><a href="{{ outlet.prefix }}">Trang chủ</a> »
<a href="{{ outlet.prefix }}{{ a.category }}/">{{ cat_name(a.category) }}</a></div>
<div class="article-wrap">
<h1 class="article-title">{{ a.title }}</h1>
<div class="article-meta"><div class="date-line">{{ date_line }}</div>
<span class="views">Lượt xem: {{ views }}</span></div>
<div class="share-bar"><span>Chia sẻ:</span>
<a href="#" class="share-facebook">Facebook</a> <a href="#" class="share-zalo">Zalo</a>
<a href="#binh-luan">Bình luận</a> <a href="javascript:window.print()">In bài</a></div>
<div class="article-sapo">{{ a.sapo }}</div>
<div id="content-detail">
{% for kind, text in blocks %}{% if kind == "caption" %}<figure class="image">
<img src="{{ image }}" alt="{{ text }}" width="640" height="360"><figcaption>{{ text }}</figcaption></figure>
{% else %}<p>{{ text }}</p>
{% endif %}{% endfor %}</div>
<div class="author">{{ a.author }}</div>
<div class="tags">Từ khóa: {% for tag in a.tags %}<a href="{{ outlet.prefix }}" rel="tag">{{ tag }}</a>
{%- if not loop.last %}, {% endif %}{% endfor %}</div>
<div class="share-bar"><span>Chia sẻ:</span>
<a href="#" class="share-facebook">Facebook</a> <a href="#" class="share-zalo">Zalo</a>
<a href="#" class="copy-link">Sao chép liên kết</a></div>
</div>
{% if related %}<section class="related"><h3>Tin liên quan</h3><ul>
{% for r in related %}<li><a class="related-link" href="{{ r.path }}">{{ r.title }}</a></li>
{% endfor %}</ul></section>{% endif %}
<section class="comments" id="binh-luan"><h3>Bình luận ({{ comments|length }})</h3>
{% for name, text in comments %}<div class="comment"><strong>{{ name }}</strong><p>{{ text }}</p></div>
{% endfor %}<form class="comment-form" action="{{ outlet.prefix }}" method="get">
<textarea name="noi-dung" placeholder="Ý kiến của bạn"></textarea>
<button type="submit">Gửi bình luận</button></form>
</section>
{% endblock %}
""",
    "tn_base.html": """{% extends "page.html" %}
{% block body -%}
<body class="tin-nhanh">
<header class="tn-header">
<div class="brand"><a href="{{ outlet.prefix }}">{{ outlet.name }}</a>
<small>{{ outlet.tagline }}</small></div>
<nav class="tn-nav"><a href="{{ outlet.prefix }}">Mới nhất</a>
{% for cat in categories %}<a href="{{ outlet.prefix }}{{ cat }}/">{{ cat_name(cat) }}</a>
{% endfor %}<a href="/">Cổng tin mẫu</a></nav>
</header>
<div class="tn-page">
<main class="tn-main">
{% block main %}{% endblock %}
</main>
<aside class="tn-side">
<section class="newsletter"><h3>Nhận bản tin sáng</h3>
<p>Tin chính trong ngày gửi vào hộp thư của bạn lúc 6 giờ.</p>
<form action="{{ outlet.prefix }}" method="get"><input type="email" name="email" placeholder="Email của bạn">
<button type="submit">Đăng ký</button></form></section>
<section class="hotline"><h3>Đường dây nóng</h3><p>024 3 999 8888 – toasoan@tinnhanh.example</p></section>
</aside>
</div>
<footer class="tn-footer">
<p>© 2026 {{ outlet.name }} – trang tin mẫu của dự án duluan;
tòa soạn, con người và sự việc đều là hư cấu.</p>
<p>Tòa soạn: Tầng 7, số 25 phố Lý Thường Kiệt, Hà Nội. Điện thoại: 024 3 999 8888.
Giấy phép số 02/GP-DEMO.</p>
</footer>
</body>
{%- endblock %}
""",
    "tn_article.html": """{% extends "tn_base.html" %}
{% block title %}{{ a.title }} | {{ outlet.name }}{% endblock %}
{% block head %}
<meta name="description" content="{{ a.sapo }}">
<meta name="author" content="{{ a.author }}">
<meta name="keywords" content="{{ a.tags|join(', ') }}">
<meta property="og:type" content="article">
<meta property="og:site_name" content="{{ outlet.name }}">
<meta property="og:title" content="{{ a.title }}">
<meta property="og:description" content="{{ a.sapo }}">
<meta property="og:url" content="{{ url }}">
<meta property="article:published_time" content="{{ iso }}">
<meta property="article:section" content="{{ cat_name(a.category) }}">
<link rel="canonical" href="{{ url }}">
<script type="application/ld+json">{{ ld }}</script>
{% endblock %}
{% block main %}
<div class="breadcrumb"><a href="{{ outlet.prefix }}">Trang chủ</a> ›
<a href="{{ outlet.prefix }}{{ a.category }}/">{{ cat_name(a.category) }}</a></div>
<article class="story">
<h1>{{ a.title }}</h1>
<p class="meta"><time datetime="{{ iso }}">{{ date_line }}</time></p>
<p class="lead">{{ a.sapo }}</p>
{% for kind, text in blocks %}{% if kind == "caption" %}<figure>
<img src="{{ image }}" alt="" width="640" height="360"><figcaption>{{ text }}</figcaption></figure>
{% else %}<p>{{ text }}</p>
{% endif %}{% endfor %}<p class="byline"><strong>{{ a.author }}</strong></p>
</article>
<div class="share-bar"><span>Chia sẻ bài viết:</span>
<a href="#">Facebook</a> <a href="#">X</a> <a href="#">Sao chép liên kết</a></div>
{% if related %}<aside class="related"><h2>Đọc thêm</h2><ul>
{% for r in related %}<li><a class="related-link" href="{{ r.path }}">{{ r.title }}</a></li>
{% endfor %}</ul></aside>{% endif %}
{% endblock %}
""",
    "listing.html": """{% extends base_template %}
{% block title %}{{ heading }} - {{ outlet.name }}{% endblock %}
{% block head %}<link rel="canonical" href="{{ url }}">
{% endblock %}
{% block main %}
<h1 class="page-title">{{ heading }}</h1>
<ul class="article-list">
{% for href, a in items %}<li class="item">
<a class="thumb" href="{{ href }}"><img src="{{ image }}" alt="" width="160" height="90"></a>
<h2><a class="article-link" href="{{ href }}">{{ a.title }}</a></h2>
<p class="summary">{{ a.sapo }}</p>
<span class="time">{{ a.published.strftime("%d/%m/%Y %H:%M") }}</span>
</li>
{% endfor %}</ul>
<div class="pagination">{% if prev %}<a class="prev" href="{{ prev }}">Trang trước</a>{% endif %}
<span class="current">Trang {{ page }}/{{ pages }}</span>
{% if next %}<a class="next" href="{{ next }}">Trang sau</a>{% endif %}</div>
{% endblock %}
""",
    "home.html": """<!DOCTYPE html>
<html lang="vi">
<head><meta charset="utf-8"><title>Cổng tin mẫu duluan</title></head>
<body>
<h1>Cổng tin mẫu của duluan</h1>
<p>Hai tờ báo hư cấu dùng để chạy thử bộ thu thập tin. Mọi nội dung đều do dự án tự viết.</p>
<ul>
{% for outlet, count in outlets %}<li><a href="{{ outlet.prefix }}">{{ outlet.name }}</a> – {{ count }} bài
(<a href="{{ outlet.prefix }}rss.xml">RSS</a>, <a href="{{ outlet.prefix }}sitemap.xml">sitemap</a>)</li>
{% endfor %}</ul>
<p><a href="/sitemap.xml">Sitemap</a> · <a href="/robots.txt">robots.txt</a></p>
</body>
</html>
""",
    "not_found.html": """<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8"><title>Không tìm thấy trang</title></head>
<body><h1>404 – Không tìm thấy trang</h1><p>Đường dẫn {{ path }} không tồn tại.</p>
<p><a href="/">Về trang chủ</a></p></body>
</html>
""",
}

ENV = Environment(loader=DictLoader(_TEMPLATES), autoescape=True, undefined=StrictUndefined)
ENV.globals["cat_name"] = category_name
SCOPE_STYLE: dict[str, tuple[str, str, str]] = {
    # outlet scope -> (base template, article template, css)
    "province": ("xl_base.html", "xl_article.html", _XL_CSS),
    "national": ("tn_base.html", "tn_article.html", _TN_CSS),
}


def render(name: str, **context: Any) -> str:
    return ENV.get_template(name).render(**context)
