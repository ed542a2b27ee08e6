"""`duluan annotate --input/--output`: the annotator on JSONL, without a database."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pipeline.cli.main import app

ACCIDENT = (
    "Khoảng 7 giờ sáng nay, trên quốc lộ 1A đoạn qua xã Chi Lăng đã xảy ra vụ tai nạn giao thông giữa xe tải "
    "và xe máy khiến hai người tử vong tại chỗ. Lực lượng cảnh sát giao thông đã có mặt phân luồng, "
    "khám nghiệm hiện trường và điều tra nguyên nhân vụ tai nạn."
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
    ["topics", "topic_scores", "evidence", "places", "organisations", "tone", "local", "dup_group", "story"],
)
def test_output_keeps_input_and_adds_fields(annotated: tuple[list[dict[str, object]], str], key: str) -> None:
    rows, _ = annotated
    assert key in rows[0] and rows[0]["text"] == ACCIDENT


def test_topics_come_with_evidence(annotated: tuple[list[dict[str, object]], str]) -> None:
    rows, _ = annotated
    accident, festival = rows[0], rows[1]
    assert accident["topics"] == ["giao_thong"] and accident["evidence"]["giao_thong"]  # type: ignore[index]
    assert festival["topics"] == []


def test_copy_shares_the_duplicate_group_and_story(annotated: tuple[list[dict[str, object]], str]) -> None:
    rows, _ = annotated
    assert rows[2]["dup_group"] == "a1"
    assert rows[2]["story"] == rows[0]["story"] == "a1"


def test_input_without_output_is_an_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["--data-dir", str(tmp_path), "annotate", "--input", "x.jsonl"])
    assert result.exit_code == 2 and "go together" in result.output
