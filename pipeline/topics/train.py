"""Training and evaluating the topic tagger on labeled articles (`duluan topics train|eval`)."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterator, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from config import AppConfig
from nlp.document import Document, prepare
from nlp.evaluation import Report
from nlp.topic_features import SEED, Lsa, fit_lsa, syllable_terms
from nlp.topic_model import (
    MIN_POSITIVES,
    Article,
    ModelError,
    TopicModel,
    _fold,
    article_of,
    combine,
    tag_with_model,
    train,
)
from nlp.topic_model_file import save
from nlp.topics import TopicRules, compile_rules, score_document
from pipeline.topics.labeled import CorrectedArticle, LabeledArticle

Progress = Callable[[int, int], None]
PARALLEL_FROM = 64
UNLABELED_CHARS = 3000  # of each unlabeled article, for the LSA
log = logging.getLogger("duluan.topics")


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


def unlabeled_texts(path: Path, *, skip: frozenset[str] = frozenset(), limit: int = 0) -> Iterator[list[str]]:
    """Syllable terms of the unlabeled articles of a JSONL file (id, title, text), leaving out `skip`
    (the labeled articles, so that evaluation folds stay unseen) and malformed lines."""
    count = 0
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            try:
                record = json.loads(line)
            except json.JSONDecodeError:
                continue
            if not isinstance(record, dict) or not isinstance(record.get("text"), str):
                continue
            if str(record.get("id")) in skip:
                continue
            title = record.get("title") if isinstance(record.get("title"), str) else None
            yield syllable_terms(title, title, record["text"][:UNLABELED_CHARS])
            count += 1
            if limit and count >= limit:
                return


def fit_unlabeled(path: Path, *, skip: frozenset[str], limit: int = 0, seed: int = SEED) -> Lsa:
    """The LSA of the unlabeled articles of `path`."""
    if not path.is_file():
        raise ModelError(f"{path}: no such file")
    return fit_lsa(unlabeled_texts(path, skip=skip, limit=limit), seed=seed)


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


@dataclass
class CrossValidation:
    folds: int
    rules: Report
    model: Report  # the model's probabilities at 0.5 on every modelled topic, for comparison
    combined: Report  # what `annotate` assigns: each topic by its decider
    focus: Report  # the combined tagging of the `focus` articles alone (e.g. the corrected ones)


def _score_split(
    rules: TopicRules,
    reports: CrossValidation,
    model: TopicModel | None,
    articles: Sequence[LabeledArticle],
    features: Sequence[Article],
    docs_scored: Sequence[list],  # type: ignore[type-arg]
    test_idx: Sequence[int],
    focus: frozenset[str],
) -> None:
    thresholds = dict(zip(rules.ids, rules.thresholds, strict=True))
    probabilities = model.probabilities([features[i] for i in test_idx]) if model else [{} for _ in test_idx]
    for i, p in zip(test_idx, probabilities, strict=True):
        article = articles[i]
        scored = docs_scored[i]
        gold, disputed = set(article.topics), set(article.disputed)
        by_rules = {m.topic_id for m in scored if m.score >= thresholds[m.topic_id]}
        reports.rules.add(article.id, gold, disputed, by_rules)
        reports.model.add(article.id, gold, disputed, {t for t, v in p.items() if v >= 0.5})
        combined = by_rules if model is None else {m.topic_id for m in combine(scored, p, rules, model)}
        reports.combined.add(article.id, gold, disputed, combined)
        if article.id in focus:
            reports.focus.add(article.id, gold, disputed, combined)


def _features(rules: TopicRules, docs: Sequence[Document]) -> tuple[list[Article], list[list]]:  # type: ignore[type-arg]
    scored = [score_document(d, rules) for d in docs]
    feats = [article_of(d, rules, s) for d, s in zip(docs, scored, strict=True)]
    return feats, scored


def cross_validate(
    app: AppConfig,
    articles: Sequence[LabeledArticle],
    docs: Sequence[Document],
    folds: int = 5,
    *,
    focus: frozenset[str] = frozenset(),
    lsa: Lsa | None = None,
    seed: int = SEED,
    min_positives: int = MIN_POSITIVES,
    extra: Sequence[LabeledArticle] = (),
    extra_docs: Sequence[Document] = (),
) -> CrossValidation:
    """Each article tagged by a model trained on the other folds (fold = hash of the id); thresholds and
    deciders are chosen inside the training folds only. `extra` articles (with their `extra_docs`) join
    every training fold and are never scored."""
    rules = _rules(app)
    feats, scored = _features(rules, docs)
    extra_feats, _ = _features(rules, extra_docs)
    reports = CrossValidation(folds, *(Report.for_topics(rules.ids) for _ in range(4)))
    assigned = [_fold(a.id, folds) for a in articles]
    for fold in range(folds):
        train_idx = [i for i, f in enumerate(assigned) if f != fold]
        test_idx = [i for i, f in enumerate(assigned) if f == fold]
        if not test_idx:
            continue
        model = _train_or_none(
            rules,
            [articles[i] for i in train_idx] + list(extra),
            [feats[i] for i in train_idx] + extra_feats,
            lsa,
            seed,
            min_positives,
        )
        _score_split(rules, reports, model, articles, feats, scored, test_idx, focus)
    return reports


def _train_or_none(
    rules: TopicRules,
    articles: Sequence[LabeledArticle],
    feats: Sequence[Article],
    lsa: Lsa | None,
    seed: int,
    min_positives: int,
) -> TopicModel | None:
    try:
        return _train(rules, articles, feats, lsa, seed, min_positives)
    except ModelError:  # too few examples in these folds: the rules alone
        return None


def holdout(
    app: AppConfig,
    train_articles: Sequence[LabeledArticle],
    train_docs: Sequence[Document],
    test_articles: Sequence[LabeledArticle],
    test_docs: Sequence[Document],
    *,
    lsa: Lsa | None = None,
    seed: int = SEED,
    min_positives: int = MIN_POSITIVES,
    extra: Sequence[LabeledArticle] = (),
    extra_docs: Sequence[Document] = (),
) -> CrossValidation:
    """Trained on one labeled set (and the `extra` articles, never scored), tested on another it never
    saw."""
    rules = _rules(app)
    train_feats, _ = _features(rules, list(train_docs) + list(extra_docs))
    test_feats, test_scored = _features(rules, test_docs)
    reports = CrossValidation(0, *(Report.for_topics(rules.ids) for _ in range(4)))
    model = _train_or_none(rules, list(train_articles) + list(extra), train_feats, lsa, seed, min_positives)
    _score_split(
        rules, reports, model, test_articles, test_feats, test_scored, range(len(test_articles)), frozenset()
    )
    return reports


def _train(
    rules: TopicRules,
    articles: Sequence[LabeledArticle],
    feats: Sequence[Article],
    lsa: Lsa | None,
    seed: int,
    min_positives: int,
) -> TopicModel:
    labels = [set(a.topics) for a in articles]
    ids = [a.id for a in articles]
    return train(feats, labels, rules, ids=ids, lsa=lsa, seed=seed, min_positives=min_positives)


@dataclass
class Trained:
    path: Path
    model: TopicModel


def train_and_save(
    app: AppConfig,
    articles: Sequence[LabeledArticle],
    docs: Sequence[Document],
    *,
    lsa: Lsa | None = None,
    output: Path | None = None,
    seed: int = SEED,
    min_positives: int = MIN_POSITIVES,
) -> Trained:
    """Fit the model on every labeled article and store it (default: <data_dir>/models/topics.npz)."""
    rules = _rules(app)
    feats, _ = _features(rules, docs)
    model = _train(rules, articles, feats, lsa, seed, min_positives)
    path = save(model, output or app.settings.model_dir)
    return Trained(path=path, model=model)
