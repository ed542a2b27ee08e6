from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from crawlers.dates import VN, parse_vietnamese_date
from crawlers.urls import canonical_url, url_allowed


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Thứ tư, 08/09/2021 - 10:15", datetime(2021, 9, 8, 10, 15, tzinfo=VN)),
        ("10:15 08/09/2021 (GMT+7)", datetime(2021, 9, 8, 10, 15, tzinfo=VN)),
        ("ngày 8 tháng 9 năm 2021", datetime(2021, 9, 8, tzinfo=VN)),
        ("Cập nhật: 10:15 | 08/09/2021", datetime(2021, 9, 8, 10, 15, tzinfo=VN)),
        ("2021-09-08T10:15:00+07:00", datetime(2021, 9, 8, 10, 15, tzinfo=VN)),
        ("Chủ nhật, 22/11/2026 - 18:05", datetime(2026, 11, 22, 18, 5, tzinfo=VN)),
    ],
)
def test_vietnamese_date_lines(text: str, expected: datetime) -> None:
    assert parse_vietnamese_date(text) == expected


def test_relative_time() -> None:
    now = datetime(2026, 11, 22, 12, 0, tzinfo=VN)
    assert parse_vietnamese_date("2 giờ trước", now=now) == now - timedelta(hours=2)


def test_gmt_offset_is_honoured() -> None:
    parsed = parse_vietnamese_date("10:15 08/09/2021 (GMT+8)")
    assert parsed is not None and parsed.utcoffset() == timedelta(hours=8)
    assert parsed.tzinfo == timezone(timedelta(hours=8))


@pytest.mark.parametrize("text", ["", "không có ngày", "31/02/2021 - 10:15"])
def test_no_date(text: str) -> None:
    assert parse_vietnamese_date(text) is None


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("HTTP://Example.COM:80/a.html#top", "http://example.com/a.html"),
        ("https://x.vn/a.html?utm_source=fb&utm_medium=x", "https://x.vn/a.html"),
        ("https://x.vn/a.html?id=3&fbclid=abc", "https://x.vn/a.html?id=3"),
        ("https://x.vn:8443/a", "https://x.vn:8443/a"),
    ],
)
def test_canonical_url(url: str, expected: str) -> None:
    assert canonical_url(url) == expected


@pytest.mark.parametrize(
    ("url", "allowed"),
    [
        ("http://h/tin/bai-1234567.html", True),
        ("http://h/tin/trang-2.html", False),
        ("http://h/video/bai-1234567.html", False),
    ],
)
def test_url_allowed(url: str, allowed: bool) -> None:
    assert url_allowed(url, [r"-\d{7}\.html$"], [r"/video/"]) is allowed
