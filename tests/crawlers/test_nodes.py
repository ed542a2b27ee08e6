"""The page parsed for extraction: the tree parsel would build, with plain lxml elements; its <body>."""

from __future__ import annotations

import pytest
from lxml import etree, html
from parsel import Selector

from crawlers.nodes import body_of, first, parse_page, values

PAGES = {
    "page": "<html><head><title>T</title></head><body><p>a</p><!-- c --><p>b&amp;c</p></body></html>",
    "fragment": "  <p>one</p>\x00<p>two</p>",
    "empty": "",
    "xml declaration": "\ufeff <?xml version='1.0'?><root><a>1</a></root>",
    "json": ' {"a": [1, 2]}',
}


@pytest.mark.parametrize("text", PAGES.values(), ids=PAGES.keys())
def test_parse_page_builds_parsels_tree(text: str) -> None:
    ours, parsels = parse_page(text), Selector(text=text)
    assert ours.type == parsels.type
    if isinstance(parsels.root, etree._Element):
        assert etree.tostring(ours.root) == etree.tostring(parsels.root)
    else:
        assert ours.root == parsels.root


def test_parse_page_elements_are_plain_lxml() -> None:
    """lxml.html's element classes cost a Python call per node read; extraction does not need them."""
    page = parse_page(PAGES["page"])
    assert not any(isinstance(node, html.HtmlElement) for node in page.root.iter())
    assert page.css("p::text").getall() == ["a", "b&c"]


BODIES = {
    "page": PAGES["page"],
    "no body tag": "<p>x</p>",
    "text before html": "x<html><body><div><p>y</p></div></body></html>",
    "no body": "<html><head><title>T</title></head></html>",
}


@pytest.mark.parametrize("text", BODIES.values(), ids=BODIES.keys())
def test_body_of_is_the_first_body(text: str) -> None:
    page = parse_page(text)
    assert body_of(page) is page.root.find(".//body")


META_PAGE = (
    '<html><head><meta name="description"><meta name="description" content=" ">'
    '<meta property="og:title" content="First"><meta property="og:title" content="Second"></head>'
    '<body><meta property="article:tag" content="a"><p>x</p><meta property="article:tag" content="b">'
    "</body></html>"
)
META_QUERIES = [
    'meta[property="og:title"]::attr(content)',
    'meta[name="description"]::attr(content)',
    'meta[property="article:tag"]::attr(content)',
    'meta[name="missing"]::attr(content)',
    "title::text",
]


@pytest.mark.parametrize("query", META_QUERIES)
def test_meta_queries_answer_as_parsel(query: str) -> None:
    page, parsels = parse_page(META_PAGE), Selector(text=META_PAGE).css(query)
    assert values(page, query) == parsels.getall()
    expected = parsels.get()
    assert first(page, query) == (expected.strip() if expected and expected.strip() else None)
