"""The daily digest "ĐIỂM TIN NGÀY dd/mm/yyyy" for the board: HTML (e-mail safe: inline styles, no
scripts) and plain text, written under <data_dir>/digests/, recorded, and delivered to each recipient with
`receives_digest` through the outbox (e-mail, webhook, and the file outbox)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from config import AppConfig
from pipeline.deliver.alerts import configured_channels
from pipeline.digest.context import DigestData, build
from pipeline.jobs import job_run, now_utc
from pipeline.render import clip, environment
from storage import issues as issue_repo
from storage.db import session_scope

__all__ = ["clip", "render", "run_digest"]


def render(app: AppConfig, day: date, now: datetime | None = None) -> tuple[str, str, DigestData]:
    data = build(app, day, now or now_utc())
    env = environment()
    html = env.get_template("digest.html.j2").render(**data.context)
    text = env.get_template("digest.txt.j2").render(**data.context)
    return html, text, data


def digest_recipients(app: AppConfig) -> list[str]:
    return list(app.digest_recipients())


@dataclass(frozen=True)
class DigestResult:
    """One written digest: its files, who it was queued for, and what the delivery did."""

    day: date
    html: Path
    text: Path
    queued: dict[str, list[str]]  # recipient -> channels newly queued
    delivery: dict[str, Any]  # the outbox flush's summary (empty without delivery)
    stats: dict[str, Any]

    def as_stats(self) -> dict[str, Any]:
        return dict(self.stats)


def run_digest(
    app: AppConfig, day: date, *, now: datetime | None = None, detect: bool = True, deliver: bool = True
) -> DigestResult:
    """Refresh the day's issues, write the digest files, record the digest and deliver it."""
    from pipeline.deliver.outbox import flush_outbox
    from pipeline.detect.issues import run_detect

    now = now or now_utc()
    if detect:
        run_detect(app, day, now=now)
    with job_run(app, "digest") as stats:
        html, text, data = render(app, day, now)
        folder = app.settings.digest_dir
        folder.mkdir(parents=True, exist_ok=True)
        base = folder / f"diem-tin-{day.isoformat()}"
        html_path, text_path = base.with_suffix(".html"), base.with_suffix(".txt")
        _write_atomic(html_path, html.encode("utf-8"))
        _write_atomic(text_path, text.encode("utf-8"))
        chart_path = None
        if data.chart is not None:
            chart_path = base.with_suffix(".png")
            _write_atomic(chart_path, data.chart)
        context = data.context
        stats.update(
            day=day.isoformat(),
            html=str(html_path),
            text=str(text_path),
            chart=str(chart_path) if chart_path else None,
            issues=len(context["issues"]),
            articles=context["article_count"],
            open_alerts=context["open_alert_count"],
            failed_sources=len(context["failed_sources"]),
        )
        recorded = {k: v for k, v in stats.items() if k not in ("html", "text")}
        recorded["issues_list"] = data.issues_list
        recipients = digest_recipients(app)
        queued: dict[str, list[str]] = {}
        with session_scope(app.settings.resolved_database_url) as session:
            for recipient in recipients or [""]:
                digest_id = issue_repo.record_digest(
                    session,
                    day=day,
                    recipient_id=recipient,
                    html_path=str(html_path),
                    text_path=str(text_path),
                    stats=recorded,
                    now=now,
                )
                if recipient:
                    channels, _missing = configured_channels(app, recipient)
                    queued[recipient] = issue_repo.add_digest_deliveries(session, digest_id, channels, now)
        stats["recipients"] = recipients
        stats["queued"] = queued
        if deliver:
            stats["delivery"] = flush_outbox(app, now=now).summary()
        stats["top_issues"] = [i["title"] for i in data.issues_list[:3]]
        result = DigestResult(
            day=day,
            html=html_path,
            text=text_path,
            queued=queued,
            delivery=dict(stats.get("delivery", {})),
            stats=dict(stats),
        )
    return result


def _write_atomic(path: Path, content: bytes) -> None:
    tmp = path.with_suffix(path.suffix + ".tmp")
    tmp.write_bytes(content)
    tmp.replace(path)
