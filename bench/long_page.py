"""Peak memory and time of annotating the longest article duluan stores, with and without the analysis bound.

The crawler stores at most `max_article_chars` characters of an article's text (100,000 by default: a
1.1 MB page's 416k-character body is cut there), and the annotator analyses at most `analysis_max_chars`
of it (30,000). Each case runs in a fresh process (so its peak resident memory, ru_maxrss, is its own):
- `short`: one ordinary article (the models loaded: the floor every worker pays);
- `bounded`: the longest stored text (max_article_chars) with the default analysis bound;
- `unbounded`: the same text analysed whole (analysis_max_chars = max_article_chars);
- `bounded_flat`: the same text as one paragraph (no line breaks, the worst case for segmentation), bounded;
- `before` (with --before): a 416,000-character text stored and analysed whole, as before both bounds.
The long text is made of real articles of the corpus's bench.jsonl joined end to end ($DULUAN_CORPUS or
../shared/corpus; skipped when absent). Usage:

    python bench/long_page.py [--chars N]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time

from common import ROOT, corpus_dir  # noqa: F401 - first: puts the repository on the path

BEFORE_CHARS = 416_000  # the body of the 1.1 MB page of issue 14, stored whole before the bound


def long_text(chars: int) -> tuple[str, str]:
    """(title, text of about `chars` characters) from the bench articles joined end to end."""
    parts: list[str] = []
    total, title = 0, ""
    with (corpus_dir() / "bench.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            title = title or record.get("title") or ""
            text = record.get("text") or ""
            parts.append(text)
            total += len(text) + 1
            if total >= chars:
                break
    return title, "\n".join(parts)[:chars]


def child(case: str, chars: int) -> None:
    from config import load_config
    from nlp.annotate import annotate, options_for
    from nlp.schema import ArticleText
    from nlp.text import head

    app = load_config(environ={})
    s = app.settings
    stored = BEFORE_CHARS if case == "before" else min(chars, s.max_article_chars)
    title, text = long_text(stored if case != "short" else 3_000)
    text = head(text, stored)
    if case == "bounded_flat":
        text = text.replace("\n", " ")
    limit = {"unbounded": s.max_article_chars, "before": BEFORE_CHARS}.get(case, s.analysis_max_chars)
    options = options_for(app.topics.topics, max_chars=limit)
    start = time.perf_counter()
    result = annotate(ArticleText(id=1, title=title, sapo=None, text=text), options=options)
    seconds = time.perf_counter() - start
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    out = {"case": case, "chars": len(text), "analysed": min(len(text), limit), "seconds": round(seconds, 2)}
    out |= {"peak_rss_mb": round(peak_mb), "topics": [t.topic_id for t in result.topics][:3]}
    print(json.dumps(out, ensure_ascii=False))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chars", type=int, default=10**9, help="text length (capped at max_article_chars)")
    parser.add_argument("--before", action="store_true", help="also the 416k-character text analysed whole")
    parser.add_argument("--case", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.case:
        child(args.case, args.chars)
        return
    if not (corpus_dir() / "bench.jsonl").exists():
        print(f"skipped: no {corpus_dir() / 'bench.jsonl'}")
        return
    print(f"load average: {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f} {os.getloadavg()[2]:.2f}")
    results = {}
    for case in ("short", "bounded", "bounded_flat", "unbounded", *(("before",) if args.before else ())):
        done = subprocess.run(
            [sys.executable, __file__, "--case", case, "--chars", str(args.chars)],
            capture_output=True,
            text=True,
            check=True,
        )
        results[case] = json.loads(done.stdout.strip().splitlines()[-1])
        print(json.dumps(results[case], ensure_ascii=False))
    b, u, s = results["bounded"], results["unbounded"], results["short"]
    print(
        f"bounded / unbounded: peak RSS {b['peak_rss_mb'] / u['peak_rss_mb']:.2f}x, "
        f"time {b['seconds'] / max(u['seconds'], 0.01):.2f}x; "
        f"over the models-loaded floor: {b['peak_rss_mb'] - s['peak_rss_mb']} MB bounded, "
        f"{u['peak_rss_mb'] - s['peak_rss_mb']} MB unbounded"
    )
    if "before" in results:
        print(f"before the bounds (416k characters analysed): {results['before']['peak_rss_mb']} MB peak")
    print(f"load average: {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f} {os.getloadavg()[2]:.2f}")


if __name__ == "__main__":
    main()
