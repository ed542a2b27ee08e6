"""Article extraction: site selectors when configured, trafilatura otherwise (the lead kept).

The body is the article's paragraphs, subheadings, quotes, list items and image captions in reading
order, one per line; the lead (sapo) is returned apart and never repeated in the body.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from datetime import datetime, tzinfo
from typing import Any

from parsel import Selector

from config.models import Selectors
from crawlers.body import decide, in_layout_cell, overlap, with_captions
from crawlers.dates import parse_iso, parse_vietnamese_date
from crawlers.furniture import without_link_lists
from crawlers.metadata import PageMeta, find_sapo, page_metadata
from crawlers.nodes import body_of, clean, parse_page, squeeze, text_of
from nlp.text import strip_bidi, tidy, words

_BLOCKS = "p, h2, h3, h4, h5, figcaption, blockquote, li, pre"
# The headings of the boxes of other stories a page lists after (or inside) the article.
_LIST_HEADING = (
    r"(?:tin|bài|tin,? bài)(?: viết)? liên quan|tin cùng chuyên mục|cùng chuyên mục|có thể bạn quan tâm"
    r"|(?:các )?(?:tin|bài)(?: viết)?(?:,? bài(?: viết)?)? khác|(?:tin |bài )?(?:đọc|xem) nhiều(?: nhất)?"
    r"|tin mới(?: nhất| cập nhật)?|tin nổi bật|tin tiêu điểm|tin đã đưa"
)
# Lines that are page furniture, not article text (share bars, related boxes, comment prompts).
_FURNITURE = re.compile(
    rf"^(?:{_LIST_HEADING}|xem thêm|đọc thêm|chia sẻ|bình luận"
    r"|gửi bình luận|ý kiến bạn đọc|từ khóa|tags?|>>.*|xem tiếp.*|xem tin cùng ngày)\s*:?$"
    # a label and the linked headline of another story: "Đọc thêm: …", "Xem thêm: …"
    r"|^(?:đọc thêm|xem thêm|tin liên quan|bài liên quan|mời xem thêm)\s*:\s.{0,200}$",
    re.IGNORECASE,
)
# The heading of the readers' comments at the end of the body: the body ends there.
_COMMENTS_HEADING = re.compile(
    r"^(?:ý kiến bạn đọc|bình luận của bạn đọc|ý kiến của bạn|gửi ý kiến|bình luận|ý kiến|comments?)"
    r"\s*(?:\(\d+\))?\s*:?$",
    re.IGNORECASE,
)


# trafilatura's output elements that hold text, in reading order (list items and table cells nested).
_TRAFILATURA_LINES = ("p", "head", "item", "quote", "code", "cell")


@dataclass(frozen=True, kw_only=True)
class Extracted:
    title: str | None
    sapo: str | None
    text: str
    author: str | None
    published_at: datetime | None
    tags: tuple[str, ...]
    published_source: str | None = None  # where the time came from: json-ld, meta, date-line, url, …
    canonical_url: str | None
    method: str


def _is_date_line(line: str) -> bool:
    """A short line that is only a date/time stamp (trafilatura keeps those as paragraphs)."""
    if len(line) > 60 or not any(c.isdigit() for c in line):
        return False
    return parse_vietnamese_date(line, fallback=False) is not None


def _is_display_headline(line: str, title: str | None) -> bool:
    """An upper-case banner repeating the headline at the top of a long-read body."""
    cased = [c for c in line if c.isalpha() and c.lower() != c.upper()]  # scripts without case: never
    return len(cased) >= 10 and line == line.upper() and len(line) <= 200 and title is not None


def _strip_head(lines: list[str], title: str | None, sapo: str | None, *, points: bool = True) -> list[str]:
    """Drop the title, the lead and display banners where they open the body — and the points of a
    lead box of several (`points`), unless that leaves no body (then the lead is the article's own
    opening, not a box repeating it)."""
    out = list(lines)
    while out:
        line = out[0]
        if (
            line == title
            or (sapo and (line == sapo or sapo.startswith(line) or line.startswith(sapo)))
            or (points and sapo and len(line) >= 20 and line in sapo)
            or _is_display_headline(line, title)
            or _is_date_line(line)
        ):
            out.pop(0)
            continue
        break
    if not out and points and sapo:
        return _strip_head(lines, title, sapo, points=False)
    return out


_AFTER_TITLE = re.compile(r"\s*[|–—-]\s*.{1,40}")


def _drop_head_furniture(lines: list[str], title: str | None, author: str | None) -> list[str]:
    """Among the first lines of the body, drop the headline repeated (alone or with the site's name,
    " | Site") and the by-line (the author's name with a word or two: "Von …", "Par …", "… 기자")."""

    def furniture(line: str) -> bool:
        if title and (
            line == title or (line.startswith(title) and _AFTER_TITLE.fullmatch(line[len(title) :]))
        ):
            return True
        return bool(author and len(author) >= 4 and author in line and len(line) <= len(author) + 12)

    return [line for i, line in enumerate(lines) if i >= 4 or not furniture(line)]


def _from_headline(lines: list[str], title: str | None) -> list[str]:
    """The body from the headline on, where the extracted text repeats the headline after a run of
    short lines: a menu or a section list of an old table layout taken in with the article."""
    if not title:
        return lines
    at = next((i for i, line in enumerate(lines[:40]) if line == title), 0)
    if at >= 2 and all(len(line) <= 80 for line in lines[:at]):
        return lines[at:]
    return lines


_LIST_HEADING_LINE = re.compile(rf"^(?:{_LIST_HEADING})\s*:?$", re.IGNORECASE)


def _link_openings(page: Selector) -> set[str]:
    """The first 30 characters of every link's text on the page (another story's headline)."""
    texts = (" ".join(t.split()) for t in page.xpath("//body//a").xpath("normalize-space(.)").getall())
    return {t[:30] for t in texts if len(t) >= 15}


def _before_comments(lines: list[str], page: Selector | None = None) -> list[str]:
    """The body up to a comments heading after its opening (the readers' comments follow it; however
    many they are, the article's text comes before them), or up to the heading of a box of other
    stories ("Tin cùng chuyên mục", "Đọc nhiều nhất") followed only by such headings and the
    linked headlines of other stories, with their dates (a list after the article, whatever its
    classes; such a box inside the body is followed by the article's paragraphs)."""
    seen = 0
    links: set[str] | None = None
    for i, line in enumerate(lines):
        if i >= 3 and seen >= 300:
            if _COMMENTS_HEADING.match(line):
                return lines[:i]
            if page is not None and _LIST_HEADING_LINE.match(line):
                links = _link_openings(page) if links is None else links
                rest = lines[i + 1 :]
                if all(_LIST_HEADING_LINE.match(r) or (len(r) >= 15 and r[:30] in links) for r in rest):
                    return lines[:i]
        seen += len(line)
    return lines


def _body_lines(lines: list[str], meta: PageMeta, page: Selector | None = None) -> list[str]:
    lines = _before_comments(lines, page)
    kept = [line for line in lines if not _FURNITURE.match(line) and not _is_date_line(line)]
    if kept and meta.author and kept[-1] in (meta.author, f"({meta.author})"):
        kept.pop()
    return kept


def _selected_text(page: Selector, query: str | None) -> str | None:
    nodes = page.css(query) if query else []
    return clean(text_of(nodes[0])) if nodes else None


def extract_with_selectors(html: str, selectors: Selectors, url: str) -> Extracted | None:
    page = parse_page(html)
    meta = page_metadata(page, url)
    body_node = page.css(selectors.body) if selectors.body else []
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
        if block.xpath("ancestor::*[self::figcaption or self::blockquote or self::li or self::p]"):
            continue
        text = text_of(block)
        if text:
            lines.append(text)
    title = _selected_text(page, selectors.title) or meta.title
    sapo = _selected_text(page, selectors.sapo)
    author = meta.author
    if selectors.author and page.css(selectors.author):
        author = clean(text_of(page.css(selectors.author)[0])) or author
    published = None
    if selectors.published and page.css(selectors.published):
        node = page.css(selectors.published)[0]
        attr = node.attrib.get("datetime")
        published = parse_iso(attr) if attr else parse_vietnamese_date(text_of(node))
    lines = _body_lines(_strip_head(tidy("\n".join(lines)).split("\n"), title, sapo), meta)
    text = "\n".join(lines)
    if not text:
        return None
    return Extracted(
        title=title,
        sapo=sapo,
        text=text,
        author=author,
        published_at=meta.declared_at or published or meta.published_at,
        published_source=(meta.published_source if meta.declared_at or not published else "selectors"),
        tags=meta.tags,
        canonical_url=meta.canonical_url,
        method="selectors",
    )


def _layout_table(body: Any) -> bool:
    """trafilatura's output holds a page's layout table: one of its cells carries most of the text,
    other cells beside or below it carry text too (a menu, a side column, a footer)."""
    total = len("".join(body.itertext()))
    for table in body.iter("table"):
        sizes = sorted((len("".join(c.itertext()).strip()) for c in table.iter("cell")), reverse=True)
        if len(sizes) >= 2 and sizes[1] > 0 and sizes[0] >= 500 and sizes[0] >= 0.6 * total:
            return True
    return False


def _trafilatura_lines(html: str, url: str) -> tuple[list[str], bool]:
    """trafilatura's main text, one line per paragraph — with the same options as its plain
    `extract()` (its algorithm compared with readability and jusText; images left out, which
    otherwise changes what it keeps), so the generic path starts from exactly what it finds."""
    import trafilatura

    document = trafilatura.bare_extraction(
        html,
        url=url or None,
        include_comments=False,
        include_tables=True,
        include_images=False,
        with_metadata=False,
        fast=False,
    )
    if document is None or isinstance(document, dict) or document.body is None:
        return [], False
    if next(document.body.iter(*_TRAFILATURA_LINES), None) is None:
        return [], False  # not one paragraph: a menu or a bare link is no article
    # the whole body: text trafilatura leaves loose between its elements (a paragraph kept as the
    # tail of a heading) is part of what its extract() returns
    lines = [line for line in tidy(_element_text(document.body)).split("\n") if line]
    return lines, _layout_table(document.body)


def _element_text(element: Any) -> str:
    """An output element's text: blanks of the source collapsed, a <lb/> (a <br>) kept as a line
    break — a reader's letter written as one block split by <br> stays a list of paragraphs."""
    return "\n".join(" ".join(line.split()) for line in _marked_text(element).split(_BREAK))


_BREAK = "\x00"  # a <lb/> while the source's own newlines (mere blanks) are collapsed


def _marked_text(element: Any) -> str:
    parts = [element.text or ""]
    for child in element:
        if child.tag == "lb":
            parts.append(_BREAK)
        elif child.tag in _TRAFILATURA_LINES:  # a paragraph inside a table cell, a quote, an item
            parts.append(_BREAK + _marked_text(child) + _BREAK)
        else:
            parts.append(_marked_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _summarises(description: str, line: str) -> bool:
    """The meta description is this opening line, cut short or reworded (most of its words in it)."""
    if len(description) < 40:
        return False
    if line.startswith(description):
        return True
    said, opening = set(words(description)), set(words(line))
    return len(said) >= 8 and len(said & opening) >= 0.6 * len(said) and len(line) <= 3 * len(description)


def _opens_article(page: Selector, lead: str, title: str | None, lines: list[str]) -> bool:
    """The lead element is printed after the headline and just before the body's first line (at
    most a caption's worth of text between them), and is neither a link nor a caption: the
    article's own lead, not a box elsewhere, a teaser of another story or a lead image's caption."""
    body = body_of(page)
    if body is None or not lines:
        return False
    squeezed = squeeze(lead)
    for link in body.iter("a"):
        linked = squeeze("".join(link.itertext()))
        if len(linked) * 2 >= len(squeezed) and linked in squeezed:
            return False
    for box in body.xpath("//figure | //figcaption | //*[contains(@class, 'caption')]"):
        if squeezed[:40] in squeeze("".join(box.itertext())):
            return False  # a lead image's caption, printed there too
    flat = squeeze("".join(body.itertext()))
    start = flat.find(squeeze(title)) if title else 0
    at = flat.find(squeezed[:80], max(start, 0)) if start >= 0 else -1
    if at < 0:
        return False
    end = at + len(squeezed)
    first = flat.find(squeeze(lines[0])[:80], end)
    return 0 <= first - end <= 200


def _confirmed_lead(
    lead: str | None, lines: list[str], description: str | None, page: Selector, title: str | None
) -> str | None:
    """A lead found by class words, kept only when something else says it is this article's lead:
    the body opens with it, the meta description says the same, or — on a page without a meta
    description (a print view) — it is printed between the headline and the body's first line (a
    "teaser" or "summary" box elsewhere on the page is not the lead)."""
    if lead is None:
        return None
    if any(line == lead or lead.startswith(line) or line.startswith(lead) for line in lines[:3]):
        return lead
    if description:
        return lead if _summarises(description, lead) or overlap(description, lead) >= 0.6 else None
    return lead if _opens_article(page, lead, title, lines) else None


def _htmldate(html: str, zone: tzinfo) -> datetime | None:
    """Last resort for the publication day: htmldate's reading of the page (dates in scripts, paths)."""
    from htmldate import find_date

    found = find_date(html, extensive_search=False, original_date=True)
    return parse_iso(found, zone=zone) if found else None


def extract_generic(html: str, url: str, *, captions: bool = True) -> Extracted | None:
    """trafilatura for the body (its text unless the page's own article markup says otherwise, see
    `crawlers.body`), captions put back; the lead from a sapo-like element, or the opening line the
    meta description summarises."""
    page = parse_page(html)
    meta = page_metadata(page, url)
    found, layout_table = _trafilatura_lines(html, url)
    lines, why = decide(found, page, declared_body=meta.declared_body, headline=meta.title)
    if layout_table and why == "trafilatura":
        lines = in_layout_cell(lines, page, meta.title)
    lines = without_link_lists(lines, page)
    lines = _from_headline(lines, meta.title)
    if not lines:
        return None
    if captions:
        lines = with_captions(lines, page)
    title = meta.title
    lines = _drop_head_furniture(_strip_head(lines, title, None), title, meta.author)
    description = meta.description.rstrip(".… ") if meta.description else None
    sapo = _confirmed_lead(find_sapo(page), lines, description, page, title)
    if sapo is None and lines and description and _summarises(description, lines[0]):
        sapo = lines[0]
    lines = _body_lines(_strip_head(lines, title, sapo), meta, page)
    if sapo and sapo in lines[1:3]:  # the lead repeated after an opening caption or credit line
        lines.remove(sapo)
    text = "\n".join(lines)
    if not text:
        return None
    published, source = meta.published_at, meta.published_source
    if published is None:
        published, source = _htmldate(html, meta.zone), "htmldate"
    return Extracted(
        title=title,
        sapo=sapo,
        text=text,
        author=meta.author,
        published_at=published,
        published_source=source if published else None,
        tags=meta.tags,
        canonical_url=meta.canonical_url,
        method="trafilatura",
    )


def extract(
    html: str, url: str, selectors: Selectors | None = None, *, captions: bool = True
) -> Extracted | None:
    """Extract one article page; None when no article body is found. `captions=False`: the generic
    path leaves out the image captions trafilatura drops (for scoring against expected output that
    leaves them out; the crawler keeps them: photo stories are mostly captions)."""
    found = extract_with_selectors(html, selectors, url) if selectors is not None else None
    found = found or extract_generic(html, url, captions=captions)
    if found is None:
        return None
    # characters that reorder text never reach the stored title or lead (the body is normalised)
    return dataclasses.replace(found, title=strip_bidi(found.title), sapo=strip_bidi(found.sapo))
