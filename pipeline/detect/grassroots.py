"""Grassroots reports as detection's second signal: each report of the issue window joins a story of its
topic (the one sharing most places with it, else the highest scored), and adds the "dư luận cơ sở" part
to that story's score (`pipeline.detect.scoring.grassroots_points`). Reports on a topic no story of the window
carries make a story of their own — a topic only the collaborators report is still raised.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import date, timedelta
from zoneinfo import ZoneInfo

from config import AppConfig
from pipeline.detect.scoring import Baseline, GrassrootsFacts, StoryFacts, report_weight, score_story
from pipeline.detect.trends import day_bounds
from pipeline.render import clip
from storage.grassroots import GrassrootsReport
from storage.records import Issue

KEY_PREFIX = "coso"


def window_reports(reports: Sequence[GrassrootsReport], day: date, days: int) -> list[GrassrootsReport]:
    """The reports heard in the `days` days ending on `day` that have a topic, oldest first."""
    first = day - timedelta(days=days - 1)
    return sorted(
        (r for r in reports if r.topic_id and first <= r.heard_on <= day), key=lambda r: (r.heard_on, r.id)
    )


def facts_of(reports: Sequence[GrassrootsReport], day: date) -> GrassrootsFacts:
    return GrassrootsFacts(
        report_ids=tuple(r.id for r in reports),
        today=sum(1 for r in reports if r.heard_on == day),
        spread=dict(Counter(r.spread for r in reports)),
        mood=dict(Counter(r.mood for r in reports)),
        units=tuple(dict.fromkeys(r.unit for r in reports)),
        weight=round(sum(report_weight(r.spread, r.mood) for r in reports), 3),
    )


def _names(values: Sequence[str]) -> set[str]:
    """Place names without their qualifier ("xã Đồng Đăng" and "Đồng Đăng" meet)."""
    out = set()
    for v in values:
        low = v.lower()
        out.add(low)
        for q in ("xã ", "phường ", "thị trấn ", "huyện ", "thành phố ", "cửa khẩu "):
            if low.startswith(q):
                out.add(low[len(q) :])
    return out


def assign(
    reports: Sequence[GrassrootsReport], stories: Sequence[tuple[str, Sequence[str], float]]
) -> tuple[dict[int, list[GrassrootsReport]], dict[str, list[GrassrootsReport]]]:
    """Each report to one story of its topic: (story index -> reports, topic -> reports no story took).

    `stories` are (topic id, the places of its articles, its score before the reports)."""
    by_story: dict[int, list[GrassrootsReport]] = {}
    unmatched: dict[str, list[GrassrootsReport]] = {}
    places = [_names(p) for _, p, _ in stories]
    for report in reports:
        mine = _names([report.unit, *report.places])
        options = [i for i, (topic, _, _) in enumerate(stories) if topic == report.topic_id]
        if not options:
            unmatched.setdefault(str(report.topic_id), []).append(report)
            continue
        best = max(options, key=lambda i: (len(mine & places[i]), stories[i][2], -i))
        by_story.setdefault(best, []).append(report)
    return by_story, unmatched


def grassroots_issues(
    app: AppConfig,
    unmatched: dict[str, list[GrassrootsReport]],
    day: date,
    topic_baselines: dict[str, Baseline],
) -> list[Issue]:
    """A story per topic that only the collaborators report, when one of its reports was heard on the day."""
    tz = ZoneInfo(app.settings.timezone)
    out = []
    for topic_id, reports in sorted(unmatched.items()):
        if not any(r.heard_on == day for r in reports):
            continue
        topic = app.topic(topic_id)
        g = facts_of(reports, day)
        facts = StoryFacts(
            articles=0,
            copies=0,
            articles_today=0,
            outlets=(),
            negative=0,
            severity=topic.severity if topic else 2,
            local=True,  # a collaborator reports from a unit of the province
            baseline=topic_baselines.get(topic_id) or Baseline(topic_id, 0, ()),
            grassroots=g,
        )
        score, explanation = score_story(facts)
        name = topic.name if topic else topic_id
        units = ", ".join(g.units[:3]) + (" …" if len(g.units) > 3 else "")
        out.append(
            Issue(
                # topic first, like the press stories' `topic:<first article id>`
                story_key=f"{topic_id}:{KEY_PREFIX}{min(g.report_ids)}",
                topic_id=topic_id,
                title=clip(f"Dư luận tại cơ sở về {name.lower()} ({units})"),
                article_ids=(),
                outlets=(),
                score=score,
                explanation=explanation,
                recipients=tuple(app.route(topic_id)),
                first_published=day_bounds(min(r.heard_on for r in reports), tz)[0],
                last_published=day_bounds(max(r.heard_on for r in reports), tz)[0],
            )
        )
    return out
