"""Writing analysts' tables: hostile cells stay text, chunks with missing values still make one file."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from pipeline.analyst.tables import TableError, write_table

HOSTILE = ["=1+1", "+SUM(A1)", "-2+3", "@cmd", "bình thường", "x\x07y\x1bz"]


def test_csv_cells_that_would_be_formulas_get_an_apostrophe(tmp_path: Path) -> None:
    target = tmp_path / "t.csv"
    write_table([pd.DataFrame({"text": HOSTILE, "n": range(6)})], "csv", target)
    frame = pd.read_csv(target, encoding="utf-8-sig")
    assert list(frame["text"][:5]) == ["'=1+1", "'+SUM(A1)", "'-2+3", "'@cmd", "bình thường"]
    assert list(frame["n"]) == list(range(6))  # numbers are left alone


def test_xlsx_cells_are_strings_without_control_characters(tmp_path: Path) -> None:
    target = tmp_path / "t.xlsx"
    write_table([pd.DataFrame({"text": HOSTILE, "n": range(6)})], "xlsx", target)
    sheet = openpyxl.load_workbook(target).active
    assert sheet is not None
    cells = [sheet.cell(row=r, column=1) for r in range(2, 8)]
    assert [c.value for c in cells] == ["=1+1", "+SUM(A1)", "-2+3", "@cmd", "bình thường", "xyz"]
    assert {c.data_type for c in cells} == {"s"}
    assert sheet.cell(row=2, column=2).value == 0


def test_chunks_whose_first_has_only_missing_values(tmp_path: Path) -> None:
    first = pd.DataFrame({"id": [1], "dup_of": [None], "places": [[]]})
    second = pd.DataFrame({"id": [2], "dup_of": [1], "places": [["Cao Lộc"]]})
    target = tmp_path / "t.parquet"
    assert write_table([first, second], "parquet", target) == 2
    frame = pd.read_parquet(target)
    assert list(frame["places"].map(list)) == [[], ["Cao Lộc"]]


def test_lists_are_joined_for_csv(tmp_path: Path) -> None:
    target = tmp_path / "t.csv"
    write_table([pd.DataFrame({"topics": [["a", "b"], []]})], "csv", target)
    assert pd.read_csv(target, encoding="utf-8-sig", keep_default_na=False)["topics"].tolist() == ["a; b", ""]


@pytest.mark.parametrize(("fmt", "fragment"), [("xlsx", "needs --output"), ("pdf", "unknown format")])
def test_bad_requests(fmt: str, fragment: str) -> None:
    with pytest.raises(TableError, match=fragment):
        write_table([pd.DataFrame({"a": [1]})], fmt, None)
