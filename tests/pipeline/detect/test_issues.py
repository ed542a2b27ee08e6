"""Issue detection on a stored history: growth against the topic's own 14-day baseline, bursts, and the
score explanation stored with each issue (SQLite and PostgreSQL)."""

from __future__ import annotations

import datetime as dt

import pytest

from config import AppConfig
from pipeline.detect.issues import run_detect, story_keys
from storage.db import session_scope, upgrade
from storage.issues import issues_between, issues_on
from tests.pipeline.conftest import DAY, Seeder, at, end_of


def _steady_history(seed: Seeder, topic: str, per_day: int) -> None:
    for back in range(1, 15):
        for k in range(per_day):
            seed.article(
                at(DAY - dt.timedelta(days=back), 8 + k), topics={topic: 5.0}, terms=(f"cũ {back} {k}",)
            )


def _story(seed: Seeder, topic: str, n: int, terms: tuple[str, ...]) -> list[int]:
    return [
        seed.article(at(DAY, 8 + k), topics={topic: 6.0}, terms=terms, source="xl" if k % 2 else "tn")
        for k in range(n)
    ]


def test_a_silent_topic_that_wakes_up_bursts_and_a_steady_one_does_not(
    seed: Seeder, app_on: AppConfig
) -> None:
    _steady_history(seed, "giao_thong", 3)
    _story(seed, "giao_thong", 3, ("đèo mẫu sơn", "biển kiểm soát 12a"))
    _story(seed, "moi_truong", 3, ("suối", "nhà máy"))
    stats = run_detect(app_on, DAY, now=end_of(DAY)).as_stats()
    assert "moi_truong" in stats["bursts"]
    assert "giao_thong" not in stats["bursts"]
    assert stats["bursts"]["moi_truong"]["topic_today"] == 3


def test_growth_part_reflects_the_topic_baseline(seed: Seeder, app_on: AppConfig) -> None:
    _steady_history(seed, "giao_thong", 3)
    _story(seed, "giao_thong", 3, ("đèo mẫu sơn", "biển kiểm soát 12a"))
    _story(seed, "moi_truong", 3, ("suối", "nhà máy"))
    run_detect(app_on, DAY, now=end_of(DAY))
    with session_scope(app_on.settings.resolved_database_url) as session:
        by_topic = {i.topic_id: i for i in issues_on(session, DAY)}
    steady, new = by_topic["giao_thong"].explanation, by_topic["moi_truong"].explanation
    assert steady["baseline_mean"] == 3.0 and new["baseline_mean"] == 0.0
    assert new["parts"]["growth"] > steady["parts"]["growth"]
    assert by_topic["moi_truong"].score > by_topic["giao_thong"].score


def test_every_stored_issue_carries_its_explanation(seed: Seeder, app_on: AppConfig) -> None:
    ids = _story(seed, "dat_dai", 2, ("nhà văn hóa", "thôn bản mạ"))
    run_detect(app_on, DAY, now=end_of(DAY))
    with session_scope(app_on.settings.resolved_database_url) as session:
        (issue,) = issues_on(session, DAY)
    assert set(issue.article_ids) == set(ids)
    assert issue.explanation["text"].startswith("Điểm ")
    assert set(issue.explanation["parts"]) == {
        "volume",
        "outlets",
        "today",
        "growth",
        "negativity",
        "severity",
        "local",
    }


def test_articles_after_the_cut_off_are_not_counted(seed: Seeder, app_on: AppConfig) -> None:
    seed.article(at(DAY, 8), topics={"dat_dai": 6.0}, terms=("nhà văn hóa",))
    seed.article(at(DAY, 20), topics={"dat_dai": 6.0}, terms=("nhà văn hóa",))
    run_detect(app_on, DAY, now=at(DAY, 12))
    with session_scope(app_on.settings.resolved_database_url) as session:
        (issue,) = issues_on(session, DAY)
    assert issue.explanation["articles"] == 1 and issue.explanation["topic_today"] == 1


def test_a_long_running_story_keeps_its_key_as_its_first_articles_leave_the_window(
    seed: Seeder, app_on: AppConfig
) -> None:
    days = [DAY - dt.timedelta(days=back) for back in range(9, -1, -1)]
    for day in days:
        seed.article(at(day, 9), topics={"dat_dai": 6.0}, terms=("nhà văn hóa", "thôn bản mạ", "đền bù"))
        run_detect(app_on, day, now=end_of(day))
    with session_scope(app_on.settings.resolved_database_url) as session:
        issues = issues_between(session, days[0], days[-1])
    assert len(issues) == len(days)
    assert len({i.story_key for i in issues}) == 1  # one story, one key, one alert history


@pytest.mark.parametrize(
    ("groups", "stored", "keys"),
    [
        ([("a", [7, 8])], [], ["a:7"]),  # a new story: topic and first article
        ([("a", [7, 8])], [("a:3", frozenset({3, 7}))], ["a:3"]),  # its first article left: key kept
        ([("b", [7, 8])], [("a:3", frozenset({3, 7}))], ["a:3"]),  # its topic changed: key kept
        (  # a story split in two: the larger part keeps the key, the other gets a new one
            [("a", [3, 4]), ("a", [5, 6, 7])],
            [("a:3", frozenset({3, 5, 6, 7}))],
            ["a:3.2", "a:3"],
        ),
        (  # two stories merged: the key of the one it shares most with
            [("a", [1, 2, 3, 4, 5])],
            [("a:1", frozenset({1, 2})), ("a:3", frozenset({3, 4, 5}))],
            ["a:3"],
        ),
    ],
)
def test_story_keys(
    groups: list[tuple[str, list[int]]], stored: list[tuple[str, frozenset[int]]], keys: list[str]
) -> None:
    assert story_keys(groups, stored) == keys


def test_recent_stories_leave_out_stories_begun_after_the_day_being_detected(app_on: AppConfig) -> None:
    from storage.issues import recent_stories, save_story
    from storage.records import Issue

    def story(key: str, ids: tuple[int, ...], first: dt.datetime) -> Issue:
        return Issue(
            story_key=key, topic_id="dat_dai", title=key, article_ids=ids, outlets=("xl",), score=1.0,
            explanation={}, recipients=(), first_published=first, last_published=first,
        )  # fmt: skip

    url = app_on.settings.resolved_database_url
    upgrade(url)
    with session_scope(url) as session:
        save_story(session, story("dat_dai:1", (1, 2), at(DAY, 8)), at(DAY, 9))
        save_story(session, story("dat_dai:5", (5,), at(DAY + dt.timedelta(days=2), 8)), at(DAY, 9))
    with session_scope(url) as session:
        found = recent_stories(session, at(DAY - dt.timedelta(days=6)), end_of(DAY))
    assert found == [("dat_dai:1", frozenset({1, 2}))]  # a re-run for DAY never rewrites a later story
