"""Alerts of the watched subjects, per each watch's policy, as candidates of the existing alert path.

- each: one alert per new article matched live (not by a back-fill), copies left out;
- daily: one summary per day with coverage, raised for the day before (once it is complete);
- burst: only when the watch's day is a burst against its own baseline, or its tone turns negative.

Every subject is `once`: `pipeline.deliver.alerts.raise_alerts` keys the alert `<subject>:1:<recipient>` and
the alerts' unique key makes it exactly once per article (or day) and recipient, across restarts and
concurrent schedulers. Recipients: the watch's owner, then the bodies it is shared with.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from config import AppConfig
from pipeline.deliver.rules import Candidate
from pipeline.detect.trends import as_of_for, day_bounds
from pipeline.render import clip, safe_url
from pipeline.watch.stats import burst_reason, tone_reason, watch_stats
from storage import watches as repo
from storage.db import session_scope
from storage.watches import Watch, WatchArticle

MAX_LINKS = 9
LIVE_WINDOW = timedelta(days=2)  # an article matched live this recently, published since the day before


def _links(articles: list[WatchArticle]) -> list[dict[str, Any]]:
    return [
        {
            "title": clip(a.title or "(không tiêu đề)"),
            "url": safe_url(a.url),
            "outlet": clip(a.source_name, 100),
            "terms": list(a.terms),
        }
        for a in articles[:MAX_LINKS]
    ]


def _candidate(
    watch: Watch, subject: str, title: str, reason: str, magnitude: float, articles: list[WatchArticle]
) -> Candidate:
    return Candidate(
        subject=subject,
        kind="watch",
        topic_id="",
        title=clip(title),
        magnitude=magnitude,
        recipients=watch.recipients,
        once=True,
        payload={
            "watch_id": watch.id,
            "watch_name": clip(watch.name, 200),
            "query": clip(watch.query, 500),
            "topic_name": f"Chuyên đề theo dõi: {clip(watch.name, 200)}",
            "reason": reason,
            "articles": _links(articles),
        },
    )


def _each(watch: Watch, articles: list[WatchArticle], now: datetime, since: datetime) -> list[Candidate]:
    out = []
    for a in articles:
        if not a.live or a.dup_of is not None or a.matched_at < now - LIVE_WINDOW:
            continue
        if a.published_at is None or a.published_at < since:
            continue
        terms = ", ".join(a.terms)
        out.append(
            _candidate(
                watch,
                f"watch:{watch.id}:article:{a.id}",
                f"Chuyên đề “{clip(watch.name, 80)}”: {clip(a.title or '', 200)}",
                f"Bài viết mới thuộc chuyên đề theo dõi “{clip(watch.name, 200)}” (từ khớp: {terms}).",
                1.0,
                [a],
            )
        )
    return out


def watch_candidates(app: AppConfig, day: date, now: datetime) -> list[Candidate]:
    """The candidate alerts of every active watch for `day` (up to `now`)."""
    tz = ZoneInfo(app.settings.timezone)
    start, _ = day_bounds(day, tz)
    as_of = as_of_for(day, tz, now)
    out: list[Candidate] = []
    with session_scope(app.settings.resolved_database_url) as session:
        for watch in repo.list_watches(session, states=["active"]):
            if watch.policy == "each":
                recent = repo.watch_articles(session, watch.id, start - timedelta(days=1), as_of)
                out.extend(_each(watch, recent, now, start - timedelta(days=1)))
            elif watch.policy == "daily":
                before = day - timedelta(days=1)
                first, last = day_bounds(before, tz)
                items = [a for a in repo.watch_articles(session, watch.id, first, last) if a.dup_of is None]
                if items:
                    negative = sum(a.tone == "negative" for a in items)
                    out.append(
                        _candidate(
                            watch,
                            f"watch:{watch.id}:day:{before.isoformat()}",
                            f"Chuyên đề “{clip(watch.name, 80)}”: {len(items)} bài ngày {before:%d/%m/%Y}",
                            f"Tổng hợp ngày {before:%d/%m/%Y}: {len(items)} bài, {negative} bài có sắc thái "
                            "tiêu cực.",
                            float(len(items)),
                            items,
                        )
                    )
            elif watch.policy == "burst":
                stats = watch_stats(app, session, watch, day, day)
                d = stats.last
                if d is None:
                    continue
                today = [
                    a
                    for a in stats.articles
                    if a.dup_of is None and a.published_at and a.published_at < as_of
                ]
                if d.burst:
                    out.append(
                        _candidate(
                            watch,
                            f"watch:{watch.id}:burst:{day.isoformat()}",
                            f"Chuyên đề “{clip(watch.name, 80)}” tăng đột biến: {d.originals} bài trong ngày "
                            f"{day:%d/%m/%Y}",
                            burst_reason(clip(watch.name, 200), d),
                            float(d.originals),
                            today,
                        )
                    )
                if d.tone_turn:
                    out.append(
                        _candidate(
                            watch,
                            f"watch:{watch.id}:tone:{day.isoformat()}",
                            f"Chuyên đề “{clip(watch.name, 80)}” chuyển sắc thái tiêu cực "
                            f"ngày {day:%d/%m/%Y}",
                            tone_reason(clip(watch.name, 200), d),
                            float(d.negative),
                            [a for a in today if a.tone == "negative"],
                        )
                    )
    return out
