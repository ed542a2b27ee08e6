"""The article page and the article API show what decided the tone (demo site, real annotator)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select, update

from storage.db import session_scope
from storage.models import AnnotationRow

from .conftest import Site


def _annotated(site: Site, tone: str) -> int:
    with session_scope(site.url) as session:
        found = session.scalars(select(AnnotationRow.article_id).where(AnnotationRow.tone == tone)).first()
    assert found is not None, f"no {tone} article in the demo"
    return int(found)


def test_the_page_shows_the_model_decision_and_its_reasons(site: Site, client_for: Any) -> None:
    article_id = _annotated(site, "negative")
    client = client_for("analyst")
    html = client.get(f"/articles/{article_id}").text
    assert "máy học quyết định" in html and "xác suất tiêu cực" in html
    assert 'class="tone-evidence"' in html and "«" in html
    evidence = client.get(f"/api/articles/{article_id}").json()["tone_evidence"]
    assert evidence["source"] == "model" and evidence["reasons"]
    assert {r["kind"] for r in evidence["reasons"]} <= {"words", "topic", "lexicon", "phrase"}


def test_an_annotation_stored_before_the_tone_model_still_shows(site: Site, client_for: Any) -> None:
    article_id = _annotated(site, "neutral")
    with session_scope(site.url) as session:
        session.execute(
            update(AnnotationRow).where(AnnotationRow.article_id == article_id).values(tone_evidence=None)
        )
    client = client_for("analyst")
    response = client.get(f"/articles/{article_id}")
    assert response.status_code == 200 and "Trung tính" in response.text
    assert "Bài được phân tích trước khi lưu căn cứ sắc thái." in response.text
    assert client.get(f"/api/articles/{article_id}").json()["tone_evidence"] is None
