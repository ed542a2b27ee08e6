"""Tone from our lexicon with negation, remedies and intensifiers (sentences written for these tests)."""

from __future__ import annotations

import pytest

from nlp.tone import tone, tone_of


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Vụ tai nạn nghiêm trọng khiến hai người tử vong, nhiều người bị thương.", "negative"),
        ("Lễ hội diễn ra sôi nổi, thành công tốt đẹp.", "positive"),
        ("Hội nghị diễn ra vào sáng nay tại hội trường tỉnh.", "neutral"),
        ("Công trình không hiệu quả, chưa hoàn thành đúng hạn.", "negative"),
        ("Người dân bức xúc vì dự án chậm tiến độ nhiều năm.", "negative"),
        ("Nông dân phấn khởi vì được mùa, được giá.", "positive"),
        ("Tỉnh ra quân phòng chống tội phạm ma túy.", "neutral"),
        ("Đợt mưa lớn không gây thiệt hại về người.", "neutral"),
        ("Kinh tế không ngừng phát triển, đời sống khởi sắc.", "positive"),
    ],
)
def test_tone(text: str, expected: str) -> None:
    assert tone(text)[0] == expected


def test_longest_phrase_wins_over_the_phrase_inside_it() -> None:
    assert tone("Cây cầu mất an toàn.")[0] == "negative"


def test_an_intensifier_makes_a_phrase_weigh_more() -> None:
    assert tone("Ô nhiễm rất nghiêm trọng.")[1] < tone("Ô nhiễm nghiêm trọng.")[1]


def test_the_title_weighs_more_than_the_body() -> None:
    in_title = tone_of([("title", "Tai nạn"), ("body", "Sự việc xảy ra sáng nay.")])
    in_body = tone_of([("title", "Sự việc"), ("body", "Tai nạn xảy ra sáng nay.")])
    assert in_title.negative > in_body.negative
