"""End to end: the demo pipeline on the bundled site, served on 127.0.0.1 and crawled by the real spider."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select
from typer.testing import CliRunner

from config import AppConfig, load_config
from crawlers.demo_site import DemoArticle, load_articles
from pipeline.cli.main import app as cli
from pipeline.runtime.demo import DemoResult, run_demo
from storage.db import session_scope
from storage.models import AlertRow, AnnotationRow, ArticleRow, ArticleTopicRow, DigestRow, JobRunRow

pytestmark = pytest.mark.slow
ARTICLES = load_articles()
TOPICAL = [a for a in ARTICLES if a.expected_topics]
ORDINARY = [a for a in ARTICLES if not a.expected_topics]
COPIES = [a for a in ARTICLES if a.syndicated_from]


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[AppConfig, DemoResult]:
    data = tmp_path_factory.mktemp("demo") / "var"
    app = load_config({"data_dir": data}, environ={})
    return app, run_demo(app)


def _by_path(app: AppConfig) -> dict[str, ArticleRow]:
    with session_scope(app.settings.resolved_database_url) as session:
        rows = session.scalars(select(ArticleRow)).all()
        return {r.canonical_url.split("/", 3)[3]: r for r in rows}


def _topics(app: AppConfig) -> dict[int, set[str]]:
    with session_scope(app.settings.resolved_database_url) as session:
        out: dict[int, set[str]] = {}
        for row in session.scalars(select(ArticleTopicRow)):
            out.setdefault(row.article_id, set()).add(row.topic_id)
        return out


def test_every_article_of_the_site_is_stored_once(demo: tuple[AppConfig, DemoResult]) -> None:
    app, _ = demo
    stored = _by_path(app)
    assert sorted(stored) == sorted(a.path.lstrip("/") for a in ARTICLES)


@pytest.mark.parametrize("article", TOPICAL, ids=lambda a: a.id)
def test_topical_article_carries_its_expected_topics(
    demo: tuple[AppConfig, DemoResult], article: DemoArticle
) -> None:
    app, _ = demo
    row = _by_path(app)[article.path.lstrip("/")]
    assert _topics(app).get(row.id, set()) == set(article.expected_topics)


@pytest.mark.parametrize("article", ORDINARY, ids=lambda a: a.id)
def test_ordinary_article_gets_no_pressing_topic(
    demo: tuple[AppConfig, DemoResult], article: DemoArticle
) -> None:
    app, _ = demo
    row = _by_path(app)[article.path.lstrip("/")]
    assert _topics(app).get(row.id, set()) == set()


@pytest.mark.parametrize("copy", COPIES, ids=lambda a: a.id)
def test_syndicated_copy_points_to_its_original(
    demo: tuple[AppConfig, DemoResult], copy: DemoArticle
) -> None:
    app, _ = demo
    rows = _by_path(app)
    original = next(a for a in ARTICLES if a.id == copy.syndicated_from)
    with session_scope(app.settings.resolved_database_url) as session:
        annotation = session.get(AnnotationRow, rows[copy.path.lstrip("/")].id)
        assert annotation is not None
        assert annotation.dup_of == rows[original.path.lstrip("/")].id


def test_fields_are_extracted_like_the_site_wrote_them(demo: tuple[AppConfig, DemoResult]) -> None:
    app, _ = demo
    rows = _by_path(app)
    for article in ARTICLES:
        row = rows[article.path.lstrip("/")]
        assert row.title == article.title, article.id
        assert row.published_at == article.published, article.id
        assert row.sapo == article.sapo, article.id


def test_growing_story_leads_the_last_day(demo: tuple[AppConfig, DemoResult]) -> None:
    _, result = demo
    story = {a.title for a in ARTICLES if a.story and a.story == _growing_story_key()}
    assert result.top_issues, "no issues detected"
    assert result.top_issues[0][0] in story
    html = Path(result.stats["digest"]["html"]).read_text(encoding="utf-8")
    first_issue = html.split("I. Vấn đề nổi cộm", 1)[1].split("1. ", 1)[1].split("</div>", 1)[0]
    assert any(title in first_issue for title in story)


def _growing_story_key() -> str:
    last_day = max(a.published.date() for a in ARTICLES)
    counts: dict[str, int] = {}
    for a in ARTICLES:
        if a.story and (last_day - a.published.date()).days < 3:
            counts[a.story] = counts.get(a.story, 0) + 1
    return max(counts, key=lambda k: counts[k])


def test_digest_files_are_written_and_recorded(demo: tuple[AppConfig, DemoResult]) -> None:
    app, result = demo
    html = Path(result.stats["digest"]["html"])
    text = Path(result.stats["digest"]["text"])
    assert html.parent == app.settings.digest_dir
    assert f"ĐIỂM TIN NGÀY {result.day:%d/%m/%Y}" in html.read_text(encoding="utf-8")
    assert f"ĐIỂM TIN NGÀY {result.day:%d/%m/%Y}" in text.read_text(encoding="utf-8")
    with session_scope(app.settings.resolved_database_url) as session:
        assert session.scalar(select(func.count()).select_from(DigestRow)) == 1


def _outbox(app: AppConfig) -> list[tuple[str, dict[str, Any]]]:
    items = []
    for path in sorted(app.settings.outbox_dir.glob("*/*.json")):
        message = json.loads(path.read_text(encoding="utf-8"))
        assert message["recipient"] == path.parent.name
        items.extend((message["recipient"], alert) for alert in message["alerts"])
    return items


def test_alerts_go_to_the_routed_recipients(demo: tuple[AppConfig, DemoResult]) -> None:
    app, _ = demo
    items = _outbox(app)
    assert items, "the demo raised no alert"
    by_issue: dict[str, set[str]] = {}
    for recipient, alert in items:
        if alert["kind"] == "watch":
            continue  # a watch's alerts go to its owner and those it is shared with (below)
        assert recipient in app.route(alert["topic"])
        by_issue.setdefault(alert["key"].rsplit(":", 1)[0], set()).add(recipient)
    for issue_key, recipients in by_issue.items():
        topic = issue_key.split(":")[1]
        assert recipients == set(app.route(topic)), issue_key


def test_the_flaring_watch_alerts_its_owner_and_the_digest_lists_it(
    demo: tuple[AppConfig, DemoResult],
) -> None:
    app, result = demo
    watches = [(r, a) for r, a in _outbox(app) if a["kind"] == "watch"]
    flaring = "Nhà máy tinh bột Hưng Phát xả thải ra suối Bản Chắt"
    assert sorted(r for r, _ in watches) == ["hdnd", "ubnd"]
    assert all(a["watch_name"] == flaring and ":burst:" in a["key"] for _, a in watches)
    assert "3 bài trong ngày 22/11/2026" in watches[0][1]["reason"]
    digest = Path(result.stats["digest"]["text"]).read_text(encoding="utf-8")
    section = digest.split("CHUYÊN ĐỀ THEO DÕI", 1)[1].split("---", 1)[0]
    assert f"- {flaring} (UBND tỉnh): 3 bài mới" in section
    assert "Tân Thanh" not in section  # no coverage that day
    assert len(result.stats["watches"]) == 2


def test_second_run_adds_nothing(demo: tuple[AppConfig, DemoResult]) -> None:
    app, _ = demo
    url = app.settings.resolved_database_url
    with session_scope(url) as session:
        articles = session.scalar(select(func.count()).select_from(ArticleRow))
        alerts = session.scalar(select(func.count()).select_from(AlertRow))
    outbox = sorted(app.settings.outbox_dir.glob("*/*.json"))
    result = CliRunner().invoke(cli, ["--data-dir", str(app.settings.data_dir), "demo"])
    assert result.exit_code == 0, result.output
    assert "0 articles stored" in result.output
    with session_scope(url) as session:
        assert session.scalar(select(func.count()).select_from(ArticleRow)) == articles
        assert session.scalar(select(func.count()).select_from(AlertRow)) == alerts
    assert sorted(app.settings.outbox_dir.glob("*/*.json")) == outbox


def test_every_job_recorded_a_run_with_stats(demo: tuple[AppConfig, DemoResult]) -> None:
    app, _ = demo
    with session_scope(app.settings.resolved_database_url) as session:
        runs = session.scalars(select(JobRunRow)).all()
    assert {r.job for r in runs} >= {"crawl", "annotate", "detect", "digest", "alerts"}
    assert all(r.status == "ok" and r.finished_at is not None for r in runs)
    crawl = next(r for r in runs if r.job == "crawl")
    assert crawl.stats["stored"] == len(ARTICLES)


def test_accentless_search_finds_the_accented_article(demo: tuple[AppConfig, DemoResult]) -> None:
    app, _ = demo
    result = CliRunner().invoke(
        cli, ["--data-dir", str(app.settings.data_dir), "search", "suoi Ban Chat", "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    titles = {row["title"] for row in json.loads(result.output)}
    assert titles and all("Bản Chắt" in t or "Hưng Phát" in t for t in titles)


def test_jobs_command_lists_the_runs(demo: tuple[AppConfig, DemoResult]) -> None:
    app, _ = demo
    result = CliRunner().invoke(cli, ["--data-dir", str(app.settings.data_dir), "jobs"])
    assert result.exit_code == 0 and "annotate" in result.output and "digest" in result.output


def test_the_demo_shows_the_grassroots_reports(demo: tuple[AppConfig, DemoResult]) -> None:
    """The week of reports we wrote: a score part on the press story, a topic only they carry, the digest
    section and the monthly .docx."""
    from docx import Document

    _, result = demo
    assert result.stats["grassroots"]["reports"] == 9
    lead_why = result.top_issues[0][3]
    assert "dư luận cơ sở" in lead_why and "4 báo cáo của cộng tác viên" in lead_why
    only = [i for i in result.top_issues if i[2] == "Đất đai"]
    assert only and "báo chí chưa phản ánh" in only[0][3]
    html = Path(result.stats["digest"]["html"]).read_text(encoding="utf-8")
    section = html.split("Dư luận từ cơ sở", 1)[1].split("<h2", 1)[0]
    assert "xã Cai Kinh: 2 báo cáo" in section and "Đất đai (2 báo cáo)" in section
    assert "CTV " not in html  # who reported stays with the board
    doc = Document(result.stats["opinion_report"]["docx"])
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in doc.tables[0].rows[0].cells[1].text
    assert any("báo chí chưa đề cập" in p.text and "đất đai" in p.text for p in doc.paragraphs)
