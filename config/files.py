"""The YAML configuration files: found in the user config directory first, else the packaged ones."""

from __future__ import annotations

import dataclasses
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from config.errors import ConfigError, describe_validation_error
from config.models import (
    AlertsFile,
    Recipient,
    RecipientsFile,
    ScheduleFile,
    Source,
    SourcesFile,
    Topic,
    TopicsFile,
)
from config.settings import Settings, _read_yaml_mapping, config_dir_from_env, load_settings

FILES: dict[str, type[BaseModel]] = {
    "sources.yaml": SourcesFile,
    "topics.yaml": TopicsFile,
    "recipients.yaml": RecipientsFile,
    "schedule.yaml": ScheduleFile,
    "alerts.yaml": AlertsFile,
}
_REF = re.compile(r"^\$\{([A-Z_][A-Z0-9_]*)\}$")
M = TypeVar("M", bound=BaseModel)


def packaged_path(name: str) -> Path:
    return Path(str(resources.files("config").joinpath(name)))


def config_file_path(name: str, config_dir: Path | None) -> Path:
    """The user's copy of `name` when the config directory has one, else the packaged default."""
    if config_dir is not None and (config_dir / name).exists():
        return config_dir / name
    return packaged_path(name)


def load_file(path: Path, model: type[M]) -> M:
    data = _read_yaml_mapping(path)
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise ConfigError(describe_validation_error(str(path), exc)) from None


@dataclass(frozen=True)
class AppConfig:
    """Settings plus the four validated YAML files: what every job receives."""

    settings: Settings
    sources: SourcesFile
    topics: TopicsFile
    recipients: RecipientsFile
    schedule: ScheduleFile
    paths: dict[str, Path] = field(default_factory=dict)
    environ: Mapping[str, str] = field(default_factory=dict, repr=False)
    alerts: AlertsFile = field(default_factory=AlertsFile)

    def resolve(self, value: str | None) -> str | None:
        """Expand a '${NAME}' reference from the environment captured at load time (None if unset)."""
        if value is None:
            return None
        match = _REF.match(value.strip())
        if not match:
            return value
        return self.environ.get(match.group(1)) or None

    def enabled_sources(self, only: list[str] | None = None) -> list[Source]:
        known = {s.id: s for s in self.sources.sources}
        if only:
            missing = [s for s in only if s not in known]
            if missing:
                raise ConfigError(f"unknown source id: {missing[0]} (known: {', '.join(sorted(known))})")
            return [known[s] for s in only]
        return [s for s in self.sources.sources if s.enabled]

    def recipient(self, recipient_id: str) -> Recipient:
        """The configured recipient; a ConfigError naming the known ids when there is none."""
        found = self.recipients.recipients.get(recipient_id)
        if found is None:
            known = ", ".join(self.recipients.recipients)
            raise ConfigError(f"unknown recipient {recipient_id!r} (known: {known})")
        return found

    def digest_recipients(self) -> tuple[str, ...]:
        """The recipients of the daily digest (the board): they oversee every topic and alert."""
        return tuple(r for r, rec in self.recipients.recipients.items() if rec.receives_digest)

    def recipient_topics(self, recipient_id: str) -> tuple[str, ...]:
        """The topics a recipient answers for: those routed to it, and every topic for a recipient of the
        daily digest (the board oversees them all). The analysts' filter and the reports both use it."""
        if self.recipient(recipient_id).receives_digest:
            return tuple(t.id for t in self.topics.topics)
        return tuple(t.id for t in self.topics.topics if recipient_id in self.route(t.id))

    def topic(self, topic_id: str) -> Topic | None:
        return next((t for t in self.topics.topics if t.id == topic_id), None)

    def route(self, topic_id: str) -> list[str]:
        return list(self.recipients.routing.get(topic_id, []))

    def with_sources(self, sources: list[dict[str, Any]] | list[Source]) -> AppConfig:
        """A copy with other sources (the demo points the crawler at the bundled site)."""
        parsed = load_mapping({"sources": sources}, SourcesFile, "sources")
        return dataclasses.replace(self, sources=parsed)


def load_mapping(data: Mapping[str, Any], model: type[M], where: str) -> M:
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise ConfigError(describe_validation_error(where, exc)) from None


def load_config(
    overrides: Mapping[str, Any] | None = None,
    *,
    config_dir: Path | None = None,
    environ: Mapping[str, str] | None = None,
) -> AppConfig:
    """Load and validate everything; raises ConfigError with one readable line."""
    env = dict(os.environ if environ is None else environ)
    config_dir = config_dir or config_dir_from_env(env)
    if config_dir is not None and not config_dir.is_dir():
        raise ConfigError(f"{config_dir}: config directory does not exist (DULUAN_CONFIG)")
    settings = load_settings(overrides, config_dir=config_dir, environ=env)
    paths = {name: config_file_path(name, config_dir) for name in FILES}
    loaded = {name: load_file(path, FILES[name]) for name, path in paths.items()}
    sources = loaded["sources.yaml"]
    topics = loaded["topics.yaml"]
    recipients = loaded["recipients.yaml"]
    schedule = loaded["schedule.yaml"]
    alerts = loaded["alerts.yaml"]
    assert isinstance(sources, SourcesFile) and isinstance(topics, TopicsFile)
    assert isinstance(recipients, RecipientsFile) and isinstance(schedule, ScheduleFile)
    assert isinstance(alerts, AlertsFile)
    topic_ids = {t.id for t in topics.topics}
    for topic_id in recipients.routing:
        if topic_id not in topic_ids:
            raise ConfigError(f"{paths['recipients.yaml']}: routing.{topic_id}: unknown topic id")
    for i, phrase in enumerate(alerts.rules.severe_phrase.phrases):
        if phrase.topic is not None and phrase.topic not in topic_ids:
            where = f"rules.severe_phrase.phrases.{i}.topic"
            raise ConfigError(f"{paths['alerts.yaml']}: {where}: unknown topic id {phrase.topic!r}")
    return AppConfig(settings, sources, topics, recipients, schedule, paths, env, alerts)
