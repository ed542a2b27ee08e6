"""The typed records that cross the storage boundary (one dataclass per stage boundary)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any


@dataclass(frozen=True, kw_only=True)
class RawArticle:
    """crawl -> store: one extracted article page."""

    url: str
    canonical_url: str
    source_id: str
    title: str | None
    sapo: str | None
    text: str
    author: str | None
    published_at: datetime | None
    fetched_at: datetime
    tags: tuple[str, ...] = ()
    html_bytes: int = 0
    extraction: str = "trafilatura"


@dataclass(frozen=True, kw_only=True)
class StoredArticle:
    """store -> annotate: a stored article's id and text fields."""

    id: int
    source_id: str
    url: str
    title: str | None
    sapo: str | None
    text: str
    published_at: datetime | None


@dataclass(frozen=True, kw_only=True)
class ArticleView:
    """An annotated article as issue detection and digests see it."""

    id: int
    url: str
    source_id: str
    source_name: str
    scope: str
    title: str | None
    sapo: str | None
    text: str
    published_at: datetime | None
    topics: dict[str, float]
    evidence: dict[str, list[Any]]
    places: list[str]
    tone: str
    local: bool
    dup_of: int | None

    @property
    def display_title(self) -> str:
        if self.title:
            return self.title
        lead = (self.sapo or self.text).split("\n", 1)[0]
        return lead[:120] + ("…" if len(lead) > 120 else "")


@dataclass(frozen=True, kw_only=True)
class Issue:
    """detect -> deliver: a story scored as a pressing issue on a day."""

    story_key: str
    topic_id: str
    title: str
    article_ids: tuple[int, ...]
    outlets: tuple[str, ...]
    score: float
    explanation: dict[str, Any]
    recipients: tuple[str, ...]
    first_published: datetime
    last_published: datetime
    id: int | None = None
    day: date | None = None


@dataclass(frozen=True, kw_only=True)
class Alert:
    """deliver: one routed alert for one recipient, with its idempotency key."""

    key: str
    recipient_id: str
    kind: str
    topic_id: str
    title: str
    payload: dict[str, Any] = field(default_factory=dict)
    issue_id: int | None = None
    id: int | None = None
    subject: str | None = None  # what it is about: the cooldown compares alerts of one subject
    magnitude: float | None = None  # the issue's score or the burst's count when raised
    created_at: datetime | None = None


@dataclass(frozen=True, kw_only=True)
class TopicMention:
    """trends and reports: one (article, topic) pair as counted by baselines, charts and reports."""

    article_id: int
    topic_id: str
    published_at: datetime
    source_id: str
    source_name: str
    copy: bool
    tone: str
    local: bool
    title: str
    url: str
