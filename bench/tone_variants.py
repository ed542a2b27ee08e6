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

Variants using the unlabeled pool (session 7): `lsa` (the LSA vector of the shipped topic model, fitted on
the pool, as `duluan tone train --lsa` adds it); `lsaN` (an LSA of N dimensions fitted here by
`nlp.topic_features.fit_lsa` on the pool less the 600 scored articles, e.g. `lsa300`); `w2v` (syllable
Word2Vec trained on the same pool texts, the article's mean vector, if gensim is installed); `selfT_W`
(self-training: inside each outer training part the fold's model labels a sample of the unlabeled pool,
never a labeled article; the pseudo-labels it is at least T sure of are added at weight W, never scored,
and the model is trained and tuned again, e.g. `self0.9_0.3`); `winN` (the readers' window cut to N
characters instead of 1,800, e.g. `win900`: the tone is decided by the main subject, told first);
`headlex` (the lexicon's sums over the headline alone, beside those of the window). Pool
vectors and prepared pool articles are cached under $TMPDIR too.
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
from pathlib import Path
from typing import Any

from common import ROOT, corpus_dir  # first: puts the repository on the path

import nlp.tone_model as tm
import pipeline.topics.tone_train as tt
from config import load_config
from nlp.document import Document
from nlp.tone import tone_of
from nlp.tone_model import LSA_PREFIX, ToneFeatures, _words, features, shipped_lsa, window
from nlp.topic_features import Lsa, fit_lsa, syllable_terms
from nlp.topics import TopicRules, compile_rules, score_document
from pipeline.topics.tone_labeled import read_tone_labels
from pipeline.topics.train import unlabeled_texts

POOL_SAMPLE = 8  # self-training: 1 in POOL_SAMPLE unlabeled pool articles (by id hash)
W2V_DIMS = 100

_WEIGHTS: dict[int, float] = {}  # id(ToneFeatures) -> sample weight (the extra labels' objects)
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


def _cached(name: str, make: Any) -> Any:
    cache = Path(tempfile.gettempdir()) / f"duluan_tone_{name}_{os.getuid()}.pkl"
    if cache.is_file():
        with cache.open("rb") as fh:
            return pickle.load(fh)
    value = make()
    with cache.open("wb") as fh:
        pickle.dump(value, fh)
    return value


def _labeled_ids() -> frozenset[str]:
    """Every labeled article (scored and extra): left out of what is learned from the pool."""
    corpus = corpus_dir()
    out = set()
    for path in (corpus / "train-tone.jsonl", ROOT / "nlp" / "data" / "tone_labels_extra.jsonl"):
        with path.open(encoding="utf-8") as fh:
            out.update(json.loads(line)["id"] for line in fh if line.strip())
    return frozenset(out)


def _scored_ids() -> frozenset[str]:
    with (corpus_dir() / "train-tone.jsonl").open(encoding="utf-8") as fh:
        return frozenset(json.loads(line)["id"] for line in fh if line.strip())


def _pool_lsa(dims: int) -> Lsa:
    """An LSA fitted by `fit_lsa` on the pool less the 600 scored articles (their folds stay unseen)."""
    pool = corpus_dir() / "pool.jsonl"
    return _cached(f"lsa{dims}", lambda: fit_lsa(unlabeled_texts(pool, skip=_scored_ids()), dims=dims))


def _word2vec() -> Any:
    """Syllable Word2Vec trained on the pool less the 600 scored articles (gensim, when installed)."""
    from gensim.models import Word2Vec

    def make() -> Any:
        pool = corpus_dir() / "pool.jsonl"
        texts = unlabeled_texts(pool, skip=_scored_ids())
        sentences = [[t for t in terms if " " not in t] for terms in texts]
        model = Word2Vec(sentences, vector_size=W2V_DIMS, window=5, min_count=5, workers=1, seed=1, epochs=5)
        return model.wv

    return _cached("w2v", make)


def _mean_vector(wv: Any, doc: Document) -> list[float]:
    import numpy as np

    heads = [text for zone, text, _ in window(doc) if zone == "title"]
    syl = [t for t in syllable_terms(*heads, *(text for _, text, _ in window(doc))) if " " not in t]
    rows = [wv[t] for t in syl if t in wv.key_to_index]
    if not rows:
        return [0.0] * W2V_DIMS
    v = np.mean(rows, axis=0)
    return list(map(float, v / max(float(np.linalg.norm(v)), 1e-6)))


def _pool_docs() -> list[Document]:
    """A sample of the unlabeled pool (1 in POOL_SAMPLE by id hash, no labeled article), prepared."""

    def make() -> list[Document]:
        from pipeline.topics.tone_labeled import ToneArticle

        skip = _labeled_ids()
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

    return _cached(f"pool{POOL_SAMPLE}", make)


def variant_features(
    doc: Document, rules: TopicRules, parts: set[str], lsa: Lsa | None = None, wv: Any = None
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
        dense.update((f"{LSA_PREFIX}w2v{k}", v) for k, v in enumerate(_mean_vector(wv, doc)))
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


def _self_training(pool: list[ToneFeatures], threshold: float, weight: float) -> Any:
    """`tone_train.train` wrapped: the model of the training part labels the pool sample; the labels it
    is at least `threshold` sure of join the training part at `weight`, never scored; trained again."""
    plain = tt.train
    log: list[str] = []

    def train(ids: Any, feats: Any, labels: Any, *, scored: Any = None, **kw: Any) -> Any:
        scored = list(scored) if scored is not None else [True] * len(ids)
        first = plain(ids, feats, labels, scored=scored, **kw)
        picked = []
        for k, f in enumerate(pool):
            d = first.decide(f, reasons=0)
            if d.probabilities[d.label] >= threshold:
                picked.append((k, d.label))
        for k, _ in picked:
            _WEIGHTS[id(pool[k])] = weight
        before = tt.fit
        tt.fit = _weighted_fit  # type: ignore[assignment]
        try:
            return plain(
                [*ids, *(f"pool:{k}" for k, _ in picked)],
                [*feats, *(pool[k] for k, _ in picked)],
                [*labels, *(label for _, label in picked)],
                scored=[*scored, *([False] * len(picked))],
                **kw,
            )
        finally:
            tt.fit = before  # type: ignore[assignment]
            log.append(" ".join(f"{c}:{sum(1 for _, label in picked if label == c)}" for c in tt.CLASSES))
            print(f"self-training: pseudo-labels {log[-1]}", flush=True)

    return train


def run(variant: str, extra: str) -> dict[str, Any]:
    started = time.monotonic()
    data = _load(Path(extra), 1)
    rules = _rules()
    parts = set(variant.split("+"))
    for p in parts:
        if p.startswith("win"):
            tm.WINDOW_CHARS = int(p[3:])  # read by `window` at each call
    lsa = None
    for p in parts:
        if p == "lsa":
            lsa = shipped_lsa()
        elif p.startswith("lsa"):
            lsa = _pool_lsa(int(p[3:]))
    wv = _word2vec() if "w2v" in parts else None
    feats = [variant_features(d, rules, parts, lsa, wv) for d in data["docs"]]
    extra_feats = [variant_features(d, rules, parts, lsa, wv) for d in data["extra_docs"]]
    for p in parts:
        if p.startswith("self"):
            threshold, weight = map(float, p[4:].split("_"))
            pool = [variant_features(d, rules, parts, lsa, wv) for d in _pool_docs()]
            tt.train = _self_training(pool, threshold, weight)  # type: ignore[assignment]
    weights = [p for p in parts if p.startswith("w") and not p.startswith(("win", "w2v"))]
    if weights:
        weight = float(weights[0][1:])
        _WEIGHTS.update((id(f), weight) for f in extra_feats)
        tt.fit = _weighted_fit  # type: ignore[assignment]
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
