"""The board's monthly report on the situation of opinion (báo cáo tình hình tư tưởng, dư luận xã hội):
press and grassroots by topic and place, the change against the previous month, highlighted quotes of
the collaborators' reports, the month's pressing issues and the alerts with their handling.

Written as .docx in the administrative format of Nghị định 30/2020/NĐ-CP (A4, margins 20/20/30/15 mm,
Times New Roman 13–14, the header block with the issuing body and "ĐẢNG CỘNG SẢN VIỆT NAM", the number
and the place-and-date line, "Nơi nhận") and as XLSX (cells that look like formulas stay text). Who sent
a report is never in it: the report goes to the bodies too.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pandas as pd

from config import AppConfig
from pipeline.analyst.tables import write_sheets
from pipeline.annotate.grassroots import HEARD, MOODS, SPREADS
from pipeline.detect.scoring import report_weight
from pipeline.detect.trends import day_bounds
from pipeline.jobs import job_run, now_utc
from pipeline.render import clip
from pipeline.reports import nd30
from pipeline.reports.data import Period
from storage import articles as article_repo
from storage import grassroots as grassroots_repo
from storage.alerts import alerts_between
from storage.db import session_scope
from storage.issues import issues_between
from storage.trends import topic_mentions

BOARD = "ban_tuyen_giao"
MAX_QUOTES = 8
MAX_PLACES = 12
MAX_ISSUES = 10
STATUS = {
    "pending": "Chờ gửi",
    "sent": "Đã gửi, chưa báo cáo xử lý",
    "failed": "Gửi lỗi",
    "acked": "Đã tiếp nhận",
}


@dataclass(frozen=True)
class OpinionData:
    period: Period
    previous: Period
    body: str  # the issuing body, e.g. "Ban Tuyên giáo và Dân vận"
    parent: str  # the body above it, e.g. "Tỉnh ủy Lạng Sơn"
    province: str
    signed_on: date
    press_total: tuple[int, int]  # this month, last month (original articles)
    grassroots_total: tuple[int, int]
    grassroots_units: int
    by_topic: pd.DataFrame
    by_place: pd.DataFrame
    quotes: pd.DataFrame
    issues: pd.DataFrame
    alerts: pd.DataFrame


def previous_month(period: Period) -> Period:
    first = period.first
    return Period.month(first.year - (first.month == 1), 12 if first.month == 1 else first.month - 1)


def _change(now: int, before: int) -> str:
    if before == 0:
        return "mới" if now else "—"
    delta = now - before
    return f"{delta:+d} ({delta / before:+.0%})".replace(".", ",")


def _split_body(name: str, province: str) -> tuple[str, str]:
    if " Tỉnh ủy" in name:
        body, _, rest = name.partition(" Tỉnh ủy")
        return body.strip(), f"Tỉnh ủy{rest}".strip()
    return name, f"Tỉnh ủy {province}"


def _bounds(period: Period, tz: ZoneInfo) -> tuple[datetime, datetime]:
    return day_bounds(period.first, tz)[0], day_bounds(period.last, tz)[1]


def build_opinion(app: AppConfig, period: Period, *, signed_on: date | None = None) -> OpinionData:
    tz = ZoneInfo(app.settings.timezone)
    before = previous_month(period)
    names = {t.id: t.name for t in app.topics.topics}
    recipients = app.recipients.recipients
    with session_scope(app.settings.resolved_database_url) as session:
        now_m = [m for m in topic_mentions(session, *_bounds(period, tz)) if not m.copy]
        then_m = [m for m in topic_mentions(session, *_bounds(before, tz)) if not m.copy]
        articles = [
            a for a in article_repo.annotated_between(session, *_bounds(period, tz)) if a.dup_of is None
        ]
        now_r = grassroots_repo.reports_between(session, period.first, period.last, light=True)
        then_r = grassroots_repo.reports_between(session, before.first, before.last, light=True)
        issues = issues_between(session, period.first, period.last)
        alerts = [
            a for r in recipients if r != BOARD for a in alerts_between(session, r, *_bounds(period, tz))
        ]
    press_now, press_then = Counter(m.topic_id for m in now_m), Counter(m.topic_id for m in then_m)
    gr_now, gr_then = Counter(r.topic_id or "" for r in now_r), Counter(r.topic_id or "" for r in then_r)
    topics = [
        t.id
        for t in app.topics.topics
        if press_now[t.id] or press_then[t.id] or gr_now[t.id] or gr_then[t.id]
    ]
    if gr_now[""] or gr_then[""]:
        topics.append("")
    by_topic = pd.DataFrame(
        [
            {
                "Lĩnh vực": names.get(t, "Chưa xác định lĩnh vực"),
                "Báo chí tháng này": press_now[t],
                "Báo chí tháng trước": press_then[t],
                "Báo chí thay đổi": _change(press_now[t], press_then[t]),
                "Cơ sở tháng này": gr_now[t],
                "Cơ sở tháng trước": gr_then[t],
                "Cơ sở thay đổi": _change(gr_now[t], gr_then[t]),
            }
            for t in sorted(topics, key=lambda t: (-(press_now[t] + gr_now[t]), t))
        ],
        columns=[
            "Lĩnh vực",
            "Báo chí tháng này",
            "Báo chí tháng trước",
            "Báo chí thay đổi",
            "Cơ sở tháng này",
            "Cơ sở tháng trước",
            "Cơ sở thay đổi",
        ],
    )
    press_places = Counter(
        p for a in articles if a.local for p in dict.fromkeys(a.places) if p != app.settings.province
    )
    unit_now = Counter(r.unit for r in now_r)
    unit_topic: dict[str, Counter[str]] = {}
    for r in now_r:
        unit_topic.setdefault(r.unit, Counter())[names.get(r.topic_id or "", "Chưa xác định")] += 1
    places = sorted(
        set(unit_now) | set(dict(press_places.most_common(MAX_PLACES))),
        key=lambda p: (-(unit_now[p] + press_places[p]), p),
    )
    by_place = pd.DataFrame(
        [
            {
                "Địa bàn": p,
                "Bài báo nêu địa bàn": press_places[p],
                "Báo cáo từ cơ sở": unit_now[p],
                "Lĩnh vực cơ sở phản ánh nhiều nhất": unit_topic[p].most_common(1)[0][0]
                if p in unit_topic
                else "",
            }
            for p in places[:MAX_PLACES]
        ],
        columns=["Địa bàn", "Bài báo nêu địa bàn", "Báo cáo từ cơ sở", "Lĩnh vực cơ sở phản ánh nhiều nhất"],
    )
    chosen = sorted(now_r, key=lambda r: (-report_weight(r.spread, r.mood), -r.heard_on.toordinal(), r.id))
    quotes = pd.DataFrame(
        [
            {
                "Ngày": r.heard_on.strftime("%d/%m/%Y"),
                "Đơn vị": r.unit,
                "Lĩnh vực": names.get(r.topic_id or "", ""),
                "Mức độ": SPREADS.get(r.spread, r.spread),
                "Thái độ": MOODS.get(r.mood, r.mood),
                "Nơi ghi nhận": HEARD.get(r.heard_at, r.heard_at),
                "Ý kiến": clip(r.text, 400),
            }
            for r in chosen[:MAX_QUOTES]
        ],
        columns=["Ngày", "Đơn vị", "Lĩnh vực", "Mức độ", "Thái độ", "Nơi ghi nhận", "Ý kiến"],
    )
    best: dict[str, Any] = {}
    for i in issues:  # each story once, at its highest score of the month
        if i.story_key not in best or i.score > best[i.story_key].score:
            best[i.story_key] = i
    top = sorted(best.values(), key=lambda i: (-i.score, i.story_key))[:MAX_ISSUES]
    issue_frame = pd.DataFrame(
        [
            {
                "Ngày": i.day.strftime("%d/%m/%Y") if i.day else "",
                "Vấn đề": clip(i.title),
                "Lĩnh vực": names.get(i.topic_id, i.topic_id),
                "Điểm": i.score,
                "Bài báo": len(i.article_ids),
                "Báo cáo cơ sở": int(i.explanation.get("grassroots", {}).get("reports", 0)),
                "Cơ quan được chuyển": ", ".join(
                    (recipients[r].short_name or recipients[r].name) for r in i.recipients if r in recipients
                ),
            }
            for i in top
        ],
        columns=["Ngày", "Vấn đề", "Lĩnh vực", "Điểm", "Bài báo", "Báo cáo cơ sở", "Cơ quan được chuyển"],
    )
    alert_frame = pd.DataFrame(
        [
            {
                "Ngày": a.created_at.astimezone(tz).strftime("%d/%m/%Y"),
                "Cơ quan": recipients[a.recipient_id].short_name or recipients[a.recipient_id].name,
                "Cảnh báo": clip(a.title),
                "Tình trạng": STATUS.get(a.status, a.status),
                "Kết quả xử lý": clip(a.ack_note or "", 400),
            }
            for a in sorted(alerts, key=lambda a: (a.created_at, a.id))
            if a.recipient_id in recipients
        ],
        columns=["Ngày", "Cơ quan", "Cảnh báo", "Tình trạng", "Kết quả xử lý"],
    )
    board = recipients.get(BOARD)
    body, parent = _split_body(board.name if board else "Ban Tuyên giáo và Dân vận", app.settings.province)
    return OpinionData(
        period=period,
        previous=before,
        body=body,
        parent=parent,
        province=app.settings.province,
        signed_on=signed_on or now_utc().astimezone(tz).date(),
        press_total=(len({m.article_id for m in now_m}), len({m.article_id for m in then_m})),
        grassroots_total=(len(now_r), len(then_r)),
        grassroots_units=len(unit_now),
        by_topic=by_topic,
        by_place=by_place,
        quotes=quotes,
        issues=issue_frame,
        alerts=alert_frame,
    )


def summary_lines(d: OpinionData) -> list[str]:
    """The report's findings in plain sentences, from the figures (no judgement beyond them)."""
    month = d.period.title.lower()
    lines = [
        f"Trong {month}, hệ thống theo dõi ghi nhận {d.press_total[0]} bài báo thuộc các lĩnh vực theo dõi "
        f"(tháng trước {d.press_total[1]} bài) và {d.grassroots_total[0]} báo cáo dư luận của cộng tác viên "
        f"từ {d.grassroots_units} đơn vị (tháng trước {d.grassroots_total[1]} báo cáo)."
    ]
    frame = d.by_topic
    if len(frame):
        top = frame.iloc[0]
        lines.append(
            f"Lĩnh vực được quan tâm nhiều nhất là {top['Lĩnh vực'].lower()} với "
            f"{top['Báo chí tháng này']} bài báo và {top['Cơ sở tháng này']} báo cáo từ cơ sở."
        )
        only = frame[(frame["Báo chí tháng này"] == 0) & (frame["Cơ sở tháng này"] > 0)]
        if len(only):
            topics = ", ".join(str(n).lower() for n in only["Lĩnh vực"])
            lines.append(f"Dư luận ở cơ sở phản ánh những vấn đề báo chí chưa đề cập: {topics}.")
    return lines


def write_docx(d: OpinionData, path: Path) -> None:
    doc = nd30.new_document()

    header = doc.add_table(rows=1, cols=2)
    left, right = header.rows[0].cells
    nd30.font(left.paragraphs[0].add_run(d.parent.upper()), 13)
    left.paragraphs[0].alignment = 1
    nd30.para(left, d.body.upper(), 13, align="center", bold=True)
    nd30.para(left, "*", 13, align="center")
    nd30.para(left, f"Số:      -BC/{nd30.symbol(d.body)}TU", 13, align="center")
    right.paragraphs[0].alignment = 1
    nd30.font(right.paragraphs[0].add_run("ĐẢNG CỘNG SẢN VIỆT NAM"), 14, bold=True, underline=True)
    nd30.para(right, "")
    nd30.para(right, nd30.date_line(d.province, d.signed_on), 14, align="center", italic=True)
    nd30.widths(header, [75, 90])

    nd30.para(doc, "")
    nd30.para(doc, "BÁO CÁO", 14, align="center", bold=True)
    nd30.para(
        doc, f"tình hình tư tưởng, dư luận xã hội {d.period.title.lower()}", 14, align="center", bold=True
    )
    nd30.para(doc, "-----", 14, align="center")
    for line in summary_lines(d):
        nd30.para(doc, line)

    nd30.heading(doc, "I. TÌNH HÌNH DƯ LUẬN TRÊN BÁO CHÍ VÀ TỪ CƠ SỞ THEO LĨNH VỰC")
    nd30.para(
        doc,
        f"So sánh {d.period.title.lower()} với {d.previous.title.lower()} "
        "(bài báo gốc, báo cáo của cộng tác viên):",
    )
    if len(d.by_topic):
        nd30.table(doc, d.by_topic)
    else:
        nd30.para(doc, "Không ghi nhận thông tin trong kỳ.")
    nd30.heading(doc, "II. DƯ LUẬN THEO ĐỊA BÀN")
    if len(d.by_place):
        nd30.table(doc, d.by_place)
    else:
        nd30.para(doc, "Không ghi nhận thông tin gắn với địa bàn cụ thể.")
    nd30.heading(doc, "III. Ý KIẾN TIÊU BIỂU TỪ CƠ SỞ")
    if len(d.quotes):
        for q in d.quotes.itertuples(index=False):
            p = nd30.para(doc, "")
            nd30.font(
                p.add_run(
                    f"- {q[1]} ({q[0]}, {q[2] or 'chưa xác định lĩnh vực'}; {q[3].lower()}, {q[4].lower()}): "
                ),
                14,
            )
            nd30.font(p.add_run(f"“{q[6]}”"), 14, italic=True)
    else:
        nd30.para(doc, "Không có báo cáo của cộng tác viên trong kỳ.")
    nd30.heading(doc, "IV. CÁC VẤN ĐỀ NỔI CỘM, CẢNH BÁO VÀ KẾT QUẢ XỬ LÝ")
    if len(d.issues):
        nd30.table(doc, d.issues)
    else:
        nd30.para(doc, "Không ghi nhận vấn đề nổi cộm trong kỳ.")
    acked = int((d.alerts["Tình trạng"] == STATUS["acked"]).sum()) if len(d.alerts) else 0
    nd30.para(
        doc,
        f"Trong kỳ có {len(d.alerts)} cảnh báo được chuyển tới các cơ quan phối hợp; "
        f"{acked} cảnh báo đã được tiếp nhận, xử lý.",
    )
    if len(d.alerts):
        nd30.table(doc, d.alerts)

    nd30.para(doc, "")
    sign = doc.add_table(rows=1, cols=2)
    to, who = sign.rows[0].cells
    nd30.font(to.paragraphs[0].add_run("Nơi nhận:"), 12, bold=True, italic=True)
    for line in ("- Thường trực Tỉnh ủy (b/c),", "- HĐND, UBND, TAND, VKSND tỉnh,", "- Lưu VT."):
        nd30.para(to, line, 11, align="left")
    who.paragraphs[0].alignment = 1
    nd30.font(who.paragraphs[0].add_run(f"T/M {d.body.upper()}"), 14, bold=True)
    nd30.widths(sign, [80, 85])
    tmp = path.with_suffix(".tmp.docx")
    doc.save(str(tmp))
    tmp.replace(path)


SHEETS = {
    "by_topic": "Theo lĩnh vực",
    "by_place": "Theo địa bàn",
    "quotes": "Ý kiến tiêu biểu",
    "issues": "Vấn đề nổi cộm",
    "alerts": "Cảnh báo và xử lý",
}


def run_monthly_opinion(app: AppConfig, period: Period) -> dict[str, Any]:
    """Write <data_dir>/reports/tinh-hinh-du-luan-<YYYY-MM>.docx and .xlsx; the run is recorded."""
    with job_run(app, "report") as stats:
        data = build_opinion(app, period)
        folder = app.settings.report_dir
        folder.mkdir(parents=True, exist_ok=True)
        base = folder / f"tinh-hinh-du-luan-{period.label}"
        docx_path, xlsx_path = base.with_suffix(".docx"), base.with_suffix(".xlsx")
        write_docx(data, docx_path)
        write_sheets({SHEETS[k]: getattr(data, k) for k in SHEETS}, xlsx_path)
        stats.update(
            kind="monthly_opinion",
            period=period.label,
            docx=str(docx_path),
            xlsx=str(xlsx_path),
            articles=data.press_total[0],
            grassroots=data.grassroots_total[0],
            issues=len(data.issues),
            alerts=len(data.alerts),
        )
    return stats
