from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from config.models import Source
from crawlers.dates import VN, parse_vietnamese_date
from crawlers.urls import canonical_url, trusted_canonical, url_allowed


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


_SOURCE = Source.model_validate(
    {
        "id": "xu_lang",
        "name": "Báo Xứ Lạng",
        "url": "https://baoxulang.vn/",
        "aliases": ["xulang-cdn.vn"],
        "scope": "province",
        "discovery": [{"kind": "rss", "url": "https://baoxulang.vn/rss"}],
    }
)
_FETCHED = "https://baoxulang.vn/thoi-su/bai-1234567.html"


@pytest.mark.parametrize(
    ("declared", "stored", "refused"),
    [
        (None, _FETCHED, False),
        ("https://baoxulang.vn/ban-goc-1.html", "https://baoxulang.vn/ban-goc-1.html", False),
        ("https://www.baoxulang.vn/a-1.html", "https://www.baoxulang.vn/a-1.html", False),
        ("https://m.baoxulang.vn/a-1.html", "https://m.baoxulang.vn/a-1.html", False),
        ("https://xulang-cdn.vn/a-1.html", "https://xulang-cdn.vn/a-1.html", False),
        ("https://img.xulang-cdn.vn/a-1.html", "https://img.xulang-cdn.vn/a-1.html", False),
        ("https://baokhac.vn/thoi-su/bai-that-7654321.html", _FETCHED, True),
        ("https://baoxulang.vn.evil.example/a-1.html", _FETCHED, True),
        ("https://evilbaoxulang.vn/a-1.html", _FETCHED, True),
        ("javascript:alert(document.cookie)", _FETCHED, True),
        ("JavaScript:alert(1)", _FETCHED, True),
        ("data:text/html,<script>x</script>", _FETCHED, True),
        ("ftp://baoxulang.vn/a-1.html", _FETCHED, True),
    ],
    ids=[
        "none", "same-host", "www", "subdomain", "alias", "alias-subdomain", "other-outlet",
        "suffix-trick", "prefix-trick", "javascript", "javascript-case", "data", "ftp",
    ],
)  # fmt: skip
def test_a_canonical_is_trusted_only_on_the_sources_hosts(
    declared: str | None, stored: str, refused: bool
) -> None:
    assert trusted_canonical(_SOURCE, _FETCHED, declared) == (stored, refused)
