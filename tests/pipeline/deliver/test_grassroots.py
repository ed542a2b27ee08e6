"""Grassroots reports as the second signal (SQLite and PostgreSQL): a story gains the "dư luận cơ sở"
part, a topic only collaborators report is raised, the digest has its section, and the alerts carry the
reports to the bodies without who sent them; a report's hostile text stays text."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from config import AppConfig
from pipeline.annotate.grassroots import Fields, intake, validate
from pipeline.deliver.alerts import run_alerts
from pipeline.detect.issues import run_detect
from pipeline.digest.core import render
from storage.db import session_scope
from storage.issues import issues_on
from storage.users import add_user
from tests.pipeline.conftest import DAY, Seeder, at, end_of, with_files

REPORTER = "ctv_nguyen_van_a"
HOSTILE = '<script>alert("x")</script> Bà con bức xúc vì bãi rác tràn ra đường, mùi hôi {{ 7*7 }} khắp chợ.'
RULES: dict[str, Any] = {
    "cooldown_hours": 24,
    "regrow_factor": 1.5,
    "rules": {
        "new_issue": {"enabled": True, "min_score": 3.0},
        "topic_burst": {"enabled": False},
        "severe_phrase": {"enabled": False},
    },
}


def _reports(app: AppConfig, topic: str, n: int, *, text: str, unit: str, spread: str, mood: str) -> None:
    with session_scope(app.settings.resolved_database_url) as session:
        reporter = add_user(
            session,
            name=f"{REPORTER}_{topic}",
            role="cong_tac_vien",
            password_hash="x",
            now=at(DAY),
            unit=unit,
        )
    for k in range(n):
        report, problems = validate(
            app,
            Fields(
                text=f"{text} ({k + 1})",
                unit=unit,
                spread=spread,
                mood=mood,
                heard_at="cho",
                heard_on=DAY,
                topic=topic,
            ),
            token=f"{topic}-{k}",
            channel="web",
            reporter_id=reporter,
            today=DAY,
        )
        assert report is not None, problems
        intake(app, [report], now=at(DAY, 10 + k))


def _story(seed: Seeder, topic: str, n: int) -> None:
    for k in range(n):
        seed.article(
            at(DAY, 8 + k),
            topics={topic: 6.0},
            terms=("bãi rác", "chợ đồng đăng"),
            source=("xl", "tn")[k % 2],
        )


def _issues(app: AppConfig) -> dict[str, Any]:
    with session_scope(app.settings.resolved_database_url) as session:
        return {i.story_key: i for i in issues_on(session, DAY)}


def test_a_story_gains_points_for_the_reports_on_it(seed: Seeder, app_on: AppConfig) -> None:
    _story(seed, "moi_truong", 2)
    run_detect(app_on, DAY, now=end_of(DAY))
    (before,) = _issues(app_on).values()
    assert "grassroots" not in before.explanation["parts"]
    _reports(app_on, "moi_truong", 3, text=HOSTILE, unit="xã Đồng Đăng", spread="nhieu_nguoi", mood="buc_xuc")
    run_detect(app_on, DAY, now=end_of(DAY))
    (after,) = _issues(app_on).values()
    part = after.explanation["parts"]["grassroots"]
    assert part > 0 and after.score == round(before.score + part, 1)
    g = after.explanation["grassroots"]
    assert g["reports"] == 3 and g["spread"] == {"nhieu_nguoi": 3} and g["mood"] == {"buc_xuc": 3}
    assert (
        "dư luận cơ sở" in after.explanation["text"]
        and "3 báo cáo của cộng tác viên" in after.explanation["text"]
    )


def test_a_topic_only_collaborators_report_is_raised(seed: Seeder, app_on: AppConfig) -> None:
    _story(seed, "moi_truong", 2)
    _reports(
        app_on,
        "giao_thong",
        3,
        text="Người dân lo ngại đoạn đường đèo sạt lở chưa có biển cảnh báo",
        unit="xã Mẫu Sơn",
        spread="lan_rong",
        mood="buc_xuc",
    )
    stats = run_detect(app_on, DAY, now=end_of(DAY)).as_stats()
    assert stats["grassroots_reports"] == 3
    only = [i for k, i in _issues(app_on).items() if k.startswith("giao_thong:coso")]
    assert len(only) == 1
    issue = only[0]
    assert issue.article_ids == () and issue.recipients == ("ubnd",)
    assert (
        issue.explanation["parts"]["grassroots"] > 0 and "báo chí chưa phản ánh" in issue.explanation["text"]
    )
    assert "xã Mẫu Sơn" in issue.title


def test_digest_section_groups_reports_and_hides_who(seed: Seeder, app_on: AppConfig) -> None:
    _story(seed, "moi_truong", 2)
    _reports(app_on, "moi_truong", 2, text=HOSTILE, unit="xã Đồng Đăng", spread="nhieu_nguoi", mood="buc_xuc")
    _reports(
        app_on,
        "giao_thong",
        1,
        text="Đường vào thôn lầy lội sau mưa, học sinh đi lại khó khăn",
        unit="xã Cao Lộc",
        spread="ca_biet",
        mood="ban_khoan",
    )
    html, text, _ = render(app_on, DAY, end_of(DAY))
    section = html.split("Dư luận từ cơ sở", 1)[1].split("<h2", 1)[0]
    assert "3 báo cáo của cộng tác viên dư luận xã hội từ 2 đơn vị" in section
    assert "Ô nhiễm môi trường (2 báo cáo)" in section and "xã Đồng Đăng: 2 báo cáo" in section
    assert "&lt;script&gt;" in section and "<script>" not in html and "{{ 7*7 }}" in section
    assert "DƯ LUẬN TỪ CƠ SỞ" in text and "xã Cao Lộc: 1 báo cáo (1 cá biệt; 1 băn khoăn" in text
    assert REPORTER not in html and REPORTER not in text


def test_alerts_carry_the_reports_without_the_reporter(
    tmp_path: Path, seed: Seeder, app_on: AppConfig
) -> None:
    app = with_files(tmp_path, app_on, {"alerts.yaml": RULES}, environ={})
    _story(seed, "moi_truong", 2)
    _reports(app, "moi_truong", 2, text=HOSTILE, unit="xã Đồng Đăng", spread="lan_rong", mood="buc_xuc")
    run_detect(app, DAY, now=end_of(DAY))
    run_alerts(app, DAY, now=end_of(DAY))
    files = sorted((app.settings.outbox_dir / "ubnd").glob("*"))
    assert files, "no alert reached the outbox"
    documents = [json.loads(p.read_text("utf-8")) for p in files if p.suffix == ".json"]
    items = [a for d in documents for a in d["alerts"] if a.get("grassroots")]
    assert items and items[0]["grassroots_count"] == 2
    assert {g["unit"] for g in items[0]["grassroots"]} == {"xã Đồng Đăng"}
    for path in files:
        body = path.read_text("utf-8", errors="replace")
        assert REPORTER not in body, path.name
        if path.suffix == ".html":
            assert "<script>" not in body and "&lt;script&gt;" in body
