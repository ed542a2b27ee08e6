"""Fixtures of the delivery tests: a seeded store, a real SMTP server (aiosmtpd, STARTTLS and AUTH) and a
real HTTP webhook receiver, both on 127.0.0.1."""

from __future__ import annotations

import dataclasses
import datetime as dt
import ipaddress
import json
import socket
import ssl
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import yaml

from config import AppConfig, load_config
from config.models import Source
from nlp.schema import Annotation, TopicScore
from storage import articles as repo
from storage.db import session_scope, upgrade
from storage.records import RawArticle

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
DAY = dt.date(2026, 9, 15)  # a day of 2026Q3
SOURCES = [
    {"id": "xl", "name": "Báo Xứ Lạng Thử", "scope": "province"},
    {"id": "tn", "name": "Tin Nhanh Thử", "scope": "national"},
]


def at(day: dt.date, hour: int = 9, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=TZ)


def end_of(day: dt.date) -> dt.datetime:
    """A moment after the day ended (the day's figures are complete)."""
    return at(day + dt.timedelta(days=1), 6, 0)


class Seeder:
    """Stores annotated articles straight through the storage layer (as the annotator would)."""

    def __init__(self, app: AppConfig) -> None:
        self.app = app
        self.url = app.settings.resolved_database_url
        self.count = 0
        upgrade(self.url)
        sources = [
            Source.model_validate(
                {**s, "url": "http://127.0.0.1/", "discovery": [{"kind": "rss", "url": "http://127.0.0.1/r"}]}
            )
            for s in SOURCES
        ]
        with session_scope(self.url) as session:
            repo.sync_sources(session, sources, dt.datetime.now(dt.UTC))

    def article(
        self,
        published: dt.datetime,
        *,
        title: str | None = None,
        topics: dict[str, float] | None = None,
        source: str = "xl",
        tone: str = "neutral",
        local: bool = True,
        terms: tuple[str, ...] = (),
        sapo: str = "",
        text: str = "",
        dup_of: int | None = None,
    ) -> int:
        self.count += 1
        n = self.count
        raw = RawArticle(
            url=f"http://127.0.0.1/{source}/bai-{n}.html",
            canonical_url=f"http://127.0.0.1/{source}/bai-{n}.html",
            source_id=source,
            title=title if title is not None else f"Bài số {n}",
            sapo=sapo or f"Tóm tắt bài số {n} về sự việc ở địa phương.",
            text=text or f"Nội dung bài số {n}. Sự việc được cơ quan chức năng xem xét.",
            author=None,
            published_at=published,
            fetched_at=published,
        )
        annotation = Annotation(
            topics=tuple(TopicScore(topic_id=t, score=s, evidence=()) for t, s in (topics or {}).items()),
            places=("Lạng Sơn",) if local else (),
            organisations=(),
            tone=tone,
            tone_score=-0.5 if tone == "negative" else 0.5 if tone == "positive" else 0.0,
            local=local,
            local_score=1.0 if local else 0.0,
            key_terms=terms,
            content_hash=f"hash-{n}",
            minhash=b"",
        )
        with session_scope(self.url) as session:
            article_id = repo.insert_article(session, raw)
            assert article_id is not None
            repo.save_annotation(
                session, article_id, annotation, dup_of=dup_of, version="test", now=published
            )
        return article_id


@pytest.fixture
def seed(app_on: AppConfig) -> Seeder:
    return Seeder(app_on)


def configure(app: AppConfig, **settings: Any) -> AppConfig:
    """The same configuration with other settings (validated like a settings file)."""
    from config.settings import Settings

    return dataclasses.replace(app, settings=Settings(**{**app.settings.model_dump(), **settings}))


def with_files(tmp_path: Path, app: AppConfig, files: dict[str, Any], environ: dict[str, str]) -> AppConfig:
    """The configuration reloaded with user YAML files and an environment (addresses, secrets)."""
    folder = tmp_path / "conf"
    folder.mkdir(exist_ok=True)
    for name, data in files.items():
        (folder / name).write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    overrides = {"data_dir": app.settings.data_dir, "database_url": app.settings.database_url}
    return load_config(overrides, config_dir=folder, environ=environ)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


# --- SMTP ---------------------------------------------------------------------------------------------


def self_signed(folder: Path) -> tuple[Path, Path]:
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), False
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), True)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = folder / "cert.pem", folder / "key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
    )
    return cert_path, key_path


@dataclass
class SmtpServer:
    port: int
    ca_file: Path
    user: str
    password: str
    messages: list[EmailMessage] = field(default_factory=list)
    envelopes: list[tuple[str, list[str]]] = field(default_factory=list)
    tls_sessions: list[bool] = field(default_factory=list)

    def settings(self) -> dict[str, Any]:
        return {
            "smtp_host": "127.0.0.1",
            "smtp_port": self.port,
            "smtp_ca_file": str(self.ca_file),
            "smtp_username": self.user,
            "smtp_password": self.password,
            "smtp_from": "duluan@127.0.0.1",
            "smtp_timeout": 5.0,
        }


@pytest.fixture
def smtp_server(tmp_path: Path) -> Iterator[SmtpServer]:
    with running_smtp(tmp_path) as server:
        yield server


@contextmanager
def running_smtp(tmp_path: Path) -> Iterator[SmtpServer]:
    """aiosmtpd on 127.0.0.1 demanding STARTTLS (self-signed certificate) and AUTH PLAIN."""
    from aiosmtpd.controller import Controller
    from aiosmtpd.smtp import AuthResult, LoginPassword

    cert, key = self_signed(tmp_path)
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    server = SmtpServer(port=free_port(), ca_file=cert, user="duluan", password="mat-khau-42")

    class Handler:
        async def handle_DATA(self, smtp: Any, session: Any, envelope: Any) -> str:
            server.messages.append(message_from_bytes(envelope.content, policy=policy.default))  # type: ignore[arg-type]
            server.envelopes.append((envelope.mail_from, list(envelope.rcpt_tos)))
            server.tls_sessions.append(session.ssl is not None)
            return "250 OK"

    def authenticator(_server: Any, _session: Any, _envelope: Any, _mechanism: str, data: Any) -> AuthResult:
        ok = isinstance(data, LoginPassword) and (data.login, data.password) == (
            server.user.encode(),
            server.password.encode(),
        )
        return AuthResult(success=ok, handled=False)  # handled=False: aiosmtpd answers 535 itself

    controller = Controller(
        Handler(),
        hostname="127.0.0.1",
        port=server.port,
        tls_context=context,
        require_starttls=True,
        authenticator=authenticator,
        auth_require_tls=True,
        auth_exclude_mechanism=["LOGIN"],  # aiosmtpd's LOGIN does not take smtplib's initial response
    )
    controller.start()
    try:
        yield server
    finally:
        controller.stop()


# --- webhook receiver ---------------------------------------------------------------------------------


@dataclass
class Received:
    headers: dict[str, str]
    body: bytes

    @property
    def json(self) -> Any:
        return json.loads(self.body.decode("utf-8"))


class Receiver:
    """An HTTP server on 127.0.0.1 recording every POST; can be stopped and started on the same port."""

    def __init__(self) -> None:
        self.port = free_port()
        self.received: list[Received] = []
        self.status = 200
        self._server: ThreadingHTTPServer | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/hook"

    def start(self) -> None:
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
                receiver.received.append(Received(dict(self.headers.items()), body))
                self.send_response(receiver.status)
                self.end_headers()

            def log_message(self, *_args: Any) -> None:
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        threading.Thread(target=self._server.serve_forever, daemon=True).start()

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    r = Receiver()
    r.start()
    try:
        yield r
    finally:
        r.stop()
