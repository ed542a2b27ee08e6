"""SQLAlchemy 2 models: the whole schema (created and evolved by the Alembic migrations)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from storage.types import UTCDateTime


class Base(DeclarativeBase):
    type_annotation_map: ClassVar[dict[Any, Any]] = {
        datetime: UTCDateTime(),
        dict[str, Any]: JSON,
        list[Any]: JSON,
    }


class SourceRow(Base):
    __tablename__ = "sources"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    url: Mapped[str] = mapped_column(String(500))
    scope: Mapped[str] = mapped_column(String(16))
    updated_at: Mapped[datetime]


class ArticleRow(Base):
    __tablename__ = "articles"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    url: Mapped[str] = mapped_column(String(1000), unique=True)
    canonical_url: Mapped[str] = mapped_column(String(1000), unique=True)
    source_id: Mapped[str] = mapped_column(ForeignKey("sources.id"), index=True)
    title: Mapped[str | None] = mapped_column(Text)
    sapo: Mapped[str | None] = mapped_column(Text)
    body: Mapped[str] = mapped_column(Text)
    author: Mapped[str | None] = mapped_column(String(300))
    published_at: Mapped[datetime | None] = mapped_column(index=True)
    published_source: Mapped[str | None] = mapped_column(String(16))  # where the date came from (0008)
    fetched_at: Mapped[datetime]
    tags: Mapped[list[Any]] = mapped_column(default=list)
    html_bytes: Mapped[int] = mapped_column(Integer, default=0)
    extraction: Mapped[str] = mapped_column(String(32))
    content_hash: Mapped[str] = mapped_column(String(64), index=True)
    search_key: Mapped[str] = mapped_column(Text, default="")  # folded words of sapo and body
    search_title: Mapped[str] = mapped_column(Text, default="", server_default="")  # folded title (0002)
    state: Mapped[str] = mapped_column(String(16), default="new", index=True)
    claimed_by: Mapped[str | None] = mapped_column(String(128))
    lease_until: Mapped[datetime | None]

    annotation: Mapped[AnnotationRow | None] = relationship(
        back_populates="article", foreign_keys="AnnotationRow.article_id"
    )
    topics: Mapped[list[ArticleTopicRow]] = relationship(back_populates="article")


class AnnotationRow(Base):
    __tablename__ = "annotations"

    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True)
    annotated_at: Mapped[datetime]
    annotator_version: Mapped[str] = mapped_column(String(32))
    places: Mapped[list[Any]] = mapped_column(default=list)
    organisations: Mapped[list[Any]] = mapped_column(default=list)
    people: Mapped[list[Any] | None] = mapped_column(default=list)  # [{name, title}]
    units: Mapped[list[Any] | None] = mapped_column(default=list)
    tone: Mapped[str] = mapped_column(String(16), default="neutral")
    tone_score: Mapped[float] = mapped_column(Float, default=0.0)
    tone_evidence: Mapped[dict[str, Any] | None] = mapped_column(default=None)  # source, reasons...
    local: Mapped[bool] = mapped_column(Boolean, default=False)
    local_score: Mapped[float] = mapped_column(Float, default=0.0)
    key_terms: Mapped[list[Any]] = mapped_column(default=list)
    minhash: Mapped[bytes | None] = mapped_column(LargeBinary)
    dup_of: Mapped[int | None] = mapped_column(ForeignKey("articles.id"), index=True)

    article: Mapped[ArticleRow] = relationship(back_populates="annotation", foreign_keys=[article_id])


class ArticleTopicRow(Base):
    __tablename__ = "article_topics"

    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True)
    topic_id: Mapped[str] = mapped_column(String(64), primary_key=True, index=True)
    score: Mapped[float] = mapped_column(Float)
    evidence: Mapped[list[Any]] = mapped_column(default=list)

    article: Mapped[ArticleRow] = relationship(back_populates="topics")


class ArticleFacetRow(Base):
    """The search filters' values of an article ("topic:<id>", "tone:<tone>", "local", "place:<name>"),
    kept by database triggers on annotations and article_topics (migration 0008): an index a filter
    reads for a range of article ids, instead of each candidate's annotation."""

    __tablename__ = "article_facets"

    facet: Mapped[str] = mapped_column(Text, primary_key=True)
    article_id: Mapped[int] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True, index=True
    )


class StoryRow(Base):
    __tablename__ = "stories"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    key: Mapped[str] = mapped_column(String(128), unique=True)
    topic_id: Mapped[str] = mapped_column(String(64), index=True)
    title: Mapped[str] = mapped_column(Text)
    first_published: Mapped[datetime]
    last_published: Mapped[datetime]
    article_ids: Mapped[list[Any]] = mapped_column(default=list)
    outlet_count: Mapped[int] = mapped_column(Integer, default=1)
    updated_at: Mapped[datetime]


class IssueRow(Base):
    __tablename__ = "issues"
    __table_args__ = (UniqueConstraint("story_id", "day"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    story_id: Mapped[int] = mapped_column(ForeignKey("stories.id", ondelete="CASCADE"))
    day: Mapped[date] = mapped_column(Date, index=True)
    topic_id: Mapped[str] = mapped_column(String(64))
    score: Mapped[float] = mapped_column(Float)
    explanation: Mapped[dict[str, Any]] = mapped_column(default=dict)
    recipients: Mapped[list[Any]] = mapped_column(default=list)
    created_at: Mapped[datetime]


class AlertRow(Base):
    __tablename__ = "alerts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    key: Mapped[str] = mapped_column(String(128), unique=True)
    recipient_id: Mapped[str] = mapped_column(String(64), index=True)
    kind: Mapped[str] = mapped_column(String(32))
    topic_id: Mapped[str] = mapped_column(String(64))
    issue_id: Mapped[int | None] = mapped_column(ForeignKey("issues.id", ondelete="SET NULL"))
    title: Mapped[str] = mapped_column(Text)
    payload: Mapped[dict[str, Any]] = mapped_column(default=dict)
    created_at: Mapped[datetime]
    status: Mapped[str] = mapped_column(String(16), default="pending", index=True)
    acked_at: Mapped[datetime | None]
    acked_by: Mapped[str | None] = mapped_column(String(64))
    ack_note: Mapped[str | None] = mapped_column(Text)
    # What the alert is about (issue:<story key>, burst:<topic>:<day>, phrase:<topic>:<article>) and how big
    # it was (issue score, burst count): the cooldown compares a new alert with the last one of its subject.
    subject: Mapped[str | None] = mapped_column(String(200), index=True)
    magnitude: Mapped[float | None] = mapped_column(Float)

    deliveries: Mapped[list[DeliveryRow]] = relationship(back_populates="alert")


class DeliveryState:
    """Columns of one message on one channel in the outbox: pending -> sent, or failed after retries."""

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    channel: Mapped[str] = mapped_column(String(16))
    status: Mapped[str] = mapped_column(String(16), default="pending")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(Text)
    sent_at: Mapped[datetime | None]
    location: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime | None]
    next_attempt_at: Mapped[datetime | None]
    claim: Mapped[str | None] = mapped_column(String(64))
    claimed_at: Mapped[datetime | None]
    message_id: Mapped[str | None] = mapped_column(String(200))


class DeliveryRow(DeliveryState, Base):
    __tablename__ = "deliveries"
    __table_args__ = (UniqueConstraint("alert_id", "channel"), Index("ix_deliveries_status", "status"))

    alert_id: Mapped[int] = mapped_column(ForeignKey("alerts.id", ondelete="CASCADE"))

    alert: Mapped[AlertRow] = relationship(back_populates="deliveries")


class DigestRow(Base):
    __tablename__ = "digests"
    __table_args__ = (UniqueConstraint("day", "recipient_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    day: Mapped[date] = mapped_column(Date)
    recipient_id: Mapped[str] = mapped_column(String(64))
    html_path: Mapped[str] = mapped_column(Text)
    text_path: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime]
    stats: Mapped[dict[str, Any]] = mapped_column(default=dict)


class DigestDeliveryRow(DeliveryState, Base):
    """The outbox of digests: one row per digest (day and recipient) and channel."""

    __tablename__ = "digest_deliveries"
    __table_args__ = (
        UniqueConstraint("digest_id", "channel"),
        Index("ix_digest_deliveries_status", "status"),
    )

    digest_id: Mapped[int] = mapped_column(ForeignKey("digests.id", ondelete="CASCADE"))


class JobRunRow(Base):
    __tablename__ = "job_runs"
    __table_args__ = (Index("ix_job_runs_job_started", "job", "started_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    job: Mapped[str] = mapped_column(String(32))
    started_at: Mapped[datetime]
    finished_at: Mapped[datetime | None]
    status: Mapped[str] = mapped_column(String(16), default="running")
    stats: Mapped[dict[str, Any]] = mapped_column(default=dict)
    error: Mapped[str | None] = mapped_column(Text)


class FetchValidatorRow(Base):
    """HTTP validators of a feed, sitemap or listing page, sent back on the next fetch (conditional GET)."""

    __tablename__ = "fetch_validators"

    url: Mapped[str] = mapped_column(String(1000), primary_key=True)
    etag: Mapped[str | None] = mapped_column(String(300))
    last_modified: Mapped[str | None] = mapped_column(String(100))
    updated_at: Mapped[datetime]


class SourceRunRow(Base):
    """One source's outcome in one crawl: what was fetched, stored, refused and why requests failed."""

    __tablename__ = "source_runs"
    __table_args__ = (Index("ix_source_runs_source_finished", "source_id", "finished_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    source_id: Mapped[str] = mapped_column(String(64))
    started_at: Mapped[datetime]
    finished_at: Mapped[datetime] = mapped_column(index=True)
    ok: Mapped[bool] = mapped_column(Boolean)
    responses: Mapped[int] = mapped_column(Integer, default=0)
    stored: Mapped[int] = mapped_column(Integer, default=0)
    robots_refused: Mapped[int] = mapped_column(Integer, default=0)
    errors: Mapped[dict[str, Any]] = mapped_column(default=dict)
    discarded: Mapped[dict[str, Any]] = mapped_column(default=dict)


class UserRow(Base):
    """A web user: a role (ban_tuyen_giao, hdnd, ubnd, tand, vksnd or analyst) and an argon2 hash."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String(64), unique=True)
    role: Mapped[str] = mapped_column(String(32))
    password_hash: Mapped[str] = mapped_column(String(255))
    created_at: Mapped[datetime]
    disabled: Mapped[bool] = mapped_column(Boolean, default=False)
    unit: Mapped[str | None] = mapped_column(String(120))  # a collaborator's unit (0008)


class WebSessionRow(Base):
    """A login session: the cookie carries a random token, only its SHA-256 is stored."""

    __tablename__ = "web_sessions"

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    csrf_token: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime]
    expires_at: Mapped[datetime] = mapped_column(index=True)


class LoginFailureRow(Base):
    __tablename__ = "login_failures"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    user_name: Mapped[str] = mapped_column(String(64), index=True)
    client: Mapped[str] = mapped_column(String(64), index=True)
    at: Mapped[datetime] = mapped_column(index=True)


class TopicCorrectionRow(Base):
    """A person's verdict on an article's topics: the full corrected set, with who and when."""

    __tablename__ = "topic_corrections"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), index=True)
    topics: Mapped[list[Any]] = mapped_column(default=list)
    machine_topics: Mapped[list[Any]] = mapped_column(default=list)
    user_name: Mapped[str] = mapped_column(String(64))
    role: Mapped[str] = mapped_column(String(32))
    note: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime]


class LeaseRow(Base):
    """A named lease held by one process until it expires (scheduler leadership)."""

    __tablename__ = "leases"

    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    holder: Mapped[str] = mapped_column(String(128))
    expires_at: Mapped[datetime]


class AnnotateFailureRow(Base):
    """Why the annotator could not annotate an article (state 'failed'): skipped until re-queued (0008)."""

    __tablename__ = "annotate_failures"

    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True)
    error_class: Mapped[str] = mapped_column(String(128))
    message: Mapped[str] = mapped_column(Text)
    annotator_version: Mapped[str] = mapped_column(String(32))
    attempts: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    failed_at: Mapped[datetime]


class WatchRow(Base):
    """A watched subject: a saved query in the analyst syntax, owned by a body, with an alert policy."""

    __tablename__ = "watches"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String(200))
    owner: Mapped[str] = mapped_column(String(64), index=True)
    shared_with: Mapped[list[Any]] = mapped_column(default=list)
    query: Mapped[str] = mapped_column(Text)
    filters: Mapped[dict[str, Any]] = mapped_column(default=dict)
    start_day: Mapped[date] = mapped_column(Date)
    policy: Mapped[str] = mapped_column(String(16), default="burst")
    state: Mapped[str] = mapped_column(String(16), default="active", index=True)
    note: Mapped[str] = mapped_column(Text, default="")
    created_by: Mapped[str] = mapped_column(String(64), default="")
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]
    backfilled_at: Mapped[datetime | None]


class WatchMatchRow(Base):
    """An article matching a watch, with the query terms it matched (the evidence shown to the reader).

    `live` is True for a match made as the article was annotated, False for one found by the back-fill
    of a new watch (per-article alerts only go out for live matches)."""

    __tablename__ = "watch_matches"
    __table_args__ = (Index("ix_watch_matches_article", "article_id"),)

    watch_id: Mapped[int] = mapped_column(ForeignKey("watches.id", ondelete="CASCADE"), primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True)
    terms: Mapped[list[Any]] = mapped_column(default=list)
    live: Mapped[bool] = mapped_column(Boolean, default=True)
    matched_at: Mapped[datetime]


class GrassrootsReportRow(Base):
    """A public-opinion collaborator's report of what people are saying (0008), with its annotation.

    `token` is the idempotency key: the form's one-time token, or `import:<row key>` for a sheet's row."""

    __tablename__ = "grassroots_reports"
    __table_args__ = (Index("ix_grassroots_reports_day_topic", "heard_on", "topic_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    token: Mapped[str] = mapped_column(String(80), unique=True)
    reporter_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
    reporter_name: Mapped[str | None] = mapped_column(String(200))  # a sheet's collaborator without login
    channel: Mapped[str] = mapped_column(String(16))  # web | import
    text: Mapped[str] = mapped_column(Text)
    unit: Mapped[str] = mapped_column(String(120), index=True)
    chosen_topic: Mapped[str | None] = mapped_column(String(64))  # what the collaborator picked
    spread: Mapped[str] = mapped_column(String(16))  # ca_biet | nhieu_nguoi | lan_rong
    mood: Mapped[str] = mapped_column(String(16))  # dong_tinh | ban_khoan | buc_xuc
    heard_at: Mapped[str] = mapped_column(String(32))  # cho | hoi_nghi | mang_xa_hoi | …
    link: Mapped[str | None] = mapped_column(String(1000))
    heard_on: Mapped[date] = mapped_column(Date)
    created_at: Mapped[datetime]
    # annotation (nlp.annotate): the topic it is counted under, every topic with its evidence, places, tone
    topic_id: Mapped[str | None] = mapped_column(String(64))
    topics: Mapped[list[Any]] = mapped_column(default=list)
    places: Mapped[list[Any]] = mapped_column(default=list)
    units: Mapped[list[Any]] = mapped_column(default=list)
    tone: Mapped[str | None] = mapped_column(String(16))
    tone_score: Mapped[float | None] = mapped_column(Float)
    annotated_at: Mapped[datetime | None]
    annotator_version: Mapped[str | None] = mapped_column(String(32))


class GrassrootsPhotoRow(Base):
    """A photo of a report: the file lies under <data_dir>/grassroots/photos, named by its SHA-256."""

    __tablename__ = "grassroots_photos"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    report_id: Mapped[int] = mapped_column(
        ForeignKey("grassroots_reports.id", ondelete="CASCADE"), index=True
    )
    file_name: Mapped[str] = mapped_column(String(100))
    content_type: Mapped[str] = mapped_column(String(32))
    size: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime]
