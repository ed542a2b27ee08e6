"""Page metadata shared by both extraction paths: canonical URL, title, lead, author, time, tags.

Sources, best first: JSON-LD (NewsArticle and friends), meta tags (Open Graph, article:*, itemprop),
then what the page shows (headline element, lead element, date line), then the URL itself.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from parsel import Selector

from crawlers.dates import date_from_url, parse_iso, parse_vietnamese_date
from nlp.text import normalize

# Class-name words that mark a lead paragraph (matched on whole words of the class, split on - and _).
_SAPO_WORDS = frozenset(
    {"sapo", "lead", "chapeau", "summary", "description", "excerpt", "teaser", "abstract"}
)
_DATE_NODES = (
    "//*[contains(@class,'date') or contains(@class,'time') or contains(@class,'publish')]"
    "[not(self::script)][not(self::style)][not(ancestor::script)]"
)
_TITLE_SUFFIX = re.compile(r"\s+[|–—-]\s+[^|–—-]{2,60}$")


@dataclass(frozen=True, kw_only=True)
class PageMeta:
    canonical_url: str | None
    title: str | None
    author: str | None
    declared_at: datetime | None
    published_at: datetime | None
    tags: tuple[str, ...]
    description: str | None


def clean(value: str | None) -> str | None:
    if value is None:
        return None
    value = normalize(value)
    return value or None


def text_of(node: Selector) -> str:
    """The node's text with blanks collapsed (text of script/style children left out)."""
    parts = node.xpath(".//text()[not(ancestor::script)][not(ancestor::style)]").getall()
    return " ".join(" ".join(parts).split())


def first(page: Selector, *queries: str) -> str | None:
    """The first non-blank value among CSS (or XPath, when starting with / or () queries."""
    for query in queries:
        value = page.xpath(query).get() if query.startswith(("/", "(")) else page.css(query).get()
        if value and value.strip():
            return value.strip()
    return None


def _ld_items(data: Any) -> list[dict[str, Any]]:
    if isinstance(data, list):
        return [x for item in data for x in _ld_items(item)]
    if not isinstance(data, dict):
        return []
    return [data, *_ld_items(data.get("@graph", []))]


def json_ld(page: Selector) -> dict[str, Any]:
    """The first article-like JSON-LD object (one with datePublished or headline)."""
    for raw in page.css('script[type="application/ld+json"]::text').getall():
        try:
            data = json.loads(raw, strict=False)
        except ValueError:
            continue
        for item in _ld_items(data):
            if "datePublished" in item or "headline" in item:
                return item
    return {}


def _ld_author(ld: dict[str, Any]) -> str | None:
    author = ld.get("author")
    if isinstance(author, list):
        author = author[0] if author else None
    if isinstance(author, dict):
        author = author.get("name")
    return str(author) if isinstance(author, str) and author.strip() else None


def choose_title(page: Selector, ld: dict[str, Any]) -> str | None:
    """The headline: an <h1> that agrees with og:title or <title>, else og:title/JSON-LD, else <h1>.

    Many sites wrap their logo in the first <h1>, so an <h1> is trusted only when it matches the
    page's declared title, or when nothing else is declared.
    """
    declared = [
        first(page, 'meta[property="og:title"]::attr(content)'),
        str(ld["headline"]) if isinstance(ld.get("headline"), str) else None,
        first(page, 'meta[name="title"]::attr(content)'),
    ]
    declared_clean = [c for c in (clean(d) for d in declared) if c]
    page_title = clean(first(page, "title::text"))
    headings = [h for h in (clean(text_of(n)) for n in page.css("h1")) if h]
    for heading in headings:
        if heading in declared_clean or (page_title and page_title.startswith(heading) and len(heading) > 15):
            return heading
    if declared_clean:
        return declared_clean[0]
    article_h1 = page.css("article h1, main h1")
    if article_h1:
        return clean(text_of(article_h1[0]))
    if headings:
        return headings[0]
    return _TITLE_SUFFIX.sub("", page_title) if page_title else None


def find_sapo(page: Selector) -> str | None:
    """A lead element: class words like sapo/lead/description, or itemprop=description/abstract."""
    nodes = page.xpath(
        "//body//*[@class or @itemprop][not(self::meta)][not(self::script)][not(self::style)]"
        "[not(ancestor::header)][not(ancestor::footer)][not(ancestor::nav)][not(ancestor::aside)]"
    )
    for node in nodes:
        itemprop = node.attrib.get("itemprop", "")
        words = set(re.split(r"[\s_-]+", node.attrib.get("class", "").lower())) | {itemprop.lower()}
        if not words & _SAPO_WORDS:
            continue
        text = clean(text_of(node))
        if text and 30 <= len(text) <= 1500:
            return text
    return None


_AUTHOR_WORDS = frozenset({"author", "byline", "tacgia", "tac", "writer"})
_AUTHOR_NODES = (
    "//body//*[contains(@class,'author') or contains(@class,'byline') or contains(@class,'tac')"
    " or contains(@class,'writer')][not(self::script)][not(ancestor::footer)]"
)


def find_author(page: Selector) -> str | None:
    """A visible by-line: itemprop/rel author, or an element whose class words name an author."""
    candidates = list(page.css('[itemprop="author"], [rel="author"]'))
    for element in page.xpath(_AUTHOR_NODES):
        words = set(re.split(r"[\s_-]+", element.attrib.get("class", "").lower()))
        if words & _AUTHOR_WORDS:
            candidates.append(element)
    for element in candidates:
        text = clean(text_of(element))
        if text and 2 <= len(text) <= 60 and not any(c.isdigit() for c in text):
            return text
    return None


def visible_date(page: Selector, *, relative: bool) -> datetime | None:
    """A date line on the page (an element whose class names a date/time). Relative lines ("2 giờ
    trước") only when `relative`: they are right on a live page, wrong on a saved copy."""
    for node in page.xpath(_DATE_NODES)[:30]:
        attr = node.attrib.get("datetime")
        if attr:
            found = parse_iso(attr)
        else:
            text = text_of(node)
            if len(text) > 120 or (not relative and "trước" in text.lower()):
                continue
            found = parse_vietnamese_date(text)
        if found:
            return found
    return None


def _declared_time(page: Selector, ld: dict[str, Any]) -> datetime | None:
    published = parse_iso(str(ld.get("datePublished", ""))) if ld else None
    if published is None:
        iso = first(
            page,
            'meta[property="article:published_time"]::attr(content)',
            'meta[itemprop="datePublished"]::attr(content)',
            'meta[name="pubdate"]::attr(content)',
            'meta[name="publishdate"]::attr(content)',
            '[itemprop="datePublished"]::attr(datetime)',
        )
        published = parse_iso(iso) if iso else None
    return published


def published_time(page: Selector, *urls: str | None) -> datetime | None:
    """Publication time when the page declares none: a date stamped in the URL (refined by the
    visible date line when both give the same day), else an absolute visible date, else a relative one."""
    shown = visible_date(page, relative=False)
    stamped = next((d for d in (date_from_url(u) for u in urls if u) if d is not None), None)
    if stamped is not None:
        return shown if shown is not None and shown.date() == stamped.date() else stamped
    return shown or visible_date(page, relative=True)


def page_metadata(page: Selector, url: str | None) -> PageMeta:
    ld = json_ld(page)
    canonical = first(page, 'link[rel="canonical"]::attr(href)', 'meta[property="og:url"]::attr(content)')
    author = (
        _ld_author(ld)
        or first(page, 'meta[name="author"]::attr(content)', 'meta[property="article:author"]::attr(content)')
        or find_author(page)
    )
    keywords = page.css('meta[property="article:tag"]::attr(content)').getall()
    if not keywords:
        raw = first(page, 'meta[name="news_keywords"]::attr(content)', 'meta[name="keywords"]::attr(content)')
        keywords = (raw or "").split(",")
    if not any(k.strip() for k in keywords) and isinstance(ld.get("keywords"), list | str):
        raw_ld = ld["keywords"]
        keywords = raw_ld.split(",") if isinstance(raw_ld, str) else [str(k) for k in raw_ld]
    declared = _declared_time(page, ld)
    tags = tuple(dict.fromkeys(t for t in (clean(k) for k in keywords) if t))
    description = clean(
        first(
            page, 'meta[name="description"]::attr(content)', 'meta[property="og:description"]::attr(content)'
        )
    )
    return PageMeta(
        canonical_url=canonical,
        title=choose_title(page, ld),
        author=clean(author) if author and not author.startswith("http") else None,
        declared_at=declared,
        published_at=declared or published_time(page, canonical, url),
        tags=tags,
        description=description,
    )
