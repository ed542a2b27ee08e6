"""Grassroots opinion reports: what a report holds, how it is checked, annotated and stored.

One intake for every channel (the phone form, a sheet imported by `duluan reports import`, the demo):
`validate` turns raw fields into a `NewReport` or a list of one-line Vietnamese problems, `intake` stores
it once per idempotency token and annotates it with `nlp.annotate` (topics with evidence, places, tone).
A report whose annotation failed is stored anyway and caught up by `annotate_pending`.
"""

from __future__ import annotations

import logging
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from config import AppConfig
from nlp.annotate import ANNOTATOR_VERSION, AnnotateOptions, annotate, options_for
from nlp.gazetteer import reporting_units
from nlp.schema import ArticleText
from pipeline.jobs import now_utc
from pipeline.render import safe_url
from storage import grassroots as repo
from storage.db import session_scope
from storage.grassroots import NewReport, ReportAnnotation

log = logging.getLogger("duluan.grassroots")

SPREADS = {"ca_biet": "Cá biệt", "nhieu_nguoi": "Nhiều người", "lan_rong": "Lan rộng"}
MOODS = {"dong_tinh": "Đồng tình", "ban_khoan": "Băn khoăn", "buc_xuc": "Bức xúc"}
HEARD = {
    "cho": "Chợ, nơi công cộng",
    "khu_dan_cu": "Khu dân cư, thôn, bản",
    "hoi_nghi": "Hội nghị, cuộc họp",
    "co_quan": "Cơ quan, trường học, doanh nghiệp",
    "mang_xa_hoi": "Mạng xã hội",
    "khac": "Nơi khác",
}
MIN_TEXT, MAX_TEXT = 10, 4000
MAX_LINK = 1000


def _fold(value: str) -> str:
    value = unicodedata.normalize("NFD", value.replace("Đ", "D").replace("đ", "d"))
    return " ".join(
        "".join(c for c in value if not unicodedata.combining(c)).lower().replace("_", " ").split()
    )


def choice(value: str | None, options: dict[str, str]) -> str | None:
    """The option key for a key or a label, typed with or without diacritics ("lan rong" = "Lan rộng")."""
    if value is None:
        return None
    wanted = _fold(str(value))
    for key, label in options.items():
        if wanted in (_fold(key), _fold(label)):
            return key
    return None


def unit_of(value: str | None) -> str | None:
    """The gazetteer's unit for a typed one ("Xã Đồng Đăng", "xa dong dang"), else None."""
    if not value:
        return None
    wanted = _fold(value)
    return next((u for u in reporting_units() if _fold(u) == wanted), None)


def topic_of(app: AppConfig, value: str | None) -> str | None:
    """A topic id for a topic id or name; None when empty or unknown."""
    if not value or not str(value).strip():
        return None
    wanted = _fold(str(value))
    return next((t.id for t in app.topics.topics if wanted in (_fold(t.id), _fold(t.name))), None)


def clean_text(value: str | None) -> str:
    """NFC text without NUL or other control characters (new lines kept), trimmed."""
    text = unicodedata.normalize("NFC", value or "")
    text = "".join(c for c in text if c in "\n\t" or unicodedata.category(c)[0] != "C")
    return "\n".join(line.strip() for line in text.strip().splitlines()).strip()


@dataclass(frozen=True)
class Fields:
    """The raw fields of a report as typed (form) or read (sheet), before checking."""

    text: str | None
    unit: str | None
    spread: str | None
    mood: str | None
    heard_at: str | None
    heard_on: date | None
    topic: str | None = None
    link: str | None = None


def validate(
    app: AppConfig,
    fields: Fields,
    *,
    token: str,
    channel: str,
    reporter_id: int | None = None,
    reporter_name: str | None = None,
    today: date | None = None,
) -> tuple[NewReport | None, list[str]]:
    """A report ready to store, or the problems found (one Vietnamese line each)."""
    problems = []
    text = clean_text(fields.text)
    if len(text) < MIN_TEXT:
        problems.append(f"Nội dung quá ngắn (ít nhất {MIN_TEXT} ký tự).")
    elif len(text) > MAX_TEXT:
        problems.append(f"Nội dung quá dài (tối đa {MAX_TEXT} ký tự).")
    unit = unit_of(fields.unit)
    if unit is None:
        problems.append(f"Đơn vị không có trong danh mục: {clean_text(fields.unit)[:80]!r}.")
    spread = choice(fields.spread, SPREADS)
    if spread is None:
        problems.append("Mức độ lan tỏa phải là: " + ", ".join(SPREADS.values()) + ".")
    mood = choice(fields.mood, MOODS)
    if mood is None:
        problems.append("Thái độ phải là: " + ", ".join(MOODS.values()) + ".")
    heard = choice(fields.heard_at, HEARD) if fields.heard_at else "khac"
    if heard is None:
        problems.append("Nơi ghi nhận phải là: " + ", ".join(HEARD.values()) + ".")
    topic = topic_of(app, fields.topic)
    if fields.topic and str(fields.topic).strip() and topic is None:
        problems.append(f"Lĩnh vực không có trong danh mục: {clean_text(fields.topic)[:80]!r}.")
    link = (fields.link or "").strip() or None
    if link is not None and (len(link) > MAX_LINK or safe_url(link) == "#"):
        problems.append("Đường dẫn phải là địa chỉ http:// hoặc https://.")
    today = today or datetime.now(ZoneInfo(app.settings.timezone)).date()
    heard_on = fields.heard_on or today
    if heard_on > today:
        problems.append("Ngày ghi nhận không được sau ngày hôm nay.")
    if problems:
        return None, problems
    assert unit is not None and spread is not None and mood is not None and heard is not None
    return (
        NewReport(
            token=token,
            text=text,
            unit=unit,
            spread=spread,
            mood=mood,
            heard_at=heard,
            heard_on=heard_on,
            channel=channel,
            chosen_topic=topic,
            link=link,
            reporter_id=reporter_id,
            reporter_name=reporter_name,
        ),
        [],
    )


def annotation_of(
    app: AppConfig, text: str, chosen_topic: str | None, options: AnnotateOptions | None = None
) -> ReportAnnotation:
    """`nlp.annotate` on the report's text; the topic it is counted under is the collaborator's choice,
    else the best annotated topic. Pass `options` when annotating many (building their key is not free)."""
    options = options or options_for(app.topics.topics, app.settings.model_dir)
    a = annotate(ArticleText(id=0, title=None, sapo=None, text=text), options=options)
    topics = [
        {"topic_id": t.topic_id, "score": t.score, "evidence": [dict(e) for e in t.evidence]}
        for t in a.topics
    ]
    return ReportAnnotation(
        topic_id=chosen_topic or (a.topics[0].topic_id if a.topics else None),
        topics=topics,
        places=list(a.places),
        units=list(a.units),
        tone=a.tone,
        tone_score=a.tone_score,
        version=ANNOTATOR_VERSION,
    )


@dataclass(frozen=True)
class Stored:
    id: int
    created: bool  # False: the token was already stored (a double submit, a re-import)


def intake(app: AppConfig, reports: Sequence[NewReport], *, now: datetime | None = None) -> list[Stored]:
    """Store the reports (once per token) and annotate the new ones, in one transaction."""
    now = now or now_utc()
    out = []
    options = options_for(app.topics.topics, app.settings.model_dir) if reports else None
    with session_scope(app.settings.resolved_database_url) as session:
        for report in reports:
            report_id, created = repo.add_report(session, report, now)
            out.append(Stored(report_id, created))
            if created:
                try:
                    annotation = annotation_of(app, report.text, report.chosen_topic, options)
                except Exception:
                    log.exception("annotating grassroots report %s failed", report_id)
                    continue
                repo.save_annotation(session, report_id, annotation, now)
    return out


def annotate_pending(app: AppConfig, *, limit: int = 10_000) -> int:
    """Annotate the stored reports whose annotation failed at intake; returns how many were done."""
    done = 0
    with session_scope(app.settings.resolved_database_url) as session:
        reports = repo.unannotated(session, limit)
        options = options_for(app.topics.topics, app.settings.model_dir) if reports else None
        for report in reports:
            annotation = annotation_of(app, report.text, report.chosen_topic, options)
            repo.save_annotation(session, report.id, annotation, now_utc())
            done += 1
    return done


def report_dict(report: repo.GrassrootsReport, *, with_reporter: bool) -> dict[str, Any]:
    """A report for the JSON API: the reporter only for the board (and a collaborator's own list)."""
    out = {
        **report.public(),
        "spread_label": SPREADS.get(report.spread, report.spread),
        "mood_label": MOODS.get(report.mood, report.mood),
        "heard_at_label": HEARD.get(report.heard_at, report.heard_at),
        "topics": [t["topic_id"] for t in report.topics],
        "places": list(report.places),
        "tone": report.tone,
        "photos": report.photos,
        "created_at": report.created_at.isoformat(),
    }
    if with_reporter:
        out["reporter"] = report.reporter
        out["link"] = report.link
        out["channel"] = report.channel
    return out


__all__ = [
    "HEARD",
    "MOODS",
    "SPREADS",
    "Fields",
    "Stored",
    "annotate_pending",
    "annotation_of",
    "intake",
    "report_dict",
    "validate",
]
