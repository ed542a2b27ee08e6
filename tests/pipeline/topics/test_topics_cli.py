"""`duluan topics train|eval`: the trained model and the evaluation from the CLI (articles written here)."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from typer.testing import CliRunner

from config import load_config
from config.models import Source
from nlp.schema import Annotation, TopicScore
from nlp.topic_model_file import load
from pipeline.cli.main import app
from storage import articles as repo
from storage.corrections import save_correction
from storage.db import session_scope, upgrade
from storage.records import RawArticle

runner = CliRunner()
TRAFFIC = [
    "Xe tải va chạm xe máy trên quốc lộ, một người tử vong tại chỗ.",
    "Tai nạn giao thông liên hoàn khiến ba người bị thương nặng.",
    "Xe khách lật trên đèo, cảnh sát giao thông phân luồng.",
    "Va chạm giữa ô tô và xe máy, tài xế bỏ chạy khỏi hiện trường vụ tai nạn giao thông.",
]
DRUGS = [
    "Bắt quả tang đối tượng vận chuyển ma túy tổng hợp.",
    "Triệt phá đường dây mua bán trái phép chất ma túy qua biên giới.",
    "Thu giữ hai bánh heroin, khởi tố bị can về tội mua bán ma túy.",
    "Công an phát hiện nhóm thanh niên sử dụng trái phép chất ma túy.",
]
OTHER = [
    "Lễ hội hoa đào khai mạc với nhiều hoạt động văn hóa.",
    "Giải bóng đá thiếu niên tỉnh thu hút mười sáu đội.",
    "Nông dân vào vụ thu hoạch quýt vàng.",
    "Hội chợ nông sản thu hút đông đảo khách tham quan.",
]


def _labeled() -> list[dict[str, object]]:
    rows: list[dict[str, object]] = []
    for topic, texts in (("giao_thong", TRAFFIC), ("ma_tuy_xuat_nhap_canh", DRUGS), (None, OTHER)):
        for n, text in enumerate(texts):
            rows.append(
                {
                    "id": f"{topic or 'none'}-{n}",
                    "title": None,
                    "text": text,
                    "topics": [topic] if topic else [],
                }
            )
    return rows


@pytest.fixture
def labeled(tmp_path: Path) -> Path:
    path = tmp_path / "labeled.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in _labeled()), encoding="utf-8")
    return path


def _run(tmp_path: Path, *args: str) -> tuple[int, str]:
    result = runner.invoke(app, ["--data-dir", str(tmp_path / "var"), "topics", *args])
    return result.exit_code, result.output


def test_train_stores_the_model_and_reports_cross_validation(tmp_path: Path, labeled: Path) -> None:
    code, output = _run(tmp_path, "train", str(labeled), "--folds", "2", "--min-positives", "3")
    assert code == 0, output
    assert (tmp_path / "var" / "models" / "topics.npz").is_file()
    assert "rules + model" in output and "rules alone" in output and "giao_thong (4)" in output
    assert "MB)" in output  # the stored model's size


def test_eval_prints_per_topic_figures_and_averages(tmp_path: Path, labeled: Path) -> None:
    code, output = _run(tmp_path, "eval", str(labeled), "--rules-only")
    assert code == 0, output
    line = next(x for x in output.splitlines() if x.startswith("giao_thong")).split()
    assert line[1] == "4" and all(
        0 <= float(x) <= 1 for x in line[5:8]
    )  # topic, support, tp, fp, fn, P, R, F1
    assert "micro-F1" in output and "macro-F1" in output and "tagged by the rules" in output


def test_eval_uses_the_trained_model_and_says_when_it_saw_the_articles(tmp_path: Path, labeled: Path) -> None:
    assert _run(tmp_path, "train", str(labeled), "--folds", "0", "--min-positives", "3")[0] == 0
    code, output = _run(tmp_path, "eval", str(labeled))
    assert code == 0 and "rules + model" in output and "trained on 12 of these articles" in output
    assert "fitted data" in output


def test_eval_without_a_trained_model_uses_the_shipped_one(tmp_path: Path, labeled: Path) -> None:
    code, output = _run(tmp_path, "eval", str(labeled))
    assert code == 0 and "rules + model" in output and "topics.npz" in output, output


def test_eval_cross_validates_beside_the_rules_with_confusions(tmp_path: Path, labeled: Path) -> None:
    code, output = _run(tmp_path, "eval", str(labeled), "--cv", "2", "--min-positives", "3")
    assert code == 0, output
    assert "2-fold cross-validation over 12 articles" in output
    assert "rules alone" in output and "model alone" in output and "macro-F1" in output
    assert not (tmp_path / "var" / "models" / "topics.npz").exists()  # measuring stores nothing


def test_eval_trains_on_the_other_files_and_tests_on_the_held_out_one(tmp_path: Path) -> None:
    rows = _labeled()
    first, second = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    first.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows[::2]), encoding="utf-8")
    second.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows[1::2]), encoding="utf-8")
    code, output = _run(
        tmp_path, "eval", str(first), str(second), "--hold-out", str(second), "--min-positives", "2"
    )
    assert code == 0, output
    assert f"trained on 6 articles of the other files, tested on the 6 of {second}" in output
    code, output = _run(tmp_path, "eval", str(first), "--hold-out", str(second))
    assert code == 2 and "not one of the LABELED files" in output


def test_extra_labels_join_every_training_fold_and_are_never_scored(tmp_path: Path) -> None:
    rows = _labeled()
    scored, extra = tmp_path / "scored.jsonl", tmp_path / "extra.jsonl"
    scored.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows[::2]), encoding="utf-8")
    # one id of the extra file is also scored: it counts as a scored article only
    extra.write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in [*rows[1::2], rows[0]]), encoding="utf-8"
    )
    args = ("eval", str(scored), "--cv", "2", "--min-positives", "3")
    code, output = _run(tmp_path, *args, "--extra", str(extra))
    assert code == 0, output
    assert "2-fold cross-validation over 6 articles" in output
    assert "6 --extra articles in every training set, never scored" in output
    assert "1 --extra articles are also in LABELED" in output
    line = next(x for x in output.splitlines() if x.startswith("giao_thong")).split()
    assert line[1] == "2"  # support: only the scored articles count
    # without the extra articles no fold has 3 examples of a topic: no model, the rules alone
    alone = _run(tmp_path, *args)[1]
    assert alone != output and "--extra" not in alone
    code, output = _run(tmp_path, "eval", str(scored), "--extra", str(extra))
    assert code == 2 and "--cv or --hold-out" in output


def test_labels_can_be_joined_with_a_texts_file(tmp_path: Path) -> None:
    rows = _labeled()
    labels, texts = tmp_path / "labels.jsonl", tmp_path / "texts.jsonl"
    labels.write_text(
        "".join(json.dumps({"id": r["id"], "topics": r["topics"], "disputed": []}) + "\n" for r in rows)
    )
    texts.write_text(
        "".join(
            json.dumps({"id": r["id"], "title": None, "text": r["text"]}, ensure_ascii=False) + "\n"
            for r in rows
        )
    )
    code, output = _run(tmp_path, "eval", str(labels), "--texts", str(texts))
    assert code == 0 and "12 articles" in output


def test_malformed_lines_are_skipped_and_counted(tmp_path: Path, labeled: Path) -> None:
    with labeled.open("a", encoding="utf-8") as handle:
        handle.write("{not json\n" + json.dumps({"id": "x", "text": "Tin.", "topics": "giao_thong"}) + "\n")
    code, output = _run(tmp_path, "eval", str(labeled))
    assert code == 0 and "2 malformed lines skipped" in output


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        (
            json.dumps({"id": "a", "text": "Tin.", "topics": ["khong_co"]}) + "\n",
            "unknown topic ids: khong_co",
        ),
        ("", "no labeled article"),
    ],
)
def test_unusable_labeled_files_are_one_line_errors(tmp_path: Path, content: str, fragment: str) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text(content, encoding="utf-8")
    code, output = _run(tmp_path, "eval", str(path))
    assert code == 2 and output.startswith("error:") and fragment in output


def test_a_broken_model_file_is_one_line_and_the_rules_are_evaluated(tmp_path: Path, labeled: Path) -> None:
    models = tmp_path / "var" / "models"
    models.mkdir(parents=True)
    (models / "topics.npz").write_bytes(b"not a model")
    code, output = _run(tmp_path, "eval", str(labeled))
    assert code == 0 and output.startswith("error:") and "cannot read the topic model" in output
    assert "tagged by the rules\n" in output


def test_too_few_examples_to_train_is_a_one_line_error(tmp_path: Path) -> None:
    path = tmp_path / "few.jsonl"
    path.write_text(
        json.dumps({"id": "a", "text": TRAFFIC[0], "topics": ["giao_thong"]}) + "\n", encoding="utf-8"
    )
    code, output = _run(tmp_path, "train", str(path), "--folds", "0")
    assert code == 2 and "nothing to train" in output


@pytest.mark.parametrize("content", [b"not a model", b"PK\x03\x04 truncated"])
def test_annotate_says_a_broken_model_in_one_line_and_tags_by_the_rules(
    tmp_path: Path, content: bytes, caplog: pytest.LogCaptureFixture
) -> None:
    models = tmp_path / "var" / "models"
    models.mkdir(parents=True)
    (models / "topics.npz").write_bytes(content)
    source = tmp_path / "in.jsonl"
    source.write_text(
        json.dumps({"id": "a", "text": TRAFFIC[0]}, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    result = runner.invoke(
        app,
        [
            "--data-dir",
            str(tmp_path / "var"),
            "annotate",
            "--input",
            str(source),
            "--output",
            str(tmp_path / "o"),
        ],
    )
    assert result.exit_code == 0, result.output
    problems = [r.getMessage() for r in caplog.records if "cannot read the topic model" in r.getMessage()]
    assert len(problems) == 1 and "\n" not in problems[0]
    assert "rules alone" in problems[0] and "topics train" in problems[0]
    (line,) = [json.loads(x) for x in (tmp_path / "o").read_text(encoding="utf-8").splitlines()]
    assert line["topics"] == ["giao_thong"] and not line["topic_probabilities"]
    assert line["topic_explanations"]["giao_thong"]["phrases"]


SOURCE = Source(
    id="bao",
    name="Báo thử",
    url="http://127.0.0.1/",
    scope="province",
    discovery=[{"kind": "rss", "url": "http://127.0.0.1/rss"}],  # type: ignore[list-item]
)
NOW = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)


def _annotation(topics: list[str]) -> Annotation:
    return Annotation(
        topics=tuple(TopicScore(topic_id=t, score=0.6, evidence=()) for t in topics),
        places=(),
        organisations=(),
        tone="neutral",
        tone_score=0.0,
        local=True,
        local_score=1.0,
        key_terms=(),
        minhash=None,
        content_hash="x",
    )


@pytest.fixture
def corrected(tmp_path: Path) -> Path:
    """A data folder whose articles the annotator tagged all as traffic, then people corrected."""
    url = load_config({"data_dir": str(tmp_path / "var")}).settings.resolved_database_url
    upgrade(url)
    with session_scope(url) as session:
        repo.sync_sources(session, [SOURCE], NOW)
        for n, row in enumerate(_labeled()):
            raw = RawArticle(
                url=f"http://127.0.0.1/{n}.html",
                canonical_url=f"http://127.0.0.1/{n}.html",
                source_id="bao",
                title=None,
                sapo=None,
                text=str(row["text"]),
                author=None,
                published_at=NOW,
                fetched_at=NOW,
            )
            article_id = repo.insert_article(session, raw)
            assert article_id is not None
            repo.save_annotation(
                session, article_id, _annotation(["giao_thong"]), dup_of=None, version="t", now=NOW
            )
            topics = [str(t) for t in row["topics"]]  # type: ignore[union-attr]
            save_correction(session, article_id, topics, user_name="lan", role="analyst", now=NOW)
    return tmp_path


def _micro(output: str) -> tuple[float, float]:
    """The then/now micro-F1 of the corrections' comparison table."""
    line = output.split("how the corrections changed the scores")[1]
    values = next(x for x in line.splitlines() if x.startswith("micro-F1")).split()
    return float(values[-3]), float(values[-2])


def test_eval_from_corrections_compares_the_annotator_then_with_the_tagger_now(corrected: Path) -> None:
    code, output = _run(corrected, "eval", "--from-corrections")
    assert code == 0, output
    assert "12 corrected articles from the web: 8 with the topics changed, 4 confirmed" in output
    assert "12 articles, tagged by the rules" in output  # rules + the shipped model
    then, now = _micro(output)
    # traffic on every article: 4 right, 8 tagged wrongly, the 4 drug articles missed
    assert then == pytest.approx(2 * 4 / (2 * 4 + 8 + 4))
    assert now > then


def test_train_from_corrections_learns_from_them_and_reports_cross_validated_change(corrected: Path) -> None:
    code, output = _run(corrected, "train", "--from-corrections", "--folds", "2", "--min-positives", "3")
    assert code == 0, output
    assert "trained on 12 articles" in output and "cross-validated" in output
    assert "how the corrections changed the scores" in output
    model = load(corrected / "var" / "models")
    assert model is not None and {i for i in model.trained_ids if i.startswith("duluan:")} == {
        f"duluan:{n}" for n in range(1, 13)
    }
    code, output = _run(corrected, "eval", "--from-corrections")
    assert code == 0 and "trained on 12 of these articles" in output


def test_train_uses_a_labeled_file_and_the_corrections_together(corrected: Path, labeled: Path) -> None:
    code, output = _run(
        corrected, "train", str(labeled), "--from-corrections", "--folds", "0", "--min-positives", "3"
    )
    assert code == 0 and "trained on 24 articles" in output, output


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["train"], "give a LABELED.jsonl file, --from-corrections, or both"),
        (["eval", "--from-corrections"], "no corrected article yet"),
        (["eval", "--texts", "t.jsonl", "--from-corrections"], "give the file too"),
    ],
)
def test_from_corrections_misuse_is_a_one_line_error(tmp_path: Path, args: list[str], fragment: str) -> None:
    code, output = _run(tmp_path, *args)
    assert code == 2 and output.startswith("error:") and fragment in output, output


def test_exported_corrections_are_a_labeled_file_of_the_same_articles(corrected: Path) -> None:
    out = corrected / "LABELED.jsonl"
    result = runner.invoke(
        app, ["--data-dir", str(corrected / "var"), "corrections", "export", "--output", str(out)]
    )
    assert result.exit_code == 0, result.output
    from_file = _run(corrected, "eval", str(out))[1].split("micro-F1 (all topics)")[1].split()[0]
    from_db = _run(corrected, "eval", "--from-corrections")[1].split("micro-F1 (all topics)")[1].split()[0]
    assert from_file == from_db


def test_a_sapo_only_corrected_article_is_exported_with_its_text(tmp_path: Path) -> None:
    url = load_config({"data_dir": str(tmp_path / "var")}).settings.resolved_database_url
    upgrade(url)
    with session_scope(url) as session:
        repo.sync_sources(session, [SOURCE], NOW)
        raw = RawArticle(
            url="http://127.0.0.1/s.html",
            canonical_url="http://127.0.0.1/s.html",
            source_id="bao",
            title="Tin ngắn",
            sapo=TRAFFIC[0],
            text="",
            author=None,
            published_at=NOW,
            fetched_at=NOW,
        )
        article_id = repo.insert_article(session, raw)
        assert article_id is not None
        save_correction(session, article_id, ["giao_thong"], user_name="lan", role="analyst", now=NOW)
    out = tmp_path / "LABELED.jsonl"
    args = ["--data-dir", str(tmp_path / "var"), "corrections", "export", "--output", str(out)]
    assert runner.invoke(app, args).exit_code == 0
    (line,) = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert line["text"] == TRAFFIC[0] and line["sapo"] is None
    code, output = _run(tmp_path, "eval", str(out))
    assert code == 0 and "1 articles, tagged" in output, output
