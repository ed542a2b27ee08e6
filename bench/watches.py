"""Watched subjects benchmark: the cost of matching 1,000 active watches beside annotation, and the
back-fill of one new watch over 200,000 stored articles (SQLite and PostgreSQL).

1. Annotate overhead (SQLite, one process): `--annotate` corpus articles (bench.jsonl) are stored, then
   annotated batch by batch as the annotate job does (`annotate_chunk` + `save_annotation`), and after
   each batch the live matcher runs (`annotate.watches.match_annotated`: active watches read, compiled
   once and cached, every article matched against all of them, matches stored). Both are timed in the
   same run, on the same batches; the first batch (model loading) is left out of both. The 1,000
   watches are queries drawn from the corpus's own words: phrases of 2–3 words, phrase AND word,
   phrase OR phrase, phrase NOT word, prefixes, some with a topic or scope filter.
2. Back-fill: 200,000 articles (bench/search_data.py, as bench/search.py stores them) per backend, then
   `storage.watches.backfill` of a new watch for each of several subject queries (a rare phrase, named
   subjects, a broad word), each on a fresh watch, median of `--repeat` runs.

Without the corpus the script says so and exits 0. Usage:

    python bench/watches.py [--watches 1000] [--annotate 300] [--articles 200000] \\
        [--backends sqlite,postgresql]
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from collections import Counter
from datetime import UTC, date, datetime
from pathlib import Path

import numpy as np
from common import ROOT, corpus_dir  # noqa: F401 - first: puts the repository on the path
from search import _prepare, database, storage_ingest
from search import annotate as bench_annotate
from search_data import BaseDoc, article, corpus_file, load_docs, rare_word
from sqlalchemy import text

from config import load_config
from nlp.annotate import ANNOTATOR_VERSION, options_for
from pipeline.annotate.batch import annotate_chunk, article_text
from pipeline.annotate.watches import match_annotated
from storage import articles as repo
from storage import watches as watch_repo
from storage.db import get_engine, session_scope, upgrade
from storage.search_query import index_text
from storage.watches import WatchDraft

NOW = datetime.now(UTC)
TOPICS = ("an_ninh_trat_tu", "y_te_thuc_pham", "gia_ca_thi_truong", "bo_may_hanh_chinh", "an_sinh_xa_hoi")


class Phrases:
    """Phrases of the corpus's own words, each holding a word found in at most 1 % of the documents:
    the named projects, cases and places a watch follows, not "cua cac"."""

    def __init__(self, docs: list[BaseDoc], rng: random.Random) -> None:
        self.rng = rng
        self.words = [index_text(d.title, *d.paragraphs).split() for d in docs]
        df: Counter[str] = Counter()
        for ws in self.words:
            df.update(set(ws))
        limit = max(2, len(docs) // 100)
        self.specific = {w for w, n in df.items() if n <= limit and len(w) >= 3 and w.isalpha()}

    def __call__(self, n: int) -> str:
        while True:
            words = self.words[self.rng.randrange(len(self.words))]
            if len(words) < n + 1:
                continue
            i = self.rng.randrange(len(words) - n)
            chunk = words[i : i + n]
            if all(w.isalpha() for w in chunk) and any(w in self.specific for w in chunk):
                return '"' + " ".join(chunk) + '"'

    def word(self) -> str:
        while True:
            words = self.words[self.rng.randrange(len(self.words))]
            w = words[self.rng.randrange(len(words))] if words else ""
            if w in self.specific:
                return w


def watch_queries(docs: list[BaseDoc], count: int, seed: int = 15) -> list[tuple[str, dict[str, object]]]:
    """`count` watch queries made of the corpus's own words, in the shapes analysts write."""
    rng = random.Random(seed)
    phrase = Phrases(docs, rng)
    out = []
    for k in range(count):
        shape = k % 10
        p = phrase(2 + rng.randrange(2))
        if shape < 4:
            q = p
        elif shape < 6:
            q = f"{p} {phrase.word()}"
        elif shape < 8:
            q = f"{p} OR {phrase(2)}"
        elif shape == 8:
            q = f"{p} -{phrase.word()}"
        else:
            word = phrase.word()
            q = f"{p} OR {word[: max(4, len(word) - 2)]}*"
        filters: dict[str, object] = {}
        if k % 7 == 0:
            filters["topics"] = [TOPICS[rng.randrange(len(TOPICS))]]
        elif k % 11 == 0:
            filters["scope"] = "national"
        out.append((q, filters))
    return out


def _watch(session: object, query: str, filters: dict[str, object], i: int) -> watch_repo.Watch:
    draft = WatchDraft(
        name=f"bench {i}", owner="ubnd", query=query, filters=filters, start_day=date(2020, 1, 1)
    )
    return watch_repo.create_watch(session, draft, by="bench", now=NOW)  # type: ignore[arg-type]


def annotate_overhead(args: argparse.Namespace, docs: list[BaseDoc], workdir: Path) -> None:
    url = f"sqlite:///{workdir / 'annotate.db'}"
    app = load_config({"data_dir": workdir / "var", "database_url": url}, environ={})
    upgrade(url)
    _prepare(url)
    with session_scope(url) as session:
        repo.insert_articles(session, [article(docs, n).raw for n in range(args.annotate)])
        for i, (q, f) in enumerate(watch_queries(docs, args.watches)):
            _watch(session, q, f, i)
    topics = tuple(app.topics.topics)
    options_for(topics, app.settings.model_dir)
    nlp_s = watch_s = 0.0
    matches = articles = batches = 0
    after = 0
    while True:
        with session_scope(url) as session:
            batch = repo.pending_articles(session, args.batch, after_id=after)
        if not batch:
            break
        after = batch[-1].id
        t0 = time.perf_counter()
        results = annotate_chunk(topics, app.settings.model_dir, [article_text(a) for a in batch])
        with session_scope(url) as session:
            for a, note in zip(batch, results, strict=True):
                repo.save_annotation(session, a.id, note, dup_of=None, version=ANNOTATOR_VERSION, now=NOW)
        t1 = time.perf_counter()
        with session_scope(url) as session:
            found = match_annotated(app, session, list(zip(batch, results, strict=True)))
        t2 = time.perf_counter()
        batches += 1
        if batches == 1:
            continue  # model loading and the first compile: left out of both
        nlp_s += t1 - t0
        watch_s += t2 - t1
        matches += found
        articles += len(batch)
    print(f"\n== annotate overhead: {args.watches:,} active watches, {articles} articles timed (SQLite)")
    print(f"annotate (NLP + store)  : {1000 * nlp_s / articles:8.2f} ms/article")
    print(f"watch matching (+store) : {1000 * watch_s / articles:8.2f} ms/article ({matches} matches)")
    print(f"overhead                : {100 * watch_s / nlp_s:8.2f} %   (goal <= 10 %)")


BACKFILL_QUERIES = [
    ("rare phrase", '"{rare}"', {}),
    ("named subject", '"tai nan giao thong" "quoc lo"', {}),
    ("case", '"khoi to" "lua dao"', {}),
    ("policy, OR", '"bao hiem xa hoi" OR "bao hiem y te"', {}),
    ("topic filter", '"ma tuy"', {"topics": ["an_ninh_trat_tu"]}),
    ("broad word", '"chung khoan"', {}),
]


def backfill_times(
    backend: str, args: argparse.Namespace, docs: list[BaseDoc], rare: str, work: Path
) -> None:
    with database(backend, work, args.pg_url, "watches") as url:
        print(f"[{backend}] storing {args.articles:,} articles…", flush=True)
        storage_ingest(url, docs, args.articles, 1000)
        bench_annotate(url, docs, args.articles, 1000)
        with get_engine(url).begin() as conn:
            conn.execute(text("ANALYZE"))
        rows = []
        for label, template, filters in BACKFILL_QUERIES:
            query = template.format(rare=rare)
            runs, found = [], 0
            for r in range(args.repeat + 1):
                with session_scope(url) as session:
                    watch = _watch(session, query, dict(filters), r)
                with session_scope(url) as session:
                    start = time.perf_counter()
                    found = watch_repo.backfill(
                        session, watch, since=datetime(2020, 1, 1, tzinfo=UTC), now=NOW
                    )
                    session.commit()
                    elapsed = time.perf_counter() - start
                if r:  # the first run warms the caches
                    runs.append(elapsed)
            rows.append((label, query, filters, found, float(np.median(runs)), max(runs)))
    print(f"\n== back-fill of one new watch over {args.articles:,} articles: {backend}")
    for label, query, filters, found, median, worst in rows:
        extra = f" {filters}" if filters else ""
        print(f"  {median:7.3f} s (max {worst:.3f})  {found:6,d} matches  {label:13s} {query}{extra}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--watches", type=int, default=1000)
    parser.add_argument("--annotate", type=int, default=300, help="articles annotated in part 1")
    parser.add_argument("--batch", type=int, default=20)
    parser.add_argument("--articles", type=int, default=200_000)
    parser.add_argument("--backends", default="sqlite,postgresql")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--skip-annotate", action="store_true")
    parser.add_argument("--workdir", type=Path, default=None)
    parser.add_argument("--pg-url", default="postgresql+psycopg://postgres@127.0.0.1:5432/test")
    args = parser.parse_args()
    path = corpus_file()
    if not path.exists():
        print(f"corpus not found at {path} (set DULUAN_CORPUS): nothing to measure")
        return 0
    docs = load_docs(path)
    rare = rare_word(docs)
    with tempfile.TemporaryDirectory(dir=args.workdir) as tmp:
        work = Path(tmp)
        if not args.skip_annotate:
            annotate_overhead(args, docs, work)
        for backend in [b.strip() for b in args.backends.split(",") if b.strip()]:
            backfill_times(backend, args, docs, rare, work)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
