"""Duplicates and stories: precision and recall of `duluan annotate --input/--output` on a set built
from the corpus (`$DULUAN_CORPUS` or ../shared/corpus; skipped when absent) and on the demo site.

From real articles of news.jsonl (seeded, reproducible), the script makes:
- syndicated copies by transformation: `retitle` (another headline), `credit` ("(TTXVN) -" dateline and
  a "Theo TTXVN" line), `drop` (a paragraph left out), `reorder` (two paragraphs swapped), `trim` (the
  last quarter cut), `combo` (a new headline, the credit, a dropped paragraph and old-style tone marks);
- stories: an article split in two, the second half published a day later by another outlet without
  a headline (a follow-up with little shared text), plus a copy of the first half;
- hard negatives: every other article of the corpus, of the same categories and topics, within days.
Duplicates: pairs sharing a `dup_group` against the true copy pairs; exact copies (the `credit`
transformation only) must share the content hash. Stories: pairs sharing a `story` against the true
story pairs, over the articles that got a topic (only those are grouped). Usage:

    python bench/dedup_eval.py [--originals 150] [--seed 7]
"""

from __future__ import annotations

import argparse
import io
import json
import os
import random
import sys
import time
from collections import defaultdict
from collections.abc import Iterable
from datetime import date, timedelta
from itertools import combinations
from pathlib import Path
from typing import Any

from common import ROOT, corpus_dir  # noqa: F401 - first: puts the repository on the path

from config import load_config
from pipeline.annotate.file import annotate_file

TRANSFORMS = ("retitle", "credit", "drop", "reorder", "trim", "combo")
OLD_STYLE = {"hòa": "hoà", "hóa": "hoá", "thủy": "thuỷ", "khỏe": "khoẻ", "Hòa": "Hoà", "lũy": "luỹ"}


def _transform(kind: str, article: dict[str, Any], other_title: str, rng: random.Random) -> dict[str, Any]:
    paragraphs = article["text"].split("\n")
    title = article.get("title")
    if kind in ("retitle", "combo"):
        title = other_title
    if kind in ("drop", "combo") and len(paragraphs) > 2:
        paragraphs.pop(rng.randrange(1, len(paragraphs)))
    if kind == "reorder" and len(paragraphs) > 2:
        i = rng.randrange(0, len(paragraphs) - 1)
        paragraphs[i], paragraphs[i + 1] = paragraphs[i + 1], paragraphs[i]
    if kind == "trim" and len(paragraphs) > 3:
        paragraphs = paragraphs[: max(2, round(len(paragraphs) * 0.75))]
    if kind in ("credit", "combo"):
        paragraphs = [f"(TTXVN) - {paragraphs[0]}", *paragraphs[1:], "Theo TTXVN"]
    text = "\n".join(paragraphs)
    if kind == "combo":
        for new, old in OLD_STYLE.items():
            text = text.replace(new, old)
    return {"title": title, "text": text}


def build(
    corpus: Path, originals: int, seed: int
) -> tuple[list[dict[str, Any]], dict[str, str], dict[str, str]]:
    """Lines for the annotator, the copy -> transformation map and the id -> story map."""
    rng = random.Random(seed)
    articles = [json.loads(line) for line in (corpus / "news.jsonl").open(encoding="utf-8") if line.strip()]
    titles = [a["title"] for a in articles if a.get("title")]
    chosen = rng.sample([a for a in articles if a["text"].count("\n") >= 3], originals)
    start = date(2026, 1, 1)
    lines: list[dict[str, Any]] = []
    transform_of: dict[str, str] = {}
    story_of: dict[str, str] = {}
    chosen_ids = {a["id"] for a in chosen}
    for article in articles:  # every article once: originals, and the hard negatives
        day = start + timedelta(days=rng.randrange(0, 20))
        line = {"id": article["id"], "title": article.get("title"), "text": article["text"]}
        line.update(source=article["source"], published=day.isoformat())
        if article["id"] not in chosen_ids:
            lines.append(line)
            continue
        paragraphs = article["text"].split("\n")
        half = len(paragraphs) // 2
        story = f"story:{article['id']}"
        if rng.random() < 0.5:  # a story: the original split into a report and a follow-up
            first = dict(line, id=f"{article['id']}#a", text="\n".join(paragraphs[:half]))
            second = dict(line, id=f"{article['id']}#b", title=None, text="\n".join(paragraphs[half:]))
            second.update(source="other.example", published=(day + timedelta(days=1)).isoformat())
            copy = _transform("credit", first, rng.choice(titles), rng)
            copy = dict(first, id=f"{article['id']}#a~credit", source="copy.example", **copy)
            lines += [first, second, copy]
            story_of.update({first["id"]: story, second["id"]: story, copy["id"]: story})
            transform_of[copy["id"]] = "credit"
            continue
        lines.append(line)
        story_of[line["id"]] = story
        for kind in rng.sample(TRANSFORMS, 2):
            copy = dict(
                line,
                id=f"{article['id']}~{kind}",
                source="copy.example",
                **_transform(kind, line, rng.choice(titles), rng),
            )
            lines.append(copy)
            transform_of[copy["id"]] = kind
            story_of[copy["id"]] = story
    rng.shuffle(lines)
    return lines, transform_of, story_of


def _pairs(groups: dict[str, str], ids: Iterable[str]) -> set[frozenset[str]]:
    members: dict[str, list[str]] = defaultdict(list)
    for i in ids:
        if i in groups:
            members[groups[i]].append(i)
    return {frozenset(p) for group in members.values() for p in combinations(group, 2)}


def _pr(predicted: set[frozenset[str]], true: set[frozenset[str]]) -> str:
    hit = len(predicted & true)
    p = hit / len(predicted) if predicted else 0.0
    r = hit / len(true) if true else 0.0
    return f"precision {p:.3f} ({hit}/{len(predicted)})  recall {r:.3f} ({hit}/{len(true)})"


def evaluate(lines: list[dict[str, Any]], transform_of: dict[str, str], story_of: dict[str, str]) -> None:
    app = load_config({"data_dir": Path(os.environ.get("TMPDIR", "/tmp")) / "duluan-bench"}, environ={})
    source = io.StringIO("".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines))
    target = io.StringIO()
    started = time.perf_counter()
    annotate_file(app, source, target)
    elapsed = time.perf_counter() - started
    rows = [json.loads(line) for line in target.getvalue().splitlines()]
    print(f"{len(rows)} articles annotated in {elapsed:.0f} s")
    ids = [r["id"] for r in rows]
    dup = {r["id"]: r["dup_group"] for r in rows}
    # true copy pairs: an original (or a story's first half) and its copies, copies among themselves
    copy_group = {i: i.split("~")[0] for i in ids}
    true_dups = {p for p in _pairs(copy_group, ids) if any("~" in x for x in p)}
    predicted = _pairs(dup, ids)
    print(f"near-duplicates: {_pr(predicted, true_dups)}")
    for kind in TRANSFORMS:
        wanted = {p for p in true_dups if any(transform_of.get(x) == kind for x in p)}
        found = len(wanted & predicted)
        print(f"  {kind:8} recall {found / len(wanted) if wanted else 0:.3f} ({found}/{len(wanted)})")
    _margins(lines, true_dups, transform_of)
    # the topical articles are the ones stories are built from
    topical = [r["id"] for r in rows if r["topics"]]
    stories = {r["id"]: r["story"] for r in rows if r["story"]}
    true_story = _pairs(story_of, topical)
    print(f"stories (over {len(topical)} articles with a topic): {_pr(_pairs(stories, topical), true_story)}")
    follow = {p for p in true_story if any(x.endswith("#b") for x in p)}
    print(
        f"  follow-ups (a report and its second half, next day, other outlet): recall "
        f"{len(follow & _pairs(stories, topical)) / len(follow) if follow else 0:.3f} ({len(follow)} pairs)"
    )


def _margins(
    lines: list[dict[str, Any]], true_dups: set[frozenset[str]], transform_of: dict[str, str]
) -> None:
    """Exact copies by content hash, and how far the MinHash threshold is from both sides."""
    import numpy as np

    from nlp.dedup import NEAR_DUP_THRESHOLD, fingerprint
    from nlp.document import clean_body

    prints = {line["id"]: fingerprint(f"\n{clean_body(line['text'])}") for line in lines}
    credit = [
        p
        for p in true_dups
        if any(transform_of.get(x) == "credit" for x in p) and any("~" not in x for x in p)
    ]
    same = sum(prints[a][0] == prints[b][0] for a, b in map(tuple, credit))
    print(f"  exact (content hash) on 'credit' copies: {same}/{len(credit)}")
    ids = list(prints)
    sig = np.stack([np.frombuffer(prints[i][1], dtype=np.uint64) for i in ids])
    lowest_copy, highest_other = 1.0, 0.0
    for n, a in enumerate(ids):
        similar = (sig[n + 1 :] == sig[n]).mean(axis=1)
        for m, value in enumerate(similar, n + 1):
            if frozenset((a, ids[m])) in true_dups:
                lowest_copy = min(lowest_copy, float(value))
            else:
                highest_other = max(highest_other, float(value))
    print(
        f"  estimated Jaccard: lowest copy pair {lowest_copy:.2f}, highest other pair {highest_other:.2f} "
        f"(threshold {NEAR_DUP_THRESHOLD})"
    )


def demo() -> None:
    """The demo site's own syndicated copies and stories (articles we wrote)."""
    from crawlers.demo_site import load_articles

    articles = load_articles()
    lines = [
        {
            "id": a.id,
            "title": a.title,
            "sapo": a.sapo,
            "text": "\n".join(a.body),
            "source": a.outlet,
            "published": a.published.isoformat(),
        }
        for a in articles
    ]
    story_of = {a.id: a.story for a in articles if a.story}
    for a in articles:
        if a.syndicated_from:
            story_of[a.id] = story_of.get(a.syndicated_from, a.syndicated_from)
            story_of.setdefault(a.syndicated_from, a.syndicated_from)
    app = load_config({"data_dir": Path(os.environ.get("TMPDIR", "/tmp")) / "duluan-bench"}, environ={})
    source = io.StringIO("".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines))
    target = io.StringIO()
    annotate_file(app, source, target)
    rows = [json.loads(line) for line in target.getvalue().splitlines()]
    ids = [r["id"] for r in rows]
    true_dups = _pairs({a.id: a.syndicated_from or a.id for a in articles}, ids)
    found = _pairs({r["id"]: r["dup_group"] for r in rows}, ids)
    print(f"demo site ({len(rows)} articles): near-duplicates {_pr(found, true_dups)}")
    topical = [r["id"] for r in rows if r["topics"]]
    stories = {r["id"]: r["story"] for r in rows if r["story"]}
    print(f"demo site stories: {_pr(_pairs(stories, topical), _pairs(story_of, topical))}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--originals", type=int, default=150)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    demo()
    corpus = corpus_dir()
    if not (corpus / "news.jsonl").exists():
        print(f"corpus not found at {corpus}: skipping the corpus evaluation")
        return 0
    lines, transform_of, story_of = build(corpus, args.originals, args.seed)
    evaluate(lines, transform_of, story_of)
    return 0


if __name__ == "__main__":
    sys.exit(main())
