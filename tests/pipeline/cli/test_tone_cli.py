"""`duluan tone train|eval`: the tone model rebuilt and scored from the CLI (sentences written for tests)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from nlp.tone_model import MODEL_FILE, load
from pipeline.cli.main import app
from tests.nlp.test_tone_model import NEGATIVE, NEUTRAL, POSITIVE

runner = CliRunner()


def _rows() -> list[dict[str, object]]:
    return [
        {"id": f"{tone}-{n}", "title": None, "text": text, "tone": tone}
        for tone, texts in (("negative", NEGATIVE), ("neutral", NEUTRAL), ("positive", POSITIVE))
        for n, text in enumerate(texts)
    ]


@pytest.fixture
def labeled(tmp_path: Path) -> Path:
    path = tmp_path / "tone.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in _rows()), encoding="utf-8")
    return path


def _run(tmp_path: Path, *args: str) -> tuple[int, str]:
    result = runner.invoke(app, ["--data-dir", str(tmp_path / "var"), "tone", *args])
    return result.exit_code, result.output


def test_train_reports_both_sides_and_stores_a_reproducible_model(tmp_path: Path, labeled: Path) -> None:
    code, output = _run(tmp_path, "train", str(labeled), "--folds", "3", "--seed", "5")
    assert code == 0, output
    assert "lexicon alone:" in output and "tone model:" in output and "macro-F1" in output
    path = tmp_path / "var" / "models" / MODEL_FILE
    first = path.read_bytes()
    assert _run(tmp_path, "train", str(labeled), "--folds", "0", "--seed", "5")[0] == 0
    assert path.read_bytes() == first and load(path.parent).info["trained_on"] == 30


def test_eval_scores_the_model_and_says_when_it_saw_the_articles(tmp_path: Path, labeled: Path) -> None:
    assert _run(tmp_path, "train", str(labeled), "--folds", "0")[0] == 0
    code, output = _run(tmp_path, "eval", str(labeled))
    assert code == 0 and "30 articles, tone by the tone model" in output
    assert "trained on 30 of these articles" in output and "accuracy" in output


def test_labels_join_a_texts_file_and_malformed_lines_are_counted(tmp_path: Path) -> None:
    rows = _rows()
    labels, texts = tmp_path / "labels.jsonl", tmp_path / "texts.jsonl"
    lines = [json.dumps({"id": r["id"], "tone": r["tone"]}) for r in rows]
    labels.write_text("\n".join([*lines, "{not json", json.dumps({"id": "x", "tone": "angry"})]) + "\n")
    texts.write_text(
        "".join(
            json.dumps({"id": r["id"], "title": None, "text": r["text"]}, ensure_ascii=False) + "\n"
            for r in rows
        )
    )
    code, output = _run(tmp_path, "eval", str(labels), "--texts", str(texts), "--lexicon")
    assert code == 0, output
    assert "2 malformed lines skipped" in output and "30 articles, tone by the lexicon" in output


@pytest.mark.parametrize(
    ("content", "fragment"), [("", "no usable tone-labeled article"), (None, "no such file")]
)
def test_unusable_label_files_are_one_line_errors(tmp_path: Path, content: str | None, fragment: str) -> None:
    path = tmp_path / "bad.jsonl"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    code, output = _run(tmp_path, "eval", str(path))
    assert code == 2 and output.startswith("error:") and fragment in output


def test_train_with_the_lsa_stores_a_model_eval_reads_back_with_it(tmp_path: Path, labeled: Path) -> None:
    code, output = _run(tmp_path, "train", str(labeled), "--folds", "0", "--lsa")
    assert code == 0, output
    model = load(tmp_path / "var" / "models")
    assert model.uses_lsa and model.lsa is not None
    code, output = _run(tmp_path, "eval", str(labeled))
    assert code == 0 and "30 articles, tone by the tone model" in output


def test_train_with_extra_labels_trains_on_them_and_scores_only_the_labels(
    tmp_path: Path, labeled: Path
) -> None:
    rows = _rows()
    extra, texts = tmp_path / "extra.jsonl", tmp_path / "texts.jsonl"
    positive = [r for r in rows if r["tone"] == "positive"]
    extra.write_text(
        "".join(json.dumps({"id": f"more-{r['id']}", "tone": "negative"}) + "\n" for r in positive)
    )
    every = [*rows, *({**r, "id": f"more-{r['id']}"} for r in positive)]  # texts of both files
    texts.write_text(
        "".join(
            json.dumps({"id": r["id"], "title": None, "text": r["text"]}, ensure_ascii=False) + "\n"
            for r in every
        )
    )
    code, output = _run(
        tmp_path, "train", str(labeled), "--extra", str(extra), "--texts", str(texts), "--folds", "3"
    )
    assert code == 0, output
    assert "cross-validated on 30 articles" in output and "10 extra labels in every training fold" in output
    info = load(tmp_path / "var" / "models").info
    assert info["trained_on"] == 40 and info["extra_labels"] == 10
    assert "trained on 40 articles (10 of them extra labels)" in output


@pytest.mark.parametrize("folds", ["0", "3"])
def test_extra_labels_of_the_scored_articles_are_a_one_line_error(
    tmp_path: Path, labeled: Path, folds: str
) -> None:
    code, output = _run(tmp_path, "train", str(labeled), "--extra", str(labeled), "--folds", folds)
    assert code == 2 and output.startswith("error:") and "must be other articles" in output
