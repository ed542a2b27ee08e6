"""The search plans of migration 0008 give the results of the plans before them, on both backends.

A small generated set (our own sentences, built from the words of the benchmark's queries) is searched
with every query of bench/search.py. The reference is the plan before 0008, kept here as the oracle:
filters as EXISTS over each candidate's annotation and topics (places from its JSON list), every match
scored, then the ranking window and order applied to the scored rows. Also: the facet rows follow every
change to annotations and topics (triggers), and `count` agrees with the reference.
"""

from __future__ import annotations

import dataclasses
import random
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import Select, delete, exists, false, func, select, true, update
from sqlalchemy.orm import Session, aliased

from bench.search_queries import queries
from config import load_config
from nlp.dedup import content_hash
from nlp.schema import Annotation, TopicScore
from storage import articles as repo
from storage import search as search_module
from storage import search_sql as sql
from storage.db import session_scope, upgrade
from storage.models import AnnotationRow, ArticleFacetRow, ArticleRow, ArticleTopicRow
from storage.records import RawArticle
from storage.search import KEY_RANGE, RANK_WINDOW, count, search
from storage.search_filters import SearchFilters, story_article_ids
from storage.search_query import adjacent, parse

RARE = "khinhkhicau"
FRAGMENTS = (
    "giáo dục", "bóng đá", "tai nạn giao thông", "giao thông", "tai nạn", "ô nhiễm môi trường",
    "môi trường", "thị trường chứng khoán", "chứng khoán", "thị trường", "lũ lụt", "bão", "ma túy",
    "thế giới", "tham nhũng", "hối lộ", "cán bộ", "công an", "giá xăng", "xuất khẩu", "người dân", "người",
    "và", "dân", "nạn", "khoán", "chứng", "ô tô", "nhiễm mặn", "trường học", "bộ", "cán", "giới trẻ",
)  # fmt: skip
FILLER = ("hôm nay", "tỉnh", "huyện", "cho biết", "theo", "một", "các", "đã", "sẽ", "năm", "tháng")
TOPICS = ("an_ninh_trat_tu", "y_te_thuc_pham", "gia_ca_thi_truong", "moi_truong")
PLACES = ("Lạng Sơn", "Cao Lộc", "Văn Lãng")
SOURCES = ("vnexpress", "baolangson")
N = 400


def _sentence(rng: random.Random, fragments: list[str]) -> str:
    words = [rng.choice(fragments if rng.random() < 0.4 else FILLER) for _ in range(rng.randint(4, 12))]
    return " ".join(words).capitalize() + "."


def _article(n: int) -> tuple[RawArticle, Annotation | None]:
    rng = random.Random(n)
    fragments = rng.sample(FRAGMENTS, 6)  # each article is about a few things
    body = " ".join(_sentence(rng, fragments) for _ in range(rng.randint(1, 8)))
    if n % 97 == 3:
        body += f" Chuyện {RARE} lạ."
    published = datetime(2024, 11, 1, tzinfo=UTC) + timedelta(hours=(n * 131) % (24 * 730))
    url = f"http://127.0.0.1/plan/{n}.html"
    raw = RawArticle(
        url=url,
        canonical_url=url,
        source_id=SOURCES[n % 2],
        title=_sentence(rng, fragments) if rng.random() < 0.8 else None,
        sapo=_sentence(rng, fragments) if rng.random() < 0.3 else None,
        text=body,
        author=None,
        published_at=published,
        fetched_at=published + timedelta(hours=1),
    )
    if n % 11 == 5:  # stored, not annotated yet
        return raw, None
    local = rng.random() < 0.3
    note = Annotation(
        topics=tuple(TopicScore(topic_id=t, score=5.0, evidence=()) for t in TOPICS if rng.random() < 0.3),
        places=tuple(p for p in PLACES if rng.random() < (0.6 if local else 0.1)),
        organisations=(),
        tone=rng.choice(("negative", "neutral", "positive")),
        tone_score=0.0,
        local=local,
        local_score=0.9 if local else 0.1,
        key_terms=(),
        content_hash=content_hash(body),
        minhash=None,
    )
    return raw, note


@pytest.fixture(scope="module")
def generated(module_db_url: str) -> str:
    upgrade(module_db_url)
    now = datetime.now(UTC)
    with session_scope(module_db_url) as session:
        repo.sync_sources(session, load_config(environ={}).sources.sources, now)
        for n in range(N):
            raw, note = _article(n)
            article_id = repo.insert_article(session, raw)
            assert article_id is not None
            if note is not None:
                repo.save_annotation(session, article_id, note, dup_of=None, version="test", now=now)
    return module_db_url


# --- the plan before migration 0008, kept as the oracle --------------------------------------------


def _old_annotation_matches(session: Session, f: SearchFilters) -> Any:
    note = aliased(AnnotationRow)
    stmt = select(1).select_from(note).where(note.article_id == ArticleRow.id)
    if f.tone is not None:
        stmt = stmt.where(note.tone == f.tone)
    if f.local_only:
        stmt = stmt.where(note.local.is_(True))
    if f.places:
        if session.get_bind().dialect.name == "postgresql":
            elements = func.json_array_elements_text(note.places).table_valued("value")
        else:
            elements = func.json_each(note.places).table_valued("value")
        stmt = stmt.join(elements, true()).where(elements.c.value.in_(f.places))
    return stmt.correlate(ArticleRow).exists()


def _old_filters(session: Session, stmt: Select[Any], f: SearchFilters | None) -> Select[Any]:
    if f is None:
        return stmt
    if f.since is not None:
        stmt = stmt.where(ArticleRow.published_at >= f.since)
    if f.until is not None:
        stmt = stmt.where(ArticleRow.published_at < f.until)
    if f.sources is not None:
        stmt = stmt.where(ArticleRow.source_id.in_(f.sources))
    for topics in (f.topics, f.routed_topics):
        if topics is not None:
            has = exists().where(
                ArticleTopicRow.article_id == ArticleRow.id, ArticleTopicRow.topic_id.in_(topics)
            )
            stmt = stmt.where(has if topics else false())
    if f.story_id is not None:
        stmt = stmt.where(ArticleRow.id.in_(story_article_ids(session, f.story_id)))
    if f.places == ():
        stmt = stmt.where(false())
    elif f.places is not None or f.tone is not None or f.local_only:
        stmt = stmt.where(_old_annotation_matches(session, f))
    return stmt


def _old_scored(session: Session, query: str, f: SearchFilters | None) -> list[tuple[int, float, bool]]:
    """Every match with its rank and tier (no window, no limit)."""
    dialect = session.get_bind().dialect.name
    node = parse(query)
    near = adjacent(node)
    tier = sql.also_matches(dialect, near) if near is not None else false()
    stmt = select(ArticleRow.id, sql.rank(dialect, node), tier).select_from(ArticleRow)
    join = sql.fts_join(dialect)
    if join is not None:
        stmt = stmt.join(*join)
    stmt = _old_filters(session, stmt.where(sql.match(dialect, node)), f)
    return [(int(i), float(r), bool(a)) for i, r, a in session.execute(stmt)]


def _old_top(session: Session, query: str, f: SearchFilters | None, window: int | None) -> list[int]:
    """The top 20 as the plan before 0008 chose them: the ranking window over the stored ids of the
    date range, widened back to the 20th newest match, then (adjacent, rank, newest id)."""
    limit = 20
    scored = _old_scored(session, query, f)
    dated = select(ArticleRow.id)
    if f is not None and f.since is not None:
        dated = dated.where(ArticleRow.published_at >= f.since)
    if f is not None and f.until is not None:
        dated = dated.where(ArticleRow.published_at < f.until)
    stored = [int(i) for i in session.scalars(dated)]
    if not stored:
        return []
    low, high = min(stored), max(stored)
    first = low if window is None else max(low, high - window + 1)
    newest = sorted((i for i, _, _ in scored), reverse=True)
    in_window = [i for i in newest if first <= i <= high]
    if first != low and len(in_window) < limit:
        older = [i for i in newest if low <= i < first]
        first = older[limit - 1] if len(older) >= limit else low
    ranked = [s for s in scored if first <= s[0] <= high]
    ranked.sort(key=lambda s: (not s[2], s[1], -s[0]))
    return [i for i, _, _ in ranked[:limit]]


# --- the comparisons ----------------------------------------------------------------------------------

CASES = [(label, q, f) for label, q, f in queries(RARE)]


@pytest.mark.parametrize("key_range", [KEY_RANGE, 1], ids=["ranges-by-key", "ranges-by-text-index"])
@pytest.mark.parametrize("window", [RANK_WINDOW, 40], ids=["window-2000", "window-40"])
@pytest.mark.parametrize(("label", "query", "filters"), CASES, ids=[f"{c[0]}:{c[1]}" for c in CASES])
def test_top_20_ids_are_those_of_the_old_plan(
    generated: str,
    label: str,
    query: str,
    filters: SearchFilters | None,
    window: int,
    key_range: int,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(search_module, "KEY_RANGE", key_range)  # PostgreSQL: both ways of reading ranges
    with session_scope(generated) as session:
        expected = _old_top(session, query, filters, window)
        found = [h.id for h in search(session, query, filters=filters, window=window)]
    assert found == expected
    assert expected, f"{label}: the generated set should give this query something to find"


@pytest.mark.parametrize(("label", "query", "filters"), CASES, ids=[f"{c[0]}:{c[1]}" for c in CASES])
def test_count_is_that_of_the_old_plan(
    generated: str, label: str, query: str, filters: SearchFilters | None
) -> None:
    with session_scope(generated) as session:
        assert count(session, query, filters=filters) == len(_old_scored(session, query, filters))


def _facets(url: str, article_id: int) -> set[str]:
    with session_scope(url) as session:
        return set(
            session.scalars(select(ArticleFacetRow.facet).where(ArticleFacetRow.article_id == article_id))
        )


def test_facets_follow_annotations_and_topics(db_url: str) -> None:
    upgrade(db_url)
    now = datetime.now(UTC)
    raw, note = _article(0)
    assert note is not None
    note = dataclasses.replace(note, places=("Lạng Sơn", "Lạng Sơn"), tone="negative")
    with session_scope(db_url) as session:
        repo.sync_sources(session, load_config(environ={}).sources.sources, now)
        article_id = repo.insert_article(session, raw)
        assert article_id is not None
        assert _facets(db_url, article_id) == set()
        repo.save_annotation(session, article_id, note, dup_of=None, version="test", now=now)
    topics = {f"topic:{t.topic_id}" for t in note.topics}
    local = {"local"} if note.local else set()
    assert _facets(db_url, article_id) == {"tone:negative", "place:Lạng Sơn"} | topics | local
    with session_scope(db_url) as session:
        session.execute(
            update(AnnotationRow)
            .where(AnnotationRow.article_id == article_id)
            .values(tone="positive", local=True, places=["Cao Lộc"])
        )
        session.execute(delete(ArticleTopicRow).where(ArticleTopicRow.article_id == article_id))
        session.add(ArticleTopicRow(article_id=article_id, topic_id="thien_tai", score=1.0, evidence=[]))
    assert _facets(db_url, article_id) == {"tone:positive", "local", "place:Cao Lộc", "topic:thien_tai"}
    with session_scope(db_url) as session:
        session.execute(delete(AnnotationRow).where(AnnotationRow.article_id == article_id))
    assert _facets(db_url, article_id) == {"topic:thien_tai"}
    with session_scope(db_url) as session:
        session.execute(delete(ArticleRow).where(ArticleRow.id == article_id))
    assert _facets(db_url, article_id) == set()
