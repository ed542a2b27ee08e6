"""The generic path's body rules around trafilatura: captions put back, and the page's own article
markup when trafilatura disagrees strongly with it (what is page furniture: `crawlers.furniture`).

trafilatura's text is the default. Our rules only add what it is known to drop (bare-text image
captions inside the article flow) or replace its text when the evidence is strong: its text shares
little with the article the page declares (JSON-LD `articleBody`) or with the densest text block
that follows the headline, and that block reads as an article (long, few links, not a sidebar).
"""

from __future__ import annotations

import heapq
import re
from collections import Counter, defaultdict
from html import unescape
from operator import itemgetter

from lxml import etree
from parsel import Selector

from crawlers.furniture import (
    head_probes,
    in_furniture,
    placements,
    sits_in_furniture,
    tail_probes,
    without_furniture_tail,
)
from crawlers.nodes import body_of, squeeze
from nlp.text import tidy

_WORDS = re.compile(r"\w+")
_SKIP = {"script", "style", "noscript", "template", "svg", "button", "select", "option", "form"}
_CAPTION_WORDS = r"caption|image[_-]?desc|img[_-]?desc|photo[_-]?desc|chu[_-]?thich"
_CAPTION = re.compile(_CAPTION_WORDS, re.IGNORECASE)
# the same test on a long text (every class of a page): lower-cased first — with the four characters
# Python's case-blind matching takes for ASCII letters (İ, ı, ſ, K) mapped to them — it is 4x faster
_CAPTION_LOWER = re.compile(_CAPTION_WORDS)
_AS_ASCII = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"})
_BLOCK = {"p", "div", "section", "article", "li", "td", "blockquote", "h2", "h3", "h4", "figcaption", "pre"}


def _skipped(node: etree._Element) -> bool:
    """Not read as text: scripts, styles, controls, and forms — but not a form wrapping the page (an
    ASP.NET WebForms page holds everything in one <form>), one with paragraphs in it."""
    if node.tag != "form":
        return node.tag in _SKIP
    paragraphs = node.iter("p")
    return next(paragraphs, None) is None or next(paragraphs, None) is None or next(paragraphs, None) is None


def _bag(text: str) -> Counter[str]:
    return Counter(_WORDS.findall(text.lower()))


def overlap(found: str, reference: str) -> float:
    """Share of `found`'s words that `reference` also has (bags of lower-cased words)."""
    a, b = _bag(found), _bag(reference)
    total = sum(a.values())
    return sum((a & b).values()) / total if total else 0.0


def _flat_text(
    root: etree._Element, *, caption_classes: bool = True
) -> tuple[str, list[tuple[int, etree._Element]]]:
    """The page's visible text without blanks (so that inline markup cannot shift a match), and where
    each caption element starts in it (`caption_classes=False`: the caller knows no class in `root`
    names a caption, only <figcaption> elements are)."""
    parts: list[str] = []
    length = 0
    captions: list[tuple[int, etree._Element]] = []

    search = _CAPTION.search if caption_classes else None

    def walk(node: etree._Element) -> None:  # the hot loop of the generic path: kept lean
        nonlocal length
        tag = node.tag
        if tag in _SKIP and _skipped(node):
            return
        if not isinstance(tag, str):  # a comment or processing instruction: its tail only
            return
        if (
            tag == "figcaption" or (search is not None and (classes := node.get("class")) and search(classes))
        ) and _is_caption(node):
            captions.append((length, node))
        text = node.text
        if text and not text.isspace():
            chunk = "".join(text.split())
            parts.append(chunk)
            length += len(chunk)
        for child in node:
            walk(child)
            text = child.tail
            if text and not text.isspace():
                chunk = "".join(text.split())
                parts.append(chunk)
                length += len(chunk)

    walk(root)
    return "".join(parts), captions


def _is_caption(node: etree._Element) -> bool:
    if node.tag == "figcaption":
        return True
    classes = node.get("class") or ""
    if not classes or not _CAPTION.search(classes):
        return False
    # a caption-classed element next to an image (inside a figure, table or block holding an <img>)
    parent = node.getparent()
    for _ in range(3):
        if parent is None:
            return False
        if parent.tag in ("figure", "table") or parent.find(".//img") is not None:
            return True
        parent = parent.getparent()
    return False


def _node_text(node: etree._Element) -> str:
    texts = node.xpath(".//text()[not(ancestor::script)][not(ancestor::style)]")
    return tidy(" ".join(" ".join(str(t) for t in texts).split()))


def with_captions(lines: list[str], page: Selector) -> list[str]:
    """Put back the image captions trafilatura dropped, after the body line that precedes them on
    the page; only captions inside the body's span (not the sidebar's thumbnails)."""
    body = body_of(page)
    if body is None or not lines:
        return lines
    # every class below <body> in one string, read once (a class name holds no blank)
    classes = " ".join(body.xpath("./*//@class", smart_strings=False))
    if "aption" not in classes and "desc" not in classes and next(body.iter("figcaption"), None) is None:
        return lines  # no figcaption and no class of a caption below <body>
    own = body.get("class") or ""
    named = _CAPTION_LOWER.search(f"{own} {classes}".translate(_AS_ASCII).lower())
    flat, captions = _flat_text(body, caption_classes=named is not None)
    if not captions:
        return lines
    kept = set(lines)
    positions: list[int] = []
    cursor = 0
    for line in lines:
        squeezed = squeeze(line)
        at = -1
        for size in (120, 32, 12):  # the longest probe first: templated lines share openings
            if len(squeezed) >= min(size, 12):
                at = flat.find(squeezed[:size], cursor)
                if at >= 0:
                    break
        positions.append(at)
        if at >= 0:
            cursor = at
    located = [(at, i) for i, at in enumerate(positions) if at >= 0]
    if not located:
        return lines
    first_at, last_at = located[0][0], located[-1][0] + len(squeeze(lines[located[-1][1]]))
    inserts: dict[int, list[str]] = {}
    seen: set[str] = set()
    outer: set[etree._Element] = set()
    for at, node in captions:
        if any(parent in outer for parent in node.iterancestors()):
            continue  # a caption part inside a caption already taken (text, then credit)
        outer.add(node)
        text = _node_text(node)
        if not text or len(text) > 400 or text in kept or text in seen:
            continue
        if at > last_at or at < first_at - 300:
            continue
        if any(text in line for line in lines):
            continue
        before = [i for pos, i in located if pos <= at]
        inserts.setdefault(before[-1] if before else -1, []).append(text)
        seen.add(text)
    if not inserts:
        return lines
    out = list(inserts.get(-1, []))
    for i, line in enumerate(lines):
        out.append(line)
        out += inserts.get(i, [])
    return out


def _block_lines(node: etree._Element) -> list[str]:
    """A container's text as lines: blocks and <br> break lines, inline elements do not."""
    lines: list[str] = []
    current: list[str] = []

    def flush() -> None:
        text = " ".join(" ".join(current).split())
        if text:
            lines.append(text)
        current.clear()

    def walk(el: etree._Element) -> None:
        if not isinstance(el.tag, str) or (el.tag in _SKIP and _skipped(el)):
            return
        block = el.tag in _BLOCK
        if block or el.tag == "br":
            flush()
        if el.text:
            current.append(el.text)
        for child in el:
            walk(child)
            if child.tail:
                current.append(child.tail)
        if block:
            flush()

    walk(node)
    flush()
    return [tidy(line) for line in lines if tidy(line)]


def _link_density(node: etree._Element, length: int) -> float:
    linked = sum(len(" ".join("".join(a.itertext()).split())) for a in node.iter("a"))
    return linked / length if length else 1.0


def _headline_node(body: etree._Element, headline: str | None) -> etree._Element | None:
    if not headline:
        return None
    for node in body.iter("h1", "h2"):
        if " ".join("".join(node.itertext()).split()) == headline:
            return node
    return None


def densest_block(page: Selector, headline: str | None) -> tuple[list[str], bool]:
    """The text block that reads most like an article, and whether it follows the headline: for
    each element, the text of its own paragraphs (direct text, split at <br>, and its <p> children),
    few links, not inside a sidebar, menu or comment box; an element after the headline preferred."""
    node, after = _densest_node(page, headline)
    return (_block_lines(node), after) if node is not None else ([], False)


def in_layout_cell(lines: list[str], page: Selector, headline: str | None) -> list[str]:
    """trafilatura's lines when it took a whole layout table (an old page laid out in a <table>:
    menu column, article column, side column, footer row): only those the page has in the cell that
    holds the article's densest block (captions in a nested table stay), and those it does not
    have as such (text trafilatura joined)."""
    node, _ = _densest_node(page, headline)
    cell = (
        node
        if node is not None and node.tag == "td"
        else next(node.iterancestors("td"), None)
        if node is not None
        else None
    )
    body = body_of(page)
    if cell is None or body is None:
        return lines
    inside = _flat_text(cell)[0]
    everywhere = _flat_text(body)[0]
    kept = []
    for line in lines:
        probe = squeeze(line)[:40]
        if probe in inside or probe not in everywhere:
            kept.append(line)
    return kept or lines


def _densest_node(page: Selector, headline: str | None) -> tuple[etree._Element | None, bool]:
    body = body_of(page)
    if body is None:
        return None, False
    h1 = _headline_node(body, headline)
    h1_at = (h1.sourceline or -1) if h1 is not None else -1  # source lines: document order, cheaply
    scores: defaultdict[etree._Element, float] = defaultdict(float)
    for node in body.iter("p", "div", "td", "pre", "blockquote", "font"):
        if node.tag == "p":
            length = len(" ".join("".join(node.itertext()).split()))
        else:  # a container's own text (a letter written as one block split by <br>)
            length = len(" ".join(t.strip() for t in node.xpath("text()") if t.strip()))
        if length < 25:
            continue
        parent = node.getparent() if node.tag == "p" else node
        for share in (1.0, 0.5, 0.25):
            if parent is None or parent is body:
                break
            scores[parent] += length * share
            parent = parent.getparent()
    best: tuple[float, etree._Element] | None = None
    for node, value in heapq.nlargest(8, scores.items(), key=itemgetter(1)):  # = Counter.most_common
        if in_furniture(node):
            continue
        text_len = len(" ".join("".join(node.itertext()).split()))
        if _link_density(node, text_len) > 0.25:
            continue
        weight = value * (1.5 if h1_at >= 0 and (node.sourceline or 0) >= h1_at else 1.0)
        if best is None or weight > best[0]:
            best = (weight, node)
    if best is None:
        return None, False
    return best[1], h1_at >= 0 and (best[1].sourceline or 0) >= h1_at


def decide(
    trafilatura_lines: list[str], page: Selector, *, declared_body: str | None, headline: str | None
) -> tuple[list[str], str]:
    """trafilatura's lines unless the evidence says they are not the article: (lines, why)."""
    found = "\n".join(trafilatura_lines)
    if declared_body and len(declared_body) >= 300:
        if found and overlap(declared_body, found) >= 0.4:
            return trafilatura_lines, "trafilatura"
        block, _ = densest_block(page, headline)
        if block and overlap(declared_body, "\n".join(block)) >= 0.6:
            return block, "article-markup"
        return [line for line in tidy(declared_body).split("\n") if line], "json-ld"
    if len(found) < 200:  # next to nothing on the page itself: a page its scripts draw?
        shipped = script_article(page)
        if len("\n".join(shipped)) >= max(400, 3 * len(found)):
            return shipped, "script-data"
    if not found:
        return densest_block(page, headline)[0], "densest-block"
    body = body_of(page)
    misplaced = False
    if len(found) >= 1000 and body is not None:  # the densest block is computed only when misplaced
        placed = placements(body, {*head_probes(trafilatura_lines), *tail_probes(trafilatura_lines)})
        misplaced = sits_in_furniture(placed, trafilatura_lines)
        if not misplaced:
            return without_furniture_tail(placed, trafilatura_lines), "trafilatura"
    block, after_headline = densest_block(page, headline)
    text = "\n".join(block)
    if len(text) < 400 or not after_headline:
        return trafilatura_lines, "trafilatura"
    if len(found) < 1000 and len(text) >= 3 * len(found):
        return block, "densest-block"  # trafilatura kept a fragment of the article
    if overlap(found, text) < 0.3 and (
        misplaced
        or (
            body is not None
            and sits_in_furniture(placements(body, set(head_probes(trafilatura_lines))), trafilatura_lines)
        )
    ):
        return block, "densest-block"  # it took a sidebar or comment box for the article
    return trafilatura_lines, "trafilatura"


_ESCAPED_CODE = re.compile(r"\\+u([0-9a-fA-F]{4})")
_ESCAPED_MARK = re.compile(r'\\+(["/])')
_ESCAPED_BLANK = re.compile(r"\\+[nrt]")
# A paragraph's text stops at the next opening tag of a paragraph: on a hostile script of unclosed
# "<p>", a lazy match running to the end from each of them would be quadratic.
SCRIPT_CHARS = 2_000_000  # longer inline scripts are not read for an article
_OPENING = r"<(?:p|h[2-4]|li|blockquote)\b"
_PARAGRAPH = re.compile(
    rf"<(p|h[2-4]|li|blockquote)\b[^>]{{0,500}}>((?:(?!{_OPENING}).){{0,20000}}?)</\1>", re.DOTALL
)
_TAG = re.compile(r"<[^<>]*>")


def script_article(page: Selector) -> list[str]:
    """An article the page ships only as data for its scripts (a client-rendered page: Next.js
    flight data, a JSON state object), when its HTML shows no text: the longest run of HTML
    paragraphs inside one inline script, its JSON escaping undone, one line per paragraph. Runs
    end where something other than markup or a short marker lies between two paragraphs."""
    root = page.root
    if not isinstance(root, etree._Element):
        return []
    best: list[str] = []
    for script in root.iter("script"):
        raw = (script.text or "")[:SCRIPT_CHARS]
        if script.get("src") or raw.count("u003cp") + raw.count("<p") < 3:
            continue
        text = _ESCAPED_CODE.sub(lambda m: chr(int(m.group(1), 16)), raw)
        text = _ESCAPED_BLANK.sub(" ", _ESCAPED_MARK.sub(r"\1", text))
        run: list[str] = []
        end = -1
        for match in _PARAGRAPH.finditer(text):
            gap = _TAG.sub("", text[end : match.start()]) if end >= 0 else ""
            if run and (len(gap.strip()) > 40 or '"' in gap):
                best = max(best, run, key=lambda r: len("".join(r)))
                run = []
            inner = re.sub(r"<br\s*/?>", " ", match.group(2))
            line = tidy(" ".join(unescape(_TAG.sub("", inner)).split()))
            if line:
                run.append(line)
            end = match.end()
        best = max(best, run, key=lambda r: len("".join(r)))
    return best if len(best) >= 3 else []
