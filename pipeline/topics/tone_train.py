"""Training and evaluating the tone model on labeled articles (`duluan tone train|eval`, bench/tone_eval.py).

Everything is decided inside the training data: the vocabulary and IDF, the regularisation `C` (from
`C_GRID`) and the class biases come from out-of-fold probabilities of an inner cross-validation of
the training articles (folds fixed by a hash of the id and the seed). `cross_validate` wraps that in
outer folds fixed by id, so each article is judged by a model that never saw it, tuned without it.
Same articles, labels and seed give the same model file, byte for byte.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import math
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from nlp.document import Document, prepare
from nlp.evaluation import ToneReport, report_of
from nlp.tone import tone_of
from nlp.tone_model import (
    CLASSES,
    FORMAT,
    LSA_PREFIX,
    LSA_WEIGHT,
    ToneFeatures,
    ToneModel,
    features,
    probe_vectors,
    to_json,
)
from nlp.topic_features import Lsa
from nlp.topics import TopicRules
from pipeline.topics.tone_labeled import ToneArticle

SEED = 20261204
FOLDS = 5
INNER_FOLDS = 5
C_GRID = (2.0, 8.0, 32.0)
MIN_DF = 3  # terms of fewer training articles are left out (as good, half the file: docs/benchmarks.md)
POSITIVE_PRECISION = 0.7  # wanted of the positive calls on the inner folds (the goal)
BIAS_GRID = tuple(round(-3.0 + 0.1 * i, 1) for i in range(61))
Progress = Callable[[str], None]


class ToneTrainError(Exception):
    """Labeled data the model cannot be trained on (one line, for the CLI)."""


def fold_of(article_id: str, folds: int, salt: str = "") -> int:
    """The fold of an article: a hash of its id (and `salt`), stable across runs and machines."""
    return int(hashlib.sha256(f"{salt}{article_id}".encode()).hexdigest(), 16) % folds


# --- fitting --------------------------------------------------------------------------------------


def _vocabulary(feats: Sequence[ToneFeatures]) -> tuple[list[str], np.ndarray]:
    df: dict[str, int] = {}
    for f in feats:
        for term in f.terms:
            df[term] = df.get(term, 0) + 1
    vocab = sorted(t for t, n in df.items() if n >= MIN_DF)
    n = len(feats)
    idf = np.asarray([math.log((1 + n) / (1 + df[t])) + 1.0 for t in vocab])
    return vocab, idf


def _matrix(
    feats: Sequence[ToneFeatures],
    vocab: Sequence[str],
    idf: np.ndarray,
    names: Sequence[str],
    mean: np.ndarray,
    scale: np.ndarray,
) -> Any:
    """The same inputs `ToneModel._inputs` builds at run time: L2-normalised TF-IDF, standardised dense."""
    from scipy.sparse import csr_matrix

    index = {t: i for i, t in enumerate(vocab)}
    width = len(vocab)
    data: list[float] = []
    columns: list[int] = []
    pointers = [0]
    for f in feats:
        row = {index[t]: (1.0 + math.log(n)) * idf[index[t]] for t, n in f.terms.items() if t in index}
        norm = math.sqrt(sum(v * v for v in row.values())) or 1.0
        for j in sorted(row):
            columns.append(j)
            data.append(row[j] / norm)
        dense = (np.asarray([f.dense.get(n, 0.0) for n in names]) - mean) / scale
        columns.extend(range(width, width + len(names)))
        data.extend(map(float, dense))
        pointers.append(len(data))
    return csr_matrix((data, columns, pointers), shape=(len(feats), width + len(names)))


def fit(
    feats: Sequence[ToneFeatures],
    labels: Sequence[str],
    *,
    c: float,
    sample_weight: Sequence[float] | None = None,
) -> ToneModel:
    """Multinomial logistic regression on the features (biases zero: see `tune_bias`); `sample_weight`
    (one per article, default 1) is for experiments that weigh some labels less (bench/tone_variants.py)."""
    from sklearn.linear_model import LogisticRegression
    from threadpoolctl import threadpool_limits

    if len(set(labels)) < len(CLASSES):
        missing = ", ".join(sorted(set(CLASSES) - set(labels)))
        raise ToneTrainError(f"no labeled example of {missing}: cannot train")
    vocab, idf = _vocabulary(feats)
    names = sorted({n for f in feats for n in f.dense})
    raw = np.asarray([[f.dense.get(n, 0.0) for n in names] for f in feats])
    mean = raw.mean(axis=0) if len(names) else np.zeros(0)
    scale = raw.std(axis=0) if len(names) else np.zeros(0)
    scale[scale == 0] = 1.0
    lsa = np.asarray([n.startswith(LSA_PREFIX) for n in names], dtype=bool)
    if lsa.any():  # the LSA vector as it is (unit length, weighted), not standardised
        mean[lsa], scale[lsa] = 0.0, 1.0 / LSA_WEIGHT
    x = _matrix(feats, vocab, idf, names, mean, scale)
    y = np.asarray([CLASSES.index(label) for label in labels])
    clf = LogisticRegression(C=c, class_weight="balanced", solver="newton-cg", max_iter=1000)
    with threadpool_limits(1):  # many BLAS threads on a small sparse problem: many times slower
        clf.fit(x, y, sample_weight=None if sample_weight is None else np.asarray(sample_weight))
    coef = np.zeros((len(CLASSES), x.shape[1]))
    intercept = np.zeros(len(CLASSES))
    for row, k in enumerate(clf.classes_):
        coef[k] = clf.coef_[row]
        intercept[k] = clf.intercept_[row]
    width = len(vocab)
    terms = {t: (float(idf[j]), *map(float, coef[:, j])) for j, t in enumerate(vocab)}
    dense = {
        n: (float(mean[i]), float(scale[i]), *map(float, coef[:, width + i])) for i, n in enumerate(names)
    }
    return ToneModel(
        classes=CLASSES,
        terms=terms,
        dense=dense,
        intercept=tuple(map(float, intercept)),
        bias=(0.0,) * len(CLASSES),
    )


def _labels(probabilities: Sequence[dict[str, float]], bias: Sequence[float]) -> list[str]:
    scores = _log_probabilities(probabilities) + np.asarray(bias)
    return [CLASSES[k] for k in scores.argmax(axis=1)]


def _log_probabilities(probabilities: Sequence[dict[str, float]]) -> np.ndarray:
    return np.log(np.maximum(np.asarray([[p[c] for c in CLASSES] for p in probabilities]), 1e-12))


def tune_bias(
    probabilities: Sequence[dict[str, float]], gold: Sequence[str]
) -> tuple[tuple[float, ...], float]:
    """Biases (negative fixed at 0) maximising macro-F1 among those keeping the positive precision at
    `POSITIVE_PRECISION` (or, when none does, the most precise positive calls), and that macro-F1.
    Ties go to the smallest biases, then the first in grid order."""
    logp = _log_probabilities(probabilities)
    truth = np.asarray([CLASSES.index(g) for g in gold])
    positive = CLASSES.index("positive")
    best: tuple[tuple[int, float, float], tuple[float, ...]] | None = None
    for neutral, pos in itertools.product(BIAS_GRID, BIAS_GRID):
        bias = (0.0, neutral, pos)
        called = (logp + np.asarray(bias)).argmax(axis=1)
        f1s = []
        for k in range(len(CLASSES)):
            tp = int(np.sum((called == k) & (truth == k)))
            n_called, n_gold = int(np.sum(called == k)), int(np.sum(truth == k))
            f1s.append(2 * tp / (n_called + n_gold) if n_called + n_gold else 0.0)
            if k == positive:
                precision = tp / n_called if n_called else 0.0
        macro = sum(f1s) / len(f1s)
        precise = precision >= POSITIVE_PRECISION
        key = (int(precise), macro if precise else precision, -abs(neutral) - abs(pos))
        if best is None or key > best[0]:
            best = (key, bias)
    assert best is not None
    return best[1], best[0][1]


def _probabilities(model: ToneModel, feats: Sequence[ToneFeatures]) -> list[dict[str, float]]:
    return [model.decide(f, reasons=0).probabilities for f in feats]


def train(
    ids: Sequence[str],
    feats: Sequence[ToneFeatures],
    labels: Sequence[str],
    *,
    seed: int = SEED,
    progress: Progress | None = None,
    lsa: Lsa | None = None,
    scored: Sequence[bool] | None = None,
) -> ToneModel:
    """The tone model of these articles: C and biases chosen by an inner cross-validation of them.
    `lsa`: the LSA the features were computed with (`features_of(..., lsa)`), recognised at load time.
    `scored`: which articles the inner cross-validation judges (default all); the others (extra
    labels, `duluan tone train --extra`) are in the training data of every inner fold, never judged,
    so C and the biases are chosen on the scored articles alone."""
    judged = [True] * len(ids) if scored is None else list(scored)
    if len(judged) != len(ids):
        raise ValueError("`scored` must have one flag per article")
    salt = f"{seed}:"
    inner = [fold_of(i, INNER_FOLDS, salt) if j else -1 for i, j in zip(ids, judged, strict=True)]
    best: tuple[float, float, tuple[float, ...]] | None = None
    for c in C_GRID:
        uniform = {k: 1.0 / len(CLASSES) for k in CLASSES}
        oof: list[dict[str, float]] = [uniform for _ in ids]
        for fold in range(INNER_FOLDS):
            train_idx = [i for i, f in enumerate(inner) if f != fold]
            test_idx = [i for i, f in enumerate(inner) if f == fold]
            if not test_idx or len({labels[i] for i in train_idx}) < len(CLASSES):
                continue  # a tiny set: this fold's articles keep uniform probabilities
            model = fit([feats[i] for i in train_idx], [labels[i] for i in train_idx], c=c)
            for i, p in zip(test_idx, _probabilities(model, [feats[i] for i in test_idx]), strict=True):
                oof[i] = p
        kept = [i for i, j in enumerate(judged) if j]
        bias, score = tune_bias([oof[i] for i in kept], [labels[i] for i in kept])
        if progress:
            progress(f"C={c:g}: inner macro-F1 {score:.3f}, bias {bias}")
        if best is None or score > best[0]:
            best = (score, c, bias)
    assert best is not None
    score, c, bias = best
    model = fit(feats, labels, c=c)
    counts = {k: sum(1 for label in labels if label == k) for k in CLASSES}
    digest = hashlib.sha256(
        json.dumps(sorted(zip(ids, labels, strict=True)), ensure_ascii=False).encode()
    ).hexdigest()[:16]
    info = {
        "trained_on": len(ids),
        "labels": counts,
        "labels_sha256": digest,
        "seed": seed,
        "C": c,
        "inner_macro_f1": round(score, 4),
        "extra_labels": len(ids) - sum(judged),  # trained on, never scored in the inner folds
        "format": FORMAT,
        "trained_ids": sorted(ids),
    }
    probes = tuple(tuple(p) for p in probe_vectors(lsa)) if lsa is not None else ()
    if lsa is not None:
        info["lsa_dims"] = int(lsa.components.shape[0])
    return ToneModel(
        model.classes, model.terms, model.dense, model.intercept, bias, info, lsa_probes=probes, lsa=lsa
    )


# --- cross-validation -------------------------------------------------------------------------


@dataclass(frozen=True)
class ExtraLabels:
    """Labeled articles used for training only, never scored (`duluan tone train --extra`)."""

    ids: Sequence[str] = ()
    feats: Sequence[ToneFeatures] = ()
    labels: Sequence[str] = ()


@dataclass
class CrossValidation:
    folds: int
    lexicon: ToneReport
    model: ToneReport
    predicted: dict[str, str]  # article id -> the model's held-out label
    settings: list[str]  # per outer fold: the C and biases chosen inside its training folds


def lexicon_label(doc: Document) -> str:
    """The lexicon's label as the annotator gives it without a model (the whole article)."""
    return tone_of((p.zone, p.text) for p in doc.paragraphs).label


def cross_validate(
    ids: Sequence[str],
    feats: Sequence[ToneFeatures],
    labels: Sequence[str],
    lexicon: Sequence[str],
    *,
    folds: int = FOLDS,
    seed: int = SEED,
    progress: Progress | None = None,
    extra: ExtraLabels | None = None,
) -> CrossValidation:
    """Each article labeled by a model trained and tuned on the other folds (fold = hash of the id).
    `extra`: labeled articles added to the training data of every fold and never scored (neither
    here nor in the inner folds that choose C and the biases); the figures stay those of `ids`."""
    extra = extra or ExtraLabels()
    overlap = set(ids) & set(extra.ids)
    if overlap:
        raise ToneTrainError(
            f"{len(overlap)} extra labels are also among the scored articles (e.g. {min(overlap)}): "
            "extra labels must be other articles"
        )
    outer = [fold_of(i, folds) for i in ids]
    predicted: dict[str, str] = {}
    settings = []
    for fold in range(folds):
        train_idx = [i for i, f in enumerate(outer) if f != fold]
        test_idx = [i for i, f in enumerate(outer) if f == fold]
        model = train(
            [*(ids[i] for i in train_idx), *extra.ids],
            [*(feats[i] for i in train_idx), *extra.feats],
            [*(labels[i] for i in train_idx), *extra.labels],
            seed=seed,
            scored=[True] * len(train_idx) + [False] * len(extra.ids),
        )
        settings.append(f"fold {fold}: C={model.info['C']:g} bias={model.bias}")
        if progress:
            progress(settings[-1])
        for i in test_idx:
            predicted[ids[i]] = model.decide(feats[i], reasons=0).label
    return CrossValidation(
        folds=folds,
        lexicon=report_of(labels, lexicon),
        model=report_of(labels, [predicted[i] for i in ids]),
        predicted=predicted,
        settings=settings,
    )


def _prepare(article: tuple[str | None, str | None, str]) -> Document:
    return prepare(title=article[0], sapo=article[1], body=article[2])


def prepare_articles(articles: Sequence[ToneArticle], processes: int = 1) -> list[Document]:
    """Each article normalised, cleaned and segmented (in worker processes for large sets)."""
    fields = [(a.title, a.sapo, a.text) for a in articles]
    if processes > 1 and len(fields) >= 64:
        with ProcessPoolExecutor(processes) as pool:
            return list(pool.map(_prepare, fields, chunksize=16))
    return [_prepare(f) for f in fields]


def features_of(docs: Sequence[Document], rules: TopicRules, lsa: Lsa | None = None) -> list[ToneFeatures]:
    return [features(d, rules, lsa=lsa) for d in docs]


def save(model: ToneModel, path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(path.suffix + ".tmp")
    tmp.write_text(to_json(model), encoding="utf-8")
    tmp.replace(path)
    return path
