"""Extraction accuracy and speed on the corpus's saved Dân trí pages, beside plain trafilatura.

For every page with ground truth (`html/dantri/gt/`), in the same run: duluan with the site's
selectors (config/sources.yaml, source `dantri`), duluan's generic path (no selectors), and
trafilatura's plain `extract()`. Prints per-page sapo+body token F1, title and date checks, then the
mean/min F1, exact titles, right dates and milliseconds per page of each.

The corpus is `$DULUAN_CORPUS` or `../shared/corpus` next to the project; when it is absent the
script says so and exits 0. Usage:

    python bench/extract.py [--repeat N]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from config import load_config  # noqa: E402
from crawlers.extract import extract  # noqa: E402
from crawlers.extract_eval import GtPage, PageScore, gt_pages, score, score_text  # noqa: E402


def corpus_dir() -> Path:
    env = os.environ.get("DULUAN_CORPUS")
    return Path(env) if env else ROOT.parent / "shared" / "corpus"


def _timed(
    pages: list[GtPage], run: Callable[[GtPage, str], PageScore], repeat: int
) -> tuple[list[PageScore], float]:
    htmls = {p.name: p.html_path.read_text(encoding="utf-8") for p in pages}
    scores: list[PageScore] = []
    start = time.perf_counter()
    for _ in range(repeat):
        scores = [run(p, htmls[p.name]) for p in pages]
    per_page_ms = (time.perf_counter() - start) * 1000 / (repeat * len(pages))
    return scores, per_page_ms


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--repeat", type=int, default=3, help="runs over the pages for the timing (default 3)"
    )
    args = parser.parse_args(argv)
    site = corpus_dir() / "html" / "dantri"
    pages = list(gt_pages(site)) if (site / "gt").is_dir() else []
    if not pages:
        print(f"corpus pages not found at {site}: nothing to measure")
        return 0
    selectors = next(s for s in load_config(environ={}).sources.sources if s.id == "dantri").selectors

    import trafilatura

    runs: dict[str, Callable[[GtPage, str], PageScore]] = {
        "duluan selectors": lambda p, html: score(p, extract(html, p.url, selectors)),
        "duluan generic": lambda p, html: score(p, extract(html, p.url, None)),
        "trafilatura extract()": lambda p, html: score_text(p, trafilatura.extract(html, url=p.url)),
    }
    results = {name: _timed(pages, run, args.repeat) for name, run in runs.items()}

    names = list(results)
    print(f"{len(pages)} pages from {site}\n")
    print(f"{'page':<48}" + "".join(f"{n:>24}" for n in names))
    for i, page in enumerate(pages):
        cells = []
        for name in names:
            s = results[name][0][i]
            flags = (
                ""
                if name.startswith("trafilatura")
                else (" T" if s.title_ok else " -") + ("D" if s.date_ok else "-")
            )
            cells.append(f"{s.f1:>21.4f}{flags:>3}")
        print(f"{page.name.split('/')[-1][:46]:<48}" + "".join(cells))
    print("\n(T = title exact, D = publication day right)\n")
    print(f"{'':<24}{'mean F1':>10}{'min F1':>10}{'titles':>10}{'dates':>10}{'ms/page':>10}")
    for name in names:
        scores, ms = results[name]
        f1s = [s.f1 for s in scores]
        text_only = name.startswith("trafilatura")
        titles = "—" if text_only else f"{sum(s.title_ok for s in scores)}/{len(scores)}"
        dates = "—" if text_only else f"{sum(s.date_ok for s in scores)}/{len(scores)}"
        print(f"{name:<24}{statistics.mean(f1s):>10.4f}{min(f1s):>10.4f}{titles:>10}{dates:>10}{ms:>10.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
