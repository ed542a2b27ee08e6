"""Alert rules, routing by recipients.yaml, one bundled message per body and run, cooldown and idempotency
(SQLite and PostgreSQL)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from config import AppConfig
from pipeline.deliver.alerts import run_alerts
from pipeline.detect.issues import run_detect
from storage import alerts as alert_repo
from storage.db import session_scope
from storage.records import Alert
from tests.pipeline.conftest import DAY, Seeder, at, end_of, with_files

RULES: dict[str, Any] = {
    "cooldown_hours": 24,
    "regrow_factor": 1.5,
    "rules": {
        "new_issue": {"enabled": True, "min_score": 5.0},
        "topic_burst": {"enabled": False},
        "severe_phrase": {"enabled": False},
    },
}


def rules(**changes: Any) -> dict[str, Any]:
    data = json.loads(json.dumps(RULES))
    for key, value in changes.items():
        if key in data["rules"]:
            data["rules"][key].update(value)
        else:
            data[key] = value
    return data


def _app(tmp_path: Path, app_on: AppConfig, alerts: dict[str, Any], **files: Any) -> AppConfig:
    return with_files(tmp_path, app_on, {"alerts.yaml": alerts, **files}, environ={})


def _story(
    seed: Seeder, topic: str, n: int, terms: tuple[str, ...], day: dt.date = DAY, start: int = 8
) -> None:
    for k in range(n):
        seed.article(
            at(day, start + k), topics={topic: 6.0}, terms=terms, source=("xl", "tn")[k % 2], tone="negative"
        )


def _alerts(app: AppConfig) -> list[Any]:
    with session_scope(app.settings.resolved_database_url) as session:
        return alert_repo.list_alerts(session)


def _run(app: AppConfig, now: dt.datetime) -> dict[str, Any]:
    run_detect(app, DAY, now=now)
    return run_alerts(app, DAY, now=now).as_stats()


def _outbox(app: AppConfig, recipient: str) -> list[dict[str, Any]]:
    return [
        json.loads(p.read_text("utf-8")) for p in sorted((app.settings.outbox_dir / recipient).glob("*.json"))
    ]


@pytest.mark.parametrize(("min_score", "expected"), [(5.0, {"ubnd", "vksnd"}), (50.0, set())])
def test_an_issue_above_the_threshold_goes_to_its_routed_bodies(
    tmp_path: Path, seed: Seeder, app_on: AppConfig, min_score: float, expected: set[str]
) -> None:
    app = _app(tmp_path, app_on, rules(new_issue={"min_score": min_score}))
    _story(seed, "khoang_san_rung", 3, ("khai thác cát", "sông kỳ cùng"))
    _run(app, end_of(DAY))
    alerts = _alerts(app)
    assert {a.recipient_id for a in alerts} == expected
    assert all(a.kind == "issue" and a.key.endswith(f":1:{a.recipient_id}") for a in alerts)


def test_routing_follows_recipients_yaml(tmp_path: Path, seed: Seeder, app_on: AppConfig) -> None:
    recipients = {
        "recipients": {"tand": {"name": "Tòa án nhân dân tỉnh", "short_name": "TAND tỉnh"}},
        "routing": {"khoang_san_rung": ["tand"]},
    }
    app = _app(tmp_path, app_on, rules(), **{"recipients.yaml": recipients})
    _story(seed, "khoang_san_rung", 3, ("khai thác cát", "sông kỳ cùng"))
    _run(app, end_of(DAY))
    assert [a.recipient_id for a in _alerts(app)] == ["tand"]


def test_each_body_gets_one_message_bundling_its_alerts(
    tmp_path: Path, seed: Seeder, app_on: AppConfig
) -> None:
    app = _app(tmp_path, app_on, rules())
    _story(seed, "moi_truong", 3, ("suối bản chắt", "cá chết"))
    _story(seed, "giao_thong", 3, ("đèo mẫu sơn", "biển kiểm soát 12a"), start=14)
    stats = _run(app, end_of(DAY))
    (message,) = _outbox(app, "ubnd")
    assert {a["topic"] for a in message["alerts"]} == {"moi_truong", "giao_thong"}
    assert stats["delivery"]["messages_sent"] == 1 and stats["delivery"]["items_sent"] == 2
    assert message["subject"].startswith("[duluan] 2 cảnh báo mới cho UBND tỉnh: ")
    assert all(a["reason"].startswith("Điểm ") for a in message["alerts"])


def test_a_burst_alerts_the_topic_bodies_once_a_day(tmp_path: Path, seed: Seeder, app_on: AppConfig) -> None:
    app = _app(tmp_path, app_on, rules(new_issue={"enabled": False}, topic_burst={"enabled": True}))
    for k in range(3):
        seed.article(at(DAY, 8 + k), topics={"giao_duc": 5.0}, terms=(f"trường {k}",))
    _run(app, end_of(DAY))
    again = _run(app, end_of(DAY) + dt.timedelta(days=3))
    alerts = _alerts(app)
    assert {(a.kind, a.recipient_id) for a in alerts} == {("burst", "ubnd")}
    assert len(alerts) == 1 and again["created"] == 0
    assert "trung bình 0,00 bài/ngày" in alerts[0].payload["reason"]


@pytest.mark.parametrize(("local", "raised"), [(True, True), (False, False)])
def test_a_severe_phrase_in_a_local_article_alerts(
    tmp_path: Path, seed: Seeder, app_on: AppConfig, local: bool, raised: bool
) -> None:
    app = _app(
        tmp_path,
        app_on,
        rules(
            new_issue={"enabled": False},
            severe_phrase={
                "enabled": True,
                "local_only": True,
                "phrases": [{"phrase": "tụ tập đông người", "topic": "khieu_nai_to_cao"}],
            },
        ),
    )
    seed.article(
        at(DAY),
        title="Người dân kéo đến trụ sở xã",
        text="Chiều nay nhiều hộ dân TỤ TẬP  đông người trước trụ sở xã để phản đối.",
        local=local,
    )
    _run(app, end_of(DAY))
    alerts = _alerts(app)
    assert bool(alerts) is raised
    if raised:
        assert {a.recipient_id for a in alerts} == set(app.route("khieu_nai_to_cao"))
        assert "tụ tập" in alerts[0].payload["excerpt"].lower()


def test_a_rerun_within_the_cooldown_raises_nothing(tmp_path: Path, seed: Seeder, app_on: AppConfig) -> None:
    app = _app(tmp_path, app_on, rules())
    _story(seed, "moi_truong", 3, ("suối bản chắt", "cá chết"))
    first = _run(app, end_of(DAY))
    second = _run(app, end_of(DAY) + dt.timedelta(hours=1))
    assert first["created"] == 1 and second["created"] == 0 and second["held_by_cooldown"] == 1
    assert len(_outbox(app, "ubnd")) == 1


def test_an_issue_that_grows_past_the_factor_is_alerted_again(
    tmp_path: Path, seed: Seeder, app_on: AppConfig
) -> None:
    app = _app(tmp_path, app_on, rules())
    terms = ("suối bản chắt", "cá chết")
    seed.article(at(DAY, 8), topics={"moi_truong": 6.0}, terms=terms)
    seed.article(at(DAY, 9), topics={"moi_truong": 6.0}, terms=terms)
    _run(app, at(DAY, 10))
    _story(seed, "moi_truong", 5, terms, start=11)
    grown = _run(app, at(DAY, 18))
    keys = sorted(a.key for a in _alerts(app))
    assert grown["created"] == 1
    assert [k.rsplit(":", 2)[1] for k in keys] == ["1", "2"]
    assert len(_outbox(app, "ubnd")) == 2


def test_after_the_cooldown_an_issue_is_alerted_again(
    tmp_path: Path, seed: Seeder, app_on: AppConfig
) -> None:
    app = _app(tmp_path, app_on, rules(cooldown_hours=2))
    _story(seed, "moi_truong", 3, ("suối bản chắt", "cá chết"))
    _run(app, end_of(DAY))
    later = _run(app, end_of(DAY) + dt.timedelta(hours=3))
    assert later["created"] == 1 and len(_alerts(app)) == 2


def test_an_idempotency_key_is_stored_once(seed: Seeder, app_on: AppConfig) -> None:
    alert = Alert(
        key="issue:dat_dai:1:1:ubnd", recipient_id="ubnd", kind="issue", topic_id="dat_dai", title="T"
    )
    with session_scope(app_on.settings.resolved_database_url) as session:
        first = alert_repo.create_alert(session, alert, ["file", "email"], at(DAY))
        second = alert_repo.create_alert(session, alert, ["file", "email"], at(DAY))
    assert first is not None and second is None
    with session_scope(app_on.settings.resolved_database_url) as session:
        assert [d.channel for d in alert_repo.deliveries_of(session, first)] == ["file", "email"]
