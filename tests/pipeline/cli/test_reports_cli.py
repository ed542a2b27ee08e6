"""`duluan reports import` and `template`, `duluan users add --unit` through CliRunner (both backends):
errors per row, good rows stored and annotated, nothing stored twice on re-import, formulas inert."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from typer.testing import CliRunner

from pipeline.annotate.grassroots_import import COLUMNS, EXAMPLE
from pipeline.cli.main import app
from storage import grassroots as repo
from storage.db import session_scope

runner = CliRunner()
HEADINGS = [h for _, h, _ in COLUMNS]
GOOD = [
    [
        "18/11/2026",
        "xã Đồng Đăng",
        "Bà con ở chợ phàn nàn bãi rác tạm gây ô nhiễm môi trường, mùi hôi.",
        "",
        "Nhiều người",
        "Bức xúc",
        "Chợ, nơi công cộng",
        "",
        "ctv_dd",
    ],
    [
        "2026-11-19",
        "Xa Cao Loc",
        "Người dân đồng tình với việc mở rộng đường vào khu công nghiệp.",
        "Giao thông",
        "lan rong",
        "dong tinh",
        "hoi nghi",
        "https://facebook.com/groups/x/posts/1",
        "Hoàng Thị B",
    ],
    [
        "19/11/2026",
        "xã Đồng Đăng",
        '=HYPERLINK("http://evil","bấm vào") tin đồn về dự án treo lan rộng',
        "",
        "Cá biệt",
        "Băn khoăn",
        "Mạng xã hội",
        "",
        "",
    ],
]
BAD = [
    [
        "19/11/2026",
        "xã Không Có",
        "Một nội dung đủ dài nhưng đơn vị không có trong danh mục.",
        "",
        "Cá biệt",
        "Băn khoăn",
        "",
        "",
        "",
    ],
    [
        "31/02/2026",
        "xã Đồng Đăng",
        "Ngày sai nên dòng này không được lưu vào hệ thống.",
        "",
        "Cá biệt",
        "Băn khoăn",
        "",
        "",
        "",
    ],
    ["19/11/2026", "xã Đồng Đăng", "Ngắn", "", "rất nhiều", "vui", "", "javascript:alert(1)", ""],
]


def _cli(db_url: str, tmp_path: Path, *args: str, stdin: str | None = None) -> object:
    return runner.invoke(
        app, ["--data-dir", str(tmp_path / "var"), "--database-url", db_url, *args], input=stdin
    )


def _write(path: Path, rows: list[list[str]]) -> Path:
    if path.suffix == ".csv":
        with path.open("w", encoding="utf-8-sig", newline="") as f:
            csv.writer(f).writerows([HEADINGS, *rows])
    else:
        book = Workbook()
        sheet = book.active
        sheet.append(HEADINGS)
        for row in rows:
            sheet.append(row)
        book.save(path)
    return path


def _stored(db_url: str) -> list[repo.GrassrootsReport]:
    with session_scope(db_url) as session:
        return repo.reports_between(session, date(2026, 1, 1), date(2026, 12, 31))


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_import_stores_good_rows_once_and_lists_bad_ones(db_url: str, tmp_path: Path, suffix: str) -> None:
    added = _cli(
        db_url,
        tmp_path,
        "users",
        "add",
        "ctv_dd",
        "--role",
        "cong_tac_vien",
        "--unit",
        "xa dong dang",
        "--password-stdin",
        stdin="mật-khẩu-dài-đủ\n",
    )
    assert added.exit_code == 0, added.output  # type: ignore[attr-defined]
    sheet = _write(tmp_path / f"bao-cao{suffix}", [GOOD[0], BAD[0], GOOD[1], BAD[1], GOOD[2], BAD[2]])
    first = _cli(db_url, tmp_path, "reports", "import", str(sheet))
    out = first.output  # type: ignore[attr-defined]
    assert first.exit_code == 2, out  # type: ignore[attr-defined]
    assert "6 rows: 3 reports stored, 0 already stored, 3 with errors" in out
    assert "row 3: Đơn vị không có trong danh mục" in out and "row 5: Ngày không hợp lệ" in out
    assert "row 7:" in out and "Nội dung quá ngắn" in out and "Đường dẫn phải là" in out
    reports = sorted(_stored(db_url), key=lambda r: r.id)
    assert [r.unit for r in reports] == ["xã Đồng Đăng", "xã Cao Lộc", "xã Đồng Đăng"]
    assert reports[0].reporter == "ctv_dd" and reports[0].reporter_id is not None
    assert reports[1].reporter == "Hoàng Thị B" and reports[1].reporter_id is None
    assert (
        reports[1].spread == "lan_rong"
        and reports[1].mood == "dong_tinh"
        and reports[1].topic_id == "giao_thong"
    )
    assert reports[0].annotated and reports[0].topic_id == "moi_truong"
    assert reports[2].text.startswith("=HYPERLINK")  # stored as written; inert wherever shown
    again = _cli(
        db_url, tmp_path, "reports", "import", str(_write(tmp_path / f"lai{suffix}", [*GOOD, GOOD[0]]))
    )
    assert again.exit_code == 0, again.output  # type: ignore[attr-defined]
    assert "4 rows: 0 reports stored, 4 already stored, 0 with errors" in again.output  # type: ignore[attr-defined]
    assert len(_stored(db_url)) == 3


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_the_template_imports_as_it_is(db_url: str, tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"mau{suffix}"
    made = _cli(db_url, tmp_path, "reports", "template", str(path))
    assert made.exit_code == 0, made.output  # type: ignore[attr-defined]
    if suffix == ".xlsx":
        rows = list(load_workbook(path).worksheets[0].iter_rows(values_only=True))
        assert list(rows[0]) == HEADINGS and list(rows[1])[:3] == list(EXAMPLE[:3])
    done = _cli(db_url, tmp_path, "reports", "import", str(path))
    assert done.exit_code == 0 and "1 reports stored" in done.output, done.output  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("x.txt", "a", "use a .xlsx or .csv file"),
        ("x.csv", "Ngày,Nội dung dư luận\n1,2\n", "missing column(s): Đơn vị, Mức độ, Thái độ"),
        ("x.xlsx", "not a zip", "not a readable .xlsx file"),
        ("missing.csv", None, "no such file"),
    ],
)
def test_an_unreadable_sheet_is_one_line(
    db_url: str, tmp_path: Path, name: str, content: str | None, message: str
) -> None:
    path = tmp_path / name
    if content is not None:
        path.write_text(content, encoding="utf-8")
    result = _cli(db_url, tmp_path, "reports", "import", str(path))
    assert result.exit_code == 2 and message in result.output, result.output  # type: ignore[attr-defined]
    assert "Traceback" not in result.output  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("unit", "message"), [(None, "needs --unit"), ("xã Không Có", "unknown: 'xã Không Có'")]
)
def test_a_collaborator_needs_a_known_unit(
    db_url: str, tmp_path: Path, unit: str | None, message: str
) -> None:
    args = ["users", "add", "ctv", "--role", "cong_tac_vien", "--password-stdin"] + (
        ["--unit", unit] if unit else []
    )
    result = _cli(db_url, tmp_path, *args, stdin="mật-khẩu-dài-đủ\n")
    assert result.exit_code == 2 and message in result.output, result.output  # type: ignore[attr-defined]
