from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from scrapy.exceptions import DropItem
from scrapy.statscollectors import MemoryStatsCollector
from scrapy.utils.test import get_crawler

from config import AppConfig
from crawlers.pipelines import StorePipeline, ValidatePipeline
from crawlers.settings import scrapy_settings
from storage.articles import count_articles
from storage.db import session_scope
from storage.records import RawArticle

LONG = "Người dân phản ánh tình trạng nước thải chảy tràn ra suối gây mùi hôi khó chịu. " * 4


def item(**changes: object) -> RawArticle:
    values: dict[str, object] = {
        "url": "http://127.0.0.1/a-1234567.html",
        "canonical_url": "http://127.0.0.1/a-1234567.html",
        "source_id": "xu_lang",
        "title": "Hoà  bình",
        "sapo": None,
        "text": LONG,
        "author": None,
        "published_at": datetime.now(UTC),
        "fetched_at": datetime.now(UTC),
    }
    values.update(changes)
    return RawArticle(**values)  # type: ignore[arg-type]


def stats() -> MemoryStatsCollector:
    return MemoryStatsCollector(get_crawler())


@pytest.mark.parametrize(
    ("changes", "reason"),
    [
        ({"text": "Quá ngắn."}, "too_short"),
        ({"published_at": datetime.now(UTC) - timedelta(days=30)}, "too_old"),
    ],
)
def test_validate_drops_with_a_counted_reason(changes: dict[str, object], reason: str) -> None:
    collector = stats()
    pipeline = ValidatePipeline(collector, since=datetime.now(UTC) - timedelta(days=7))
    with pytest.raises(DropItem, match=reason):
        pipeline.process_item(item(**changes))
    assert collector.get_value(f"duluan/dropped/{reason}") == 1


def test_validate_tidies_text_and_keeps_the_publishers_spelling() -> None:
    """Blanks collapsed, NFC — but the tone-mark placement the page uses ("Hoà") is kept: only the
    matching and search keys are normalised."""
    kept = ValidatePipeline(stats(), since=None).process_item(item())
    assert kept.title == "Hoà bình"


def test_store_writes_once_and_counts_the_second_as_already_stored(app_config: AppConfig) -> None:
    collector = stats()
    demo = app_config.with_sources(
        [
            {
                "id": "xu_lang",
                "name": "Báo Xứ Lạng",
                "url": "http://127.0.0.1/",
                "scope": "province",
                "discovery": [{"kind": "rss", "url": "http://127.0.0.1/rss.xml"}],
            }
        ]
    )
    pipeline = StorePipeline(demo, collector)
    pipeline.open_spider()
    pipeline.process_item(item())
    with pytest.raises(DropItem, match="already_stored"):
        pipeline.process_item(item())
    assert collector.get_value("duluan/stored") == 1
    assert collector.get_value("duluan/dropped/already_stored") == 1
    with session_scope(demo.settings.resolved_database_url) as session:
        assert count_articles(session) == 1


@pytest.mark.parametrize(
    ("key", "expected"),
    [("ROBOTSTXT_OBEY", True), ("AUTOTHROTTLE_ENABLED", True), ("CONCURRENT_REQUESTS_PER_DOMAIN", 2)],
)
def test_polite_defaults(app_config: AppConfig, key: str, expected: object) -> None:
    assert scrapy_settings(app_config)[key] == expected


def test_user_agent_names_the_contact_url(app_config: AppConfig) -> None:
    agent = scrapy_settings(app_config)["USER_AGENT"]
    assert agent.startswith("duluan/") and app_config.settings.contact_url in agent


def test_validate_defaults_to_the_configured_horizon(app_config: AppConfig) -> None:
    crawler = get_crawler(settings_dict=scrapy_settings(app_config))
    pipeline = ValidatePipeline.from_crawler(crawler)
    with pytest.raises(DropItem, match="too_old"):
        pipeline.process_item(item(published_at=datetime.now(UTC) - timedelta(days=8)))
    assert pipeline.process_item(item(published_at=datetime.now(UTC) - timedelta(days=6)))
