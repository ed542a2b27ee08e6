"""Watched subjects end to end on both backends: matched live by the real annotate job, back-filled,
alerted per policy exactly once per article and recipient (re-runs, two schedulers at once), the
digest's section, and hostile names inert in the digest and alert files."""

from __future__ import annotations

import datetime as dt
import json
import multiprocessing
from pathlib import Path
from typing import Any

import pytest

from config import AppConfig
from config.models import WatchSpec
from pipeline.annotate.job import run_annotate
from pipeline.deliver.alerts import run_alerts
from pipeline.digest.core import render
from pipeline.watch.core import create
from storage import alerts as alert_repo
from storage import articles as article_repo
from storage import watches as repo
from storage.db import dispose_engines, session_scope
from storage.records import RawArticle
from tests.pipeline.conftest import DAY, Seeder, at, end_of, with_files

QUIET = {
    "rules": {
        "new_issue": {"enabled": False},
        "topic_burst": {"enabled": True, "max_p_value": 0.001, "min_articles": 3},
        "severe_phrase": {"enabled": False},
    }
}
HOSTILE = '<script>alert("w")</script> =HYPERLINK("http://x") {{ 7*7 }}'


def quiet(tmp_path: Path, app: AppConfig) -> AppConfig:
    return with_files(tmp_path, app, {"alerts.yaml": QUIET}, {})


def spec(**data: Any) -> WatchSpec:
    base = {"name": "Nhà máy Hưng Phát", "owner": "ubnd", "query": '"hung phat"', "start": "2026-08-01"}
    return WatchSpec.model_validate({**base, **data})


def _watch_alerts(app: AppConfig) -> list[tuple[str, str]]:
    with session_scope(app.settings.resolved_database_url) as session:
        return sorted((a.recipient_id, a.key) for a in alert_repo.list_alerts(session) if a.kind == "watch")


def _store_raw(app: AppConfig, n: int, published: dt.datetime, title: str, text: str) -> int:
    raw = RawArticle(
        url=f"http://127.0.0.1/xl/moi-{n}.html",
        canonical_url=f"http://127.0.0.1/xl/moi-{n}.html",
        source_id="xl",
        title=title,
        sapo=None,
        text=text,
        author=None,
        published_at=published,
        fetched_at=published,
    )
    with session_scope(app.settings.resolved_database_url) as session:
        article_id = article_repo.insert_article(session, raw)
    assert article_id is not None
    return article_id


def test_annotate_job_matches_new_articles_live_and_each_policy_alerts_once(
    seed: Seeder, tmp_path: Path
) -> None:
    app = quiet(tmp_path, seed.app)
    watch, found = create(app, spec(policy="each", shared_with=["hdnd"]), by="test")
    assert found == 0
    hit = _store_raw(
        app,
        1,
        at(DAY, 8),
        "Người dân phản ánh mùi hôi từ nhà máy tinh bột Hưng Phát",
        "Nước thải của Nhà máy tinh bột Hưng Phát chảy ra suối Bản Chắt, người dân xã Cai Kinh bức xúc.",
    )
    _store_raw(app, 2, at(DAY, 9), "Khai mạc hội chợ", "Hội chợ thương mại khai mạc tại trung tâm tỉnh.")
    stats = run_annotate(app).as_stats()
    assert stats["annotated"] == 2 and stats["watch_matches"] == 1
    with session_scope(app.settings.resolved_database_url) as session:
        matched = repo.watch_articles(session, watch.id)
    assert [(a.id, a.terms, a.live) for a in matched] == [(hit, ("hung phat",), True)]
    now = at(DAY, 20)
    run_alerts(app, DAY, now=now)
    run_alerts(app, DAY, now=now + dt.timedelta(hours=1))  # a re-run (or a restart) adds nothing
    expected = [
        ("hdnd", f"watch:{watch.id}:article:{hit}:1:hdnd"),
        ("ubnd", f"watch:{watch.id}:article:{hit}:1:ubnd"),
    ]
    assert _watch_alerts(app) == expected
    outbox = sorted((app.settings.data_dir / "outbox").rglob("*.json"))
    documents = [json.loads(p.read_text(encoding="utf-8")) for p in outbox]
    items = [a for d in documents for a in d["alerts"] if a["kind"] == "watch"]
    assert {d["recipient"] for d in documents} == {"ubnd", "hdnd"} and len(items) == 2
    assert items[0]["watch_id"] == watch.id and items[0]["articles"][0]["terms"] == ["hung phat"]


def test_backfilled_history_does_not_alert_article_by_article(seed: Seeder, tmp_path: Path) -> None:
    app = quiet(tmp_path, seed.app)
    seed.article(at(DAY, 8), title="Nhà máy Hưng Phát xả thải")
    watch, found = create(app, spec(policy="each"), by="test")
    assert found == 1
    run_alerts(app, DAY, now=at(DAY, 20))
    assert _watch_alerts(app) == []
    with session_scope(app.settings.resolved_database_url) as session:
        assert [a.live for a in repo.watch_articles(session, watch.id)] == [False]


def _flare(seed: Seeder) -> None:
    """One article a week before, then four on DAY (three of them negative)."""
    seed.article(at(DAY - dt.timedelta(days=7)), title="Nhà máy Hưng Phát mở rộng sản xuất", tone="positive")
    for i in range(4):
        seed.article(
            at(DAY, 8 + i), title=f"Hưng Phát xả thải lần {i + 1}", tone="negative" if i else "neutral"
        )


def test_burst_policy_alerts_a_flare_once_even_with_two_schedulers_at_once(
    seed: Seeder, tmp_path: Path
) -> None:
    app = quiet(tmp_path, seed.app)
    _flare(seed)
    _, found = create(app, spec(policy="burst", shared_with=["tand"]), by="test")
    assert found == 5
    quiet_day = DAY - dt.timedelta(days=7)
    run_alerts(app, quiet_day, now=end_of(quiet_day))
    assert _watch_alerts(app) == []
    dispose_engines()  # the processes open their own connections
    fork = multiprocessing.get_context("fork")
    schedulers = [
        fork.Process(target=run_alerts, args=(app, DAY), kwargs={"now": end_of(DAY)}) for _ in range(2)
    ]
    for p in schedulers:
        p.start()
    for p in schedulers:
        p.join(120)
    assert [p.exitcode for p in schedulers] == [0, 0]
    run_alerts(app, DAY, now=end_of(DAY) + dt.timedelta(hours=2))  # and a later re-run
    keys = _watch_alerts(app)
    bursts = [k for k in keys if ":burst:" in k[1]]
    tones = [k for k in keys if ":tone:" in k[1]]
    assert sorted(r for r, _ in bursts) == ["tand", "ubnd"]
    assert sorted(r for r, _ in tones) == ["tand", "ubnd"]
    assert len(keys) == 4
    with session_scope(app.settings.resolved_database_url) as session:
        alert = next(a for a in alert_repo.list_alerts(session) if ":burst:" in a.key)
    assert "4 bài trong ngày 15/09/2026" in alert.payload["reason"] and "p = " in alert.payload["reason"]


def test_daily_policy_summarises_the_day_before(seed: Seeder, tmp_path: Path) -> None:
    app = quiet(tmp_path, seed.app)
    seed.article(at(DAY, 9), title="Hưng Phát bị phạt", tone="negative")
    seed.article(at(DAY, 10), title="Hưng Phát khắc phục", tone="positive")
    watch, _ = create(app, spec(policy="daily"), by="test")
    run_alerts(app, DAY, now=at(DAY, 20))
    assert _watch_alerts(app) == []  # the day is not over
    next_day = DAY + dt.timedelta(days=1)
    run_alerts(app, next_day, now=at(next_day, 7))
    run_alerts(app, next_day, now=at(next_day, 8))
    assert _watch_alerts(app) == [("ubnd", f"watch:{watch.id}:day:{DAY.isoformat()}:1:ubnd")]


@pytest.mark.parametrize("state", ["paused", "closed"])
def test_paused_and_closed_watches_are_not_matched_or_alerted(
    seed: Seeder, tmp_path: Path, state: str
) -> None:
    app = quiet(tmp_path, seed.app)
    create(app, spec(policy="each", state=state), by="test")
    _store_raw(app, 1, at(DAY, 8), "Nhà máy Hưng Phát", "Nhà máy Hưng Phát xả thải.")
    assert run_annotate(app).watch_matches == 0
    run_alerts(app, DAY, now=at(DAY, 20))
    assert _watch_alerts(app) == []


def test_digest_lists_watches_with_new_coverage_and_keeps_hostile_names_inert(
    seed: Seeder, tmp_path: Path
) -> None:
    app = quiet(tmp_path, seed.app)
    _flare(seed)
    create(app, spec(name=HOSTILE), by="test")
    create(app, spec(name="Không có bài", query="cao toc dong dang"), by="test")
    html, text, data = render(app, DAY, end_of(DAY))
    section = data.context["watches"]
    assert [(w["count"], w["negative"]) for w in section] == [(4, 3)]
    assert section[0]["top"]["title"] == "Hưng Phát xả thải lần 2"  # the first negative original
    assert "Chuyên đề theo dõi" in html and "CHUYÊN ĐỀ THEO DÕI" in text
    assert "<script>" not in html and "&lt;script&gt;" in html and "{{ 7*7 }}" in html
    assert "Không có bài" not in html
