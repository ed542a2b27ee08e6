"""`duluan report --monthly-opinion --month 2026-11` (both backends): the .docx in the Nghị định 30/2020
format (page, fonts, header block, number and date line, sections) and the XLSX, with press and grassroots
by topic and place against the previous month, quotes, issues and alerts — never who reported."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from docx import Document
from openpyxl import load_workbook
from typer.testing import CliRunner

from config import AppConfig
from pipeline.annotate.grassroots import Fields, intake, validate
from pipeline.cli.main import app as cli
from pipeline.detect.issues import run_detect
from pipeline.reports.nd30 import date_line, symbol
from storage.db import session_scope
from storage.users import add_user
from tests.pipeline.conftest import Seeder, at, end_of

NOV, OCT = dt.date(2026, 11, 18), dt.date(2026, 10, 20)
REPORTER = "ctv_bi_mat"
FORMULA = '=HYPERLINK("http://evil","bấm") người dân bàn tán về giá điện tăng'


def _report(
    app: AppConfig, token: str, text: str, unit: str, topic: str, day: dt.date, reporter: int
) -> None:
    report, problems = validate(
        app,
        Fields(
            text=text, unit=unit, spread="lan_rong", mood="buc_xuc", heard_at="cho", heard_on=day, topic=topic
        ),
        token=token,
        channel="web",
        reporter_id=reporter,
        today=NOV,
    )
    assert report is not None, problems
    intake(app, [report], now=at(day, 12))


def _seed(seed: Seeder, app: AppConfig) -> None:
    for k in range(3):
        seed.article(
            at(NOV, 8 + k), topics={"moi_truong": 6.0}, terms=("bãi rác",), source=("xl", "tn")[k % 2]
        )
    seed.article(at(OCT, 9), topics={"moi_truong": 6.0}, terms=("bãi rác",))
    with session_scope(app.settings.resolved_database_url) as session:
        who = add_user(
            session, name=REPORTER, role="cong_tac_vien", password_hash="x", now=at(NOV), unit="xã Đồng Đăng"
        )
    assert who is not None
    _report(
        app,
        "m1",
        "Bà con chợ Đồng Đăng bức xúc vì bãi rác tạm bốc mùi suốt tuần",
        "xã Đồng Đăng",
        "moi_truong",
        NOV,
        who,
    )
    _report(
        app,
        "g1",
        "Người dân lo ngại đèo Mẫu Sơn sạt lở mà chưa có biển cảnh báo",
        "xã Mẫu Sơn",
        "giao_thong",
        NOV,
        who,
    )
    _report(app, "e1", FORMULA, "xã Cao Lộc", "an_sinh_xa_hoi", NOV, who)
    run_detect(app, NOV, now=end_of(NOV))


def _text(doc: Document) -> str:
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            parts.extend(c.text for c in row.cells)
    return "\n".join(parts)


def test_the_monthly_opinion_report_is_a_decree_30_document(
    seed: Seeder, app_on: AppConfig, tmp_path: Path
) -> None:
    _seed(seed, app_on)
    result = CliRunner().invoke(
        cli,
        [
            "--data-dir",
            str(app_on.settings.data_dir),
            "--database-url",
            app_on.settings.resolved_database_url,
            "report",
            "--monthly-opinion",
            "--month",
            "2026-11",
        ],
    )
    assert result.exit_code == 0, result.output
    assert "3 articles, 3 grassroots reports" in result.output
    docx_path = app_on.settings.report_dir / "tinh-hinh-du-luan-2026-11.docx"
    doc = Document(str(docx_path))
    section = doc.sections[0]
    sizes = (section.page_width, section.page_height, section.top_margin, section.bottom_margin)
    sides = (section.left_margin, section.right_margin)
    assert [round(v.mm) for v in (*sizes, *sides)] == [210, 297, 20, 20, 30, 15]  # A4, NĐ 30 margins
    left, right = (c.text for c in doc.tables[0].rows[0].cells)
    assert left.splitlines()[:4] == [
        "TỈNH ỦY LẠNG SƠN",
        "BAN TUYÊN GIÁO VÀ DÂN VẬN",
        "*",
        "Số:      -BC/BTGDVTU",
    ]
    assert right.splitlines()[0] == "ĐẢNG CỘNG SẢN VIỆT NAM"
    assert right.splitlines()[-1].startswith("Lạng Sơn, ngày ")
    runs = [r for p in doc.paragraphs for r in p.runs] + [
        r for t in doc.tables for row in t.rows for c in row.cells for p in c.paragraphs for r in p.runs
    ]
    assert runs and {r.font.name for r in runs} == {"Times New Roman"}
    assert all(11 <= r.font.size.pt <= 15 for r in runs)
    body = [p.text for p in doc.paragraphs]
    assert body[1:3] == ["BÁO CÁO", "tình hình tư tưởng, dư luận xã hội tháng 11/2026"]
    for heading in (
        "I. TÌNH HÌNH DƯ LUẬN TRÊN BÁO CHÍ VÀ TỪ CƠ SỞ THEO LĨNH VỰC",
        "II. DƯ LUẬN THEO ĐỊA BÀN",
        "III. Ý KIẾN TIÊU BIỂU TỪ CƠ SỞ",
        "IV. CÁC VẤN ĐỀ NỔI CỘM, CẢNH BÁO VÀ KẾT QUẢ XỬ LÝ",
    ):
        assert heading in body
    topics = doc.tables[1]
    rows = {r.cells[0].text: [c.text for c in r.cells] for r in topics.rows}
    assert rows["Ô nhiễm môi trường"][1:7] == ["3", "1", "+2 (+200%)", "1", "0", "mới"]
    assert rows["Giao thông"][1:7] == ["0", "0", "—", "1", "0", "mới"]
    text = _text(doc)
    assert "báo chí chưa đề cập: an sinh xã hội, lao động, giao thông" in text
    assert "“Bà con chợ Đồng Đăng" in text
    assert REPORTER not in text and "Nơi nhận:" in text
    book = load_workbook(app_on.settings.report_dir / "tinh-hinh-du-luan-2026-11.xlsx")
    assert book.sheetnames == [
        "Theo lĩnh vực",
        "Theo địa bàn",
        "Ý kiến tiêu biểu",
        "Vấn đề nổi cộm",
        "Cảnh báo và xử lý",
    ]
    cells = [c for ws in book.worksheets for row in ws.iter_rows() for c in row]
    formula = [c for c in cells if c.value == FORMULA]
    assert formula and all(c.data_type == "s" for c in formula)
    assert not any(REPORTER in str(c.value) for c in cells)


def test_the_number_and_date_lines() -> None:
    assert date_line("Lạng Sơn", dt.date(2026, 2, 3)) == "Lạng Sơn, ngày 03 tháng 02 năm 2026"
    assert date_line("Lạng Sơn", dt.date(2026, 12, 13)) == "Lạng Sơn, ngày 13 tháng 12 năm 2026"
    assert symbol("Ban Tuyên giáo và Dân vận") == "BTGDV"


def test_monthly_opinion_needs_a_month(app_on: AppConfig) -> None:
    result = CliRunner().invoke(
        cli,
        [
            "--data-dir",
            str(app_on.settings.data_dir),
            "--database-url",
            app_on.settings.resolved_database_url,
            "report",
            "--monthly-opinion",
            "--quarter",
            "2026Q4",
        ],
    )
    assert result.exit_code == 2 and "--monthly-opinion needs --month" in result.output
