"""Hostile crawled titles (markup, template syntax, header injection, huge strings, spreadsheet formulas)
render inert and bounded in every output: HTML and text digest, e-mail subject and body, webhook JSON,
the file outbox, and the HTML and XLSX reports."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest
from lxml import html as lxml_html
from openpyxl import load_workbook

from pipeline.deliver.alerts import run_alerts
from pipeline.detect.issues import run_detect
from pipeline.digest.core import run_digest
from pipeline.render import MAX_TITLE
from pipeline.reports.core import Period, run_report
from storage.db import dispose_engines
from tests.pipeline.conftest import DAY, Receiver, Seeder, at, end_of, running_smtp, with_files

HOSTILE = {
    "script": '<script>alert("x")</script><img src=x onerror=alert(1)> Cháy chợ',
    "template": "{{ 7*7 }} {% if true %}lộ{% endif %} Cháy chợ",
    "crlf": "Cháy chợ\r\nBcc: attacker@evil.example\r\n\r\n<b>chèn</b>",
    "long": "Cháy chợ " + "rất dài " * 5000,
    "formula": '=HYPERLINK("http://evil.example","bấm vào") Cháy chợ',
    # right-to-left override and the other bidi controls: "‮gnol" displays reversed
    "bidi": "Cháy chợ \u202eđộc hại\u202c \u2067xen\u2069 \u202bnhúng\u202c\u200f \u061cthật",
}
BIDI = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
NOW = end_of(DAY)


@dataclass
class Outputs:
    title: str
    digest_html: str
    digest_text: str
    emails: list[EmailMessage]
    webhook: list[Any]
    outbox: list[dict[str, Any]]
    report_html: str
    report_xlsx: Path


@pytest.fixture(scope="module", params=sorted(HOSTILE))
def outputs(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Outputs]:
    title = HOSTILE[request.param]
    tmp = tmp_path_factory.mktemp(request.param)
    receiver = Receiver()
    receiver.start()
    with running_smtp(tmp) as smtp:
        from config import load_config

        base = load_config({"data_dir": tmp / "var"}, environ={})
        settings = {k: v for k, v in smtp.settings().items() if k != "smtp_password"}
        recipients = {
            "recipients": {
                "ubnd": {
                    "name": "Ủy ban nhân dân tỉnh",
                    "channels": [
                        {"kind": "email", "to": "${DULUAN_EMAIL_UBND}"},
                        {"kind": "webhook", "to": "${DULUAN_HOOK}", "secret": "${DULUAN_HOOK_SECRET}"},
                    ],
                },
                "ban_tuyen_giao": {"name": "Ban Tuyên giáo", "receives_digest": True},
            },
            "routing": {"thien_tai": ["ubnd"]},
        }
        environ = {
            "DULUAN_EMAIL_UBND": "ubnd@127.0.0.1",
            "DULUAN_HOOK": receiver.url,
            "DULUAN_HOOK_SECRET": "s",
            "DULUAN_SMTP_PASSWORD": smtp.password,
        }
        rules = {"rules": {"new_issue": {"min_score": 1}}}
        files = {"settings.yaml": settings, "recipients.yaml": recipients, "alerts.yaml": rules}
        app = with_files(tmp, base, files, environ)
        seed = Seeder(app)
        for k in range(3):
            seed.article(
                at(DAY, 8 + k),
                title=title,
                sapo=title,
                topics={"thien_tai": 6.0},
                terms=("chợ đông kinh", "đám cháy"),
                source=("xl", "tn")[k % 2],
            )
        run_detect(app, DAY, now=NOW)
        digest = run_digest(app, DAY, now=NOW, detect=False).as_stats()
        run_alerts(app, DAY, now=NOW)
        report = run_report(app, "ubnd", Period.quarter(2026, 3)).as_stats()
        outbox = [json.loads(p.read_text("utf-8")) for p in (app.settings.outbox_dir / "ubnd").glob("*.json")]
        yield Outputs(
            title=title,
            digest_html=Path(digest["html"]).read_text(encoding="utf-8"),
            digest_text=Path(digest["text"]).read_text(encoding="utf-8"),
            emails=list(smtp.messages),
            webhook=[r.json for r in receiver.received],
            outbox=outbox,
            report_html=Path(report["html"]).read_text(encoding="utf-8"),
            report_xlsx=Path(report["xlsx"]),
        )
    receiver.stop()
    dispose_engines()


def _inert_html(page: str) -> None:
    tree = lxml_html.document_fromstring(page)
    assert tree.xpath("//script") == [] and tree.xpath("//*[@onerror]") == []
    assert tree.xpath("//b[contains(., 'chèn')]") == []
    assert "49" not in tree.text_content().replace("2026", "")  # no template evaluated the title
    assert not re.search(r"(rất dài ){60}", page)  # bounded: a title is clipped to MAX_TITLE


def test_html_digest(outputs: Outputs) -> None:
    _inert_html(outputs.digest_html)
    assert "Cháy chợ" in outputs.digest_html


def test_text_digest(outputs: Outputs) -> None:
    text = outputs.digest_text
    assert not BIDI.search(text) and not BIDI.search(outputs.digest_html)
    assert "\r" not in text and not re.search(r"^Bcc:", text, re.M)
    assert max(len(line) for line in text.splitlines()) <= 1000  # titles 300, summaries 3 x 320
    if "{{" in outputs.title:
        assert "{{ 7*7 }}" in text


def test_email_subject_and_body(outputs: Outputs) -> None:
    (mail,) = [m for m in outputs.emails if m["Subject"].startswith("[duluan]")]
    assert mail["Bcc"] is None and "\n" not in mail["Subject"] and "\r" not in mail["Subject"]
    assert len(mail["Subject"]) <= 200
    assert mail["To"] == "ubnd@127.0.0.1"
    _inert_html(mail.get_body(("html",)).get_content())
    assert "\r" not in mail.get_body(("plain",)).get_content().replace("\r\n", "\n")
    for text in (
        mail["Subject"],
        mail.get_body(("plain",)).get_content(),
        mail.get_body(("html",)).get_content(),
    ):
        assert not BIDI.search(text)  # nothing reorders the displayed text
    if outputs.title.startswith("Cháy chợ \u202e"):
        assert "độc hại" in mail.get_body(("plain",)).get_content()


def test_webhook_json(outputs: Outputs) -> None:
    (document,) = outputs.webhook
    for alert in document["alerts"]:
        assert "\n" not in alert["title"] and "\r" not in alert["title"]
        assert len(alert["title"]) <= MAX_TITLE
    (issue,) = [a for a in document["alerts"] if a["kind"] == "issue"]
    assert issue["title"].split()[:2] == outputs.title.split()[:2]  # the same text, not rewritten


def test_file_outbox(outputs: Outputs) -> None:
    (message,) = outputs.outbox
    assert all(len(a["title"]) <= MAX_TITLE and "\n" not in a["title"] for a in message["alerts"])


def test_html_report(outputs: Outputs) -> None:
    _inert_html(outputs.report_html)


def test_xlsx_report(outputs: Outputs) -> None:
    book = load_workbook(outputs.report_xlsx)
    cells = [c for ws in book.worksheets for row in ws.iter_rows() for c in row if c.value is not None]
    assert all(c.data_type != "f" for c in cells)  # no crawled text became a formula
    texts = [c.value for c in cells if isinstance(c.value, str) and "Cháy chợ" in c.value]
    assert texts and all(len(t) <= 1200 and "\n" not in t for t in texts)
    if outputs.title.startswith("="):
        assert any(t.startswith("=HYPERLINK") for t in texts)


def test_pages_were_actually_produced(outputs: Outputs) -> None:
    assert outputs.emails and outputs.webhook and outputs.outbox
    assert dt.date(2026, 9, 15).strftime("%d/%m/%Y") in outputs.digest_html
