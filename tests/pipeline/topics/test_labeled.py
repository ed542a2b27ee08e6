"""Reading labeled articles: one file, or labels joined with texts; malformed lines counted."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest

from pipeline.topics.labeled import (
    LabeledArticle,
    LabeledError,
    LabeledSet,
    from_corrections,
    merged,
    read_labeled,
)
from storage.corrections import LabeledExample


def _write(path: Path, rows: list[object]) -> Path:
    path.write_text(
        "".join((r if isinstance(r, str) else json.dumps(r, ensure_ascii=False)) + "\n" for r in rows)
    )
    return path


def test_a_labeled_file_gives_articles_with_topics_and_disputed_ids(tmp_path: Path) -> None:
    path = _write(
        tmp_path / "l.jsonl", [{"id": 7, "title": None, "text": "Lũ.", "topics": ["a"], "disputed": ["b"]}]
    )
    article = read_labeled(path).articles[0]
    assert (article.id, article.title, article.topics, article.disputed) == ("7", None, {"a"}, {"b"})


@pytest.mark.parametrize(
    ("row", "reason"),
    [
        ("{broken", "invalid JSON"),
        ({"text": "Lũ.", "topics": []}, "'id'"),
        ({"id": "a", "text": "", "topics": []}, "missing 'text'"),
        ({"id": "a", "text": "Lũ.", "topics": "a"}, "'topics' must be a list"),
        ({"id": "a", "text": "Lũ."}, "'topics' must be a list"),
        ({"id": "a", "title": 5, "text": "Lũ.", "topics": []}, "'title' is not a string"),
    ],
)
def test_malformed_lines_are_skipped_with_their_number(tmp_path: Path, row: object, reason: str) -> None:
    good = {"id": "ok", "text": "Lũ.", "topics": []}
    data = read_labeled(_write(tmp_path / "l.jsonl", [good, row]))
    assert [a.id for a in data.articles] == ["ok"]
    assert data.skipped[0][1] == 2 and reason in data.skipped[0][2]


def test_labels_are_joined_with_texts_by_id(tmp_path: Path) -> None:
    labels = _write(
        tmp_path / "labels.jsonl", [{"id": "a", "topics": ["x"]}, {"id": "missing", "topics": []}]
    )
    texts = _write(tmp_path / "texts.jsonl", [{"id": "a", "title": "Tiêu đề", "text": "Nội dung."}])
    data = read_labeled(labels, texts=texts)
    assert [(a.id, a.title, a.text) for a in data.articles] == [("a", "Tiêu đề", "Nội dung.")]
    assert "not in texts.jsonl" in data.skipped[0][2]


def test_unknown_topic_ids_are_an_error(tmp_path: Path) -> None:
    path = _write(tmp_path / "l.jsonl", [{"id": "a", "text": "Lũ.", "topics": ["x"], "disputed": ["y"]}])
    with pytest.raises(LabeledError, match="unknown topic ids: x, y"):
        read_labeled(path, topic_ids={"z"})


def test_a_missing_file_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(LabeledError, match="no such file"):
        read_labeled(tmp_path / "none.jsonl")


def _example(n: int, topics: tuple[str, ...], machine: tuple[str, ...]) -> LabeledExample:
    return LabeledExample(
        id=f"duluan:{n}",
        article_id=n,
        url=f"http://127.0.0.1/{n}",
        title=f"Tiêu đề {n}",
        sapo="Tóm tắt.",
        body="Nội dung.",
        topics=topics,
        machine_topics=machine,
        corrected_by="lan",
        corrected_at=datetime(2026, 11, 20, tzinfo=UTC),
    )


def test_corrections_become_labeled_articles_with_the_annotators_topics_beside() -> None:
    corrected, data = from_corrections([_example(1, ("a",), ("b",)), _example(2, ("a",), ("a",))])
    assert [(a.id, a.sapo, a.text, a.topics) for a in data.articles] == [
        ("duluan:1", "Tóm tắt.", "Nội dung.", {"a"}),
        ("duluan:2", "Tóm tắt.", "Nội dung.", {"a"}),
    ]
    assert [(c.machine_topics, c.changed) for c in corrected] == [({"b"}, True), ({"a"}, False)]


def test_a_retired_topic_is_dropped_from_a_correction_with_a_note() -> None:
    corrected, data = from_corrections([_example(1, ("a", "old"), ("old",))], topic_ids={"a"})
    assert data.articles[0].topics == {"a"} and corrected[0].machine_topics == frozenset()
    assert "old" in data.notes[0] and not data.skipped


def test_a_corrected_article_without_text_is_skipped_and_counted() -> None:
    empty = replace(_example(1, ("a",), ()), sapo=None, body="  ")
    corrected, data = from_corrections([empty, _example(2, ("a",), ())])
    assert [a.id for a in data.articles] == ["duluan:2"] and len(corrected) == 1
    assert "duluan:1 has no text" in data.skipped[0][2]


def test_a_correction_replaces_the_same_id_of_a_labeled_file() -> None:
    def article(i: str, topic: str) -> LabeledArticle:
        return LabeledArticle(id=i, title=None, sapo=None, text="x", topics=frozenset({topic}))

    base = LabeledSet(articles=[article("duluan:1", "a"), article("c-1", "b")])
    extra = LabeledSet(articles=[article("duluan:1", "c")])
    assert [(a.id, set(a.topics)) for a in merged(base, extra).articles] == [
        ("c-1", {"b"}),
        ("duluan:1", {"c"}),
    ]


def test_a_retired_topic_the_annotator_gave_is_not_counted_against_it() -> None:
    corrected, _ = from_corrections([_example(1, ("a",), ("a", "old"))], topic_ids={"a"})
    assert corrected[0].machine_topics == {"a"} and not corrected[0].changed
