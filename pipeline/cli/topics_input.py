"""The inputs of `duluan topics train|eval`: their shared options, and reading labeled articles from files,
from people's corrections and from the --extra files."""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated

import typer

from nlp.topic_features import Lsa
from nlp.topic_model import ModelError
from pipeline.cli.common import UserError, console, get_app, text_file
from pipeline.topics.labeled import (
    CorrectedArticle,
    LabeledArticle,
    LabeledError,
    LabeledSet,
    from_corrections,
    merged,
    read_labeled,
)

log = logging.getLogger("duluan.topics")

LabeledArg = Annotated[
    list[Path] | None,
    typer.Argument(
        help="JSONL files of labeled articles: id, title, text, topics (see docs/nlp.md); "
        "or labels only (id, topics, disputed) with --texts. Optional with --from-corrections.",
        show_default=False,
    ),
]
TextsOption = Annotated[
    list[Path] | None,
    typer.Option(
        "--texts",
        help="JSONL of the articles' texts (id, title, text), joined with the labels by id (repeatable).",
    ),
]
UnlabeledOption = Annotated[
    Path | None,
    typer.Option(
        "--unlabeled",
        help="JSONL of unlabeled articles (id, title, text) the model's LSA vectors are fitted on "
        "(the labeled ids are left out).",
    ),
]
UnlabeledLimit = Annotated[
    int, typer.Option("--unlabeled-limit", min=0, help="Read at most this many unlabeled articles (0: all).")
]
SeedOption = Annotated[int, typer.Option("--seed", help="Seed of the LSA and the classifiers.")]
MinSupport = Annotated[
    int, typer.Option("--min-support", min=1, help="Macro-F1 counts topics with at least this many examples.")
]
MinPositives = Annotated[
    int,
    typer.Option("--min-positives", min=1, help="Topics with fewer labeled examples are left to the rules."),
]
ExtraOption = Annotated[
    list[Path] | None,
    typer.Option(
        "--extra",
        help="More labeled articles (same format as LABELED, texts from --texts) that join every training "
        "fold of --cv / --hold-out and are never scored (repeatable).",
    ),
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
    origin: dict[str, str] = field(default_factory=dict)  # article id -> the labeled file it came from


def read_input(
    ctx: typer.Context, files: list[Path] | None, texts: list[Path] | None, corrections: bool
) -> Labeled:
    labeled = files or None
    if labeled is None and not corrections:
        raise UserError("give a LABELED.jsonl file, --from-corrections, or both")
    if texts is not None and labeled is None:
        raise UserError("--texts joins texts to the labels of a LABELED file: give the file too")
    app_config = get_app(ctx, migrate=corrections)
    topic_ids = {t.id for t in app_config.topics.topics}
    data = LabeledSet()
    origin: dict[str, str] = {}
    for path in labeled or []:
        text_file(path, "LABELED")
    for path in texts or []:
        text_file(path, "--texts")
    for path in labeled or []:
        try:
            part = read_labeled(path, texts=texts or None, topic_ids=topic_ids)
        except LabeledError as exc:
            raise UserError(str(exc)) from None
        origin.update(dict.fromkeys((a.id for a in part.articles), str(path)))
        data = merged(data, part)
    if labeled is not None:
        for name, number, reason in data.skipped:
            log.warning("%s line %d skipped: %s", name, number, reason)
        if data.skipped:
            console.print(f"{len(data.skipped)} malformed lines skipped (see the log)")
    out = Labeled(data, origin=origin)
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
        where = ", ".join(str(p) for p in labeled or [])
        raise UserError(f"{where}: no labeled article" if labeled else "no corrected article yet")
    return out


def processes(ctx: typer.Context) -> int:
    return get_app(ctx, migrate=False).settings.annotate_processes or os.cpu_count() or 1


def read_extra(
    ctx: typer.Context, files: list[Path] | None, texts: list[Path] | None, scored: set[str]
) -> list[LabeledArticle]:
    """The --extra labeled articles, without the ids that are scored (those count as LABELED only)."""
    if not files:
        return []
    topic_ids = {t.id for t in get_app(ctx, migrate=False).topics.topics}
    out: list[LabeledArticle] = []
    for path in files:
        text_file(path, "--extra")
        try:
            part = read_labeled(path, texts=texts or None, topic_ids=topic_ids)
        except LabeledError as exc:
            raise UserError(str(exc)) from None
        for name, number, reason in part.skipped:
            log.warning("%s line %d skipped: %s", name, number, reason)
        out.extend(part.articles)
    kept = [a for a in out if a.id not in scored]
    if len(kept) < len(out):
        console.print(f"{len(out) - len(kept)} --extra articles are also in LABELED: scored there, not extra")
    return kept


def unlabeled_lsa(path: Path | None, limit: int, data: LabeledSet, seed: int) -> Lsa | None:
    if path is None:
        return None
    from pipeline.topics.train import fit_unlabeled

    skip = frozenset(a.id for a in data.articles)
    try:
        with console.status(f"fitting the LSA on {path}…"):
            return fit_unlabeled(path, skip=skip, limit=limit, seed=seed)
    except ModelError as exc:
        raise UserError(str(exc)) from None
