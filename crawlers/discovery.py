"""Article URLs from feeds, sitemaps (index, urlset, news) and listing pages, with their dates.

Pure functions over response bodies: the spider decides what to request.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import urljoin

import feedparser
from lxml import etree
from parsel import Selector

from crawlers.dates import parse_iso, parse_vietnamese_date

_ABSOLUTE_DATE = re.compile(r"\d{1,2}[/.-]\d{1,2}[/.-]\d{4}|\d{4}-\d{2}-\d{2}")


@dataclass(frozen=True)
class Found:
    """A discovered URL and the publication (or last modification) time its index gave, if any."""

    url: str
    when: datetime | None = None


class BrokenDocument(ValueError):
    """A feed or sitemap that cannot be read at all."""


def feed_entries(body: bytes, base_url: str) -> list[Found]:
    """Links of an RSS or Atom feed. A feed with a few broken bytes keeps the entries read before them;
    a document that is not a feed at all raises BrokenDocument."""
    feed = feedparser.parse(body, sanitize_html=False, resolve_relative_uris=False)
    if feed.bozo and not any(e.get("link") for e in feed.entries):
        raise BrokenDocument(str(feed.get("bozo_exception", "not a feed")))
    if not feed.get("version"):
        raise BrokenDocument("not an RSS or Atom document")
    out = []
    for entry in feed.entries:
        link = entry.get("link") or entry.get("id")
        if not link or not isinstance(link, str):
            continue
        parsed = entry.get("published_parsed") or entry.get("updated_parsed")
        when = datetime.fromtimestamp(calendar.timegm(parsed), UTC) if parsed else None
        out.append(Found(urljoin(base_url, link.strip()), when))
    return out


def _local(tag: object) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def sitemap_entries(body: bytes, base_url: str) -> tuple[str, list[Found]]:
    """('sitemapindex' or 'urlset', entries). For news sitemaps the entry time is
    news:publication_date, else lastmod. Gzipped bodies are unpacked by the caller."""
    parser = etree.XMLParser(recover=True, resolve_entities=False, no_network=True, huge_tree=False)
    try:
        root = etree.fromstring(body, parser=parser)
    except etree.XMLSyntaxError as exc:
        raise BrokenDocument(str(exc)) from None
    if root is None or _local(root.tag) not in ("sitemapindex", "urlset"):
        raise BrokenDocument("not a sitemap")
    out = []
    for item in root:
        fields: dict[str, str] = {}
        for child in item.iter():
            name = _local(child.tag)
            if name in ("loc", "lastmod", "publication_date") and child.text and name not in fields:
                fields[name] = child.text.strip()
        if "loc" not in fields:
            continue
        stamp = fields.get("publication_date") or fields.get("lastmod")
        out.append(Found(urljoin(base_url, fields["loc"]), parse_iso(stamp) if stamp else None))
    return _local(root.tag), out


def _item_date(link: Selector) -> datetime | None:
    """A date shown next to a link on a listing: in the smallest ancestor holding only this link."""
    node = link
    href = link.attrib.get("href")
    for _ in range(4):
        parent = node.xpath("..")
        if not parent or parent[0].root.tag in ("body", "html"):
            break
        hrefs = set(parent[0].xpath(".//a/@href").getall())
        if len(hrefs - {href}) > 0:
            break
        node = parent[0]
    stamp = node.xpath(".//time/@datetime").get()
    if stamp:
        return parse_iso(stamp)
    text = " ".join(" ".join(node.xpath(".//text()[not(ancestor::script)]").getall()).split())
    if _ABSOLUTE_DATE.search(text):
        return parse_vietnamese_date(text, fallback=False)
    return None


def listing_links(page: Selector, base_url: str, link_selector: str | None) -> list[Found]:
    """Links of a listing page (all <a href>, or those `link_selector` picks) with any date shown
    beside each one."""
    if link_selector and link_selector.endswith("::attr(href)"):
        link_selector = link_selector[: -len("::attr(href)")]
    if link_selector and "::" in link_selector:  # some other attribute holds the URL
        return [Found(urljoin(base_url, href)) for href in page.css(link_selector).getall()]
    links = page.css(link_selector) if link_selector else page.css("a[href]")
    out = []
    for link in links:
        anchor = link if link.root.tag == "a" else (link.css("a[href]") or [None])[0]
        if anchor is None or not anchor.attrib.get("href"):
            continue
        out.append(Found(urljoin(base_url, anchor.attrib["href"]), _item_date(anchor)))
    return out


def next_page(page: Selector, base_url: str, next_selector: str | None) -> str | None:
    """The next listing page: `next_selector`, else <link rel=next> / <a rel=next>."""
    queries = [next_selector] if next_selector else []
    queries += ['link[rel="next"]::attr(href)', 'a[rel="next"]::attr(href)']
    for query in queries:
        value = page.css(query).get()
        if value and value.strip() and not value.strip().startswith(("#", "javascript:")):
            return urljoin(base_url, value.strip())
    return None
