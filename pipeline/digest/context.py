"""What the daily digest shows, gathered from storage: the template context of "ĐIỂM TIN NGÀY dd/mm/yyyy".

Sections: I. pressing issues (3–7 when the day has them), II. the province in national outlets,
III. provincial news, IV. false or distorted information (each at most 9 items, notable first), V. alerts
not acknowledged yet with their age; a 14-day topic trend chart, counts of critical and positive coverage,
and a footer naming the sources whose crawl failed in the last 24 hours. Before V, "Dư luận từ cơ sở":
the collaborators' reports of the day (`pipeline.deliver.grassroots`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from config import AppConfig
from pipeline.deliver.grassroots import digest_section
from pipeline.deliver.messages import chart_data_uri
from pipeline.detect.summary import summarize
from pipeline.detect.trends import as_of_for, topic_series
from pipeline.digest.charts import sparkline, top_topics, trend_png
from pipeline.digest.watches import watch_section
from pipeline.render import clip, safe_url
from storage import articles as repo
from storage import issues as issue_repo
from storage.alerts import open_alerts
from storage.days import day_bounds
from storage.db import session_scope
from storage.jobs import runs_between
from storage.records import ArticleView, Issue
from storage.source_health import failing_sources

MAX_ITEMS = 9
TREND_DAYS = 14
FALSE_INFO_TOPIC = "tin_gia_xuyen_tac"


@dataclass(frozen=True)
class DigestItem:
    title: str
    url: str
    outlet: str
    topics: list[str]


@dataclass(frozen=True)
class DigestIssue:
    issue: Issue
    title: str
    topic_name: str
    summary: str
    explanation: str
    articles: list[DigestItem]
    recipients: list[str]

    @property
    def by_outlet(self) -> list[tuple[str, list[DigestItem]]]:
        """The articles grouped by outlet, in order of first appearance."""
        groups: dict[str, list[DigestItem]] = {}
        for item in self.articles:
            groups.setdefault(item.outlet, []).append(item)
        return list(groups.items())


@dataclass
class DigestData:
    """The template context, plus the chart's PNG bytes (written next to the digest)."""

    context: dict[str, Any]
    chart: bytes | None = None
    issues_list: list[dict[str, Any]] = field(default_factory=list)


def select_issues(app: AppConfig, issues: list[Issue]) -> list[Issue]:
    """Issues at or above digest_min_score, topped up to digest_min_issues, at most digest_max_issues."""
    s = app.settings
    ranked = sorted(issues, key=lambda i: (-i.score, i.story_key))
    chosen = [i for i in ranked if i.score >= s.digest_min_score]
    if len(chosen) < s.digest_min_issues:
        chosen = ranked[: s.digest_min_issues]
    return chosen[: s.digest_max_issues]


def _notability(app: AppConfig, a: ArticleView) -> tuple[float, ...]:
    severity = max((t.severity for t in app.topics.topics if t.id in a.topics), default=0)
    return (-float(bool(a.topics)), -severity, -float(a.tone == "negative"), -float(a.local), float(a.id))


def failed_sources(session: Any, now: datetime) -> list[dict[str, Any]]:
    """The footer's sources: those whose every crawl failed in the 24 hours before `now` (the one definition
    of a failing source, `storage.source_health`), and the crawl runs that failed as a whole."""
    out = [
        {"name": clip(h.name, 120), "errors": sum(h.errors_24h.values()), "robots": h.robots_refused_24h}
        for h in failing_sources(session, now)
    ]
    runs = runs_between(session, "crawl", now - timedelta(hours=24), now + timedelta(seconds=1))
    failed_runs = sum(run.status == "failed" for run in runs)
    if failed_runs:
        out.append({"name": "Toàn bộ lượt thu thập", "errors": failed_runs, "robots": 0})
    return out


def _age(created: datetime, as_of: datetime) -> str:
    hours = max(0, int((as_of - created).total_seconds() // 3600))
    return f"{hours // 24} ngày" if hours >= 24 else f"{hours} giờ"


def build(app: AppConfig, day: date, now: datetime) -> DigestData:
    tz = ZoneInfo(app.settings.timezone)
    start, _ = day_bounds(day, tz)
    as_of = as_of_for(day, tz, now)
    lookback = app.settings.story_window_days + app.settings.issue_window_days
    names = {t.id: t.name for t in app.topics.topics}
    recipients = app.recipients.recipients
    with session_scope(app.settings.resolved_database_url) as session:
        window = repo.annotated_between(session, start - timedelta(days=lookback), as_of)
        issues = select_issues(app, issue_repo.issues_on(session, day))
        unacked = open_alerts(session, as_of)
        series = topic_series(app, session, day, as_of, TREND_DAYS)
        failed = failed_sources(session, now)
        watches = watch_section(app, session, start, as_of)
        grassroots = digest_section(app, session, day)
    by_id = {a.id: a for a in window}
    articles = [a for a in window if a.published_at and a.published_at >= start]

    def item(a: ArticleView) -> DigestItem:
        return DigestItem(
            title=clip(a.display_title),
            url=safe_url(a.url),
            outlet=clip(a.source_name, 100),
            topics=[names.get(t, t) for t in a.topics],
        )

    digest_issues = []
    for issue in issues:
        members = [by_id[i] for i in issue.article_ids if i in by_id]
        lead = next((a for a in members if a.dup_of is None), members[0]) if members else None
        digest_issues.append(
            DigestIssue(
                issue=issue,
                title=clip(issue.title),
                topic_name=names.get(issue.topic_id, issue.topic_id),
                summary=summarize(lead, members) if lead else "",
                explanation=str(issue.explanation.get("text", "")),
                articles=[item(a) for a in members[:MAX_ITEMS]],
                recipients=[
                    recipients[r].short_name or recipients[r].name
                    for r in issue.recipients
                    if r in recipients
                ],
            )
        )
    originals = sorted((a for a in articles if a.dup_of is None), key=lambda a: _notability(app, a))
    national = [a for a in originals if a.scope == "national" and a.local]
    provincial = [a for a in originals if a.scope == "province"]
    false_info = [a for a in originals if FALSE_INFO_TOPIC in a.topics]
    chart = trend_png(series.days, series.counts, names) if any(map(sum, series.counts.values())) else None
    context = {
        "province": app.settings.province,
        "day": day,
        "day_label": f"{day:%d/%m/%Y}",
        "cutoff": (as_of - timedelta(minutes=1) if as_of == day_bounds(day, tz)[1] else as_of)
        .astimezone(tz)
        .strftime("%H:%M ngày %d/%m/%Y"),
        "article_count": len(articles),
        "outlet_count": len({a.source_id for a in articles}),
        "critical": sum(1 for a in articles if a.tone == "negative"),
        "positive": sum(1 for a in articles if a.tone == "positive"),
        "issues": digest_issues,
        "sections": [
            ("II. Tỉnh trên báo chí Trung ương", [item(a) for a in national[:MAX_ITEMS]], len(national)),
            ("III. Tin trong tỉnh", [item(a) for a in provincial[:MAX_ITEMS]], len(provincial)),
            (
                "IV. Thông tin sai sự thật, xuyên tạc",
                [item(a) for a in false_info[:MAX_ITEMS]],
                len(false_info),
            ),
        ],
        "open_alerts": [
            {
                "id": a.id,
                "title": clip(a.title),
                "recipient": clip(
                    recipients[a.recipient_id].short_name if a.recipient_id in recipients else a.recipient_id,
                    100,
                ),
                "age": _age(a.created_at, as_of),
            }
            for a in unacked[:MAX_ITEMS]
        ],
        "open_alert_count": len(unacked),
        "chart_src": chart_data_uri(chart) if chart else None,
        "trend": [
            {"name": names.get(t, t), "line": sparkline(series.counts[t]), "total": sum(series.counts[t])}
            for t in top_topics(series.counts)
        ],
        "trend_days": TREND_DAYS,
        "failed_sources": failed,
        "watches": watches,
        "grassroots": grassroots,
        "generated": now.astimezone(tz).strftime("%H:%M ngày %d/%m/%Y"),
    }
    issues_list = [
        {
            "title": d.title,
            "topic": d.issue.topic_id,
            "score": d.issue.score,
            "reason": d.explanation,
            "recipients": list(d.issue.recipients),
            "articles": [{"title": a.title, "url": a.url, "outlet": a.outlet} for a in d.articles],
        }
        for d in digest_issues
    ]
    return DigestData(context=context, chart=chart, issues_list=issues_list)
