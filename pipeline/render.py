"""Rendering crawled text safely: bounded one-line strings, http(s)-only links, Jinja2 with autoescape.

Crawled titles and texts are hostile input. Every template gets them through `clip` (line breaks and control
characters collapsed, length bounded) and HTML templates autoescape; crawled text is only ever a value,
never part of a template, so `{{ … }}` inside a title stays literal.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from functools import cache
from urllib.parse import urlsplit

from jinja2 import Environment, PackageLoader, select_autoescape

from nlp.text import BIDI_CONTROLS

MAX_TITLE = 300
MAX_URL = 2000
# bidi controls reorder displayed text: dropped too
_CONTROL = re.compile(f"[\\x00-\\x1f\\x7f-\\x9f\\u2028\\u2029\\u200b-\\u200f\\ufeff{BIDI_CONTROLS}]")


def clip(value: object, limit: int = MAX_TITLE) -> str:
    """One bounded line: whitespace and line breaks collapsed, control characters dropped."""
    text = _CONTROL.sub(" ", "" if value is None else str(value))
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def safe_url(value: object) -> str:
    """The URL when it is http(s) and sane, else '#' (a crawled `javascript:` link must not be clickable)."""
    url = "" if value is None else str(value).strip()
    if len(url) > MAX_URL or _CONTROL.search(url) or any(c in url for c in " <>\"'`"):
        return "#"
    try:
        parts = urlsplit(url)
    except ValueError:
        return "#"
    return url if parts.scheme in ("http", "https") and parts.netloc else "#"


def vnum(value: float | int | None, digits: int = 1) -> str:
    """A number written the Vietnamese way: decimal comma, dot for thousands (1.234,5)."""
    if value is None:
        return "—"
    text = f"{value:,.{digits}f}" if isinstance(value, float) else f"{value:,}"
    return text.replace(",", "\0").replace(".", ",").replace("\0", ".")


def cell(value: object) -> str:
    """A table cell: dates as dd/mm/yyyy, numbers the Vietnamese way, text clipped."""
    if isinstance(value, datetime):
        return value.strftime("%d/%m/%Y %H:%M")
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, bool):
        return "có" if value else ""
    if isinstance(value, float):
        return vnum(value)
    if isinstance(value, int):
        return vnum(value)
    return clip(value, 1200)


@cache
def environment() -> Environment:
    env = Environment(
        loader=PackageLoader("pipeline", "templates"),
        autoescape=select_autoescape(["html", "html.j2"]),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["clip"] = clip
    env.filters["safe_url"] = safe_url
    env.filters["vnum"] = vnum
    env.filters["cell"] = cell
    return env
