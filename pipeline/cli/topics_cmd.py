"""`duluan topics train|eval LABELED.jsonl`: the optional trained topic model and its evaluation."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from config import AppConfig
from nlp.evaluation import Report
from nlp.topic_features import SEED
from nlp.topic_model import MIN_POSITIVES, ModelError
from pipeline.cli.common import UserError, console, err_console, get_app
from pipeline.cli.topics_input import (
    ExtraOption,
    FromCorrections,
    LabeledArg,
    MinPositives,
    MinSupport,
    SeedOption,
    TextsOption,
    UnlabeledLimit,
    UnlabeledOption,
    processes,
    read_extra,
    read_input,
    unlabeled_lsa,
)
from pipeline.topics.labeled import CorrectedArticle, LabeledSet, merged
from pipeline.topics.train import CrossValidation

app = typer.Typer(help="Train and evaluate the topic tagger on labeled articles.", no_args_is_help=True)


@app.command()
def train(
    ctx: typer.Context,
    labeled: LabeledArg = None,
    texts: TextsOption = None,
    corrections: FromCorrections = False,
    unlabeled: UnlabeledOption = None,
    unlabeled_limit: UnlabeledLimit = 0,
    output: Annotated[
        Path | None,
        typer.Option("--output", help="Write the model to this .npz file (default: <data_dir>/models/)."),
    ] = None,
    seed: SeedOption = SEED,
    min_positives: MinPositives = MIN_POSITIVES,
    folds: Annotated[
        int, typer.Option(min=0, help="Cross-validation folds reported before training (0: none).")
    ] = 5,
    min_support: MinSupport = 5,
) -> None:
    """Fit the topic model (words, syllable LSA, rule scores) and store it under <data_dir>/models/."""
    from pipeline.topics.train import cross_validate, prepare_all, train_and_save

    app_config = get_app(ctx, migrate=False)
    read = read_input(ctx, labeled, texts, corrections)
    data = read.data
    with console.status("segmenting…"):
        docs = prepare_all(data.articles, processes(ctx))
    lsa = unlabeled_lsa(unlabeled, unlabeled_limit, data, seed)
    try:
        if folds >= 2:
            focus = frozenset(c.article.id for c in read.corrected)
            with console.status(f"cross-validating ({folds} folds)…"):
                cv = cross_validate(
                    app_config,
                    data.articles,
                    docs,
                    folds,
                    focus=focus,
                    lsa=lsa,
                    seed=seed,
                    min_positives=min_positives,
                )
            console.print(
                f"cross-validated on {len(docs)} articles ({folds} folds, thresholds chosen inside):"
            )
            _print_summary(cv, min_support)
            if read.corrected:
                _print_effect(app_config, read.corrected, cv.focus, min_support, "cv")
        trained = train_and_save(
            app_config, data.articles, docs, lsa=lsa, output=output, seed=seed, min_positives=min_positives
        )
    except ModelError as exc:
        raise UserError(str(exc)) from None
    model = trained.model
    by = {
        name: ", ".join(f"{d.topic} ({d.positives})" for d in model.decisions if d.by == name) or "—"
        for name in ("model", "model+phrases", "rules")
    }
    console.print(
        f"model of {len(model.topics)} topics trained on {len(docs)} articles"
        + (f", LSA of {model.lsa.components.shape[0]} dimensions" if model.lsa is not None else "")
        + f"; decided by the model (stricter where the rules matched no phrase): {by['model']}; "
        f"by the model only where the rules matched a phrase: "
        f"{by['model+phrases']}; by the rules (best inside the training folds): {by['rules']}; "
        "topics with fewer examples follow the rules"
    )
    size = trained.path.stat().st_size
    console.print(f"stored in {trained.path} ({size / 1e6:.1f} MB)")


@app.command("eval")
def evaluate_cmd(
    ctx: typer.Context,
    labeled: LabeledArg = None,
    texts: TextsOption = None,
    corrections: FromCorrections = False,
    rules_only: Annotated[bool, typer.Option("--rules-only", help="Ignore the trained model.")] = False,
    cv: Annotated[
        int,
        typer.Option(
            "--cv",
            min=0,
            help="Cross-validate instead: train a model on the other folds for each fold (folds fixed by a "
            "hash of the id; thresholds chosen inside the training folds) beside the rules alone.",
        ),
    ] = 0,
    hold_out: Annotated[
        Path | None,
        typer.Option(
            "--hold-out",
            help="One of the LABELED files: train a model on the others and test it on this one.",
        ),
    ] = None,
    unlabeled: UnlabeledOption = None,
    unlabeled_limit: UnlabeledLimit = 0,
    extra: ExtraOption = None,
    seed: SeedOption = SEED,
    min_positives: MinPositives = MIN_POSITIVES,
    errors: Annotated[bool, typer.Option("--errors", help="List false positives and negatives.")] = False,
    min_support: MinSupport = 5,
) -> None:
    """Per-topic precision, recall and F1, micro and macro averages, of the tagger on labeled articles."""
    from nlp.topic_model_file import resolve
    from pipeline.topics.train import cross_validate, evaluate, holdout, predict, prepare_all

    app_config = get_app(ctx, migrate=False)
    read = read_input(ctx, labeled, texts, corrections)
    data = read.data
    if extra and cv < 2 and hold_out is None:
        raise UserError("--extra joins the training folds: give --cv or --hold-out too")
    more = read_extra(ctx, extra, texts, {a.id for a in data.articles})
    with console.status("segmenting…"):
        docs = prepare_all(data.articles, processes(ctx))
        more_docs = prepare_all(more, processes(ctx)) if more else []
    if cv >= 2 or hold_out is not None:
        lsa = unlabeled_lsa(unlabeled, unlabeled_limit, merged(data, LabeledSet(articles=list(more))), seed)
        if hold_out is not None:
            held = str(hold_out)
            if held not in set(read.origin.values()):
                raise UserError(f"--hold-out {hold_out}: not one of the LABELED files given")
            test = [i for i, a in enumerate(data.articles) if read.origin.get(a.id) == held]
            fit = [i for i, a in enumerate(data.articles) if read.origin.get(a.id) != held]
            with console.status("training on the other files…"):
                result = holdout(
                    app_config,
                    [data.articles[i] for i in fit],
                    [docs[i] for i in fit],
                    [data.articles[i] for i in test],
                    [docs[i] for i in test],
                    lsa=lsa,
                    seed=seed,
                    min_positives=min_positives,
                    extra=more,
                    extra_docs=more_docs,
                )
            what = f"trained on {len(fit)} articles of the other files, tested on the {len(test)} of {held}"
        else:
            with console.status(f"cross-validating ({cv} folds)…"):
                result = cross_validate(
                    app_config,
                    data.articles,
                    docs,
                    cv,
                    lsa=lsa,
                    seed=seed,
                    min_positives=min_positives,
                    extra=more,
                    extra_docs=more_docs,
                )
            what = (
                f"{cv}-fold cross-validation over {len(docs)} articles "
                "(thresholds chosen inside the training folds)"
            )
        if more:
            what += f"; {len(more)} --extra articles in every training set, never scored"
        report = result.combined
        if errors:
            _print_errors(report)
        for line in report.lines(min_support):
            console.print(line, markup=False, highlight=False)
        console.print(f"rules + model, {what}; beside the rules alone in the same run:")
        _print_summary(result, min_support)
        _print_confusions(report, "rules + model")
        _print_confusions(result.rules, "rules alone")
        return
    found = resolve(app_config.settings.model_dir) if not rules_only else None
    if found is not None and found.problem:
        err_console.print(
            f"error: {found.problem}; the rules alone are evaluated", markup=False, highlight=False
        )
    model = found.model if found is not None else None
    predicted = predict(app_config, docs, model)
    report = evaluate(app_config, data.articles, predicted)
    if errors:
        _print_errors(report)
    for line in report.lines(min_support):
        console.print(line, markup=False, highlight=False)
    what = "rules" if model is None else f"rules + model ({len(model.topics)} topics, {found.source})"  # type: ignore[union-attr]
    console.print(f"{report.documents} articles, tagged by the {what}")
    if model is not None:
        seen = sum(1 for a in data.articles if a.id in model.trained_ids)
        if seen:
            console.print(
                f"note: the model was trained on {seen} of these articles; these figures are measured on "
                "fitted data and are optimistic (use --cv or --hold-out for honest ones)"
            )
    _print_confusions(report, "")
    if read.corrected:
        from pipeline.topics.train import corrected_report

        by_id = {a.id: p for a, p in zip(data.articles, predicted, strict=True)}
        now = corrected_report(app_config, read.corrected, by_id)
        _print_effect(app_config, read.corrected, now, min_support, "now")


def _print_summary(cv: CrossValidation, min_support: int) -> None:
    for name, report in (
        ("rules alone", cv.rules),
        ("model alone", cv.model),
        ("rules + model", cv.combined),
    ):
        total, frequent = report.total(), report.total(min_support)
        console.print(
            f"  {name:14} micro-F1 {total.f1:.3f} (P {total.precision:.3f} R {total.recall:.3f})  "
            f"micro-F1 (>= {min_support}) {frequent.f1:.3f}  macro-F1 {report.macro_f1(min_support):.3f}"
        )


def _print_errors(report: Report) -> None:
    for error in sorted(report.errors, key=lambda e: (e.kind, e.topic_id, e.doc_id)):
        console.print(f"{error.kind} {error.topic_id} {error.doc_id}", markup=False, highlight=False)


def _print_confusions(report: Report, label: str, limit: int = 10) -> None:
    pairs = report.confusions(limit)
    if not pairs:
        return
    console.print(
        f"commonest confusions{' (' + label + ')' if label else ''}: labeled -> given instead (articles)"
    )
    for (gold, given), count in pairs:
        console.print(f"  {gold} -> {given}: {count}", markup=False, highlight=False)


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
