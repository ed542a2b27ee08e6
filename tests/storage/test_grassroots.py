"""Grassroots reports in storage (both backends): stored once per token, annotated, read back by day,
reporter and topic, with their photos; never counted among the articles."""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import func, select

from config import AppConfig
from pipeline.annotate.grassroots import Fields, intake, validate
from storage import grassroots as repo
from storage.db import session_scope, upgrade
from storage.models import ArticleRow
from storage.users import add_user

NOW = datetime(2026, 11, 20, 3, 0, tzinfo=UTC)
TEXT = "Bà con ở chợ Đồng Đăng bức xúc vì bãi rác gây ô nhiễm môi trường, mùi hôi nồng nặc mấy tuần nay."


def _report(app: AppConfig, token: str, reporter_id: int | None = None, **kw: object) -> repo.NewReport:
    values: dict[str, object] = {
        "text": TEXT,
        "unit": "xã Đồng Đăng",
        "spread": "nhieu_nguoi",
        "mood": "buc_xuc",
        "heard_at": "cho",
        "heard_on": date(2026, 11, 19),
    }
    values.update(kw)
    fields = Fields(**values)  # type: ignore[arg-type]
    report, problems = validate(
        app, fields, token=token, channel="web", reporter_id=reporter_id, today=date(2026, 11, 20)
    )
    assert report is not None, problems
    return report


def test_a_token_stores_one_report_annotated(app_on: AppConfig) -> None:
    url = app_on.settings.resolved_database_url
    upgrade(url)
    first = intake(app_on, [_report(app_on, "t-1")], now=NOW)
    again = intake(app_on, [_report(app_on, "t-1", text="Một nội dung khác hẳn nhưng cùng mã gửi.")], now=NOW)
    assert first[0].created and not again[0].created and again[0].id == first[0].id
    with session_scope(url) as session:
        reports = repo.reports_between(session, date(2026, 11, 1), date(2026, 11, 30))
        assert session.scalar(select(func.count()).select_from(ArticleRow)) == 0
    assert len(reports) == 1
    r = reports[0]
    assert r.text == TEXT and r.annotated and r.topic_id == "moi_truong"
    assert any(t["topic_id"] == "moi_truong" and t["evidence"] for t in r.topics)
    assert any("Đồng Đăng" in p for p in r.places)


def test_reports_by_reporter_topic_and_photos(app_on: AppConfig) -> None:
    url = app_on.settings.resolved_database_url
    upgrade(url)
    with session_scope(url) as session:
        a = add_user(
            session, name="ctv_a", role="cong_tac_vien", password_hash="x", now=NOW, unit="xã Đồng Đăng"
        )
        b = add_user(
            session, name="ctv_b", role="cong_tac_vien", password_hash="x", now=NOW, unit="xã Cao Lộc"
        )
    stored = intake(
        app_on,
        [
            _report(app_on, "a-1", reporter_id=a),
            _report(app_on, "b-1", reporter_id=b, unit="xã Cao Lộc", topic="giao_thong"),
        ],
        now=NOW,
    )
    with session_scope(url) as session:
        repo.add_photo(
            session, report_id=stored[0].id, file_name="ab.jpg", content_type="image/jpeg", size=9, now=NOW
        )
        own = repo.reports_between(session, date(2026, 11, 1), date(2026, 11, 30), reporter_id=a)
        traffic = repo.reports_between(session, date(2026, 11, 1), date(2026, 11, 30), topics=["giao_thong"])
        none = repo.reports_between(session, date(2026, 10, 1), date(2026, 10, 31))
        photos = repo.photos_of(session, stored[0].id)
    assert [r.reporter for r in own] == ["ctv_a"] and own[0].photos == 1
    assert [r.unit for r in traffic] == ["xã Cao Lộc"] and traffic[0].topic_id == "giao_thong"
    assert none == [] and [p.file_name for p in photos] == ["ab.jpg"]
    assert "reporter" not in own[0].public() and "link" not in own[0].public()


def test_a_report_stored_without_annotation_is_caught_up_by_annotate(app_on: AppConfig) -> None:
    from pipeline.annotate.job import run_annotate

    url = app_on.settings.resolved_database_url
    upgrade(url)
    with session_scope(url) as session:
        repo.add_report(session, _report(app_on, "late-1"), NOW)  # stored, as when annotation failed
        assert [r.id for r in repo.unannotated(session)] != []
    stats = run_annotate(app_on).as_stats()
    assert stats["grassroots_annotated"] == 1
    with session_scope(url) as session:
        assert repo.unannotated(session) == []
        (report,) = repo.reports_between(session, date(2026, 11, 1), date(2026, 11, 30))
    assert report.annotated and report.topic_id == "moi_truong"
