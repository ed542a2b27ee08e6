"""`duluan topics train|eval LABELED.jsonl`: the optional trained topic model and its evaluation."""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Annotated

import typer

from pipeline.cli.common import UserError, console, get_app
from pipeline.labeled import LabeledError, LabeledSet, read_labeled

app = typer.Typer(help="Train and evaluate the topic tagger on labeled articles.", no_args_is_help=True)
log = logging.getLogger("duluan.topics")

LabeledArg = Annotated[
    Path,
    typer.Argument(
        help="JSONL of labeled articles: id, title, text, topics (see docs/topics.md); "
        "or labels only (id, topics, disputed) with --texts."
    ),
]
TextsOption = Annotated[
    Path | None,
    typer.Option(
        "--texts", help="JSONL of the articles' texts (id, title, text), joined with the labels by id."
    ),
]
MinSupport = Annotated[
    int, typer.Option("--min-support", min=1, help="Macro-F1 counts topics with at least this many examples.")
]


def _read(ctx: typer.Context, labeled: Path, texts: Path | None) -> LabeledSet:
    app_config = get_app(ctx, migrate=False)
    try:
        data = read_labeled(labeled, texts=texts, topic_ids={t.id for t in app_config.topics.topics})
    except LabeledError as exc:
        raise UserError(str(exc)) from None
    for name, number, reason in data.skipped:
        log.warning("%s line %d skipped: %s", name, number, reason)
    if data.skipped:
        console.print(f"{len(data.skipped)} malformed lines skipped (see the log)")
    if not data.articles:
        raise UserError(f"{labeled}: no labeled article")
    return data


def _processes(ctx: typer.Context) -> int:
    return get_app(ctx, migrate=False).settings.annotate_processes or os.cpu_count() or 1


@app.command()
def train(
    ctx: typer.Context,
    labeled: LabeledArg,
    texts: TextsOption = None,
    folds: Annotated[
        int, typer.Option(min=0, help="Cross-validation folds reported before training (0: none).")
    ] = 5,
    min_support: MinSupport = 5,
) -> None:
    """Fit the topic model (scikit-learn, on segmented text) and store it under <data_dir>/models/."""
    from pipeline.topics_train import cross_validate, prepare_all, train_and_save

    app_config = get_app(ctx, migrate=False)
    data = _read(ctx, labeled, texts)
    with console.status("segmenting…"):
        docs = prepare_all(data.articles, _processes(ctx))
    from nlp.topic_model import ModelError

    try:
        if folds >= 2:
            with console.status(f"cross-validating ({folds} folds)…"):
                cv = cross_validate(app_config, data.articles, docs, folds)
            console.print(f"cross-validated on {len(docs)} articles ({folds} folds):")
            for name, report in (
                ("rules alone", cv.rules),
                ("model alone", cv.model),
                ("rules + model", cv.combined),
            ):
                total = report.total()
                console.print(
                    f"  {name:14} micro-F1 {total.f1:.3f} (P {total.precision:.3f} R {total.recall:.3f})  "
                    f"macro-F1 {report.macro_f1(min_support):.3f}"
                )
        trained = train_and_save(app_config, data.articles, docs)
    except ModelError as exc:
        raise UserError(str(exc)) from None
    modelled = ", ".join(f"{t} ({n})" for t, n in trained.positives.items())
    console.print(f"model of {len(trained.model.topics)} topics trained on {len(docs)} articles: {modelled}")
    console.print(f"stored in {trained.path}")


@app.command("eval")
def evaluate_cmd(
    ctx: typer.Context,
    labeled: LabeledArg,
    texts: TextsOption = None,
    rules_only: Annotated[bool, typer.Option("--rules-only", help="Ignore the trained model.")] = False,
    errors: Annotated[bool, typer.Option("--errors", help="List false positives and negatives.")] = False,
    min_support: MinSupport = 5,
) -> None:
    """Per-topic precision, recall and F1, micro and macro averages, of the tagger on labeled articles."""
    from nlp.topic_model import ModelError, load
    from pipeline.topics_train import evaluate, prepare_all

    app_config = get_app(ctx, migrate=False)
    data = _read(ctx, labeled, texts)
    try:
        model = None if rules_only else load(app_config.settings.model_dir)
    except ModelError as exc:
        raise UserError(str(exc)) from None
    with console.status("segmenting…"):
        docs = prepare_all(data.articles, _processes(ctx))
    report = evaluate(app_config, data.articles, docs, model)
    if errors:
        for error in sorted(report.errors, key=lambda e: (e.kind, e.topic_id, e.doc_id)):
            console.print(f"{error.kind} {error.topic_id} {error.doc_id}", markup=False, highlight=False)
    for line in report.lines(min_support):
        console.print(line, markup=False, highlight=False)
    what = "rules" if model is None else f"rules + model ({len(model.topics)} topics)"
    console.print(f"{report.documents} articles, tagged by the {what}")
    if model is not None:
        seen = sum(1 for a in data.articles if a.id in model.trained_ids)
        if seen:
            console.print(
                f"note: the model was trained on {seen} of these articles; these figures are optimistic "
                "(see the cross-validated figures printed by `duluan topics train`)"
            )
