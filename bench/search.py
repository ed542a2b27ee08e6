"""Search benchmark: ingest rate beside a raw executemany insert, and the latency of 20 analyst queries.

For each backend, in one run:
1. raw baseline: the article rows (values computed beforehand, untimed) inserted with the DB-API's
   `executemany` into a fresh database at the same schema (FTS triggers / generated tsvector included);
2. our path: the same articles through `storage.articles.insert_article` (folding, hashing, SQLAlchemy),
   `--batch` articles per transaction, into another fresh database;
3. annotations for the filters (untimed), then 20 typical analyst queries through `storage.search.search`
   (limit 20, snippets included), each run once to warm up and then `--repeat` times; per query its
   median and max, the plan's key numbers (bench/search_explain.py), and the whole
   `EXPLAIN (ANALYZE, BUFFERS)` (SQLite: `EXPLAIN QUERY PLAN`) of the slowest three.

`--load bulk` skips 1. and 2. and bulk-loads the articles for the latency part (bench/search_load.py:
COPY on PostgreSQL, the GIN index built once at the end), which is how the 1,000,000-article run is made.

The articles are variations of ../shared/corpus/bench.jsonl (bench/search_data.py); without the corpus
the script says so and exits 0. Usage:

    python bench/search.py [--articles 200000] [--backends sqlite,postgresql] [--repeat 5]
    python bench/search.py --articles 1000000 --backends postgresql --load bulk
    python bench/search.py --articles 1000000 --backends postgresql --keep   # load once, measure often
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np
from common import ROOT, corpus_dir  # noqa: F401 - first: puts the repository on the path
from pg import scratch_database
from search_data import TONES, BaseDoc, BenchArticle, article, batches, corpus_file, load_docs, rare_word
from search_explain import explain, key_numbers, render
from search_load import load
from search_queries import queries
from sqlalchemy import insert, select, text
from sqlalchemy.engine import make_url

from storage.articles import article_values, insert_article, insert_articles, sync_sources
from storage.db import dispose_engines, get_engine, session_scope, upgrade
from storage.models import AnnotationRow, ArticleRow, ArticleTopicRow
from storage.search import SearchFilters, search


class _Source:
    def __init__(self, source_id: str) -> None:
        self.id, self.name, self.url, self.scope = source_id, source_id, f"https://{source_id}/", "national"


SOURCE_IDS = ("vnexpress", "tuoitre", "thanhnien", "nld")


@contextmanager
def database(backend: str, workdir: Path, pg_admin: str, name: str) -> Iterator[str]:
    if backend == "sqlite":
        yield f"sqlite:///{workdir / (name + '.db')}"
        dispose_engines()
        return
    with scratch_database(pg_admin, f"duluan_bench_{name}") as url:
        yield url


def kept_database(backend: str, workdir: Path, pg_admin: str, n: int) -> str:
    """A database kept between runs (`--keep`): SQLite file or PostgreSQL database named by size."""
    name = f"duluan_bench_kept_{n}"
    if backend == "sqlite":
        workdir.mkdir(parents=True, exist_ok=True)
        return f"sqlite:///{workdir / (name + '.db')}"
    admin = get_engine(pg_admin).execution_options(isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        if not conn.scalar(text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": name}):
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    return make_url(pg_admin).set(database=name).render_as_string(hide_password=False)


def stored_articles(url: str) -> int:
    with get_engine(url).connect() as conn:  # the schema is upgraded first (_prepare)
        return int(conn.scalar(text("SELECT count(*) FROM articles")) or 0)


def _prepare(url: str) -> None:
    upgrade(url)
    with session_scope(url) as session:
        sync_sources(session, [_Source(s) for s in SOURCE_IDS], datetime.now(UTC))


def _raw_row(backend: str, article: BenchArticle) -> dict[str, Any]:
    row = article_values(article.raw)
    row["tags"] = json.dumps(row["tags"])
    if backend == "sqlite":  # the text form SQLAlchemy stores in SQLite
        for key in ("published_at", "fetched_at"):
            row[key] = row[key].astimezone(UTC).replace(tzinfo=None).isoformat(" ", "microseconds")
    return row


def raw_ingest(backend: str, url: str, docs: list[BaseDoc], total: int, size: int) -> float:
    """Seconds spent in executemany + commit (row values are computed outside the clock)."""
    _prepare(url)
    columns = list(_raw_row(backend, next(batches(docs, 1, 1))[0]))
    marks = [f":{c}" if backend == "sqlite" else f"%({c})s" for c in columns]
    sql = f"INSERT INTO articles ({', '.join(columns)}) VALUES ({', '.join(marks)})"
    connection = get_engine(url).raw_connection()
    timed = 0.0
    try:
        for batch in batches(docs, total, size):
            rows = [_raw_row(backend, a) for a in batch]
            start = time.perf_counter()
            cursor = connection.cursor()
            cursor.executemany(sql, rows)
            connection.commit()
            timed += time.perf_counter() - start
    finally:
        connection.close()
    return timed


def storage_ingest(url: str, docs: list[BaseDoc], total: int, size: int) -> float:
    """Seconds spent in storage.articles.insert_articles + commit, `size` articles per transaction."""
    _prepare(url)
    timed = 0.0
    for batch in batches(docs, total, size):
        raws = [a.raw for a in batch]
        start = time.perf_counter()
        with session_scope(url) as session:
            insert_articles(session, raws)
        timed += time.perf_counter() - start
    return timed


def crawler_ingest(url: str, docs: list[BaseDoc], first: int, count: int) -> float:
    """Seconds for `count` more articles stored as the crawler stores them: insert_article, one
    transaction each (storage.articles; crawlers/pipelines.py StorePipeline)."""
    timed = 0.0
    for raw in [article(docs, n).raw for n in range(first, first + count)]:
        start = time.perf_counter()
        with session_scope(url) as session:
            insert_article(session, raw)
        timed += time.perf_counter() - start
    return timed


def annotate(url: str, docs: list[BaseDoc], total: int, size: int) -> None:
    """Annotations and topics derived from the corpus category (untimed; filters need them)."""
    now = datetime.now(UTC)
    with get_engine(url).begin() as conn:
        ids = {link: int(i) for link, i in conn.execute(select(ArticleRow.url, ArticleRow.id))}
        for batch in batches(docs, total, size):
            notes, topics = [], []
            for a in batch:
                article_id = ids[a.raw.url]
                notes.append(
                    {
                        "article_id": article_id,
                        "annotated_at": now,
                        "annotator_version": "bench",
                        "places": ["Lạng Sơn"] if a.local else [],
                        "organisations": [],
                        "tone": a.tone,
                        "tone_score": float(TONES.index(a.tone) - 1),
                        "local": a.local,
                        "local_score": 0.9 if a.local else 0.0,
                        "key_terms": [],
                    }
                )
                if a.topic:
                    topics.append(
                        {"article_id": article_id, "topic_id": a.topic, "score": 5.0, "evidence": []}
                    )
            conn.execute(insert(AnnotationRow), notes)
            if topics:
                conn.execute(insert(ArticleTopicRow), topics)


Timing = tuple[str, str, list[float], int, str, str]  # label, query, runs (ms), hits, key numbers, plans


def time_queries(url: str, plan: list[tuple[str, str, SearchFilters | None]], repeat: int) -> list[Timing]:
    out = []
    with session_scope(url) as session:
        for label, query, filters in plan:
            hits = search(session, query, filters=filters)  # warm-up
            runs = []
            for _ in range(repeat):
                start = time.perf_counter()
                search(session, query, filters=filters)
                runs.append((time.perf_counter() - start) * 1000)
            statements = explain(session, query, filters)  # after the timed runs: no effect on them
            out.append((label, query, runs, len(hits), key_numbers(statements), render(statements)))
    return out


def _db_size(url: str) -> str:
    if url.startswith("sqlite"):
        path = Path(make_url(url).database or "")
        size = sum(p.stat().st_size for p in path.parent.glob(path.name + "*"))
    else:
        with get_engine(url).connect() as conn:
            size = int(conn.scalar(text("SELECT pg_database_size(current_database())")) or 0)
    return f"{size / 1e6:,.0f} MB"


def _load_average() -> str:
    try:
        return "load average " + " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "load average unknown"


def _vacuum_analyze(url: str) -> None:
    """What autovacuum would have done after the load (PostgreSQL: also the visibility map)."""
    with get_engine(url).connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.execute(text("VACUUM ANALYZE" if url.startswith("postgresql") else "ANALYZE"))


def run_backend(backend: str, args: argparse.Namespace, docs: list[BaseDoc], rare: str) -> float:
    """Run one backend's part and print it; returns the query p95 (ms)."""
    n, size = args.articles, args.batch
    say: Callable[[str], None] = lambda msg: print(f"[{backend}] {msg} ({_load_average()})", flush=True)  # noqa: E731
    raw_s = ours_s = per_row_s = load_s = 0.0
    if args.keep:
        url = kept_database(backend, args.workdir or Path("var/bench"), args.pg_url, n)
        _prepare(url)
        if stored_articles(url) != n:
            if stored_articles(url):
                raise SystemExit(f"{url}: holds a different number of articles; drop it first")
            say(f"bulk load of {n:,} articles with annotations into a kept database (untimed)…")
            load_s = load(url, docs, n, say)
            _vacuum_analyze(url)
        else:
            say(f"reusing the kept database of {n:,} articles")
        say(f"{len(queries(rare))} queries x {args.repeat} runs…")
        timings = time_queries(url, queries(rare), args.repeat)
        size_text = _db_size(url)
        dispose_engines()
        return report(backend, args, timings, size_text, raw_s, ours_s, per_row_s, load_s)
    with tempfile.TemporaryDirectory(dir=args.workdir) as tmp:
        work = Path(tmp)
        if args.load == "ingest":
            with database(backend, work, args.pg_url, "raw") as url:
                say(f"raw executemany of {n:,} rows…")
                raw_s = raw_ingest(backend, url, docs, n, size)
        with database(backend, work, args.pg_url, "storage") as url:
            if args.load == "ingest":
                say(f"insert_articles of {n:,} articles…")
                ours_s = storage_ingest(url, docs, n, size)
                say(f"insert_article of {args.per_row:,} more, one transaction each…")
                per_row_s = crawler_ingest(url, docs, n, args.per_row) if args.per_row else 0.0
                say("annotations for the filters (untimed)…")
                annotate(url, docs, n, size)
            else:
                say(f"bulk load of {n:,} articles with annotations (untimed for the goals)…")
                _prepare(url)
                load_s = load(url, docs, n, say)
            _vacuum_analyze(url)
            say(f"{len(queries(rare))} queries x {args.repeat} runs…")
            timings = time_queries(url, queries(rare), args.repeat)
            size_text = _db_size(url)
    return report(backend, args, timings, size_text, raw_s, ours_s, per_row_s, load_s)


def report(
    backend: str,
    args: argparse.Namespace,
    timings: list[Timing],
    size_text: str,
    raw_s: float,
    ours_s: float,
    per_row_s: float,
    load_s: float,
) -> float:
    """Print one backend's figures; returns the query p95 (ms)."""
    n, size = args.articles, args.batch
    all_runs = np.array([ms for _, _, runs, _, _, _ in timings for ms in runs])
    p50, p95 = np.percentile(all_runs, 50), np.percentile(all_runs, 95)
    print(f"\n== {backend}: {n:,} articles, database {size_text}, {_load_average()}")
    if raw_s:
        print(f"ingest raw executemany : {n / raw_s:8,.0f} articles/s ({raw_s:.1f} s)")
        print(
            f"ingest insert_articles : {n / ours_s:8,.0f} articles/s ({ours_s:.1f} s), {size} per transaction"
        )
        print(f"ratio ours / raw       : {raw_s / ours_s:8.2f}   (goal >= 0.5)")
        if per_row_s:
            print(f"insert_article, 1/tx   : {args.per_row / per_row_s:8,.0f} articles/s (the crawler's way)")
    elif load_s:
        how = "COPY, GIN index included" if backend == "postgresql" else "executemany, FTS5 triggers"
        print(f"bulk load              : {n / load_s:8,.0f} articles/s ({load_s:.1f} s, {how})")
    print(
        f"query latency          : p50 {p50:.1f} ms, p95 {p95:.1f} ms, max {all_runs.max():.1f} ms"
        + ("   (goals: p95 < 50 ms at 200k; < 100 ms and max < 150 ms at 1M)")
    )
    print("  median      max  hits  query                                   plan (one run, EXPLAIN ANALYZE)")
    for label, query, runs, hits, numbers, _ in timings:
        print(f"  {np.median(runs):6.1f} ms {max(runs):6.1f} ms {hits:3d}  {label:13s} {query:25s} {numbers}")
    slowest = sorted(timings, key=lambda t: -float(np.median(t[2])))[:3]
    for label, query, runs, _, _, plans in slowest:
        print(f"\n  -- slowest: {label} {query} ({np.median(runs):.1f} ms)\n{plans}")
    return float(p95)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=200_000)
    parser.add_argument("--backends", default="sqlite,postgresql")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--batch", type=int, default=1000, help="articles per transaction")
    parser.add_argument("--per-row", type=int, default=2000, help="articles then stored one per transaction")
    parser.add_argument("--workdir", type=Path, default=None, help="folder for the SQLite files")
    parser.add_argument("--pg-url", default="postgresql+psycopg://postgres@127.0.0.1:5432/test")
    parser.add_argument(
        "--load",
        choices=("ingest", "bulk"),
        default="ingest",
        help="ingest: time raw and our ingest, query our database; bulk: COPY the articles, latency only",
    )
    parser.add_argument(
        "--keep",
        action="store_true",
        help="bulk-load into a database kept between runs (var/bench or --workdir; PostgreSQL: "
        "duluan_bench_kept_N) and reuse it when it already holds --articles articles",
    )
    args = parser.parse_args()
    path = corpus_file()
    if not path.exists():
        print(f"corpus not found at {path} (set DULUAN_CORPUS): nothing to measure")
        return 0
    docs = load_docs(path)
    rare = rare_word(docs)
    p95 = {b.strip(): run_backend(b.strip(), args, docs, rare) for b in args.backends.split(",")}
    if {"sqlite", "postgresql"} <= p95.keys():
        ratio = p95["postgresql"] / p95["sqlite"]
        print(f"\nPostgreSQL p95 / SQLite p95: {ratio:.2f}   (goal <= 1.5)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
