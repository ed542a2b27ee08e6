"""Delivery channels against real servers on 127.0.0.1: SMTP with STARTTLS and AUTH (aiosmtpd), a signed
webhook POST to an HTTP receiver, and the outbox's retries (SQLite and PostgreSQL)."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
from pathlib import Path
from typing import Any

import pytest
import yaml

from config import AppConfig
from pipeline.deliver.alerts import run_alerts
from pipeline.deliver.outbox import flush_outbox
from pipeline.detect.issues import run_detect
from pipeline.digest.core import run_digest
from storage import alerts as alert_repo
from storage.db import session_scope
from storage.outbox import retry_delay
from tests.pipeline.conftest import DAY, Receiver, Seeder, SmtpServer, at, end_of, free_port, with_files

SECRET = "bí-mật-webhook"
NOW = end_of(DAY)


def recipients(email: bool = True, webhook: bool = True) -> dict[str, Any]:
    channels: list[dict[str, str]] = [{"kind": "file"}]
    if email:
        channels.append({"kind": "email", "to": "${DULUAN_EMAIL_UBND}"})
    if webhook:
        channels.append(
            {"kind": "webhook", "to": "${DULUAN_WEBHOOK_UBND}", "secret": "${DULUAN_WEBHOOK_SECRET}"}
        )
    return {
        "recipients": {
            "ubnd": {
                "name": "Ủy ban nhân dân tỉnh Lạng Sơn",
                "short_name": "UBND tỉnh",
                "channels": channels,
            },
            "ban_tuyen_giao": {
                "name": "Ban Tuyên giáo và Dân vận Tỉnh ủy",
                "receives_digest": True,
                "channels": [{"kind": "file"}, {"kind": "email", "to": "${DULUAN_EMAIL_BTG}"}],
            },
        },
        "routing": {"moi_truong": ["ubnd"], "dat_dai": ["ubnd"]},
    }


def _app(
    tmp_path: Path,
    app_on: AppConfig,
    smtp: SmtpServer | None,
    hook_url: str = "http://127.0.0.1:9/none",
    password: str | None = None,
    **settings: Any,
) -> AppConfig:
    values: dict[str, Any] = {"delivery_retry_seconds": 60, "webhook_timeout": 3, **settings}
    environ = {
        "DULUAN_EMAIL_UBND": "ubnd@127.0.0.1",
        "DULUAN_EMAIL_BTG": "btg@127.0.0.1",
        "DULUAN_WEBHOOK_UBND": hook_url,
        "DULUAN_WEBHOOK_SECRET": SECRET,
    }
    if smtp is not None:
        values.update({k: v for k, v in smtp.settings().items() if k != "smtp_password"})
        environ["DULUAN_SMTP_PASSWORD"] = smtp.password if password is None else password
    alerts = {"rules": {"new_issue": {"min_score": 5}, "topic_burst": {"enabled": False}}}
    files = {"recipients.yaml": recipients(), "alerts.yaml": alerts, "settings.yaml": values}
    return with_files(tmp_path, app_on, files, environ)


def _stories(seed: Seeder, n: int = 1) -> None:
    for s, topic in enumerate(("moi_truong", "dat_dai")[:n]):
        for k in range(3):
            seed.article(
                at(DAY, 8 + 3 * s + k),
                title=f"Sự việc {topic} số {k}",
                topics={topic: 6.0},
                terms=(f"sự việc {s}", f"thôn {s}"),
                source=("xl", "tn")[k % 2],
                tone="negative",
            )


def _raise(app: AppConfig, now: dt.datetime = NOW) -> dict[str, Any]:
    run_detect(app, DAY, now=now)
    return run_alerts(app, DAY, now=now).as_stats()


def _deliveries(app: AppConfig, channel: str) -> list[Any]:
    with session_scope(app.settings.resolved_database_url) as session:
        return [
            d
            for a in alert_repo.list_alerts(session)
            for d in alert_repo.deliveries_of(session, a.id)
            if d.channel == channel
        ]


def test_email_goes_over_starttls_with_text_and_html_parts(
    tmp_path: Path, seed: Seeder, app_on: AppConfig, smtp_server: SmtpServer
) -> None:
    app = _app(tmp_path, app_on, smtp_server)
    _stories(seed)
    _raise(app)
    (mail,) = smtp_server.messages
    assert smtp_server.tls_sessions == [True]
    assert smtp_server.envelopes == [("duluan@127.0.0.1", ["ubnd@127.0.0.1"])]
    assert mail["Subject"].startswith("[duluan] 1 cảnh báo mới cho UBND tỉnh: Sự việc moi_truong")
    assert mail.get_content_type() == "multipart/alternative"
    text = mail.get_body(("plain",)).get_content()
    html = mail.get_body(("html",)).get_content()
    assert "1 CẢNH BÁO MỚI" in text and "Điểm " in text
    assert "Sự việc moi_truong" in html and "<script" not in html
    (delivery,) = _deliveries(app, "email")
    assert delivery.status == "sent" and mail["Message-ID"] == f"<{delivery.message_id}@duluan>"


def test_a_refused_login_keeps_the_email_pending_with_its_error(
    tmp_path: Path, seed: Seeder, app_on: AppConfig, smtp_server: SmtpServer
) -> None:
    app = _app(tmp_path, app_on, smtp_server, password="sai")
    _stories(seed)
    _raise(app)
    (delivery,) = _deliveries(app, "email")
    assert smtp_server.messages == []
    assert (delivery.status, delivery.attempts) == ("pending", 1)
    assert "SMTPAuthenticationError" in delivery.last_error
    assert delivery.next_attempt_at == NOW + dt.timedelta(seconds=60)


def test_a_server_without_starttls_is_refused(tmp_path: Path, seed: Seeder, app_on: AppConfig) -> None:
    from aiosmtpd.controller import Controller

    class Sink:
        def __init__(self) -> None:
            self.received: list[Any] = []

        async def handle_DATA(self, _smtp: Any, _session: Any, envelope: Any) -> str:
            self.received.append(envelope)
            return "250 OK"

    sink = Sink()
    port = free_port()
    controller = Controller(sink, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        plain = SmtpServer(port=port, ca_file=Path("/nonexistent"), user="", password="")
        app = _app(tmp_path, app_on, plain, smtp_ca_file="", smtp_username="")
        _stories(seed)
        _raise(app)
    finally:
        controller.stop()
    (delivery,) = _deliveries(app, "email")
    assert sink.received == [] and delivery.status == "pending"
    assert "does not offer STARTTLS" in delivery.last_error


def test_the_webhook_is_a_signed_json_post(
    tmp_path: Path, seed: Seeder, app_on: AppConfig, receiver: Receiver
) -> None:
    app = _app(tmp_path, app_on, None, receiver.url)
    _stories(seed, 2)
    _raise(app)
    (post,) = receiver.received
    expected = "sha256=" + hmac.new(SECRET.encode(), post.body, hashlib.sha256).hexdigest()
    assert post.headers["X-Duluan-Signature"] == expected
    assert post.headers["Content-Type"] == "application/json; charset=utf-8"
    doc = post.json
    assert doc["schema"] == "duluan.alerts/1" and doc["recipient"] == "ubnd"
    assert post.headers["X-Duluan-Delivery"] == doc["message_id"]
    assert sorted(a["topic"] for a in doc["alerts"]) == ["dat_dai", "moi_truong"]
    assert all({"id", "key", "kind", "title", "reason", "articles", "score"} <= set(a) for a in doc["alerts"])


def test_receiver_down_keeps_alerts_pending_and_back_delivers_each_exactly_once(
    tmp_path: Path, seed: Seeder, app_on: AppConfig, receiver: Receiver
) -> None:
    app = _app(tmp_path, app_on, None, receiver.url)
    receiver.stop()
    _stories(seed, 2)
    _raise(app)
    down = _deliveries(app, "webhook")
    assert [(d.status, d.attempts) for d in down] == [("pending", 1), ("pending", 1)]
    assert all("Connection refused" in d.last_error for d in down)
    assert {d.status for d in _deliveries(app, "file")} == {"sent"}
    assert flush_outbox(app, now=NOW + dt.timedelta(seconds=30)).attempts_failed == 0  # not due yet
    receiver.start()
    back = flush_outbox(app, now=NOW + dt.timedelta(seconds=61))
    for later in (2, 3):
        flush_outbox(app, now=NOW + dt.timedelta(hours=later))
    _raise(app, NOW + dt.timedelta(hours=4))  # a rerun of the day within the cooldown
    assert back.messages_sent == 1 and back.items_sent == 2
    (post,) = receiver.received
    keys = [a["key"] for a in post.json["alerts"]]
    assert len(keys) == len(set(keys)) == 2
    assert [(d.status, d.attempts, d.last_error) for d in _deliveries(app, "webhook")] == [
        ("sent", 2, None)
    ] * 2
    with session_scope(app.settings.resolved_database_url) as session:
        assert {a.status for a in alert_repo.list_alerts(session)} == {"sent"}


def test_an_http_error_is_a_failed_attempt(
    tmp_path: Path, seed: Seeder, app_on: AppConfig, receiver: Receiver
) -> None:
    receiver.status = 500
    app = _app(tmp_path, app_on, None, receiver.url)
    _stories(seed)
    _raise(app)
    (delivery,) = _deliveries(app, "webhook")
    assert delivery.status == "pending" and delivery.last_error.startswith("HTTP 500")


def test_delivery_gives_up_after_the_last_attempt(tmp_path: Path, seed: Seeder, app_on: AppConfig) -> None:
    app = _app(tmp_path, app_on, None, f"http://127.0.0.1:{free_port()}/", delivery_max_attempts=2)
    _stories(seed)
    _raise(app)
    result = flush_outbox(app, now=NOW + dt.timedelta(minutes=5))
    (delivery,) = _deliveries(app, "webhook")
    assert (delivery.status, delivery.attempts, result.gave_up) == ("failed", 2, 1)
    with session_scope(app.settings.resolved_database_url) as session:
        (alert,) = alert_repo.list_alerts(session)
    assert alert.status == "failed"


@pytest.mark.parametrize(("attempts", "seconds"), [(1, 60), (2, 120), (3, 240), (10, 6 * 3600)])
def test_retries_back_off_exponentially(attempts: int, seconds: int) -> None:
    assert retry_delay(attempts, 60) == dt.timedelta(seconds=seconds)


def test_the_digest_is_emailed_with_its_chart_inline(
    tmp_path: Path, seed: Seeder, app_on: AppConfig, smtp_server: SmtpServer
) -> None:
    app = _app(tmp_path, app_on, smtp_server)
    _stories(seed)
    stats = run_digest(app, DAY, now=NOW).as_stats()
    digests = [m for m in smtp_server.messages if m["Subject"].startswith("ĐIỂM TIN NGÀY")]
    (mail,) = digests
    assert mail["To"] == "btg@127.0.0.1" and mail["Subject"] == "ĐIỂM TIN NGÀY 15/09/2026 — tỉnh Lạng Sơn"
    html_part = mail.get_body(("html",))
    html = html_part.get_content()
    assert 'src="cid:trend-chart"' in html and "data:image/png" not in html
    (image,) = [p for p in mail.walk() if p.get_content_type() == "image/png"]
    assert image["Content-ID"] == "<trend-chart>"
    assert image.get_content() == Path(stats["chart"]).read_bytes()
    assert "ĐIỂM TIN NGÀY 15/09/2026" in mail.get_body(("plain",)).get_content()


def test_settings_files_never_hold_the_smtp_password(
    tmp_path: Path, app_on: AppConfig, smtp_server: SmtpServer
) -> None:
    app = _app(tmp_path, app_on, smtp_server)
    written = yaml.safe_load((tmp_path / "conf" / "settings.yaml").read_text(encoding="utf-8"))
    assert "smtp_password" not in written
    assert app.settings.smtp_password.get_secret_value() == smtp_server.password
    assert smtp_server.password not in repr(app.settings)
