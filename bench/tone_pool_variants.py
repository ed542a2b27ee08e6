"""The tone variants that learn from the unlabeled pool or the topic model (`bench/tone_variants.py`).

Pool vectors (session 7): the shipped topic model's LSA, an LSA of N dimensions fitted here on the pool less
the 600 scored articles, a syllable Word2Vec of the same texts (gensim, when installed); self-training on a
sample of the pool, never a labeled article. Topic probabilities (session 8): the per-topic probabilities of
a topic model refitted without the 600 scored articles. The shipped topic model (`nlp/data/topics.npz`) was
trained on `train-labels.jsonl`, which holds all 600 (2,257 trained ids, the 600 among them): its
probabilities of those articles would be in-sample (a leak into the held-out folds), so it is refitted once
on the same labeled files less the 600 (its own LSA kept: fitted on the pool less every labeled article,
with no label), and no scored article is among its training articles in any fold. Everything is cached
under $TMPDIR (outside the repository).
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from common import ROOT, corpus_dir

import pipeline.topics.tone_train as tt
from config import load_config
from nlp.document import Document
from nlp.tone_model import ToneFeatures, shipped_lsa, window
from nlp.topic_features import SEED, Lsa, fit_lsa, syllable_terms
from nlp.topic_model import MIN_POSITIVES, TopicModel, article_of
from pipeline.topics.train import unlabeled_texts

POOL_SAMPLE = 8  # self-training: 1 in POOL_SAMPLE unlabeled pool articles (by id hash)
W2V_DIMS = 100
TOPIC_PREFIX = "topicp:"


def cached(name: str, make: Callable[[], Any]) -> Any:
    cache = Path(tempfile.gettempdir()) / f"duluan_tone_{name}_{os.getuid()}.pkl"
    if cache.is_file():
        with cache.open("rb") as fh:
            return pickle.load(fh)
    value = make()
    with cache.open("wb") as fh:
        pickle.dump(value, fh)
    return value


def _ids(path: Path) -> set[str]:
    with path.open(encoding="utf-8") as fh:
        return {json.loads(line)["id"] for line in fh if line.strip()}


def labeled_ids() -> frozenset[str]:
    """Every tone-labeled article (scored and extra): left out of what is learned from the pool."""
    return frozenset(
        _ids(corpus_dir() / "train-tone.jsonl") | _ids(ROOT / "nlp" / "data" / "tone_labels_extra.jsonl")
    )


def scored_ids() -> frozenset[str]:
    return frozenset(_ids(corpus_dir() / "train-tone.jsonl"))


def pool_lsa(dims: int) -> Lsa:
    """An LSA fitted by `fit_lsa` on the pool less the 600 scored articles (their folds stay unseen)."""
    pool = corpus_dir() / "pool.jsonl"
    return cached(f"lsa{dims}", lambda: fit_lsa(unlabeled_texts(pool, skip=scored_ids()), dims=dims))


def word2vec() -> Any:
    """Syllable Word2Vec trained on the pool less the 600 scored articles (gensim, when installed)."""
    from gensim.models import Word2Vec

    def make() -> Any:
        texts = unlabeled_texts(corpus_dir() / "pool.jsonl", skip=scored_ids())
        sentences = [[t for t in terms if " " not in t] for terms in texts]
        model = Word2Vec(sentences, vector_size=W2V_DIMS, window=5, min_count=5, workers=1, seed=1, epochs=5)
        return model.wv

    return cached("w2v", make)


def mean_vector(wv: Any, doc: Document) -> list[float]:
    import numpy as np

    heads = [text for zone, text, _ in window(doc) if zone == "title"]
    syl = [t for t in syllable_terms(*heads, *(text for _, text, _ in window(doc))) if " " not in t]
    rows = [wv[t] for t in syl if t in wv.key_to_index]
    if not rows:
        return [0.0] * W2V_DIMS
    v = np.mean(rows, axis=0)
    return list(map(float, v / max(float(np.linalg.norm(v)), 1e-6)))


def pool_docs() -> list[Document]:
    """A sample of the unlabeled pool (1 in POOL_SAMPLE by id hash, no labeled article), prepared."""

    def make() -> list[Document]:
        from pipeline.topics.tone_labeled import ToneArticle

        skip = labeled_ids()
        chosen = []
        with (corpus_dir() / "pool.jsonl").open(encoding="utf-8") as fh:
            for line in fh:
                r = json.loads(line)
                if r["id"] in skip or not isinstance(r.get("text"), str):
                    continue
                if int(hashlib.sha1(f"s7-self:{r['id']}".encode()).hexdigest(), 16) % POOL_SAMPLE:
                    continue
                chosen.append(ToneArticle(r["id"], r.get("title"), r.get("sapo"), r["text"], "neutral"))
        return tt.prepare_articles(chosen, 2)

    return cached(f"pool{POOL_SAMPLE}", make)


def self_training(
    pool: list[ToneFeatures],
    threshold: float,
    weight: float,
    weights: dict[int, float],
    weighted_fit: Any,
    keep: tuple[str, ...] = tt.CLASSES,
) -> Any:
    """`tone_train.train` wrapped: the model of the training part labels the pool sample; the labels of
    the classes `keep` it is at least `threshold` sure of join the training part at `weight` (recorded in
    `weights`, read by `weighted_fit`), never scored; trained and tuned again."""
    plain = tt.train

    def train(ids: Any, feats: Any, labels: Any, *, scored: Any = None, **kw: Any) -> Any:
        scored = list(scored) if scored is not None else [True] * len(ids)
        first = plain(ids, feats, labels, scored=scored, **kw)
        picked = []
        for k, f in enumerate(pool):
            d = first.decide(f, reasons=0)
            if d.label in keep and d.probabilities[d.label] >= threshold:
                picked.append((k, d.label))
        for k, _ in picked:
            weights[id(pool[k])] = weight
        before = tt.fit
        tt.fit = weighted_fit
        try:
            return plain(
                [*ids, *(f"pool:{k}" for k, _ in picked)],
                [*feats, *(pool[k] for k, _ in picked)],
                [*labels, *(label for _, label in picked)],
                scored=[*scored, *([False] * len(picked))],
                **kw,
            )
        finally:
            tt.fit = before
            counts = " ".join(f"{c}:{sum(1 for _, label in picked if label == c)}" for c in tt.CLASSES)
            print(f"self-training: pseudo-labels {counts}", flush=True)

    return train


def topic_model_without_scored() -> TopicModel:
    """The shipped topic model's recipe (docs/nlp.md: news-labels, train-labels and the extra topic labels,
    the shipped LSA, `--folds 0`) on the labeled articles less the 600 scored for tone."""

    def make() -> TopicModel:
        from pipeline.topics.labeled import LabeledSet, merged, read_labeled
        from pipeline.topics.train import _features, _rules, _train, prepare_all

        corpus = corpus_dir()
        app = load_config({}, environ={})
        texts = [corpus / "news.jsonl", corpus / "pool.jsonl"]
        topic_ids = {t.id for t in app.topics.topics}
        data = LabeledSet()
        for path in (
            corpus / "news-labels.jsonl",
            corpus / "train-labels.jsonl",
            ROOT / "nlp" / "data" / "topic_labels_extra.jsonl",
        ):
            data = merged(data, read_labeled(path, texts=texts, topic_ids=topic_ids))
        skip = scored_ids()
        articles = [a for a in data.articles if a.id not in skip]
        print(f"topic model refit on {len(articles)} of {len(data.articles)} labeled articles", flush=True)
        rules = _rules(app)
        feats, _ = _features(rules, prepare_all(articles, 1))
        model = _train(rules, articles, feats, shipped_lsa(), SEED, MIN_POSITIVES)
        assert not model.trained_ids & skip
        return model

    return cached("topicmodel_s8", make)


def topic_probabilities(model: TopicModel, doc: Document, rules: Any, scored: Any) -> dict[str, float]:
    """The per-topic probabilities of `model` for an article, as named dense features."""
    p = model.probabilities([article_of(doc, rules, scored)])[0]
    return {f"{TOPIC_PREFIX}{t}": v for t, v in p.items()}
