"""Topic model variants in the nested cross-validation of `bench/topics_eval.py` (an experiment, issue 13).

Segments once and fits once: the prepared articles (the 1,408 scored, the extra labels) and the pool's LSA
are cached under $TMPDIR (keyed by a hash of the label files), and so is every fit, one file per (C, split):
for each outer split (the 5 CV folds by id hash, and the hold-out train-labels + extra -> news-labels) the
inner out-of-fold probabilities of the training part (`INNER_FOLDS` folds by id hash, as `train` makes
them), each inner model's probabilities on the split's test articles, and the probabilities of the model
fitted on the whole training part. Variants are then decision rules over those fits, so `base` reproduces
`python bench/topics_eval.py --extra nlp/data/topic_labels_extra.jsonl` exactly. Usage:

    python bench/topics_variants.py --extra nlp/data/topic_labels_extra.jsonl [--inner 4] VARIANT ...

Variants: `base` (C 8); `cX` (one C for every topic, e.g. `c4`, fitted if not cached); `pcgrid` (per topic
the C of `--grid` whose inner out-of-fold F1, at its best threshold pair, is highest; ties to the C nearest
8); `cgrid` (one C for all topics, the grid's best summed inner F1); `stack` (a second per-topic logistic
regression over the logits of every topic's first-stage probability, fitted on the inner out-of-fold
probabilities; its thresholds chosen on its own out-of-fold predictions across the inner folds);
`stackbag` (the same, its test inputs the mean of the inner models' probabilities); `nbW` (the regression's
probabilities averaged with ComplementNB's over character 3-5-grams of the words, NB weighted W); `bag`
(the test probability is the mean of the inner models', whose out-of-fold predictions chose the
thresholds). `--inner 10` fits (C 8 only) with 10 inner folds instead of 4.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import pickle
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from common import ROOT, corpus_dir  # first: puts the repository on the path

import nlp.topic_model as tm
from config import load_config
from nlp.evaluation import Report
from nlp.topic_features import Vocabulary
from nlp.topic_model import NEVER, Decision, _best_pair, _f1, _fold, combine
from nlp.topics import TopicRules, compile_rules
from pipeline.topics.train import _features, fit_unlabeled, prepare_all

sys.path.insert(0, str(ROOT / "bench"))
from topics_eval import extra_set, labeled_sets

TMP = Path(tempfile.gettempdir())
GRID = (2.0, 4.0, 8.0, 16.0)


def _rules() -> TopicRules:
    return compile_rules(load_config({}, environ={}).topics.topics)


def _key(extra: Path) -> str:
    corpus = corpus_dir()
    raw = extra.read_bytes() + (corpus / "train-labels.jsonl").read_bytes()
    return hashlib.sha256(raw + (corpus / "news-labels.jsonl").read_bytes()).hexdigest()[:12]


def _cached(name: str, make: Any) -> Any:
    path = TMP / f"duluan_topics_{name}_{os.getuid()}.pkl"
    if path.is_file():
        with path.open("rb") as fh:
            return pickle.load(fh)
    value = make()
    with path.open("wb") as fh:
        pickle.dump(value, fh)
    return value


def load(extra: Path) -> dict[str, Any]:
    """The scored and extra articles, prepared, and the LSA of the pool less every labeled id."""

    def make() -> dict[str, Any]:
        corpus = corpus_dir()
        topic_ids = {t.id for t in load_config({}, environ={}).topics.topics}
        news, pool = labeled_sets(corpus, topic_ids)
        more = extra_set(corpus, extra, topic_ids, {a.id for a in news + pool})
        started = time.perf_counter()
        docs, more_docs = prepare_all(news + pool, 1), prepare_all(more, 1)
        print(f"segmented in {time.perf_counter() - started:.0f} s", flush=True)
        skip = frozenset(a.id for a in news + pool + more)
        lsa = fit_unlabeled(corpus / "pool.jsonl", skip=skip)
        print(f"LSA fitted, {time.perf_counter() - started:.0f} s", flush=True)
        return {"news": news, "pool": pool, "more": more, "docs": docs, "more_docs": more_docs, "lsa": lsa}

    return _cached(f"docs_{_key(extra)}", make)


@dataclass
class Split:
    """One outer split: its training part (scored train folds + extra) and its scored test articles."""

    name: str
    train: list[int]  # indices into the full list (scored, then extra)
    test: list[int]


@dataclass
class Fits:
    """The fits of one split at one C (see the module docstring)."""

    modelled: tuple[str, ...]
    inner: np.ndarray  # (train, modelled) inner out-of-fold probabilities
    inner_test: list[np.ndarray]  # per inner fold (test, modelled): that inner model on the test part
    final: np.ndarray  # (test, modelled): the model of the whole training part


def _probs(rules, lsa, feats, labels, fit_idx, apply_idx, topics, c: float) -> list[np.ndarray]:
    """Fit one regression per topic on `fit_idx` at C `c`; probabilities on each index list of
    `apply_idx` (columns of `topics` not fittable stay 0)."""
    fit = [feats[i] for i in fit_idx]
    sub = [labels[i] for i in fit_idx]
    words = Vocabulary.fit([a.words for a in fit], min_df=tm.MIN_DF, max_df=tm.MAX_DF)
    x = tm._design(words, lsa, fit, rules)
    xs = [tm._design(words, lsa, [feats[i] for i in idx], rules) for idx in apply_idx]
    out = [np.zeros((len(idx), len(topics))) for idx in apply_idx]
    tm.C = c
    for col, topic in enumerate(topics):
        y = np.asarray([int(topic in g) for g in sub])
        if not 0 < y.sum() < len(y):
            continue
        coef, intercept = tm._fit_coef(x, y, tm.SEED)
        for o, xa in zip(out, xs, strict=True):
            o[:, col] = 1.0 / (1.0 + np.exp(-(np.asarray(xa @ coef) + intercept)))
    return out


def fit_split(data: dict[str, Any], split: Split, c: float, inner_folds: int) -> Fits:
    rules, lsa, feats, labels, ids = data["rules"], data["lsa"], data["feats"], data["labels"], data["ids"]
    tr = split.train
    counts = {t: sum(t in labels[i] for i in tr) for t in rules.ids}
    modelled = tuple(t for t in rules.ids if tm.MIN_POSITIVES <= counts[t] < len(tr))
    folds = [_fold(ids[i], inner_folds) for i in tr]
    inner = np.zeros((len(tr), len(modelled)))
    inner_test = []
    for fold in range(inner_folds):
        fit_idx = [tr[k] for k, f in enumerate(folds) if f != fold]
        held = [k for k, f in enumerate(folds) if f == fold]
        p_held, p_test = _probs(
            rules, lsa, feats, labels, fit_idx, [[tr[k] for k in held], split.test], modelled, c
        )
        inner[held] = p_held
        inner_test.append(p_test)
    (final,) = _probs(rules, lsa, feats, labels, tr, [split.test], modelled, c)
    return Fits(modelled, inner, inner_test, final)


def splits(data: dict[str, Any], folds: int = 5) -> list[Split]:
    n_news, n_scored, n_all = len(data["news"]), data["n_scored"], len(data["ids"])
    extra = list(range(n_scored, n_all))
    assigned = [_fold(data["ids"][i], folds) for i in range(n_scored)]
    out = [
        Split(
            f"cv{f}",
            [i for i in range(n_scored) if assigned[i] != f] + extra,
            [i for i in range(n_scored) if assigned[i] == f],
        )
        for f in range(folds)
    ]
    out.append(Split("holdout", list(range(n_news, n_scored)) + extra, list(range(n_news))))
    return out


class _Decided:
    """What `combine` reads of a model: each topic's decision."""

    def __init__(self, decisions: Sequence[Decision]) -> None:
        self.by = {d.topic: d for d in decisions}

    def decision(self, topic: str) -> Decision | None:
        return self.by.get(topic)


def decide(data: dict[str, Any], tr: list[int], modelled: Sequence[str], oof: np.ndarray) -> list[Decision]:
    """Each topic's decider and thresholds from out-of-fold probabilities, as `train` chooses them."""
    rules, labels, feats = data["rules"], data["labels"], data["feats"]
    thresholds = dict(zip(rules.ids, rules.thresholds, strict=True))
    out = []
    for col, topic in enumerate(modelled):
        y = np.asarray([int(topic in labels[i]) for i in tr])
        scores = np.asarray([feats[i].rule_scores.get(topic, 0.0) for i in tr])
        rules_f1 = _f1(scores >= thresholds[topic], y)
        t, unmatched, model_f1 = _best_pair(oof[:, col], scores > 0, y)
        count = int(y.sum())
        if rules_f1 >= model_f1:
            out.append(Decision(topic, "rules", t, count))
        elif unmatched >= NEVER:
            out.append(Decision(topic, "model+phrases", t, count))
        else:
            out.append(Decision(topic, "model", t, count, unmatched))
    return out


def score(
    data: dict[str, Any], split: Split, modelled, decisions, test_p: np.ndarray, report: Report
) -> None:
    rules, scored = data["rules"], data["scored"]
    model = _Decided(decisions)
    for row, i in enumerate(split.test):
        p = dict(zip(modelled, map(float, test_p[row]), strict=True))
        got = {m.topic_id for m in combine(scored[i], p, rules, model)}  # type: ignore[arg-type]
        a = data["articles"][i]
        report.add(a.id, set(a.topics), set(a.disputed), got)


def _inner_f1(data, tr, modelled, oof) -> np.ndarray:
    """Per topic, the model's best inner out-of-fold F1 (at its best threshold pair)."""
    labels, feats = data["labels"], data["feats"]
    out = np.zeros(len(modelled))
    for col, topic in enumerate(modelled):
        y = np.asarray([int(topic in labels[i]) for i in tr])
        scores = np.asarray([feats[i].rule_scores.get(topic, 0.0) for i in tr])
        out[col] = _best_pair(oof[:, col], scores > 0, y)[2]
    return out


def _logit(p: np.ndarray) -> np.ndarray:
    q = np.clip(p, 1e-4, 1 - 1e-4)
    return np.log(q / (1 - q))


def _stack(
    data, split: Split, fits: Fits, inner_folds: int, bagged: bool = False
) -> tuple[np.ndarray, np.ndarray]:
    """Second stage: (its out-of-fold probabilities on the training part, its probabilities on the test);
    `bagged`: its test inputs are the inner models' mean probabilities, on the scale it was fitted on."""
    from sklearn.linear_model import LogisticRegression

    tr, labels = split.train, data["labels"]
    xin = _logit(fits.inner)
    xte = _logit(np.mean(fits.inner_test, axis=0) if bagged else fits.final)
    folds = np.asarray([_fold(data["ids"][i], inner_folds) for i in tr])
    oof2, test2 = np.zeros_like(fits.inner), np.zeros_like(fits.final)
    for col, topic in enumerate(fits.modelled):
        y = np.asarray([int(topic in labels[i]) for i in tr])
        for f in range(inner_folds):
            fit = folds != f
            clf = LogisticRegression(C=1.0, class_weight="balanced", max_iter=1000).fit(xin[fit], y[fit])
            oof2[~fit, col] = clf.predict_proba(xin[~fit])[:, 1]
        clf = LogisticRegression(C=1.0, class_weight="balanced", max_iter=1000).fit(xin, y)
        test2[:, col] = clf.predict_proba(xte)[:, 1]
    return oof2, test2


def nb_split(data: dict[str, Any], split: Split, modelled: Sequence[str], inner_folds: int) -> Fits:
    """`Fits` of a second learner: ComplementNB over character 3-5-grams of the segmented words."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.naive_bayes import ComplementNB

    feats, labels, ids, tr = data["feats"], data["labels"], data["ids"], split.train

    def probs(fit_idx: list[int], apply_idx: list[list[int]]) -> list[np.ndarray]:
        vec = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), min_df=2, sublinear_tf=True)
        x = vec.fit_transform([" ".join(feats[i].words) for i in fit_idx])
        xs = [vec.transform([" ".join(feats[i].words) for i in idx]) for idx in apply_idx]
        out = [np.zeros((len(idx), len(modelled))) for idx in apply_idx]
        for col, topic in enumerate(modelled):
            y = np.asarray([int(topic in labels[i]) for i in fit_idx])
            if 0 < y.sum() < len(y):
                clf = ComplementNB(alpha=0.3).fit(x, y)
                for o, xa in zip(out, xs, strict=True):
                    o[:, col] = clf.predict_proba(xa)[:, 1]
        return out

    folds = [_fold(ids[i], inner_folds) for i in tr]
    inner = np.zeros((len(tr), len(modelled)))
    for fold in range(inner_folds):
        held = [k for k, f in enumerate(folds) if f == fold]
        (inner[held],) = probs([tr[k] for k, f in enumerate(folds) if f != fold], [[tr[k] for k in held]])
    (final,) = probs(tr, [split.test])
    return Fits(tuple(modelled), inner, [], final)


def run_variant(
    data, name: str, get_fits, inner_folds: int, grid: Sequence[float] = GRID, get_nb: Any = None
) -> tuple[Report, Report]:
    rules = data["rules"]
    cv, ho = Report.for_topics(rules.ids), Report.for_topics(rules.ids)
    for split in splits(data):
        report = ho if split.name == "holdout" else cv
        if name == "base" or (name.startswith("c") and name[1:].replace(".", "").isdigit()):
            c = 8.0 if name == "base" else float(name[1:])
            f = get_fits(split, c)
            oof, test = f.inner, f.final
        elif name in ("pcgrid", "cgrid"):
            fits = {c: get_fits(split, c) for c in grid}
            f = fits[8.0]
            scores = {c: _inner_f1(data, split.train, f.modelled, fits[c].inner) for c in grid}
            order = sorted(grid, key=lambda c: abs(np.log2(c / 8.0)))  # ties: nearest 8 first
            if name == "cgrid":
                best = max(order, key=lambda c: round(float(scores[c].sum()), 9))
                chosen = [best] * len(f.modelled)
            else:
                chosen = [
                    max(order, key=lambda c, k=k: round(float(scores[c][k]), 9))
                    for k in range(len(f.modelled))
                ]
            print(
                f"  {split.name} C: "
                + " ".join(f"{t[:6]}={c:g}" for t, c in zip(f.modelled, chosen, strict=True))
            )
            oof = np.column_stack([fits[c].inner[:, k] for k, c in enumerate(chosen)])
            test = np.column_stack([fits[c].final[:, k] for k, c in enumerate(chosen)])
        elif name in ("stack", "stackbag"):
            f = get_fits(split, 8.0)
            oof, test = _stack(data, split, f, inner_folds, bagged=name == "stackbag")
        elif name.startswith("nb"):  # nbW: (1 - W) x the regression + W x ComplementNB, e.g. nb0.3
            f = get_fits(split, 8.0)
            nb = get_nb(split, f.modelled)
            w = float(name[2:] or 0.5)
            oof, test = (1 - w) * f.inner + w * nb.inner, (1 - w) * f.final + w * nb.final
        elif name == "bag":
            f = get_fits(split, 8.0)
            oof, test = f.inner, np.mean(f.inner_test, axis=0)
        else:
            raise SystemExit(f"unknown variant {name!r}")
        decisions = decide(data, split.train, f.modelled, oof)
        score(data, split, f.modelled, decisions, test, report)
    return cv, ho


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--extra", type=Path, required=True)
    parser.add_argument("--inner", type=int, default=tm.INNER_FOLDS)
    parser.add_argument("--min-support", type=int, default=5)
    parser.add_argument("--grid", default="2,4,8,16", help="the Cs of `pcgrid` and `cgrid`")
    parser.add_argument("--per-topic", action="store_true", help="print each variant's per-topic CV lines")
    parser.add_argument("variants", nargs="+")
    args = parser.parse_args(argv)
    if not (corpus_dir() / "pool.jsonl").exists():
        print(f"corpus not found at {corpus_dir()}: skipping")
        return 0
    data = load(args.extra)
    rules = _rules()
    articles = data["news"] + data["pool"] + data["more"]
    feats, scored = _cached(
        f"feats_{_key(args.extra)}", lambda: _features(rules, data["docs"] + data["more_docs"])
    )
    data.update(
        rules=rules,
        articles=articles,
        feats=feats,
        scored=scored,
        ids=[a.id for a in articles],
        labels=[set(a.topics) for a in articles],
        n_scored=len(data["news"]) + len(data["pool"]),
    )
    key = _key(args.extra)
    grid = tuple(float(c) for c in args.grid.split(","))

    def get_fits(split: Split, c: float) -> Fits:
        def make() -> Fits:
            started = time.perf_counter()
            out = fit_split(data, split, c, args.inner)
            print(
                f"  fitted {split.name} C {c:g} inner {args.inner} in {time.perf_counter() - started:.0f} s "
                f"(load {os.getloadavg()[0]:.1f})",
                flush=True,
            )
            return out

        return _cached(f"fits_{key}_{split.name}_c{c:g}_i{args.inner}", make)

    def get_nb(split: Split, modelled: Sequence[str]) -> Fits:
        return _cached(
            f"nb_{key}_{split.name}_i{args.inner}", lambda: nb_split(data, split, modelled, args.inner)
        )

    ms = args.min_support
    for name in args.variants:
        cv, ho = run_variant(data, name, get_fits, args.inner, grid, get_nb)
        t, h = cv.total(), ho.total(ms)
        print(
            f"{name:8} CV micro>={ms} {cv.total(ms).f1:.3f} macro {cv.macro_f1(ms):.3f} "
            f"(P {t.precision:.3f} R {t.recall:.3f})  hold-out {h.f1:.3f} / {ho.macro_f1(ms):.3f}  "
            f"load {os.getloadavg()[0]:.1f}",
            flush=True,
        )
        if args.per_topic:
            print("\n".join(cv.lines(ms)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
