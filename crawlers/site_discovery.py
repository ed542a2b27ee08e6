"""`duluan sources discover URL`: find a site's feeds and sitemaps and write a `sources.yaml` entry.

Candidates come from the home page (<link rel=alternate> feeds, links that look like feeds or an
RSS index page), robots.txt `Sitemap:` lines and common paths; each is fetched and kept only when it
parses as a feed or sitemap with entries. The allow pattern is inferred from the article URLs found.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from typing import Any
from urllib.parse import urljoin, urlsplit

from parsel import Selector

from crawlers.discovery import BrokenDocument, feed_entries, sitemap_entries
from crawlers.fetch import Fetcher, FetchError
from crawlers.nodes import clean, first
from crawlers.pages import decode_html

COMMON_PATHS = (
    "/rss",
    "/rss.xml",
    "/rss/home.rss",
    "/rss/tin-moi-nhat.rss",
    "/home.rss",
    "/feed",
    "/atom.xml",
    "/sitemap.xml",
    "/sitemap_index.xml",
    "/sitemap-news.xml",
    "/news-sitemap.xml",
)
MAX_CANDIDATES = 30
_FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/xml", "text/xml")
_FEEDISH = re.compile(r"(?:\brss\b|/feed/?$|\.rss$|atom\.xml$|/rss[/.-])", re.IGNORECASE)
_DROPPED_LABELS = {"www", "vn", "com", "net", "org", "info", "edu", "biz"}


@dataclass
class SiteReport:
    url: str
    host: str
    name: str | None = None
    robots_allows_home: bool = True
    feeds: list[tuple[str, int]] = field(default_factory=list)  # (url, entries)
    sitemaps: list[tuple[str, str, int]] = field(default_factory=list)  # (url, kind, entries)
    article_urls: list[str] = field(default_factory=list)  # from feeds and sitemaps
    page_articles: list[str] = field(default_factory=list)  # article links of the home page
    tried: int = 0


def _candidates(fetcher: Fetcher, report: SiteReport, home: Selector | None) -> list[str]:
    found: list[str] = []
    if home is not None:
        for link in home.css('link[rel~="alternate"]'):
            if (link.attrib.get("type") or "").split(";")[0].strip() in _FEED_TYPES and link.attrib.get(
                "href"
            ):
                found.append(urljoin(report.url, link.attrib["href"]))
        for href in home.css("a::attr(href)").getall():
            if _FEEDISH.search(href.split("?")[0]):
                found.append(urljoin(report.url, href))
    rules = fetcher.robots(report.url)
    if rules is not None:
        found += [urljoin(report.url, s) for s in rules.sitemaps]
    root = f"{urlsplit(report.url).scheme}://{urlsplit(report.url).netloc}"
    found += [root + path for path in COMMON_PATHS]
    same_site = [u for u in dict.fromkeys(found) if _site_of(u) == _site_of(report.url)]
    return same_site[:MAX_CANDIDATES]


def _site_of(url: str) -> str:
    """host[:port] without a leading www."""
    netloc = urlsplit(url).netloc.lower().rsplit("@", 1)[-1]
    return netloc[4:] if netloc.startswith("www.") else netloc


def _read(fetcher: Fetcher, url: str, report: SiteReport, *, follow_index: bool) -> None:
    """Keep `url` when it is a feed or sitemap with entries; an HTML RSS index page is read one level."""
    report.tried += 1
    try:
        page = fetcher.get(url)
    except FetchError:
        return
    if page.status != 200 or not page.body:
        return
    try:
        entries = feed_entries(page.body, page.url)
    except BrokenDocument:
        entries = []
    if entries:
        report.feeds.append((page.url, len(entries)))
        report.article_urls += [e.url for e in entries]
        return
    try:
        kind, found = sitemap_entries(page.body, page.url)
    except BrokenDocument:
        kind, found = "", []
    if found:
        report.sitemaps.append((page.url, kind, len(found)))
        if kind == "urlset":
            report.article_urls += [e.url for e in found]
        return
    if follow_index and b"<html" in page.body[:2000].lower():
        index = Selector(text=decode_html(page.body, page.content_type))
        links = [urljoin(page.url, h) for h in index.css("a::attr(href)").getall() if _FEEDISH.search(h)]
        for link in list(dict.fromkeys(links))[:MAX_CANDIDATES]:
            if _site_of(link) == report.host and link not in {f for f, _ in report.feeds}:
                _read(fetcher, link, report, follow_index=False)


def discover_site(fetcher: Fetcher, url: str) -> SiteReport:
    """Find the feeds and sitemaps of the site at `url` (FetchError when its home page cannot be read)."""
    if "://" not in url:
        url = "https://" + url
    report = SiteReport(url=url, host=_site_of(url))
    home: Selector | None = None
    report.robots_allows_home = fetcher.allowed(url)
    if report.robots_allows_home:
        page = fetcher.get(url)
        if page.status != 200:
            raise FetchError(f"{url} answered HTTP {page.status}")
        home = Selector(text=decode_html(page.body, page.content_type))
        report.name = clean(first(home, 'meta[property="og:site_name"]::attr(content)', "title::text"))
        report.page_articles = article_links(home, page.url or url, report.host)
    for candidate in _candidates(fetcher, report, home):
        if candidate in {f for f, _ in report.feeds} | {s for s, _, _ in report.sitemaps}:
            continue
        if fetcher.allowed(candidate):
            _read(fetcher, candidate, report, follow_index=True)
    return report


# An article's last path segment: a slug ending in a long id (-20221224083224103, -post123456,
# /123456), or a slug of several words under a dated path (/2024/05/17/, -20240517).
_ID_SLUG = re.compile(r"(?:^|[-_/])[a-z]{0,8}\d{5,}(?:\.[a-z0-9]{2,5})?/?$", re.IGNORECASE)
_DATED = re.compile(r"/20\d{2}/[01]?\d/(?:[0-3]?\d/)?|[-_/]20\d{2}[01]\d[0-3]\d(?!\d)")
_NOT_ARTICLE = re.compile(
    r"/(?:tag|tags|tim-kiem|search|video|rss|author|tac-gia|page|trang)(?:/|-\d|$)", re.I
)


def looks_like_article(url: str) -> bool:
    """Whether a URL has the shape of an article rather than a section or utility page: a slug
    with an id, or a slug of at least four words, or a dated path with a slug."""
    path = urlsplit(url).path
    last = path.rstrip("/").rsplit("/", 1)[-1]
    stem = re.sub(r"\.[a-z0-9]{2,5}$", "", last, flags=re.IGNORECASE)
    if not stem or _NOT_ARTICLE.search(path) or _FEEDISH.search(path):
        return False
    words = [w for w in re.split(r"[-_]+", stem) if w]
    if _ID_SLUG.search(path) and (len(words) >= 3 or stem.isdigit()):
        return True
    if _DATED.search(path) and len(words) >= 2:
        return True
    return len(words) >= 5 and not stem.isdigit()


def article_links(page: Selector, base: str, host: str) -> list[str]:
    """The same site's article links of a home or section page (relative or absolute), in order."""
    found = []
    for href in page.css("a::attr(href)").getall():
        href = href.strip()
        if not href or href.startswith(("#", "javascript:", "mailto:", "tel:")):
            continue
        url = urljoin(base, href).split("#", 1)[0]
        if url.startswith(("http://", "https://")) and _site_of(url) == host and looks_like_article(url):
            found.append(url)
    return list(dict.fromkeys(found))


def infer_allow(host: str, urls: list[str]) -> list[str]:
    """A regex for the site's article URLs, from examples: the shared ending when most share one
    (`-1234567.html`, `-post123.vnp`), a dated path (`/2024/05/17/slug`), the shared extension,
    else the shared first path segment, else the host."""
    mine = [u for u in urls if _site_of(u) == host]
    prefix = rf"^https?://(?:www\.)?{re.escape(host)}/"
    if not mine:
        return [prefix]
    paths = [urlsplit(u).path for u in mine]
    ids = [re.search(r"/(\d{5,})(\.[a-z]+)?/?$", p) for p in paths]
    if all(ids):
        lengths = [len(m.group(1)) for m in ids if m]
        ext = Counter(m.group(2) or "" for m in ids if m).most_common(1)[0][0]
        digits = rf"\d{{{min(lengths)},{max(lengths)}}}"
        return [rf"{prefix}(?:[^/?#]+/)*{digits}{re.escape(ext)}/?(?:[?#].*)?$"]
    dated = [re.search(r"/20\d{2}/[01]?\d/(?:[0-3]?\d/)?", p) for p in paths]
    if sum(bool(m) for m in dated) >= 0.8 * len(paths):
        day = any(m and m.group(0).count("/") == 4 for m in dated)
        shape = r"20\d{2}/[01]?\d/[0-3]?\d/" if day else r"20\d{2}/[01]?\d/"
        return [rf"{prefix}(?:[^/?#]+/)*{shape}[^/?#]+/?(?:[?#].*)?$"]
    numbered = [re.search(r"-([a-z]*)(\d+)(\.[a-z]+)?/?$", p) for p in paths]
    hits = [m for m in numbered if m]
    if len(hits) >= 0.8 * len(paths):
        words = Counter(m.group(1) for m in hits).most_common(1)[0][0]
        ext = Counter(m.group(3) or "" for m in hits).most_common(1)[0][0]
        lengths = [len(m.group(2)) for m in hits]
        digits = rf"\d{{{min(lengths)},{max(lengths)}}}"
        return [rf"{prefix}(?:[^/?#]+/)*[^/?#]+-{re.escape(words)}{digits}{re.escape(ext)}/?(?:[?#].*)?$"]
    endings = [re.search(r"\.[a-z]+$", p) for p in paths]
    ext, n = Counter(m.group(0) if m else "" for m in endings).most_common(1)[0]
    if ext and n >= 0.8 * len(paths):
        return [rf"{prefix}(?:[^/?#]+/)*[^/?#]+{re.escape(ext)}(?:[?#].*)?$"]
    heads = Counter(p.strip("/").split("/")[0] for p in paths)
    head, n = heads.most_common(1)[0]
    if head and n >= 0.8 * len(paths):
        return [rf"{prefix}{re.escape(head)}/"]
    return [prefix]


def source_id_for(host: str) -> str:
    labels = [label for label in host.lower().split(":")[0].split(".") if label not in _DROPPED_LABELS]
    ident = re.sub(r"[^a-z0-9_]", "_", "_".join(labels) or "nguon")
    return ident if ident[0].isalpha() else "nguon_" + ident


def source_entry(report: SiteReport, *, source_id: str | None, scope: str, today: date) -> dict[str, Any]:
    """A `sources.yaml` entry (unverified) from a discovery report."""
    discovery: list[dict[str, Any]] = [{"kind": "rss", "url": url} for url, _ in report.feeds]
    discovery += [
        {"kind": "sitemap", "url": url} for url, kind, _ in report.sitemaps if kind == "sitemapindex"
    ]
    if not any(d["kind"] == "sitemap" for d in discovery):
        discovery += [{"kind": "sitemap", "url": url} for url, _, _ in report.sitemaps[:1]]
    if not discovery:
        discovery = [{"kind": "listing", "url": report.url, "max_pages": 1}]
    found = f"{len(report.feeds)} feed(s), {len(report.sitemaps)} sitemap(s) out of {report.tried} candidates"
    examples = list(dict.fromkeys([*report.article_urls, *report.page_articles]))
    robots = (
        "robots.txt allows the home page"
        if report.robots_allows_home
        else "robots.txt DISALLOWS the home page for duluan: the crawler will get nothing from this site"
    )
    note = (
        f"Found by `duluan sources discover` on {today.isoformat()}: {found}; {robots}. "
        f"Allow pattern inferred from {len(examples)} article URLs. No selectors: generic "
        "extraction. Unverified: crawl it once and check before relying on it."
    )
    return {
        "id": source_id or source_id_for(report.host),
        "name": report.name or report.host,
        "url": report.url,
        "scope": scope,
        "enabled": True,
        "verified": False,
        "note": note,
        "discovery": discovery,
        "allow": infer_allow(report.host, examples),
        "deny": [r"/(?:tag|tags|tim-kiem|search|video|rss)/"],
    }
