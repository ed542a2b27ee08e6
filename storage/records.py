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
    # where published_at came from: json-ld, meta, date-line, byline, script, url, relative, htmldate,
    # selectors (crawlers.metadata); None when no time was found
    published_source: str | None = None


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


@dataclass(frozen=True)
class AnnotateFailure:
    """annotate -> store: why the annotator raised on one article (set aside, not retried until re-queued)."""

    error_class: str
    message: str

    @classmethod
    def of(cls, exc: BaseException) -> AnnotateFailure:
        return cls(type(exc).__name__, (str(exc) or repr(exc))[:2000])


@dataclass(frozen=True, kw_only=True)
class FailedArticle:
    """An article the annotator set aside, with the error (`duluan annotate --failed`)."""

    id: int
    source_id: str
    url: str
    title: str | None
    error_class: str
    message: str
    attempts: int
    failed_at: datetime


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
    people: tuple[str, ...] = ()  # names of the people the article names

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


@dataclass(frozen=True, kw_only=True)
class SourceRun:
    """crawl -> store: one source's outcome in one crawl (counters by kind)."""

    source_id: str
    started_at: datetime
    finished_at: datetime
    responses: int
    stored: int
    robots_refused: int
    errors: dict[str, int] = field(default_factory=dict)
    discarded: dict[str, int] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        """A run succeeded when the source answered with anything usable (a 304 counts)."""
        return self.responses > 0


@dataclass(frozen=True, kw_only=True)
class SourceHealth:
    """The health of one source, from its per-source crawl records: the one definition behind
    `duluan sources`, the web page and API, and the digest's footer."""

    source_id: str
    last_run: datetime | None
    last_success: datetime | None
    articles_24h: int
    articles_7d: int
    runs_24h: int
    ok_runs_24h: int
    errors_24h: dict[str, int]
    robots_refused_24h: int
    failing_since: datetime | None
    name: str = ""
    url: str = ""
    scope: str = ""
    articles: int = 0  # stored in all
    last_published: datetime | None = None
    last_fetched: datetime | None = None
    stored_last_run: int | None = None
    stored_24h: int = 0

    @property
    def failing(self) -> bool:
        """Crawled in the last 24 h and every one of those crawls failed."""
        return self.runs_24h > 0 and self.ok_runs_24h == 0

    @property
    def blocked_by_robots(self) -> bool:
        return self.failing and self.robots_refused_24h > 0 and not self.errors_24h

    @property
    def state(self) -> str:
        """unknown (never crawled), stale (not crawled in 24 h), failing, silent (answers, nothing new in
        7 days) or ok."""
        if self.last_run is None:
            return "unknown"
        if self.runs_24h == 0:
            return "stale"
        if self.failing:
            return "failing"
        if self.articles_7d == 0:
            return "silent"
        return "ok"


@dataclass(frozen=True, kw_only=True)
class Digest:
    """A written digest (one day, one recipient) as delivery and the pages read it."""

    id: int
    day: date
    recipient_id: str
    html_path: str
    text_path: str
    created_at: datetime
    stats: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class OutboxClaim:
    """One outbox row a delivery run holds: what it delivers (`item_id`: the alert or digest) and how."""

    id: int
    item_id: int
    channel: str


@dataclass(frozen=True, kw_only=True)
class ArticleBrief:
    id: int
    title: str | None
    source_id: str
    source_name: str
    published_at: datetime | None
    url: str


@dataclass(frozen=True, kw_only=True)
class ArticleTopic:
    """A topic of a stored article with its score and evidence (the article page)."""

    topic_id: str
    score: float
    evidence: list[Any]


@dataclass(frozen=True, kw_only=True)
class StoryTimeline:
    id: int
    topic_id: str
    title: str
    articles: list[ArticleBrief]


@dataclass(frozen=True, kw_only=True)
class ArticleDetail:
    brief: ArticleBrief
    sapo: str | None
    body: str
    author: str | None
    tags: list[Any]
    fetched_at: datetime
    annotated: bool
    topics: list[ArticleTopic] = field(default_factory=list)
    places: list[Any] = field(default_factory=list)
    organisations: list[Any] = field(default_factory=list)
    tone: str | None = None
    tone_score: float | None = None
    tone_evidence: dict[str, Any] | None = None  # None for annotations made before the tone model
    local: bool | None = None
    key_terms: list[Any] = field(default_factory=list)
    original: ArticleBrief | None = None
    copies: list[ArticleBrief] = field(default_factory=list)
    stories: list[StoryTimeline] = field(default_factory=list)
