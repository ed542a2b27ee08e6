"""The topic model's file: writing it (`.npz`, no pickles), reading it back (once per process and file
version), and choosing which one tags — the data folder's own, else the one shipped in `nlp/data/`. An
unusable file is a `ModelError` naming it and `duluan topics train`; the rules then tag alone."""

from __future__ import annotations

import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

import numpy as np

from nlp.topic_features import Lsa, Vocabulary
from nlp.topic_model import RETRAIN, Decision, ModelError, TopicModel

MODEL_FILE = "topics.npz"
FORMAT = 3
_OLDER_LSA_WEIGHT = 0.6  # the weight of model files written before the weight was stored in them


def _strings(values: Iterable[str]) -> np.ndarray:
    return np.asarray(list(values), dtype=np.str_)


def save(model: TopicModel, path: Path) -> Path:
    """Write the model to `path` (a `.npz` file, or a folder: then `<folder>/topics.npz`)."""
    if path.suffix != ".npz":
        path = path / MODEL_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    arrays: dict[str, np.ndarray] = {
        "format": np.asarray(FORMAT),
        "word_terms": _strings(model.words.terms),
        "word_idf": model.words.idf.astype(np.float32),
        "rule_ids": _strings(model.rule_ids),
        "rule_thresholds": np.asarray(model.rule_thresholds, dtype=np.float64),
        "topics": _strings(model.topics),
        "coef": model.coef.astype(np.float16, order="C"),  # row-major in the file, as ever
        "intercept": model.intercept.astype(np.float32),
        "decision_by": _strings(d.by for d in model.decisions),
        "decision_threshold": np.asarray([d.threshold for d in model.decisions], dtype=np.float64),
        "decision_positives": np.asarray([d.positives for d in model.decisions], dtype=np.int64),
        "decision_unmatched": np.asarray([d.unmatched for d in model.decisions], dtype=np.float64),
        "trained_on": np.asarray(model.trained_on),
        "trained_ids": _strings(sorted(model.trained_ids)),
        "seed": np.asarray(model.seed),
        "lsa_weight": np.asarray(model.lsa_weight, dtype=np.float64),
    }
    if model.lsa is not None:
        arrays["lsa_terms"] = _strings(model.lsa.vocabulary.terms)
        arrays["lsa_idf"] = model.lsa.vocabulary.idf.astype(np.float32)
        arrays["lsa_components"] = model.lsa.components.astype(np.float16)
    with path.open("wb") as handle:
        np.savez_compressed(handle, allow_pickle=False, **arrays)
    return path


def _read(path: Path) -> TopicModel:
    try:
        with np.load(path, allow_pickle=False) as data:
            if "format" not in data or int(data["format"]) != FORMAT:
                raise ModelError(f"{path}: not a duluan topic model of format {FORMAT}; {RETRAIN}")
            lsa = None
            if "lsa_terms" in data:
                lsa = Lsa(
                    Vocabulary.of([str(t) for t in data["lsa_terms"]], data["lsa_idf"]),
                    data["lsa_components"].astype(np.float32, order="F"),
                )
            topics = tuple(str(t) for t in data["topics"])
            decisions = tuple(
                Decision(t, str(b), float(th), int(n), float(u))
                for t, b, th, n, u in zip(
                    topics,
                    data["decision_by"],
                    data["decision_threshold"],
                    data["decision_positives"],
                    data["decision_unmatched"],
                    strict=True,
                )
            )
            return TopicModel(
                words=Vocabulary.of([str(t) for t in data["word_terms"]], data["word_idf"]),
                lsa=lsa,
                rule_ids=tuple(str(t) for t in data["rule_ids"]),
                rule_thresholds=tuple(float(t) for t in data["rule_thresholds"]),
                topics=topics,
                coef=data["coef"].astype(np.float32, order="F"),
                intercept=data["intercept"].astype(np.float32),
                decisions=decisions,
                trained_on=int(data["trained_on"]),
                trained_ids=frozenset(str(t) for t in data["trained_ids"]),
                seed=int(data["seed"]),
                lsa_weight=float(data["lsa_weight"]) if "lsa_weight" in data else _OLDER_LSA_WEIGHT,
            )
    except ModelError:
        raise
    except (OSError, ValueError, KeyError, EOFError, zipfile.BadZipFile) as exc:
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise ModelError(f"{path}: cannot read the topic model ({reason}); {RETRAIN}") from exc


@cache
def _load(path: str, mtime: float) -> TopicModel:
    return _read(Path(path))


def load_file(path: Path) -> TopicModel:
    """The model in `path` (loaded once per process and file version); ModelError when unusable."""
    if not path.is_file():
        raise ModelError(f"{path}: no such topic model file; {RETRAIN}")
    return _load(str(path.resolve()), path.stat().st_mtime)


def load(directory: Path | None) -> TopicModel | None:
    """The model trained into `directory` (`duluan topics train`), or None when there is none."""
    if directory is None:
        return None
    path = directory / MODEL_FILE
    return load_file(path) if path.is_file() else None


def shipped_path() -> Path:
    """The default model shipped in the package (`nlp/data/topics.npz`)."""
    return Path(str(resources.files("nlp") / "data" / MODEL_FILE))


@dataclass(frozen=True)
class Resolved:
    model: TopicModel | None
    source: str  # the file used, or "rules" when none
    problem: str = ""  # one line: why a model file could not be used (the rules then run alone)


def resolve(directory: Path | None, *, use_shipped: bool = True) -> Resolved:
    """The model in effect: the one trained into `directory` if any, else the shipped one; a model file
    that cannot be used is reported in one line and the rules run alone."""
    path = directory / MODEL_FILE if directory is not None else None
    if path is None or not path.is_file():
        if not use_shipped:
            return Resolved(None, "rules")
        path = shipped_path()
    try:
        return Resolved(load_file(path), str(path))
    except ModelError as exc:
        return Resolved(None, "rules", str(exc))


# --- tagging ---------------------------------------------------------------------------------------
