"""`duluan annotate --input/--output`: the annotator on JSONL, without a database."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest
from typer.testing import CliRunner

from config import AppConfig
from pipeline.cli.main import app

ACCIDENT = (
    "Khoảng 7 giờ sáng nay, trên quốc lộ 1A đoạn qua xã Chi Lăng, tỉnh Lạng Sơn đã xảy ra vụ tai nạn "
    "giữa xe tải và xe máy khiến hai người tử vong tại chỗ. Lực lượng cảnh sát giao thông đã có mặt "
    "phân luồng, khám nghiệm hiện trường và điều tra nguyên nhân vụ tai nạn."
)
FESTIVAL = "Lễ hội hoa đào xứ Lạng khai mạc với nhiều hoạt động văn hóa, thể thao sôi nổi, thu hút du khách."
LINES = [
    json.dumps(
        {"id": "a1", "title": "Tai nạn giao thông trên quốc lộ 1A, hai người tử vong", "text": ACCIDENT}
    ),
    "{not json",
    json.dumps({"id": "a2", "text": ""}),
    json.dumps({"id": "a3", "title": None, "text": FESTIVAL}),
    json.dumps({"id": "a4", "text": ACCIDENT + "\nTheo Báo Xứ Lạng", "source": "tin_nhanh"}),
    json.dumps(["a", "list"]),
]


@pytest.fixture
def annotated(tmp_path: Path) -> tuple[list[dict[str, object]], str]:
    source = tmp_path / "in.jsonl"
    target = tmp_path / "out.jsonl"
    source.write_text("\n".join(LINES) + "\n", encoding="utf-8")
    result = CliRunner().invoke(
        app, ["--data-dir", str(tmp_path), "annotate", "--input", str(source), "--output", str(target)]
    )
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in target.read_text(encoding="utf-8").splitlines()], result.output


def test_good_lines_are_annotated_and_malformed_ones_skipped(
    annotated: tuple[list[dict[str, object]], str],
) -> None:
    rows, output = annotated
    assert [r["id"] for r in rows] == ["a1", "a3", "a4"]
    assert "3 malformed lines skipped" in output


@pytest.mark.parametrize(
    "key",
    [
        "topics",
        "topic_scores",
        "evidence",
        "places",
        "organisations",
        "tone",
        "local",
        "dup_group",
        "story",
        "people",
        "units",
        "tone_score",
        "tone_evidence",
        "local_score",
    ],
)
def test_output_keeps_input_and_adds_fields(annotated: tuple[list[dict[str, object]], str], key: str) -> None:
    rows, _ = annotated
    assert key in rows[0] and rows[0]["text"] == ACCIDENT


def test_the_tone_comes_with_what_decided_it(annotated: tuple[list[dict[str, object]], str]) -> None:
    rows, _ = annotated
    accident = rows[0]
    evidence = accident["tone_evidence"]
    assert accident["tone"] == "negative" and isinstance(evidence, dict)
    assert evidence["source"] == "model" and set(evidence["probabilities"]) == {
        "negative",
        "neutral",
        "positive",
    }
    assert any(r["kind"] == "phrase" for r in evidence["reasons"]) and len(evidence["reasons"]) >= 3


def test_topics_come_with_evidence(annotated: tuple[list[dict[str, object]], str]) -> None:
    rows, _ = annotated
    accident, festival = rows[0], rows[1]
    assert accident["topics"] == ["giao_thong"] and accident["evidence"]["giao_thong"]  # type: ignore[index]
    assert festival["topics"] == []


def test_copy_shares_the_duplicate_group_and_story(annotated: tuple[list[dict[str, object]], str]) -> None:
    rows, _ = annotated
    assert rows[2]["dup_group"] == "a1"
    assert rows[2]["story"] == rows[0]["story"] == "a1"


def test_malformed_lines_are_reported_with_their_line_numbers(
    app_config: AppConfig, caplog: pytest.LogCaptureFixture
) -> None:
    from io import StringIO

    from pipeline.annotate.file import annotate_file

    with caplog.at_level(logging.WARNING, logger="duluan.annotate"):
        stats = annotate_file(app_config, StringIO("\n".join(LINES) + "\n"), StringIO())
    assert stats.skipped == [
        (2, "invalid JSON: Expecting property name enclosed in double quotes"),
        (3, "missing 'text'"),
        (6, "not a JSON object"),
    ]
    assert {r.getMessage().split(":")[0] for r in caplog.records} == {
        "line 2 skipped",
        "line 3 skipped",
        "line 6 skipped",
    }


def test_people_and_units_are_written(annotated: tuple[list[dict[str, object]], str]) -> None:
    rows, _ = annotated
    assert rows[0]["units"] == ["xã Chi Lăng"] and rows[0]["local"] is True


def test_input_without_output_is_an_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["--data-dir", str(tmp_path), "annotate", "--input", "x.jsonl"])
    assert result.exit_code == 2 and "go together" in result.output
