"""Boilerplate kept out of the analysed text (lines written for these tests)."""

from __future__ import annotations

import pytest

from nlp.boilerplate import clean_lines, is_boilerplate, strip_credits, strip_dateline


@pytest.mark.parametrize(
    "line",
    [
        "Theo TTXVN",
        "(theo Báo Xứ Lạng)",
        "Theo Sputnik, The Sun",
        "Xem thêm: Lũ quét ở vùng cao",
        ">> Bài liên quan ở đây",
        "Ảnh: Quang Huy",
        "(Ảnh minh họa)",
        "Nguồn: Sở Y tế",
        "Xem danh sách TẠI ĐÂY",
    ],
)
def test_credit_link_and_source_lines_are_boilerplate(line: str) -> None:
    assert is_boilerplate(line)


@pytest.mark.parametrize(
    "line",
    [
        "Theo AP, chỉ có một người bị thương nhẹ ở tay.",
        "Theo ông Hùng, việc chậm bồi thường đã kéo dài ba năm nay và cần sớm giải quyết.",
        "Nguồn nước sinh hoạt của cả thôn bị ảnh hưởng.",
        "Ảnh hưởng của mưa lớn khiến nhiều tuyến đường bị chia cắt.",
    ],
)
def test_sentences_that_start_like_boilerplate_are_kept(line: str) -> None:
    assert not is_boilerplate(line)


@pytest.mark.parametrize(
    ("paragraph", "expected"),
    [
        ("(Dân trí) - Sáng 12/3, đoàn kiểm tra đã có mặt tại hiện trường.", "Sáng 12/3, đoàn kiểm tra"),
        (
            "Lạng Sơn (TTXVN) - Sáng 12/3, đoàn kiểm tra đã có mặt tại hiện trường.",
            "Sáng 12/3, đoàn kiểm tra",
        ),
        ("TTO - Sáng 12/3, đoàn kiểm tra đã có mặt tại hiện trường.", "Sáng 12/3, đoàn kiểm tra"),
        ("Giá tăng (so với tháng trước) - mức cao nhất trong năm nay.", "Giá tăng (so với"),
    ],
)
def test_outlet_datelines_are_stripped(paragraph: str, expected: str) -> None:
    assert strip_dateline(paragraph).startswith(expected)


@pytest.mark.parametrize(
    "caption",
    ["Người dân thu hoạch quýt. Ảnh: Vi Thị Ánh", "Người dân thu hoạch quýt (Ảnh: TTXVN)"],
)
def test_photo_credit_is_cut_from_a_caption(caption: str) -> None:
    assert strip_credits(caption).rstrip(".") == "Người dân thu hoạch quýt"


def test_final_byline_goes_and_content_stays() -> None:
    lines = [
        "TTO - Sáng nay một vụ cháy lớn xảy ra ở chợ trung tâm.",
        "Lửa được dập sau hai giờ.",
        "Minh Anh",
    ]
    assert clean_lines([*lines, "Theo TTXVN"]) == [
        "Sáng nay một vụ cháy lớn xảy ra ở chợ trung tâm.",
        lines[1],
    ]


def test_a_short_last_sentence_is_not_a_byline() -> None:
    assert clean_lines(["Nội dung chính.", "Người dân rất vui."])[-1] == "Người dân rất vui."
