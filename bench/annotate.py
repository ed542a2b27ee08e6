"""Throughput of the full annotator beside raw underthesea word segmentation, in one run.

On the corpus's bench.jsonl (`$DULUAN_CORPUS` or ../shared/corpus; skipped when absent), with the same
texts and the same number of worker processes, measures articles per second of:
- raw `underthesea.word_tokenize` over each article's title and text (the cost floor), and
- `nlp.annotate` (prepare, topics by the rules and the shipped topic model, places, organisations, people,
  the tone model, hashes),
with 1 process and with every core. Models are loaded once per process (functools.cache) before the
clock starts; each worker reports its peak resident memory. Prints the ratios the goals are about:
annotate / raw at all cores (goal >= 0.6) and 2 processes / 1 (goal >= 1.8). Usage:

    python bench/annotate.py [--limit N] [--processes N] [--stages]
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import os
import resource
import sys
import time
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

from common import ROOT, corpus_dir  # noqa: F401 - first: puts the repository on the path

Article = tuple[str | None, str]
_barrier: Any = None


@cache
def _options() -> Any:
    from config import load_config
    from nlp.annotate import options_for

    return options_for(load_config({}, environ={}).topics.topics)


def _init(barrier: Any) -> None:
    """Load the models (cached for the process) before the clock starts, then wait for the others."""
    from underthesea import word_tokenize

    from nlp.annotate import annotate
    from nlp.schema import ArticleText

    word_tokenize("Khởi động mô hình tách từ.")
    annotate(
        ArticleText(id=0, title="Khởi động", sapo=None, text="Ô nhiễm tại xã Đồng Đăng."), options=_options()
    )
    barrier.wait()


Report = tuple[int, int, float]  # worker pid, its peak RSS (kB), CPU seconds of the task


def _raw(chunk: list[Article]) -> Report:
    from underthesea import word_tokenize

    cpu = time.process_time()
    for title, text in chunk:
        word_tokenize(f"{title}\n{text}" if title else text)
    return os.getpid(), resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, time.process_time() - cpu


def _annotate(chunk: list[Article]) -> Report:
    from nlp.annotate import annotate
    from nlp.schema import ArticleText

    options = _options()
    cpu = time.process_time()
    for n, (title, text) in enumerate(chunk):
        annotate(ArticleText(id=n, title=title, sapo=None, text=text), options=options)
    return os.getpid(), resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, time.process_time() - cpu


def run(
    work: Callable[[list[Article]], Report], articles: list[Article], processes: int
) -> tuple[float, float, dict[int, int]]:
    """(articles per second, articles per CPU second, peak RSS in MB per worker) of `work`."""
    ctx = mp.get_context("spawn")  # fresh workers: nothing inherited from this process
    barrier = ctx.Barrier(processes + 1)
    chunks = [articles[i : i + 8] for i in range(0, len(articles), 8)]
    with ctx.Pool(processes, initializer=_init, initargs=(barrier,)) as pool:
        barrier.wait()
        started = time.perf_counter()
        reports = pool.map(work, chunks, chunksize=1)
        elapsed = time.perf_counter() - started
    peaks: dict[int, int] = {}
    for pid, rss, _ in reports:
        peaks[pid] = max(peaks.get(pid, 0), rss // 1024)
    return len(articles) / elapsed, len(articles) / sum(r[2] for r in reports), peaks


def stages(articles: list[Article]) -> None:
    """Where one process spends its time, stage by stage."""
    from nlp.dedup import fingerprint
    from nlp.document import prepare
    from nlp.entities import find_entities
    from nlp.tone_model import decide
    from nlp.topic_model import tag_with_model

    options = _options()
    prepare(title="a", sapo=None, body="khởi động")
    spent = dict.fromkeys(
        (
            "prepare (normalise, clean, segment)",
            "topics",
            "entities",
            "tone (model, lexicon, rules)",
            "hashes",
        ),
        0.0,
    )
    names = list(spent)
    for title, text in articles:
        t0 = time.perf_counter()
        doc = prepare(title=title, sapo=None, body=text)
        t1 = time.perf_counter()
        tag_with_model(doc, options.rules, options.model)
        t2 = time.perf_counter()
        find_entities(doc)
        t3 = time.perf_counter()
        if options.tone is not None:
            decide(doc, options.rules, options.tone)
        t4 = time.perf_counter()
        fingerprint(f"{doc.sapo}\n{doc.body}")
        t5 = time.perf_counter()
        for name, value in zip(names, (t1 - t0, t2 - t1, t3 - t2, t4 - t3, t5 - t4), strict=True):
            spent[name] += value
    total = sum(spent.values())
    for name, value in spent.items():
        print(f"  {name:38} {value:6.2f} s  {value / total:5.1%}")


def model_load() -> None:
    """Time to load the topic model in effect (the shipped one here) from its file, cold cache."""
    import nlp.topic_model_file as topic_model_file

    topic_model_file._load.cache_clear()
    started = time.perf_counter()
    found = topic_model_file.resolve(None)
    elapsed = time.perf_counter() - started
    size = Path(found.source).stat().st_size / 1e6 if found.model is not None else 0.0
    print(
        f"topic model load: {elapsed:.2f} s (goal < 2 s) from {found.source} ({size:.1f} MB) {found.problem}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--limit", type=int, default=0, help="first N articles (default: all)")
    parser.add_argument("--repeat", type=int, default=1, help="runs of each measurement; the best counts")
    parser.add_argument("--processes", type=int, default=os.cpu_count() or 1, help="default: every core")
    parser.add_argument("--stages", action="store_true", help="also time each stage in this process")
    args = parser.parse_args(argv)
    path = corpus_dir() / "bench.jsonl"
    if not path.exists():
        print(f"corpus not found at {path.parent}: skipping the annotate benchmark")
        return 0
    with path.open(encoding="utf-8") as handle:
        rows = [json.loads(line) for line in handle if line.strip()]
    articles: list[Article] = [(r.get("title"), r["text"]) for r in rows][: args.limit or None]
    chars = sum(len(t or "") + len(x) for t, x in articles)
    print(f"{len(articles)} articles, {chars / 1e6:.1f} M characters; {os.cpu_count()} cores")
    print(f"load average before: {os.getloadavg()[0]:.2f} (other work on the machine lowers every figure)")
    model_load()
    results: dict[tuple[str, int], float] = {}
    cpu_rates: dict[str, float] = {}
    for processes in sorted({1, args.processes}):
        for _ in range(args.repeat):  # interleaved, best of `repeat`: the baseline sees the same load
            for name, work in (("raw word_tokenize", _raw), ("annotate", _annotate)):
                rate, per_cpu, peaks = run(work, articles, processes)
                memory = ", ".join(f"{mb} MB" for mb in peaks.values())
                print(
                    f"{name:18} {processes} process(es): {rate:6.1f} articles/s "
                    f"({rate * chars / len(articles) / 1000:4.0f} k chars/s; {per_cpu:5.1f} per CPU second)  "
                    f"peak RSS per process: {memory}"
                )
                results[(name, processes)] = max(rate, results.get((name, processes), 0.0))
                cpu_rates[name] = max(per_cpu, cpu_rates.get(name, 0.0))
    print(f"load average after: {os.getloadavg()[0]:.2f}; best of {args.repeat} runs:")
    n = args.processes
    print(
        f"annotate / raw segmentation per CPU second (insensitive to other load): "
        f"{cpu_rates['annotate'] / cpu_rates['raw word_tokenize']:.2f}"
    )
    ratio = results[("annotate", n)] / results[("raw word_tokenize", n)]
    print(f"annotate / raw segmentation at {n} processes: {ratio:.2f} (goal >= 0.6)")
    if n > 1:
        for name in ("raw word_tokenize", "annotate"):
            scaling = results[(name, n)] / results[(name, 1)]
            print(f"{name}: {n} processes / 1 process = {scaling:.2f} (goal >= 1.8)")
    if args.stages:
        print("time per stage (one process):")
        stages(articles[:300])
    return 0


if __name__ == "__main__":
    sys.exit(main())
