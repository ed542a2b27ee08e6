"""Reading labeled articles: one file, or labels joined with texts; malformed lines counted."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.labeled import LabeledError, read_labeled


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
