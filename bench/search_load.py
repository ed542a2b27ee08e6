"""Bulk loading of the search benchmark's articles (for the latency part only; ingest is timed elsewhere).

The rows are the ones `storage.articles.article_values` would write for `search_data.article(docs, n)`:
each corpus paragraph is folded once (folding is per word, so the folded text of reordered paragraphs is
the folded paragraphs reordered) and `load` checks that on the first articles. PostgreSQL gets them
through `COPY` (the generated tsvector and the GIN index are still computed by the server), SQLite
through `executemany`; annotations and topics the same way, as `bench/search.py annotate` derives them.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from typing import Any

from search_data import TONES, BaseDoc, article

from nlp.dedup import content_hash_of_words
from storage.articles import article_values
from storage.db import get_engine
from storage.search_query import index_text

ARTICLE_COLUMNS = (
    "url", "canonical_url", "source_id", "title", "sapo", "body", "author", "published_at", "fetched_at",
    "tags", "html_bytes", "extraction", "content_hash", "search_title", "search_key", "state",
    "published_source",
)  # fmt: skip
NOTE_COLUMNS = (
    "article_id", "annotated_at", "annotator_version", "places", "organisations", "people", "units", "tone",
    "tone_score", "local", "local_score", "key_terms",
)  # fmt: skip
TOPIC_COLUMNS = ("article_id", "topic_id", "score", "evidence")
GIN_INDEX = "CREATE INDEX ix_articles_search_tsv ON articles USING gin (search_tsv)"  # as migration 0002


class _Folded:
    """Each corpus paragraph and title folded once."""

    def __init__(self, docs: list[BaseDoc]) -> None:
        self.paragraphs = [{p: index_text(p) for p in d.paragraphs} for d in docs]
        self.titles = [index_text(d.title) for d in docs]

    def values(self, docs: list[BaseDoc], n: int) -> dict[str, Any]:
        a = article(docs, n).raw
        folded = self.paragraphs[n % len(docs)]
        key = " ".join(w for w in (folded[p] for p in a.text.split("\n")) if w)
        return {
            "url": a.url, "canonical_url": a.canonical_url, "source_id": a.source_id, "title": a.title,
            "sapo": a.sapo, "body": a.text, "author": a.author, "published_at": a.published_at,
            "fetched_at": a.fetched_at, "tags": list(a.tags), "html_bytes": a.html_bytes,
            "extraction": a.extraction, "content_hash": content_hash_of_words(key),
            "search_title": self.titles[n % len(docs)], "search_key": key, "state": "new",
            "published_source": a.published_source,
        }  # fmt: skip


Row = dict[str, Any]


def _note(docs: list[BaseDoc], n: int, article_id: int, now: datetime) -> tuple[Row, Row | None]:
    a = article(docs, n)
    note = {
        "article_id": article_id, "annotated_at": now, "annotator_version": "bench",
        "places": ["Lạng Sơn"] if a.local else [], "organisations": [], "people": [], "units": [],
        "tone": a.tone, "tone_score": float(TONES.index(a.tone) - 1), "local": a.local,
        "local_score": 0.9 if a.local else 0.0, "key_terms": [],
    }  # fmt: skip
    topic = None
    if a.topic:
        topic = {"article_id": article_id, "topic_id": a.topic, "score": 5.0, "evidence": []}
    return note, topic


def _pg_copy(raw: Any, table: str, columns: tuple[str, ...], rows: Iterator[dict[str, Any]]) -> None:
    jsons = {"tags", "places", "organisations", "people", "units", "key_terms", "evidence"}
    with raw.cursor() as cursor, cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row([json.dumps(row[c]) if c in jsons else row[c] for c in columns])
    raw.commit()


def _sqlite_insert(raw: Any, table: str, columns: tuple[str, ...], rows: Iterator[dict[str, Any]]) -> None:
    jsons = {"tags", "places", "organisations", "people", "units", "key_terms", "evidence"}

    def plain(value: Any, column: str) -> Any:
        if column in jsons:
            return json.dumps(value)
        if isinstance(value, datetime):  # the text form SQLAlchemy stores in SQLite
            return value.astimezone(UTC).replace(tzinfo=None).isoformat(" ", "microseconds")
        return value

    sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' for _ in columns)})"
    batch: list[tuple[Any, ...]] = []
    for row in rows:
        batch.append(tuple(plain(row[c], c) for c in columns))
        if len(batch) == 5000:
            raw.cursor().executemany(sql, batch)
            batch.clear()
    if batch:
        raw.cursor().executemany(sql, batch)
    raw.commit()


def load(url: str, docs: list[BaseDoc], total: int, say: Callable[[str], None] = print) -> float:
    """Store articles 0..total-1 with their annotations (schema already upgraded); seconds spent."""
    folded = _Folded(docs)
    for n in range(0, min(total, 3 * len(docs)), 97):  # the shortcut gives article_values' rows
        assert folded.values(docs, n) == article_values(article(docs, n).raw), n
    start = time.perf_counter()
    put = _pg_copy if url.startswith("postgresql") else _sqlite_insert
    raw = get_engine(url).raw_connection()
    try:
        cursor = raw.cursor()
        cursor.execute("SELECT coalesce(max(id), 0) FROM articles")
        first = int(cursor.fetchone()[0]) + 1
        cursor.close()
        if url.startswith("postgresql"):  # one GIN build at the end instead of 1M index inserts
            cursor = raw.cursor()
            cursor.execute("DROP INDEX IF EXISTS ix_articles_search_tsv")
            raw.commit()
        step = 100_000
        for low in range(0, total, step):
            high = min(total, low + step)
            put(raw, "articles", ARTICLE_COLUMNS, (folded.values(docs, n) for n in range(low, high)))
            say(f"  {high:,} articles stored ({time.perf_counter() - start:.0f} s)")
        now = datetime.now(UTC)
        notes, topics = [], []
        for n in range(total):
            note, topic = _note(docs, n, first + n, now)
            notes.append(note)
            if topic is not None:
                topics.append(topic)
        put(raw, "annotations", NOTE_COLUMNS, iter(notes))
        put(raw, "article_topics", TOPIC_COLUMNS, iter(topics))
        if url.startswith("postgresql"):
            say(f"  GIN index ({time.perf_counter() - start:.0f} s)")
            cursor = raw.cursor()
            cursor.execute("SET maintenance_work_mem = '1GB'")
            cursor.execute(GIN_INDEX)
            raw.commit()
    finally:
        raw.close()
    return time.perf_counter() - start
