"""The follow-up loop from the command line: `alerts ack`, `alerts list`, and `report` (HTML + XLSX)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from config import AppConfig
from pipeline.cli.main import app as cli
from pipeline.digest.core import run_digest
from storage import alerts as alert_repo
from storage.db import session_scope
from storage.records import Alert
from tests.pipeline.conftest import DAY, Seeder, at, end_of

runner = CliRunner()


def _args(app: AppConfig) -> list[str]:
    return ["--data-dir", str(app.settings.data_dir), "--database-url", app.settings.resolved_database_url]


def _alert(app: AppConfig, key: str, recipient: str = "ubnd", when: dt.datetime | None = None) -> int:
    with session_scope(app.settings.resolved_database_url) as session:
        alert_id = alert_repo.create_alert(
            session,
            Alert(key=key, recipient_id=recipient, kind="issue", topic_id="xet_xu", title=f"Cảnh báo {key}"),
            ["file"],
            when or at(DAY),
        )
    assert alert_id is not None
    return alert_id


def _one_line_error(output: str, code: int, fragment: str) -> None:
    lines = [line for line in output.splitlines() if line.strip()]
    assert code == 2 and len(lines) == 1 and lines[0].startswith("error: ") and fragment in lines[0], output


def test_ack_records_who_handled_the_alert_and_when(seed: Seeder, app_on: AppConfig) -> None:
    alert_id = _alert(app_on, "a")
    result = runner.invoke(
        cli, [*_args(app_on), "alerts", "ack", str(alert_id), "--by", "ubnd", "--note", "Đã chỉ đạo kiểm tra"]
    )
    assert result.exit_code == 0, result.output
    with session_scope(app_on.settings.resolved_database_url) as session:
        row = alert_repo.get_alert(session, alert_id)
        assert row is not None
        assert (row.status, row.acked_by, row.ack_note) == ("acked", "ubnd", "Đã chỉ đạo kiểm tra")
        assert row.acked_at is not None


def test_the_board_may_acknowledge_any_alert(seed: Seeder, app_on: AppConfig) -> None:
    alert_id = _alert(app_on, "a", recipient="tand")
    result = runner.invoke(
        cli, [*_args(app_on), "alerts", "ack", str(alert_id), "--by", "ban_tuyen_giao", "--note", "Đã nắm"]
    )
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize(
    ("by", "note", "which", "fragment"),
    [
        ("ubnd", "x", "missing", "no alert with id"),
        ("nobody", "x", "open", "unknown recipient 'nobody'"),
        ("tand", "x", "open", "is addressed to ubnd"),
        ("ubnd", "   ", "open", "the note must say what was done"),
        ("ubnd", "x", "acked", "already acknowledged by ubnd"),
    ],
)
def test_a_wrong_ack_is_one_line_exit_2(
    seed: Seeder, app_on: AppConfig, by: str, note: str, which: str, fragment: str
) -> None:
    alert_id = _alert(app_on, "a")
    if which == "acked":
        runner.invoke(cli, [*_args(app_on), "alerts", "ack", str(alert_id), "--by", "ubnd", "--note", "xong"])
    target = alert_id + 100 if which == "missing" else alert_id
    result = runner.invoke(cli, [*_args(app_on), "alerts", "ack", str(target), "--by", by, "--note", note])
    _one_line_error(result.output, result.exit_code, fragment)


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        (["--recipient", "ubnd"], {"u-open", "u-acked"}),
        (["--status", "acked"], {"u-acked"}),
        (["--recipient", "tand", "--status", "pending"], {"t-open"}),
        (["--recipient", "ubnd", "--status", "sent"], set()),
    ],
)
def test_list_filters_by_recipient_and_status(
    seed: Seeder, app_on: AppConfig, options: list[str], expected: set[str]
) -> None:
    _alert(app_on, "u-open")
    acked = _alert(app_on, "u-acked")
    _alert(app_on, "t-open", recipient="tand")
    runner.invoke(
        cli, [*_args(app_on), "alerts", "ack", str(acked), "--by", "ubnd", "--note", "Đã xử lý xong"]
    )
    result = runner.invoke(cli, [*_args(app_on), "alerts", "list", *options, "--format", "json"])
    assert result.exit_code == 0, result.output
    assert {a["key"] for a in json.loads(result.output)} == expected
    table = runner.invoke(cli, [*_args(app_on), "alerts", "list", *options])
    assert table.exit_code == 0 and f"{len(expected)} alert(s)" in table.output


def test_list_shows_the_follow_up(seed: Seeder, app_on: AppConfig) -> None:
    acked = _alert(app_on, "a")
    runner.invoke(
        cli, [*_args(app_on), "alerts", "ack", str(acked), "--by", "ubnd", "--note", "Đã xử lý xong"]
    )
    (item,) = json.loads(runner.invoke(cli, [*_args(app_on), "alerts", "list", "--format", "json"]).output)
    assert (item["status"], item["acked_by"], item["note"]) == ("acked", "ubnd", "Đã xử lý xong")
    assert item["deliveries"] == [{"channel": "file", "status": "pending", "attempts": 0, "error": None}]


def test_an_acknowledged_alert_leaves_the_digest_follow_up(seed: Seeder, app_on: AppConfig) -> None:
    alert_id = _alert(app_on, "a", when=at(DAY - dt.timedelta(days=1)))
    before = Path(run_digest(app_on, DAY, now=end_of(DAY)).html).read_text(encoding="utf-8")
    runner.invoke(cli, [*_args(app_on), "alerts", "ack", str(alert_id), "--by", "ubnd", "--note", "Đã xử lý"])
    after = Path(run_digest(app_on, DAY, now=end_of(DAY)).html).read_text(encoding="utf-8")
    assert "Cảnh báo a — UBND tỉnh" in before and "Cảnh báo a" not in after


def _report_data(seed: Seeder, app: AppConfig) -> None:
    seed.article(at(dt.date(2026, 7, 3)), topics={"xet_xu": 5.0}, source="xl", terms=("a",))
    seed.article(at(dt.date(2026, 7, 20)), topics={"xet_xu": 5.0}, source="tn", terms=("b",))
    seed.article(at(dt.date(2026, 8, 5)), topics={"xet_xu": 5.0}, source="xl", terms=("c",))
    seed.article(at(dt.date(2026, 8, 6)), topics={"giao_thong": 5.0}, source="xl", terms=("d",))  # not TAND's
    seed.article(at(dt.date(2026, 10, 2)), topics={"xet_xu": 5.0}, source="xl", terms=("e",))  # next quarter
    acked = _alert(app, "t1", recipient="tand", when=at(dt.date(2026, 8, 5)))
    _alert(app, "t2", recipient="tand", when=at(dt.date(2026, 9, 1)))
    _alert(app, "u1", recipient="ubnd", when=at(dt.date(2026, 9, 1)))
    with session_scope(app.settings.resolved_database_url) as session:
        alert_repo.ack_alert(session, acked, by="tand", note="Đã đưa ra xét xử", now=at(dt.date(2026, 8, 6)))


def test_quarter_report_counts_the_body_topics_by_month_and_outlet(seed: Seeder, app_on: AppConfig) -> None:
    _report_data(seed, app_on)
    result = runner.invoke(cli, [*_args(app_on), "report", "--recipient", "tand", "--quarter", "2026Q3"])
    assert result.exit_code == 0, result.output
    folder = app_on.settings.report_dir
    book = load_workbook(folder / "tand-2026Q3.xlsx")
    assert book.sheetnames == [
        "Tổng hợp",
        "Theo tháng",
        "Theo cơ quan báo chí",
        "Vấn đề nổi cộm",
        "Cảnh báo và xử lý",
        "Bài viết",
    ]
    by_month = [[c.value for c in row] for row in book["Theo tháng"].iter_rows()]
    assert by_month[0] == ["Tháng", "Vụ án, xét xử", "Tổng"]
    assert by_month[1:] == [["2026-07", 2, 2], ["2026-08", 1, 1]]
    by_outlet = {row[0].value: row[-1].value for row in book["Theo cơ quan báo chí"].iter_rows(min_row=2)}
    assert by_outlet == {"Báo Xứ Lạng Thử": 2, "Tin Nhanh Thử": 1}
    alerts = [[c.value for c in row] for row in book["Cảnh báo và xử lý"].iter_rows(min_row=2)]
    assert [(r[4], r[5], r[9]) for r in alerts] == [
        ("Cảnh báo t1", "acked", "Đã đưa ra xét xử"),
        ("Cảnh báo t2", "pending", None),
    ]
    html = (folder / "tand-2026Q3.html").read_text(encoding="utf-8")
    assert "BÁO CÁO QUÝ III/2026" in html and "Đã đưa ra xét xử" in html and "Cảnh báo u1" not in html


def test_month_report_covers_only_that_month(seed: Seeder, app_on: AppConfig) -> None:
    _report_data(seed, app_on)
    result = runner.invoke(cli, [*_args(app_on), "report", "--recipient", "tand", "--month", "2026-08"])
    assert result.exit_code == 0, result.output
    book = load_workbook(app_on.settings.report_dir / "tand-2026-08.xlsx")
    assert [[c.value for c in r] for r in book["Theo tháng"].iter_rows(min_row=2)] == [["2026-08", 1, 1]]
    assert "1 articles" in result.output and "1 alerts" in result.output


@pytest.mark.parametrize(
    ("options", "fragment"),
    [
        (["--recipient", "tand"], "exactly one of --quarter"),
        (["--recipient", "tand", "--quarter", "2026Q5"], "invalid quarter"),
        (["--recipient", "tand", "--month", "2026-13"], "invalid month"),
        (["--recipient", "tand", "--quarter", "2026Q3", "--month", "2026-07"], "exactly one of"),
        (["--recipient", "toa_an", "--quarter", "2026Q3"], "unknown recipient"),
    ],
)
def test_a_wrong_report_request_is_one_line_exit_2(
    seed: Seeder, app_on: AppConfig, options: list[str], fragment: str
) -> None:
    result = runner.invoke(cli, [*_args(app_on), "report", *options])
    _one_line_error(result.output, result.exit_code, fragment)
