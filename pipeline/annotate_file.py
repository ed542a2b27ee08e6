"""`duluan annotate --input IN.jsonl --output OUT.jsonl`: the annotator without a database."""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, TextIO

from config import AppConfig
from config.models import Topic
from nlp.annotate import annotate, options_for
from nlp.dedup import NearDuplicateIndex, from_bytes
from nlp.schema import Annotation, ArticleText
from nlp.stories import StoryItem, group_stories

log = logging.getLogger("duluan.annotate")
PARALLEL_FROM = 64  # below this many lines, starting worker processes costs more than it saves


@dataclass
class FileStats:
    read: int = 0
    annotated: int = 0
    skipped: list[tuple[int, str]] = field(default_factory=list)


def _records(stream: TextIO, stats: FileStats) -> Iterator[tuple[dict[str, Any], ArticleText]]:
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


def _annotate_chunk(topics: tuple[Topic, ...], model_dir: Path, texts: list[ArticleText]) -> list[Annotation]:
    options = options_for(topics, model_dir)
    return [annotate(t, options=options) for t in texts]


def _annotate_all(app: AppConfig, texts: list[ArticleText]) -> list[Annotation]:
    """Annotations in input order; in worker processes (one per core by default) for large files."""
    topics, model_dir = tuple(app.topics.topics), app.settings.model_dir
    options_for(topics, model_dir)  # a model that cannot be used is reported before any work
    processes = app.settings.annotate_processes or os.cpu_count() or 1
    if processes == 1 or len(texts) < PARALLEL_FROM:
        return _annotate_chunk(topics, model_dir, texts)
    size = max(1, min(32, len(texts) // (processes * 4)))
    chunks = [texts[i : i + size] for i in range(0, len(texts), size)]
    out: list[Annotation] = []
    with ProcessPoolExecutor(processes) as pool:
        for result in pool.map(_annotate_chunk, [topics] * len(chunks), [model_dir] * len(chunks), chunks):
            out.extend(result)
    return out


def annotate_file(app: AppConfig, source: TextIO, target: TextIO) -> FileStats:
    """Annotate each line; malformed lines are reported with their number and skipped."""
    stats = FileStats()
    records = list(_records(source, stats))
    annotations = _annotate_all(app, [text for _, text in records])
    rows: list[tuple[dict[str, Any], Annotation]] = [
        (record, annotation) for (record, _), annotation in zip(records, annotations, strict=True)
    ]
    index = NearDuplicateIndex()
    dup_group: list[int] = []
    hashes: dict[str, int] = {}
    for i, (_, annotation) in enumerate(rows):
        signature = from_bytes(annotation.minhash)
        first = hashes.setdefault(annotation.content_hash, i)
        near = index.first_match(signature)
        index.add(i, signature)
        dup_group.append(min(first, near) if near is not None else first)
    items = [
        StoryItem(
            id=i,
            outlet=str(record.get("source") or ""),
            published=_published(record),
            topics=frozenset(annotation.topic_ids),
            terms=frozenset(annotation.key_terms),
            places=frozenset(annotation.places),
            dup_of=dup_group[i] if dup_group[i] != i else None,
            names=frozenset(p.name.lower() for p in annotation.people),
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
