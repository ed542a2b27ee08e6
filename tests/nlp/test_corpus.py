"""Properties on the real-news corpus (skipped when it is absent; no corpus text is kept here)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from config import load_config
from nlp.boilerplate import clean_lines
from nlp.evaluation import Report
from nlp.places import locality
from nlp.text import normalize, words
from nlp.topics import compile_rules, tag_topics

pytestmark = pytest.mark.slow


def _rows(path: Path) -> list[dict[str, object]]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def test_topic_rules_reach_the_targets_on_the_labeled_articles(corpus: Path) -> None:
    rules = compile_rules(load_config({}, environ={}).topics.topics)
    articles = {a["id"]: a for a in _rows(corpus / "news.jsonl")}
    report = Report.for_topics(rules.ids)
    for label in _rows(corpus / "news-labels.jsonl"):
        article = articles[label["id"]]
        found = tag_topics(title=article.get("title"), sapo=None, body=str(article["text"]), rules=rules)  # type: ignore[arg-type]
        report.add(
            str(label["id"]), set(label["topics"]), set(label["disputed"]), {m.topic_id for m in found}
        )  # type: ignore[arg-type]
    assert report.total().f1 >= 0.85 and report.macro_f1(min_support=5) >= 0.75


def test_boilerplate_removal_keeps_every_long_paragraph(corpus: Path) -> None:
    """Only credits, datelines and short lines go: every long paragraph keeps nearly all its words."""
    for row in _rows(corpus / "news.jsonl"):
        lines = normalize(str(row["text"])).split("\n")
        kept = set(words(" ".join(clean_lines(lines))))
        for line in (x for x in lines if len(x) > 150):
            words_of_line = words(line)
            assert sum(w in kept for w in words_of_line) >= 0.9 * len(words_of_line), row["id"]


def test_almost_no_national_news_is_flagged_local(corpus: Path) -> None:
    flagged = 0
    for row in _rows(corpus / "news.jsonl") + _rows(corpus / "bench.jsonl"):
        paragraphs = str(row["text"]).split("\n")
        zoned = [("title", str(row.get("title") or ""))] + [
            ("lead" if i == 0 else "body", p) for i, p in enumerate(paragraphs)
        ]
        flagged += locality(zoned).local
    assert flagged <= 10  # the corpus holds about ten articles that name Lạng Sơn at all
