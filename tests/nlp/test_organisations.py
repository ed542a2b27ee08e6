"""Agencies and organisations in one canonical form (sentences written for these tests)."""

from __future__ import annotations

import pytest

from nlp.organisations import find_organisations


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ủy ban nhân dân tỉnh Lạng Sơn chỉ đạo kiểm tra.", "UBND tỉnh Lạng Sơn"),
        ("UBND tỉnh Lạng Sơn chỉ đạo kiểm tra.", "UBND tỉnh Lạng Sơn"),
        ("Hội đồng nhân dân tỉnh họp phiên bất thường.", "HĐND tỉnh"),
        ("Viện kiểm sát nhân dân huyện Cao Lộc truy tố bị can.", "VKSND huyện Cao Lộc"),
        ("Tòa án nhân dân TP Lạng Sơn xét xử.", "TAND thành phố Lạng Sơn"),
        ("Sở TN&MT lấy mẫu nước.", "Sở Tài nguyên và Môi trường"),
        ("Sở GD&ĐT công bố điểm thi.", "Sở Giáo dục và Đào tạo"),
        ("Phối hợp với công an xã Đồng Đăng.", "Công an xã Đồng Đăng"),
        ("Đồn Biên phòng cửa khẩu quốc tế Hữu Nghị kiểm tra.", "Đồn Biên phòng cửa khẩu quốc tế Hữu Nghị"),
        ("Công ty TNHH Hưng Phát bị xử phạt.", "Công ty TNHH Hưng Phát"),
        ("Nhà máy xi măng Đồng Bành gây bụi.", "Nhà máy xi măng Đồng Bành"),
        ("Cục Hải quan Lạng Sơn cho biết.", "Cục Hải quan Lạng Sơn"),
    ],
)
def test_agencies_get_their_canonical_name(text: str, expected: str) -> None:
    assert expected in find_organisations(text)


@pytest.mark.parametrize(
    "text",
    [
        "Lực lượng công an đã có mặt.",  # the force, not an agency
        "Người dân đưa vụ việc ra tòa án.",
    ],
)
def test_generic_mentions_are_not_agencies(text: str) -> None:
    assert find_organisations(text) == []


def test_a_person_after_the_agency_is_not_its_place() -> None:
    assert find_organisations("Chủ tịch UBND tỉnh Hồ Văn Mạnh yêu cầu báo cáo.") == ["UBND tỉnh"]
