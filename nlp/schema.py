"""Dataclasses at the nlp boundary: what goes into `annotate` and what comes out."""

from __future__ import annotations

from dataclasses import dataclass


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
    score: float
    evidence: tuple[dict[str, object], ...]


@dataclass(frozen=True, kw_only=True)
class Annotation:
    """annotate -> store."""

    topics: tuple[TopicScore, ...]
    places: tuple[str, ...]
    organisations: tuple[str, ...]
    tone: str
    tone_score: float
    local: bool
    local_score: float
    key_terms: tuple[str, ...]
    content_hash: str
    minhash: bytes

    @property
    def topic_ids(self) -> list[str]:
        return [t.topic_id for t in self.topics]
