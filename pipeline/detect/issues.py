"""Issue detection: stories of a day scored as pressing issues, each with the plain explanation of its score.

The score adds: volume (articles, copies count half), distinct outlets, the story's articles of the day,
the topic's growth against its own baseline (Poisson test, see detect.scoring), negativity, the topic's
severity and local relevance. A day's figures run to its end, or to now while it is running.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from config import AppConfig
from nlp.stories import group_stories, story_item
from pipeline.detect.grassroots import assign, facts_of, grassroots_issues, window_reports
from pipeline.detect.scoring import Baseline, StoryFacts, score_story
from pipeline.detect.trends import as_of_for, baselines
from pipeline.jobs import job_run, now_utc
from pipeline.render import clip
from storage import articles as repo
from storage import grassroots as grassroots_repo
from storage import issues as issue_repo
from storage.days import day_bounds
from storage.db import session_scope
from storage.grassroots import GrassrootsReport
from storage.records import ArticleView, Issue

__all__ = ["day_bounds", "detect_issues", "run_detect"]


def _story_topic(members: list[ArticleView]) -> str:
    totals: dict[str, float] = {}
    for article in members:
        for topic, score in article.topics.items():
            totals[topic] = totals.get(topic, 0.0) + score
    return max(sorted(totals), key=lambda t: totals[t])


def story_facts(
    members: list[ArticleView], day_start: datetime, severity: int, baseline: Baseline
) -> StoryFacts:
    return StoryFacts(
        articles=len(members),
        copies=sum(1 for a in members if a.dup_of is not None),
        articles_today=sum(1 for a in members if a.published_at and a.published_at >= day_start),
        outlets=tuple(sorted({a.source_name for a in members})),
        negative=sum(1 for a in members if a.tone == "negative"),
        severity=severity,
        local=any(a.local for a in members),
        baseline=baseline,
    )


def story_keys(
    groups: Sequence[tuple[str, Sequence[int]]], stored: Sequence[tuple[str, frozenset[int]]]
) -> list[str]:
    """A stable key for each (topic, article ids) story group.

    A group keeps the key of the stored story it shares most articles with (each stored key goes to one
    group at most), so a story keeps its key, and with it its alert history, while articles join it or
    leave the window. A new story is keyed `topic:first article id` (with a suffix if that key is taken).
    """
    stories_of: dict[int, list[int]] = {}
    for s, (_, members) in enumerate(stored):
        for article_id in members:
            stories_of.setdefault(article_id, []).append(s)
    shared = Counter(
        (g, s) for g, (_, ids) in enumerate(groups) for i in set(ids) for s in stories_of.get(i, ())
    )
    pairs = sorted((-n, g, s) for (g, s), n in shared.items())
    keys: list[str | None] = [None] * len(groups)
    used: set[int] = set()
    for _, g, s in pairs:
        if keys[g] is None and s not in used:
            keys[g] = stored[s][0]
            used.add(s)
    taken = {key for key, _ in stored} | {k for k in keys if k}
    for g, (topic, ids) in enumerate(groups):
        if keys[g] is None:
            key, n = f"{topic}:{min(ids)}", 1
            while key in taken:
                n += 1
                key = f"{topic}:{min(ids)}.{n}"
            keys[g] = key
            taken.add(key)
    return [k for k in keys if k is not None]


def detect_issues(
    app: AppConfig,
    articles: list[ArticleView],
    day: date,
    terms: dict[int, list[str]],
    topic_baselines: dict[str, Baseline],
    as_of: datetime | None = None,
    *,
    stored: Sequence[tuple[str, frozenset[int]]] = (),
    reports: Sequence[GrassrootsReport] = (),
) -> list[Issue]:
    """Issues of `day` from the annotated articles of the window ending that day, highest score first.

    `stored` holds the recent stories (key, article ids) whose keys continue (see `story_keys`);
    `reports` the collaborators' reports, the second signal (see `pipeline.detect.grassroots`)."""
    tz = ZoneInfo(app.settings.timezone)
    day_start, day_end = day_bounds(day, tz)
    end = min(day_end, as_of) if as_of else day_end
    window_start = day_start - timedelta(days=app.settings.issue_window_days - 1)
    when = {a.id: a.published_at for a in articles if a.topics and a.published_at and a.published_at < end}
    topical = [a for a in articles if a.id in when]
    keywords = {k.phrase for t in app.topics.topics for k in t.keywords}
    items = [
        story_item(
            a.id,
            outlet=a.source_id,
            published=when[a.id],
            topics=a.topics,
            terms=terms.get(a.id, []),
            places=a.places,
            dup_of=a.dup_of,
            people=a.people,
            keywords=keywords,
        )
        for a in topical
    ]
    by_id = {a.id: a for a in topical}
    issues = []
    window = timedelta(days=app.settings.story_window_days)
    current: list[tuple[str, list[ArticleView], list[int]]] = []
    for group in group_stories(items, window=window, threshold=app.settings.story_similarity):
        members = [by_id[i] for i in group if when[i] >= window_start]
        if any(when[a.id] >= day_start for a in members):
            current.append((_story_topic(members), members, group))
    keys = story_keys([(t, [a.id for a in m]) for t, m, _ in current], stored)
    all_facts = []
    for topic_id, members, _ in current:
        topic = app.topic(topic_id)
        baseline = topic_baselines.get(topic_id) or Baseline(topic_id, 0, ())
        all_facts.append(story_facts(members, day_start, topic.severity if topic else 2, baseline))
    heard = window_reports(reports, day, app.settings.issue_window_days)
    matched, unmatched = assign(
        heard,
        [
            (t, [p for a in m for p in a.places], score_story(f)[0])
            for (t, m, _), f in zip(current, all_facts, strict=True)
        ],
    )
    for n, (key, (topic_id, members, group)) in enumerate(zip(keys, current, strict=True)):
        facts = all_facts[n]
        if n in matched:
            facts = replace(facts, grassroots=facts_of(matched[n], day))
        score, explanation = score_story(facts)
        lead = max(members, key=lambda a: (a.dup_of is None, a.topics.get(topic_id, 0), -a.id))
        issues.append(
            Issue(
                story_key=key,
                topic_id=topic_id,
                title=lead.display_title,
                article_ids=tuple(a.id for a in members),
                outlets=facts.outlets,
                score=score,
                explanation=explanation,
                recipients=tuple(app.route(topic_id)),
                first_published=min(when[i] for i in group),
                last_published=max(when[a.id] for a in members),
            )
        )
    issues += grassroots_issues(app, unmatched, day, topic_baselines)
    return sorted(issues, key=lambda i: (-i.score, i.story_key))


@dataclass(frozen=True)
class TopIssue:
    id: int
    title: str
    score: float
    reason: str


@dataclass(frozen=True)
class DetectResult:
    """What one detection run found: the day's issues (the first five in `top`) and topic bursts."""

    day: date
    articles: int
    issues: int
    top: tuple[TopIssue, ...]
    stats: dict[str, Any]  # the job-run record's stats (bursts, as_of, grassroots reports)

    def as_stats(self) -> dict[str, Any]:
        return dict(self.stats)


def run_detect(app: AppConfig, day: date, *, now: datetime | None = None) -> DetectResult:
    """Detect and store the issues of `day` (figures up to the end of the day, or now)."""
    url = app.settings.resolved_database_url
    tz = ZoneInfo(app.settings.timezone)
    day_start, _ = day_bounds(day, tz)
    as_of = as_of_for(day, tz, now or now_utc())
    lookback = app.settings.story_window_days + app.settings.issue_window_days
    with job_run(app, "detect") as stats, session_scope(url) as session:
        articles = repo.annotated_between(session, day_start - timedelta(days=lookback), as_of)
        terms = repo.key_terms_of(session, (a.id for a in articles))
        topic_baselines = baselines(app, session, day, as_of)
        stored = issue_repo.recent_stories(session, day_start - timedelta(days=lookback), as_of)
        heard = grassroots_repo.reports_between(
            session, day - timedelta(days=app.settings.issue_window_days - 1), day, light=True
        )
        issues = detect_issues(
            app, articles, day, terms, topic_baselines, as_of, stored=stored, reports=heard
        )
        ids = [issue_repo.save_issue(session, issue, day, now_utc()) for issue in issues]
        rule = app.alerts.rules.topic_burst
        bursts = {
            t: b.as_dict()
            for t, b in topic_baselines.items()
            if b.is_burst(max_p_value=rule.max_p_value, min_articles=rule.min_articles)
        }
        stats.update(
            day=day.isoformat(),
            as_of=as_of.isoformat(),
            articles=len(articles),
            grassroots_reports=len(heard),
            issues=len(issues),
            bursts=bursts,
            top=[
                {
                    "id": i,
                    "title": clip(issue.title, 200),
                    "score": issue.score,
                    "reason": issue.explanation["text"],
                }
                for i, issue in zip(ids, issues[:5], strict=False)
            ],
        )
        result = DetectResult(
            day=day,
            articles=len(articles),
            issues=len(issues),
            top=tuple(TopIssue(**t) for t in stats["top"]),
            stats=dict(stats),
        )
    return result
