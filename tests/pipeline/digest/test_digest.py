"""The daily digest: sections, limits, chart, counts, footer and follow-up, on a stored day
(SQLite and PostgreSQL)."""

from __future__ import annotations

import base64
import datetime as dt
import re
from email import message_from_bytes, policy
from pathlib import Path

import pytest
from lxml import html as lxml_html
from sqlalchemy import func, select
from typer.testing import CliRunner

from config import AppConfig
from pipeline.cli.main import app as cli
from pipeline.digest.context import select_issues
from pipeline.digest.core import run_digest
from storage import alerts as alert_repo
from storage.db import session_scope
from storage.jobs import finish_job, start_job
from storage.models import DigestRow, JobRunRow
from storage.records import Alert, Issue, SourceRun
from storage.source_health import record_source_runs
from tests.pipeline.conftest import DAY, Seeder, at, end_of


def _digest(app: AppConfig, now: dt.datetime | None = None) -> tuple[str, str, dict[str, object]]:
    stats = run_digest(app, DAY, now=now or end_of(DAY)).as_stats()
    html = Path(str(stats["html"])).read_text(encoding="utf-8")
    text = Path(str(stats["text"])).read_text(encoding="utf-8")
    return html, text, stats


def _section(html: str, title: str) -> str:
    return html.split(title, 1)[1].split("<h2", 1)[0]


def test_a_day_without_news_is_a_valid_short_digest(seed: Seeder, app_on: AppConfig) -> None:
    html, text, stats = _digest(app_on)
    tree = lxml_html.document_fromstring(html)
    assert tree.find(".//h1").text_content() == "ĐIỂM TIN NGÀY 15/09/2026"
    assert "0 bài viết" in html and "Không ghi nhận vấn đề nổi cộm trong ngày." in html
    assert "<img" not in html and "<script" not in html
    assert text.startswith("ĐIỂM TIN NGÀY 15/09/2026\n") and "Không ghi nhận vấn đề nổi cộm" in text
    assert stats["issues"] == 0


@pytest.mark.parametrize(
    ("scores", "shown"),
    [
        ([10, 9, 2, 1], 3),
        ([10, 9, 8, 7.5, 7, 6.5, 6.2, 6.1, 6.0], 7),
        ([2.0], 1),
        ([], 0),
        ([9, 8, 7, 6, 5], 4),
    ],
)
def test_three_to_seven_issues_when_the_day_has_them(
    app_config: AppConfig, scores: list[float], shown: int
) -> None:
    issues = [
        Issue(
            story_key=f"dat_dai:{i}",
            topic_id="dat_dai",
            title=f"Vấn đề {i}",
            article_ids=(i,),
            outlets=("A",),
            score=s,
            explanation={},
            recipients=(),
            first_published=at(DAY),
            last_published=at(DAY),
        )
        for i, s in enumerate(scores)
    ]
    assert len(select_issues(app_config, issues)) == shown


def test_an_issue_shows_summary_links_explanation_and_recipient(seed: Seeder, app_on: AppConfig) -> None:
    for k, source in enumerate(("xl", "tn", "xl")):
        seed.article(
            at(DAY, 8 + k),
            title=f"Cá chết trên suối Bản Chắt, lần {k}",
            sapo="Người dân phát hiện cá chết hàng loạt. Nước suối bốc mùi hôi.",
            text="Đoàn kiểm tra đã lấy mẫu nước. Kết quả sẽ được công bố sớm.",
            topics={"moi_truong": 6.0},
            terms=("suối bản chắt", "cá chết"),
            source=source,
            tone="negative",
        )
    html, text, _ = _digest(app_on)
    first = _section(html, "I. Vấn đề nổi cộm cần lưu ý")
    assert "Lĩnh vực: Ô nhiễm môi trường" in first and "Đề xuất chuyển: UBND tỉnh" in first
    assert "Người dân phát hiện cá chết hàng loạt." in first
    assert first.count('href="http://127.0.0.1/') == 3
    assert "Báo Xứ Lạng Thử" in first and "Tin Nhanh Thử" in first
    assert re.search(r"Điểm \d+,\d = số bài", first)
    assert re.search(r"Điểm \d+,\d = số bài", text)


def test_a_section_lists_at_most_nine_items(seed: Seeder, app_on: AppConfig) -> None:
    for k in range(12):
        seed.article(at(DAY, 7, k), title=f"Tin trong tỉnh số {k}")
    html, text, _ = _digest(app_on)
    section = _section(html, "III. Tin trong tỉnh")
    assert section.count("<li") == 9 and "và 3 tin khác" in section
    assert text.split("III. TIN TRONG TỈNH", 1)[1].split("IV.", 1)[0].count("\n- ") == 9


def test_the_trend_chart_is_an_embedded_png(seed: Seeder, app_on: AppConfig) -> None:
    for back in range(5):
        seed.article(at(DAY - dt.timedelta(days=back)), topics={"giao_thong": 5.0}, terms=(f"t{back}",))
    html, text, stats = _digest(app_on)
    src = re.search(r'<img src="data:image/png;base64,([^"]+)"', html)
    assert src is not None
    png = base64.b64decode(src.group(1))
    assert png.startswith(b"\x89PNG\r\n\x1a\n") and png == Path(str(stats["chart"])).read_bytes()
    assert "Giao thông 5 bài" in html  # the chart's alt text
    assert "Xu hướng 14 ngày theo lĩnh vực" in text and "Giao thông (5 bài)" in text


def test_critical_and_positive_coverage_are_counted(seed: Seeder, app_on: AppConfig) -> None:
    for tone in ("negative", "negative", "positive", "neutral"):
        seed.article(at(DAY), tone=tone)
    html, text, _ = _digest(app_on)
    assert ">2</span> bài phản ánh tiêu cực" in html and ">1</span> bài tích cực" in html
    assert "2 bài phản ánh tiêu cực, 1 bài tích cực" in text


def _crawl_run(app: AppConfig, started: dt.datetime, stats: dict[str, object], status: str = "ok") -> None:
    with session_scope(app.settings.resolved_database_url) as session:
        run = start_job(session, "crawl", started)
        finish_job(session, run, status=status, stats=stats, now=started)


def _source_run(app: AppConfig, source: str, finished: dt.datetime, **counts: object) -> None:
    values: dict[str, object] = {"responses": 0, "stored": 0, "robots_refused": 0, "errors": {}}
    values.update(counts)
    with session_scope(app.settings.resolved_database_url) as session:
        record_source_runs(
            session,
            [SourceRun(source_id=source, started_at=finished, finished_at=finished, **values)],  # type: ignore[arg-type]
        )


@pytest.mark.parametrize(
    ("counts", "shown"),
    [
        ({"errors": {"timeout": 2, "http_503": 1}}, "Báo Xứ Lạng Thử (3 lỗi)"),
        ({"robots_refused": 4}, "Báo Xứ Lạng Thử (robots.txt từ chối 4 yêu cầu)"),
    ],
)
def test_the_footer_names_sources_whose_every_crawl_failed_in_24_hours(
    seed: Seeder, app_on: AppConfig, counts: dict[str, object], shown: str
) -> None:
    now = end_of(DAY)
    source = {"id": "xl", "name": "Báo Xứ Lạng Thử", "url": "http://127.0.0.1/", "scope": "province"}
    app = app_on.with_sources([{**source, "discovery": [{"kind": "rss", "url": "http://127.0.0.1/r"}]}])
    _source_run(app, "xl", now - dt.timedelta(hours=2), **counts)
    _source_run(app, "tn", now - dt.timedelta(hours=30), errors={"timeout": 5})  # older than 24 h
    html, text, digest = _digest(app, now)
    footer = html.rsplit("<tr>", 1)[1]
    assert shown in footer and "Tin Nhanh" not in footer
    assert shown in text
    assert digest["failed_sources"] == 1


def test_a_source_that_also_succeeded_is_not_failing(seed: Seeder, app_on: AppConfig) -> None:
    """The one definition (storage.source_health): errors in one crawl and success in another are not a
    failing source, on the page, the CLI and the digest alike."""
    now = end_of(DAY)
    _source_run(app_on, "xl", now - dt.timedelta(hours=3), errors={"timeout": 2})
    _source_run(app_on, "xl", now - dt.timedelta(hours=1), responses=4, stored=2)
    html, _, digest = _digest(app_on, now)
    assert digest["failed_sources"] == 0
    assert "Không có nguồn tin nào gặp lỗi khi thu thập trong 24 giờ qua." in html


def test_a_crawl_that_failed_as_a_whole_is_named(seed: Seeder, app_on: AppConfig) -> None:
    _crawl_run(app_on, end_of(DAY) - dt.timedelta(hours=1), {}, status="failed")
    html, _, _ = _digest(app_on)
    assert "Toàn bộ lượt thu thập (1 lỗi)" in html


def test_the_footer_says_when_no_source_failed(seed: Seeder, app_on: AppConfig) -> None:
    _crawl_run(app_on, end_of(DAY) - dt.timedelta(hours=1), {"duluan/source/xl/stored": 5})
    html, _, _ = _digest(app_on)
    assert "Không có nguồn tin nào gặp lỗi khi thu thập trong 24 giờ qua." in html


def test_section_five_lists_unacknowledged_alerts_with_their_age(seed: Seeder, app_on: AppConfig) -> None:
    url = app_on.settings.resolved_database_url
    with session_scope(url) as session:
        ids = [
            alert_repo.create_alert(
                session,
                Alert(
                    key=f"k{i}",
                    recipient_id="ubnd",
                    kind="issue",
                    topic_id="dat_dai",
                    title=f"Cảnh báo số {i}",
                ),
                ["file"],
                at(DAY - dt.timedelta(days=2)),
            )
            for i in range(2)
        ]
        alert_repo.ack_alert(session, ids[1], by="ubnd", note="Đã xử lý", now=at(DAY))
    html, text, _ = _digest(app_on)
    section = _section(html, "V. Theo dõi kết quả xử lý")
    assert "Cảnh báo số 0 — UBND tỉnh, chưa xác nhận xử lý sau 2 ngày" in section
    assert "Cảnh báo số 1" not in section
    assert "Cảnh báo số 0 — UBND tỉnh, chưa xác nhận xử lý sau 2 ngày" in text


def test_digest_command_writes_both_files_records_and_delivers(seed: Seeder, app_on: AppConfig) -> None:
    seed.article(at(DAY), title="Tin trong ngày")
    s = app_on.settings
    args = ["--data-dir", str(s.data_dir), "--database-url", s.resolved_database_url]
    result = CliRunner().invoke(cli, [*args, "digest", "--date", DAY.isoformat()])
    assert result.exit_code == 0, result.output
    assert (s.digest_dir / "diem-tin-2026-09-15.html").exists()
    assert (s.digest_dir / "diem-tin-2026-09-15.txt").exists()
    with session_scope(s.resolved_database_url) as session:
        rows = session.scalars(select(DigestRow)).all()
        assert [(r.day, r.recipient_id) for r in rows] == [(DAY, "ban_tuyen_giao")]
        assert (
            session.scalar(select(func.count()).select_from(JobRunRow).where(JobRunRow.job == "digest")) == 1
        )
    (eml,) = (s.outbox_dir / "ban_tuyen_giao").glob("*.eml")
    mail = message_from_bytes(eml.read_bytes(), policy=policy.default)
    assert mail["Subject"] == "ĐIỂM TIN NGÀY 15/09/2026 — tỉnh Lạng Sơn"
    again = CliRunner().invoke(cli, [*args, "digest", "--date", DAY.isoformat()])
    assert again.exit_code == 0 and "already queued before" in again.output
    assert len(list((s.outbox_dir / "ban_tuyen_giao").glob("*.eml"))) == 1
