"""The daily digest "ĐIỂM TIN NGÀY dd/mm/yyyy" for the board: HTML (e-mail safe) and plain text."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import cache
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from jinja2 import Environment, PackageLoader, select_autoescape

from config import AppConfig
from pipeline.issues import day_bounds
from pipeline.jobs import job_run, now_utc
from storage import articles as repo
from storage import issues as issue_repo
from storage.alerts import list_alerts
from storage.db import session_scope
from storage.records import ArticleView, Issue

MAX_ITEMS = 9
MAX_TITLE = 300


@cache
def environment() -> Environment:
    env = Environment(
        loader=PackageLoader("pipeline", "templates"),
        autoescape=select_autoescape(["html", "html.j2"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["clip"] = clip
    return env


def clip(value: str | None, limit: int = MAX_TITLE) -> str:
    """Bounded single-line text (crawled titles can be huge or hold line breaks)."""
    text = " ".join((value or "").split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


@dataclass(frozen=True)
class DigestItem:
    title: str
    url: str
    outlet: str
    summary: str
    topics: list[str]


@dataclass(frozen=True)
class DigestIssue:
    issue: Issue
    topic_name: str
    summary: str
    articles: list[DigestItem]
    recipients: list[str]


def _summary(article: ArticleView, sentences: int = 2) -> str:
    lead = article.sapo or article.text.split("\n", 1)[0]
    parts = [p.strip() for p in lead.replace("…", ".").split(". ") if p.strip()]
    return clip(". ".join(parts[:sentences]).rstrip(".") + ".", 500)


def build_context(app: AppConfig, day: date) -> dict[str, Any]:
    tz = ZoneInfo(app.settings.timezone)
    start, end = day_bounds(day, tz)
    url = app.settings.resolved_database_url
    with session_scope(url) as session:
        articles = repo.annotated_between(session, start, end)
        window = repo.annotated_between(session, start - timedelta(days=7), end)
        issues = issue_repo.issues_on(session, day)[: app.settings.digest_max_issues]
        open_alerts = [a for a in list_alerts(session) if a.status != "acked" and a.created_at < start]
    by_id = {a.id: a for a in window}
    names = {t.id: t.name for t in app.topics.topics}
    recipients = app.recipients.recipients

    def item(a: ArticleView) -> DigestItem:
        return DigestItem(
            title=clip(a.display_title),
            url=a.url,
            outlet=a.source_name,
            summary=_summary(a),
            topics=[names.get(t, t) for t in a.topics],
        )

    digest_issues = []
    for issue in issues:
        members = [by_id[i] for i in issue.article_ids if i in by_id]
        lead = next((a for a in members if a.dup_of is None), members[0]) if members else None
        digest_issues.append(
            DigestIssue(
                issue=issue,
                topic_name=names.get(issue.topic_id, issue.topic_id),
                summary=_summary(lead) if lead else "",
                articles=[item(a) for a in members],
                recipients=[
                    recipients[r].short_name or recipients[r].name
                    for r in issue.recipients
                    if r in recipients
                ],
            )
        )
    originals = [a for a in articles if a.dup_of is None]
    national = [item(a) for a in originals if a.scope == "national" and a.local][:MAX_ITEMS]
    provincial = [item(a) for a in originals if a.scope == "province"][:MAX_ITEMS]
    false_info = [item(a) for a in originals if "tin_gia_xuyen_tac" in a.topics][:MAX_ITEMS]
    return {
        "province": app.settings.province,
        "day": day,
        "day_label": day.strftime("%d/%m/%Y"),
        "cutoff": end.strftime("%H:%M %d/%m/%Y"),
        "article_count": len(articles),
        "outlet_count": len({a.source_id for a in articles}),
        "issues": digest_issues,
        "national": national,
        "provincial": provincial,
        "false_info": false_info,
        "open_alerts": [
            {
                "title": clip(a.title),
                "recipient": recipients[a.recipient_id].short_name
                if a.recipient_id in recipients
                else a.recipient_id,
                "age_days": (start - a.created_at).days,
            }
            for a in open_alerts
        ],
        "critical": sum(1 for a in articles if a.tone == "negative"),
        "positive": sum(1 for a in articles if a.tone == "positive"),
        "generated": datetime.now(tz).strftime("%H:%M %d/%m/%Y"),
    }


def render(app: AppConfig, day: date) -> tuple[str, str, dict[str, Any]]:
    context = build_context(app, day)
    env = environment()
    html = env.get_template("digest.html.j2").render(**context)
    text = env.get_template("digest.txt.j2").render(**context)
    return html, text, context


def run_digest(app: AppConfig, day: date, recipient_id: str = "ban_tuyen_giao") -> dict[str, Any]:
    """Write the digest of `day` under <data_dir>/digests/ and record it."""
    with job_run(app, "digest") as stats:
        html, text, context = render(app, day)
        folder = app.settings.digest_dir
        folder.mkdir(parents=True, exist_ok=True)
        html_path = folder / f"diem-tin-{day.isoformat()}.html"
        text_path = folder / f"diem-tin-{day.isoformat()}.txt"
        _write_atomic(html_path, html)
        _write_atomic(text_path, text)
        stats.update(
            day=day.isoformat(),
            html=str(html_path),
            text=str(text_path),
            issues=len(context["issues"]),
            articles=context["article_count"],
        )
        with session_scope(app.settings.resolved_database_url) as session:
            issue_repo.record_digest(
                session,
                day=day,
                recipient_id=recipient_id,
                html_path=str(html_path),
                text_path=str(text_path),
                stats={k: v for k, v in stats.items() if k not in ("html", "text")},
                now=now_utc(),
            )
        stats["top_issues"] = [i.issue.title for i in context["issues"][:3]]
    return stats


def _write_atomic(path: Path, content: str) -> None:
    tmp = path.with_suffix(path.suffix + ".tmp")
    tmp.write_text(content, encoding="utf-8")
    tmp.replace(path)
