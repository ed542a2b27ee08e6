"""People with their titles (fictional names in sentences written for these tests)."""

from __future__ import annotations

import pytest

from nlp.people import people_in
from nlp.schema import Person


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Đồng chí Hoàng Văn Nghĩa, Phó Bí thư Tỉnh ủy, Chủ tịch UBND tỉnh kiểm tra cửa khẩu.",
            Person(name="Hoàng Văn Nghĩa", title="Phó Bí thư Tỉnh ủy, Chủ tịch UBND tỉnh"),
        ),
        (
            "Ông Nguyễn Văn An, Chủ tịch UBND xã Đồng Đăng cho biết sẽ xử lý.",
            Person(name="Nguyễn Văn An", title="Chủ tịch UBND xã Đồng Đăng"),
        ),
        (
            "Chủ tịch UBND tỉnh Hồ Văn Mạnh yêu cầu các sở vào cuộc.",
            Person(name="Hồ Văn Mạnh", title="Chủ tịch UBND tỉnh"),
        ),
        (
            "Đại tá Lê Văn Bình - Giám đốc Công an tỉnh chỉ đạo.",
            Person(name="Lê Văn Bình", title="Giám đốc Công an tỉnh"),
        ),
        ("Hoàng Văn Lực (sinh năm 1991, trú tại xã Mẫu Sơn) bị bắt.", Person(name="Hoàng Văn Lực")),
        ("Bị cáo Trần Văn Cường (45 tuổi) bị tuyên 10 năm tù.", Person(name="Trần Văn Cường")),
        ("Nông Văn Tú cho biết gia đình đã gửi đơn.", Person(name="Nông Văn Tú")),
    ],
)
def test_people_and_titles(text: str, expected: Person) -> None:
    assert expected in people_in(text)


@pytest.mark.parametrize(
    "text",
    [
        "Người dân phường Hoàng Văn Thụ phản ánh.",  # a ward named after a person
        "Trưởng thôn Khòn Pát kể lại.",  # a village after a title
        "Tuyến đường Lê Văn Tám bị ngập.",
        "Mưa lớn ở Cao Lộc và Lạng Sơn.",
    ],
)
def test_place_names_are_not_people(text: str) -> None:
    assert people_in(text) == []


def test_one_entry_per_person_with_the_longest_title() -> None:
    found = people_in("Ông Vi Văn Hải nói. Ông Vi Văn Hải, Giám đốc Sở Y tế, khẳng định.")
    assert found == [Person(name="Vi Văn Hải", title="Giám đốc Sở Y tế")]
