"""Keyword topic tagger: the rules of `config/topics.yaml` matched on segmented text.

Each field (title, sapo, body) is normalised, cleaned of boilerplate, cut into paragraphs and
segmented once with underthesea (`nlp.document.prepare`); the words are then split into sentences
and every topic's phrases are looked up at once through an index from first syllable to phrases.
A phrase matches on whole words of the segmentation: it must start where a word starts and end
where a word ends (the syllables in between may be cut in any way, since the segmenter splits
some compounds inconsistently, e.g. "ma túy"). Punctuation inside a sentence is skipped, so
"phòng, chống" matches "phòng chống".

Score of a topic:
1. each matched phrase adds  weight x zone weight x (1 + ln count), the zones being the title
   (x3), the sapo (x2), the lead (x2: the first paragraphs of the body when the title or the sapo
   is missing), the body (x1) and the body after its first `LATE_CHARS` characters (x0.5);
   the log keeps a word repeated in passing from triggering;
2. phrases weighing less than `ANCHOR_WEIGHT` only support: together they add at most what the
   strong phrases score, so context words alone never assign a topic;
3. a topic that the title and sapo do not name is scaled by the share of sentences it fills,
   up to `FULL_SHARE` (a passing mention in a long article scores little);
4. foreign news (foreign place markers outnumbering domestic ones) is scaled by `FOREIGN_FACTOR`.
Overlapping phrases of a topic count once (leftmost-longest). A sentence containing one of a
topic's `exclude` phrases contributes nothing to that topic; in the title, an exclusion cancels
the topic for the whole article (the headline frames it as a ceremony, campaign...).
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from nlp.document import Document, prepare
from nlp.text import normalize

if TYPE_CHECKING:
    from config.models import Topic

Field = Literal["title", "sapo", "body"]
Mode = Literal["word", "syllable", "hybrid"]

_ZONE_WEIGHT: dict[str, float] = {"title": 3.0, "sapo": 2.0, "lead": 2.0, "body": 1.0, "late": 0.5}
_ZONE_FIELD: dict[str, Field] = dict(title="title", sapo="sapo", lead="body", body="body", late="body")
ANCHOR_WEIGHT = 2.0
FULL_SHARE = 0.2


def _bar_list(*chunks: str) -> tuple[str, ...]:
    return tuple("".join(chunks).split("|"))


# Foreign news: foreign markers >= FOREIGN_MIN and more than twice the domestic ones. Country names
# that are also common Vietnamese given names (Nga, Đức, Anh, Ý...) are left out or qualified.
FOREIGN_MIN = 2
FOREIGN_FACTOR = 0.1
DOMESTIC_MARKERS = _bar_list(
    "việt nam|vn|ubnd|hđnd|ủy ban nhân dân|hội đồng nhân dân|công an|tỉnh ủy|thành ủy|"
    "huyện ủy|quận ủy|đảng ủy|mặt trận tổ quốc|biên phòng|viện kiểm sát|vksnd|tand|"
    "tòa án nhân dân|đại biểu quốc hội|thủ tướng chính phủ|huyện|xã|phường|quận|"
    "thị xã|thị trấn|thôn|khu phố|tổ dân phố|ấp|sn|trú tại|ngụ tại|triệu đồng|tỷ đồng|"
    "tỉ đồng|hà nội|tp hcm|tphcm|hồ chí minh|sài gòn|hải phòng|đà nẵng|cần thơ|"
    "lạng sơn|cao bằng|hà giang|tuyên quang|lào cai|yên bái|thái nguyên|bắc kạn|"
    "bắc giang|phú thọ|điện biên|lai châu|sơn la|quảng ninh|bắc ninh|hải dương|"
    "hưng yên|vĩnh phúc|hà nam|nam định|thái bình|ninh bình|thanh hóa|nghệ an|hà tĩnh|"
    "quảng bình|quảng trị|thừa thiên huế|huế|quảng nam|quảng ngãi|bình định|phú yên|"
    "khánh hòa|nha trang|ninh thuận|bình thuận|kon tum|gia lai|đắk lắk|đắk nông|"
    "lâm đồng|đà lạt|bình phước|tây ninh|bình dương|đồng nai|bà rịa|vũng tàu|long an|"
    "tiền giang|bến tre|trà vinh|vĩnh long|đồng tháp|an giang|kiên giang|hậu giang|"
    "sóc trăng|bạc liêu|cà mau|hữu nghị|đồng đăng|tân thanh|chi ma|cốc nam|cửa khẩu"
)
FOREIGN_MARKERS = _bar_list(
    "mỹ|hoa kỳ|trung quốc|nước nga|tổng thống nga|điện kremlin|nhật bản|hàn quốc|"
    "triều tiên|vương quốc anh|nước anh|nước pháp|nước đức|italy|italia|tây ban nha|"
    "bồ đào nha|hà lan|thụy sĩ|thụy điển|na uy|đan mạch|phần lan|ba lan|ukraine|"
    "ukraina|ấn độ|pakistan|bangladesh|indonesia|thái lan|malaysia|singapore|"
    "philippines|campuchia|myanmar|australia|new zealand|canada|mexico|brazil|"
    "argentina|colombia|peru|iraq|iran|israel|palestine|syria|afghanistan|ai cập|"
    "thổ nhĩ kỳ|châu âu|châu phi|liên hợp quốc|lhq|nato|washington|london|paris|"
    "berlin|moskva|matxcơva|bắc kinh|tokyo|seoul|bangkok|new york|hollywood|"
    "tổng thống|nước này|quốc gia này|giới chức|sri lanka|nepal|bolivia|venezuela|"
    "cuba|chile|nam phi|nigeria|kenya|libya|sudan|lebanon|liban|qatar|dubai|hy lạp|"
    "hungary|romania|serbia|đài loan|hồng kông|hong kong|mông cổ|nhà trắng|"
    "lầu năm góc|châu mỹ|mỹ latinh|trung đông|tây âu|đông âu|bắc mỹ|nam mỹ|baghdad|"
    "kabul|taliban|al qaeda"
)
_DOMESTIC, _FOREIGN = -1, -2  # pseudo topic numbers of the markers
_SYLLABLE = re.compile(r"[^\W_]+")
_SENTENCE_END = re.compile(r"^[.!?;…]+$")
_WORD_SPLIT = re.compile(r"[-–/]")


@dataclass(frozen=True)
class Evidence:
    phrase: str
    field: Field
    count: int


@dataclass(frozen=True)
class TopicMatch:
    topic_id: str
    score: float
    evidence: tuple[Evidence, ...]
    probability: float | None = None  # the trained model's, when one was combined with the rules


@dataclass(frozen=True)
class _Phrase:
    syllables: tuple[str, ...]
    text: str
    topic: int
    weight: float
    exclude: bool


@dataclass(frozen=True)
class _Sentence:
    syllables: tuple[str, ...]
    starts: frozenset[int]  # syllable positions where a word starts
    ends: frozenset[int]  # syllable positions where a word ends


class TopicRules:
    """Compiled topics: a phrase index keyed by first syllable, built once and reused."""

    def __init__(
        self,
        topics: Sequence[Topic],
        mode: Mode = "word",
        domestic: Sequence[str] = DOMESTIC_MARKERS,
        foreign: Sequence[str] = FOREIGN_MARKERS,
    ) -> None:
        self.ids: tuple[str, ...] = tuple(t.id for t in topics)
        self.thresholds: tuple[float, ...] = tuple(t.threshold for t in topics)
        self.mode: Mode = mode
        index: dict[str, list[_Phrase]] = defaultdict(list)
        for number, topic in enumerate(topics):
            entries = [(k.phrase, k.weight, False) for k in topic.keywords]
            entries += [(phrase, 0.0, True) for phrase in topic.exclude]
            self._add(index, number, entries)
        self._add(index, _DOMESTIC, [(marker, 0.0, False) for marker in domestic])
        self._add(index, _FOREIGN, [(marker, 0.0, False) for marker in foreign])
        self.index: dict[str, tuple[_Phrase, ...]] = {
            first: tuple(sorted(phrases, key=lambda p: -len(p.syllables))) for first, phrases in index.items()
        }

    @staticmethod
    def _add(index: dict[str, list[_Phrase]], topic: int, entries: list[tuple[str, float, bool]]) -> None:
        for text, weight, exclude in entries:
            syllables = tuple(_syllables(text))
            if syllables:
                index[syllables[0]].append(_Phrase(syllables, text.strip(), topic, weight, exclude))


def compile_rules(
    topics: Sequence[Topic],
    *,
    mode: Mode = "word",
    domestic: Sequence[str] = DOMESTIC_MARKERS,
    foreign: Sequence[str] = FOREIGN_MARKERS,
) -> TopicRules:
    """Build the matcher for `topics` (mode "word" is the default; the others exist for measurement)."""
    return TopicRules(topics, mode, domestic, foreign)


def _syllables(text: str) -> list[str]:
    return _SYLLABLE.findall(normalize(text).lower())


def _sentences(words: tuple[str, ...]) -> Iterator[_Sentence]:
    """Sentences of one segmented paragraph as syllables with the word boundaries of the segmentation."""
    syllables: list[str] = []
    starts: set[int] = set()
    ends: set[int] = set()
    for token in words:
        if _SENTENCE_END.match(token):
            if syllables:
                yield _Sentence(tuple(syllables), frozenset(starts), frozenset(ends))
            syllables, starts, ends = [], set(), set()
            continue
        for part in _WORD_SPLIT.split(token.lower()):
            found = _SYLLABLE.findall(part)
            if found:
                starts.add(len(syllables))
                syllables.extend(found)
                ends.add(len(syllables) - 1)
    if syllables:
        yield _Sentence(tuple(syllables), frozenset(starts), frozenset(ends))


def _hits(sentence: _Sentence, rules: TopicRules) -> tuple[list[tuple[int, int, _Phrase]], set[int]]:
    """Keyword hits (start, end, phrase) and the topics excluded by this sentence."""
    hits: list[tuple[int, int, _Phrase]] = []
    excluded: set[int] = set()
    syllables = sentence.syllables
    for start, syllable in enumerate(syllables):
        candidates = rules.index.get(syllable)
        if not candidates:
            continue
        for phrase in candidates:
            size = len(phrase.syllables)
            if syllables[start : start + size] != phrase.syllables:
                continue
            strict = rules.mode == "word" or (rules.mode == "hybrid" and size == 1)
            if strict and (start not in sentence.starts or start + size - 1 not in sentence.ends):
                continue
            if phrase.exclude:
                excluded.add(phrase.topic)
            else:
                hits.append((start, start + size, phrase))
    return hits, excluded


def _select(hits: list[tuple[int, int, _Phrase]], excluded: set[int]) -> Iterator[_Phrase]:
    """Per topic, the leftmost-longest non-overlapping hits of the topics not excluded."""
    taken: dict[int, int] = {}  # topic -> end of its last accepted hit
    for start, end, phrase in sorted(hits, key=lambda h: (h[0], h[0] - h[1])):
        if phrase.topic in excluded or start < taken.get(phrase.topic, 0):
            continue
        taken[phrase.topic] = end
        yield phrase


def score_topics(*, title: str | None, sapo: str | None, body: str, rules: TopicRules) -> list[TopicMatch]:
    """Every topic with a positive score, highest first."""
    return score_document(prepare(title=title, sapo=sapo, body=body), rules)


def score_document(doc: Document, rules: TopicRules) -> list[TopicMatch]:
    """`score_topics` on an article already prepared (normalised, cleaned and segmented)."""
    counts: dict[tuple[int, _Phrase, str], int] = defaultdict(int)
    sentences: dict[int, int] = defaultdict(int)  # topic -> sentences where it matched
    headline: set[int] = set()  # topics matched in the title or sapo
    banned: set[int] = set()  # topics excluded by the title: the headline frames the whole article
    markers: dict[int, int] = defaultdict(int)
    total = 0
    for paragraph in doc.paragraphs:
        zone = paragraph.zone
        for sentence in _sentences(paragraph.words):
            total += 1
            hits, excluded = _hits(sentence, rules)
            if zone == "title":
                banned |= excluded
            topics = set()
            for phrase in _select(hits, excluded):
                if phrase.topic < 0:
                    markers[phrase.topic] += 1
                    continue
                counts[(phrase.topic, phrase, zone)] += 1
                topics.add(phrase.topic)
            for topic in topics:
                sentences[topic] += 1
                if zone in ("title", "sapo"):
                    headline.add(topic)
    strong: dict[int, float] = defaultdict(float)
    weak: dict[int, float] = defaultdict(float)
    evidence: dict[int, dict[tuple[str, Field], int]] = defaultdict(lambda: defaultdict(int))
    for (topic, phrase, where), count in counts.items():
        points = phrase.weight * _ZONE_WEIGHT[where] * (1.0 + math.log(count))
        (strong if phrase.weight >= ANCHOR_WEIGHT else weak)[topic] += points
        evidence[topic][(phrase.text, _ZONE_FIELD[where])] += count
    foreign = markers[_FOREIGN] >= FOREIGN_MIN and markers[_FOREIGN] > 2 * markers[_DOMESTIC]
    matches = []
    for topic, found in evidence.items():
        if topic in banned:
            continue
        score = strong[topic] + min(weak[topic], strong[topic])
        if topic not in headline:  # a topic the headline does not name must fill enough of the text
            score *= min(1.0, sentences[topic] / (total * FULL_SHARE))
        if foreign:
            score *= FOREIGN_FACTOR
        if score > 0:
            ordered = sorted(found.items(), key=lambda e: (-e[1], e[0]))
            proof = tuple(Evidence(phrase=text, field=field, count=count) for (text, field), count in ordered)
            matches.append(TopicMatch(topic_id=rules.ids[topic], score=round(score, 3), evidence=proof))
    return sorted(matches, key=lambda m: (-m.score, m.topic_id))


def tag_topics(*, title: str | None, sapo: str | None, body: str, rules: TopicRules) -> list[TopicMatch]:
    """The topics whose score reaches their threshold, highest first."""
    return tag_document(prepare(title=title, sapo=sapo, body=body), rules)


def tag_document(doc: Document, rules: TopicRules) -> list[TopicMatch]:
    thresholds = dict(zip(rules.ids, rules.thresholds, strict=True))
    return [m for m in score_document(doc, rules) if m.score >= thresholds[m.topic_id]]
