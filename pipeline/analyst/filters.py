"""What the analysts' commands need from the configuration: filters checked and resolved (a recipient body
becomes the topics routed to it, a place name typed without accents becomes the gazetteer's names),
search hits as a table, and counts pivoted by one or two dimensions."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from zoneinfo import ZoneInfo

import pandas as pd

from config import AppConfig
from nlp.places import gazetteer
from nlp.text import fold, normalize
from storage.query import make_filters
from storage.search import SearchHit
from storage.search_filters import SearchFilters

TONES = ("negative", "neutral", "positive")
DIMENSIONS = ("topic", "recipient", "source", "place", "tone", "day", "week", "month")
NONE_LABEL = "(none)"
_UNIT_PREFIX = re.compile(r"^(?:xã|phường|thành phố)\s+", re.IGNORECASE)


class AnalystError(ValueError):
    """An option names something unknown (message is one line)."""


@dataclass(frozen=True, kw_only=True)
class FilterOptions:
    """The filter options of search, export and stats, as typed by the user."""

    since: date | None = None
    until: date | None = None
    sources: Sequence[str] = ()
    topics: Sequence[str] = ()
    recipient: str | None = None
    place: str | None = None
    tone: str | None = None
    story: int | None = None
    local_only: bool = False


def place_names(name: str) -> tuple[str, ...]:
    """Gazetteer names equal to `name` once folded (with or without xã/phường/thành phố), and `name`."""
    wanted = fold(_UNIT_PREFIX.sub("", name.strip()))
    displayed = {p.name for names in gazetteer().names.values() for n in names for p in n.places.values()}
    found = {n for n in displayed if fold(_UNIT_PREFIX.sub("", n)) == wanted}
    return tuple(sorted(found | {normalize(name.strip())}))


def resolve(app: AppConfig, options: FilterOptions) -> SearchFilters:
    """Check the options against the configuration and build the storage filters."""
    known_topics = {t.id for t in app.topics.topics}
    for topic in options.topics:
        if topic not in known_topics:
            raise AnalystError(f"unknown topic id {topic!r} (see `duluan config check` / topics.yaml)")
    known_sources = {s.id for s in app.sources.sources}
    for source in options.sources:
        if source not in known_sources:
            raise AnalystError(f"unknown source id {source!r} (known: {', '.join(sorted(known_sources))})")
    if options.tone is not None and options.tone not in TONES:
        raise AnalystError(f"unknown tone {options.tone!r}: use {', '.join(TONES)}")
    if options.since and options.until and options.until < options.since:
        raise AnalystError("--until is before --since")
    return make_filters(
        since=options.since,
        until=options.until,
        sources=options.sources or None,
        topics=options.topics or None,
        routed_topics=app.recipient_topics(options.recipient) if options.recipient else None,
        places=place_names(options.place) if options.place else None,
        tone=options.tone,
        story=options.story,
        local_only=options.local_only,
        tz=app.settings.timezone,
    )


def hits_frame(hits: Sequence[SearchHit]) -> pd.DataFrame:
    """Search hits as a table; matches in the title and snippet marked «…»."""
    return pd.DataFrame(
        {
            "id": [h.id for h in hits],
            "published_at": pd.to_datetime([h.published_at for h in hits], utc=True),
            "source_id": [h.source_id for h in hits],
            "title": [h.title_marked.marked() if h.title_marked else h.title for h in hits],
            "snippet": [h.snippet.marked() for h in hits],
            "url": [h.url for h in hits],
            "rank": [h.rank for h in hits],
        }
    )


def parse_dimensions(spec: str) -> list[str]:
    dims = [d.strip() for d in spec.split(",") if d.strip()]
    if not 1 <= len(dims) <= 2 or len(set(dims)) != len(dims):
        raise AnalystError("--by takes one or two different dimensions, e.g. topic,day")
    for dim in dims:
        if dim not in DIMENSIONS:
            raise AnalystError(f"unknown dimension {dim!r}: use {', '.join(DIMENSIONS)}")
    return dims


def _long(app: AppConfig, frame: pd.DataFrame, dims: list[str]) -> pd.DataFrame:
    """One row per (article, value of each dimension); articles without a value get NONE_LABEL."""
    tz = ZoneInfo(app.settings.timezone)
    local = frame["published_at"].dt.tz_convert(tz)
    routing = app.recipients.routing
    values = {
        "topic": frame["topics"],
        "recipient": frame["topics"].map(lambda ts: sorted({r for t in ts for r in routing.get(t, [])})),
        "source": frame["source_id"],
        "place": frame["places"],
        "tone": frame["tone"],
        "day": local.dt.strftime("%Y-%m-%d"),
        "week": local.dt.strftime("%G-W%V"),
        "month": local.dt.strftime("%Y-%m"),
    }
    out = pd.DataFrame({"id": frame["id"]})
    for dim in dims:
        column = values[dim].map(lambda v: (v or [NONE_LABEL]) if isinstance(v, list) else v)
        out[dim] = column.fillna(NONE_LABEL)
        out = out.explode(dim)
    return out


def pivot_counts(app: AppConfig, frame: pd.DataFrame, dims: list[str]) -> pd.DataFrame:
    """Distinct articles per value of one dimension, or a pivot of two (rows x columns) with totals."""
    long = _long(app, frame, dims)
    if len(dims) == 1:
        counts = long.groupby(dims[0])["id"].nunique().rename("articles").sort_values(ascending=False)
        return counts.to_frame()
    table = long.pivot_table(
        index=dims[0], columns=dims[1], values="id", aggfunc="nunique", fill_value=0, margins=True,
        margins_name="total",
    )  # fmt: skip
    return table.astype(int)
