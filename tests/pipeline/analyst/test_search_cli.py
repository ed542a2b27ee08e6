"""`duluan search`, `export` and `stats` as a user runs them (CliRunner), on both backends."""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from typer.testing import CliRunner

from pipeline.cli.main import app
from tests.storage.search_articles import fill

runner = CliRunner()


@pytest.fixture(scope="module")
def db(module_db_url: str, tmp_path_factory: pytest.TempPathFactory) -> tuple[list[str], dict[str, int]]:
    """The CLI's global options for the filled database (one per backend; the commands only read it),
    and the article ids by name."""
    ids = fill(module_db_url)
    return ["--database-url", module_db_url, "--data-dir", str(tmp_path_factory.mktemp("var"))], ids


def _run(db: tuple[list[str], dict[str, int]], *args: str) -> str:
    result = runner.invoke(app, [*db[0], *args])
    assert result.exit_code == 0, result.output
    return result.output


def _titles_json(db: tuple[list[str], dict[str, int]], *args: str) -> list[str | None]:
    return [row["title"] for row in json.loads(_run(db, "search", *args, "--format", "json"))]


def test_search_table_highlights_and_counts(db: tuple[list[str], dict[str, int]]) -> None:
    out = _run(db, "search", "o nhiem", "--count")
    assert "Người dân bức xúc vì ô nhiễm" in out and "3 result(s) of 3 matching article(s)" in out


def test_search_table_does_not_interpret_crawled_markup(
    db: tuple[list[str], dict[str, int]], tmp_path: Path
) -> None:
    target = tmp_path / "hits.txt"
    assert "1 result(s) written to" in _run(db, "search", "hoi lo", "--output", str(target))
    out = target.read_text(encoding="utf-8")
    assert "[bold red]to[/]" in out and '<script>alert("x")</script>' in out


def test_search_json_has_snippets_with_match_offsets(db: tuple[list[str], dict[str, int]]) -> None:
    rows = json.loads(_run(db, "search", "dak lak", "--format", "json"))
    assert len(rows) == 1
    start, end = rows[0]["highlights"][0]
    assert rows[0]["snippet"][start:end] == "Đắk Lắk"
    assert rows[0]["published_at"].startswith("2026-11-18")


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--topic", "moi_truong"], ["Người dân bức xúc vì ô nhiễm từ bãi rác Tân Lang"]),
        (["--recipient", "ubnd", "--source", "vnexpress"], ["Nhiễm mặn đồng ruộng"]),
        (["--recipient", "tand"], []),
        (["--place", "van lang"], ["Người dân bức xúc vì ô nhiễm từ bãi rác Tân Lang"]),
        (["--since", "2026-11-12", "--until", "2026-11-12"], ["Nhiễm mặn đồng ruộng"]),
        (["--tone", "negative", "--local"], ["Người dân bức xúc vì ô nhiễm từ bãi rác Tân Lang"]),
        (["--sort", "newest", "--limit", "1"], ["Mưa lũ gây sạt lở"]),
    ],
)
def test_search_filters(db: tuple[list[str], dict[str, int]], args: list[str], expected: list[str]) -> None:
    assert _titles_json(db, "o nhiem", *args) == expected


def test_search_story_filter(db: tuple[list[str], dict[str, int]]) -> None:
    titles = _titles_json(db, "o nhiem OR duong", "--story", str(db[1]["story"]))
    assert len(titles) == 2


def test_search_csv_to_stdout_marks_matches(db: tuple[list[str], dict[str, int]]) -> None:
    frame = pd.read_csv(StringIO(_run(db, "search", "khanh thanh", "--format", "csv")))
    assert list(frame["title"]) == ["«Khánh thành» đường giao thông nông thôn ở Cao Lộc"]


def test_search_xlsx_needs_output_and_writes_it(db: tuple[list[str], dict[str, int]], tmp_path: Path) -> None:
    result = runner.invoke(app, [*db[0], "search", "o nhiem", "--format", "xlsx"])
    assert result.exit_code == 2 and "needs --output" in result.output
    target = tmp_path / "hits.xlsx"
    _run(db, "search", "o nhiem", "--format", "xlsx", "--output", str(target))
    sheet = openpyxl.load_workbook(target).active
    assert sheet is not None and sheet.max_row == 4 and sheet["A1"].value == "id"


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["search", "NOT lũ"], "only excludes"),
        (["search", '"ô nhiễm'], "unbalanced quote"),
        (["search", "x", "--topic", "nope"], "unknown topic id"),
        (["search", "x", "--recipient", "nobody"], "unknown recipient"),
        (["search", "x", "--source", "nope"], "unknown source id"),
        (["search", "x", "--tone", "angry"], "unknown tone"),
        (["search", "x", "--since", "2026-11-20", "--until", "2026-11-01"], "--until is before --since"),
        (["search", "x", "--format", "pdf"], "unknown format"),
        (["export", "--since", "2026-11-01", "--output", "x.json", "--format", "json"], "unknown format"),
        (["stats", "--by", "colour"], "unknown dimension"),
        (["stats", "--by", "topic,day,source"], "one or two"),
    ],
)
def test_wrong_input_is_one_line_exit_2(
    db: tuple[list[str], dict[str, int]], args: list[str], fragment: str
) -> None:
    result = runner.invoke(app, [*db[0], *args])
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert result.exit_code == 2 and len(lines) == 1 and lines[0].startswith("error: "), result.output
    assert fragment in lines[0]


def test_export_csv_one_row_per_article(db: tuple[list[str], dict[str, int]], tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    out = _run(db, "export", "--since", "2026-11-01", "--format", "csv", "--output", str(target))
    assert "exported 6 article(s)" in out
    assert target.read_bytes().startswith(b"\xef\xbb\xbf")  # BOM: spreadsheets read it as UTF-8
    frame = pd.read_csv(target, encoding="utf-8-sig")
    assert len(frame) == 6 and frame["id"].is_unique
    toa = frame.set_index("id").loc[db[1]["toa"]]
    assert set(toa["topics"].split("; ")) == {"xet_xu", "tham_nhung_tieu_cuc"}
    assert toa["published_at"].startswith("2026-11-20 09:00")  # local time of the province


def test_export_parquet_keeps_lists_and_types(db: tuple[list[str], dict[str, int]], tmp_path: Path) -> None:
    target = tmp_path / "out.parquet"
    _run(
        db,
        "export",
        "--since",
        "2026-11-15",
        "--until",
        "2026-11-20",
        "--format",
        "parquet",
        "--output",
        str(target),
    )
    frame = pd.read_parquet(target)
    assert sorted(frame["id"]) == sorted(db[1][n] for n in ("duong", "daklak", "toa"))
    assert list(frame.set_index("id").loc[db[1]["duong"], "places"]) == ["Cao Lộc"]
    assert isinstance(frame["published_at"].dtype, pd.DatetimeTZDtype)


def test_export_xlsx_never_writes_formulas(db: tuple[list[str], dict[str, int]], tmp_path: Path) -> None:
    target = tmp_path / "out.xlsx"
    _run(
        db,
        "export",
        "--since",
        "2026-11-01",
        "--query",
        "hoi lo",
        "--format",
        "xlsx",
        "--output",
        str(target),
    )
    sheet = openpyxl.load_workbook(target).active
    assert sheet is not None
    header = [c.value for c in sheet[1]]
    body = sheet.cell(row=2, column=header.index("body") + 1)
    assert body.data_type == "s" and "=HYPERLINK" in str(body.value)
    assert all(c.data_type != "f" for row in sheet.iter_rows() for c in row)


def test_stats_by_topic_and_day_is_a_pivot(db: tuple[list[str], dict[str, int]]) -> None:
    out = _run(db, "stats", "--by", "topic,day", "--format", "json")
    rows = {r["topic"]: r for r in json.loads(out)}
    assert rows["xet_xu"]["2026-11-20"] == 1 and rows["xet_xu"]["total"] == 1
    assert rows["(none)"]["2026-11-21"] == 1  # the article not annotated yet
    assert rows["total"]["total"] == 6


@pytest.mark.parametrize(
    ("by", "expected"),
    [
        ("recipient", {"ubnd": 5, "hdnd": 2, "tand": 1, "vksnd": 1, "(none)": 1}),
        ("source", {"baolangson": 4, "vnexpress": 2}),
        ("place", {"Văn Lãng": 1, "Cao Lộc": 1, "Lạng Sơn": 1, "(none)": 3}),
        ("tone", {"negative": 3, "positive": 1, "neutral": 1, "(none)": 1}),
    ],
)
def test_stats_by_one_dimension(
    db: tuple[list[str], dict[str, int]], by: str, expected: dict[str, int]
) -> None:
    rows = json.loads(_run(db, "stats", "--by", by, "--format", "json"))
    assert {r[by]: r["articles"] for r in rows} == expected


def test_stats_table_and_query(db: tuple[list[str], dict[str, int]]) -> None:
    out = _run(db, "stats", "--by", "source", "--query", "o nhiem")
    assert "baolangson" in out and "vnexpress" in out and "articles by source" in out


def test_query_with_markup_is_shown_as_typed(db: tuple[list[str], dict[str, int]]) -> None:
    out = _run(db, "search", "duong [/] [red]")
    assert "search: duong [/] [red]" in out and "0 result(s)" in out  # "[red]" is the word "red"
    assert "1 result(s)" in _run(db, "search", "duong [/]")
