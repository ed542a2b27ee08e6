"""Runtime settings: packaged defaults < user config directory < DULUAN_* environment < CLI options.

This module (with `config.files`) is the only code in duluan that reads the environment.
Every setting is declared once here, with its default and its help text; `docs/configuration.md`
documents each one (a test checks that).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, SecretStr, ValidationError, field_validator

from config.errors import ConfigError, describe_validation_error

ENV_PREFIX = "DULUAN_"
CONFIG_DIR_ENV = "DULUAN_CONFIG"
SETTINGS_FILE = "settings.yaml"


class Settings(BaseModel):
    """Scalar settings of a duluan installation."""

    model_config = ConfigDict(extra="forbid", frozen=True, validate_default=True)

    data_dir: Path = Field(
        Path("var"), description="Folder for the SQLite database, digests, outbox and models."
    )
    database_url: str = Field(
        "",
        description="SQLAlchemy URL; empty means SQLite at <data_dir>/duluan.db. "
        "PostgreSQL: postgresql+psycopg://user@host/db.",
    )
    sqlite_busy_timeout: float = Field(
        30.0,
        gt=0,
        le=3600,
        description="Seconds a command waits for another process's write lock on the SQLite database "
        "before it stops with one line and exit code 2.",
    )
    province: str = Field("Lạng Sơn", description="Province the deployment monitors (shown in digests).")
    timezone: str = Field("Asia/Ho_Chi_Minh", description="Time zone of dates, schedules and digests.")
    contact_url: str = Field(
        "https://example.org/duluan-crawler",
        description="Page describing the crawler; put in the user agent so site owners can reach you.",
    )
    user_agent: str = Field(
        "", description="HTTP user agent; empty means 'duluan/<version> (+<contact_url>)'."
    )
    obey_robots: bool = Field(True, description="Obey robots.txt (keep on for live sources).")
    concurrent_per_domain: int = Field(2, ge=1, le=16, description="Concurrent requests per domain.")
    download_delay: float = Field(0.5, ge=0, description="Minimum seconds between requests to one domain.")
    download_timeout: int = Field(30, ge=1, description="Seconds before a request times out.")
    max_page_bytes: int = Field(5_000_000, ge=10_000, description="Larger responses are dropped.")
    max_article_chars: int = Field(
        100_000,
        ge=1_000,
        description="Longer article texts are cut (at a paragraph break) before they are stored.",
    )
    max_feed_articles: int = Field(
        1_000,
        ge=1,
        description="Article URLs requested per source and crawl at most (a 10,000-URL feed cannot "
        "take a whole cycle); the rest are counted skipped/over_source_limit and come next crawl.",
    )
    retry_times: int = Field(
        3, ge=0, le=10, description="Retries of a request that failed with a 5xx, 408, 429 or a timeout."
    )
    retry_backoff: float = Field(
        2.0, ge=0, description="Seconds before the first retry; doubled for each further retry (max 60)."
    )
    crawl_since_days: int = Field(
        7, ge=1, description="Date horizon: listing pages and feed items older than this are not followed."
    )
    annotate_batch_size: int = Field(200, ge=1, description="Articles claimed per annotation batch.")
    analysis_max_chars: int = Field(
        30_000,
        ge=1_000,
        description="Characters of an article's body that are analysed (topics, places, tone, duplicates "
        "read its head): bounds annotation memory and time on very long pages.",
    )
    annotate_processes: int = Field(
        0, ge=0, description="Annotation worker processes; 0 means one per CPU core."
    )
    story_window_days: int = Field(3, ge=1, description="Articles this many days apart can form one story.")
    story_similarity: float = Field(
        0.25,
        gt=0,
        le=1,
        description="Minimum text similarity (0-1) for two articles of one topic to join a story.",
    )
    issue_window_days: int = Field(3, ge=1, description="Days of coverage counted when scoring an issue.")
    baseline_days: int = Field(
        14, ge=3, le=90, description="Days before the day that form a topic's baseline (growth and bursts)."
    )
    digest_max_issues: int = Field(7, ge=1, le=20, description="Pressing issues listed at most in a digest.")
    digest_min_issues: int = Field(
        3,
        ge=0,
        le=20,
        description="Issues listed at least (when the day has them), even below digest_min_score.",
    )
    digest_min_score: float = Field(
        6.0, ge=0, description="Issues scoring at least this are listed in the digest (up to the maximum)."
    )
    smtp_host: str = Field(
        "", description="SMTP server for e-mail delivery; empty disables the e-mail channel."
    )
    smtp_port: int = Field(587, ge=1, le=65535, description="SMTP port (587 = submission with STARTTLS).")
    smtp_starttls: bool = Field(
        True, description="Upgrade the SMTP connection with STARTTLS (refuse to send if the server cannot)."
    )
    smtp_ca_file: str = Field(
        "", description="PEM file of extra CA certificates trusted for STARTTLS (an internal mail server)."
    )
    smtp_username: str = Field("", description="SMTP login; empty sends without authentication.")
    smtp_password: SecretStr = Field(
        SecretStr(""), description="SMTP password; set it through DULUAN_SMTP_PASSWORD, not a file."
    )
    smtp_from: str = Field("duluan@localhost", description="Sender address of e-mails.")
    smtp_timeout: float = Field(30.0, gt=0, description="Seconds before an SMTP connection attempt fails.")
    webhook_timeout: float = Field(10.0, gt=0, description="Seconds before a webhook POST fails.")
    delivery_max_attempts: int = Field(
        6, ge=1, le=50, description="Attempts per message before its delivery is marked failed."
    )
    delivery_retry_seconds: float = Field(
        60.0, ge=0, description="Wait before the first retry; doubled after each failure (at most 6 hours)."
    )
    web_session_hours: int = Field(12, ge=1, le=720, description="Hours a web login session lasts.")
    login_max_failures: int = Field(
        5, ge=1, description="Failed web logins (per user name or client address) before logins are refused."
    )
    login_window_minutes: int = Field(
        15, ge=1, description="Minutes over which failed web logins are counted for the limit."
    )
    redis_url: str = Field(
        "", description="Redis URL (redis://host:6379/0); when set, crawler processes share one frontier."
    )
    worker_lease_seconds: int = Field(
        300,
        ge=5,
        description="How long an annotation worker's claim on a batch lasts before others retake it.",
    )
    leader_lease_seconds: int = Field(
        60, ge=3, description="Scheduler leadership lease; a standby `duluan run` takes over after it lapses."
    )
    log_level: str = Field(
        "WARNING", pattern="^(DEBUG|INFO|WARNING|ERROR)$", description="Log level of messages on stderr."
    )

    @field_validator("smtp_username", "smtp_password")
    @classmethod
    def _ascii_credentials(cls, value: str | SecretStr) -> str | SecretStr:
        text = value.get_secret_value() if isinstance(value, SecretStr) else value
        if not text.isascii():
            raise ValueError("SMTP credentials must be ASCII (the SMTP AUTH of Python's smtplib)")
        return value

    @property
    def resolved_database_url(self) -> str:
        """The database URL; a SQLite one carries the busy timeout (`?timeout=` seconds) unless it has one."""
        url = self.database_url or f"sqlite:///{self.data_dir / 'duluan.db'}"
        if url.startswith("sqlite") and "timeout=" not in url:
            url += ("&" if "?" in url else "?") + f"timeout={self.sqlite_busy_timeout:g}"
        return url

    @property
    def digest_dir(self) -> Path:
        return self.data_dir / "digests"

    @property
    def outbox_dir(self) -> Path:
        return self.data_dir / "outbox"

    @property
    def model_dir(self) -> Path:
        return self.data_dir / "models"

    @property
    def report_dir(self) -> Path:
        return self.data_dir / "reports"

    @property
    def resolved_user_agent(self) -> str:
        from importlib.metadata import PackageNotFoundError, version

        try:
            ver = version("duluan")
        except PackageNotFoundError:  # running from a source tree
            ver = "dev"
        return self.user_agent or f"duluan/{ver} (+{self.contact_url})"


def setting_names() -> list[str]:
    return list(Settings.model_fields)


def env_name(field: str) -> str:
    return ENV_PREFIX + field.upper()


def config_dir_from_env(environ: Mapping[str, str] | None = None) -> Path | None:
    env = os.environ if environ is None else environ
    value = env.get(CONFIG_DIR_ENV, "").strip()
    return Path(value) if value else None


def load_settings(
    overrides: Mapping[str, Any] | None = None,
    *,
    config_dir: Path | None = None,
    environ: Mapping[str, str] | None = None,
) -> Settings:
    """Merge defaults < `<config_dir>/settings.yaml` < DULUAN_* variables < `overrides` (CLI options).

    `config_dir` defaults to $DULUAN_CONFIG; `environ` to os.environ. None values in `overrides`
    mean "option not given".
    """
    env = dict(os.environ if environ is None else environ)
    config_dir = config_dir or config_dir_from_env(env)
    merged: dict[str, Any] = {}
    if config_dir is not None:
        path = config_dir / SETTINGS_FILE
        if path.exists():
            data = _read_yaml_mapping(path)
            unknown = sorted(set(data) - set(Settings.model_fields))
            if unknown:
                raise ConfigError(f"{path}: {unknown[0]}: unknown setting")
            merged.update(data)
    for field in Settings.model_fields:
        value = env.get(env_name(field))
        if value is not None and value != "":
            merged[field] = value
    merged.update({k: v for k, v in (overrides or {}).items() if v is not None})
    try:
        return Settings(**merged)
    except ValidationError as exc:
        raise ConfigError(describe_validation_error("settings", exc)) from None


def _read_yaml_mapping(path: Path) -> dict[str, Any]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{path}:{mark.line + 1}" if mark is not None else str(path)
        reason = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise ConfigError(f"{where}: invalid YAML: {reason}") from None
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{path}: not UTF-8 text (byte {exc.start}): save it as UTF-8") from None
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read: {exc.strerror}") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: expected a mapping at the top level")
    return data
