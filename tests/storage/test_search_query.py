"""The query parser and its engine renderings, without a database."""

from __future__ import annotations

import re

import pytest

from storage.search_query import (
    And,
    Not,
    Or,
    QueryError,
    Words,
    adjacent,
    index_text,
    leaves,
    parse,
)
from storage.search_sql import to_fts5, to_tsquery


def w(*words: str, prefix: bool = False) -> Words:
    return Words(tuple(words), prefix)


@pytest.mark.parametrize(
    ("query", "tree"),
    [
        ("ô nhiễm", And((w("o"), w("nhiem")))),
        ("Đắk Lắk", And((w("dak"), w("lak")))),
        ('"ô nhiễm môi trường"', w("o", "nhiem", "moi", "truong")),
        ("thanh tr*", And((w("thanh"), w("tr", prefix=True)))),
        ('"thanh tr"*', w("thanh", "tr", prefix=True)),
        ("lũ OR bão", Or((w("lu"), w("bao")))),
        ("lũ AND bão", And((w("lu"), w("bao")))),
        ("lũ NOT bão", And((w("lu"), Not(w("bao"))))),
        ("lũ -bão", And((w("lu"), Not(w("bao"))))),
        ('lũ -"cơn bão"', And((w("lu"), Not(w("con", "bao"))))),
        ("(lũ OR bão) -(cơn OR gió)", And((Or((w("lu"), w("bao"))), Not(Or((w("con"), w("gio"))))))),
        ("a OR b c", Or((w("a"), And((w("b"), w("c")))))),
        ("((a))", w("a")),
        ("covid-19", w("covid", "19")),
        ("lũ and bão", And((w("lu"), w("and"), w("bao")))),  # lower-case operators are words
        ("title:x", w("title", "x")),  # no column filters: the colon separates words
        ("NEAR(a b)", And((w("near"), w("a"), w("b")))),
        ("100% _ %", w("100")),
        ("a - b", And((w("a"), w("b")))),
    ],
)
def test_parse(query: str, tree: object) -> None:
    assert parse(query) == tree


@pytest.mark.parametrize(
    ("query", "fragment"),
    [
        ("", "empty query"),
        ("   ", "empty query"),
        ("_ % ' ;", "empty query"),
        ('"ô nhiễm', "unbalanced quote"),
        ('"" x', "no words"),
        ("NOT bão", "only excludes"),
        ("-bão", "only excludes"),
        ("lũ OR -bão", "only excludes"),
        ("lũ OR", "ends where a word is expected"),
        ("OR lũ", "OR needs a word"),
        ("lũ AND AND bão", "AND needs a word"),
        ("NOT NOT lũ", "NOT cannot follow NOT"),
        ("(lũ", "'(' without ')'"),
        ("lũ)", "')' without '('"),
        ("x ()", "empty parentheses"),
        ("t*", "too short"),
        ("x" * 501, "longer than"),
        ("(" * 13 + "x" + ")" * 13, "nested"),
        (" ".join(["a"] * 41), "more than 40 words"),
    ],
)
def test_malformed_queries_raise_one_line_errors(query: str, fragment: str) -> None:
    with pytest.raises(QueryError) as error:
        parse(query)
    assert fragment in str(error.value) and "\n" not in str(error.value)


HOSTILE = [
    "title:ô nhiễm",
    "search_key:x OR search_title:y",
    "NEAR(đường giao, 2)",
    "x^y {a b} +c",
    "'; DROP TABLE articles; --",
    '" OR 1=1 --',
    "a' OR 'a'='a",
    "\\x00 \\' \\\\",
    "đường\u0000giao",
    "a:* & b | !c <-> d",
    "*",
    "x AND (y OR z) NOT w",
]
FTS5_SAFE = re.compile(r'^(?:\(|\)|"[^\W_]+(?: [^\W_]+)*"(?: \*)?| AND | OR | NOT )+$')
TSQUERY_SAFE = re.compile(r"^(?:\(|\)|!|'[^\W_]+'(?::\*)?| <-> | & | \| )+$")


@pytest.mark.parametrize("query", HOSTILE)
def test_hostile_input_renders_to_quoted_words_only(query: str) -> None:
    try:
        node = parse(query)
    except QueryError:
        return
    assert FTS5_SAFE.match(to_fts5(node)), to_fts5(node)
    assert TSQUERY_SAFE.match(to_tsquery(node)), to_tsquery(node)


def test_renderings_keep_the_structure() -> None:
    node = parse('("ô nhiễm" OR bụi*) -rác')
    assert to_fts5(node) == '((("o nhiem" OR "bui" *)) NOT ("rac"))'
    assert to_tsquery(node) == "((('o' <-> 'nhiem') | ('bui':*)) & !('rac'))"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("o nhiem", w("o", "nhiem")),
        ("o nhiem moi*", w("o", "nhiem", "moi", prefix=True)),
        ("a -b c", None),
        ("a OR b c", Or((w("a"), w("b", "c")))),
        ('"a b"', None),
        ("ab* c", None),
    ],
)
def test_adjacent_joins_neighbouring_words(query: str, expected: object) -> None:
    assert adjacent(parse(query)) == expected


def test_leaves_leave_out_excluded_words() -> None:
    assert leaves(parse("lũ -bão (mưa OR gió)")) == [w("lu"), w("mua"), w("gio")]


def test_index_text_uses_the_query_tokenizer() -> None:
    assert index_text("Đắk Lắk: 100% ô-nhiễm", None, "ĐƯỜNG") == "dak lak 100 o nhiem duong"
