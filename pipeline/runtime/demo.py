"""`duluan demo`: the main job offline against the bundled sample site served on 127.0.0.1."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from config import AppConfig
from crawlers.demo_site import demo_sources, load_articles, serve
from pipeline.annotate.job import Progress, run_annotate
from pipeline.deliver.alerts import run_alerts
from pipeline.detect.issues import run_detect
from pipeline.digest.core import run_digest
from pipeline.reports.data import Period
from pipeline.reports.opinion import run_monthly_opinion
from pipeline.runtime.cycle import run_crawl
from pipeline.runtime.demo_watches import ensure_demo_watches
from pipeline.runtime.grassroots_demo import seed_demo_reports
from storage import issues as issue_repo
from storage.db import session_scope


@dataclass
class DemoResult:
    day: date
    stats: dict[str, Any] = field(default_factory=dict)
    top_issues: list[tuple[str, float, str, str]] = field(default_factory=list)  # title, score, topic, why


def demo_day(app: AppConfig) -> date:
    """The site's last day: the demo runs as if it were that evening."""
    tz = ZoneInfo(app.settings.timezone)
    return max(a.published.astimezone(tz).date() for a in load_articles())


def run_demo(app: AppConfig, *, progress: Progress | None = None, step: Any = None) -> DemoResult:
    """Serve the sample site, crawl it, annotate, detect a week of issues, write the digest and alerts."""
    say = step or (lambda _msg: None)
    day = demo_day(app)
    result = DemoResult(day=day)
    with serve() as base_url:
        demo_app = app.with_sources(demo_sources(base_url))
        result.stats["watches"] = ensure_demo_watches(demo_app, day - timedelta(days=6))
        say(f"Crawling the sample site at {base_url}")
        result.stats["crawl"] = run_crawl(demo_app, since_days=36500, fast=True).as_stats()
    say("Annotating articles")
    result.stats["annotate"] = run_annotate(demo_app, progress=progress).as_stats()
    say("Taking in a week of grassroots reports")
    result.stats["grassroots"] = seed_demo_reports(demo_app, day)
    say("Detecting pressing issues")
    detected = {}
    for offset in range(6, -1, -1):
        d = day - timedelta(days=offset)
        detected[d.isoformat()] = run_detect(demo_app, d).issues
    result.stats["detect"] = detected
    say("Writing the digest and routing alerts")
    result.stats["digest"] = run_digest(demo_app, day).as_stats()
    result.stats["alerts"] = run_alerts(demo_app, day).as_stats()
    say("Writing the monthly opinion report")
    result.stats["opinion_report"] = run_monthly_opinion(demo_app, Period.month(day.year, day.month))
    with session_scope(app.settings.resolved_database_url) as session:
        issues = issue_repo.issues_on(session, day)
    names = {t.id: t.name for t in app.topics.topics}
    result.top_issues = [
        (i.title, i.score, names.get(i.topic_id, i.topic_id), str(i.explanation.get("text", "")))
        for i in issues[:5]
    ]
    return result
