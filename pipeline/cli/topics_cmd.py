"""`duluan topics train|eval LABELED.jsonl`: the optional trained topic model and its evaluation."""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated

import typer

from config import AppConfig
from nlp.evaluation import Report
from pipeline.cli.common import UserError, console, get_app, text_file
from pipeline.topics.labeled import (
    CorrectedArticle,
    LabeledError,
    LabeledSet,
    from_corrections,
    merged,
    read_labeled,
)

app = typer.Typer(help="Train and evaluate the topic tagger on labeled articles.", no_args_is_help=True)
log = logging.getLogger("duluan.topics")

LabeledArg = Annotated[
    Path | None,
    typer.Argument(
        help="JSONL of labeled articles: id, title, text, topics (see docs/topics.md); "
        "or labels only (id, topics, disputed) with --texts. Optional with --from-corrections.",
        show_default=False,
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
FromCorrections = Annotated[
    bool,
    typer.Option(
        "--from-corrections",
        help="Use the topic corrections people made on the web (the latest per article) as labeled "
        "articles, beside LABELED when given.",
    ),
]


@dataclass
class Labeled:
    data: LabeledSet
    corrected: list[CorrectedArticle] = field(default_factory=list)


def _read(ctx: typer.Context, labeled: Path | None, texts: Path | None, corrections: bool) -> Labeled:
    if labeled is None and not corrections:
        raise UserError("give a LABELED.jsonl file, --from-corrections, or both")
    if texts is not None and labeled is None:
        raise UserError("--texts joins texts to the labels of a LABELED file: give the file too")
    app_config = get_app(ctx, migrate=corrections)
    topic_ids = {t.id for t in app_config.topics.topics}
    data = LabeledSet()
    if labeled is not None:
        text_file(labeled, "LABELED")
        if texts is not None:
            text_file(texts, "--texts")
        try:
            data = read_labeled(labeled, texts=texts, topic_ids=topic_ids)
        except LabeledError as exc:
            raise UserError(str(exc)) from None
        for name, number, reason in data.skipped:
            log.warning("%s line %d skipped: %s", name, number, reason)
        if data.skipped:
            console.print(f"{len(data.skipped)} malformed lines skipped (see the log)")
    out = Labeled(data)
    if corrections:
        from storage.corrections import labeled_examples
        from storage.db import session_scope

        with session_scope(app_config.settings.resolved_database_url) as session:
            out.corrected, extra = from_corrections(labeled_examples(session), topic_ids=topic_ids)
        if not out.corrected and labeled is None:
            raise UserError("no corrected article yet (people correct topics on the article pages)")
        for _, _, reason in extra.skipped:
            log.warning("correction skipped: %s", reason)
        for note in extra.notes:
            log.warning("%s", note)
        changed = sum(c.changed for c in out.corrected)
        console.print(
            f"{len(out.corrected)} corrected articles from the web: {changed} with the topics changed, "
            f"{len(out.corrected) - changed} confirmed"
            + (f"; {len(extra.skipped)} skipped (see the log)" if extra.skipped else "")
        )
        out.data = merged(data, extra)
    if not out.data.articles:
        raise UserError(f"{labeled}: no labeled article" if labeled else "no corrected article yet")
    return out


def _processes(ctx: typer.Context) -> int:
    return get_app(ctx, migrate=False).settings.annotate_processes or os.cpu_count() or 1


@app.command()
def train(
    ctx: typer.Context,
    labeled: LabeledArg = None,
    texts: TextsOption = None,
    corrections: FromCorrections = False,
    folds: Annotated[
        int, typer.Option(min=0, help="Cross-validation folds reported before training (0: none).")
    ] = 5,
    min_support: MinSupport = 5,
) -> None:
    """Fit the topic model (scikit-learn, on segmented text) and store it under <data_dir>/models/."""
    from pipeline.topics.train import cross_validate, prepare_all, train_and_save

    app_config = get_app(ctx, migrate=False)
    read = _read(ctx, labeled, texts, corrections)
    data = read.data
    with console.status("segmenting…"):
        docs = prepare_all(data.articles, _processes(ctx))
    from nlp.topic_model import ModelError

    try:
        if folds >= 2:
            focus = frozenset(c.article.id for c in read.corrected)
            with console.status(f"cross-validating ({folds} folds)…"):
                cv = cross_validate(app_config, data.articles, docs, folds, focus=focus)
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
            if read.corrected:
                _print_effect(app_config, read.corrected, cv.focus, min_support, "cv")
        trained = train_and_save(app_config, data.articles, docs)
    except ModelError as exc:
        raise UserError(str(exc)) from None
    modelled = ", ".join(f"{t} ({n})" for t, n in trained.positives.items())
    console.print(f"model of {len(trained.model.topics)} topics trained on {len(docs)} articles: {modelled}")
    console.print(f"stored in {trained.path}")


@app.command("eval")
def evaluate_cmd(
    ctx: typer.Context,
    labeled: LabeledArg = None,
    texts: TextsOption = None,
    corrections: FromCorrections = False,
    rules_only: Annotated[bool, typer.Option("--rules-only", help="Ignore the trained model.")] = False,
    errors: Annotated[bool, typer.Option("--errors", help="List false positives and negatives.")] = False,
    min_support: MinSupport = 5,
) -> None:
    """Per-topic precision, recall and F1, micro and macro averages, of the tagger on labeled articles."""
    from nlp.topic_model import ModelError, load
    from pipeline.topics.train import evaluate, predict, prepare_all

    app_config = get_app(ctx, migrate=False)
    read = _read(ctx, labeled, texts, corrections)
    data = read.data
    try:
        model = None if rules_only else load(app_config.settings.model_dir)
    except ModelError as exc:
        raise UserError(str(exc)) from None
    with console.status("segmenting…"):
        docs = prepare_all(data.articles, _processes(ctx))
    predicted = predict(app_config, docs, model)
    report = evaluate(app_config, data.articles, predicted)
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
    if read.corrected:
        from pipeline.topics.train import corrected_report

        by_id = {a.id: p for a, p in zip(data.articles, predicted, strict=True)}
        now = corrected_report(app_config, read.corrected, by_id)
        _print_effect(app_config, read.corrected, now, min_support, "now")


def _print_effect(
    app_config: AppConfig, corrected: list[CorrectedArticle], now: Report, min_support: int, label: str
) -> None:
    """The corrected articles: the annotator's topics when corrected against the tagger's `now`."""
    from nlp.evaluation import compare_lines
    from pipeline.topics.train import corrected_report

    then = corrected_report(app_config, corrected)
    console.print(
        f"how the corrections changed the scores, on the {len(corrected)} corrected articles "
        f"(people's topics as the truth; 'then': the annotator when each correction was made; "
        f"'{label}': {'rules + model, cross-validated' if label == 'cv' else 'the tagger today'}):"
    )
    for line in compare_lines(then, now, min_support, labels=("then", label)):
        console.print(line, markup=False, highlight=False)
