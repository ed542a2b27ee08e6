"""Places named in a text and local relevance (sentences written for these tests)."""

from __future__ import annotations

import pytest

from nlp.places import find_places, local_score, locality


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Xe chở hàng ùn tại cửa khẩu Hữu Nghị.", "cửa khẩu Hữu Nghị"),
        ("Người dân xã Đồng Đăng phản ánh.", "xã Đồng Đăng"),
        ("Trước đây thuộc thị trấn Đồng Đăng.", "thị trấn Đồng Đăng"),
        ("Công an TP.Lạng Sơn vào cuộc.", "thành phố Lạng Sơn"),
        ("Mưa lớn ở huyện Cao Lộc.", "huyện Cao Lộc"),
        ("Du khách lên Mẫu Sơn ngắm tuyết.", "Mẫu Sơn"),
        ("Hàng hóa qua Chi Ma tăng mạnh.", "cửa khẩu Chi Ma"),
        ("Nước thải chảy ra suối Bản Chắt.", "suối Bản Chắt"),
        ("Giá rau ở TP HCM tăng.", "Hồ Chí Minh"),
    ],
)
def test_places_are_found_with_their_canonical_name(text: str, expected: str) -> None:
    assert expected in find_places(text)


@pytest.mark.parametrize(
    "text",
    [
        "Lễ Quốc khánh diễn ra trang trọng.",  # a common word, not xã Quốc Khánh
        "Ông Nguyễn Văn A đến thăm Bệnh viện Hữu nghị.",  # "hữu nghị" alone is not the gate
        "Tư tưởng Hồ Chí Minh soi đường.",  # the person, not the city
        "Bà Hồ Thị Lan sống ở đây.",  # "Hồ" is a family name here, not a lake
        "Dân làng đồng ý với phương án.",
    ],
)
def test_look_alikes_are_not_places(text: str) -> None:
    assert find_places(text) == []


def test_a_shared_unit_name_in_another_provinces_address_is_not_ours() -> None:
    places = find_places("Ông A trú tại xã Tân Thành, huyện Hàm Thuận Nam, tỉnh Bình Thuận.")
    assert places == ["Bình Thuận"]


def test_a_shared_unit_name_confirmed_by_its_district_is_ours() -> None:
    result = locality([("body", "Hàng chục hộ dân xã Tân Thành, huyện Hữu Lũng chưa nhận tiền.")])
    assert "xã Tân Thành" in result.places


def test_former_units_are_mapped_to_the_units_since_2025() -> None:
    result = locality([("lead", "Sạt lở tại thị trấn Đồng Đăng và xã Hoàng Đồng cũ.")])
    assert {"xã Đồng Đăng", "phường Tam Thanh"} <= set(result.units)


@pytest.mark.parametrize(
    ("title", "body", "local"),
    [
        ("Sạt lở ở Bắc Sơn", "Mưa lớn gây sạt lở tại xã Bắc Sơn.", True),
        ("Ùn ứ xe ở cửa khẩu Tân Thanh", "Hàng trăm xe chờ thông quan.", True),
        ("Giá vàng tăng", "Giá vàng thế giới tăng.", False),
        ("Tai nạn ở Hà Nội", "Xe khách tuyến Hà Nội - Lạng Sơn gặp nạn tại Hà Nội.", False),
        ("Mưa lũ ở miền Trung", "Nhiều xã Tân Thành, Tân Lập bị ngập.", False),
    ],
)
def test_local_relevance(title: str, body: str, local: bool) -> None:
    assert (local_score(title=title, lead="", body=body) >= 0.5) is local


def test_a_name_in_the_title_weighs_more_than_in_the_body() -> None:
    in_title = local_score(title="Mưa lớn ở Na Sầm", lead="", body="Nhiều nhà bị ngập.")
    in_body = local_score(title="Mưa lớn", lead="", body="Nhiều nhà ở Na Sầm bị ngập.")
    assert in_title > in_body > 0
