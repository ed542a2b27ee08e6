"""The main job chain: crawl → annotate → detect → alerts (what the scheduler runs every 30 minutes)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from config import AppConfig
from crawlers.run import crawl
from pipeline.alerts import run_alerts
from pipeline.annotate_job import Progress, run_annotate
from pipeline.issues import run_detect
from pipeline.jobs import INTERRUPTED, job_run


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
        reason = result.stats.get("finish_reason")
        if reason != "finished":  # "shutdown": SIGTERM or Ctrl-C stopped the crawl before its end
            stats[INTERRUPTED] = f"the crawl stopped before its end (Scrapy finish_reason {reason!r})"
    return stats


def run_cycle(app: AppConfig, *, day: date | None = None, progress: Progress | None = None) -> dict[str, Any]:
    """Each stage runs even when an earlier one failed (its failure is recorded as a failed job run), so a
    broken crawl still lets alerts and outbox retries go out."""
    day = day or today(app)
    stages: dict[str, Callable[[], dict[str, Any]]] = {
        "crawl": lambda: run_crawl(app),
        "annotate": lambda: run_annotate(app, progress=progress),
        "detect": lambda: run_detect(app, day),
        "alerts": lambda: run_alerts(app, day),
    }
    out: dict[str, Any] = {}
    with job_run(app, "cycle") as stats:
        for name, stage in stages.items():
            try:
                out[name] = stage()
            except Exception as exc:  # noqa: BLE001 - recorded by the stage's job run; the cycle goes on
                out[name] = {"failed": repr(exc)[:500]}
        stats.update(
            day=day.isoformat(), failed=[n for n, v in out.items() if "failed" in v], **_summary(out)
        )
    return out


def _summary(out: dict[str, Any]) -> dict[str, Any]:
    return {
        "stored": out["crawl"].get("stored"),
        "annotated": out["annotate"].get("annotated"),
        "issues": out["detect"].get("issues"),
        "alerts": out["alerts"].get("created"),
    }
