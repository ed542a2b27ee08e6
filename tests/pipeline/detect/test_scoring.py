"""Issue scores: the topic baseline test, bursts, the parts of a score and its plain explanation."""

from __future__ import annotations

import math

import pytest
from scipy.stats import poisson

from pipeline.detect.scoring import Baseline, StoryFacts, score_story

SILENT = (0,) * 14
STEADY = (2, 3, 2, 1, 2, 3, 2, 2, 1, 2, 3, 2, 2, 1)


def facts(**changes: object) -> StoryFacts:
    values: dict[str, object] = {
        "articles": 3,
        "copies": 0,
        "articles_today": 2,
        "outlets": ("A",),
        "negative": 0,
        "severity": 2,
        "local": False,
        "baseline": Baseline("dat_dai", 2, STEADY),
    }
    values.update(changes)
    return StoryFacts(**values)  # type: ignore[arg-type]


def test_p_value_is_the_poisson_tail_of_the_smoothed_rate() -> None:
    b = Baseline("x", 5, STEADY)
    rate = (sum(STEADY) + 0.5) / 15
    assert b.p_value == pytest.approx(1 - poisson.cdf(4, rate))


@pytest.mark.parametrize(
    ("history", "today", "burst"),
    [(SILENT, 3, True), (SILENT, 2, False), (STEADY, 3, False), (STEADY, 9, True), (SILENT, 0, False)],
)
def test_burst_needs_an_improbable_day_and_enough_articles(
    history: tuple[int, ...], today: int, burst: bool
) -> None:
    assert Baseline("x", today, history).is_burst(max_p_value=0.001, min_articles=3) is burst


def test_growth_is_larger_for_a_silent_topic_than_for_a_steady_one() -> None:
    _, quiet = score_story(facts(baseline=Baseline("x", 3, SILENT)))
    _, busy = score_story(facts(baseline=Baseline("x", 3, STEADY)))
    assert quiet["parts"]["growth"] > busy["parts"]["growth"] >= 0


@pytest.mark.parametrize(
    ("change", "part"),
    [
        ({"articles": 6}, "volume"),
        ({"outlets": ("A", "B", "C")}, "outlets"),
        ({"articles_today": 3}, "today"),
        ({"negative": 3}, "negativity"),
        ({"severity": 3}, "severity"),
        ({"local": True}, "local"),
    ],
)
def test_each_factor_raises_its_part_and_the_score(change: dict[str, object], part: str) -> None:
    base_score, base = score_story(facts())
    score, explanation = score_story(facts(**change))
    assert explanation["parts"][part] > base["parts"][part]
    assert score > base_score


def test_copies_count_half() -> None:
    _, originals = score_story(facts(articles=4, copies=0))
    _, with_copies = score_story(facts(articles=4, copies=2))
    assert with_copies["parts"]["volume"] == pytest.approx(2 * math.log2(1 + 3), abs=0.05)
    assert with_copies["parts"]["volume"] < originals["parts"]["volume"]


def test_score_is_the_sum_of_the_parts_shown() -> None:
    score, explanation = score_story(facts(negative=2, local=True, outlets=("A", "B")))
    assert score == pytest.approx(sum(explanation["parts"].values()))


def test_explanation_names_every_factor_with_its_values() -> None:
    score, e = score_story(facts(articles=5, copies=1, outlets=("A", "B"), negative=3, local=True))
    text = e["text"]
    assert text.startswith(f"Điểm {score:.1f}".replace(".", ","))
    for fragment in (
        "số bài",
        "5 bài, 1 bài đăng lại",
        "2 cơ quan",
        "bài mới trong ngày",
        "tăng so với 14 ngày trước",
        "trung bình",
        "p = ",
        "3/5 bài có sắc thái tiêu cực",
        "cấp 2/3",
        "liên quan địa phương",
    ):
        assert fragment in text, fragment
