"""Training and evaluating the topic tagger on labeled articles (`duluan topics train|eval`)."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from config import AppConfig
from nlp.document import Document, prepare
from nlp.evaluation import Report
from nlp.topic_model import ModelError, TopicModel, combine, features, save, tag_with_model, train
from nlp.topics import TopicRules, compile_rules, score_document
from pipeline.topics.labeled import CorrectedArticle, LabeledArticle

Progress = Callable[[int, int], None]
PARALLEL_FROM = 64


def _prepare_chunk(articles: list[LabeledArticle]) -> list[Document]:
    return [prepare(title=a.title, sapo=a.sapo, body=a.text) for a in articles]


def prepare_all(
    articles: Sequence[LabeledArticle], processes: int, progress: Progress | None = None
) -> list[Document]:
    """Each article normalised, cleaned and segmented (in worker processes for large sets)."""
    size = 16
    chunks = [list(articles[i : i + size]) for i in range(0, len(articles), size)]
    docs: list[Document] = []
    if processes > 1 and len(articles) >= PARALLEL_FROM:
        with ProcessPoolExecutor(processes) as pool:
            for result in pool.map(_prepare_chunk, chunks):
                docs.extend(result)
                if progress:
                    progress(len(docs), len(articles))
        return docs
    for chunk in chunks:
        docs.extend(_prepare_chunk(chunk))
        if progress:
            progress(len(docs), len(articles))
    return docs


def _rules(app: AppConfig) -> TopicRules:
    return compile_rules(app.topics.topics)


def predict(app: AppConfig, docs: Sequence[Document], model: TopicModel | None) -> list[set[str]]:
    """The topics the tagger (rules, and the model when given) gives each document today."""
    rules = _rules(app)
    return [{m.topic_id for m in tag_with_model(doc, rules, model)} for doc in docs]


def evaluate(app: AppConfig, articles: Sequence[LabeledArticle], tags: Sequence[set[str]]) -> Report:
    """The topics the tagger gave each article (`predict`) against the labels."""
    report = Report.for_topics(_rules(app).ids)
    for article, topics in zip(articles, tags, strict=True):
        report.add(article.id, set(article.topics), set(article.disputed), topics)
    return report


def corrected_report(
    app: AppConfig, corrected: Sequence[CorrectedArticle], tags: Mapping[str, set[str]] | None = None
) -> Report:
    """The corrected articles scored against people's topics: the topics `tags` gives by article id, or
    (None) the annotator's topics at the moment each correction was made."""
    given = [set(c.machine_topics) if tags is None else tags[c.article.id] for c in corrected]
    return evaluate(app, [c.article for c in corrected], given)


def _fold(article_id: str, folds: int) -> int:
    return int(hashlib.sha256(article_id.encode("utf-8")).hexdigest(), 16) % folds


@dataclass
class CrossValidation:
    folds: int
    rules: Report
    model: Report  # the model alone (probability >= 0.5), for comparison
    combined: Report
    focus: Report  # the combined tagging of the `focus` articles alone (e.g. the corrected ones)


def cross_validate(
    app: AppConfig,
    articles: Sequence[LabeledArticle],
    docs: Sequence[Document],
    folds: int = 5,
    *,
    focus: frozenset[str] = frozenset(),
) -> CrossValidation:
    """Each article tagged by a model trained on the other folds (fold = hash of the id)."""
    rules = _rules(app)
    tokens = [features(d) for d in docs]
    thresholds = dict(zip(rules.ids, rules.thresholds, strict=True))
    reports = CrossValidation(folds, *(Report.for_topics(rules.ids) for _ in range(4)))
    assigned = [_fold(a.id, folds) for a in articles]
    for fold in range(folds):
        train_idx = [i for i, f in enumerate(assigned) if f != fold]
        test_idx = [i for i, f in enumerate(assigned) if f == fold]
        try:
            model = train(
                [tokens[i] for i in train_idx], [set(articles[i].topics) for i in train_idx], rules.ids
            )
            probabilities = model.probabilities([tokens[i] for i in test_idx])
        except ModelError:  # too few examples in this fold: the rules alone
            probabilities = [{} for _ in test_idx]
        for i, p in zip(test_idx, probabilities, strict=True):
            article = articles[i]
            scored = score_document(docs[i], rules)
            gold, disputed = set(article.topics), set(article.disputed)
            by_rules = {m.topic_id for m in scored if m.score >= thresholds[m.topic_id]}
            reports.rules.add(article.id, gold, disputed, by_rules)
            reports.model.add(article.id, gold, disputed, {t for t, v in p.items() if v >= 0.5})
            combined = {m.topic_id for m in combine(scored, p, rules)}
            reports.combined.add(article.id, gold, disputed, combined)
            if article.id in focus:
                reports.focus.add(article.id, gold, disputed, combined)
    return reports


@dataclass
class Trained:
    path: Path
    model: TopicModel
    positives: dict[str, int]


def train_and_save(app: AppConfig, articles: Sequence[LabeledArticle], docs: Sequence[Document]) -> Trained:
    """Fit the model on every labeled article and store it under <data_dir>/models/."""
    rules = _rules(app)
    model = train(
        [features(d) for d in docs],
        [set(a.topics) for a in articles],
        rules.ids,
        ids=[a.id for a in articles],
    )
    path = save(model, app.settings.model_dir)
    positives = {t: sum(t in a.topics for a in articles) for t in model.topics}
    return Trained(path=path, model=model, positives=positives)
