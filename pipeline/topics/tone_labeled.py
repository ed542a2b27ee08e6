"""Tone-labeled articles for `duluan tone train|eval`: TONE.jsonl, or tone labels joined with a texts file.

TONE.jsonl: one JSON object per line with `id`, `tone` (negative, neutral or positive), `text`, and
optionally `title` and `sapo`. With `texts=`, the labels file may hold only `id` and `tone` (like the
corpus's train-tone.jsonl) and the texts come from the texts file's lines with the same `id` (like
pool.jsonl, read as a stream: only the labeled ids are kept). Malformed lines are skipped and reported
with their line numbers.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from nlp.tone_model import CLASSES
from pipeline.topics.labeled import LabeledError, text_problem
from pipeline.topics.labeled import json_lines as _json_lines


class ToneLabelError(LabeledError):
    """A labels file that cannot be used at all (missing file, not UTF-8, no usable line)."""


@dataclass(frozen=True)
class ToneArticle:
    id: str
    title: str | None
    sapo: str | None
    text: str
    tone: str


@dataclass
class ToneSet:
    articles: list[ToneArticle] = field(default_factory=list)
    skipped: list[tuple[str, int, str]] = field(default_factory=list)  # (file, line, reason)


def _lines(path: Path) -> Iterator[tuple[int, Any | None, str]]:
    try:
        yield from _json_lines(path)
    except LabeledError as exc:
        raise ToneLabelError(str(exc)) from None


def read_tone_labels(path: Path, *, texts: Path | None = None) -> ToneSet:
    """The tone-labeled articles of `path` (joined by id with `texts` when given), in file order."""
    out = ToneSet()
    labels: list[tuple[int, dict[str, Any]]] = []
    for number, record, problem in _lines(path):
        if record is None:
            out.skipped.append((path.name, number, problem))
        elif not isinstance(record, dict) or not isinstance(record.get("id"), str | int):
            out.skipped.append((path.name, number, "not an object with an 'id'"))
        elif record.get("tone") not in CLASSES:
            out.skipped.append((path.name, number, f"'tone' must be one of {', '.join(CLASSES)}"))
        else:
            labels.append((number, record))
    by_id: dict[str, dict[str, Any]] = {}
    if texts is not None:
        wanted = {str(r["id"]) for _, r in labels}
        for number, record, problem in _lines(texts):
            if isinstance(record, dict) and str(record.get("id")) in wanted:
                by_id[str(record["id"])] = record
            elif record is None:
                out.skipped.append((texts.name, number, problem))
    for number, record in labels:
        key = str(record["id"])
        source = by_id.get(key) if texts is not None else record
        if source is None:
            out.skipped.append((path.name, number, f"id {key!r} not in {texts.name if texts else path.name}"))
            continue
        problem = text_problem(source)
        if problem:
            out.skipped.append((path.name, number, problem))
            continue
        out.articles.append(
            ToneArticle(
                id=key,
                title=source.get("title"),
                sapo=source.get("sapo"),
                text=source["text"],
                tone=record["tone"],
            )
        )
    if not out.articles:
        raise ToneLabelError(f"{path}: no usable tone-labeled article")
    return out
