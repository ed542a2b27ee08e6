"""An unwritable file outbox fails only the file channel's deliveries: e-mail and webhook still go out,
the file deliveries are released with a retry time (not left `sending` until the claim lapses), the
command reports the failure without a traceback, and once the folder is writable they are delivered once."""

from __future__ import annotations

import datetime as dt
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from config import AppConfig
from pipeline.cli.main import app as cli
from pipeline.deliver.outbox import flush_outbox
from tests.pipeline.conftest import Receiver, Seeder, SmtpServer

from .test_channels import NOW, _app, _deliveries, _raise, _stories


def _outbox_is_a_file(app: AppConfig) -> None:
    app.settings.outbox_dir.parent.mkdir(parents=True, exist_ok=True)
    app.settings.outbox_dir.write_text("not a folder", encoding="utf-8")


def _recipient_folder_is_a_file(app: AppConfig) -> None:
    app.settings.outbox_dir.mkdir(parents=True, exist_ok=True)
    (app.settings.outbox_dir / "ubnd").write_text("not a folder", encoding="utf-8")


def _outbox_read_only(app: AppConfig) -> None:
    if os.geteuid() == 0:
        pytest.skip("root writes into read-only folders")
    app.settings.outbox_dir.mkdir(parents=True, exist_ok=True)
    app.settings.outbox_dir.chmod(0o500)


BREAK: dict[str, Callable[[AppConfig], None]] = {
    "outbox-is-a-file": _outbox_is_a_file,
    "recipient-folder-is-a-file": _recipient_folder_is_a_file,
    "outbox-read-only": _outbox_read_only,
}


def _repair(app: AppConfig) -> None:
    outbox = app.settings.outbox_dir
    if outbox.is_file():
        outbox.unlink()
    elif outbox.is_dir():
        outbox.chmod(0o700)
        if (outbox / "ubnd").is_file():
            (outbox / "ubnd").unlink()


@pytest.mark.parametrize("breakage", list(BREAK.values()), ids=list(BREAK))
def test_an_unwritable_outbox_fails_only_the_file_channel(
    tmp_path: Path,
    seed: Seeder,
    app_on: AppConfig,
    smtp_server: SmtpServer,
    receiver: Receiver,
    breakage: Callable[[AppConfig], None],
) -> None:
    app = _app(tmp_path, app_on, smtp_server, receiver.url)
    breakage(app)
    _stories(seed, 2)
    stats = _raise(app)
    assert [d.status for d in _deliveries(app, "email")] == ["sent"] * 2
    assert [d.status for d in _deliveries(app, "webhook")] == ["sent"] * 2
    files = _deliveries(app, "file")
    assert files and all(d.status == "pending" and d.attempts == 1 for d in files)
    assert all("cannot write the file outbox" in d.last_error for d in files)
    assert all(d.next_attempt_at is not None for d in files)  # released with a retry time
    assert any("cannot write the file outbox" in e for e in stats["delivery"]["errors"])

    options = ["--config", str(tmp_path / "conf"), "--data-dir", str(app.settings.data_dir)]
    options += ["--database-url", app.settings.resolved_database_url]
    result = CliRunner().invoke(cli, [*options, "alerts", "deliver"])
    assert result.exit_code == 0 and "Traceback" not in result.output, result.output
    failed = [line for line in result.output.splitlines() if "failed:" in line]
    assert failed and all("cannot write the file outbox" in line for line in failed), result.output

    _repair(app)
    later = flush_outbox(app, now=NOW + dt.timedelta(days=120))
    assert later.messages_sent == 1 and later.items_sent == 2  # one bundle for ubnd, delivered once
    assert {d.status for d in _deliveries(app, "file")} == {"sent"}
    assert len(smtp_server.messages) == 1 and len(receiver.received) == 1  # nothing sent twice
    shutil.rmtree(app.settings.outbox_dir, ignore_errors=True)
