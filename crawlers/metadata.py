"""Page metadata shared by both extraction paths: canonical URL, title, lead, author, time, tags.

Sources, best first: JSON-LD (NewsArticle and friends), meta tags (Open Graph, article:*, itemprop),
then what the page shows (headline element, lead element, date line), then the URL itself.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import datetime, tzinfo
from operator import itemgetter
from typing import Any

from parsel import Selector

from crawlers.dates import VN, date_from_url, declared_zone, parse_iso, parse_vietnamese_date
from crawlers.furniture import is_furniture
from crawlers.nodes import body_of, clean, first, text_of, values
from crawlers.titles import choose_title

# Class-name words that mark a lead paragraph (matched on whole words of the class, split on - and _).
_SAPO_WORDS = frozenset(
    {"sapo", "lead", "chapeau", "summary", "description", "excerpt", "teaser", "abstract", "tomtat"}
)
# "des"/"desc" (box-des-detail) mark a lead too, but not beside words of an image's caption
_SHORT_SAPO_WORDS = frozenset({"des", "desc"})
_MEDIA_WORDS = frozenset({"image", "img", "photo", "pic", "picture", "caption", "video", "media", "thumb"})


@dataclass(frozen=True, kw_only=True)
class PageMeta:
    canonical_url: str | None
    title: str | None
    author: str | None
    declared_at: datetime | None
    published_at: datetime | None
    tags: tuple[str, ...]
    description: str | None
    published_source: str | None = None  # json-ld, meta, date-line, byline, script, url, relative
    declared_body: str | None = None  # JSON-LD articleBody
    zone: tzinfo = VN  # the page's own zone, for dates it prints without an offset


def _ld_items(data: Any) -> list[dict[str, Any]]:
    """The objects of a JSON-LD block: itself, its @graph, and the article a WebPage holds as its
    mainEntity."""
    if isinstance(data, list):
        return [x for item in data for x in _ld_items(item)]
    if not isinstance(data, dict):
        return []
    nested = data.get("mainEntity")
    return [
        data,
        *_ld_items(data.get("@graph", [])),
        *(_ld_items(nested) if isinstance(nested, dict) else []),
    ]


# the wrappers old templates put around a script's text: <!-- … -->, //<![CDATA[ … //]]>
_SCRIPT_WRAPPER = re.compile(r"^\s*(?://\s*)?(?:<!\[CDATA\[|<!--)|(?://\s*)?(?:\]\]>|-->)\s*$")


_ARTICLE_TYPES = re.compile(r"Article|Posting|Report|NewsArticle|Blog", re.IGNORECASE)


def json_ld(page: Selector) -> dict[str, Any]:
    """The page's article in JSON-LD: the first object typed as an article (NewsArticle, BlogPosting,
    …), else the first with datePublished or headline (a WebPage, an item list's entry)."""
    fallback: dict[str, Any] = {}
    for raw in page.css('script[type="application/ld+json"]::text').getall():
        try:
            data = json.loads(_SCRIPT_WRAPPER.sub("", raw), strict=False)
        except ValueError:
            continue
        for item in _ld_items(data):
            kind = item.get("@type")
            kinds = " ".join(str(k) for k in kind) if isinstance(kind, list) else str(kind or "")
            if _ARTICLE_TYPES.search(kinds) and ("headline" in item or "datePublished" in item):
                return item
            if not fallback and ("datePublished" in item or "headline" in item):
                fallback = item
    return fallback


def _ld_author(ld: dict[str, Any]) -> str | None:
    author = ld.get("author")
    if isinstance(author, list):
        author = author[0] if author else None
    if isinstance(author, dict):
        author = author.get("name")
    return str(author) if isinstance(author, str) and author.strip() else None


_SAPO_MARK = re.compile("|".join(sorted(_SAPO_WORDS | _SHORT_SAPO_WORDS)), re.IGNORECASE)
_OUTSIDE = {"header", "footer", "nav", "aside"}


def find_sapo(page: Selector) -> str | None:
    """A lead element: class or id words like sapo/lead/description/des/tomtat ("tóm tắt"), or
    itemprop=description/abstract — after the page's first <h1> when it has one (a teaser in a
    listing above the article is not the lead), not in a header, footer, menu or sidebar."""
    body = body_of(page)
    if body is None:
        return None
    seen_h1 = body.find(".//h1") is None
    for node in body.iter():
        tag = node.tag if isinstance(node.tag, str) else ""
        if tag == "h1":
            seen_h1 = True
            continue
        if not seen_h1 or tag in ("meta", "script", "style", ""):
            continue
        marks = f"{node.get('class') or ''} {node.get('id') or ''} {node.get('itemprop') or ''}"
        if not _SAPO_MARK.search(marks):
            continue
        words = set(re.split(r"[\s_-]+", marks.lower()))
        short = bool(words & _SHORT_SAPO_WORDS) and not words & _MEDIA_WORDS
        if not (words & _SAPO_WORDS or short) or any(a.tag in _OUTSIDE for a in node.iterancestors()):
            continue
        texts = node.xpath(".//text()[not(ancestor::script)][not(ancestor::style)]")
        text = clean(" ".join(" ".join(str(t) for t in texts).split()))
        if text and 30 <= len(text) <= 1500:
            return text
    return None


_AUTHOR_WORDS = frozenset({"author", "byline", "tacgia", "tac", "writer"})
_LOWER_CLASS = "translate(@class, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')"
_AUTHOR_NODES = (  # class names in any case ("pAuthor")
    f"//body//*[contains({_LOWER_CLASS},'author') or contains({_LOWER_CLASS},'byline')"
    f" or contains(@class,'tac') or contains({_LOWER_CLASS},'writer')][not(self::script)]"
    "[not(ancestor::footer)]"
)


def find_author(page: Selector) -> str | None:
    """A visible by-line: itemprop/rel author, or an element whose class words name an author."""
    candidates = list(page.css('[itemprop="author"], [rel="author"]'))
    for element in page.xpath(_AUTHOR_NODES):
        words = set(re.split(r"[\s_-]+", element.attrib.get("class", "").lower()))
        # a class word naming an author, or one glued to a prefix or suffix ("ndauthor", "authorname")
        if words & _AUTHOR_WORDS or any(w.startswith(_GLUED) or w.endswith(_GLUED) for w in words):
            candidates.append(element)
    for element in candidates:
        text = clean(text_of(element))
        if text and 2 <= len(text) <= 60 and not any(c.isdigit() for c in text):
            return text
    return _signature(page)


_GLUED = ("author", "byline")
_RIGHT = (
    "//*[self::p or self::div][contains(translate(@style, ' ', ''), 'text-align:right') or @align='right']"
)
_NAME_WORD = re.compile(r"^[^\W\d_][\w.'’-]*$")


def _signature(page: Selector) -> str | None:
    """The author signed under the article: the last right-aligned paragraph (or <div>) of the page set
    wholly in bold, a name of one to five capitalised words (many outlets close the body so) — not
    in a sidebar or related box, unless that box holds the headline (a main column "sidebar-1")."""
    signed = page.xpath(_RIGHT)
    if not signed:
        return None
    headline = page.root.find(".//h1") if hasattr(page.root, "find") else None
    holders = list(headline.iterancestors()) if headline is not None else []
    for element in reversed(signed):
        text = clean(text_of(element))
        bold = clean(" ".join(text_of(b) for b in element.xpath("./strong | ./b")))
        if not text or text != bold or len(text) > 40 or _in_furniture(element.root, holders):
            continue
        names = text.split()
        if len(names) <= 5 and all(_NAME_WORD.match(w) and w[0].isupper() for w in names):
            return text
    return None


_DATE_WORDS = re.compile(r"date|time|publish|posted|ngay|thoigian|meta|byline|author|info|dateline", re.I)
_INLINE_DATE = re.compile(r"\d{1,4}[/.-]\d{1,2}[/.-]\d{2,4}")


# characters of text between a date line and the headline: just above it (a category, a share bar),
# and past the article's opening (its lead and first paragraphs) after it
_NEAR_BEFORE = 150
_PAST_OPENING = 600
_TEASER_PARTS = frozenset({"a", "h2", "h3", "h4", "h5", "h6"})


def _in_teaser(node: Any) -> bool:
    """Inside a link or a subheading: the date of another item (a related story's heading, a teaser
    link), not the article's own line."""
    return any(a.tag in _TEASER_PARTS for a in node.iterancestors())


def _in_furniture(node: Any, holders: list[Any]) -> bool:
    """In a sidebar, menu, footer or related box — unless that box holds the page's headline (the
    article's own column or header: a main column classed "sidebar-1", an "article-header"), or is a
    header box beside the headline (the article's "header-content"; not the site's top bar). A share
    bar is no furniture here: date lines sit beside share buttons ("block_timer_share")."""
    near = [h for h in holders[:1] if h.tag not in ("body", "html")]
    for box in (node, *node.iterancestors()):
        if box in holders or not is_furniture(box, share=False):
            continue
        if box.getparent() in near and not is_furniture(box, header=False):
            continue
        return True
    return False


def _date_candidates(page: Selector) -> list[tuple[Any, str]]:
    """Elements that may print the article's date, each with its kind (date-line, byline, script),
    in the order to try them: after the headline nearest first, then before it nearest first; none
    inside sidebars, menus, footers or related/most-read boxes. A date line printed just before the
    headline, in the box that holds it (a date bar above the title), comes before every candidate
    that lies past the article's opening text (a dated list or box after the body that no class
    marks as furniture)."""
    body = body_of(page)
    if body is None:
        return []
    headline_at = -1
    found: list[tuple[int, Any, str]] = []
    read: list[int] = []  # characters of visible text before each node, in document order
    chars = 0
    for i, node in enumerate(body.iter()):
        tag = node.tag if isinstance(node.tag, str) else ""
        read.append(chars)
        text, tail = node.text, node.tail
        if text and tag and tag not in ("script", "style", "noscript"):
            chars += len(text.strip())
        if tail:
            chars += len(tail.strip())
        if tag == "h1" and headline_at < 0:
            headline_at = i
        if tag == "script":
            text = node.text or ""
            if (
                not node.get("src")
                and node.get("type") in (None, "", "text/javascript")
                and (len(text) < 400 and _INLINE_DATE.search(text))
            ):
                found.append((i, node, "script"))
            continue
        if tag in ("style", "noscript") or not tag:
            continue
        marks = f"{node.get('class') or ''} {node.get('id') or ''} {node.get('itemprop') or ''}"
        if tag == "time" or _DATE_WORDS.search(marks):
            kind = "byline" if re.search(r"author|byline", marks, re.I) else "date-line"
            found.append((i, node, kind))
    headline = body.find(".//h1")
    holders = list(headline.iterancestors()) if headline is not None else []
    kept = [(i, n, k) for i, n, k in found if not _in_teaser(n) and not _in_furniture(n, holders)]
    if headline_at < 0:
        return [(n, k) for _, n, k in kept]
    after = sorted(((i - headline_at, n, k) for i, n, k in kept if i > headline_at), key=itemgetter(0))
    before = sorted(((headline_at - i, n, k) for i, n, k in kept if i < headline_at), key=itemgetter(0))
    boxes = {h for h in holders[:3] if h.tag not in ("body", "html")}
    opening = read[headline_at]
    near_before = [
        (d, n, k)
        for d, n, k in before
        if opening - read[headline_at - d] <= _NEAR_BEFORE and not boxes.isdisjoint(n.iterancestors())
    ]
    if near_before:
        far = [t for t in after if read[headline_at + t[0]] - opening > _PAST_OPENING]
        after = [t for t in after if t not in far]
        before = near_before + [t for t in before if t not in near_before] + far
    return [(n, k) for _, n, k in after] + [(n, k) for _, n, k in before]


def visible_date(page: Selector, *, relative: bool, zone: tzinfo = VN) -> tuple[datetime | None, str | None]:
    """The article's own printed date (date line, by-line, or a line an inline script writes), and
    its kind. Relative lines ("2 giờ trước") only when `relative`: right on a live page, wrong on a
    saved copy."""
    for node, kind in _date_candidates(page)[:40]:
        attr = node.get("datetime")
        if attr:
            found = parse_iso(attr, zone=zone) or parse_vietnamese_date(attr, fallback=False, zone=zone)
        else:
            text = " ".join(" ".join(node.itertext()).split()) if kind != "script" else (node.text or "")
            if not text or len(text) > (400 if kind == "script" else 160):
                continue
            is_relative = "trước" in text.lower() or " ago" in text.lower()
            if is_relative != relative:
                continue
            found = parse_vietnamese_date(text, fallback=False, zone=zone)
        if found:
            return found, ("relative" if relative else kind)
    return None, None


_DECLARED_TIMES = (
    'meta[property="article:published_time"]::attr(content)',
    'meta[itemprop="datePublished"]::attr(content)',
    'meta[name="pubdate"]::attr(content)',
    'meta[name="publishdate"]::attr(content)',
    'meta[property="og:published_time"]::attr(content)',
    'meta[name="article:published_time"]::attr(content)',
    'meta[name="date"]::attr(content)',
    '[itemprop="datePublished"]::attr(datetime)',
    '[itemprop="datePublished"]::attr(content)',
)
# every timestamp the page declares (published, modified, updated; <time datetime>), in one query
_PAGE_TIMES = (
    "//meta[contains(@property,'time') or contains(@property,'date') or contains(@name,'date')"
    " or contains(@itemprop,'date')]/@content | //time/@datetime"
)


def page_zone(page: Selector, ld: dict[str, Any]) -> tzinfo:
    """The zone the page's own timestamps declare (JSON-LD, meta tags, <time datetime>), for the
    dates it prints without one; Vietnam time when it declares none."""
    values = [str(ld.get(k, "")) for k in ("datePublished", "dateModified", "dateCreated")] if ld else []
    return declared_zone(values + page.xpath(_PAGE_TIMES).getall()[:20])


def _declared_time(
    page: Selector, ld: dict[str, Any], zone: tzinfo = VN
) -> tuple[datetime | None, str | None]:
    published = parse_iso(str(ld.get("datePublished", "")), zone=zone) if ld else None
    if published is not None:
        return published, "json-ld"
    iso = first(page, *_DECLARED_TIMES)
    published = (
        (parse_iso(iso, zone=zone) or parse_vietnamese_date(iso, fallback=False, zone=zone)) if iso else None
    )
    return (published, "meta") if published else (None, None)


def published_time(
    page: Selector, *urls: str | None, zone: tzinfo = VN
) -> tuple[datetime | None, str | None]:
    """Publication time when the page declares none: the article's own printed line (date line,
    by-line, inline script) before a date stamped in the URL (whose day it must agree with, when
    both are there), then a relative line ("2 giờ trước"), then the URL alone."""
    shown, kind = visible_date(page, relative=False, zone=zone)
    stamped = next((d for d in (date_from_url(u, zone=zone) for u in urls if u) if d is not None), None)
    if shown is not None and (stamped is None or abs(shown - stamped).days < 2):
        return shown, kind
    if stamped is not None:
        return stamped, "url"
    if shown is not None:
        return shown, kind
    return visible_date(page, relative=True, zone=zone)


def _by(author: str | None) -> str | None:
    """The author's name as printed, without the punctuation a by-line leaves after it ("Minh,")."""
    name = clean(author) if author and not author.startswith("http") else None
    return clean(name.rstrip(" ,;:|-–—")) if name else None


def page_metadata(page: Selector, url: str | None) -> PageMeta:
    ld = json_ld(page)
    canonical = first(page, 'link[rel="canonical"]::attr(href)', 'meta[property="og:url"]::attr(content)')
    author = (
        _ld_author(ld)
        or first(page, 'meta[name="author"]::attr(content)', 'meta[property="article:author"]::attr(content)')
        or find_author(page)
    )
    keywords = values(page, 'meta[property="article:tag"]::attr(content)')
    if not keywords:
        raw = first(page, 'meta[name="news_keywords"]::attr(content)', 'meta[name="keywords"]::attr(content)')
        keywords = (raw or "").split(",")
    if not any(k.strip() for k in keywords) and isinstance(ld.get("keywords"), list | str):
        raw_ld = ld["keywords"]
        keywords = raw_ld.split(",") if isinstance(raw_ld, str) else [str(k) for k in raw_ld]
    zone = page_zone(page, ld)
    declared, source = _declared_time(page, ld, zone)
    published = declared
    if declared is None or (declared.hour, declared.minute) == (0, 0):
        # a declared day without a clock time takes the printed time of that day — not another
        # midnight (a bare day in the URL or the date line), which would only lose the declared offset
        shown, kind = published_time(page, canonical, url, zone=zone)
        if declared is None or (
            shown is not None and shown.date() == declared.date() and (shown.hour, shown.minute) != (0, 0)
        ):
            published, source = shown, kind
    body = ld.get("articleBody")
    tags = tuple(dict.fromkeys(t for t in (clean(k) for k in keywords) if t))
    description = clean(
        first(
            page, 'meta[name="description"]::attr(content)', 'meta[property="og:description"]::attr(content)'
        )
    )
    return PageMeta(
        canonical_url=canonical,
        title=choose_title(page, ld),
        author=_by(author),
        declared_at=declared,
        published_at=published,
        tags=tags,
        description=description,
        published_source=source if published else None,
        declared_body=clean(body) if isinstance(body, str) else None,
        zone=zone,
    )
