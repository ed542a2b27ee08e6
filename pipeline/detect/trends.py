"""Daily topic counts in the local time zone: baselines for growth and bursts, series for trend charts."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from config import AppConfig
from pipeline.detect.scoring import Baseline
from storage.days import day_bounds
from storage.records import TopicMention
from storage.trends import topic_mentions


def as_of_for(day: date, tz: ZoneInfo, now: datetime) -> datetime:
    """The cut-off of a day's figures: its end, or now while the day is running."""
    return min(day_bounds(day, tz)[1], now)


@dataclass(frozen=True)
class TopicSeries:
    days: list[date]
    counts: dict[str, list[int]]  # topic id -> originals per day, aligned with `days`


def daily_counts(
    mentions: list[TopicMention], tz: ZoneInfo, first: date, last: date, *, originals_only: bool = True
) -> TopicSeries:
    days = [first + timedelta(days=i) for i in range((last - first).days + 1)]
    index = {d: i for i, d in enumerate(days)}
    per_topic: dict[str, Counter[int]] = {}
    for m in mentions:
        if originals_only and m.copy:
            continue
        i = index.get(m.published_at.astimezone(tz).date())
        if i is not None:
            per_topic.setdefault(m.topic_id, Counter())[i] += 1
    counts = {t: [c.get(i, 0) for i in range(len(days))] for t, c in sorted(per_topic.items())}
    return TopicSeries(days=days, counts=counts)


def topic_series(app: AppConfig, session: Session, last: date, as_of: datetime, days: int) -> TopicSeries:
    """Originals per topic and day over the `days` days ending with `last` (up to `as_of`)."""
    tz = ZoneInfo(app.settings.timezone)
    first = last - timedelta(days=days - 1)
    mentions = topic_mentions(session, day_bounds(first, tz)[0], as_of)
    return daily_counts(mentions, tz, first, last)


def baselines(app: AppConfig, session: Session, day: date, as_of: datetime) -> dict[str, Baseline]:
    """Every configured topic's count on `day` (up to `as_of`) against its previous `baseline_days` days."""
    n = app.settings.baseline_days
    series = topic_series(app, session, day, as_of, n + 1)
    out = {}
    for topic in app.topics.topics:
        counts = series.counts.get(topic.id, [0] * (n + 1))
        out[topic.id] = Baseline(topic_id=topic.id, today=counts[-1], history=tuple(counts[:-1]))
    return out
