"""Article extraction: site selectors when configured, trafilatura otherwise (the lead kept).

The body is the article's paragraphs, subheadings, quotes, list items and image captions in reading
order, one per line; the lead (sapo) is returned apart and never repeated in the body.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from parsel import Selector

from config.models import Selectors
from crawlers.dates import parse_iso, parse_vietnamese_date
from crawlers.metadata import PageMeta, clean, find_sapo, page_metadata, text_of
from nlp.text import normalize, strip_bidi, words

_BLOCKS = "p, h2, h3, h4, h5, figcaption, blockquote, li, pre"
# Lines that are page furniture, not article text (share bars, related boxes, comment prompts).
_FURNITURE = re.compile(
    r"^(?:tin liên quan|tin cùng chuyên mục|xem thêm|đọc thêm|bài liên quan|chia sẻ|bình luận"
    r"|gửi bình luận|ý kiến bạn đọc|từ khóa|tags?|>>.*|xem tiếp.*)\s*:?$",
    re.IGNORECASE,
)
# trafilatura's output elements that hold text, in reading order (list items and table cells nested).
_TRAFILATURA_LINES = {"p", "head", "item", "quote", "code", "cell"}
_SHORT_TEXT = 400  # characters; below this the slower, more thorough extraction is tried too


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


def _is_date_line(line: str) -> bool:
    """A short line that is only a date/time stamp (trafilatura keeps those as paragraphs)."""
    if len(line) > 60 or not any(c.isdigit() for c in line):
        return False
    return parse_vietnamese_date(line, fallback=False) is not None


def _is_display_headline(line: str, title: str | None) -> bool:
    """An upper-case banner repeating the headline at the top of a long-read body."""
    letters = [c for c in line if c.isalpha()]
    return len(letters) >= 10 and line == line.upper() and len(line) <= 200 and title is not None


def _strip_head(lines: list[str], title: str | None, sapo: str | None) -> list[str]:
    """Drop the title, the lead and display banners where they open the body."""
    out = list(lines)
    while out:
        line = out[0]
        if (
            line == title
            or (sapo and (line == sapo or sapo.startswith(line) or line.startswith(sapo)))
            or _is_display_headline(line, title)
            or _is_date_line(line)
        ):
            out.pop(0)
            continue
        break
    return out


def _body_lines(lines: list[str], meta: PageMeta) -> list[str]:
    kept = [line for line in lines if not _FURNITURE.match(line) and not _is_date_line(line)]
    if kept and meta.author and kept[-1] in (meta.author, f"({meta.author})"):
        kept.pop()
    return kept


def _selected_text(page: Selector, query: str | None) -> str | None:
    nodes = page.css(query) if query else []
    return clean(text_of(nodes[0])) if nodes else None


def extract_with_selectors(html: str, selectors: Selectors, url: str) -> Extracted | None:
    page = Selector(text=html)
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
    lines = _body_lines(_strip_head(normalize("\n".join(lines)).split("\n"), title, sapo), meta)
    text = "\n".join(lines)
    if not text:
        return None
    return Extracted(
        title=title,
        sapo=sapo,
        text=text,
        author=author,
        published_at=meta.declared_at or published or meta.published_at,
        tags=meta.tags,
        canonical_url=meta.canonical_url,
        method="selectors",
    )


def _image_key(src: str) -> str:
    return src.rsplit("/", 1)[-1].split("?", 1)[0]


def _captions(page: Selector) -> dict[str, str]:
    """Image file name -> the caption of its <figure> (trafilatura drops captions that are bare text)."""
    out: dict[str, str] = {}
    for figure in page.css("figure"):
        caption = figure.css("figcaption")
        text = text_of(caption[0]) if caption else ""
        if not text:
            continue
        for img in figure.css("img"):
            for attr in ("src", "data-src", "data-original"):
                if img.attrib.get(attr):
                    out[_image_key(img.attrib[attr])] = text
    return out


def _trafilatura_lines(html: str, url: str, page: Selector) -> list[str]:
    """Body lines of trafilatura's main text, captions included."""
    import trafilatura

    def run(fast: bool) -> Any:
        return trafilatura.bare_extraction(
            html,
            url=url,
            include_comments=False,
            include_tables=True,
            include_images=True,
            with_metadata=False,
            fast=fast,
        )

    # trafilatura's own algorithm first; its comparison with readability/jusText (3x slower) only
    # when that finds little.
    document = run(fast=True)
    if document is None or document.body is None or len(document.text or "") < _SHORT_TEXT:
        document = run(fast=False) or document
    if document is None or isinstance(document, dict) or document.body is None:
        return []
    captions = _captions(page)
    lines: list[str] = []
    pending: str | None = None  # a caption waiting to be emitted unless trafilatura kept it itself
    for element in document.body.iter(*_TRAFILATURA_LINES, "graphic"):
        if any(parent.tag in _TRAFILATURA_LINES for parent in element.iterancestors()):
            continue
        if element.tag == "graphic":
            if pending:
                lines.append(pending)
            pending = captions.get(_image_key(element.get("src", "")))
            continue
        text = " ".join(" ".join(element.itertext()).split())
        if pending and text != pending and (not lines or lines[-1] != pending):
            lines.append(pending)
        pending = None
        if text:
            lines.append(text)
    if pending:
        lines.append(pending)
    return normalize("\n".join(lines)).split("\n")


def _summarises(description: str, line: str) -> bool:
    """The meta description is this opening line, cut short or reworded (most of its words in it)."""
    if len(description) < 40:
        return False
    if line.startswith(description):
        return True
    said, opening = set(words(description)), set(words(line))
    return len(said) >= 8 and len(said & opening) >= 0.6 * len(said) and len(line) <= 3 * len(description)


def _htmldate(html: str) -> datetime | None:
    """Last resort for the publication day: htmldate's reading of the page (dates in scripts, paths)."""
    from htmldate import find_date

    found = find_date(html, extensive_search=False, original_date=True)
    return parse_iso(found) if found else None


def extract_generic(html: str, url: str) -> Extracted | None:
    """trafilatura for the body; the lead comes from a sapo-like element, the heading that follows the
    title, or the meta description when the body opens with it."""
    page = Selector(text=html)
    meta = page_metadata(page, url)
    lines = _trafilatura_lines(html, url, page)
    lines = [line for line in lines if line]
    if not lines:
        return None
    title = meta.title
    lines = _strip_head(lines, title, None)
    sapo = find_sapo(page)
    description = meta.description.rstrip(".… ") if meta.description else None
    if sapo is None and lines and description and _summarises(description, lines[0]):
        sapo = lines[0]
    sapo = sapo or meta.description
    lines = _body_lines(_strip_head(lines, title, sapo), meta)
    text = "\n".join(lines)
    if not text:
        return None
    published = meta.published_at or _htmldate(html)
    return Extracted(
        title=title,
        sapo=sapo,
        text=text,
        author=meta.author,
        published_at=published,
        tags=meta.tags,
        canonical_url=meta.canonical_url,
        method="trafilatura",
    )


def extract(html: str, url: str, selectors: Selectors | None = None) -> Extracted | None:
    """Extract one article page; None when no article body is found."""
    found = extract_with_selectors(html, selectors, url) if selectors is not None else None
    found = found or extract_generic(html, url)
    if found is None:
        return None
    # characters that reorder text never reach the stored title or lead (the body is normalised)
    return dataclasses.replace(found, title=strip_bidi(found.title), sapo=strip_bidi(found.sapo))
