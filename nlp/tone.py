"""Tone of an article (negative / neutral / positive) from our own lexicon (nlp/data/tone.yaml).

Phrases are matched on the syllables of each sentence, leftmost-longest ("mất an toàn" is one negative
phrase, not a negative "mất" and a positive "an toàn"). Before a phrase (same sentence, up to
`WINDOW` syllables):
- a negation turns it around: "không hiệu quả" is negative; "không có thiệt hại" mildly positive
  (x`NEGATED_PROBLEM`); look-alikes are not negations ("không chỉ", "không ngừng", "chưa từng");
- a remedy weakens a problem to nothing: "phòng chống ma túy", "khắc phục sự cố";
- an intensifier multiplies it: "rất", "cực kỳ", "hàng loạt" (x0.6 to x2).
Each phrase counts its weight times its zone's (title x2, sapo and lead x1.5, body x1, late body x0.5).
score = (P - N) / (P + N + `SMOOTHING`) in -1..1; negative at or below -`CUT`, positive at or above `CUT`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources

import yaml

from nlp.text import normalize

WINDOW = 3
NEGATED_PROBLEM = 0.3
SMOOTHING = 3.0
CUT = 0.2
ZONE_WEIGHT = {"title": 2.0, "sapo": 1.5, "lead": 1.5, "body": 1.0, "late": 0.5}
_SENTENCE = re.compile(r"[.!?;:…\n]+")
_SYLLABLE = re.compile(r"[^\W_]+")


@dataclass(frozen=True)
class Tone:
    label: str  # negative, neutral or positive
    score: float  # -1..1
    negative: float  # weighted sums
    positive: float
    phrases: tuple[tuple[str, float], ...] = ()  # the lexicon's phrases that counted: (phrase, signed sum)


@dataclass(frozen=True)
class _Lexicon:
    phrases: dict[str, tuple[tuple[tuple[str, ...], float], ...]]  # first syllable -> (phrase, signed weight)
    negations: frozenset[tuple[str, ...]]
    not_negations: frozenset[tuple[str, ...]]
    remedies: frozenset[tuple[str, ...]]
    intensifiers: dict[tuple[str, ...], float]


def _key(phrase: str) -> tuple[str, ...]:
    return tuple(_SYLLABLE.findall(phrase.lower()))


@cache
def lexicon() -> _Lexicon:
    data = yaml.safe_load(resources.files("nlp").joinpath("data/tone.yaml").read_text("utf-8"))
    index: dict[str, list[tuple[tuple[str, ...], float]]] = {}
    for sign, group in ((-1.0, "negative"), (1.0, "positive")):
        for phrase, weight in data[group].items():
            key = _key(phrase)
            index.setdefault(key[0], []).append((key, sign * float(weight)))
    return _Lexicon(
        phrases={k: tuple(sorted(v, key=lambda p: -len(p[0]))) for k, v in index.items()},
        negations=frozenset(_key(p) for p in data["negations"]),
        not_negations=frozenset(_key(p) for p in data["not_negations"]),
        remedies=frozenset(_key(p) for p in data["remedies"]),
        intensifiers={_key(k): float(v) for k, v in data["intensifiers"].items()},
    )


def _ends_with(before: list[str], phrases: Iterable[tuple[str, ...]], *, slack: int) -> bool:
    """A phrase of `phrases` ends within the last `slack` + 1 syllables of `before`."""
    for phrase in phrases:
        n = len(phrase)
        for gap in range(slack + 1):
            end = len(before) - gap
            if end - n >= 0 and tuple(before[end - n : end]) == phrase:
                return True
    return False


def _value(before: list[str], weight: float, lex: _Lexicon) -> float:
    """The weight of a phrase after looking at the syllables before it."""
    window = before[-WINDOW:]
    for phrase, factor in lex.intensifiers.items():
        if _ends_with(window, [phrase], slack=1):
            weight *= factor
            break
    negated = _ends_with(window, lex.negations, slack=1) and not _ends_with(
        window, lex.not_negations, slack=2
    )
    if weight < 0 and _ends_with(window, lex.remedies, slack=2):
        return 0.0
    if negated:
        return -weight * (NEGATED_PROBLEM if weight < 0 else 1.0)
    return weight


def sentence_polarity(
    syllables: list[str], found: dict[str, float] | None = None, factor: float = 1.0
) -> tuple[float, float]:
    """(negative, positive) sums of one sentence's syllables (lower case); each phrase that counted is
    added to `found` (phrase -> signed value x `factor`) when given."""
    lex = lexicon()
    negative = positive = 0.0
    i = 0
    while i < len(syllables):
        for phrase, weight in lex.phrases.get(syllables[i], ()):
            if tuple(syllables[i : i + len(phrase)]) == phrase:
                value = _value(syllables[:i], weight, lex)
                negative += max(0.0, -value)
                positive += max(0.0, value)
                if found is not None and value:
                    key = " ".join(phrase)
                    found[key] = found.get(key, 0.0) + value * factor
                i += len(phrase)
                break
        else:
            i += 1
    return negative, positive


def tone_of(zoned: Iterable[tuple[str, str]]) -> Tone:
    """Tone of an article given as (zone, normalised paragraph) pairs."""
    negative = positive = 0.0
    found: dict[str, float] = {}
    for zone, text in zoned:
        factor = ZONE_WEIGHT.get(zone, 1.0)
        for sentence in _SENTENCE.split(text.lower()):
            n, p = sentence_polarity(_SYLLABLE.findall(sentence), found, factor)
            negative += n * factor
            positive += p * factor
    score = (positive - negative) / (positive + negative + SMOOTHING)
    label = "negative" if score <= -CUT else "positive" if score >= CUT else "neutral"
    phrases = tuple((k, round(v, 2)) for k, v in sorted(found.items(), key=lambda kv: (-abs(kv[1]), kv[0])))
    return Tone(label, round(score, 3), round(negative, 2), round(positive, 2), phrases)


def tone(text: str) -> tuple[str, float]:
    """('negative'|'neutral'|'positive', score in -1..1) of a text taken as one body."""
    result = tone_of(("body", p) for p in normalize(text).split("\n"))
    return result.label, result.score
