from __future__ import annotations

from datetime import UTC, datetime

import pytest

from storage import articles as repo
from storage.db import session_scope, upgrade
from storage.search import QueryError, search
from tests.storage.test_articles import SOURCE, raw


@pytest.fixture
def filled(db_url: str) -> str:
    upgrade(db_url)
    with session_scope(db_url) as session:
        repo.sync_sources(session, [SOURCE], datetime.now(UTC))
        repo.insert_article(session, raw(1, text="Người dân bức xúc vì ô nhiễm ở Đắk Lắk kéo dài."))
        repo.insert_article(session, raw(2, text="Khánh thành đường giao thông nông thôn 100% mới."))
    return db_url


@pytest.mark.parametrize(
    ("query", "expected"),
    [("o nhiem", [1]), ("ô nhiễm", [1]), ("Dak Lak", [1]), ("duong", [2]), ("100%", [2]), ("_", [])],
)
def test_accentless_search_finds_accented_text(filled: str, query: str, expected: list[int]) -> None:
    with session_scope(filled) as session:
        hits = search(session, query)
    assert sorted(int(h.url.rsplit("-", 1)[1].split(".")[0]) for h in hits) == expected


def test_empty_query_is_an_error(filled: str) -> None:
    with session_scope(filled) as session, pytest.raises(QueryError):
        search(session, "   ")
