"""Precision, recall and F1 of multi-label topic tags against gold labels, and of tone calls (one class
per article, `ToneReport`): pure counting.

A disputed id (given by only one of two readers) is neither a hit nor a miss. Macro-F1 averages the
topics with at least `min_support` agreed examples; micro-F1 is reported over all topics and over those.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from nlp.tone_model import CLASSES


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    support: int = 0  # agreed gold examples

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def __iadd__(self, other: Counts) -> Counts:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn
        self.support += other.support
        return self


@dataclass(frozen=True)
class Error:
    doc_id: str
    topic_id: str
    kind: str  # "FP" or "FN"


@dataclass
class Report:
    per_topic: dict[str, Counts]
    errors: list[Error] = field(default_factory=list)
    documents: int = 0

    @classmethod
    def for_topics(cls, topic_ids: Iterable[str]) -> Report:
        return cls(per_topic={t: Counts() for t in topic_ids})

    def add(self, doc_id: str, gold: set[str], disputed: set[str], predicted: set[str]) -> None:
        self.documents += 1
        for topic in gold:
            self.per_topic.setdefault(topic, Counts()).support += 1
        for topic in (gold | predicted) - disputed:
            counts = self.per_topic.setdefault(topic, Counts())
            if topic in gold and topic in predicted:
                counts.tp += 1
            elif topic in predicted:
                counts.fp += 1
                self.errors.append(Error(doc_id, topic, "FP"))
            else:
                counts.fn += 1
                self.errors.append(Error(doc_id, topic, "FN"))

    def total(self, min_support: int = 0) -> Counts:
        out = Counts()
        for c in self.per_topic.values():
            if c.support >= min_support:
                out += c
        return out

    def macro_f1(self, min_support: int) -> float:
        frequent = [c.f1 for c in self.per_topic.values() if c.support >= min_support]
        return sum(frequent) / len(frequent) if frequent else 0.0

    def frequent_topics(self, min_support: int) -> int:
        return sum(1 for c in self.per_topic.values() if c.support >= min_support)

    def confusions(self, limit: int = 10) -> list[tuple[tuple[str, str], int]]:
        """The commonest (labeled topic, topic given instead) pairs over the articles: a missed topic
        beside each wrongly given one of the same article, "-" when the other side is empty."""
        missed: dict[str, set[str]] = {}
        wrong: dict[str, set[str]] = {}
        for e in self.errors:
            (missed if e.kind == "FN" else wrong).setdefault(e.doc_id, set()).add(e.topic_id)
        pairs: Counter[tuple[str, str]] = Counter()
        for doc in missed.keys() | wrong.keys():
            gold, given = missed.get(doc) or {"-"}, wrong.get(doc) or {"-"}
            pairs.update((g, p) for g in gold for p in given)
        return sorted(pairs.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]

    def lines(self, min_support: int = 5) -> list[str]:
        """The report as printed by `duluan topics eval` and the bench scripts."""
        out = [f"{'topic':24} {'sup':>4} {'tp':>4} {'fp':>4} {'fn':>4} {'P':>6} {'R':>6} {'F1':>6}"]
        for topic, c in self.per_topic.items():
            flag = "" if c.support >= min_support else "  (few examples)"
            out.append(
                f"{topic:24} {c.support:4d} {c.tp:4d} {c.fp:4d} {c.fn:4d} "
                f"{c.precision:6.3f} {c.recall:6.3f} {c.f1:6.3f}{flag}"
            )
        total, frequent = self.total(), self.total(min_support)
        out.append(
            f"micro-F1 (all topics)          {total.f1:.3f}  P {total.precision:.3f}  R {total.recall:.3f}"
        )
        out.append(f"micro-F1 (topics >= {min_support} examples) {frequent.f1:.3f}")
        out.append(
            f"macro-F1 (topics >= {min_support} examples, {self.frequent_topics(min_support)} topics) "
            f"{self.macro_f1(min_support):.3f}"
        )
        return out


def compare_lines(
    before: Report, after: Report, min_support: int = 5, *, labels: tuple[str, str] = ("before", "after")
) -> list[str]:
    """Per-topic F1 of two taggings of the same articles side by side, with micro and macro averages."""
    first, second = labels
    out = [f"{'topic':24} {'sup':>4} {'F1 ' + first:>10} {'F1 ' + second:>10} {'change':>7}"]
    for topic, a in after.per_topic.items():
        b = before.per_topic.get(topic, Counts())
        if not (a.support or a.tp + a.fp + a.fn or b.tp + b.fp + b.fn):
            continue  # a topic neither tagged nor labeled on these articles
        out.append(f"{topic:24} {a.support:4d} {b.f1:10.3f} {a.f1:10.3f} {a.f1 - b.f1:+7.3f}")
    b_total, a_total = before.total(), after.total()
    out.append(
        f"{'micro-F1 (all topics)':29} {b_total.f1:10.3f} {a_total.f1:10.3f} {a_total.f1 - b_total.f1:+7.3f}"
    )
    b_macro, a_macro = before.macro_f1(min_support), after.macro_f1(min_support)
    name = f"macro-F1 (topics >= {min_support})"
    out.append(f"{name:29} {b_macro:10.3f} {a_macro:10.3f} {a_macro - b_macro:+7.3f}")
    return out


# --- tone: one class per article ------------------------------------------------------------


@dataclass
class ToneReport:
    """Confusion matrix (gold x predicted) and the scores derived from it."""

    confusion: dict[str, dict[str, int]] = field(
        default_factory=lambda: {g: dict.fromkeys(CLASSES, 0) for g in CLASSES}
    )

    def add(self, gold: str, predicted: str) -> None:
        self.confusion[gold][predicted] += 1

    @property
    def total(self) -> int:
        return sum(sum(row.values()) for row in self.confusion.values())

    @property
    def accuracy(self) -> float:
        return sum(self.confusion[c][c] for c in CLASSES) / self.total if self.total else 0.0

    def precision(self, c: str) -> float:
        called = sum(self.confusion[g][c] for g in CLASSES)
        return self.confusion[c][c] / called if called else 0.0

    def recall(self, c: str) -> float:
        support = sum(self.confusion[c].values())
        return self.confusion[c][c] / support if support else 0.0

    def f1(self, c: str) -> float:
        p, r = self.precision(c), self.recall(c)
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def macro_f1(self) -> float:
        return sum(self.f1(c) for c in CLASSES) / len(CLASSES)

    def lines(self) -> list[str]:
        out = [f"{'gold / called':14} " + " ".join(f"{c:>9}" for c in CLASSES) + f" {'support':>8}"]
        for g in CLASSES:
            row = self.confusion[g]
            out.append(f"{g:14} " + " ".join(f"{row[c]:9d}" for c in CLASSES) + f" {sum(row.values()):8d}")
        out.append(f"{'class':14} {'P':>9} {'R':>9} {'F1':>9}")
        for c in CLASSES:
            out.append(f"{c:14} {self.precision(c):9.3f} {self.recall(c):9.3f} {self.f1(c):9.3f}")
        out.append(f"accuracy {self.accuracy:.3f}  macro-F1 {self.macro_f1:.3f}")
        return out


def report_of(gold: Sequence[str], predicted: Sequence[str]) -> ToneReport:
    report = ToneReport()
    for g, p in zip(gold, predicted, strict=True):
        report.add(g, p)
    return report
