"""The bundled demo news site: every page rendered in memory, served over HTTP on 127.0.0.1.

`build_pages(base_url)` returns {path: (content type, bytes)} for: a home page, per outlet the
article pages, paginated listings (8 per page), category pages, an RSS feed and a sitemap
urlset; plus a sitemap index, robots.txt and a placeholder image. `serve()` runs it in a
daemon thread for tests and the demo; `demo_sources()` describes it as crawl sources.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import unquote, urlsplit
from xml.sax.saxutils import escape as xml_escape

from crawlers.demo_site.model import OUTLETS, DemoArticle, Outlet, load_articles
from crawlers.demo_site.templates import (
    COMMENTS,
    PLACEHOLDER_IMAGE,
    PLACEHOLDER_SVG,
    SCOPE_STYLE,
    category_name,
    date_line_national,
    date_line_province,
    json_ld,
    render,
)

PER_PAGE = 8
RSS_ITEMS = 15
RELATED_ITEMS = 4
TRACKING_QUERY = "?utm_source=home&utm_medium=listing"
TRACKED_ON_FIRST_PAGE = 3

HTML = "text/html; charset=utf-8"
RSS = "application/rss+xml; charset=utf-8"
XML = "application/xml; charset=utf-8"
TEXT = "text/plain; charset=utf-8"
SVG = "image/svg+xml"

Pages = dict[str, tuple[str, bytes]]


def newest_first(articles: Sequence[DemoArticle]) -> list[DemoArticle]:
    return sorted(articles, key=lambda a: (a.published, a.number), reverse=True)


def listing_path(outlet: Outlet, page: int) -> str:
    """Path of listing page `page` (1-based): /xu-lang/, /xu-lang/trang-2.html, ..."""
    return outlet.prefix if page == 1 else f"{outlet.prefix}trang-{page}.html"


def _blocks(article: DemoArticle) -> list[tuple[str, str]]:
    return [("caption" if i in article.captions else "p", text) for i, text in enumerate(article.body)]


def _related(article: DemoArticle, siblings: Sequence[DemoArticle]) -> list[DemoArticle]:
    """Earlier articles of the same outlet: same story first, then same category, then nearest."""

    def rank(other: DemoArticle) -> tuple[bool, bool, float]:
        same_story = article.story is not None and other.story == article.story
        gap = abs((other.published - article.published).total_seconds())
        return (not same_story, other.category != article.category, gap)

    others = [o for o in siblings if o.id != article.id and o.published <= article.published]
    return sorted(others, key=rank)[:RELATED_ITEMS]


def _article_page(
    article: DemoArticle, outlet: Outlet, siblings: Sequence[DemoArticle], base: str, canonical: str
) -> str:
    _, article_template, css = SCOPE_STYLE[outlet.scope]
    url = canonical + article.path
    iso = article.published.isoformat()
    context: dict[str, Any] = {
        "a": article,
        "outlet": outlet,
        "base": base,
        "url": url,
        "iso": iso,
        "css": css,
        "categories": sorted({s.category for s in siblings}),
        "blocks": _blocks(article),
        "related": _related(article, siblings),
        "image": PLACEHOLDER_IMAGE,
    }
    if outlet.scope == "province":
        context["date_line"] = date_line_province(article.published)
        context["views"] = 200 + article.number * 37 % 5000
        context["comments"] = [COMMENTS[(article.number + k) % len(COMMENTS)] for k in range(2)]
    else:
        context["date_line"] = date_line_national(article.published)
        context["ld"] = json_ld(
            {
                "@context": "https://schema.org",
                "@type": "NewsArticle",
                "headline": article.title,
                "description": article.sapo,
                "datePublished": iso,
                "dateModified": iso,
                "author": [{"@type": "Person", "name": article.author}],
                "publisher": {"@type": "Organization", "name": outlet.name},
                "mainEntityOfPage": {"@type": "WebPage", "@id": url},
                "articleSection": article.category,
                "keywords": list(article.tags),
                "inLanguage": "vi",
            }
        )
    return render(article_template, **context)


def _listing_pages(outlet: Outlet, ordered: Sequence[DemoArticle], base: str) -> Pages:
    base_template, _, css = SCOPE_STYLE[outlet.scope]
    categories = sorted({a.category for a in ordered})
    pages: Pages = {}
    total = max(1, -(-len(ordered) // PER_PAGE))
    for page in range(1, total + 1):
        chunk = ordered[(page - 1) * PER_PAGE : page * PER_PAGE]
        items = [
            (a.path + (TRACKING_QUERY if page == 1 and i < TRACKED_ON_FIRST_PAGE else ""), a)
            for i, a in enumerate(chunk)
        ]
        html = render(
            "listing.html",
            base_template=base_template,
            outlet=outlet,
            base=base,
            css=css,
            categories=categories,
            heading="Tin mới nhất" if page == 1 else f"Tin mới nhất – trang {page}",
            url=base + listing_path(outlet, page),
            items=items,
            image=PLACEHOLDER_IMAGE,
            page=page,
            pages=total,
            prev=listing_path(outlet, page - 1) if page > 1 else None,
            next=listing_path(outlet, page + 1) if page < total else None,
        ).encode("utf-8")
        pages[listing_path(outlet, page)] = (HTML, html)
    pages[f"{outlet.prefix}index.html"] = pages[outlet.prefix]
    for category in categories:
        path = f"{outlet.prefix}{category}/"
        in_category = [(a.path, a) for a in ordered if a.category == category]
        html = render(
            "listing.html",
            base_template=base_template,
            outlet=outlet,
            base=base,
            css=css,
            categories=categories,
            heading=f"Chuyên mục {category_name(category)}",
            url=base + path,
            items=in_category,
            image=PLACEHOLDER_IMAGE,
            page=1,
            pages=1,
            prev=None,
            next=None,
        ).encode("utf-8")
        pages[path] = (HTML, html)
    return pages


def _rss(outlet: Outlet, ordered: Sequence[DemoArticle], base: str) -> bytes:
    items = []
    for a in ordered[:RSS_ITEMS]:
        url = xml_escape(base + a.path)
        items.append(
            "<item>"
            f"<title>{xml_escape(a.title)}</title>"
            f"<link>{url}</link>"
            f"<description>{xml_escape(a.sapo)}</description>"
            f"<category>{xml_escape(a.category)}</category>"
            f"<pubDate>{format_datetime(a.published)}</pubDate>"
            f'<guid isPermaLink="true">{url}</guid>'
            "</item>"
        )
    build_date = format_datetime(ordered[0].published) if ordered else ""
    channel = (
        f"<title>{xml_escape(outlet.name)} – Tin mới nhất</title>"
        f"<link>{xml_escape(base + outlet.prefix)}</link>"
        f"<description>{xml_escape(outlet.home_title)}</description>"
        "<language>vi</language>"
        f"<lastBuildDate>{build_date}</lastBuildDate>"
        f'<atom:link href="{xml_escape(base + outlet.prefix)}rss.xml" rel="self" type="application/rss+xml"/>'
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom"><channel>'
        + channel
        + "\n".join(items)
        + "</channel></rss>\n"
    ).encode("utf-8")


def _urlset(ordered: Sequence[DemoArticle], base: str) -> bytes:
    urls = "\n".join(
        f"<url><loc>{xml_escape(base + a.path)}</loc><lastmod>{a.published.isoformat()}</lastmod></url>"
        for a in ordered
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n{urls}\n</urlset>\n'
    ).encode()


def _sitemap_index(by_outlet: dict[str, list[DemoArticle]], base: str) -> bytes:
    entries = []
    for outlet_id, ordered in by_outlet.items():
        lastmod = f"<lastmod>{ordered[0].published.isoformat()}</lastmod>" if ordered else ""
        loc = xml_escape(f"{base}{OUTLETS[outlet_id].prefix}sitemap.xml")
        entries.append(f"<sitemap><loc>{loc}</loc>{lastmod}</sitemap>")
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
        + "\n".join(entries)
        + "\n</sitemapindex>\n"
    ).encode("utf-8")


def _robots(base: str) -> bytes:
    lines = ["User-agent: *", "Disallow: /admin/", "Allow: /", "", f"Sitemap: {base}/sitemap.xml"]
    lines += [f"Sitemap: {base}{outlet.prefix}sitemap.xml" for outlet in OUTLETS.values()]
    return ("\n".join(lines) + "\n").encode("utf-8")


def build_pages(
    base_url: str, articles: Sequence[DemoArticle] | None = None, *, canonical_base: str | None = None
) -> Pages:
    """Render the whole site for `base_url` (e.g. http://127.0.0.1:8765, no trailing slash).

    Article pages declare `canonical_base` + path as their canonical URL (default: `base_url`), as a
    real site names its public host whatever address it was fetched from.
    """
    base = base_url.rstrip("/")
    canonical = (canonical_base or base).rstrip("/")
    articles = load_articles() if articles is None else list(articles)
    pages: Pages = {}
    by_outlet: dict[str, list[DemoArticle]] = {}
    for outlet_id, outlet in OUTLETS.items():
        ordered = newest_first([a for a in articles if a.outlet == outlet_id])
        by_outlet[outlet_id] = ordered
        for article in ordered:
            html = _article_page(article, outlet, ordered, base, canonical)
            pages[article.path] = (HTML, html.encode("utf-8"))
        pages.update(_listing_pages(outlet, ordered, base))
        pages[f"{outlet.prefix}rss.xml"] = (RSS, _rss(outlet, ordered, base))
        pages[f"{outlet.prefix}sitemap.xml"] = (XML, _urlset(ordered, base))
    home = render("home.html", outlets=[(o, len(by_outlet[o.id])) for o in OUTLETS.values()])
    pages["/"] = (HTML, home.encode("utf-8"))
    pages["/index.html"] = pages["/"]
    pages["/sitemap.xml"] = (XML, _sitemap_index(by_outlet, base))
    pages["/robots.txt"] = (TEXT, _robots(base))
    pages[PLACEHOLDER_IMAGE] = (SVG, PLACEHOLDER_SVG.encode("utf-8"))
    return pages


# --- HTTP server ------------------------------------------------------------------------

PUBLIC_BASE = "http://127.0.0.1:8765"  # `python -m crawlers.demo_site` serves here: digest links open there


class _DemoServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, address: tuple[str, int]) -> None:
        super().__init__(address, _Handler)
        self.pages: Pages = {}

    def handle_error(self, request: Any, client_address: Any) -> None:
        """A client that hangs up early is normal for a crawler; anything else is reported."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


class _Handler(BaseHTTPRequestHandler):
    server: _DemoServer
    server_version = "DuluanDemo/1.0"

    def _respond(self, with_body: bool) -> None:
        path = unquote(urlsplit(self.path).path)
        found = self.server.pages.get(path)
        if found is None and not path.endswith("/") and path + "/" in self.server.pages:
            self.send_response(301)
            self.send_header("Location", path + "/")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        status = 200
        if found is None:
            status = 404
            found = (HTML, render("not_found.html", path=path).encode("utf-8"))
        content_type, body = found
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if with_body:
            self.wfile.write(body)

    def do_GET(self) -> None:
        self._respond(with_body=True)

    def do_HEAD(self) -> None:
        self._respond(with_body=False)

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: no request log on stderr."""


@contextmanager
def serve(host: str = "127.0.0.1", port: int = 0, canonical_base: str = PUBLIC_BASE) -> Iterator[str]:
    """Serve the demo site in a daemon thread; yield its base URL (no trailing slash).

    `port=0` picks a free port. The pages are rendered once the port is known, so feeds, sitemaps
    and listing links carry absolute URLs of this server; article pages name `canonical_base` (the
    address `python -m crawlers.demo_site` serves on) as their canonical URL, so the articles keep
    one identity whatever port a demo run used.
    """
    server = _DemoServer((host, port))
    shown = "127.0.0.1" if host in ("", "0.0.0.0") else host
    base = f"http://{shown}:{server.server_address[1]}"
    server.pages = build_pages(base, canonical_base=canonical_base)
    thread = threading.Thread(target=server.serve_forever, name="demo-site", daemon=True)
    thread.start()
    try:
        yield base
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


# --- crawl sources ----------------------------------------------------------------------

_NOTE = "Bundled demo site (crawlers.demo_site): fictional articles written for duluan, served on 127.0.0.1."


def demo_sources(base_url: str) -> list[dict[str, Any]]:
    """Source entries (valid `config.models.Source`) for the two outlets of the demo site."""
    base = base_url.rstrip("/")
    xl, tn = OUTLETS["xu_lang"], OUTLETS["tin_nhanh"]
    return [
        {
            "id": xl.id,
            "name": xl.name,
            "url": base + xl.prefix,
            "scope": xl.scope,
            "enabled": True,
            "verified": True,
            "note": _NOTE + " Provincial paper, read with CSS selectors.",
            "discovery": [
                {"kind": "rss", "url": f"{base}{xl.prefix}rss.xml"},
                {
                    "kind": "listing",
                    "url": base + xl.prefix,
                    "link_selector": "a.article-link::attr(href)",
                    "next_selector": "a.next::attr(href)",
                    "max_pages": 10,
                },
            ],
            "allow": [rf"{xl.prefix}[a-z-]+/[a-z0-9-]+-\d{{7}}\.html(?:\?.*)?$"],
            "deny": [],
            "selectors": {
                "title": "h1.article-title",
                "sapo": "div.article-sapo",
                "body": "div#content-detail",
                "author": "div.author",
                "published": "div.date-line",
            },
        },
        {
            "id": tn.id,
            "name": tn.name,
            "url": base + tn.prefix,
            "scope": tn.scope,
            "enabled": True,
            "verified": True,
            "note": _NOTE + " National paper, read with trafilatura (no selectors).",
            "discovery": [
                {"kind": "sitemap", "url": f"{base}/sitemap.xml"},
                {"kind": "rss", "url": f"{base}{tn.prefix}rss.xml"},
            ],
            "allow": [rf"{tn.prefix}[a-z-]+/[a-z0-9-]+-\d{{6}}\.html(?:\?.*)?$"],
            "deny": [],
            "selectors": None,
        },
    ]
