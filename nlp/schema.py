"""Dataclasses at the nlp boundary: what goes into `annotate` and what comes out."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, kw_only=True)
class ArticleText:
    """The text of one article, as stored or as read from a JSONL line."""

    id: str | int
    title: str | None
    sapo: str | None
    text: str
    url: str | None = None
    source: str | None = None


@dataclass(frozen=True, kw_only=True)
class TopicScore:
    topic_id: str
    score: float  # the keyword rules' score
    evidence: tuple[dict[str, object], ...]  # {phrase, field, count}: what an official can check
    probability: float | None = None  # the trained model's, when one is in use
    model_words: tuple[dict[str, object], ...] = ()  # {word, weight}: what weighed most in the model


@dataclass(frozen=True, kw_only=True)
class Person:
    name: str
    title: str = ""


@dataclass(frozen=True, kw_only=True)
class ToneEvidence:
    """What decided the tone: `source` "model" (nlp.tone_model) or "lexicon" (nlp.tone alone), the
    reasons {kind, text, weight} (kind: words, topic, lexicon for the model's features; phrase for
    the lexicon's phrases found in the text) and the model's class probabilities."""

    source: str
    reasons: tuple[dict[str, object], ...] = ()
    probabilities: dict[str, float] = field(default_factory=dict)

    def as_json(self) -> dict[str, object]:
        return {
            "source": self.source,
            "probabilities": dict(self.probabilities),
            "reasons": list(self.reasons),
        }


@dataclass(frozen=True, kw_only=True)
class Annotation:
    """annotate -> store."""

    topics: tuple[TopicScore, ...]
    places: tuple[str, ...]
    organisations: tuple[str, ...]
    people: tuple[Person, ...] = ()
    units: tuple[str, ...] = ()  # the province's units (since 2025) the places lie in
    tone: str
    tone_score: float
    local: bool
    local_score: float
    key_terms: tuple[str, ...]
    content_hash: str
    minhash: bytes
    tone_evidence: ToneEvidence | None = None  # None in annotations made before the tone model

    @property
    def topic_ids(self) -> list[str]:
        return [t.topic_id for t in self.topics]
