"""`duluan tone train|eval TONE.jsonl`: the learned tone model (nlp.tone_model) and its evaluation."""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Annotated, Any

import typer

from pipeline.cli.common import UserError, console, get_app

app = typer.Typer(help="Train and evaluate the tone model on tone-labeled articles.", no_args_is_help=True)
log = logging.getLogger("duluan.tone")

LabelsArg = Annotated[
    Path,
    typer.Argument(
        help="JSONL of tone-labeled articles: id, tone (negative|neutral|positive), title, text; "
        "or id and tone only with --texts (see docs/nlp.md).",
        show_default=False,
    ),
]
TextsOption = Annotated[
    Path | None,
    typer.Option(
        "--texts", help="JSONL of the articles' texts (id, title, text), joined with the labels by id."
    ),
]
ExtraOption = Annotated[
    Path | None,
    typer.Option(
        "--extra",
        help="More tone-labeled articles (same format, texts from --texts), used for training, never "
        "scored: the cross-validation and the inner folds that choose C and the biases judge only "
        "the articles of LABELS.",
    ),
]


def _read(labels: Path, texts: Path | None) -> Any:
    from pipeline.topics.tone_labeled import ToneLabelError, read_tone_labels

    try:
        data = read_tone_labels(labels, texts=texts)
    except ToneLabelError as exc:
        raise UserError(str(exc)) from None
    for name, number, reason in data.skipped:
        log.warning("%s line %d skipped: %s", name, number, reason)
    if data.skipped:
        console.print(f"{len(data.skipped)} malformed lines skipped (see the log)")
    return data


def _docs(ctx: typer.Context, data: Any) -> list[Any]:
    from pipeline.topics.tone_train import prepare_articles

    processes = get_app(ctx, migrate=False).settings.annotate_processes or os.cpu_count() or 1
    with console.status("segmenting…"):
        return prepare_articles(data.articles, processes)


def _print(lines: list[str]) -> None:
    for line in lines:
        console.print("  " + line, markup=False, highlight=False)


@app.command()
def train(
    ctx: typer.Context,
    labels: LabelsArg,
    texts: TextsOption = None,
    extra: ExtraOption = None,
    folds: Annotated[
        int, typer.Option(min=0, help="Cross-validation folds reported before training (0: none).")
    ] = 5,
    seed: Annotated[int, typer.Option(help="Seed of the inner folds (same data and seed: same model).")] = 0,
    lsa: Annotated[
        bool,
        typer.Option(
            "--lsa",
            help="Add the syllable LSA of the shipped topic model to the features (measured, not the "
            "default: docs/benchmarks.md).",
        ),
    ] = False,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            help="Where to write the model (default <data_dir>/models/tone.json, which the annotator "
            "prefers to the shipped nlp/data/tone_model.json).",
        ),
    ] = None,
) -> None:
    """Fit the tone model (C and class biases chosen inside the training data) and store it."""
    from nlp.tone_model import MODEL_FILE, ToneModelError, shipped_lsa
    from nlp.topics import compile_rules
    from pipeline.topics.tone_train import (
        SEED,
        ExtraLabels,
        ToneTrainError,
        cross_validate,
        features_of,
        lexicon_label,
        save,
    )
    from pipeline.topics.tone_train import train as fit_model

    app_config = get_app(ctx, migrate=False)
    data = _read(labels, texts)
    docs = _docs(ctx, data)
    rules = compile_rules(app_config.topics.topics)
    try:
        pool_lsa = shipped_lsa() if lsa else None  # the topic tagger's LSA of the pool, reused
    except ToneModelError as exc:
        raise UserError(str(exc)) from None
    feats = features_of(docs, rules, pool_lsa)
    ids = [a.id for a in data.articles]
    gold = [a.tone for a in data.articles]
    more = ExtraLabels()
    if extra is not None:
        extra_data = _read(extra, texts)
        more = ExtraLabels(
            ids=[a.id for a in extra_data.articles],
            feats=features_of(_docs(ctx, extra_data), rules, pool_lsa),
            labels=[a.tone for a in extra_data.articles],
        )
    seed = seed or SEED
    try:
        if folds >= 2:
            with console.status(f"cross-validating ({folds} folds)…"):
                cv = cross_validate(
                    ids, feats, gold, [lexicon_label(d) for d in docs], folds=folds, seed=seed, extra=more
                )
            scope = f", {len(more.ids)} extra labels in every training fold, never scored" if more.ids else ""
            console.print(
                f"cross-validated on {len(ids)} articles ({folds} folds by id; tuned inside each{scope}):"
            )
            console.print("lexicon alone:")
            _print(cv.lexicon.lines())
            console.print("tone model:")
            _print(cv.model.lines())
        elif set(ids) & set(more.ids):
            raise ToneTrainError("extra labels must be other articles than those of LABELS")
        with console.status("training…"):
            model = fit_model(
                [*ids, *more.ids],
                [*feats, *more.feats],
                [*gold, *more.labels],
                seed=seed,
                lsa=pool_lsa,
                scored=[True] * len(ids) + [False] * len(more.ids),
            )
    except ToneTrainError as exc:
        raise UserError(str(exc)) from None
    path = save(model, output or app_config.settings.model_dir / MODEL_FILE)
    console.print(
        f"tone model trained on {model.info['trained_on']} articles"
        + (f" ({len(more.ids)} of them extra labels)" if more.ids else "")
        + f" ({model.info['labels']}), C={model.info['C']:g}, "
        f"bias {model.bias}; {len(model.terms)} terms"
    )
    console.print(f"stored in {path}")


@app.command("eval")
def evaluate_cmd(
    ctx: typer.Context,
    labels: LabelsArg,
    texts: TextsOption = None,
    lexicon: Annotated[bool, typer.Option("--lexicon", help="The lexicon alone, without the model.")] = False,
) -> None:
    """Confusion matrix, per-class precision, recall and F1, accuracy and macro-F1 of today's tone."""
    from nlp.evaluation import report_of
    from nlp.tone_model import ToneModelError, decide, load
    from nlp.topics import compile_rules
    from pipeline.topics.tone_train import lexicon_label

    app_config = get_app(ctx, migrate=False)
    try:
        model = None if lexicon else load(app_config.settings.model_dir)
    except ToneModelError as exc:
        raise UserError(str(exc)) from None
    data = _read(labels, texts)
    docs = _docs(ctx, data)
    rules = compile_rules(app_config.topics.topics)
    called = [lexicon_label(d) if model is None else decide(d, rules, model, reasons=0).label for d in docs]
    report = report_of([a.tone for a in data.articles], called)
    _print(report.lines())
    console.print(f"{report.total} articles, tone by the {'lexicon' if model is None else 'tone model'}")
    if model is not None:
        trained = set(model.info.get("trained_ids", ()))
        seen = sum(1 for a in data.articles if a.id in trained)
        if seen:
            console.print(
                f"note: the model was trained on {seen} of these articles; these figures are optimistic "
                "(see the cross-validated figures of `duluan tone train` or bench/tone_eval.py)"
            )
