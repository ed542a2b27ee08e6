"""Honest evaluation of the topic tagger on the labeled corpus.

Reads the 1,408 labeled articles (`news-labels.jsonl` joined with `news.jsonl`, `train-labels.jsonl`
joined with `pool.jsonl`), fits the LSA on the unlabeled pool (the labeled ids left out) and prints, in one
run, beside the keyword rules alone:
1. 5-fold cross-validation over the 1,408 (folds fixed by a hash of the id; each fold tagged by a model
   trained on the other four, whose thresholds and deciders were chosen inside those four only);
2. a model trained on `train-labels.jsonl` alone and tested on `news-labels.jsonl`.
Per-topic precision, recall and F1, micro- and macro-F1 over topics with at least `--min-support`
agreed examples (a disputed id is neither a hit nor a miss), and the commonest confusions.

The corpus is `$DULUAN_CORPUS` or `../shared/corpus` next to the project; when it is absent the
script says so and exits 0. Usage:

    python bench/topics_eval.py [--folds 5] [--unlabeled-limit N] [--errors] [--demo] [--extra FILE]

`--extra FILE`: labels of more pool articles (nlp/data/topic_labels_extra.jsonl) that join every training
set (each CV fold's and the hold-out's) and are never scored: the figures stay on the 1,408.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

import yaml
from common import ROOT, corpus_dir

from config.models import TopicsFile
from nlp.evaluation import Report
from nlp.topics import Mode, TopicMatch, TopicRules, compile_rules, tag_topics
from pipeline.topics.labeled import LabeledArticle
from pipeline.topics.train import CrossValidation

TOPICS_YAML = ROOT / "config" / "topics.yaml"
DEMO_YAML = ROOT / "crawlers" / "demo_site" / "articles.yaml"


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
    """The rules alone on news-labels.jsonl, with each false positive's evidence (`--errors`)."""
    articles = {a["id"]: a for a in _read_jsonl(corpus / "news.jsonl")}
    tagged = TaggedReport(Report.for_topics(rules.ids))
    for label in _read_jsonl(corpus / "news-labels.jsonl"):
        article = articles[label["id"]]
        predicted = tag_topics(title=article.get("title"), sapo=None, body=article["text"], rules=rules)
        tagged.add(label["id"], set(label["topics"]), set(label["disputed"]), predicted)
    return tagged


def _named(result: CrossValidation) -> list[tuple[str, Report]]:
    return [("rules alone", result.rules), ("model alone", result.model), ("rules + model", result.combined)]


def _summary(name: str, report: Report, min_support: int) -> str:
    total, frequent = report.total(), report.total(min_support)
    return (
        f"  {name:14} micro-F1 {total.f1:.3f} (P {total.precision:.3f} R {total.recall:.3f})  "
        f"micro-F1 >= {min_support}: {frequent.f1:.3f}  macro-F1 {report.macro_f1(min_support):.3f} "
        f"({report.frequent_topics(min_support)} topics)"
    )


def labeled_sets(corpus: Path, topic_ids: set[str]) -> tuple[list[LabeledArticle], list[LabeledArticle]]:
    """The 200 of news-labels.jsonl and the 1,208 of train-labels.jsonl, joined with their texts."""
    from pipeline.topics.labeled import read_labeled

    news = read_labeled(corpus / "news-labels.jsonl", texts=corpus / "news.jsonl", topic_ids=topic_ids)
    pool = read_labeled(corpus / "train-labels.jsonl", texts=corpus / "pool.jsonl", topic_ids=topic_ids)
    return news.articles, pool.articles


def extra_set(corpus: Path, path: Path, topic_ids: set[str], scored: set[str]) -> list[LabeledArticle]:
    """Labels of more pool articles (`--extra`, e.g. nlp/data/topic_labels_extra.jsonl): they join every
    training set and are never scored; an id that is also scored is left out of them."""
    from pipeline.topics.labeled import read_labeled

    articles = read_labeled(path, texts=corpus / "pool.jsonl", topic_ids=topic_ids).articles
    return [a for a in articles if a.id not in scored]


def honest(
    corpus: Path, folds: int, min_support: int, unlabeled_limit: int, processes: int, extra: Path | None
) -> None:
    """Cross-validation over the 1,408 and train-labels -> news-labels, beside the rules alone."""
    from config import load_config
    from pipeline.topics.train import cross_validate, fit_unlabeled, holdout, prepare_all

    app = load_config({}, environ={})
    topic_ids = {t.id for t in app.topics.topics}
    news, pool = labeled_sets(corpus, topic_ids)
    more = extra_set(corpus, extra, topic_ids, {a.id for a in news + pool}) if extra else []
    started = time.perf_counter()
    docs = prepare_all(news + pool, processes)
    more_docs = prepare_all(more, processes) if more else []
    print(
        f"{len(news)} + {len(pool)} labeled articles (+ {len(more)} extra, trained on and never scored) "
        f"segmented in {time.perf_counter() - started:.0f} s"
    )
    started = time.perf_counter()
    skip = frozenset(a.id for a in news + pool + more)
    lsa = fit_unlabeled(corpus / "pool.jsonl", skip=skip, limit=unlabeled_limit)
    print(f"LSA {lsa.components.shape} fitted on the unlabeled pool in {time.perf_counter() - started:.0f} s")
    started = time.perf_counter()
    cv = cross_validate(app, news + pool, docs, folds, lsa=lsa, extra=more, extra_docs=more_docs)
    spent = time.perf_counter() - started
    print(f"\n== {folds}-fold cross-validation over {len(docs)} articles ({spent:.0f} s)")
    print("\n".join(cv.combined.lines(min_support)))
    for name, report in _named(cv):
        print(_summary(name, report, min_support))
    print("rules alone, per topic:")
    print("\n".join(cv.rules.lines(min_support)))
    for name, report in (("rules + model", cv.combined), ("rules alone", cv.rules)):
        print(f"commonest confusions ({name}): labeled -> given instead")
        for (gold, given), count in report.confusions(12):
            print(f"  {gold} -> {given}: {count}")
    started = time.perf_counter()
    ho = holdout(
        app, pool, docs[len(news) :], news, docs[: len(news)], lsa=lsa, extra=more, extra_docs=more_docs
    )
    print(f"\n== trained on train-labels.jsonl ({len(pool)}), tested on news-labels.jsonl ({len(news)})")
    print("\n".join(ho.combined.lines(min_support)))
    for name, report in _named(ho):
        print(_summary(name, report, min_support))
    print(f"({time.perf_counter() - started:.0f} s)")


def print_report(report: Report, min_support: int) -> tuple[float, float]:
    print("\n".join(report.lines(min_support)))
    return report.total().f1, report.macro_f1(min_support)


def check_demo(rules: TopicRules) -> int:
    """Compare the tagger (rules + the shipped model) with `expected_topics` of the demo site; returns the
    number of mismatches."""
    from nlp.document import prepare
    from nlp.topic_model import tag_with_model
    from nlp.topic_model_file import resolve

    model = resolve(None).model
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
        doc = prepare(title=article.get("title"), sapo=article.get("sapo"), body=text)
        got = tag_with_model(doc, rules, model)
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
    parser.add_argument("--errors", action="store_true", help="list the rules' false positives and negatives")
    parser.add_argument("--mode", choices=["word", "syllable", "hybrid"], default="word")
    parser.add_argument("--min-support", type=int, default=5)
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--unlabeled-limit", type=int, default=0, help="articles for the LSA (0: all)")
    parser.add_argument("--processes", type=int, default=2)
    parser.add_argument("--demo", action="store_true", help="also check the demo site's expected topics")
    parser.add_argument(
        "--extra", type=Path, help="labels (id, topics) of more pool articles: trained on, never scored"
    )
    args = parser.parse_args(argv)
    corpus = corpus_dir()
    rules = load_rules(cast(Mode, args.mode))
    if args.demo:
        check_demo(rules)
    needed = ("news-labels.jsonl", "news.jsonl", "train-labels.jsonl", "pool.jsonl")
    if not all((corpus / name).exists() for name in needed):
        print(f"corpus not found at {corpus}: skipping the topic evaluation")
        return 0
    if args.errors:
        print("\n".join(sorted(evaluate(corpus, rules).errors())))
    honest(corpus, args.folds, args.min_support, args.unlabeled_limit, args.processes, args.extra)
    return 0


if __name__ == "__main__":
    sys.exit(main())
