"""alerts.yaml validation, and migration 0003 keeping the alerts and deliveries of an older database."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import text

from config import ConfigError, load_config
from storage.db import get_engine, session_scope, upgrade
from storage.models import DeliveryRow
from storage.outbox import claim_due


def test_packaged_alert_rules_load() -> None:
    rules = load_config(environ={}).alerts.rules
    assert rules.new_issue.enabled and rules.topic_burst.enabled and rules.severe_phrase.phrases
    assert all(p.topic for p in rules.severe_phrase.phrases)


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        ("rules:\n  severe_phrase:\n    phrases: [{phrase: x, topic: nope}]\n", "unknown topic id 'nope'"),
        ("rules:\n  topic_burst: {max_p_value: 2}\n", "rules.topic_burst.max_p_value"),
        ("regrow_factor: 0.5\n", "regrow_factor"),
        ("rules:\n  new_issue: {min_scor: 3}\n", "rules.new_issue.min_scor"),
    ],
)
def test_a_bad_alerts_file_is_one_line(tmp_path: Path, content: str, fragment: str) -> None:
    (tmp_path / "alerts.yaml").write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_config(config_dir=tmp_path, environ={})
    assert fragment in str(info.value) and "alerts.yaml" in str(info.value) and "\n" not in str(info.value)


def test_a_non_ascii_smtp_password_is_refused_at_load() -> None:
    with pytest.raises(ConfigError, match="smtp_password"):
        load_config(environ={"DULUAN_SMTP_PASSWORD": "mật khẩu"})


def test_upgrading_an_old_database_keeps_its_alerts_and_delivers_them(db_url: str) -> None:
    upgrade(db_url, "0001")
    created = dt.datetime(2026, 9, 1, 3, 0)
    with get_engine(db_url).begin() as conn:
        conn.execute(
            text(
                "INSERT INTO alerts (id, key, recipient_id, kind, topic_id, title, payload, created_at,"
                " status) VALUES (1, 'issue:dat_dai:1:ubnd', 'ubnd', 'issue', 'dat_dai', 'Cũ', '{}', :c,"
                " 'pending')"
            ),
            {"c": created},
        )
        conn.execute(
            text(
                "INSERT INTO deliveries (id, alert_id, channel, status, attempts)"
                " VALUES (1, 1, 'file', 'pending', 0)"
            )
        )
    upgrade(db_url)
    with session_scope(db_url) as session:
        (row,) = claim_due(session, DeliveryRow, token="t", now=dt.datetime(2026, 9, 2, tzinfo=dt.UTC))
        assert (row.alert_id, row.channel, row.attempts, row.next_attempt_at) == (1, "file", 0, None)
        title = session.execute(text("SELECT title, subject FROM alerts WHERE id = 1")).one()
        assert tuple(title) == ("Cũ", None)
