"""Web page cost against the storage calls they wrap, on the demo database.

Runs the demo pipeline into a temporary folder, logs a board member in, then times each page (HTML and JSON
API, through the ASGI app in process) against its baseline: the bare storage call(s) the page needs, in the
same process. Prints milliseconds per request and the ratio page / baseline. Usage:

    python bench/web_pages.py [--rounds 50]
"""

from __future__ import annotations

import argparse
import re
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path

from common import ROOT, corpus_dir  # noqa: F401 - first: puts the repository on the path
from fastapi.testclient import TestClient

from config import load_config
from pipeline.runtime.demo import run_demo
from pipeline.web.app import create_app
from pipeline.web.auth import add_user
from storage import issues as issue_repo
from storage.article_pages import article_detail
from storage.db import session_scope
from storage.issues import latest_issue_day
from storage.search import search
from storage.source_health import source_health


def per_call(fn: Callable[[], object], rounds: int) -> float:
    fn()  # warm up
    start = time.perf_counter()
    for _ in range(rounds):
        fn()
    return (time.perf_counter() - start) / rounds * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=50)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        app = load_config({"data_dir": Path(tmp)}, environ={})
        run_demo(app)
        add_user(app.settings, "bench", "ban_tuyen_giao", "bench-password")
        url = app.settings.resolved_database_url
        client = TestClient(create_app(app))
        token = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/login").text)
        assert token
        form = {"username": "bench", "password": "bench-password", "csrf_token": token[1]}
        client.post("/login", data=form)
        with session_scope(url) as session:
            day = latest_issue_day(session, date.max)
            assert day is not None

        def issues() -> object:
            with session_scope(url) as session:
                return issue_repo.issues_on(session, day)

        def found() -> object:
            with session_scope(url) as session:
                return search(session, "suoi ban chat", limit=21)

        def article() -> object:
            with session_scope(url) as session:
                return article_detail(session, 4)

        def sources() -> object:
            with session_scope(url) as session:
                return source_health(session, None, datetime.now(UTC))

        cases = [
            ("today /", issues, lambda: client.get(f"/?day={day}")),
            ("today /api/today", issues, lambda: client.get(f"/api/today?day={day}")),
            ("search /search", found, lambda: client.get("/search?q=suoi+ban+chat")),
            ("search /api/search", found, lambda: client.get("/api/search?q=suoi+ban+chat")),
            ("export .xlsx", found, lambda: client.get("/search/export.xlsx?q=suoi+ban+chat")),
            ("article /articles/4", article, lambda: client.get("/articles/4")),
            ("sources /sources", sources, lambda: client.get("/sources")),
        ]
        print(f"{'page':24} {'baseline ms':>12} {'page ms':>9} {'ratio':>7}")
        for name, baseline, page in cases:
            base_ms = per_call(baseline, args.rounds)
            page_ms = per_call(page, args.rounds)
            print(f"{name:24} {base_ms:12.2f} {page_ms:9.2f} {page_ms / base_ms:7.1f}")


if __name__ == "__main__":
    main()
