"""Text read from a parsed page's nodes: values cleaned of entities and blanks, a node's visible text,
the first non-blank value of several queries (shared by metadata, titles and site discovery), the
page's <body>; and the page parsed for extraction."""

from __future__ import annotations

import re
import weakref
from html import unescape

from lxml import etree
from parsel import Selector
from parsel.selector import create_root_node

from nlp.text import tidy

_LEADING_BLANKS = re.compile(r"[\s\ufeff]*")


def parse_page(html: str) -> Selector:
    """The page as `Selector(text=html)` parses it — the same preparation, parser and options, so
    the same tree — but with plain lxml elements: lxml.html's elements call a Python class lookup
    each time a node is read from the tree, a cost paid on every walk of the page. A text parsel
    may read as XML or JSON (it opens with "<?", "{" or "[") is left to parsel."""
    blanks = _LEADING_BLANKS.match(html)
    opening = html[blanks.end() if blanks else 0 :][:2]
    if opening.startswith(("<?", "{", "[")):
        return Selector(text=html)
    return Selector(root=create_root_node(html, etree.HTMLParser), type="html")


def squeeze(text: str) -> str:
    """The text without any blank: for finding one text inside another whatever their line breaks."""
    return "".join(text.split())


def clean(value: str | None) -> str | None:
    if value is None:
        return None
    value = tidy(unescape(value)) if "&" in value else tidy(value)
    return value or None


def text_of(node: Selector) -> str:
    """The node's text with blanks collapsed (text of script/style children left out)."""
    parts = node.xpath(".//text()[not(ancestor::script)][not(ancestor::style)]").getall()
    return " ".join(" ".join(parts).split())


# a query for a meta tag's attribute, `meta[name="description"]::attr(content)`: answered from the
# page's <meta> elements read once, not by a search of the whole page for each
_META_QUERY = re.compile(r'meta\[([\w:-]+)="([^"]*)"\]::attr\(([\w-]+)\)')
_META_INDEX: weakref.WeakKeyDictionary[Selector, dict[tuple[str, str], list[etree._Element]]] = (
    weakref.WeakKeyDictionary()
)


def values(page: Selector, query: str) -> list[str]:
    """`page.css(query).getall()`, a meta tag query answered from the page's indexed meta tags."""
    metas = _meta_values(page, query)
    return page.css(query).getall() if metas is None else metas


def _meta_values(page: Selector, query: str) -> list[str] | None:
    """What `page.css(query).getall()` gives for a meta tag query (`meta[property="og:title"]::attr(
    content)`: the attribute of every <meta> with that attribute value, in document order), read
    from the page's meta tags indexed on first use; None for any other query."""
    match = _META_QUERY.fullmatch(query)
    if match is None or page.type != "html" or not isinstance(page.root, etree._Element):
        return None
    index = _META_INDEX.get(page)
    if index is None:
        index = {}
        for meta in page.root.iter("meta"):
            for key, value in meta.items():
                index.setdefault((key, value), []).append(meta)
        _META_INDEX[page] = index
    attr, value, wanted = match.groups()
    found = (meta.get(wanted) for meta in index.get((attr, value), ()))
    return [v for v in found if v is not None]


def first(page: Selector, *queries: str) -> str | None:
    """The first non-blank value among CSS (or XPath, when starting with / or () queries."""
    for query in queries:
        metas = _meta_values(page, query)
        if metas is not None:
            value = metas[0] if metas else None
        else:
            value = page.xpath(query).get() if query.startswith(("/", "(")) else page.css(query).get()
        if value and value.strip():
            return value.strip()
    return None


def body_of(page: Selector) -> etree._Element | None:
    """The page's <body>: the first in document order, as `find(".//body")` — found among the
    root's children without walking the whole page (lxml's search reads on past its first match)."""
    root = page.root
    if not isinstance(root, etree._Element):
        return None
    for child in root:
        if child.tag == "body":
            return child
        if isinstance(child.tag, str) and (inner := child.find(".//body")) is not None:
            return inner
    return None
