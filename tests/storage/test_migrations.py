"""A database made by the first migration and filled through SQL upgrades intact and searchable."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from alembic import command
from sqlalchemy import text

from nlp.text import fold
from storage.db import alembic_config, current_revision, get_engine, head_revision, session_scope, upgrade
from storage.search import SearchFilters, search

# title, sapo, body, and a query (accents left out) that must find the article after the upgrade
OLD_ARTICLES = [
    (
        "Cháy rừng ở Đình Lập",
        "Lửa bùng lên chiều qua.",
        "Hàng chục héc-ta rừng thông bị thiêu rụi.",
        "chay rung",
    ),
    (None, None, "Đường lên Mẫu Sơn sạt lở sau mưa lớn, xe khách phải quay đầu.", "mau son sat lo"),
    ("Giá vải thiều giảm mạnh", None, "Nông dân Lục Ngạn lo lắng vì giá vải xuống thấp.", '"vai thieu"'),
    (
        "Đồng Đăng: xe nông sản ùn tắc",
        "Hàng trăm xe chờ.",
        "Cửa khẩu quá tải; tài xế nằm chờ ba ngày.",
        "un tac",
    ),
]
TABLES = {
    "articles": "id, url, canonical_url, source_id, title, sapo, body, author, published_at, fetched_at,"
    " tags, html_bytes, extraction, content_hash, state",
    "annotations": "article_id, annotator_version, places, tone, tone_score, local, key_terms, dup_of",
    "article_topics": "article_id, topic_id, score, evidence",
}


def _when(url: str, day: int) -> Any:
    moment = datetime(2026, 11, day, 3, 0, tzinfo=UTC)
    return moment.strftime("%Y-%m-%d %H:%M:%S.%f") if url.startswith("sqlite") else moment


def _insert(conn: Any, table: str, row: dict[str, Any]) -> None:
    """A plain SQL INSERT (the models describe the newest schema, not this one)."""
    names = ", ".join(row)
    conn.execute(text(f"INSERT INTO {table} ({names}) VALUES ({', '.join(':' + k for k in row)})"), row)


def _fill_old(url: str) -> None:
    """Rows as the code of revision 0001 wrote them (search_key = folded title, sapo and body)."""
    with get_engine(url).begin() as conn:
        source = {
            "id": "bao",
            "name": "Báo",
            "url": "http://x/",
            "scope": "province",
            "updated_at": _when(url, 1),
        }
        _insert(conn, "sources", source)
        for i, (title, sapo, body, _) in enumerate(OLD_ARTICLES, 1):
            article = {
                "url": f"http://x/{i}.html", "canonical_url": f"http://x/{i}.html", "source_id": "bao",
                "title": title, "sapo": sapo, "body": body, "author": None,
                "published_at": _when(url, 10 + i), "fetched_at": _when(url, 11 + i), "tags": '["x"]',
                "html_bytes": 100, "extraction": "trafilatura", "content_hash": f"hash{i}",
                "search_key": fold(" ".join(x for x in (title, sapo, body) if x)),
                "state": "annotated" if i % 2 else "new",
            }  # fmt: skip
            _insert(conn, "articles", article)
            if i % 2:
                note = {
                    "article_id": i, "annotated_at": _when(url, 12), "annotator_version": "v1",
                    "places": '["Đình Lập"]', "organisations": "[]", "tone": "negative", "tone_score": -0.5,
                    "local": True, "local_score": 0.8, "key_terms": '["rừng"]', "minhash": None,
                    "dup_of": None,
                }  # fmt: skip
                _insert(conn, "annotations", note)
                topic = {"article_id": i, "topic_id": "thien_tai", "score": 4.5, "evidence": "[]"}
                _insert(conn, "article_topics", topic)


def _snapshot(url: str) -> dict[str, list[tuple[Any, ...]]]:
    with get_engine(url).connect() as conn:
        return {
            table: [tuple(r) for r in conn.execute(text(f"SELECT {columns} FROM {table} ORDER BY 1"))]
            for table, columns in TABLES.items()
        }


def _searchable(url: str) -> None:
    with session_scope(url) as session:
        for i, (*_, query) in enumerate(OLD_ARTICLES, 1):
            assert [h.id for h in search(session, query)] == [i], query


def test_first_revision_database_upgrades_intact_and_searchable(db_url: str) -> None:
    upgrade(db_url, "0001")
    assert current_revision(db_url) == "0001"
    _fill_old(db_url)
    before = _snapshot(db_url)
    upgrade(db_url)
    assert current_revision(db_url) == head_revision()
    assert _snapshot(db_url) == before
    _searchable(db_url)


def test_downgrade_and_upgrade_again_keep_the_rows(db_url: str) -> None:
    upgrade(db_url, "0001")
    _fill_old(db_url)
    upgrade(db_url)
    before = _snapshot(db_url)
    with get_engine(db_url).begin() as conn:
        cfg = alembic_config(db_url)
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0001")
    assert current_revision(db_url) == "0001"
    assert _snapshot(db_url) == before
    with get_engine(db_url).connect() as conn:
        key = conn.execute(text("SELECT search_key FROM articles WHERE id = 1")).scalar_one()
    assert key == fold(" ".join(x for x in OLD_ARTICLES[0][:3] if x))  # the first revision's search key
    upgrade(db_url)
    assert _snapshot(db_url) == before
    _searchable(db_url)


@pytest.mark.parametrize("rows", [0, 2500])
def test_upgrade_handles_empty_and_multi_batch_tables(db_url: str, rows: int) -> None:
    upgrade(db_url, "0001")
    _fill_old(db_url)
    with get_engine(db_url).begin() as conn:
        conn.execute(text("DELETE FROM article_topics"))
        conn.execute(text("DELETE FROM annotations"))
        conn.execute(text("DELETE FROM articles"))
        for i in range(rows):  # more rows than one re-folding batch (1000)
            article = {
                "url": f"http://x/b{i}", "canonical_url": f"http://x/b{i}", "source_id": "bao",
                "title": f"Bài số {i} về Lộc Bình", "sapo": None, "body": f"Nội dung bài viết số {i}",
                "published_at": _when(db_url, 20), "fetched_at": _when(db_url, 20), "tags": "[]",
                "html_bytes": 0, "extraction": "x", "content_hash": "h", "search_key": "", "state": "new",
            }  # fmt: skip
            _insert(conn, "articles", article)
    upgrade(db_url)
    with session_scope(db_url) as session:
        hits = search(session, '"bai so 2499"')
        assert [h.title for h in hits] == (["Bài số 2499 về Lộc Bình"] if rows else [])
        assert len(search(session, "loc binh", limit=5000, window=None)) == rows


def test_the_schema_is_upgraded_once_per_process(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`ensure_schema` (CLI entry, jobs, the crawl pipeline, workers) runs Alembic the first time only."""
    from alembic import command as alembic_command

    from storage import db

    calls: list[str] = []
    real = alembic_command.upgrade

    def counting(cfg: object, revision: str, **kw: object) -> None:
        calls.append(revision)
        real(cfg, revision, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(db.command, "upgrade", counting)
    url = f"sqlite:///{tmp_path / 'once.db'}"
    for _ in range(4):
        db.ensure_schema(url)
    assert calls == ["head"]
    assert db.current_revision(url) == db.head_revision()


@pytest.mark.parametrize(
    "filters",
    [
        SearchFilters(places=("Đình Lập",)),
        SearchFilters(tone="negative", local_only=True),
        SearchFilters(topics=("thien_tai",)),
    ],
    ids=["place", "tone+local", "topic"],
)
def test_filters_find_the_annotations_stored_before_the_facets(db_url: str, filters: SearchFilters) -> None:
    """Migration 0008 fills article_facets from the annotations and topics already stored."""
    upgrade(db_url, "0001")
    _fill_old(db_url)
    upgrade(db_url)
    with session_scope(db_url) as session:
        for i, (*_, query) in enumerate(OLD_ARTICLES, 1):
            expected = [i] if i % 2 else []  # the odd ones were annotated
            assert [h.id for h in search(session, query, filters=filters)] == expected, query


@pytest.mark.parametrize(
    ("canonical", "kept"),
    [
        ("javascript:alert(document.cookie)", False),
        ("data:text/html,<script>x</script>", False),
        ("https://127.0.0.1/bai/that-1234567.html", True),
    ],
    ids=["javascript", "data", "https"],
)
def test_0008_gives_non_http_canonicals_their_fetched_url(db_url: str, canonical: str, kept: bool) -> None:
    from storage.models import ArticleRow

    upgrade(db_url, "0007")
    now = datetime.now(UTC)
    url = "http://127.0.0.1/bai/bai-co-duong-dan-goc-7654321.html"
    with get_engine(db_url).begin() as conn:
        conn.execute(
            text(
                "INSERT INTO sources (id, name, url, scope, updated_at) "
                "VALUES ('s', 'S', 'http://127.0.0.1/', 'province', :now)"
            ),
            {"now": now},
        )
        conn.execute(
            ArticleRow.__table__.insert().values(
                url=url, canonical_url=canonical, source_id="s", title="t", body="b", fetched_at=now,
                tags=[], html_bytes=1, extraction="x", content_hash="h", search_title="t", search_key="b",
                state="new",
            )
        )  # fmt: skip
    upgrade(db_url)
    with get_engine(db_url).connect() as conn:
        stored = conn.execute(text("SELECT canonical_url FROM articles")).scalar_one()
    assert stored == (canonical if kept else url)
