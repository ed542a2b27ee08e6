"""Tone model variants in the same nested cross-validation as `bench/tone_eval.py` (an experiment, issue 18).

Each variant changes the features or the fit of `pipeline.topics.tone_train` and is run through the same
`cross_validate` (outer folds by id, C and biases chosen in the inner folds, the extra labels in every
training part and never scored), so `base` reproduces `python bench/tone_eval.py --extra ...`. The prepared
articles are cached (pickled Documents under $TMPDIR, outside the repository, keyed by a hash of the
label files) so that variants do not segment again. Usage:

    python bench/tone_variants.py --extra nlp/data/tone_labels_extra.jsonl [--jobs 2] VARIANT ...

Variants: `base`; `title` (the title's words and word pairs again, as their own "t:" features); `tchar`
(character 3-grams of the title's words, "c:"); `topicev` (the topic rules' evidence in the headline:
per topic the log count of its phrases in the title / sapo, and whether a pressing topic is named there);
`wX` (the extra labels weighted X, e.g. `w0.5`); `twostage` (negative against the rest, then positive
against neutral, two binary logistic regressions each with its own C from the grid); combinations
joined by "+", e.g. `title+w0.7`. Each variant's held-out labels go to $TMPDIR for paired comparisons.

Variants using the unlabeled pool or the topic model (their code in `bench/tone_pool_variants.py`): `lsa`
(the shipped topic model's LSA vector, as `duluan tone train --lsa` adds it); `lsaN` (an LSA of N dimensions
fitted on the pool less the 600 scored articles); `w2v` (syllable Word2Vec of the same texts, the mean
vector); a pool vector at another weight than 1.0 beside the TF-IDF with "@", e.g. `lsa@0.5`; `selfT_W`
(self-training: the fold's model labels a sample of the pool, the pseudo-labels it is at least T sure of join
at weight W, never scored, e.g. `self0.9_0.3`) and `selfpnT_W` (the same keeping only negative and positive
pseudo-labels); `topicp` (the per-topic probabilities of a topic model refitted without the 600). Others:
`winN` (the readers' window cut to N characters, e.g. `win900`); `headlex` (the lexicon's sums over the
headline alone); `pmargin` (a positive call only at P(positive) of at least a margin, chosen with the biases
in the inner folds).
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import json
import math
import multiprocessing
import os
import pickle
import sys
import tempfile
import time
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from dataclasses import replace
from pathlib import Path
from typing import Any

from common import corpus_dir  # first: puts the repository on the path
from tone_pool_variants import (
    mean_vector,
    pool_docs,
    pool_lsa,
    self_training,
    topic_model_without_scored,
    topic_probabilities,
    word2vec,
)

import nlp.tone_model as tm
import pipeline.topics.tone_train as tt
from config import load_config
from nlp.document import Document
from nlp.tone import tone_of
from nlp.tone_model import LSA_PREFIX, ToneFeatures, _words, features, shipped_lsa
from nlp.topic_features import Lsa
from nlp.topics import TopicRules, compile_rules, score_document
from pipeline.topics.tone_labeled import read_tone_labels

_WEIGHTS: dict[int, float] = {}  # id(ToneFeatures) -> sample weight (the extra labels' objects)
_PLAIN_DECIDE = tm.ToneModel.decide
_FIT = tt.fit  # the unpatched fit (variants replace `tt.fit` with `_weighted_fit`, which calls this)


def _rules() -> TopicRules:
    return compile_rules(load_config({}, environ={}).topics.topics)


def _load(extra: Path, processes: int) -> dict[str, Any]:
    corpus = corpus_dir()
    key = hashlib.sha256(extra.read_bytes() + (corpus / "train-tone.jsonl").read_bytes()).hexdigest()[:12]
    cache = Path(tempfile.gettempdir()) / f"duluan_tone_docs_{os.getuid()}_{key}.pkl"  # per label files
    if cache.is_file():
        with cache.open("rb") as fh:
            return pickle.load(fh)
    texts = corpus / "pool.jsonl"
    data = read_tone_labels(corpus / "train-tone.jsonl", texts=texts)
    more = read_tone_labels(extra, texts=texts)
    out = {
        "ids": [a.id for a in data.articles],
        "gold": [a.tone for a in data.articles],
        "docs": tt.prepare_articles(data.articles, processes),
        "extra_ids": [a.id for a in more.articles],
        "extra_labels": [a.tone for a in more.articles],
        "extra_docs": tt.prepare_articles(more.articles, processes),
    }
    with cache.open("wb") as fh:
        pickle.dump(out, fh)
    return out


def variant_features(
    doc: Document,
    rules: TopicRules,
    parts: set[str],
    lsa: Lsa | None = None,
    wv: Any = None,
    topics: Any = None,
) -> ToneFeatures:
    scored = score_document(doc, rules)
    base = features(doc, rules, scored, lsa=lsa)
    terms: Counter[str] = Counter(base.terms)
    dense = dict(base.dense)
    title = [p for p in doc.paragraphs if p.zone == "title"]
    if "title" in parts:
        for p in title:
            tokens = _words(p.words)
            terms.update(f"t:{t}" for t in tokens)
            terms.update(f"t:{a} {b}" for a, b in itertools.pairwise(tokens))
    if "tchar" in parts:
        for p in title:
            for w in _words(p.words):
                padded = f"<{w}>"
                terms.update(f"c:{padded[i : i + 3]}" for i in range(len(padded) - 2))
    if "topicev" in parts:
        thresholds = dict(zip(rules.ids, rules.thresholds, strict=True))
        named = 0.0
        for m in scored:
            head = sum(e.count for e in m.evidence if e.field in ("title", "sapo"))
            if head:
                dense[f"topichead:{m.topic_id}"] = math.log1p(head)
                if m.score >= thresholds[m.topic_id]:
                    named = 1.0
        dense["topichead:pressing"] = named
    if "headlex" in parts:  # the lexicon's sums over the headline alone (title, sapo, lead)
        head = tone_of((p.zone, p.text) for p in doc.paragraphs if p.zone in ("title", "sapo", "lead"))
        dense["headlex:negative"] = math.log1p(head.negative)
        dense["headlex:positive"] = math.log1p(head.positive)
        dense["headlex:score"] = head.score
    if wv is not None:  # unit length, not standardised (the LSA's treatment in `tone_train.fit`)
        dense.update((f"{LSA_PREFIX}w2v{k}", v) for k, v in enumerate(mean_vector(wv, doc)))
    if topics is not None:  # standardised like the other dense features
        dense.update(topic_probabilities(topics, doc, rules, scored))
    return ToneFeatures(terms=terms, dense=dense, lexicon=base.lexicon)


def _weighted_fit(feats: Any, labels: Any, *, c: float) -> Any:
    """`tone_train.fit` with sample weights (the extra labels' weight)."""
    return _FIT(feats, labels, c=c, sample_weight=[_WEIGHTS.get(id(f), 1.0) for f in feats])


class _Pair(tuple):  # (C of stage 1, C of stage 2), printed by cross_validate as "C=a/b"
    def __format__(self, spec: str) -> str:
        return "/".join(format(v, spec) for v in self)


def _fit_binary(feats: Any, positive: Any, c: float) -> Any:
    """A binary logistic regression on the same inputs as `tone_train.fit`; returns P(class) of features."""
    import numpy as np
    from sklearn.linear_model import LogisticRegression
    from threadpoolctl import threadpool_limits

    vocab, idf = tt._vocabulary(feats)
    names = sorted({n for f in feats for n in f.dense})
    raw = np.asarray([[f.dense.get(n, 0.0) for n in names] for f in feats])
    mean, scale = raw.mean(axis=0), raw.std(axis=0)
    scale[scale == 0] = 1.0
    x = tt._matrix(feats, vocab, idf, names, mean, scale)
    w = np.asarray([_WEIGHTS.get(id(f), 1.0) for f in feats])
    clf = LogisticRegression(C=c, class_weight="balanced", solver="newton-cg", max_iter=1000)
    with threadpool_limits(1):
        clf.fit(x, np.asarray(positive, dtype=int), sample_weight=w)
    return lambda fs: clf.predict_proba(tt._matrix(fs, vocab, idf, names, mean, scale))[:, 1]


class _TwoStageModel:
    def __init__(self, p_neg: Any, p_pos: Any, bias: tuple[float, ...], c: _Pair) -> None:
        self.p_neg, self.p_pos, self.bias, self.info = p_neg, p_pos, bias, {"C": c}

    def probabilities(self, feats: Any) -> list[dict[str, float]]:
        return _combine(self.p_neg(feats), self.p_pos(feats))

    def decide(self, f: Any, reasons: int = 0) -> Any:
        from types import SimpleNamespace

        p = self.probabilities([f])
        return SimpleNamespace(label=tt._labels(p, self.bias)[0], probabilities=p[0])


def _combine(p_neg: Any, p_pos: Any) -> list[dict[str, float]]:
    return [
        {"negative": float(a), "neutral": float((1 - a) * (1 - b)), "positive": float((1 - a) * b)}
        for a, b in zip(p_neg, p_pos, strict=True)
    ]


def _train_two_stage(
    ids: Any, feats: Any, labels: Any, *, seed: int = tt.SEED, scored: Any = None, **_: Any
) -> Any:
    """Negative against the rest, then positive against neutral among the others, each with its own C;
    the C pair and the biases chosen as `tone_train.train` chooses them (inner folds, scored articles)."""
    import numpy as np

    judged = list(scored) if scored is not None else [True] * len(ids)
    inner = [tt.fold_of(i, tt.INNER_FOLDS, f"{seed}:") if j else -1 for i, j in zip(ids, judged, strict=True)]
    n = len(ids)
    oof1 = {c: np.full(n, 1 / 3) for c in tt.C_GRID}
    oof2 = {c: np.full(n, 0.5) for c in tt.C_GRID}
    for fold in range(tt.INNER_FOLDS):
        tr = [i for i in range(n) if inner[i] != fold]
        te = [i for i in range(n) if inner[i] == fold]
        tr2 = [i for i in tr if labels[i] != "negative"]
        for c in tt.C_GRID:
            p1 = _fit_binary([feats[i] for i in tr], [labels[i] == "negative" for i in tr], c)
            oof1[c][te] = p1([feats[i] for i in te])
            p2 = _fit_binary([feats[i] for i in tr2], [labels[i] == "positive" for i in tr2], c)
            oof2[c][te] = p2([feats[i] for i in te])
    kept = [i for i in range(n) if judged[i]]
    best = None
    for c1, c2 in itertools.product(tt.C_GRID, tt.C_GRID):
        probs = _combine(oof1[c1][kept], oof2[c2][kept])
        bias, score = tt.tune_bias(probs, [labels[i] for i in kept])
        if best is None or score > best[0]:
            best = (score, c1, c2, bias)
    assert best is not None
    _, c1, c2, bias = best
    rest = [i for i in range(n) if labels[i] != "negative"]
    p1 = _fit_binary(feats, [label == "negative" for label in labels], c1)
    p2 = _fit_binary([feats[i] for i in rest], [labels[i] == "positive" for i in rest], c2)
    return _TwoStageModel(p1, p2, bias, _Pair((c1, c2)))


class _Bias(tuple):  # the biases, carrying the least P(positive) of a positive call (`pmargin`)
    margin = 0.0

    def __repr__(self) -> str:
        return f"{tuple(self)} margin {self.margin:g}"


MARGIN_GRID = (0.0, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7)


def _margin_labels(logp: Any, bias: Any, margin: float) -> Any:
    """The biased arg max; a positive call below `margin` of P(positive) goes to the better other class."""
    import numpy as np

    scores = logp + np.asarray(bias)
    called = scores.argmax(axis=1)
    low = (called == 2) & (np.exp(logp[:, 2]) < margin)
    called[low] = scores[low, :2].argmax(axis=1)
    return called


def _tune_bias_margin(probabilities: Any, gold: Any) -> tuple[tuple[float, ...], float]:
    """`tone_train.tune_bias` with a third setting, the margin (from MARGIN_GRID), chosen by the same rule
    on the same out-of-fold probabilities; ties to the smallest margin, then the smallest biases."""
    import numpy as np

    logp = tt._log_probabilities(probabilities)
    truth = np.asarray([tt.CLASSES.index(g) for g in gold])
    best: Any = None
    for neutral, pos, margin in itertools.product(tt.BIAS_GRID, tt.BIAS_GRID, MARGIN_GRID):
        called = _margin_labels(logp, (0.0, neutral, pos), margin)
        tp = np.asarray([np.sum((called == k) & (truth == k)) for k in range(3)])
        n_called = np.bincount(called, minlength=3)
        n_gold = np.bincount(truth, minlength=3)
        macro = float(np.mean(2 * tp / np.maximum(n_called + n_gold, 1)))
        precision = tp[2] / n_called[2] if n_called[2] else 0.0
        precise = precision >= tt.POSITIVE_PRECISION
        key = (int(precise), macro if precise else precision, -margin, -abs(neutral) - abs(pos))
        if best is None or key > best[0]:
            best = (key, (0.0, neutral, pos), margin)
    bias = _Bias(best[1])
    bias.margin = best[2]
    return bias, best[0][1]


def _decide_margin(self: Any, feats: ToneFeatures, *, reasons: int = 0) -> Any:
    """`ToneModel.decide` with the margin of the model's biases (`pmargin`)."""
    import numpy as np

    d = _PLAIN_DECIDE(self, feats, reasons=reasons)
    margin = getattr(self.bias, "margin", 0.0)
    if d.label != "positive" or d.probabilities["positive"] >= margin:
        return d
    logp = np.log(np.maximum([[d.probabilities[c] for c in tt.CLASSES]], 1e-12))
    return replace(d, label=tt.CLASSES[int(_margin_labels(logp, self.bias, margin)[0])])


def run(variant: str, extra: str) -> dict[str, Any]:
    started = time.monotonic()
    data = _load(Path(extra), 1)
    rules = _rules()
    parts = set(variant.split("+"))
    for p in parts:
        if p.startswith("win"):
            tm.WINDOW_CHARS = int(p[3:])  # read by `window` at each call
    for p in [p for p in parts if "@" in p]:  # a pool vector at a weight, e.g. `lsa@0.5`
        parts.discard(p)
        name, weight = p.split("@")
        parts.add(name)
        tt.LSA_WEIGHT = float(weight)  # read by `tone_train.fit` at each call
    lsa = None
    for p in parts:
        if p == "lsa":
            lsa = shipped_lsa()
        elif p.startswith("lsa"):
            lsa = pool_lsa(int(p[3:]))
    wv = word2vec() if "w2v" in parts else None
    topics = topic_model_without_scored() if "topicp" in parts else None
    feats = [variant_features(d, rules, parts, lsa, wv, topics) for d in data["docs"]]
    extra_feats = [variant_features(d, rules, parts, lsa, wv, topics) for d in data["extra_docs"]]
    for p in parts:
        if p.startswith("self"):  # `selfT_W`, or `selfpnT_W`: positive and negative pseudo-labels only
            keep = ("negative", "positive") if p.startswith("selfpn") else tt.CLASSES
            threshold, weight = map(float, p.removeprefix("selfpn").removeprefix("self").split("_"))
            pool = [variant_features(d, rules, parts, lsa, wv, topics) for d in pool_docs()]
            tt.train = self_training(pool, threshold, weight, _WEIGHTS, _weighted_fit, keep)
    weights = [p for p in parts if p.startswith("w") and not p.startswith(("win", "w2v"))]
    if weights:
        weight = float(weights[0][1:])
        _WEIGHTS.update((id(f), weight) for f in extra_feats)
        tt.fit = _weighted_fit  # type: ignore[assignment]
    if "pmargin" in parts:
        tt.tune_bias = _tune_bias_margin  # type: ignore[assignment]
        tm.ToneModel.decide = _decide_margin  # type: ignore[method-assign]
    if "twostage" in parts:
        tt.train = _train_two_stage  # type: ignore[assignment]
    cv = tt.cross_validate(
        data["ids"],
        feats,
        data["gold"],
        ["neutral"] * len(feats),
        extra=tt.ExtraLabels(data["extra_ids"], extra_feats, data["extra_labels"]),
    )
    r = cv.model
    out = Path(tempfile.gettempdir()) / f"duluan_tone_variant_{variant}.json"
    out.write_text(json.dumps(cv.predicted, sort_keys=True), encoding="utf-8")  # for paired comparisons
    return {
        "variant": variant,
        "accuracy": round(r.accuracy, 3),
        "macro_f1": round(r.macro_f1, 3),
        "f1": {c: round(r.f1(c), 3) for c in tt.CLASSES},
        "pos_p": round(r.precision("positive"), 3),
        "pos_r": round(r.recall("positive"), 3),
        "neg_p": round(r.precision("negative"), 3),
        "neg_r": round(r.recall("negative"), 3),
        "confusion": " / ".join(" · ".join(str(r.confusion[g][c]) for c in tt.CLASSES) for g in tt.CLASSES),
        "settings": cv.settings,
        "seconds": round(time.monotonic() - started),
        "load": round(os.getloadavg()[0], 2),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("variants", nargs="+")
    parser.add_argument("--extra", type=Path, required=True)
    parser.add_argument("--jobs", type=int, default=1)
    args = parser.parse_args()
    if not (corpus_dir() / "train-tone.jsonl").is_file():
        print(f"corpus not found at {corpus_dir()}: nothing to evaluate")
        return 0
    _load(args.extra, 2)  # prepare (and cache) once, before the workers
    print(f"load average {os.getloadavg()[0]:.2f} at start", flush=True)
    # one fresh process per variant: a variant patches `tone_train.fit`
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(args.jobs, mp_context=context, max_tasks_per_child=1) as pool:
        for result in pool.map(run, args.variants, itertools.repeat(str(args.extra))):
            print(result, flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
