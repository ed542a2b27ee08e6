"""Pydantic models of the YAML configuration files.

Each file has one root model; `config.files` loads and validates them and turns a
validation error into one readable line (file, key, reason).
"""

from __future__ import annotations

import re
from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

ID_PATTERN = r"^[a-z][a-z0-9_]*$"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


# --- sources.yaml -------------------------------------------------------------------


class Selectors(_Strict):
    """CSS selectors (Scrapy/parsel syntax) for a site's article pages."""

    title: str | None = Field(None, description="Selector of the headline element.")
    sapo: str | None = Field(None, description="Selector of the lead (sapo) element.")
    body: str | None = Field(None, description="Selector of the element holding the body.")
    author: str | None = Field(None, description="Selector of the by-line.")
    published: str | None = Field(
        None, description="Selector of the visible date line (or an element with a datetime attribute)."
    )
    drop: list[str] = Field(
        default_factory=list, description="Selectors removed from the body before extraction."
    )


class Discovery(_Strict):
    """One way of finding article URLs on a source."""

    kind: Literal["rss", "sitemap", "listing"] = Field(
        description="rss (RSS/Atom feed), sitemap or listing page."
    )
    url: str = Field(description="Feed, sitemap or first listing page URL.")
    link_selector: str | None = Field(
        None, description="listing only: CSS selector of article links (default: every <a href>)."
    )
    next_selector: str | None = Field(None, description="listing only: CSS selector of the next-page link.")
    max_pages: int = Field(10, ge=1, le=1000, description="listing only: pages followed at most.")


class Source(_Strict):
    """A news source: where to find its articles and how to read them."""

    id: str = Field(pattern=ID_PATTERN, description="Stable identifier (lower case, digits, _).")
    name: str = Field(min_length=1, description="Display name (Vietnamese).")
    url: str = Field(description="Home page.")
    aliases: list[str] = Field(
        default_factory=list,
        description="Other host names the source publishes under (its own CDN or old domain); a page's "
        "canonical link is trusted only on the home page's host, these, and their subdomains.",
    )
    scope: Literal["province", "national"] = Field(description="Provincial outlet or national outlet.")
    enabled: bool = Field(True, description="Crawled by default.")
    verified: bool = Field(False, description="True once a live run confirmed the discovery and selectors.")
    note: str = Field("", description="What is known about the source.")
    discovery: list[Discovery] = Field(min_length=1, description="How article URLs are found.")
    allow: list[str] = Field(default_factory=list, description="Regexes an article URL must match (any).")
    deny: list[str] = Field(default_factory=list, description="Regexes that exclude a URL.")
    selectors: Selectors | None = Field(None, description="Site selectors; trafilatura is used when absent.")

    @field_validator("aliases")
    @classmethod
    def _host_names(cls, hosts: list[str]) -> list[str]:
        for host in hosts:
            if not re.fullmatch(r"[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+", host):
                raise ValueError(
                    f"invalid host name {host!r}: lower case, no scheme or path (e.g. cdn.example.vn)"
                )
        return hosts

    @field_validator("allow", "deny")
    @classmethod
    def _regexes_compile(cls, patterns: list[str]) -> list[str]:
        for pattern in patterns:
            try:
                re.compile(pattern)
            except re.error as exc:
                raise ValueError(f"invalid regular expression {pattern!r}: {exc}") from None
        return patterns


class SourcesFile(_Strict):
    sources: list[Source] = Field(default_factory=list)

    @model_validator(mode="after")
    def _unique_ids(self) -> SourcesFile:
        seen: set[str] = set()
        for source in self.sources:
            if source.id in seen:
                raise ValueError(f"duplicate source id {source.id!r}")
            seen.add(source.id)
        return self


# --- topics.yaml --------------------------------------------------------------------


class Keyword(_Strict):
    phrase: str = Field(min_length=1, description="Phrase with diacritics, matched on whole words.")
    weight: float = Field(1.0, gt=0, description="Score added per match (before the field weight).")


class Topic(_Strict):
    id: str = Field(pattern=ID_PATTERN)
    name: str = Field(min_length=1, description="Vietnamese name.")
    description: str = Field("", description="Scope of the topic.")
    severity: int = Field(2, ge=1, le=3, description="1 low, 2 medium, 3 high.")
    threshold: float = Field(3.0, gt=0, description="Score from which the topic is assigned.")
    keywords: list[Keyword] = Field(default_factory=list)
    exclude: list[str] = Field(
        default_factory=list,
        description="Phrases whose presence cancels a keyword match in the same sentence.",
    )


class TopicsFile(_Strict):
    topics: list[Topic]

    @model_validator(mode="after")
    def _unique_ids(self) -> TopicsFile:
        ids = [t.id for t in self.topics]
        dupes = sorted({i for i in ids if ids.count(i) > 1})
        if dupes:
            raise ValueError(f"duplicate topic ids: {', '.join(dupes)}")
        return self


# --- recipients.yaml ----------------------------------------------------------------


class Channel(_Strict):
    kind: Literal["file", "email", "webhook"]
    to: str | None = Field(None, description="Address or URL; '${ENV_NAME}' reads it from the environment.")
    secret: str | None = Field(None, description="webhook only: HMAC secret, usually '${ENV_NAME}'.")


class Recipient(_Strict):
    name: str = Field(min_length=1, description="Display name (Vietnamese).")
    short_name: str = Field("", description="Abbreviation used in lists (e.g. UBND tỉnh).")
    channels: list[Channel] = Field(default_factory=lambda: [Channel(kind="file")])
    receives_digest: bool = Field(False, description="Also receives the daily digest.")


class RecipientsFile(_Strict):
    recipients: dict[str, Recipient]
    routing: dict[str, list[str]] = Field(description="topic id -> recipient ids, primary first.")

    @model_validator(mode="after")
    def _routing_targets_exist(self) -> RecipientsFile:
        for topic, targets in self.routing.items():
            for target in targets:
                if target not in self.recipients:
                    raise ValueError(f"routing.{topic}: unknown recipient {target!r}")
        return self


# --- schedule.yaml ------------------------------------------------------------------


class JobSchedule(_Strict):
    trigger: Literal["interval", "cron"]
    minutes: int | None = Field(None, ge=1, description="interval: every N minutes.")
    seconds: int | None = Field(None, ge=1, description="interval: every N seconds (tests).")
    hour: str | None = Field(None, description="cron: hour field.")
    minute: str | None = Field(None, description="cron: minute field.")
    day: str | None = Field(None, description="cron: day-of-month field.")
    month: str | None = Field(None, description="cron: month field.")
    enabled: bool = True

    @model_validator(mode="after")
    def _complete(self) -> JobSchedule:
        if self.trigger == "interval" and not (self.minutes or self.seconds):
            raise ValueError("an interval trigger needs minutes or seconds")
        if self.trigger == "cron" and self.hour is None and self.minute is None:
            raise ValueError("a cron trigger needs at least hour or minute")
        return self


class ScheduleFile(_Strict):
    """When the jobs run; times are local times in the `timezone` setting (declared once, in settings)."""

    misfire_grace_seconds: int = Field(600, ge=1)
    jobs: dict[Literal["cycle", "digest", "report"], JobSchedule]


# --- alerts.yaml --------------------------------------------------------------------


class IssueRule(_Strict):
    enabled: bool = True
    min_score: float = Field(8.0, ge=0, description="Issues scoring at least this raise an alert.")


class BurstRule(_Strict):
    enabled: bool = True
    max_p_value: float = Field(
        0.001,
        gt=0,
        lt=1,
        description="A topic bursts when the Poisson tail probability of its day is below this.",
    )
    min_articles: int = Field(3, ge=1, description="A burst needs at least this many articles on the day.")


class SeverePhrase(_Strict):
    phrase: str = Field(min_length=1, description="Phrase with diacritics, matched on whole words.")
    topic: str | None = Field(
        None, description="Topic whose routing receives the alert (default: the article's main topic)."
    )


class PhraseRule(_Strict):
    enabled: bool = True
    local_only: bool = Field(True, description="Only articles about the province raise the alert.")
    phrases: list[SeverePhrase] = Field(default_factory=list)


class WatchBurstRule(_Strict):
    max_p_value: float = Field(
        0.01,
        gt=0,
        lt=1,
        description="A watched subject bursts when the Poisson tail probability of its day is below this.",
    )
    min_articles: int = Field(3, ge=1, description="A burst needs at least this many articles on the day.")


class AlertRules(_Strict):
    new_issue: IssueRule = Field(default_factory=IssueRule)
    topic_burst: BurstRule = Field(default_factory=BurstRule)
    watch_burst: WatchBurstRule = Field(default_factory=WatchBurstRule)
    severe_phrase: PhraseRule = Field(default_factory=PhraseRule)


class AlertsFile(_Strict):
    cooldown_hours: float = Field(
        24.0, ge=0, description="An issue already alerted to a body is not alerted again within this time…"
    )
    regrow_factor: float = Field(
        1.5, ge=1, description="…unless its score has grown by this factor since the last alert."
    )
    rules: AlertRules = Field(default_factory=AlertRules)


# --- watches.yaml -------------------------------------------------------------------

WATCH_OWNERS = ("ban_tuyen_giao", "hdnd", "ubnd", "tand", "vksnd")
WATCH_POLICIES = ("each", "daily", "burst")
WATCH_STATES = ("active", "paused", "closed")


class WatchFilters(_Strict):
    """Optional narrowing of a watch: each list is "any of"; every list given must hold."""

    topics: list[str] = Field(default_factory=list, description="Topic ids (the article has one of them).")
    places: list[str] = Field(default_factory=list, description="Places named in the article (annotation).")
    organisations: list[str] = Field(default_factory=list, description="Organisations named in the article.")
    sources: list[str] = Field(default_factory=list, description="Source ids.")
    scope: Literal["province", "national"] | None = Field(None, description="Provincial or national outlets.")


class WatchSpec(_Strict):
    """A watched subject: a named, saved query with an owner, an alert policy and a state."""

    id: int | None = Field(None, ge=1, description="Database id (export only; import updates that watch).")
    name: str = Field(min_length=1, max_length=200, description="Display name (Vietnamese).")
    owner: Literal["ban_tuyen_giao", "hdnd", "ubnd", "tand", "vksnd"] = Field(
        description="The body that must act on it."
    )
    shared_with: list[Literal["ban_tuyen_giao", "hdnd", "ubnd", "tand", "vksnd"]] = Field(
        default_factory=list, description="Other bodies that see it and receive its alerts."
    )
    query: str = Field(min_length=1, max_length=500, description="Analyst search syntax.")
    filters: WatchFilters = Field(default_factory=WatchFilters)
    start: date | None = Field(None, description="First day followed, YYYY-MM-DD (default: 90 days ago).")
    policy: Literal["each", "daily", "burst"] = Field(
        "burst", description="each new article, a daily summary, or only a burst or turn in tone."
    )
    state: Literal["active", "paused", "closed"] = "active"
    note: str = Field("", max_length=2000, description="Why it was closed (or any remark).")


class WatchesFile(_Strict):
    watches: list[WatchSpec] = Field(default_factory=list)
