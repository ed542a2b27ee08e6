"""Labeled articles for `duluan topics train|eval`: LABELED.jsonl, or labels joined with a texts file.

LABELED.jsonl: one JSON object per line with `id`, `text`, `topics` (list of topic ids; empty when the
article has none), and optionally `title` (string or null), `sapo` and `disputed` (ids only one of two
readers gave: neither a hit nor a miss). With `texts=`, the labels file may hold only `id`, `topics` and
`disputed` (like the corpus's news-labels.jsonl) and the texts come from the texts file's lines with the
same `id` (like news.jsonl). Malformed lines are skipped and reported with their line numbers.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from storage.corrections import LabeledExample


class LabeledError(Exception):
    """A labeled file that cannot be used at all (unknown topic ids, missing file)."""


@dataclass(frozen=True)
class LabeledArticle:
    id: str
    title: str | None
    sapo: str | None
    text: str
    topics: frozenset[str]
    disputed: frozenset[str] = frozenset()


@dataclass
class LabeledSet:
    articles: list[LabeledArticle] = field(default_factory=list)
    skipped: list[tuple[str, int, str]] = field(default_factory=list)  # (file, line, reason)
    notes: list[str] = field(default_factory=list)  # labels used, but changed (e.g. a retired topic dropped)


def json_lines(path: Path) -> Iterator[tuple[int, Any | None, str]]:
    """(line number, the parsed object or None, why not) for each non-blank line of a UTF-8 JSONL file;
    LabeledError for a missing or non-UTF-8 file. Shared by the topic and tone label readers."""
    if not path.is_file():
        raise LabeledError(f"{path}: no such file")
    try:
        with path.open(encoding="utf-8") as handle:
            for number, line in enumerate(handle, 1):
                if not line.strip():
                    continue
                try:
                    yield number, json.loads(line), ""
                except json.JSONDecodeError as exc:
                    yield number, None, f"invalid JSON: {exc.msg}"
    except UnicodeDecodeError:
        raise LabeledError(f"{path}: not UTF-8 text (a binary file?): save it as UTF-8") from None


def _ids(value: Any) -> frozenset[str] | None:
    if value is None:
        return frozenset()
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return frozenset(value)
    return None


def text_problem(record: dict[str, Any]) -> str:
    """Why a record cannot give an article's text fields ("" when it can)."""
    if not isinstance(record.get("text"), str) or not record["text"].strip():
        return "missing 'text'"
    for key in ("title", "sapo"):
        if record.get(key) is not None and not isinstance(record[key], str):
            return f"'{key}' is not a string"
    return ""


def read_labeled(
    path: Path, *, texts: Path | Sequence[Path] | None = None, topic_ids: set[str] | None = None
) -> LabeledSet:
    """The labeled articles of `path` (joined by id with the `texts` file or files when given; only the
    labeled ids of a texts file are kept, so a large pool can serve as the texts)."""
    out = LabeledSet()
    by_id: dict[str, dict[str, Any]] = {}
    labels = list(json_lines(path))
    texts_files = [texts] if isinstance(texts, Path) else list(texts or [])
    if texts is not None:
        wanted = {
            str(r["id"]) for _, r, _ in labels if isinstance(r, dict) and isinstance(r.get("id"), str | int)
        }
        for source in texts_files:
            for number, record, problem in json_lines(source):
                if isinstance(record, dict) and isinstance(record.get("id"), str | int):
                    if str(record["id"]) in wanted:
                        by_id[str(record["id"])] = record
                else:
                    out.skipped.append((source.name, number, problem or "not an object with an 'id'"))
    names = ", ".join(t.name for t in texts_files)
    unknown: set[str] = set()
    for number, record, problem in labels:
        if record is None:
            out.skipped.append((path.name, number, problem))
            continue
        if not isinstance(record, dict) or not isinstance(record.get("id"), str | int):
            out.skipped.append((path.name, number, "not an object with an 'id'"))
            continue
        topics, disputed = _ids(record.get("topics")), _ids(record.get("disputed"))
        if topics is None or disputed is None or "topics" not in record:
            out.skipped.append((path.name, number, "'topics' must be a list of topic ids"))
            continue
        fields = by_id.get(str(record["id"]), record) if texts is not None else record
        if texts is not None and str(record["id"]) not in by_id:
            out.skipped.append((path.name, number, f"id {record['id']!r} not in {names}"))
            continue
        reason = text_problem(fields)
        if reason:
            out.skipped.append((path.name, number, reason))
            continue
        if topic_ids is not None:
            unknown |= (topics | disputed) - topic_ids
        out.articles.append(
            LabeledArticle(
                id=str(record["id"]),
                title=fields.get("title"),
                sapo=fields.get("sapo"),
                text=fields["text"],
                topics=topics,
                disputed=disputed,
            )
        )
    if unknown:
        raise LabeledError(f"{path}: unknown topic ids: {', '.join(sorted(unknown))}")
    return out


@dataclass(frozen=True)
class CorrectedArticle:
    """A labeled article from a person's correction, with the annotator's topics at that moment."""

    article: LabeledArticle
    machine_topics: frozenset[str]
    changed: bool  # the person's topics differ from the annotator's


def from_corrections(
    examples: Iterable[LabeledExample], *, topic_ids: set[str] | None = None
) -> tuple[list[CorrectedArticle], LabeledSet]:
    """Labeled articles from the latest correction of each corrected article (`storage.corrections`).

    Articles without text are skipped; topic ids no longer in the configuration are dropped from the label
    (and reported as skips), so a retired topic never blocks training.
    """
    corrected: list[CorrectedArticle] = []
    out = LabeledSet()
    for number, ex in enumerate(examples, 1):
        if not ex.body.strip() and not (ex.sapo or "").strip():
            out.skipped.append(("corrections", number, f"{ex.id} has no text"))
            continue
        topics, machine = frozenset(ex.topics), frozenset(ex.machine_topics)
        if topic_ids is not None:
            if topics - topic_ids:
                retired = ", ".join(sorted(topics - topic_ids))
                out.notes.append(f"{ex.id}: retired topic ids dropped from the label: {retired}")
            topics, machine = topics & topic_ids, machine & topic_ids
        article = LabeledArticle(id=ex.id, title=ex.title, sapo=ex.sapo, text=ex.body, topics=topics)
        out.articles.append(article)
        corrected.append(CorrectedArticle(article, machine, changed=topics != machine))
    return corrected, out


def merged(base: LabeledSet, extra: LabeledSet) -> LabeledSet:
    """`base` and `extra` together; an id in both keeps `extra`'s label (a person's latest word)."""
    ids = {a.id for a in extra.articles}
    return LabeledSet(
        articles=[a for a in base.articles if a.id not in ids] + extra.articles,
        skipped=base.skipped + extra.skipped,
        notes=base.notes + extra.notes,
    )
