"""Per-source outcome of a crawl, read from the crawl's stats (keys of `crawlers.outcomes`)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any

from storage.records import SourceRun


def _by_kind(stats: Mapping[str, Any], prefix: str) -> dict[str, int]:
    return {k[len(prefix) :]: int(v) for k, v in stats.items() if k.startswith(prefix)}


def source_runs(
    stats: Mapping[str, Any], source_ids: Iterable[str], *, started: datetime, finished: datetime
) -> list[SourceRun]:
    runs = []
    for source_id in source_ids:
        base = f"duluan/source/{source_id}/"
        runs.append(
            SourceRun(
                source_id=source_id,
                started_at=started,
                finished_at=finished,
                responses=int(stats.get(base + "responses", 0)),
                stored=int(stats.get(base + "stored", 0)),
                robots_refused=int(stats.get(base + "robots_refused", 0)),
                errors=_by_kind(stats, base + "errors/"),
                discarded=_by_kind(stats, base + "discarded/") | _by_kind(stats, base + "dropped/"),
            )
        )
    return runs
