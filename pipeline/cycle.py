"""The main job chain: crawl → annotate → detect → alerts (what the scheduler runs every 30 minutes)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from config import AppConfig
from crawlers.run import crawl
from pipeline.alerts import run_alerts
from pipeline.annotate_job import Progress, run_annotate
from pipeline.issues import run_detect
from pipeline.jobs import job_run


def today(app: AppConfig) -> date:
    return datetime.now(ZoneInfo(app.settings.timezone)).date()


def run_crawl(
    app: AppConfig,
    *,
    sources: list[str] | None = None,
    since_days: int | None = None,
    fast: bool = False,
    run_id: str | None = None,
) -> dict[str, Any]:
    with job_run(app, "crawl") as stats:
        result = crawl(app, sources=sources, since_days=since_days, fast=fast, run_id=run_id)
        stats.update(
            {k: v for k, v in result.stats.items() if k.startswith(("duluan/", "downloader/response_status"))}
        )
        stats["stored"] = result.stored
        stats["item_scraped_count"] = result.stats.get("item_scraped_count", 0)
        stats["item_dropped_count"] = result.stats.get("item_dropped_count", 0)
    return stats


def run_cycle(app: AppConfig, *, day: date | None = None, progress: Progress | None = None) -> dict[str, Any]:
    day = day or today(app)
    return {
        "crawl": run_crawl(app),
        "annotate": run_annotate(app, progress=progress),
        "detect": run_detect(app, day),
        "alerts": run_alerts(app, day),
    }
