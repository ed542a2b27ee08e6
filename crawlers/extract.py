"""Article extraction: site selectors when configured, trafilatura otherwise (the lead kept)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from parsel import Selector

from config.models import Selectors
from crawlers.dates import parse_iso, parse_vietnamese_date
from nlp.text import normalize

_BLOCKS = "p, h2, h3, h4, figcaption, blockquote, li"
_SAPO_CLASSES = ("sapo", "lead", "description", "summary", "chapeau")


@dataclass(frozen=True, kw_only=True)
class Extracted:
    title: str | None
    sapo: str | None
    text: str
    author: str | None
    published_at: datetime | None
    tags: tuple[str, ...]
    canonical_url: str | None
    method: str


def _clean(value: str | None) -> str | None:
    if value is None:
        return None
    value = normalize(value)
    return value or None


def _text_of(node: Selector) -> str:
    return " ".join(" ".join(node.css("::text").getall()).split())


def _first(page: Selector, *queries: str) -> str | None:
    for query in queries:
        value = page.xpath(query).get() if query.startswith(("/", "(")) else page.css(query).get()
        if value and value.strip():
            return value.strip()
    return None


def _json_ld(page: Selector) -> dict[str, Any]:
    """The first NewsArticle-like JSON-LD object (datePublished, author, keywords)."""
    for raw in page.css('script[type="application/ld+json"]::text').getall():
        try:
            data = json.loads(raw)
        except ValueError:
            continue
        items = (
            data if isinstance(data, list) else data.get("@graph", [data]) if isinstance(data, dict) else []
        )
        for item in items:
            if isinstance(item, dict) and "datePublished" in item:
                return item
    return {}


def _metadata(page: Selector) -> tuple[str | None, str | None, datetime | None, tuple[str, ...]]:
    """canonical URL, author, published time and tags from link/meta tags and JSON-LD."""
    ld = _json_ld(page)
    canonical = _first(page, 'link[rel="canonical"]::attr(href)', 'meta[property="og:url"]::attr(content)')
    author = ld.get("author")
    if isinstance(author, list):
        author = author[0] if author else None
    if isinstance(author, dict):
        author = author.get("name")
    author = author or _first(page, 'meta[name="author"]::attr(content)')
    published = parse_iso(str(ld.get("datePublished", ""))) if ld else None
    if published is None:
        iso = _first(
            page,
            'meta[property="article:published_time"]::attr(content)',
            'meta[itemprop="datePublished"]::attr(content)',
            "time[datetime]::attr(datetime)",
        )
        published = parse_iso(iso) if iso else None
    keywords = page.css('meta[property="article:tag"]::attr(content)').getall()
    if not keywords:
        raw = _first(
            page, 'meta[name="news_keywords"]::attr(content)', 'meta[name="keywords"]::attr(content)'
        )
        keywords = [k for k in (raw or "").split(",")]
    tags = tuple(t for t in (_clean(k) for k in keywords) if t)
    return canonical, _clean(str(author)) if author else None, published, tags


def _visible_date(page: Selector) -> datetime | None:
    xpath = (
        "//*[contains(@class,'date') or contains(@class,'time') or contains(@class,'publish')]"
        "[not(self::script)][not(self::style)]"
    )
    for node in page.xpath(xpath)[:20]:
        attr = node.attrib.get("datetime")
        found = parse_iso(attr) if attr else parse_vietnamese_date(_text_of(node))
        if found:
            return found
    return None


def _is_date_line(line: str) -> bool:
    """A short line that is only a date/time stamp (trafilatura keeps those as paragraphs)."""
    return len(line) <= 60 and any(c.isdigit() for c in line) and parse_vietnamese_date(line) is not None


def extract_with_selectors(html: str, selectors: Selectors, url: str) -> Extracted | None:
    page = Selector(text=html)
    canonical, author, published, tags = _metadata(page)
    body_node = page.css(selectors.body).xpath(".") if selectors.body else []
    if not body_node:
        return None
    body = body_node[0]
    tree = body.root.getroottree()
    dropped = [tree.getpath(n.root) for query in selectors.drop for n in body.css(query)]
    lines = []
    for block in body.css(_BLOCKS):
        path = tree.getpath(block.root)
        if any(path == d or path.startswith(d + "/") for d in dropped):
            continue
        if block.xpath("ancestor::*[self::figcaption or self::blockquote or self::li]"):
            continue
        text = _text_of(block)
        if text:
            lines.append(text)
    title = (
        _clean(_text_of(page.css(selectors.title)[0]))
        if selectors.title and page.css(selectors.title)
        else None
    )
    sapo = (
        _clean(_text_of(page.css(selectors.sapo)[0])) if selectors.sapo and page.css(selectors.sapo) else None
    )
    if selectors.author and page.css(selectors.author):
        author = _clean(_text_of(page.css(selectors.author)[0])) or author
    if selectors.published and page.css(selectors.published):
        node = page.css(selectors.published)[0]
        attr = node.attrib.get("datetime")
        published = (parse_iso(attr) if attr else parse_vietnamese_date(_text_of(node))) or published
    text = normalize("\n".join(lines))
    if not text:
        return None
    return Extracted(
        title=title or _clean(_first(page, 'meta[property="og:title"]::attr(content)')),
        sapo=sapo,
        text=text,
        author=author,
        published_at=published or _visible_date(page),
        tags=tags,
        canonical_url=canonical,
        method="selectors",
    )


def extract_generic(html: str, url: str) -> Extracted | None:
    """trafilatura for the body; the lead comes from a sapo-like element or the meta description."""
    import trafilatura

    page = Selector(text=html)
    canonical, author, published, tags = _metadata(page)
    document = trafilatura.bare_extraction(
        html, url=url, include_comments=False, include_tables=False, with_metadata=True
    )
    if document is None or isinstance(document, dict) or not document.text:
        return None
    lines = [line for line in normalize(document.text).split("\n") if line and not _is_date_line(line)]
    title = _clean(_first(page, "h1 ::text", 'meta[property="og:title"]::attr(content)') or document.title)
    sapo = None
    for cls in _SAPO_CLASSES:
        node = page.xpath(f"//*[contains(concat(' ', normalize-space(@class), ' '), ' {cls} ')]")
        if node:
            sapo = _clean(_text_of(node[0]))
            break
    sapo = sapo or _clean(_first(page, 'meta[name="description"]::attr(content)'))
    head = [x for x in lines[:3] if x != title and not (sapo and (x == sapo or sapo.startswith(x)))]
    lines = head + lines[3:]
    text = "\n".join(lines)
    if not text:
        return None
    if published is None:
        published = _visible_date(page) or (parse_iso(document.date) if document.date else None)
    return Extracted(
        title=title,
        sapo=sapo,
        text=text,
        author=author or _clean(document.author),
        published_at=published,
        tags=tags,
        canonical_url=canonical,
        method="trafilatura",
    )


def extract(html: str, url: str, selectors: Selectors | None = None) -> Extracted | None:
    """Extract one article page; None when no article body is found."""
    if selectors is not None:
        found = extract_with_selectors(html, selectors, url)
        if found is not None:
            return found
    return extract_generic(html, url)
