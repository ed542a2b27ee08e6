"""A watch over a date range: articles per day and outlet, tone shares, first and latest article, the
stories inside it, and each day tested against the watch's own baseline (`pipeline.detect.scoring.Baseline`,
the same Poisson test as topic bursts, explained the same way).

A *turn in tone*: on a day with at least `min_articles` originals, the share of negative coverage is
at least `TONE_TURN_SHARE` and exceeds the baseline days' share by `TONE_TURN_RISE`.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from config import AppConfig
from pipeline.detect.scoring import Baseline
from pipeline.detect.trends import day_bounds
from pipeline.render import vnum
from storage import watches as repo
from storage.watches import Watch, WatchArticle

TONES = ("negative", "neutral", "positive")
TONE_TURN_SHARE = 0.5
TONE_TURN_RISE = 0.3


@dataclass(frozen=True)
class DayFigures:
    day: date
    articles: int  # every matched article published that day
    originals: int  # copies (near-duplicates) left out: what the burst test counts
    negative: int
    positive: int
    baseline: Baseline
    burst: bool
    tone_turn: bool
    baseline_negative_share: float


@dataclass(frozen=True)
class StoryRef:
    id: int
    title: str
    topic_id: str
    articles: int  # of the watch's articles in the story
    first_published: Any
    last_published: Any


@dataclass(frozen=True)
class WatchStats:
    watch: Watch
    first_day: date
    last_day: date
    articles: list[WatchArticle]  # in the range, oldest first
    days: list[DayFigures]
    by_outlet: list[tuple[str, int]]
    tone: dict[str, int]
    stories: list[StoryRef]

    @property
    def total(self) -> int:
        return len(self.articles)

    def share(self, tone: str) -> float:
        return self.tone.get(tone, 0) / self.total if self.total else 0.0

    @property
    def first(self) -> WatchArticle | None:
        return self.articles[0] if self.articles else None

    @property
    def latest(self) -> WatchArticle | None:
        return self.articles[-1] if self.articles else None

    @property
    def last(self) -> DayFigures | None:
        return self.days[-1] if self.days else None


def burst_reason(watch_name: str, d: DayFigures) -> str:
    b = d.baseline
    return (
        f"Chuyên đề “{watch_name}” có {b.today} bài trong ngày {d.day:%d/%m/%Y}, so với trung bình "
        f"{vnum(b.mean, 2)} bài/ngày trong {len(b.history)} ngày trước "
        f"(xác suất ngẫu nhiên p = {b.p_value:.1e})."
    )


def tone_reason(watch_name: str, d: DayFigures) -> str:
    share = d.negative / d.originals if d.originals else 0.0
    return (
        f"Sắc thái chuyển sang tiêu cực: {d.negative}/{d.originals} bài về chuyên đề “{watch_name}” "
        "trong ngày "
        f"{d.day:%d/%m/%Y} có sắc thái tiêu cực ({vnum(100 * share, 0)}%), so với "
        f"{vnum(100 * d.baseline_negative_share, 0)}% trong các ngày trước."
    )


def _local_day(a: WatchArticle, tz: ZoneInfo) -> date | None:
    return a.published_at.astimezone(tz).date() if a.published_at else None


def watch_stats(app: AppConfig, session: Session, watch: Watch, first: date, last: date) -> WatchStats:
    """The watch's figures over [first, last] (local days); the baseline reaches back before `first`."""
    tz = ZoneInfo(app.settings.timezone)
    n = app.settings.baseline_days
    rule = app.alerts.rules.watch_burst
    reach = first - timedelta(days=n)
    everything = repo.watch_articles(session, watch.id, day_bounds(reach, tz)[0], day_bounds(last, tz)[1])
    per_day: dict[date, list[WatchArticle]] = {}
    for a in everything:
        d = _local_day(a, tz)
        if d is not None:
            per_day.setdefault(d, []).append(a)

    def originals(d: date) -> list[WatchArticle]:
        return [a for a in per_day.get(d, []) if a.dup_of is None]

    days = []
    for i in range((last - first).days + 1):
        d = first + timedelta(days=i)
        history_days = [d - timedelta(days=k) for k in range(n, 0, -1)]
        history = tuple(len(originals(h)) for h in history_days)
        today = originals(d)
        baseline = Baseline(topic_id=f"watch:{watch.id}", today=len(today), history=history)
        past = [a for h in history_days for a in originals(h)]
        past_share = sum(a.tone == "negative" for a in past) / len(past) if past else 0.0
        negative = sum(a.tone == "negative" for a in today)
        share = negative / len(today) if today else 0.0
        days.append(
            DayFigures(
                day=d,
                articles=len(per_day.get(d, [])),
                originals=len(today),
                negative=negative,
                positive=sum(a.tone == "positive" for a in today),
                baseline=baseline,
                burst=baseline.is_burst(max_p_value=rule.max_p_value, min_articles=rule.min_articles),
                tone_turn=len(today) >= rule.min_articles
                and share >= TONE_TURN_SHARE
                and share - past_share >= TONE_TURN_RISE,
                baseline_negative_share=past_share,
            )
        )
    in_range = [a for a in everything if (d := _local_day(a, tz)) is not None and first <= d <= last]
    outlets = Counter(a.source_name for a in in_range)
    tone = Counter(a.tone or "neutral" for a in in_range)
    stories = []
    ids = {a.id for a in in_range}
    for story, members in repo.stories_with(session, ids):
        stories.append(
            StoryRef(
                id=story.id,
                title=story.title,
                topic_id=story.topic_id,
                articles=len(members),
                first_published=story.first_published,
                last_published=story.last_published,
            )
        )
    stories.sort(key=lambda s: (-s.articles, s.id))
    return WatchStats(
        watch=watch,
        first_day=first,
        last_day=last,
        articles=in_range,
        days=days,
        by_outlet=sorted(outlets.items(), key=lambda kv: (-kv[1], kv[0])),
        tone={t: tone.get(t, 0) for t in TONES},
        stories=stories,
    )
