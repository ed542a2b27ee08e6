"""SQLAlchemy 2 models: the whole schema (created and evolved by the Alembic migrations), one module
per area; everything is importable from here, and importing this package registers every table."""

from storage.models.articles import (
    AnnotateFailureRow,
    AnnotationRow,
    ArticleFacetRow,
    ArticleRow,
    ArticleTopicRow,
    IssueRow,
    SourceRow,
    StoryRow,
)
from storage.models.base import Base
from storage.models.delivery import AlertRow, DeliveryRow, DeliveryState, DigestDeliveryRow, DigestRow
from storage.models.grassroots import GrassrootsPhotoRow, GrassrootsReportRow
from storage.models.operations import FetchValidatorRow, JobRunRow, LeaseRow, SourceRunRow
from storage.models.watches import WatchMatchRow, WatchRow
from storage.models.web import LoginFailureRow, TopicCorrectionRow, UserRow, WebSessionRow

__all__ = [
    "AlertRow",
    "AnnotateFailureRow",
    "AnnotationRow",
    "ArticleFacetRow",
    "ArticleRow",
    "ArticleTopicRow",
    "Base",
    "DeliveryRow",
    "DeliveryState",
    "DigestDeliveryRow",
    "DigestRow",
    "FetchValidatorRow",
    "GrassrootsPhotoRow",
    "GrassrootsReportRow",
    "IssueRow",
    "JobRunRow",
    "LeaseRow",
    "LoginFailureRow",
    "SourceRow",
    "SourceRunRow",
    "StoryRow",
    "TopicCorrectionRow",
    "UserRow",
    "WatchMatchRow",
    "WatchRow",
    "WebSessionRow",
]
