"""Extraction accuracy and speed on saved real pages, beside plain trafilatura, in one run.

Two page sets of the corpus (each skipped when absent): the Dân trí pages with ground truth
(`html/dantri/gt/`) and the fundus test pages (`fundus/`, 257 pages of 180 publishers). Per page and
per publisher, for each extractor: lead+body token F1, title exact, publication time to the minute
(to the day where only a day is expected), CPU milliseconds per page (after a warm-up page). Extractors:

* `generic` — duluan's generic path (`extract(html, url)` without selectors);
* `selectors` — duluan with the site's selectors, where a configured source has them (Dân trí);
* `trafilatura` — plain `trafilatura.extract()` for body and time; its title and day come from
  `trafilatura.extract_metadata()` (not timed: extract() does not compute them);
* `generic-nocap` — the generic path without the image captions it puts back: fundus's expected
  bodies leave captions out, the Dân trí ground truth (and the crawler) keeps them.

The fundus publishers are split in two fixed halves (`bench.extract_eval.held_out`): `tune` and
`held` (never tuned on); both are reported. The corpus is `$DULUAN_CORPUS` or `../shared/corpus`.

    python bench/extract.py [--set dantri|fundus|all] [--pages] [--tsv FILE]
"""

from __future__ import annotations

import argparse
import csv
import statistics
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from common import ROOT, corpus_dir  # noqa: F401 - first: puts the repository on the path

from bench.extract_eval import (
    GtPage,
    PageScore,
    fundus_pages,
    gt_pages,
    held_out,
    score,
    score_parts,
)
from config import load_config
from config.models import Selectors
from crawlers.dates import parse_iso
from crawlers.extract import extract
from crawlers.urls import source_for_url

EXTRACTORS = ("generic", "selectors", "trafilatura", "generic-nocap")


@dataclass(frozen=True)
class Row:
    page: GtPage
    half: str  # "tune" | "held" | "" (Dân trí)
    scores: dict[str, PageScore]
    ms: dict[str, float]


def _timed(fn: Callable[[], Any]) -> tuple[Any, float]:
    """The result and the CPU milliseconds of this process it took (steadier than wall time on a
    shared machine; extraction does no I/O)."""
    start = time.process_time()
    result = fn()
    return result, (time.process_time() - start) * 1000


def _trafilatura_meta(html: str, url: str) -> tuple[str | None, date | datetime | None]:
    from trafilatura import extract_metadata

    meta = extract_metadata(html, default_url=url or None)
    if meta is None:
        return None, None
    found = parse_iso(meta.date).date() if meta.date and parse_iso(meta.date) else None
    return meta.title, found


def measure(pages: list[GtPage], selectors_of: Callable[[str], Selectors | None]) -> list[Row]:
    import trafilatura

    rows = []
    if pages:  # warm-up: first calls load libraries and build caches
        html = pages[0].html()
        extract(html, pages[0].url, None)
        trafilatura.extract(html, url=pages[0].url or None)
    for page in pages:
        html = page.html()
        scores: dict[str, PageScore] = {}
        ms: dict[str, float] = {}
        found, ms["generic"] = _timed(lambda: extract(html, page.url, None))  # noqa: B023
        scores["generic"] = score(page, found)
        selectors = selectors_of(page.url) if page.url else None
        if selectors is not None:
            found, ms["selectors"] = _timed(lambda: extract(html, page.url, selectors))  # noqa: B023
            scores["selectors"] = score(page, found)
        found, ms["generic-nocap"] = _timed(lambda: extract(html, page.url, None, captions=False))  # noqa: B023
        scores["generic-nocap"] = score(page, found)
        text, ms["trafilatura"] = _timed(lambda: trafilatura.extract(html, url=page.url or None))  # noqa: B023
        title, day = _trafilatura_meta(html, page.url)
        scores["trafilatura"] = score_parts(page, text=text, title=title, published=day)
        half = "" if page.publisher.startswith("dantri") else ("held" if held_out(page.publisher) else "tune")
        rows.append(Row(page, half, scores, ms))
    return rows


def _fmt_ok(value: bool | None) -> str:
    return "·" if value is None else ("T" if value else "-")


def print_pages(rows: list[Row]) -> None:
    print(f"{'page':<44}{'half':>5}" + "".join(f"{n:>22}" for n in EXTRACTORS))
    for row in rows:
        cells = []
        for name in EXTRACTORS:
            s = row.scores.get(name)
            cells.append(
                f"{'':>22}"
                if s is None
                else f"{s.f1:>9.3f} {_fmt_ok(s.title_ok)}{_fmt_ok(s.date_ok)} {row.ms[name]:>7.1f}ms"
            )
        print(f"{row.page.name[:43]:<44}{row.half:>5}" + "".join(cells))
    print("(F1, T/- title exact, T/- time right (· none expected), ms)\n")


def print_publishers(rows: list[Row]) -> None:
    groups: dict[str, list[Row]] = defaultdict(list)
    for row in rows:
        groups[row.page.publisher].append(row)
    print(f"{'publisher':<36}{'n':>3}{'half':>5}" + "".join(f"{n:>18}" for n in EXTRACTORS))
    for publisher, members in groups.items():
        cells = []
        for name in EXTRACTORS:
            got = [r.scores[name] for r in members if name in r.scores]
            if not got:
                cells.append(f"{'':>18}")
                continue
            f1 = statistics.mean(s.f1 for s in got)
            titles = sum(s.title_ok for s in got)
            cells.append(f"{f1:>9.3f} {titles:>2}T {sum(bool(s.date_ok) for s in got):>2}D")
        print(f"{publisher[:35]:<36}{len(members):>3}{members[0].half:>5}" + "".join(cells))
    print()


def summary(rows: list[Row], label: str) -> None:
    if not rows:
        return
    print(f"== {label}: {len(rows)} pages ==")
    print(
        f"{'extractor':<14}{'mean F1':>9}{'median':>8}{'min':>7}{'<0.85':>6}{'titles':>9}{'time':>9}"
        f"{'day':>9}{'ms med':>8}{'ms mean':>8}{'worse':>7}{'better':>7}"
    )
    base = {r.page.name: r.scores["trafilatura"].f1 for r in rows}
    for name in EXTRACTORS:
        got = [(r, r.scores[name]) for r in rows if name in r.scores]
        if not got:
            continue
        f1s = [s.f1 for _, s in got]
        dated = [s for _, s in got if s.date_ok is not None]
        ms = [r.ms[name] for r, _ in got]
        worse = sum(s.f1 < base[r.page.name] - 0.05 for r, s in got)
        better = sum(s.f1 > base[r.page.name] + 0.05 for r, s in got)
        cmp = ("", "") if name == "trafilatura" else (str(worse), str(better))
        print(
            f"{name:<14}{statistics.mean(f1s):>9.4f}{statistics.median(f1s):>8.3f}{min(f1s):>7.3f}"
            f"{sum(f < 0.85 for f in f1s):>6}"
            f"{sum(s.title_ok for _, s in got):>5}/{len(got):<3}"
            f"{sum(bool(s.date_ok) for s in dated):>5}/{len(dated):<3}"
            f"{sum(bool(s.day_ok) for s in dated):>5}/{len(dated):<3}"
            f"{statistics.median(ms):>8.1f}{statistics.mean(ms):>8.1f}{cmp[0]:>7}{cmp[1]:>7}"
        )
    ratio = statistics.median(r.ms["generic"] for r in rows) / statistics.median(
        r.ms["trafilatura"] for r in rows
    )
    print(f"generic / trafilatura median time per page: {ratio:.2f}x")
    print("(worse/better: pages where F1 differs from trafilatura's by more than 0.05)\n")


def write_tsv(rows: list[Row], path: Path) -> None:
    with path.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out, delimiter="\t")
        writer.writerow(["page", "publisher", "half", "extractor", "f1", "title_ok", "date_ok", "ms"])
        for row in rows:
            for name, s in row.scores.items():
                writer.writerow(
                    [
                        row.page.name,
                        row.page.publisher,
                        row.half,
                        name,
                        f"{s.f1:.4f}",
                        s.title_ok,
                        s.date_ok,
                        f"{row.ms[name]:.1f}",
                    ]
                )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", choices=("dantri", "fundus", "all"), default="all", help="page set(s)")
    parser.add_argument("--half", choices=("tune", "held", "all"), default="all", help="fundus half")
    parser.add_argument("--pages", action="store_true", help="print one line per page as well")
    parser.add_argument("--tsv", type=Path, help="write per-page, per-extractor scores to this file")
    args = parser.parse_args(argv)
    corpus = corpus_dir()
    sources = load_config(environ={}).sources.sources

    def selectors_of(url: str) -> Selectors | None:
        source = source_for_url(sources, url)
        return source.selectors if source is not None else None

    all_rows: list[Row] = []
    if args.set in ("dantri", "all"):
        site = corpus / "html" / "dantri"
        pages = list(gt_pages(site)) if (site / "gt").is_dir() else []
        if not pages:
            print(f"Dân trí pages not found at {site}: skipped")
        else:
            rows = measure(pages, selectors_of)
            all_rows += rows
            if args.pages:
                print_pages(rows)
            summary(rows, f"Dân trí ({site})")
    if args.set in ("fundus", "all"):
        fundus = corpus / "fundus"
        pages = list(fundus_pages(fundus)) if fundus.is_dir() else []
        if args.half != "all":
            pages = [p for p in pages if held_out(p.publisher) == (args.half == "held")]
        if not pages:
            print(f"fundus pages not found at {fundus}: skipped")
        else:
            rows = measure(pages, selectors_of)
            all_rows += rows
            if args.pages:
                print_pages(rows)
                print_publishers(rows)
            summary(rows, f"fundus ({fundus}), {args.half}")
            for half in ("tune", "held"):
                if args.half == "all":
                    summary([r for r in rows if r.half == half], f"fundus, {half} half")
    if args.tsv and all_rows:
        write_tsv(all_rows, args.tsv)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
