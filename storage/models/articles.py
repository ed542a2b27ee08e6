"""Articles and what is derived from them: sources, annotations, topics, search facets, stories, issues."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import Boolean, Date, Float, ForeignKey, Integer, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from storage.models.base import Base


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


class AnnotateFailureRow(Base):
    """Why the annotator could not annotate an article (state 'failed'): skipped until re-queued (0008)."""

    __tablename__ = "annotate_failures"

    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True)
    error_class: Mapped[str] = mapped_column(String(128))
    message: Mapped[str] = mapped_column(Text)
    annotator_version: Mapped[str] = mapped_column(String(32))
    attempts: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    failed_at: Mapped[datetime]
