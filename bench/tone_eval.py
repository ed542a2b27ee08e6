"""The lexicon alone and the learned tone model side by side, in one run, by 5-fold cross-validation.

Joins the corpus's `train-tone.jsonl` ({id, tone}) with `pool.jsonl` (the texts) and prints, for the
lexicon of `nlp.tone` (as the annotator used it before the model: the whole article) and for the tone
model of `nlp.tone_model`, the confusion matrix, per-class precision, recall and F1, accuracy and
macro-F1. The model's figures are held out: each article is labeled by a model trained on the four
other folds (folds fixed by a hash of the id), whose C and class biases were chosen by an inner
cross-validation of those four folds only. The lexicon is not trained; its weights were written by
hand before these labels existed.

The corpus is `$DULUAN_CORPUS` or `../shared/corpus` next to the project; when it is absent the script
says so and exits 0. Usage:

    python bench/tone_eval.py [--folds 5] [--processes N] [--errors] [--lsa] [--extra LABELS.jsonl]

`--extra`: more tone labels ({id, tone} of pool articles, e.g. `nlp/data/tone_labels_extra.jsonl`) added to
the training data of every fold and never scored: the figures stay those of the corpus's 600.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

from common import ROOT, corpus_dir  # noqa: F401 - first: puts the repository on the path

from config import load_config
from nlp.tone_model import shipped_lsa
from nlp.topics import compile_rules
from pipeline.topics.tone_labeled import read_tone_labels
from pipeline.topics.tone_train import (
    SEED,
    ExtraLabels,
    cross_validate,
    features_of,
    lexicon_label,
    prepare_articles,
)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--processes", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--errors", action="store_true", help="List the model's held-out mistakes by id.")
    parser.add_argument("--lsa", action="store_true", help="The model with the topic model's LSA features.")
    parser.add_argument(
        "--extra", type=Path, help="More tone labels (id, tone), used for training, never scored."
    )
    args = parser.parse_args()
    corpus = corpus_dir()
    labels, texts = corpus / "train-tone.jsonl", corpus / "pool.jsonl"
    if not labels.is_file() or not texts.is_file():
        print(f"corpus not found at {corpus}: nothing to evaluate")
        return 0
    started = time.monotonic()
    data = read_tone_labels(labels, texts=texts)
    docs = prepare_articles(data.articles, args.processes)
    rules = compile_rules(load_config({}, environ={}).topics.topics)
    ids = [a.id for a in data.articles]
    gold = [a.tone for a in data.articles]
    lsa = shipped_lsa() if args.lsa else None
    extra = ExtraLabels()
    if args.extra is not None:
        more = read_tone_labels(args.extra, texts=texts)
        extra = ExtraLabels(
            ids=[a.id for a in more.articles],
            feats=features_of(prepare_articles(more.articles, args.processes), rules, lsa),
            labels=[a.tone for a in more.articles],
        )
        extra_counts = {t: list(extra.labels).count(t) for t in sorted(set(extra.labels))}
        print(
            f"extra labels (training only, never scored): {len(extra.ids)} {extra_counts} from {args.extra}"
        )
    cv = cross_validate(
        ids,
        features_of(docs, rules, lsa),
        gold,
        [lexicon_label(d) for d in docs],
        folds=args.folds,
        seed=args.seed,
        extra=extra,
        progress=lambda line: print("  " + line, flush=True),
    )
    counts = {t: gold.count(t) for t in sorted(set(gold))}
    features_used = "with the LSA of nlp/data/topics.npz" if args.lsa else "without the LSA (default)"
    print(f"{len(ids)} articles {counts}, {args.folds}-fold cross-validation by id, seed {args.seed}")
    print(f"tone model features: {features_used}")
    for name, report in (("lexicon alone (nlp.tone)", cv.lexicon), ("tone model, held out", cv.model)):
        print(f"\n{name}:")
        for line in report.lines():
            print("  " + line)
    print("\nside by side:        lexicon   model")
    for label, a, b in (
        ("accuracy", cv.lexicon.accuracy, cv.model.accuracy),
        ("macro-F1", cv.lexicon.macro_f1, cv.model.macro_f1),
        ("positive precision", cv.lexicon.precision("positive"), cv.model.precision("positive")),
        ("positive recall", cv.lexicon.recall("positive"), cv.model.recall("positive")),
    ):
        print(f"  {label:18} {a:8.3f} {b:7.3f}")
    if args.errors:
        for article_id, label in zip(ids, gold, strict=True):
            if cv.predicted[article_id] != label:
                print(f"  {article_id}: gold {label}, called {cv.predicted[article_id]}")
    print(f"\n{time.monotonic() - started:.0f} s; load average {os.getloadavg()[0]:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
