from __future__ import annotations

import pytest

from nlp.places import find_organisations, find_places, local_score
from nlp.tone import tone


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Vụ tai nạn nghiêm trọng khiến hai người tử vong, nhiều người bị thương.", "negative"),
        ("Lễ hội diễn ra sôi nổi, thành công tốt đẹp.", "positive"),
        ("Hội nghị diễn ra vào sáng nay tại hội trường tỉnh.", "neutral"),
        ("Công trình không hiệu quả, chưa hoàn thành đúng hạn.", "negative"),
    ],
)
def test_tone(text: str, expected: str) -> None:
    assert tone(text)[0] == expected


def test_places_found_from_gazetteer() -> None:
    assert "cửa khẩu" not in find_places("Xe chở hàng ùn tại cửa khẩu Hữu Nghị, xã Đồng Đăng.")
    assert {"Hữu Nghị", "xã Đồng Đăng"} <= set(
        find_places("Xe chở hàng ùn tại cửa khẩu Hữu Nghị, xã Đồng Đăng.")
    )


def test_organisations_with_abbreviations() -> None:
    assert "UBND tỉnh Lạng Sơn" in find_organisations("UBND tỉnh Lạng Sơn chỉ đạo kiểm tra.")


@pytest.mark.parametrize(
    ("title", "body", "local"),
    [
        ("Sạt lở ở Bắc Sơn", "Mưa lớn gây sạt lở tại xã Bắc Sơn.", True),
        ("Giá vàng tăng", "Giá vàng thế giới tăng.", False),
    ],
)
def test_local_score(title: str, body: str, local: bool) -> None:
    assert (local_score(title=title, lead="", body=body) >= 0.5) is local
