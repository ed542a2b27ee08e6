"""The one-pass matcher on its own (no database): phrases, prefixes, NOT, the title/text gap, filters,
the start day, and watches that no longer parse."""

from __future__ import annotations

from datetime import date

import pytest

from storage.watch_match import MatchDoc, WatchRule, compile_watches, match_doc

DOC = MatchDoc(
    title="Gỡ vướng giải phóng mặt bằng cao tốc Đồng Đăng – Trà Lĩnh",
    sapo="Xã Hoàng Văn Thụ còn 12 hộ chưa nhận tiền bồi thường.",
    text="Tỉnh yêu cầu hoàn thành bàn giao mặt bằng trong tháng 12. Người dân đồng thuận cao.",
    source_id="baolangson",
    scope="province",
    topics=frozenset({"giai_phong_mat_bang"}),
    places=("Hoàng Văn Thụ",),
    organisations=("UBND tỉnh",),
    day=date(2026, 11, 20),
)


@pytest.mark.parametrize(
    ("query", "terms"),
    [
        ('"cao toc dong dang"', ["cao toc dong dang"]),
        ('"Đồng Đăng – Trà Lĩnh"', ["dong dang tra linh"]),
        ("boi thuong OR cuong che", ["boi", "thuong"]),
        ("boi thu*", ["boi", "thu*"]),
        ('"giai phong mat bang" -cuong', ["giai phong mat bang"]),
        ('(cuong che OR "ban giao") "mat bang"', ["ban giao", "mat bang"]),
    ],
)
def test_matches_with_the_terms_as_evidence(query: str, terms: list[str]) -> None:
    index, bad = compile_watches([WatchRule.of(7, query)])
    assert not bad
    assert match_doc(index, DOC) == [(7, terms)]


@pytest.mark.parametrize(
    "query",
    [
        '"tra linh xa"',  # would run from the title into the sapo
        "dong dang -hoang",
        '"cao toc mat bang" OR cuong che',
        "tra linh AND NOT (dong thuan OR phan doi)",
        "hoang van thu*x",
    ],
)
def test_does_not_match(query: str) -> None:
    index, _ = compile_watches([WatchRule.of(1, query)])
    assert match_doc(index, DOC) == []


@pytest.mark.parametrize(
    ("filters", "start", "matches"),
    [
        ({"topics": ["giai_phong_mat_bang"]}, None, True),
        ({"topics": ["moi_truong"]}, None, False),
        ({"places": ["hoang van thu"]}, None, True),
        ({"organisations": ["Công an tỉnh"]}, None, False),
        ({"sources": ["vnexpress"]}, None, False),
        ({"scope": "province"}, None, True),
        ({"scope": "national"}, None, False),
        ({}, date(2026, 11, 21), False),
        ({}, date(2026, 11, 20), True),
    ],
)
def test_filters_and_start_day(filters: dict[str, object], start: date | None, matches: bool) -> None:
    index, _ = compile_watches([WatchRule.of(1, "cao toc", filters, start)])
    assert bool(match_doc(index, DOC)) is matches


def test_many_watches_in_one_pass_and_bad_ones_reported() -> None:
    rules = [WatchRule.of(i, f'"khong co {i}"') for i in range(1, 500)]
    rules += [WatchRule.of(500, "dong dang"), WatchRule.of(501, '"mo ngoac'), WatchRule.of(502, "tra*")]
    index, bad = compile_watches(rules)
    assert set(bad) == {501} and "unbalanced quote" in bad[501]
    assert [w for w, _ in match_doc(index, DOC)] == [500, 502]
