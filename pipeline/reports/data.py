"""The figures of a body's periodic report, as pandas tables: coverage of its topics by month and outlet,
the pressing issues, and the alerts it received with their follow-up."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pandas as pd

from config import AppConfig
from pipeline.render import clip, safe_url
from storage.alerts import alerts_between
from storage.days import day_bounds
from storage.db import session_scope
from storage.issues import issues_between
from storage.trends import topic_mentions


@dataclass(frozen=True)
class Period:
    label: str  # 2026Q3 or 2026-07
    title: str  # Quý III/2026 or Tháng 7/2026
    first: date
    last: date  # inclusive

    @classmethod
    def quarter(cls, year: int, q: int) -> Period:
        first = date(year, 3 * q - 2, 1)
        nxt = date(year + (q == 4), 1 if q == 4 else 3 * q + 1, 1)
        return cls(
            f"{year}Q{q}", f"Quý {['I', 'II', 'III', 'IV'][q - 1]}/{year}", first, nxt - timedelta(days=1)
        )

    @classmethod
    def month(cls, year: int, m: int) -> Period:
        first = date(year, m, 1)
        nxt = date(year + (m == 12), 1 if m == 12 else m + 1, 1)
        return cls(f"{year}-{m:02d}", f"Tháng {m}/{year}", first, nxt - timedelta(days=1))

    @classmethod
    def quarter_before(cls, day: date) -> Period:
        """The last complete quarter before `day` (on 1 July 2026: 2026Q2)."""
        q = (day.month - 1) // 3 + 1
        return cls.quarter(day.year - 1, 4) if q == 1 else cls.quarter(day.year, q - 1)


def report_recipients(app: AppConfig) -> list[str]:
    return [r for r in app.recipients.recipients if app.recipient_topics(r)]


@dataclass(frozen=True)
class ReportData:
    recipient_id: str
    recipient_name: str
    period: Period
    topics: list[str]
    article_count: int
    summary: pd.DataFrame
    by_month: pd.DataFrame
    by_outlet: pd.DataFrame
    issues: pd.DataFrame
    alerts: pd.DataFrame
    articles: pd.DataFrame


def _local(value: datetime | None, tz: ZoneInfo) -> datetime | None:
    return value.astimezone(tz).replace(tzinfo=None) if value else None


def _pivot(frame: pd.DataFrame, index: str, names: dict[str, str]) -> pd.DataFrame:
    if frame.empty:
        return pd.DataFrame(columns=[index, "Tổng"])
    table = frame.pivot_table(
        index=index, columns="topic", values="article_id", aggfunc="count", fill_value=0
    )
    table = table.rename(columns=names)
    table["Tổng"] = table.sum(axis=1)
    return table.reset_index()


def build_report(app: AppConfig, recipient_id: str, period: Period) -> ReportData:
    tz = ZoneInfo(app.settings.timezone)
    names = {t.id: t.name for t in app.topics.topics}
    topics = list(app.recipient_topics(recipient_id))
    start, end = day_bounds(period.first, tz)[0], day_bounds(period.last, tz)[1]
    with session_scope(app.settings.resolved_database_url) as session:
        mentions = topic_mentions(session, start, end, topics)
        issues = issues_between(session, period.first, period.last, topics)
        alerts = alerts_between(session, recipient_id, start, end)
        alert_rows = [
            {
                "Mã": a.id,
                "Thời điểm": _local(a.created_at, tz),
                "Loại": a.kind,
                "Lĩnh vực": names.get(a.topic_id, a.topic_id),
                "Tiêu đề": clip(a.title),
                "Trạng thái": a.status,
                "Xác nhận bởi": a.acked_by or "",
                "Xác nhận lúc": _local(a.acked_at, tz),
                "Số giờ đến khi xác nhận": round((a.acked_at - a.created_at).total_seconds() / 3600, 1)
                if a.acked_at
                else None,
                "Kết quả xử lý": clip(a.ack_note or "", 2000),
            }
            for a in alerts
        ]
    originals = [m for m in mentions if not m.copy]
    frame = pd.DataFrame(
        [
            {
                "article_id": m.article_id,
                "topic": m.topic_id,
                "Tháng": m.published_at.astimezone(tz).strftime("%Y-%m"),
                "Cơ quan báo chí": clip(m.source_name, 120),
            }
            for m in originals
        ],
        columns=["article_id", "topic", "Tháng", "Cơ quan báo chí"],
    )
    stories: dict[str, dict[str, object]] = {}
    for issue in issues:  # one row per story: its first and last day and its highest score
        row = stories.setdefault(
            issue.story_key,
            {
                "Từ ngày": issue.day,
                "Lĩnh vực": names.get(issue.topic_id, issue.topic_id),
                "Điểm cao nhất": -1.0,
            },
        )
        row["Đến ngày"] = issue.day
        if issue.score > float(str(row["Điểm cao nhất"])):
            row.update(
                {
                    "Điểm cao nhất": issue.score,
                    "Vấn đề": clip(issue.title),
                    "Số bài": len(issue.article_ids),
                    "Giải thích điểm": clip(issue.explanation.get("text", ""), 1200),
                }
            )
    issue_columns = [
        "Từ ngày",
        "Đến ngày",
        "Lĩnh vực",
        "Vấn đề",
        "Điểm cao nhất",
        "Số bài",
        "Giải thích điểm",
    ]
    issue_frame = pd.DataFrame(list(stories.values()), columns=issue_columns)
    issue_frame = issue_frame.sort_values(["Điểm cao nhất", "Từ ngày"], ascending=[False, True])
    alert_frame = pd.DataFrame(
        alert_rows,
        columns=[
            "Mã",
            "Thời điểm",
            "Loại",
            "Lĩnh vực",
            "Tiêu đề",
            "Trạng thái",
            "Xác nhận bởi",
            "Xác nhận lúc",
            "Số giờ đến khi xác nhận",
            "Kết quả xử lý",
        ],
    )
    acked = alert_frame[alert_frame["Trạng thái"] == "acked"]
    hours = acked["Số giờ đến khi xác nhận"].dropna()
    summary = pd.DataFrame(
        [
            ("Kỳ báo cáo", f"{period.title} ({period.first:%d/%m/%Y} – {period.last:%d/%m/%Y})"),
            ("Số lĩnh vực theo dõi", len(topics)),
            ("Số bài viết (không tính bài đăng lại)", len({m.article_id for m in originals})),
            ("Số vấn đề nổi cộm", len(stories)),
            ("Số cảnh báo đã nhận", len(alert_frame)),
            ("Số cảnh báo đã xác nhận xử lý", len(acked)),
            ("Số cảnh báo chưa xác nhận", len(alert_frame) - len(acked)),
            ("Thời gian xác nhận trung vị (giờ)", round(float(hours.median()), 1) if len(hours) else "—"),
        ],
        columns=["Chỉ tiêu", "Giá trị"],
    )
    articles = pd.DataFrame(
        [
            {
                "Ngày đăng": _local(m.published_at, tz),
                "Lĩnh vực": names.get(m.topic_id, m.topic_id),
                "Cơ quan báo chí": clip(m.source_name, 120),
                "Tiêu đề": clip(m.title),
                "Đăng lại": "có" if m.copy else "",
                "Sắc thái": m.tone,
                "Địa chỉ": safe_url(m.url),
            }
            for m in mentions
        ],
        columns=["Ngày đăng", "Lĩnh vực", "Cơ quan báo chí", "Tiêu đề", "Đăng lại", "Sắc thái", "Địa chỉ"],
    )
    return ReportData(
        recipient_id=recipient_id,
        recipient_name=app.recipients.recipients[recipient_id].name,
        period=period,
        topics=topics,
        article_count=len({m.article_id for m in originals}),
        summary=summary,
        by_month=_pivot(frame, "Tháng", names),
        by_outlet=_pivot(frame, "Cơ quan báo chí", names),
        issues=issue_frame,
        alerts=alert_frame,
        articles=articles,
    )
