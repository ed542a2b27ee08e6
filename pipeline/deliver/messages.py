"""What the channels send: one message per body bundling its alerts, or a digest, as subject, text,
HTML (with inline images for e-mail) and a JSON document (webhook body and file outbox).

The webhook/file JSON schema is documented in docs/delivery.md; bump SCHEMA_* when it changes.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property
from pathlib import Path
from typing import Any

from config import AppConfig
from pipeline.render import clip, environment
from storage.records import Alert, Digest

SCHEMA_ALERTS = "duluan.alerts/1"
SCHEMA_DIGEST = "duluan.digest/1"
KINDS = {
    "issue": "Vấn đề nổi cộm",
    "burst": "Tăng đột biến",
    "phrase": "Tình huống nghiêm trọng",
    "watch": "Chuyên đề theo dõi",
}
CHART_CID = "trend-chart"


@dataclass(frozen=True)
class Message:
    message_id: str  # idempotency key: the same items give the same id (receivers deduplicate on it)
    recipient_id: str
    kind: str  # alerts | digest
    subject: str
    document: dict[str, Any]
    render: Callable[[], tuple[str, str]] = field(repr=False, compare=False)  # (text, html), when needed
    images: dict[str, bytes] = field(default_factory=dict)  # content id -> PNG, html refers to cid:<id>
    stamp: str = ""  # sortable prefix of file names

    @cached_property
    def bodies(self) -> tuple[str, str]:
        return self.render()

    @property
    def text(self) -> str:
        return self.bodies[0]

    @property
    def html(self) -> str:
        """HTML for e-mail (inline images as cid: references)."""
        return self.bodies[1]


def message_id(kind: str, keys: list[str]) -> str:
    digest = hashlib.sha256("\n".join(sorted(keys)).encode("utf-8")).hexdigest()[:32]
    return f"duluan-{kind}-{digest}"


def _recipient(app: AppConfig, recipient_id: str) -> dict[str, str]:
    rec = app.recipients.recipients.get(recipient_id)
    name = rec.name if rec else recipient_id
    return {"id": recipient_id, "name": name, "short_name": (rec.short_name if rec else "") or name}


def alert_item(alert: Alert) -> dict[str, Any]:
    """One alert as the JSON schema has it (payload fields flattened in)."""
    created = alert.created_at.isoformat() if alert.created_at else None
    return {
        **alert.payload,
        "id": alert.id,
        "key": alert.key,
        "kind": alert.kind,
        "topic": alert.topic_id,
        "title": clip(alert.title),
        "created_at": created,
    }


def alert_message(app: AppConfig, recipient_id: str, alerts: list[Alert], now: datetime) -> Message:
    alerts = sorted(alerts, key=lambda a: a.id or 0)
    rec = _recipient(app, recipient_id)
    mid = message_id("alerts", [a.key for a in alerts])
    first = clip(alerts[0].title, 90) if alerts else ""
    subject = clip(f"[duluan] {len(alerts)} cảnh báo mới cho {rec['short_name']}: {first}", 200)
    items = [alert_item(a) for a in alerts]
    document = {
        "schema": SCHEMA_ALERTS,
        "message_id": mid,
        "recipient": recipient_id,
        "recipient_name": rec["name"],
        "subject": subject,
        "created_at": now.isoformat(),
        "alerts": items,
    }
    context = {
        "subject": subject,
        "province": app.settings.province,
        "recipient_id": recipient_id,
        "recipient_name": rec["name"],
        "alerts": items,
        "kinds": KINDS,
    }

    def render() -> tuple[str, str]:
        env = environment()
        return (
            env.get_template("alerts.txt.j2").render(**context),
            env.get_template("alerts.html.j2").render(**context),
        )

    created = [a.created_at for a in alerts if a.created_at]
    return Message(
        message_id=mid,
        recipient_id=recipient_id,
        kind="alerts",
        subject=subject,
        render=render,
        document=document,
        stamp=min(created).strftime("%Y%m%dT%H%M%SZ") if created else "",
    )


def chart_data_uri(png: bytes) -> str:
    return "data:image/png;base64," + base64.b64encode(png).decode("ascii")


def digest_message(app: AppConfig, digest: Digest, recipient_id: str, now: datetime) -> Message:
    """The digest as written on disk; for e-mail its embedded chart becomes an inline (cid:) image."""
    html = Path(digest.html_path).read_text(encoding="utf-8")
    text = Path(digest.text_path).read_text(encoding="utf-8")
    chart_path = digest.stats.get("chart")
    images: dict[str, bytes] = {}
    email_html = html
    if chart_path and Path(chart_path).exists():
        png = Path(chart_path).read_bytes()
        email_html = html.replace(chart_data_uri(png), f"cid:{CHART_CID}")
        images[CHART_CID] = png
    rec = _recipient(app, recipient_id)
    subject = clip(f"ĐIỂM TIN NGÀY {digest.day:%d/%m/%Y} — tỉnh {app.settings.province}", 200)
    mid = message_id("digest", [f"{digest.day.isoformat()}:{recipient_id}"])
    document = {
        "schema": SCHEMA_DIGEST,
        "message_id": mid,
        "recipient": recipient_id,
        "recipient_name": rec["name"],
        "subject": subject,
        "created_at": now.isoformat(),
        "day": digest.day.isoformat(),
        "issues": digest.stats.get("issues_list", []),
        "articles": digest.stats.get("articles", 0),
        "text": text,
        "html": html,
    }
    return Message(
        message_id=mid,
        recipient_id=recipient_id,
        kind="digest",
        subject=subject,
        render=lambda: (text, email_html),
        document=document,
        images=images,
        stamp=digest.day.strftime("%Y%m%d"),
    )
