"""Evaluate the keyword topic tagger on the labeled corpus.

Joins `news-labels.jsonl` ({id, topics, disputed}) with `news.jsonl` ({id, title, text, ...}) and
prints per-topic precision, recall and F1, micro-F1 and macro-F1 (over topics with at least
`--min-support` agreed examples). A disputed id is neither a hit nor a miss.

The corpus is `$DULUAN_CORPUS` or `../shared/corpus` next to the project; when it is absent the
script says so and exits 0. Usage:

    python bench/topics_eval.py [--errors] [--mode word|syllable|hybrid] [--demo]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

import yaml

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from config.models import TopicsFile  # noqa: E402
from nlp.topics import Mode, TopicMatch, TopicRules, compile_rules, tag_topics  # noqa: E402

TOPICS_YAML = ROOT / "config" / "topics.yaml"
DEMO_YAML = ROOT / "crawlers" / "demo_site" / "articles.yaml"


def corpus_dir() -> Path:
    env = os.environ.get("DULUAN_CORPUS")
    return Path(env) if env else Path(__file__).resolve().parents[2] / "shared" / "corpus"


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    support: int = 0  # agreed gold examples

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Report:
    per_topic: dict[str, Counts] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)

    def add(self, doc_id: str, gold: set[str], disputed: set[str], predicted: list[TopicMatch]) -> None:
        scores = {m.topic_id: m for m in predicted}
        for topic in gold:
            self.per_topic[topic].support += 1
        for topic in (gold | set(scores)) - disputed:
            counts = self.per_topic[topic]
            if topic in gold and topic in scores:
                counts.tp += 1
            elif topic in scores:
                counts.fp += 1
                match = scores[topic]
                shown = ", ".join(f"{e.phrase}@{e.field}x{e.count}" for e in match.evidence[:6])
                self.errors.append(f"FP {doc_id} {topic} {match.score:.1f}: {shown}")
            else:
                counts.fn += 1
                self.errors.append(f"FN {doc_id} {topic}")


def _read_jsonl(path: Path) -> Iterator[dict[str, Any]]:
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                yield cast(dict[str, Any], json.loads(line))


def load_rules(mode: Mode) -> TopicRules:
    topics = TopicsFile.model_validate(yaml.safe_load(TOPICS_YAML.read_text(encoding="utf-8")))
    return compile_rules(topics.topics, mode=mode)


def evaluate(corpus: Path, rules: TopicRules) -> Report:
    articles = {a["id"]: a for a in _read_jsonl(corpus / "news.jsonl")}
    report = Report(per_topic={topic: Counts() for topic in rules.ids})
    for label in _read_jsonl(corpus / "news-labels.jsonl"):
        article = articles[label["id"]]
        predicted = tag_topics(title=article.get("title"), sapo=None, body=article["text"], rules=rules)
        report.add(label["id"], set(label["topics"]), set(label["disputed"]), predicted)
    return report


def print_report(report: Report, min_support: int) -> tuple[float, float]:
    print(f"{'topic':24} {'sup':>4} {'tp':>4} {'fp':>4} {'fn':>4} {'P':>6} {'R':>6} {'F1':>6}")
    for topic, c in report.per_topic.items():
        flag = "" if c.support >= min_support else "  (few examples)"
        print(
            f"{topic:24} {c.support:4d} {c.tp:4d} {c.fp:4d} {c.fn:4d} "
            f"{c.precision:6.3f} {c.recall:6.3f} {c.f1:6.3f}{flag}"
        )
    total = Counts(
        tp=sum(c.tp for c in report.per_topic.values()),
        fp=sum(c.fp for c in report.per_topic.values()),
        fn=sum(c.fn for c in report.per_topic.values()),
    )
    frequent = [c for c in report.per_topic.values() if c.support >= min_support]
    frequent_total = Counts(
        tp=sum(c.tp for c in frequent), fp=sum(c.fp for c in frequent), fn=sum(c.fn for c in frequent)
    )
    macro = sum(c.f1 for c in frequent) / len(frequent) if frequent else 0.0
    print(f"micro-F1 (all topics)          {total.f1:.3f}  P {total.precision:.3f}  R {total.recall:.3f}")
    print(f"micro-F1 (topics >= {min_support} examples) {frequent_total.f1:.3f}")
    print(f"macro-F1 (topics >= {min_support} examples, {len(frequent)} topics) {macro:.3f}")
    return total.f1, macro


def check_demo(rules: TopicRules) -> int:
    """Compare the tagger with `expected_topics` of the demo site; returns the number of mismatches."""
    if not DEMO_YAML.exists():
        print(f"no demo site at {DEMO_YAML}")
        return 0
    data = yaml.safe_load(DEMO_YAML.read_text(encoding="utf-8"))
    articles = data.get("articles", data) if isinstance(data, dict) else data
    mismatches = 0
    for number, article in enumerate(articles):
        body = article.get("body") or []
        items = body if isinstance(body, list) else [body]
        text = "\n".join(str(i.get("caption", "")) if isinstance(i, dict) else str(i) for i in items)
        got = tag_topics(title=article.get("title"), sapo=article.get("sapo"), body=text, rules=rules)
        expected = set(article.get("expected_topics") or [])
        found = {m.topic_id for m in got}
        if found != expected:
            mismatches += 1
            name = article.get("slug") or article.get("id") or number
            detail = "; ".join(f"{m.topic_id} {m.score:.1f}" for m in got)
            print(f"demo {name}: expected {sorted(expected)} got {sorted(found)} [{detail}]")
    print(f"demo mismatches: {mismatches} of {len(articles)}")
    return mismatches


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--errors", action="store_true", help="list false positives and negatives")
    parser.add_argument("--mode", choices=["word", "syllable", "hybrid"], default="word")
    parser.add_argument("--min-support", type=int, default=5)
    parser.add_argument("--demo", action="store_true", help="also check the demo site's expected topics")
    args = parser.parse_args(argv)
    corpus = corpus_dir()
    rules = load_rules(cast(Mode, args.mode))
    if args.demo:
        check_demo(rules)
    if not (corpus / "news-labels.jsonl").exists() or not (corpus / "news.jsonl").exists():
        print(f"corpus not found at {corpus}: skipping the topic evaluation")
        return 0
    started = time.perf_counter()
    report = evaluate(corpus, rules)
    elapsed = time.perf_counter() - started
    if args.errors:
        print("\n".join(sorted(report.errors)))
    print_report(report, args.min_support)
    print(f"{sum(c.tp + c.fn for c in report.per_topic.values())} gold labels; {elapsed:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
