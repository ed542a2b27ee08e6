"""Annotation workers on one PostgreSQL database: a worker killed with SIGKILL loses nothing."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import func, select

from config.models import Source
from storage import articles as repo
from storage.db import session_scope, upgrade
from storage.models import AnnotationRow, ArticleRow
from storage.records import RawArticle

SOURCE = Source.model_validate(
    {
        "id": "bao",
        "name": "Báo thử",
        "url": "http://127.0.0.1/",
        "scope": "province",
        "discovery": [{"kind": "rss", "url": "http://127.0.0.1/rss"}],
    }
)
PARAGRAPH = (
    "Ngày {n}, đoàn kiểm tra của xã số {n} đã làm việc với cơ sở sản xuất về tình trạng nước thải "
    "chảy ra suối, "
    "người dân phản ánh mùi hôi kéo dài và cá chết ở đoạn suối gần khu dân cư thôn {n}. "
)
N_ARTICLES = 40


def fill(url: str) -> None:
    upgrade(url)
    now = datetime.now(UTC)
    with session_scope(url) as session:
        repo.sync_sources(session, [SOURCE], now)
        for n in range(N_ARTICLES):
            body = "\n".join(PARAGRAPH.format(n=n * 100 + k) for k in range(60))
            repo.insert_article(
                session,
                RawArticle(
                    url=f"http://127.0.0.1/bai-{n}.html",
                    canonical_url=f"http://127.0.0.1/bai-{n}.html",
                    source_id="bao",
                    title=f"Nước thải gây ô nhiễm suối ở thôn {n}",
                    sapo=None,
                    text=body,
                    author=None,
                    published_at=now - timedelta(hours=n),
                    fetched_at=now,
                ),
            )


def worker(url: str, tmp_path: Path, *extra: str) -> subprocess.Popen[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DULUAN_")}
    duluan = Path(sys.executable).with_name("duluan")
    return subprocess.Popen(
        [
            str(duluan),
            "--database-url",
            url,
            "--data-dir",
            str(tmp_path),
            "worker",
            "annotate",
            "--batch",
            "8",
            "--lease",
            "4",
            *extra,
        ],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def wait_for(check: object, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():  # type: ignore[operator]
            return
        time.sleep(0.2)
    raise AssertionError("timed out")


def test_killed_worker_loses_nothing_and_nothing_is_annotated_twice(pg_url: str, tmp_path: Path) -> None:
    fill(pg_url)
    first = worker(pg_url, tmp_path)
    pid_claims = (
        select(func.count()).select_from(ArticleRow).where(ArticleRow.claimed_by.like(f"%:{first.pid}"))
    )

    def first_claimed() -> bool:
        with session_scope(pg_url) as session:
            return bool(session.scalar(pid_claims))

    wait_for(first_claimed, 60)
    os.kill(first.pid, signal.SIGKILL)
    first.wait(10)
    with session_scope(pg_url) as session:
        stranded = session.scalar(pid_claims.where(ArticleRow.state == "claimed"))
    assert stranded, "the killed worker held no claim: the test did not kill it mid-batch"

    others = [worker(pg_url, tmp_path), worker(pg_url, tmp_path)]

    def all_annotated() -> bool:
        with session_scope(pg_url) as session:
            return session.scalar(select(func.count()).select_from(AnnotationRow)) == N_ARTICLES

    try:
        wait_for(all_annotated, 180)
    finally:
        for proc in others:
            proc.send_signal(signal.SIGTERM)
        outputs = [proc.communicate(timeout=60)[0] for proc in others]
    assert [proc.returncode for proc in others] == [0, 0], outputs
    with session_scope(pg_url) as session:
        states = dict(
            session.execute(select(ArticleRow.state, func.count()).group_by(ArticleRow.state)).all()
        )
        annotated_ids = session.scalars(select(AnnotationRow.article_id)).all()
    assert states == {"annotated": N_ARTICLES}
    assert len(annotated_ids) == len(set(annotated_ids)) == N_ARTICLES
    assert all("annotated" in out for out in outputs)
