"""Scaling on existing engines: annotate throughput with 1 and 2 worker processes on PostgreSQL, and crawl
throughput with 1 and 2 crawler processes sharing a Redis frontier, measured in one run.

    .venv/bin/python bench/scale.py [--articles 400] [--pages 1000]

Needs the PostgreSQL server (DULUAN_TEST_PG_URL, default postgres@127.0.0.1/test as admin) and Redis
(redis://127.0.0.1:6379/0); annotate uses ../shared/corpus/bench.jsonl (skipped when absent).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path

import yaml
from common import ROOT, corpus_dir  # noqa: F401 - first: puts the repository on the path
from pg import scratch_database
from sqlalchemy import create_engine, func, select

from config.models import Source
from storage import articles as repo
from storage.db import session_scope, upgrade
from storage.models import AnnotationRow, ArticleRow
from storage.records import RawArticle
from tests.sites.generated import serve_generated, source_for

ADMIN = os.environ.get("DULUAN_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
REDIS = os.environ.get("DULUAN_TEST_REDIS_URL", "redis://127.0.0.1:6379/0")
CORPUS = corpus_dir()
DULUAN = str(Path(sys.executable).with_name("duluan"))


def env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if not k.startswith("DULUAN_")}


def load_articles(url: str, limit: int) -> int:
    upgrade(url)
    source = Source.model_validate(
        {
            "id": "bench",
            "name": "Bench",
            "url": "http://127.0.0.1/",
            "scope": "national",
            "discovery": [{"kind": "rss", "url": "http://127.0.0.1/rss"}],
        }
    )
    now = datetime.now(UTC)
    with session_scope(url) as session, (CORPUS / "bench.jsonl").open(encoding="utf-8") as lines:
        repo.sync_sources(session, [source], now)
        for n, line in enumerate(lines):
            if n >= limit:
                break
            record = json.loads(line)
            repo.insert_article(
                session,
                RawArticle(
                    url=f"http://127.0.0.1/{n}",
                    canonical_url=f"http://127.0.0.1/{n}",
                    source_id="bench",
                    title=record["title"],
                    sapo=None,
                    text=record["text"],
                    author=None,
                    published_at=now,
                    fetched_at=now,
                ),
            )
    return limit


def annotate_rate(workers: int, limit: int) -> float:
    with scratch_database(ADMIN) as url:
        total = load_articles(url, limit)
        engine = create_engine(url)
        procs = [
            subprocess.Popen(
                [DULUAN, "--database-url", url, "worker", "annotate", "--batch", "10", "--exit-when-idle"],
                env=env(),
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            for _ in range(workers)
        ]
        claimed = select(func.count()).select_from(ArticleRow).where(ArticleRow.state != "new")
        done = select(func.count()).select_from(AnnotationRow)
        with engine.connect() as conn:
            while not conn.execute(claimed).scalar():
                time.sleep(0.05)
            start = time.perf_counter()
            while conn.execute(done).scalar() < total:
                time.sleep(0.05)
            elapsed = time.perf_counter() - start
        for proc in procs:
            proc.wait(60)
        engine.dispose()
    return total / elapsed


def crawl_rate(processes: int, pages: int) -> float:
    with scratch_database(ADMIN) as url, serve_generated(pages) as (base, site):
        upgrade(url)
        conf = Path(f"/tmp/duluan-bench-{uuid.uuid4().hex[:8]}")
        conf.mkdir()
        (conf / "sources.yaml").write_text(yaml.safe_dump({"sources": [source_for(base)]}), encoding="utf-8")
        (conf / "settings.yaml").write_text(
            "crawl_since_days: 36500\ndownload_delay: 0\nconcurrent_per_domain: 8\n", encoding="utf-8"
        )
        run_id = uuid.uuid4().hex
        call = [DULUAN, "--config", str(conf), "--database-url", url, "crawl", "--run-id", run_id]
        environment = {**env(), "DULUAN_REDIS_URL": REDIS}
        procs = [
            subprocess.Popen(call, env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            for _ in range(processes)
        ]
        while not any(p.startswith("/bai/") for p in list(site.hits)):
            time.sleep(0.02)
        start = time.perf_counter()
        while sum(1 for p in list(site.hits) if p.startswith("/bai/")) < pages:
            time.sleep(0.02)
        elapsed = time.perf_counter() - start
        for proc in procs:
            proc.wait(120)
    return pages / elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=400)
    parser.add_argument("--pages", type=int, default=1000)
    args = parser.parse_args()
    print(f"cores: {os.cpu_count()}")
    if (CORPUS / "bench.jsonl").exists():
        one, two = annotate_rate(1, args.articles), annotate_rate(2, args.articles)
        print(
            f"annotate ({args.articles} articles, PostgreSQL): 1 worker {one:.1f}/s, 2 workers {two:.1f}/s, "
            f"speed-up {two / one:.2f}x (goal 1.8x)"
        )
    else:
        print(f"annotate: skipped, no corpus at {CORPUS}")
    one, two = crawl_rate(1, args.pages), crawl_rate(2, args.pages)
    print(
        f"crawl ({args.pages} pages, Redis frontier): 1 process {one:.1f} pages/s, "
        f"2 processes {two:.1f} pages/s, speed-up {two / one:.2f}x (goal 1.8x)"
    )


if __name__ == "__main__":
    main()
