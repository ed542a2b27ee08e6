"""Page furniture: the sidebars, menus, footers, related, share and comment boxes around an article —
which elements are furniture (by tag and class words), and the lines of trafilatura's text that the
page has only there: a reader's comment kept after the article's end, the opening of a text taken
from a sidebar, a list of links typed into the body.
"""

from __future__ import annotations

import re
from itertools import pairwise

from lxml import etree
from parsel import Selector

from crawlers.nodes import body_of

# Class/id words of elements that are never the article: sidebars, menus, comment and related boxes.
_FURNITURE = re.compile(
    r"(?:^|[\s_-])(?:sidebar|aside|widget|related|comments?|most|popular|ranking|nav|menu|footer|header"
    r"|banner|advert|ads?|promo|share|social|newsletter|breadcrumb|tags?|recommend|trending|binh-?luan)"
    r"(?:$|[\s_-])",
    re.IGNORECASE,
)


def _classes(node: etree._Element) -> str:
    return f"{node.get('class') or ''} {node.get('id') or ''}"


def is_furniture(node: etree._Element, *, header: bool = True, share: bool = True) -> bool:
    """This element itself is a sidebar, menu, footer, related or comment box (by tag or class);
    `header=False`: a box classed only as a header is not; `share=False`: nor a share bar (where
    a date line often sits beside the buttons)."""
    classes = _classes(node)
    if not header:
        classes = re.sub("header", " ", classes, flags=re.IGNORECASE)
    if not share:
        classes = re.sub("share|social", " ", classes, flags=re.IGNORECASE)
    return node.tag in ("aside", "nav", "footer") or bool(_FURNITURE.search(classes))


def in_furniture(node: etree._Element) -> bool:
    """This element or one of its ancestors is furniture."""
    while node is not None:
        if is_furniture(node):
            return True
        node = node.getparent()
    return False


# list items, or paragraphs, made of one link ("<p><a>► Tin khác</a></p>" typed into an old body)
_LINK_ITEMS = ".//*[self::li or self::p][count(*) = 1][a][not(text()[normalize-space()])]/a"


def without_link_lists(lines: list[str], page: Selector) -> list[str]:
    """Without runs of two or more lines that are, on the page, list items (or paragraphs) made of one
    link each: a related-stories list typed into the body ("Tin liên quan:" and its links), a menu."""
    short = [len(line) <= 150 and not line.endswith((".", "!", "?", ":", ";", "…")) for line in lines]
    if len(lines) < 3 or not any(a and b for a, b in pairwise(short)):
        return lines  # no two headline-like lines in a row: no list to look up (the page is not walked)
    body = body_of(page)
    if body is None:
        return lines
    wanted = {line for line, ok in zip(lines, short, strict=True) if ok}
    linked: set[str] = set()
    for link in body.xpath(_LINK_ITEMS):  # items made of one link, filtered in libxml2
        text = " ".join("".join(link.itertext()).split())
        if text in wanted:
            linked.add(text)
    if not linked:
        return lines
    hit = [line in linked for line in lines]
    run = [hit[i] and ((i > 0 and hit[i - 1]) or (i + 1 < len(hit) and hit[i + 1])) for i in range(len(hit))]
    kept = [line for line, drop in zip(lines, run, strict=True) if not drop]
    return kept or lines


def placements(body: etree._Element, probes: set[str]) -> dict[str, list[tuple[bool, bool]]]:
    """For each probe (a line's opening), whether each element whose own text starts with it lies in
    a sidebar, menu or comment box (any ancestor; and one below <body>, whose classes say little:
    "ads-disable") — one pass over the page for every probe."""
    found: dict[str, list[tuple[bool, bool]]] = {p: [] for p in probes}
    if not probes:
        return found
    for node in body.iter("p", "div", "li", "span", "td", "a"):
        text = node.text
        if not text or len(text) < 30:  # (cheap: collapsing blanks only shortens it)
            continue
        own = " ".join(text.split())
        if len(own) < 30:
            continue
        hit = found.get(own[:30])
        if hit is not None:
            anywhere = in_furniture(node)
            hit.append((anywhere, anywhere and _in_box(node, body)))
    return found


def _in_box(node: etree._Element, body: etree._Element) -> bool:
    """Inside a furniture box below <body> — not the page's main column or article, nor a box that
    holds the headline (a main column classed "l-grid--article-sidebar")."""
    while node is not None and node is not body:
        if node.tag not in ("main", "article") and is_furniture(node) and node.find(".//h1") is None:
            return True
        node = node.getparent()
    return False


def head_probes(lines: list[str]) -> list[str]:
    """The openings of the first lines, to look up with `placements` (long lines only)."""
    return [line[:30] for line in lines[:5] if len(line) >= 30]


def tail_probes(lines: list[str]) -> list[str]:
    """The openings of the last lines, to look up with `placements` (long lines only)."""
    return [line[:30] for line in lines[-6:] if len(line) >= 30]


def sits_in_furniture(placed: dict[str, list[tuple[bool, bool]]], lines: list[str]) -> bool:
    """Most of the first lines are found inside sidebar/menu/comment containers."""
    probes = head_probes(lines)
    hits = sum(anywhere for p in probes for anywhere, _ in placed.get(p, []))
    return bool(probes) and hits * 2 >= len(probes)


def without_furniture_tail(placed: dict[str, list[tuple[bool, bool]]], lines: list[str]) -> list[str]:
    """trafilatura's lines without the last ones the page has only inside a comment, related or
    sidebar box (a reader's comment it kept after the article's end)."""
    end = len(lines)
    while end > 1 and len(lines[end - 1]) >= 30:
        where = placed.get(lines[end - 1][:30], [])
        if not where or not all(boxed for _, boxed in where):
            break
        end -= 1
    return lines[:end]
