"""`duluan watch report ID --since D`: one watch's report over a date range, as HTML and XLSX.

Like the periodic reports: HTML autoescaped (the watch's name and query, and every crawled title, are
text), XLSX written by `pipeline.analyst.tables` with every text cell a string (never a formula).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pandas as pd

from config import AppConfig
from pipeline.analyst.tables import write_sheets
from pipeline.jobs import job_run
from pipeline.render import clip, environment, safe_url
from pipeline.watch.stats import WatchStats, burst_reason, tone_reason, watch_stats
from storage.db import session_scope
from storage.watches import Watch

TONE_NAMES = {"negative": "Tiêu cực", "neutral": "Trung tính", "positive": "Tích cực"}
POLICY_NAMES = {
    "each": "Cảnh báo từng bài mới",
    "daily": "Tổng hợp hằng ngày",
    "burst": "Chỉ khi tăng đột biến hoặc chuyển sắc thái",
}
STATE_NAMES = {"active": "Đang theo dõi", "paused": "Tạm dừng", "closed": "Đã kết thúc"}


def frames(app: AppConfig, stats: WatchStats) -> dict[str, pd.DataFrame]:
    tz = ZoneInfo(app.settings.timezone)
    w = stats.watch
    names = {r: (v.short_name or v.name) for r, v in app.recipients.recipients.items()}

    def when(value: Any) -> str:
        return value.astimezone(tz).strftime("%d/%m/%Y %H:%M") if value else ""

    summary = pd.DataFrame(
        [
            ("Chuyên đề", w.name),
            ("Truy vấn", w.query),
            ("Đơn vị chủ trì", names.get(w.owner, w.owner)),
            ("Chia sẻ với", ", ".join(names.get(b, b) for b in w.shared_with)),
            ("Chế độ cảnh báo", POLICY_NAMES.get(w.policy, w.policy)),
            ("Trạng thái", STATE_NAMES.get(w.state, w.state) + (f" — {w.note}" if w.note else "")),
            ("Từ ngày", f"{stats.first_day:%d/%m/%Y}"),
            ("Đến ngày", f"{stats.last_day:%d/%m/%Y}"),
            ("Số bài", stats.total),
            ("Số cơ quan báo chí", len(stats.by_outlet)),
            ("Tỷ lệ tiêu cực", f"{100 * stats.share('negative'):.0f}%"),
            ("Tỷ lệ tích cực", f"{100 * stats.share('positive'):.0f}%"),
            (
                "Bài đầu tiên",
                f"{when(stats.first.published_at)} {stats.first.title or ''}" if stats.first else "",
            ),
            (
                "Bài mới nhất",
                f"{when(stats.latest.published_at)} {stats.latest.title or ''}" if stats.latest else "",
            ),
        ],
        columns=["Mục", "Giá trị"],
    )
    per_day = pd.DataFrame(
        [
            {
                "Ngày": f"{d.day:%d/%m/%Y}",
                "Số bài": d.articles,
                "Bài gốc": d.originals,
                "Tiêu cực": d.negative,
                "Tích cực": d.positive,
                "Trung bình các ngày trước": round(d.baseline.mean, 2),
                "p": float(f"{d.baseline.p_value:.3g}"),
                "Đột biến": "có" if d.burst else "",
                "Chuyển sắc thái": "có" if d.tone_turn else "",
                "Giải thích": burst_reason(w.name, d)
                if d.burst
                else tone_reason(w.name, d)
                if d.tone_turn
                else "",
            }
            for d in stats.days
        ]
    )
    outlets = pd.DataFrame(stats.by_outlet, columns=["Cơ quan báo chí", "Số bài"])
    stories = pd.DataFrame(
        [
            {
                "Mạch tin": s.title,
                "Số bài thuộc chuyên đề": s.articles,
                "Bắt đầu": when(s.first_published),
                "Mới nhất": when(s.last_published),
            }
            for s in stats.stories
        ],
        columns=["Mạch tin", "Số bài thuộc chuyên đề", "Bắt đầu", "Mới nhất"],
    )
    articles = pd.DataFrame(
        [
            {
                "Ngày đăng": when(a.published_at),
                "Cơ quan báo chí": a.source_name,
                "Tiêu đề": a.title or "",
                "Sắc thái": TONE_NAMES.get(a.tone or "neutral", a.tone or ""),
                "Từ khớp": ", ".join(a.terms),
                "Bản sao": "có" if a.dup_of is not None else "",
                "Đường dẫn": safe_url(a.url),
            }
            for a in stats.articles
        ],
        columns=["Ngày đăng", "Cơ quan báo chí", "Tiêu đề", "Sắc thái", "Từ khớp", "Bản sao", "Đường dẫn"],
    )
    return {
        "Tổng hợp": summary,
        "Theo ngày": per_day,
        "Theo cơ quan báo chí": outlets,
        "Mạch tin": stories,
        "Bài viết": articles,
    }


def run_watch_report(app: AppConfig, watch: Watch, first: date, last: date) -> dict[str, Any]:
    """Write <report_dir>/watch-<id>-<first>-<last>.html and .xlsx; the run is recorded."""
    with job_run(app, "report") as stats, session_scope(app.settings.resolved_database_url) as session:
        figures = watch_stats(app, session, watch, first, last)
        sheets = frames(app, figures)
        folder = app.settings.report_dir
        folder.mkdir(parents=True, exist_ok=True)
        base = folder / f"watch-{watch.id}-{first.isoformat()}-{last.isoformat()}"
        html_path, xlsx_path = base.with_suffix(".html"), base.with_suffix(".xlsx")
        write_sheets(sheets, xlsx_path)
        tables = [
            (
                title,
                list(frame.columns),
                [{k: clip(v, 600) for k, v in r.items()} for r in frame.to_dict("records")],
            )
            for title, frame in sheets.items()
        ]
        html = (
            environment()
            .get_template("watch_report.html.j2")
            .render(
                province=app.settings.province,
                name=clip(watch.name, 200),
                first=first,
                last=last,
                tables=tables,
            )
        )
        _write(html_path, html)
        stats.update(
            watch=watch.id,
            first=first.isoformat(),
            last=last.isoformat(),
            html=str(html_path),
            xlsx=str(xlsx_path),
            articles=figures.total,
            bursts=sum(d.burst for d in figures.days),
        )
    return stats


def _write(path: Path, text: str) -> None:
    tmp = path.with_suffix(".tmp.html")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)
