"""`duluan reports import FILE.xlsx|.csv`: the sheets collaborators fill in today, one row per report.

The template's columns (docs/grassroots.md) are matched by their Vietnamese heading or their short key,
with or without diacritics. Every row is checked on its own: a bad row is reported with its number and
reason, the good rows are stored. A row's key is the SHA-256 of its day, unit, text and collaborator
(normalised), so importing the same sheet again — or a later sheet that repeats rows — stores nothing
twice.
"""

from __future__ import annotations

import csv
import hashlib
import io
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pandas as pd

from config import AppConfig
from pipeline.annotate.grassroots import HEARD, MOODS, SPREADS, Fields, _fold, clean_text, intake, validate
from storage import grassroots as repo
from storage.db import session_scope
from storage.users import user_by_name

# key, heading, what goes in it
COLUMNS = (
    ("ngay", "Ngày ghi nhận", "dd/mm/yyyy (trống: hôm nay)"),
    ("don_vi", "Đơn vị", "xã, phường hoặc cơ quan, ví dụ: xã Đồng Đăng"),
    ("noi_dung", "Nội dung dư luận", "người dân nói gì (10–4000 ký tự)"),
    ("linh_vuc", "Lĩnh vực", "tùy chọn: tên hoặc mã lĩnh vực, ví dụ: Môi trường"),
    ("muc_do", "Mức độ", " / ".join(SPREADS.values())),
    ("thai_do", "Thái độ", " / ".join(MOODS.values())),
    ("noi_ghi_nhan", "Nơi ghi nhận", " / ".join(HEARD.values())),
    ("duong_dan", "Đường dẫn", "tùy chọn: http(s):// của bài đăng trên mạng xã hội"),
    ("cong_tac_vien", "Cộng tác viên", "tùy chọn: tên đăng nhập hoặc họ tên người báo cáo"),
)
REQUIRED = ("don_vi", "noi_dung", "muc_do", "thai_do")
EXAMPLE = (
    "19/11/2026",
    "xã Đồng Đăng",
    "Bà con ở chợ Đồng Đăng phàn nàn bãi rác tạm gây mùi hôi, đề nghị sớm di dời.",
    "Môi trường",
    "Nhiều người",
    "Bức xúc",
    "Chợ, nơi công cộng",
    "",
    "",
)
MAX_ROWS = 20_000


class ImportError_(ValueError):
    """The file cannot be read as a report sheet (message is one line)."""


@dataclass
class ImportResult:
    rows: int = 0
    stored: int = 0
    already: int = 0
    errors: list[tuple[int, str]] = field(default_factory=list)  # (row number as the sheet shows it, why)


def _header_map(header: list[Any]) -> dict[str, int]:
    wanted = {_fold(k): k for k, _, _ in COLUMNS} | {_fold(h): k for k, h, _ in COLUMNS}
    out: dict[str, int] = {}
    for i, name in enumerate(header):
        key = wanted.get(_fold(str(name or "")))
        if key and key not in out:
            out[key] = i
    missing = [h for k, h, _ in COLUMNS if k in REQUIRED and k not in out]
    if missing:
        raise ImportError_(f"missing column(s): {', '.join(missing)} (see `duluan reports template`)")
    return out


def _rows(path: Path) -> Iterator[list[Any]]:
    suffix = path.suffix.lower()
    if suffix == ".csv":
        try:
            text = path.read_text(encoding="utf-8-sig")
        except UnicodeDecodeError:
            raise ImportError_(f"{path.name}: not UTF-8 text (save the sheet as CSV UTF-8)") from None
        yield from csv.reader(io.StringIO(text))
        return
    if suffix == ".xlsx":
        from openpyxl import load_workbook

        try:
            # formulas are read as their text: a report is words, and "=…" typed in a cell stays words
            book = load_workbook(path, read_only=True, data_only=False)
        except Exception as exc:  # noqa: BLE001 - openpyxl raises many kinds for a broken file
            raise ImportError_(f"{path.name}: not a readable .xlsx file ({type(exc).__name__})") from None
        try:
            for row in book.worksheets[0].iter_rows(values_only=True):
                yield list(row)
        finally:
            book.close()
        return
    raise ImportError_(f"{path.name}: use a .xlsx or .csv file")


def _day(value: Any) -> date | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip()
    for fmt in ("%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y"):
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValueError(f"Ngày không hợp lệ: {text[:40]!r} (dùng dd/mm/yyyy).")


def _cell(row: list[Any], columns: dict[str, int], key: str) -> str | None:
    i = columns.get(key)
    if i is None or i >= len(row) or row[i] is None:
        return None
    return str(row[i]) if not isinstance(row[i], str) else row[i]


def row_key(day: date, unit: str, text: str, reporter: str | None) -> str:
    """The idempotency token of a sheet's row: the same report typed twice has the same key."""
    basis = "\n".join((day.isoformat(), _fold(unit), _fold(clean_text(text)), _fold(reporter or "")))
    return "import:" + hashlib.sha256(basis.encode("utf-8")).hexdigest()[:48]


def import_reports(app: AppConfig, path: Path, *, today: date) -> ImportResult:
    """Check every row of the sheet, store the good ones once, report the others by row number."""
    if not path.is_file():
        raise ImportError_(f"{path}: no such file")
    rows = _rows(path)
    header = next(rows, None)
    if header is None:
        raise ImportError_(f"{path.name}: the file is empty")
    columns = _header_map(header)
    result = ImportResult()
    reports: list[repo.NewReport] = []
    url = app.settings.resolved_database_url
    with session_scope(url) as session:
        for number, row in enumerate(rows, start=2):
            if not any(str(v).strip() for v in row if v is not None):
                continue
            result.rows += 1
            if result.rows > MAX_ROWS:
                raise ImportError_(f"{path.name}: more than {MAX_ROWS} rows; split the sheet")
            try:
                day = _day(row[columns["ngay"]] if "ngay" in columns and columns["ngay"] < len(row) else None)
            except ValueError as exc:
                result.errors.append((number, str(exc)))
                continue
            who = clean_text(_cell(row, columns, "cong_tac_vien"))[:200] or None
            user = user_by_name(session, who) if who else None
            reporter_id = user.id if user and user.role == "cong_tac_vien" else None
            fields = Fields(
                text=_cell(row, columns, "noi_dung"),
                unit=_cell(row, columns, "don_vi"),
                spread=_cell(row, columns, "muc_do"),
                mood=_cell(row, columns, "thai_do"),
                heard_at=_cell(row, columns, "noi_ghi_nhan"),
                heard_on=day,
                topic=_cell(row, columns, "linh_vuc"),
                link=_cell(row, columns, "duong_dan"),
            )
            probe, problems = validate(app, fields, token="-", channel="import", today=today)
            if probe is None:
                result.errors.append((number, " ".join(problems)))
                continue
            token = row_key(probe.heard_on, probe.unit, probe.text, who)
            reports.append(
                repo.NewReport(
                    **{
                        **probe.__dict__,
                        "token": token,
                        "reporter_id": reporter_id,
                        "reporter_name": None if reporter_id else who,
                    }
                )
            )
        known = repo.stored_tokens(session, (r.token for r in reports))
    fresh: dict[str, repo.NewReport] = {}
    for r in reports:
        if r.token in known or r.token in fresh:
            result.already += 1
        else:
            fresh[r.token] = r
    result.stored = sum(s.created for s in intake(app, list(fresh.values())))
    result.already += len(fresh) - result.stored
    return result


def template_frame() -> pd.DataFrame:
    """The import template: the headings, one example row and a row saying what each column holds."""
    return pd.DataFrame([list(EXAMPLE)], columns=[h for _, h, _ in COLUMNS])
