"""The article's title: its printed headline, checked against the titles the publisher declares
(og:title, the JSON-LD headline, twitter:title) and <title> (`choose_title`)."""

from __future__ import annotations

import re
import unicodedata
from typing import Any
from urllib.parse import urlsplit

from parsel import Selector

from crawlers.nodes import clean, first

# what a page title puts between the headline and the site's name ("Headline | Báo X")
_SEPARATORS = (" | ", " - ", " – ", " — ")
_TITLE_SUFFIX = re.compile(r"\s+[|–—-]\s+[^|–—-]{2,60}$")


def _title_words(text: str) -> set[str]:
    return set(re.findall(r"\w+", text.lower()))


def _agrees(heading: str, declared: str) -> bool:
    """The headline and a declared title say the same thing: one contains the other, or most of the
    headline's words are in it (a site name appended, a word changed)."""
    if (
        heading == declared
        or (len(heading) >= 10 and heading in declared)
        or (len(declared) >= 10 and declared in heading)
    ):
        return True
    mine, theirs = _title_words(heading), _title_words(declared)
    return len(mine) >= 3 and len(mine & theirs) >= 0.6 * len(mine)


def _stems(text: str) -> set[str]:
    """A title's words cut to their first five letters: the same word inflected or compounded
    ("Hitzewelle" / "Hitzewellen", "tram" / "trams") counts once."""
    return {w[:5] for w in _title_words(text)}


def _reworded(heading: str, declared: list[str]) -> bool:
    """The page's only headline tells the story the declared titles tell in other words (an SEO
    title): a long headline sharing a good part of its words (by their stems) with one of them —
    not a section's name or a logo, which share none."""
    mine = _stems(heading)
    return len(mine) >= 6 and any(len(mine & _stems(d)) >= 0.3 * len(mine) for d in declared)


def _home_link(href: str) -> bool:
    """A link to a site's home page: "/", or an address with a host and no path or query (not "#"
    or "?page=2", which say nothing of where they lead)."""
    if href in ("/", "./"):
        return True
    parts = urlsplit(href)
    return bool(parts.netloc) and parts.path in ("", "/") and not parts.query


def _is_logo(node: Selector, text: str, site_names: set[str]) -> bool:
    """A site logo or name in a heading: the site's declared name, a heading made only of links to
    the home page (a logo, however many words the site's name has), or a short one of shallow
    links (a home link/image, a section)."""
    if text.lower() in site_names:
        return True
    links = [h.strip() for h in node.css("a::attr(href)").getall()]
    if links and all(_home_link(h) for h in links):
        return True
    return (
        bool(links)
        and all(h in ("/", "./", "#") or h.rstrip("/").count("/") <= 2 for h in links)
        and (len(text.split()) <= 3)
    )


def _site_part(heading: str, headings: list[str], checks: list[str]) -> bool:
    """The heading is (in) what a page title appends after a separator to another heading, or to a
    longer text ("Headline | Báo X" and a heading "Báo X"): the site's name in a logo, not a
    headline (in "Site | Headline" the headline is the longer part)."""
    for check in checks:
        for sep in _SEPARATORS:
            head, found, tail = check.rpartition(sep)
            if not found or heading.casefold() not in tail.casefold():
                continue
            if (head in headings and head != heading) or len(head) > len(tail):
                return True
    return False


# a heading inside a breadcrumb trail ("Home > Politik > Headline"): a <nav> or an element an attribute
# names a crumb, holding no paragraph (not a page or column whose class mentions its breadcrumbs)
_IN_BREADCRUMB = (
    "ancestor-or-self::*[self::nav or @*[contains(translate(., 'CRUMB', 'crumb'), 'crumb')]][not(.//p)]"
)


def _in_breadcrumb(node: Selector) -> bool:
    """The heading is the last item of a breadcrumb trail — the page's name for itself in its
    navigation (often an SEO title), not the headline printed over the article."""
    return bool(node.xpath(f"boolean({_IN_BREADCRUMB})").get() == "1")


def _one_text(node: Selector) -> bool:
    """A heading of one text: no element inside but inline emphasis and links, or its whole text in
    one element (`<h1><span>Headline</span></h1>`) — not a kicker or subtitle beside the headline."""
    if not node.xpath("./*[not(self::a or self::em or self::i or self::b or self::strong)]"):
        return True
    texts = node.xpath(".//text()[not(ancestor::script)][not(ancestor::style)]").getall()
    return sum(bool(t.strip()) for t in texts) == 1


def heading_text(node: Selector) -> str:
    """A heading's text as shown: inline pieces joined without inventing blanks ("da</span>: Th…"
    is "da: Th…"), a blank kept where the source has one (a piece ending in a blank, "da: </span>Th…")
    and between two words of separate elements."""
    raws = node.xpath(".//text()[not(ancestor::script)][not(ancestor::style)]").getall()
    out = ""
    blank_before = False  # the source has a blank since the last printed character
    for raw in raws:
        part = " ".join(raw.split())
        if not part:
            blank_before = blank_before or bool(raw)
            continue
        spaced = blank_before or raw[:1].isspace() or (out[-1:].isalnum() and part[:1].isalnum())
        out += (" " if out and spaced else "") + part
        blank_before = raw[-1:].isspace()
    return " ".join(out.split())


def _shown(text: str) -> str:
    """A title's visible characters (NFC) without blanks and invisible ones (soft hyphens, zero
    widths): two titles with the same are the same text however their blanks are typed — a printed
    headline and a declared title that differ only there (our reading of a heading's inline markup
    may lose a blank its CSS draws)."""
    return "".join(
        c for c in unicodedata.normalize("NFC", text) if not c.isspace() and unicodedata.category(c) != "Cf"
    )


def _forms(declared: str, site_names: set[str]) -> list[str]:
    """A declared title as given, without the site's name, and without a short last part after a
    separator (" - Section", " | Site") — the forms a printed headline may take of it."""
    forms = [declared, _cut_site_name(declared, site_names), _TITLE_SUFFIX.sub("", declared)]
    return [f for f in dict.fromkeys(forms) if f]


def choose_title(page: Selector, ld: dict[str, Any]) -> str | None:
    """The article's headline as the page prints it (its <h1>, or an element marked
    itemprop=headline), checked against the titles the publisher declares (og:title, the JSON-LD
    headline, twitter:title) and <title>:

    * a heading with the same text as a declared title but for blanks is that declared title, as
      the publisher typed it (our reading of inline markup can lose a blank the page's CSS draws);
      quote marks and punctuation stay as printed;
    * a heading that agrees with a declared title or <title> but words it differently wins over
      them (the printed headline, not an SEO title); a kicker printed before it is dropped;
    * a logo or the site's name in a heading is skipped (the declared site name, a heading of home
      links only, or the part a page title appends after the headline, "Headline | Báo X"), and so
      is an <h1> that is a breadcrumb trail's last item (the page's name for itself in its
      navigation, not the printed headline);
    * the page's one headline of one plain text that tells the story the declared titles tell in
      other words (a good part of its word stems shared; the page's other headings, section names,
      share none) is the title;
    * with no agreeing heading, the declared title (JSON-LD headline first, site name cut off —
      also a section and site name glued on after a bar, "…-Sectionㅣ Site").
    """
    ld_headline = str(ld["headline"]) if isinstance(ld.get("headline"), str) else None
    og = first(page, 'meta[property="og:title"]::attr(content)')
    twitter = first(page, 'meta[name="twitter:title"]::attr(content)', 'meta[name="title"]::attr(content)')
    declared_clean = [c for c in (clean(d) for d in (og, ld_headline, twitter)) if c]
    page_title = clean(first(page, "title::text"))
    site_names = {
        n.lower()
        for n in (
            clean(first(page, 'meta[property="og:site_name"]::attr(content)')),
            clean(str(ld.get("publisher", {}).get("name", "")))
            if isinstance(ld.get("publisher"), dict)
            else None,
        )
        if n
    }
    checks = [*declared_clean, *([page_title] if page_title else [])]
    nodes = page.css("h1, [itemprop=headline]:not(meta)")
    headings: list[str] = []
    kickers: dict[str, str] = {}
    plain: dict[str, bool] = {}  # a heading of one text (no kicker or subtitle element inside)
    for node in nodes:
        text = clean(heading_text(node))
        if (
            not text
            or len(text) > 300
            or text in headings
            or _is_logo(node, text, site_names)
            or _in_breadcrumb(node)
        ):
            continue
        headings.append(text)
        plain[text] = _one_text(node)
        before = node.xpath("preceding-sibling::*[1]")
        kicker = clean(heading_text(before[0])) if before else None
        if kicker and len(kicker) <= 60:
            kickers[text] = kicker
    headings = [h for h in headings if not _site_part(h, headings, checks)]
    for heading in headings:
        kicker = kickers.get(heading)
        if kicker:  # a kicker printed just before the headline, the declared title "Kicker: Headline"
            joined = {_shown(kicker + sep + heading).casefold() for sep in (": ", " – ", " - ")}
            same = next((d for d in declared_clean if _shown(d).casefold() in joined), None)
            if same:
                return same
        shown = _shown(heading)
        if len(shown) >= 8:
            for declared in declared_clean:
                same = next((f for f in _forms(declared, site_names) if _shown(f) == shown), None)
                if same:
                    return same
        for check in checks:
            if len(check) >= 15 and (heading.endswith(" " + check) or heading.endswith("-" + check)):
                return check  # a kicker printed before the headline ("Premier League Rückschlag…")
        if any(_agrees(heading, c) for c in checks):
            return heading
    related = [h for h in headings if _reworded(h, declared_clean)]
    if len(related) == 1 and plain[related[0]]:  # the others share no story with them: section names
        return related[0]
    fallback = [c for c in (clean(d) for d in (ld_headline, og, twitter)) if c]
    if fallback:
        return _cut_site_name(fallback[0], site_names, any_suffix=" | " in fallback[0])
    article_h1 = [h for h in (clean(heading_text(n)) for n in page.css("article h1, main h1")) if h]
    if article_h1:
        return article_h1[0]
    if headings:
        return headings[0]
    return _cut_site_name(page_title, site_names, any_suffix=True) if page_title else None


def _cut_site_name(title: str, site_names: set[str], *, any_suffix: bool = False) -> str:
    """A title without the " | Site name" (or " - Site name") it often ends with, or the site name
    glued on after a bar with a section before it ("…-정치ㅣ한국일보"); `any_suffix`: a short last
    part after a separator is cut even when the site's name is not known (<title>)."""
    for name in site_names:
        for sep in (*_SEPARATORS, " :: "):
            if title.lower().endswith(sep + name) and len(title) > len(sep + name) + 5:
                return title[: -len(sep + name)]
        if not title.lower().endswith(name.lower()):
            continue  # (the search below compiles a pattern per name: only where it can match)
        glued = re.search(rf"(?:-[^\W\d_]{{1,12}})?\s*[|ㅣ｜]\s*{re.escape(name)}$", title, re.IGNORECASE)
        if glued and glued.start() > 5:
            return title[: glued.start()]
    return _TITLE_SUFFIX.sub("", title) if any_suffix else title
