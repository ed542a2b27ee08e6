"""A demo database for the web tests: the real demo pipeline (bundled site served on 127.0.0.1 and
crawled), one extra crawled article with a hostile title, a user per role, and the web server."""

from __future__ import annotations

import dataclasses
import os
import re
import socket
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import pytest
import uvicorn
from fastapi.testclient import TestClient
from sqlalchemy import create_engine, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError

from config import AppConfig, load_config
from crawlers.demo_site import build_pages, demo_sources, load_articles
from crawlers.demo_site.site import PUBLIC_BASE
from pipeline.annotate.grassroots import Fields, intake, validate
from pipeline.annotate.job import run_annotate
from pipeline.deliver.alerts import run_alerts
from pipeline.runtime.cycle import run_crawl
from pipeline.runtime.demo import run_demo
from pipeline.web.access import COLLABORATOR, ROLES
from pipeline.web.app import create_app
from pipeline.web.auth import add_user
from pipeline.web.pages_grassroots import store_photos
from storage.alerts import create_alert
from storage.db import dispose_engines, session_scope
from storage.models import AlertRow, ArticleRow
from storage.records import Alert
from storage.users import user_by_name

PASSWORD = "mật-khẩu-thử-nghiệm"
PG_ADMIN_URL = os.environ.get("DULUAN_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
COLLABORATOR_UNIT = "xã Đồng Đăng"
HOSTILE_REPORT = '<img src=x onerror="window.pwned=1"> Bà con bức xúc vì bãi rác gây ô nhiễm, {{ 7*7 }} =1+1'
# a real 1x1 PNG
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360f8cfc0f01f0005000201a0e1b3a90000000049454e44ae426082"
)
HOSTILE_TITLE = '<script>document.title="pwned";window.pwned=1</script> Tin đồn thất thiệt về suối Bản Chắt'


@dataclass(frozen=True)
class Site:
    app: AppConfig
    hostile_id: int
    users: dict[str, str]  # role -> user name

    @property
    def url(self) -> str:
        return self.app.settings.resolved_database_url


class _Pages(ThreadingHTTPServer):
    daemon_threads = True
    pages: dict[str, tuple[str, bytes]]


class _Handler(BaseHTTPRequestHandler):
    server: _Pages

    def do_GET(self) -> None:
        found = self.server.pages.get(unquote(urlsplit(self.path).path))
        if found is None:
            self.send_error(404)
            return
        self.send_response(200)
        self.send_header("Content-Type", found[0])
        self.send_header("Content-Length", str(len(found[1])))
        self.end_headers()
        self.wfile.write(found[1])

    def log_message(self, format: str, *args: Any) -> None:
        pass


def _crawl_hostile(app: AppConfig) -> None:
    """Serve one more article whose title holds a <script> element, and crawl it with the real spider."""
    last = max(load_articles(), key=lambda a: a.published)
    hostile = dataclasses.replace(
        last,
        id="xl-hostile",
        outlet="xu_lang",
        category="thoi-su",
        slug="tin-don-that-thiet-ve-suoi-ban-chat",
        number=9999901,
        published=last.published + timedelta(minutes=5),
        title=HOSTILE_TITLE,
        sapo="Một bài đăng lan truyền tin đồn chưa được kiểm chứng <b>in đậm</b> & ký tự đặc biệt.",
        body=(
            "Nội dung bài viết thử nghiệm với thẻ <img src=x onerror=alert(1)> trong văn bản, do một trang "
            "mạng xã hội đăng tải rồi được chia sẻ lại nhiều lần trong các nhóm cư dân.",
            "Bài viết khẳng định nước suối đã nhiễm độc toàn bộ và người dân phải rời đi ngay trong đêm, "
            "nhưng không dẫn nguồn, không có hình ảnh hay kết quả quan trắc nào kèm theo.",
            "Cơ quan chức năng cho biết đang xác minh nguồn gốc thông tin và đề nghị người dân chỉ theo dõi "
            "các kênh chính thức, không chia sẻ tin chưa được kiểm chứng.",
        ),
        captions=(),
        story=None,
        syndicated_from=None,
    )
    server = _Pages(("127.0.0.1", 0), _Handler)
    base = f"http://127.0.0.1:{server.server_address[1]}"
    server.pages = build_pages(base, [hostile], canonical_base=PUBLIC_BASE)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        run_crawl(app.with_sources(demo_sources(base)), since_days=36500, fast=True)
    finally:
        server.shutdown()
        server.server_close()
    run_annotate(app)


def build_site(tmp: Any, database_url: str | None = None) -> Site:
    overrides = {"data_dir": tmp / "var", "database_url": database_url}
    conf = tmp / "conf"
    conf.mkdir(exist_ok=True)
    packaged = (Path(__file__).resolve().parents[3] / "config" / "alerts.yaml").read_text(encoding="utf-8")
    # a low threshold, so that every body has alerts to guard
    (conf / "alerts.yaml").write_text(packaged.replace("min_score: 8.0", "min_score: 2.0"), encoding="utf-8")
    app = load_config(overrides, config_dir=conf, environ={})
    result = run_demo(app)
    _crawl_hostile(app)
    run_alerts(app, result.day)
    with session_scope(app.settings.resolved_database_url) as session:
        hostile_id = session.scalar(select(ArticleRow.id).where(ArticleRow.title == HOSTILE_TITLE))
        assert hostile_id is not None, "the hostile article was not crawled"
        have = set(session.scalars(select(AlertRow.recipient_id)))
        for body in ("hdnd", "ubnd", "tand", "vksnd"):  # every body gets at least one alert to guard
            if body not in have:
                alert = Alert(
                    key=f"test:{body}",
                    recipient_id=body,
                    kind="issue",
                    topic_id="kien_nghi_cu_tri",
                    title=f"Cảnh báo thử nghiệm cho {body.upper()}",
                    payload={"topic_name": "Kiến nghị cử tri", "score": 5.0},
                )
                create_alert(session, alert, ["file"], datetime.now(UTC))
    users = {}
    for role in ROLES:
        name = f"user_{role}"
        add_user(app.settings, name, role, PASSWORD, COLLABORATOR_UNIT if role == COLLABORATOR else None)
        users[role] = name
    _collaborator_report(app, users[COLLABORATOR])
    return Site(app=app, hostile_id=int(hostile_id), users=users)


def _collaborator_report(app: AppConfig, name: str) -> None:
    """The collaborator's own report, with a hostile text and a photo (the first photo of the site)."""
    with session_scope(app.settings.resolved_database_url) as session:
        user = user_by_name(session, name)
    assert user is not None
    report, problems = validate(
        app,
        Fields(
            text=HOSTILE_REPORT,
            unit=COLLABORATOR_UNIT,
            spread="lan_rong",
            mood="buc_xuc",
            heard_at="mang_xa_hoi",
            heard_on=None,
            topic="moi_truong",
            link="https://facebook.com/groups/dongdang/posts/1",
        ),
        token=f"web:{user.id}:site-report-0001",
        channel="web",
        reporter_id=user.id,
    )
    assert report is not None, problems
    stored = intake(app, [report])[0]
    store_photos(app, stored.id, [(PNG, "image/png")])


@contextmanager
def pg_database() -> Iterator[str]:
    """A fresh PostgreSQL database for one test module (skipped when the server is unreachable)."""
    admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    name = f"duluan_web_{uuid.uuid4().hex[:10]}"
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    except OperationalError as exc:
        admin.dispose()
        if os.environ.get("CI"):
            pytest.fail(f"PostgreSQL unreachable at {PG_ADMIN_URL}: {exc}")
        pytest.skip(f"PostgreSQL unreachable at {PG_ADMIN_URL}")
    try:
        yield make_url(PG_ADMIN_URL).set(database=name).render_as_string(hide_password=False)
    finally:
        dispose_engines()
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def site(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """The demo database on each backend (selected with DULUAN_TEST_BACKENDS), once per module."""
    if request.param not in os.environ.get("DULUAN_TEST_BACKENDS", "sqlite,postgresql").split(","):
        pytest.skip(f"backend {request.param} not selected (DULUAN_TEST_BACKENDS)")
    tmp = tmp_path_factory.mktemp(f"web-{request.param}")
    if request.param == "sqlite":
        yield build_site(tmp)
        dispose_engines()
        return
    with pg_database() as url:
        yield build_site(tmp, url)


def login(client: TestClient, name: str, password: str = PASSWORD) -> Any:
    page = client.get("/login")
    token = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
    assert token, page.text
    return client.post(
        "/login",
        data={"username": name, "password": password, "csrf_token": token.group(1), "next": "/"},
        follow_redirects=False,
    )


@pytest.fixture(scope="module")
def client_for(site: Site) -> Iterator[Any]:
    """client_for(role) -> a TestClient logged in as that role's user (one per role, reused)."""
    clients: dict[str, TestClient] = {}

    def make(role: str) -> TestClient:
        if role not in clients:
            client = TestClient(create_app(site.app), base_url="http://127.0.0.1")
            assert login(client, site.users[role]).status_code == 303
            clients[role] = client
        return clients[role]

    yield make
    for client in clients.values():
        client.close()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def live_server(site: Site) -> Iterator[str]:
    """The web app served by uvicorn on 127.0.0.1 (a free port) in a thread; yields its base URL."""
    port = free_port()
    server = uvicorn.Server(
        uvicorn.Config(create_app(site.app), host="127.0.0.1", port=port, log_level="warning", lifespan="off")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert time.monotonic() < deadline, "web server did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)
