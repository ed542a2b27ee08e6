"""`duluan report`: a body's periodic report (quarter or month) as an HTML page and an XLSX workbook.

Crawled text is hostile here too: HTML is autoescaped, and in the workbook every text cell is written as
text — a title starting with "=" must never become a formula (spreadsheet injection).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from config import AppConfig
from pipeline.jobs import job_run
from pipeline.render import environment
from pipeline.reports.data import Period, ReportData, build_report, report_recipients
from storage.days import FIRST_YEAR, LAST_YEAR

__all__ = ["Period", "PeriodError", "parse_period", "report_recipients", "run_report"]

_QUARTER = re.compile(r"^(\d{4})[Qq]([1-4])$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")


class PeriodError(ValueError):
    """A period string that is not YYYYQn or YYYY-MM."""


def parse_period(quarter: str | None, month: str | None) -> Period:
    if (quarter is None) == (month is None):
        raise PeriodError("give exactly one of --quarter YYYYQn or --month YYYY-MM")
    if quarter is not None:
        match = _QUARTER.match(quarter.strip())
        if not match:
            raise PeriodError(f"invalid quarter {quarter!r}: use YYYYQn, e.g. 2026Q3")
        return Period.quarter(_year(int(match.group(1)), quarter), int(match.group(2)))
    assert month is not None
    match = _MONTH.match(month.strip())
    if not match or not 1 <= int(match.group(2)) <= 12:
        raise PeriodError(f"invalid month {month!r}: use YYYY-MM, e.g. 2026-07")
    return Period.month(_year(int(match.group(1)), month), int(match.group(2)))


def _year(year: int, given: str) -> int:
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise PeriodError(f"period {given!r} out of range: years {FIRST_YEAR} to {LAST_YEAR}")
    return year


SHEETS = {
    "summary": "Tổng hợp",
    "by_month": "Theo tháng",
    "by_outlet": "Theo cơ quan báo chí",
    "issues": "Vấn đề nổi cộm",
    "alerts": "Cảnh báo và xử lý",
    "articles": "Bài viết",
}


def write_xlsx(data: ReportData, path: Path) -> None:
    tmp = path.with_suffix(".tmp.xlsx")
    with pd.ExcelWriter(tmp, engine="openpyxl") as writer:
        for attr, sheet in SHEETS.items():
            frame: pd.DataFrame = getattr(data, attr)
            frame.to_excel(writer, sheet_name=sheet, index=False)
        for ws in writer.book.worksheets:
            for row in ws.iter_rows():
                for cell in row:
                    if cell.data_type == "f":  # text that looks like a formula stays text
                        cell.data_type = "s"
            for column in ws.columns:
                width = max((len(str(c.value)) for c in column if c.value is not None), default=8)
                ws.column_dimensions[column[0].column_letter].width = min(60, max(10, width + 2))
    tmp.replace(path)


def _records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    return [
        {k: ("" if v is None or (not isinstance(v, str) and pd.isna(v)) else v) for k, v in row.items()}
        for row in frame.to_dict(orient="records")
    ]


def write_html(app: AppConfig, data: ReportData, path: Path) -> None:
    names = {t.id: t.name for t in app.topics.topics}
    context = {
        "province": app.settings.province,
        "recipient": data.recipient_name,
        "period": data.period,
        "topics": [names.get(t, t) for t in data.topics],
        "tables": [
            (SHEETS[attr], list(getattr(data, attr).columns), _records(getattr(data, attr)))
            for attr in ("summary", "by_month", "by_outlet", "issues", "alerts")
        ],
    }
    html = environment().get_template("report.html.j2").render(**context)
    tmp = path.with_suffix(".tmp.html")
    tmp.write_text(html, encoding="utf-8")
    tmp.replace(path)


@dataclass(frozen=True)
class ReportResult:
    """One body's periodic report: its two files and headline figures."""

    recipient: str
    period: str
    html: Path
    xlsx: Path
    articles: int
    issues: int
    alerts: int
    stats: dict[str, Any]

    def as_stats(self) -> dict[str, Any]:
        return dict(self.stats)


def run_report(app: AppConfig, recipient_id: str, period: Period) -> ReportResult:
    """Write <data_dir>/reports/<recipient>-<period>.html and .xlsx; the run is recorded with its figures."""
    with job_run(app, "report") as stats:
        data = build_report(app, recipient_id, period)
        folder = app.settings.report_dir
        folder.mkdir(parents=True, exist_ok=True)
        base = folder / f"{recipient_id}-{period.label}"
        html_path, xlsx_path = base.with_suffix(".html"), base.with_suffix(".xlsx")
        write_html(app, data, html_path)
        write_xlsx(data, xlsx_path)
        stats.update(
            recipient=recipient_id,
            period=period.label,
            first=period.first.isoformat(),
            last=period.last.isoformat(),
            html=str(html_path),
            xlsx=str(xlsx_path),
            topics=len(data.topics),
            articles=data.article_count,
            issues=len(data.issues),
            alerts=len(data.alerts),
        )
        result = ReportResult(
            recipient=recipient_id,
            period=period.label,
            html=html_path,
            xlsx=xlsx_path,
            articles=data.article_count,
            issues=len(data.issues),
            alerts=len(data.alerts),
            stats=dict(stats),
        )
    return result
