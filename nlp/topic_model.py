"""The optional trained topic model: one scikit-learn logistic regression per topic over TF-IDF of the
segmented words, and how its probabilities are combined with the keyword rules.

The rules stay in charge, so that every tag keeps its evidence (the phrases an official can check):
- the model can add a topic the rules scored below the threshold, when its probability reaches
  `ADD_PROBABILITY` and the rules found at least `ADD_RULE_SHARE` of the threshold;
- the model can remove a topic the rules assigned only narrowly (below `VETO_RULE_SHARE` times the
  threshold), when its probability is under `VETO_PROBABILITY`.
Topics with fewer than `MIN_POSITIVES` training examples are left to the rules.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np

from nlp.document import Document
from nlp.topics import TopicMatch, TopicRules, score_document

MODEL_FILE = "topics.joblib"
FORMAT = 1
MIN_POSITIVES = 3
ADD_PROBABILITY = 0.7
ADD_RULE_SHARE = 0.5
VETO_PROBABILITY = 0.1
VETO_RULE_SHARE = 1.5
_TOKEN = re.compile(r"\w")
_TITLE_REPEAT = 2


class ModelError(Exception):
    """A model file that cannot be used (other format or scikit-learn version): train it again."""


def features(doc: Document) -> list[str]:
    """The words of the article (lower case, syllables joined by "_"), the title and lead twice."""
    out: list[str] = []
    for paragraph in doc.paragraphs:
        words = [w.lower().replace(" ", "_") for w in paragraph.words if _TOKEN.search(w)]
        words = [w for w in words if not w.replace("_", "").isdigit()]
        out.extend(words * (_TITLE_REPEAT if paragraph.zone in ("title", "sapo", "lead") else 1))
    return out


def _identity(tokens: list[str]) -> list[str]:
    return tokens


@dataclass(frozen=True)
class TopicModel:
    topics: tuple[str, ...]  # the modelled topics, in the classifier's column order
    pipeline: Any  # sklearn Pipeline(TfidfVectorizer, OneVsRestClassifier(LogisticRegression))
    trained_on: int
    trained_ids: frozenset[str] = frozenset()  # to warn when it is evaluated on its own training data

    def probabilities(self, tokens: Sequence[Sequence[str]]) -> list[dict[str, float]]:
        rows = self.pipeline.predict_proba([list(t) for t in tokens])
        if len(self.topics) == 1:  # one topic: a binary classifier, columns (no, yes)
            rows = rows[:, -1:]
        return [dict(zip(self.topics, map(float, row), strict=True)) for row in rows]


def train(
    tokens: Sequence[Sequence[str]],
    labels: Sequence[set[str]],
    topic_ids: Sequence[str],
    *,
    ids: Sequence[str] = (),
) -> TopicModel:
    """Fit one logistic regression per topic having at least MIN_POSITIVES examples."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.multiclass import OneVsRestClassifier
    from sklearn.pipeline import Pipeline

    counts = {t: sum(t in gold for gold in labels) for t in topic_ids}
    modelled = tuple(t for t in topic_ids if MIN_POSITIVES <= counts[t] < len(labels))
    if not modelled:
        raise ModelError(f"no topic has {MIN_POSITIVES} or more labeled examples: nothing to train")
    y = np.asarray([[int(t in gold) for t in modelled] for gold in labels])
    pipeline = Pipeline(
        [
            (
                "tfidf",
                TfidfVectorizer(
                    analyzer=_identity, sublinear_tf=True, min_df=2, max_df=0.5, norm="l2", dtype=np.float32
                ),
            ),
            ("clf", OneVsRestClassifier(LogisticRegression(C=4.0, class_weight="balanced", max_iter=2000))),
        ]
    )
    pipeline.fit([list(t) for t in tokens], y)
    return TopicModel(topics=modelled, pipeline=pipeline, trained_on=len(labels), trained_ids=frozenset(ids))


def save(model: TopicModel, directory: Path) -> Path:
    import joblib
    import sklearn

    directory.mkdir(parents=True, exist_ok=True)
    path = directory / MODEL_FILE
    payload = {
        "format": FORMAT,
        "sklearn": sklearn.__version__,
        "topics": list(model.topics),
        "pipeline": model.pipeline,
        "trained_on": model.trained_on,
        "trained_ids": sorted(model.trained_ids),
    }
    joblib.dump(payload, path)
    return path


@cache
def _load(path: str, mtime: float) -> TopicModel:
    import joblib
    import sklearn

    try:  # our own file under <data_dir>/models/, written by `duluan topics train`
        payload = joblib.load(path)
    except Exception as exc:
        raise ModelError(f"{path}: cannot read the topic model ({exc}); run `duluan topics train`") from exc
    if not isinstance(payload, dict) or payload.get("format") != FORMAT:
        raise ModelError(f"{path}: not a duluan topic model of format {FORMAT}; run `duluan topics train`")
    if payload.get("sklearn") != sklearn.__version__:
        raise ModelError(
            f"{path}: trained with scikit-learn {payload.get('sklearn')}, installed {sklearn.__version__}; "
            "run `duluan topics train` again"
        )
    return TopicModel(
        topics=tuple(payload["topics"]),
        pipeline=payload["pipeline"],
        trained_on=int(payload["trained_on"]),
        trained_ids=frozenset(payload.get("trained_ids", ())),
    )


def load(directory: Path | None) -> TopicModel | None:
    """The model stored in `directory`, or None when there is none (loaded once per process and file)."""
    if directory is None:
        return None
    path = directory / MODEL_FILE
    if not path.is_file():
        return None
    return _load(str(path.resolve()), path.stat().st_mtime)


def combine(scored: list[TopicMatch], probabilities: dict[str, float], rules: TopicRules) -> list[TopicMatch]:
    """The topics kept from the rules' scored topics (all of them, not only those above threshold)."""
    thresholds = dict(zip(rules.ids, rules.thresholds, strict=True))
    kept = []
    for match in scored:
        threshold = thresholds[match.topic_id]
        p = probabilities.get(match.topic_id)
        if p is None:
            keep = match.score >= threshold
        elif match.score >= threshold:
            keep = not (p < VETO_PROBABILITY and match.score < VETO_RULE_SHARE * threshold)
        else:
            keep = p >= ADD_PROBABILITY and match.score >= ADD_RULE_SHARE * threshold
        if keep:
            kept.append(replace(match, probability=None if p is None else round(p, 3)))
    return kept


def tag_with_model(doc: Document, rules: TopicRules, model: TopicModel | None) -> list[TopicMatch]:
    """The topics of an article: the rules alone, or the rules combined with the model."""
    scored = score_document(doc, rules)
    if model is None:
        thresholds = dict(zip(rules.ids, rules.thresholds, strict=True))
        return [m for m in scored if m.score >= thresholds[m.topic_id]]
    if not scored:
        return []
    return combine(scored, model.probabilities([features(doc)])[0], rules)
