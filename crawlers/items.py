"""The item the spider yields; item pipelines validate it and store it as a RawArticle."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


@dataclass
class ArticleItem:
    url: str
    canonical_url: str
    source_id: str
    title: str | None
    sapo: str | None
    text: str
    author: str | None
    published_at: datetime | None
    fetched_at: datetime
    tags: list[str] = field(default_factory=list)
    html_bytes: int = 0
    extraction: str = "trafilatura"
