from __future__ import annotations

import pytest

from nlp.evaluation import Report


@pytest.fixture
def report() -> Report:
    r = Report.for_topics(["a", "b", "c"])
    r.add("1", gold={"a"}, disputed=set(), predicted={"a"})
    r.add("2", gold={"a", "b"}, disputed=set(), predicted={"a"})
    r.add("3", gold=set(), disputed={"c"}, predicted={"c", "b"})
    return r


def test_counts_per_topic(report: Report) -> None:
    a, b = report.per_topic["a"], report.per_topic["b"]
    assert (a.tp, a.fp, a.fn, a.support) == (2, 0, 0, 2) and (b.tp, b.fp, b.fn) == (0, 1, 1)


def test_a_disputed_label_is_neither_a_hit_nor_a_miss(report: Report) -> None:
    c = report.per_topic["c"]
    assert (c.tp, c.fp, c.fn) == (0, 0, 0)


def test_micro_and_macro_averages(report: Report) -> None:
    assert report.total().f1 == pytest.approx(2 * (2 / 3) * (2 / 3) / (4 / 3))
    assert report.macro_f1(min_support=2) == pytest.approx(1.0)  # only "a" has two examples


def test_errors_are_listed(report: Report) -> None:
    assert {(e.doc_id, e.topic_id, e.kind) for e in report.errors} == {("2", "b", "FN"), ("3", "b", "FP")}
