"""The delivery channels: e-mail over SMTP with STARTTLS, a signed webhook POST, and the file outbox.

Each returns where the message went, or raises DeliveryError with a one-line reason (kept as the delivery's
last error). Nothing here retries: the outbox decides when to try again.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import smtplib
import ssl
import urllib.error
import urllib.request
from email import policy
from email.message import EmailMessage
from email.utils import formatdate, getaddresses
from pathlib import Path

from config import AppConfig
from pipeline.deliver.messages import Message

SIGNATURE_HEADER = "X-Duluan-Signature"
DELIVERY_HEADER = "X-Duluan-Delivery"
EVENT_HEADER = "X-Duluan-Event"


class DeliveryError(Exception):
    """A message could not be delivered this time (the message is one line)."""


def _one_line(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {' '.join(str(exc).split())}"[:500]


# --- e-mail ------------------------------------------------------------------------------------------


def email_message(app: AppConfig, to: list[str], message: Message) -> EmailMessage:
    """A multipart/alternative e-mail (text and HTML, inline images related to the HTML)."""
    mail = EmailMessage(policy=policy.SMTP)
    mail["Subject"] = message.subject  # built with clip(): no line breaks can reach a header
    mail["From"] = app.settings.smtp_from
    mail["To"] = ", ".join(to)
    mail["Date"] = formatdate(localtime=False)
    mail["Message-ID"] = f"<{message.message_id}@duluan>"
    mail["X-Duluan-Message-Id"] = message.message_id
    mail.set_content(message.text, subtype="plain", charset="utf-8")
    mail.add_alternative(message.html, subtype="html", charset="utf-8")
    if message.images:
        html_part = next(p for p in mail.iter_parts() if p.get_content_type() == "text/html")
        assert isinstance(html_part, EmailMessage)
        for cid, png in message.images.items():
            html_part.add_related(png, maintype="image", subtype="png", cid=f"<{cid}>", filename=f"{cid}.png")
    return mail


def send_email(app: AppConfig, to: str, message: Message) -> str:
    s = app.settings
    if not s.smtp_host:
        raise DeliveryError("e-mail channel not configured: setting smtp_host is empty")
    addresses = [addr for _, addr in getaddresses([to]) if "@" in addr]
    if not addresses:
        raise DeliveryError(f"no valid e-mail address in {to!r}")
    mail = email_message(app, addresses, message)
    try:
        with smtplib.SMTP(s.smtp_host, s.smtp_port, timeout=s.smtp_timeout) as smtp:
            smtp.ehlo()
            if s.smtp_starttls:
                if not smtp.has_extn("starttls"):
                    raise DeliveryError(f"{s.smtp_host}:{s.smtp_port} does not offer STARTTLS")
                context = ssl.create_default_context(cafile=s.smtp_ca_file or None)
                smtp.starttls(context=context)
                smtp.ehlo()
            if s.smtp_username:
                smtp.login(s.smtp_username, s.smtp_password.get_secret_value())
            smtp.send_message(mail, from_addr=s.smtp_from, to_addrs=addresses)
    except (smtplib.SMTPException, OSError, ValueError) as exc:
        raise DeliveryError(_one_line(exc)) from exc
    return f"smtp://{s.smtp_host}:{s.smtp_port} to {', '.join(addresses)}"


# --- webhook -----------------------------------------------------------------------------------------


def webhook_body(message: Message) -> bytes:
    return json.dumps(message.document, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode(
        "utf-8"
    )


def signature(secret: str, body: bytes) -> str:
    return "sha256=" + hmac.new(secret.encode("utf-8"), body, hashlib.sha256).hexdigest()


def post_webhook(app: AppConfig, url: str, secret: str, message: Message) -> str:
    if not url.startswith(("http://", "https://")):
        raise DeliveryError(f"webhook URL must be http(s): {url[:100]!r}")
    body = webhook_body(message)
    request = urllib.request.Request(
        url,
        data=body,
        method="POST",
        headers={
            "Content-Type": "application/json; charset=utf-8",
            "User-Agent": app.settings.resolved_user_agent,
            SIGNATURE_HEADER: signature(secret, body),
            DELIVERY_HEADER: message.message_id,
            EVENT_HEADER: message.kind,
        },
    )
    try:
        with urllib.request.urlopen(request, timeout=app.settings.webhook_timeout) as response:
            status = response.status
    except urllib.error.HTTPError as exc:
        raise DeliveryError(f"HTTP {exc.code} from {url}") from exc
    except (urllib.error.URLError, OSError, ValueError) as exc:
        raise DeliveryError(_one_line(exc)) from exc
    if not 200 <= status < 300:
        raise DeliveryError(f"HTTP {status} from {url}")
    return f"{url} (HTTP {status})"


# --- file outbox -------------------------------------------------------------------------------------


def write_file(app: AppConfig, message: Message) -> str:
    """outbox/<recipient>/<stamp>-<message id>.json (alerts) or .eml (digests): rewriting the same message
    replaces its file, so a retry never leaves two copies."""
    folder = app.settings.outbox_dir / message.recipient_id
    name = f"{message.stamp}-{message.message_id}" if message.stamp else message.message_id
    if message.kind == "digest":
        path = folder / f"{name}.eml"
        content = email_message(app, [message.document["recipient_name"]], message).as_bytes()
    else:
        path = folder / f"{name}.json"
        content = json.dumps(message.document, ensure_ascii=False, indent=2).encode("utf-8")
    try:  # an unwritable outbox fails this channel's deliveries only (retried later), not the run
        folder.mkdir(parents=True, exist_ok=True)
        _write_atomic(path, content)
    except OSError as exc:
        raise DeliveryError(f"cannot write the file outbox {folder}: {exc.strerror or exc}") from exc
    return str(path)


def _write_atomic(path: Path, content: bytes) -> None:
    tmp = path.with_suffix(path.suffix + ".tmp")
    tmp.write_bytes(content)
    tmp.replace(path)
