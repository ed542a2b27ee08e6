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
from nlp.evaluation import Report  # noqa: E402
from nlp.topics import Mode, TopicMatch, TopicRules, compile_rules, tag_topics  # noqa: E402

TOPICS_YAML = ROOT / "config" / "topics.yaml"
DEMO_YAML = ROOT / "crawlers" / "demo_site" / "articles.yaml"


def corpus_dir() -> Path:
    env = os.environ.get("DULUAN_CORPUS")
    return Path(env) if env else Path(__file__).resolve().parents[2] / "shared" / "corpus"


@dataclass
class TaggedReport:
    """The shared precision/recall counting (nlp.evaluation) plus each false positive's evidence."""

    report: Report
    evidence: dict[tuple[str, str], TopicMatch] = field(default_factory=dict)

    def add(self, doc_id: str, gold: set[str], disputed: set[str], predicted: list[TopicMatch]) -> None:
        self.report.add(doc_id, gold, disputed, {m.topic_id for m in predicted})
        self.evidence.update({(doc_id, m.topic_id): m for m in predicted})

    def errors(self) -> list[str]:
        out = []
        for e in self.report.errors:
            match = self.evidence.get((e.doc_id, e.topic_id))
            if e.kind == "FP" and match is not None:
                shown = ", ".join(f"{x.phrase}@{x.field}x{x.count}" for x in match.evidence[:6])
                out.append(f"FP {e.doc_id} {e.topic_id} {match.score:.1f}: {shown}")
            else:
                out.append(f"{e.kind} {e.doc_id} {e.topic_id}")
        return out


def _read_jsonl(path: Path) -> Iterator[dict[str, Any]]:
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                yield cast(dict[str, Any], json.loads(line))


def load_rules(mode: Mode) -> TopicRules:
    topics = TopicsFile.model_validate(yaml.safe_load(TOPICS_YAML.read_text(encoding="utf-8")))
    return compile_rules(topics.topics, mode=mode)


def evaluate(corpus: Path, rules: TopicRules) -> TaggedReport:
    articles = {a["id"]: a for a in _read_jsonl(corpus / "news.jsonl")}
    tagged = TaggedReport(Report.for_topics(rules.ids))
    for label in _read_jsonl(corpus / "news-labels.jsonl"):
        article = articles[label["id"]]
        predicted = tag_topics(title=article.get("title"), sapo=None, body=article["text"], rules=rules)
        tagged.add(label["id"], set(label["topics"]), set(label["disputed"]), predicted)
    return tagged


def print_report(report: Report, min_support: int) -> tuple[float, float]:
    print("\n".join(report.lines(min_support)))
    return report.total().f1, report.macro_f1(min_support)


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
    tagged = evaluate(corpus, rules)
    elapsed = time.perf_counter() - started
    if args.errors:
        print("\n".join(sorted(tagged.errors())))
    report = tagged.report
    print_report(report, args.min_support)
    print(f"{sum(c.tp + c.fn for c in report.per_topic.values())} gold labels; {elapsed:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
