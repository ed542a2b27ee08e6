from __future__ import annotations

import re
from pathlib import Path

import pytest

from config import ConfigError, load_config, load_settings
from config.settings import Settings, env_name, setting_names

ROOT = Path(__file__).resolve().parents[2]


def test_defaults_put_sqlite_under_var() -> None:
    settings = load_settings(environ={})
    assert settings.resolved_database_url == "sqlite:///var/duluan.db?timeout=30"  # the busy timeout


@pytest.mark.parametrize(
    ("file_value", "env_value", "cli_value", "expected"),
    [
        (None, None, None, 7),
        (3, None, None, 3),
        (3, "5", None, 5),
        (3, "5", 9, 9),
        (None, None, 9, 9),
    ],
)
def test_precedence_defaults_file_env_cli(
    tmp_path: Path, file_value: int | None, env_value: str | None, cli_value: int | None, expected: int
) -> None:
    if file_value is not None:
        (tmp_path / "settings.yaml").write_text(f"crawl_since_days: {file_value}\n", encoding="utf-8")
    environ = {"DULUAN_CONFIG": str(tmp_path)}
    if env_value is not None:
        environ[env_name("crawl_since_days")] = env_value
    settings = load_settings({"crawl_since_days": cli_value}, environ=environ)
    assert settings.crawl_since_days == expected


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        ("crawl_since_days: -1\n", "crawl_since_days"),
        ("no_such_setting: 1\n", "no_such_setting: unknown setting"),
        ("crawl_since_days: [1\n", "invalid YAML"),
        ("- just a list\n", "expected a mapping"),
    ],
)
def test_bad_settings_file_is_one_line(tmp_path: Path, content: str, fragment: str) -> None:
    (tmp_path / "settings.yaml").write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_settings(environ={"DULUAN_CONFIG": str(tmp_path)})
    message = str(info.value)
    assert fragment in message and "\n" not in message


def test_bad_env_value_names_the_setting() -> None:
    with pytest.raises(ConfigError, match="download_timeout"):
        load_settings(environ={"DULUAN_DOWNLOAD_TIMEOUT": "soon"})


@pytest.mark.parametrize(
    ("name", "content", "fragment"),
    [
        ("sources.yaml", "sources:\n  - id: Bad Id\n", "sources.0.id"),
        ("recipients.yaml", "recipients: {}\nrouting:\n  dat_dai: [ubnd]\n", "unknown recipient 'ubnd'"),
        ("schedule.yaml", "jobs:\n  cycle: {trigger: interval}\n", "interval trigger needs minutes"),
        ("topics.yaml", "topics:\n  - id: x\n    name: X\n    threshold: 0\n", "topics.0.threshold"),
    ],
)
def test_bad_yaml_file_names_file_key_and_reason(
    tmp_path: Path, name: str, content: str, fragment: str
) -> None:
    (tmp_path / name).write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_config(config_dir=tmp_path, environ={})
    message = str(info.value)
    assert str(tmp_path / name) in message and fragment in message and "\n" not in message


def test_user_file_replaces_packaged_one(tmp_path: Path) -> None:
    (tmp_path / "sources.yaml").write_text(
        "sources:\n  - id: mine\n    name: Báo của tôi\n    url: http://127.0.0.1/\n    scope: province\n"
        "    discovery: [{kind: rss, url: 'http://127.0.0.1/rss'}]\n",
        encoding="utf-8",
    )
    app = load_config(config_dir=tmp_path, environ={})
    assert [s.id for s in app.sources.sources] == ["mine"]


def test_missing_config_dir_is_reported(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="does not exist"):
        load_config(environ={"DULUAN_CONFIG": str(tmp_path / "nope")})


@pytest.mark.parametrize(
    ("value", "expected"), [("${DULUAN_EMAIL_UBND}", "ubnd@example.org"), ("${UNSET_X}", None)]
)
def test_environment_references_resolve(value: str, expected: str | None) -> None:
    app = load_config(environ={"DULUAN_EMAIL_UBND": "ubnd@example.org"})
    assert app.resolve(value) == expected


@pytest.mark.parametrize("name", setting_names())
def test_every_setting_has_help_and_default(name: str) -> None:
    field = Settings.model_fields[name]
    assert field.description
    assert not field.is_required()


@pytest.mark.parametrize("name", setting_names())
def test_every_setting_is_documented(name: str) -> None:
    doc = (ROOT / "docs" / "configuration.md").read_text(encoding="utf-8")
    assert re.search(rf"`{name}`", doc), f"docs/configuration.md does not document {name}"
    assert env_name(name) in doc
