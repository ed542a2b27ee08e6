"""Watched subjects matched as articles are annotated: the one call the annotate drivers (the job, the
workers) make after storing a batch. Every active watch is compiled once per version of the active set
(`storage.watch_match`), and each article is matched against all of them in one pass."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from functools import lru_cache
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from config import AppConfig
from nlp.schema import Annotation
from pipeline.jobs import now_utc
from storage import watches as repo
from storage.db import session_scope
from storage.records import StoredArticle
from storage.watch_match import MatchDoc, WatchIndex, compile_watches, match_doc


@lru_cache(maxsize=4)
def compiled(url: str, version: tuple[int, int, str]) -> WatchIndex:
    """The active watches of the database at `url`, read and compiled once per `version`
    (`storage.watches.active_version`): a batch costs one cheap query while the watches stay the same."""
    with session_scope(url) as session:
        return compile_watches(repo.active_rules(session))[0]


def match_annotated(
    app: AppConfig,
    session: Session,
    stored: Sequence[tuple[StoredArticle, Annotation]],
    *,
    now: datetime | None = None,
) -> int:
    """Match freshly annotated articles against every active watch in one pass (the watches compiled
    once per version of the active set); store the matches with their terms. Returns how many."""
    version = repo.active_version(session)
    if version[0] == 0 or not stored:
        return 0
    index = compiled(app.settings.resolved_database_url, version)
    tz = ZoneInfo(app.settings.timezone)
    scopes = repo.source_scopes(session)
    found: list[tuple[int, int, list[str]]] = []
    for article, annotation in stored:
        doc = MatchDoc(
            title=article.title,
            sapo=article.sapo,
            text=article.text,
            source_id=article.source_id,
            scope=scopes.get(article.source_id, ""),
            topics=frozenset(annotation.topic_ids),
            places=annotation.places,
            organisations=annotation.organisations,
            day=article.published_at.astimezone(tz).date() if article.published_at else None,
        )
        found.extend((w, article.id, terms) for w, terms in match_doc(index, doc))
    repo.save_matches(session, found, live=True, now=now or now_utc())
    return len(found)
