"""Issue detection (first version): stories scored by volume, outlets, severity and local relevance."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from config import AppConfig
from nlp.stories import StoryItem, group_stories
from pipeline.jobs import job_run, now_utc
from storage import articles as repo
from storage import issues as issue_repo
from storage.db import session_scope
from storage.records import ArticleView, Issue


def day_bounds(day: date, tz: ZoneInfo) -> tuple[datetime, datetime]:
    start = datetime.combine(day, time.min, tzinfo=tz)
    return start, start + timedelta(days=1)


def _story_topic(members: list[ArticleView]) -> str:
    totals: dict[str, float] = {}
    for article in members:
        for topic, score in article.topics.items():
            totals[topic] = totals.get(topic, 0.0) + score
    return max(sorted(totals), key=lambda t: totals[t])


def score_story(
    members: list[ArticleView], day_start: datetime, severity: int
) -> tuple[float, dict[str, Any]]:
    """Score and its plain explanation: volume (copies count half), outlets, severity, local relevance."""
    volume = sum(0.5 if a.dup_of is not None else 1.0 for a in members)
    outlets = sorted({a.source_name for a in members})
    today = sum(1 for a in members if a.published_at and a.published_at >= day_start)
    local = any(a.local for a in members)
    parts = {
        "volume": round(volume, 2),
        "outlets": round(1.5 * (len(outlets) - 1), 2),
        "severity": 0.5 * (severity - 1),
        "local": 1.0 if local else 0.0,
        "today": 0.5 * today,
    }
    score = round(sum(parts.values()), 2)
    explanation = {
        "articles": len(members),
        "articles_today": today,
        "outlet_count": len(outlets),
        "outlets": outlets,
        "severity": severity,
        "local": local,
        "parts": parts,
    }
    return score, explanation


def detect_issues(
    app: AppConfig, articles: list[ArticleView], day: date, terms: dict[int, list[str]]
) -> list[Issue]:
    """Issues of `day` from the annotated articles of the window ending that day, highest score first."""
    tz = ZoneInfo(app.settings.timezone)
    day_start, day_end = day_bounds(day, tz)
    window_start = day_start - timedelta(days=app.settings.issue_window_days - 1)
    when = {
        a.id: a.published_at for a in articles if a.topics and a.published_at and a.published_at < day_end
    }
    topical = [a for a in articles if a.id in when]
    keywords = {k.phrase for t in app.topics.topics for k in t.keywords}
    items = [
        StoryItem(
            id=a.id,
            outlet=a.source_id,
            published=when[a.id],
            topics=frozenset(a.topics),
            terms=frozenset(t for t in terms.get(a.id, []) if t not in keywords),
            places=frozenset(a.places),
            dup_of=a.dup_of,
        )
        for a in topical
    ]
    by_id = {a.id: a for a in topical}
    issues = []
    window = timedelta(days=app.settings.story_window_days)
    for group in group_stories(items, window=window, threshold=app.settings.story_similarity):
        members = [by_id[i] for i in group if when[i] >= window_start]
        if not any(when[a.id] >= day_start for a in members):
            continue
        topic_id = _story_topic(members)
        topic = app.topic(topic_id)
        score, explanation = score_story(members, day_start, topic.severity if topic else 2)
        lead = max(members, key=lambda a: (a.dup_of is None, a.topics.get(topic_id, 0), -a.id))
        issues.append(
            Issue(
                story_key=f"{topic_id}:{group[0]}",
                topic_id=topic_id,
                title=lead.display_title,
                article_ids=tuple(a.id for a in members),
                outlets=tuple(explanation["outlets"]),
                score=score,
                explanation=explanation,
                recipients=tuple(app.route(topic_id)),
                first_published=min(when[i] for i in group),
                last_published=max(when[a.id] for a in members),
            )
        )
    return sorted(issues, key=lambda i: (-i.score, i.story_key))


def run_detect(app: AppConfig, day: date) -> dict[str, Any]:
    """Detect and store the issues of `day`."""
    url = app.settings.resolved_database_url
    tz = ZoneInfo(app.settings.timezone)
    day_start, day_end = day_bounds(day, tz)
    lookback = app.settings.story_window_days + app.settings.issue_window_days
    with job_run(app, "detect") as stats, session_scope(url) as session:
        articles = repo.annotated_between(session, day_start - timedelta(days=lookback), day_end)
        terms = repo.key_terms_of(session, (a.id for a in articles))
        issues = detect_issues(app, articles, day, terms)
        for issue in issues:
            issue_repo.save_issue(session, issue, day, now_utc())
        stats.update(day=day.isoformat(), articles=len(articles), issues=len(issues))
    return stats
