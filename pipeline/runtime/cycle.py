"""The main job chain: crawl → annotate → detect → alerts (what the scheduler runs every 30 minutes)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from config import AppConfig
from crawlers.run import crawl
from pipeline.annotate.job import Progress, run_annotate
from pipeline.deliver.alerts import run_alerts
from pipeline.detect.issues import run_detect
from pipeline.jobs import INTERRUPTED, job_run


def today(app: AppConfig) -> date:
    return datetime.now(ZoneInfo(app.settings.timezone)).date()


@dataclass(frozen=True)
class CrawlJobResult:
    """What one crawl run did: stored, scraped and dropped items, the crawl's outcome counters, and why it
    stopped early (None when it finished)."""

    stored: int
    scraped: int
    dropped: int
    outcomes: dict[str, int]
    interrupted_by: str | None
    stats: dict[str, Any]  # the job-run record's stats (outcomes overall and per source, status codes)

    def as_stats(self) -> dict[str, Any]:
        return dict(self.stats)


def run_crawl(
    app: AppConfig,
    *,
    sources: list[str] | None = None,
    since_days: int | None = None,
    fast: bool = False,
    run_id: str | None = None,
) -> CrawlJobResult:
    with job_run(app, "crawl") as stats:
        result = crawl(app, sources=sources, since_days=since_days, fast=fast, run_id=run_id)
        stats.update(
            {k: v for k, v in result.stats.items() if k.startswith(("duluan/", "downloader/response_status"))}
        )
        stats["stored"] = result.stored
        stats["item_scraped_count"] = result.stats.get("item_scraped_count", 0)
        stats["item_dropped_count"] = result.stats.get("item_dropped_count", 0)
        reason = result.stats.get("finish_reason")
        interrupted = None
        if reason != "finished":  # "shutdown": SIGTERM or Ctrl-C stopped the crawl before its end
            interrupted = f"the crawl stopped before its end (Scrapy finish_reason {reason!r})"
            stats[INTERRUPTED] = interrupted
        done = CrawlJobResult(
            stored=result.stored,
            scraped=int(stats["item_scraped_count"]),
            dropped=int(stats["item_dropped_count"]),
            outcomes=result.outcomes,
            interrupted_by=interrupted,
            stats=dict(stats),
        )
    return done


@dataclass(frozen=True)
class CycleResult:
    """One cycle: the stats of each stage that finished, and the error of each that failed."""

    day: date
    stages: dict[str, dict[str, Any]]
    failures: dict[str, str]

    def as_stats(self) -> dict[str, Any]:
        return {
            "day": self.day.isoformat(),
            "failed": sorted(self.failures),
            "errors": dict(self.failures),
            "stored": self.stages.get("crawl", {}).get("stored"),
            "annotated": self.stages.get("annotate", {}).get("annotated"),
            "issues": self.stages.get("detect", {}).get("issues"),
            "alerts": self.stages.get("alerts", {}).get("created"),
        }


def run_cycle(app: AppConfig, *, day: date | None = None, progress: Progress | None = None) -> CycleResult:
    """Each stage runs even when an earlier one failed (its failure is recorded as a failed job run), so a
    broken crawl still lets alerts and outbox retries go out."""
    day = day or today(app)
    stages: dict[str, Callable[[], dict[str, Any]]] = {
        "crawl": lambda: run_crawl(app).as_stats(),
        "annotate": lambda: run_annotate(app, progress=progress).as_stats(),
        "detect": lambda: run_detect(app, day).as_stats(),
        "alerts": lambda: run_alerts(app, day).as_stats(),
    }
    done: dict[str, dict[str, Any]] = {}
    failures: dict[str, str] = {}
    with job_run(app, "cycle") as stats:
        for name, stage in stages.items():
            try:
                done[name] = stage()
            except Exception as exc:  # noqa: BLE001 - recorded by the stage's job run; the cycle goes on
                failures[name] = repr(exc)[:500]
        result = CycleResult(day=day, stages=done, failures=failures)
        stats.update(result.as_stats())
    return result
