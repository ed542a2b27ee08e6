"""`duluan annotate --input IN.jsonl --output OUT.jsonl`: the annotator without a database."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, TextIO

from config import AppConfig
from nlp.schema import Annotation, ArticleText, TopicScore
from nlp.stories import group_stories, story_item
from pipeline.annotate.batch import Annotator, copy_groups
from storage.records import AnnotateFailure

log = logging.getLogger("duluan.annotate")


@dataclass
class FileStats:
    read: int = 0
    annotated: int = 0
    failed: int = 0  # lines the annotator raised on (also in `skipped`)
    skipped: list[tuple[int, str]] = field(default_factory=list)


def _records(stream: TextIO, stats: FileStats) -> Iterator[tuple[int, dict[str, Any], ArticleText]]:
    for number, line in enumerate(stream, 1):
        if not line.strip():
            continue
        stats.read += 1
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            stats.skipped.append((number, f"invalid JSON: {exc.msg}"))
            continue
        reason = _invalid(record)
        if reason:
            stats.skipped.append((number, reason))
            continue
        yield (
            number,
            record,
            ArticleText(
                id=record["id"],
                title=record.get("title"),
                sapo=record.get("sapo"),
                text=record["text"],
                url=record.get("url"),
                source=record.get("source"),
            ),
        )


def _invalid(record: Any) -> str | None:
    if not isinstance(record, dict):
        return "not a JSON object"
    if "id" not in record or not isinstance(record["id"], str | int):
        return "missing 'id'"
    if not isinstance(record.get("text"), str) or not record["text"].strip():
        return "missing 'text'"
    for key in ("title", "sapo"):
        if record.get(key) is not None and not isinstance(record[key], str):
            return f"'{key}' is not a string"
    return None


def _published(record: dict[str, Any]) -> datetime:
    value = record.get("published")
    if isinstance(value, str):
        try:
            parsed = datetime.fromisoformat(value)
            return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
        except ValueError:
            pass
    return datetime(1970, 1, 1, tzinfo=UTC)


def _explanation(topic: TopicScore) -> dict[str, Any]:
    """Why a topic was given: the rules' matched phrases and where, and the model's heaviest words."""
    return {
        "phrases": [dict(e) for e in topic.evidence],
        "model_words": [dict(w) for w in topic.model_words],
        "probability": topic.probability,
    }


def annotate_file(
    app: AppConfig, source: TextIO, target: TextIO, *, annotator: Annotator | None = None
) -> FileStats:
    """Annotate each line; malformed lines, and lines the annotator raises on, are reported with their
    number and skipped."""
    stats = FileStats()
    numbered = list(_records(source, stats))
    with annotator or Annotator(app, expected=len(numbered)) as annotator:
        outcomes = annotator.run([text for _, _, text in numbered])
    rows: list[tuple[dict[str, Any], Annotation]] = []
    for (number, record, _), outcome in zip(numbered, outcomes, strict=True):
        if isinstance(outcome, AnnotateFailure):
            stats.skipped.append(
                (number, f"annotator failed: {outcome.error_class}: {outcome.message[:200]}")
            )
            stats.failed += 1
        else:
            rows.append((record, outcome))
    stats.skipped.sort()
    dup_group = copy_groups([(_published(record), annotation) for record, annotation in rows])
    keywords = {k.phrase for t in app.topics.topics for k in t.keywords}
    items = [
        story_item(
            i,
            outlet=str(record.get("source") or ""),
            published=_published(record),
            topics=annotation.topic_ids,
            terms=annotation.key_terms,
            places=annotation.places,
            dup_of=dup_group[i] if dup_group[i] != i else None,
            people=[p.name for p in annotation.people],
            keywords=keywords,
        )
        for i, (record, annotation) in enumerate(rows)
        if annotation.topics
    ]
    story_of: dict[int, int] = {}
    for group in group_stories(
        items, window=timedelta(days=app.settings.story_window_days), threshold=app.settings.story_similarity
    ):
        for member in group:
            story_of[member] = group[0]
    for i, head in enumerate(dup_group):
        if i not in story_of and head in story_of:
            story_of[i] = story_of[head]  # a copy belongs to its original's story
    for i, (record, annotation) in enumerate(rows):
        out = dict(record)
        out.update(
            topics=annotation.topic_ids,
            topic_scores={t.topic_id: t.score for t in annotation.topics},
            topic_probabilities={
                t.topic_id: t.probability for t in annotation.topics if t.probability is not None
            },
            evidence={t.topic_id: sorted({str(e["phrase"]) for e in t.evidence}) for t in annotation.topics},
            topic_explanations={t.topic_id: _explanation(t) for t in annotation.topics},
            places=list(annotation.places),
            units=list(annotation.units),
            organisations=list(annotation.organisations),
            people=[{"name": p.name, "title": p.title} for p in annotation.people],
            tone=annotation.tone,
            tone_score=annotation.tone_score,
            tone_evidence=annotation.tone_evidence.as_json() if annotation.tone_evidence else None,
            local=annotation.local,
            local_score=annotation.local_score,
            dup_group=str(rows[dup_group[i]][0]["id"]),
            story=str(rows[story_of[i]][0]["id"]) if i in story_of else None,
        )
        target.write(json.dumps(out, ensure_ascii=False) + "\n")
        stats.annotated += 1
    for number, reason in stats.skipped:
        log.warning("line %d skipped: %s", number, reason)
    return stats


def annotate_path(app: AppConfig, source: Path, target: Path) -> FileStats:
    with source.open(encoding="utf-8") as src, target.open("w", encoding="utf-8") as dst:
        return annotate_file(app, src, dst)
