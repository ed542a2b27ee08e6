"""What the digests and alerts say about the collaborators' reports — content and unit, never who.

- `digest_section`: the day's reports grouped by topic, then by place, with counts, spread and mood, and
  one short quote per place (the most widespread and heated report's own words);
- `with_reports`: the issue alerts gain the reports matched to their story, as `GrassrootsReport.public()`
  (no reporter, no link), so a body sees what people say on its topics and where.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from datetime import date
from typing import Any

from config import AppConfig
from pipeline.annotate.grassroots import HEARD, MOODS, SPREADS
from pipeline.deliver.rules import Candidate
from pipeline.detect.scoring import report_weight
from pipeline.render import clip
from storage import grassroots as repo
from storage.grassroots import GrassrootsReport

QUOTE = 160
MAX_TOPICS = 9
MAX_PLACES = 5
MAX_IN_ALERT = 5


def _tally(values: Sequence[str], labels: dict[str, str]) -> str:
    counts = {k: sum(1 for v in values if v == k) for k in labels}
    return ", ".join(f"{n} {labels[k].lower()}" for k, n in counts.items() if n)


def _heated(r: GrassrootsReport) -> tuple[float, int]:
    return (report_weight(r.spread, r.mood), -r.id)


def section(app: AppConfig, reports: Sequence[GrassrootsReport]) -> dict[str, Any]:
    """The reports grouped by topic and place: counts, spread, mood and a short quote per place."""
    names = {t.id: t.name for t in app.topics.topics}
    by_topic: dict[str, list[GrassrootsReport]] = {}
    for r in reports:
        by_topic.setdefault(r.topic_id or "", []).append(r)
    topics = []
    for topic_id, items in sorted(
        by_topic.items(),
        key=lambda kv: (-len(kv[1]), -sum(report_weight(r.spread, r.mood) for r in kv[1]), kv[0]),
    ):
        by_place: dict[str, list[GrassrootsReport]] = {}
        for r in items:
            by_place.setdefault(r.unit, []).append(r)
        places = [
            {
                "unit": clip(unit, 120),
                "count": len(rs),
                "spread": _tally([r.spread for r in rs], SPREADS),
                "mood": _tally([r.mood for r in rs], MOODS),
                "heard": ", ".join(dict.fromkeys(HEARD.get(r.heard_at, r.heard_at).lower() for r in rs)),
                "quote": clip(max(rs, key=_heated).text, QUOTE),
            }
            for unit, rs in sorted(by_place.items(), key=lambda kv: (-len(kv[1]), kv[0]))
        ]
        topics.append(
            {
                "topic": names.get(topic_id, "Chưa xác định lĩnh vực")
                if topic_id
                else "Chưa xác định lĩnh vực",
                "count": len(items),
                "places": places[:MAX_PLACES],
                "more_places": max(0, len(places) - MAX_PLACES),
            }
        )
    return {
        "count": len(reports),
        "units": len({r.unit for r in reports}),
        "topics": topics[:MAX_TOPICS],
        "more_topics": max(0, len(topics) - MAX_TOPICS),
    }


def digest_section(app: AppConfig, session: Any, day: date) -> dict[str, Any]:
    """The "Dư luận từ cơ sở" section of the day's digest."""
    return section(app, repo.reports_between(session, day, day, light=True))


def public_report(r: GrassrootsReport, names: dict[str, str]) -> dict[str, Any]:
    """A report as a body may read it: its words, unit, topic, spread, mood and where it was heard."""
    return {
        "text": clip(r.text, 400),
        "unit": clip(r.unit, 120),
        "topic_name": names.get(r.topic_id or "", ""),
        "spread": SPREADS.get(r.spread, r.spread),
        "mood": MOODS.get(r.mood, r.mood),
        "heard": HEARD.get(r.heard_at, r.heard_at),
        "day": r.heard_on.isoformat(),
    }


def with_reports(app: AppConfig, session: Any, candidates: list[Candidate]) -> list[Candidate]:
    """Issue alerts with the collaborators' reports of their story added (no identity), the rest as is."""
    wanted = {
        int(i)
        for c in candidates
        if c.kind == "issue"
        for i in c.payload.get("explanation", {}).get("grassroots", {}).get("report_ids", [])
    }
    if not wanted:
        return candidates
    found = repo.reports_by_id(session, wanted)
    names = {t.id: t.name for t in app.topics.topics}
    out = []
    for c in candidates:
        ids = (
            c.payload.get("explanation", {}).get("grassroots", {}).get("report_ids", [])
            if c.kind == "issue"
            else []
        )
        reports = sorted((found[int(i)] for i in ids if int(i) in found), key=_heated, reverse=True)
        if reports:
            payload = {
                **c.payload,
                "grassroots": [public_report(r, names) for r in reports[:MAX_IN_ALERT]],
                "grassroots_count": len(reports),
            }
            c = dataclasses.replace(c, payload=payload)
        out.append(c)
    return out
