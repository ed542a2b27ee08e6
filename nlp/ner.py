"""Named entities two ways, and their combination: underthesea's CRF NER, and our gazetteer and patterns.

underthesea's CRF (`underthesea.ner`: word segmentation, POS tagging and chunking first) is about 20
times slower than word segmentation and weak on this press: it tags "đồng chí Hoàng Văn Nghiệm" as a
place and "Chủ tịch UBND tỉnh Lạng Sơn" as one. The gazetteer and patterns (`nlp.places`,
`nlp.organisations`, `nlp.people`) are precise but only know names with a cue ("ông", a title, a birth
year). The combination keeps ours and adds the CRF's people that start with a known family name and
overlap none of our places and organisations; bench/ner_eval.py measures all three.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from nlp.organisations import find_spans
from nlp.people import find_people
from nlp.person_words import surnames
from nlp.places import find_mentions
from nlp.tokens import tokenize

_LOC_QUALIFIER = re.compile(
    r"^(?:xã|phường|thị trấn|huyện|tỉnh|thành phố|tp\.?|thị xã|quận|cửa khẩu(?: quốc tế)?|ga|thôn|bản|"
    r"suối|sông|hồ|núi|đèo|khu du lịch|chợ|phố|đường|động|chùa|đền|ải)\s+",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Entity:
    kind: str  # PER, LOC, ORG (and MISC from the CRF)
    text: str


def core(kind: str, text: str) -> str:
    """The comparable part of a name: lower case; places without their qualifier; agencies canonical."""
    text = " ".join(text.split())
    if kind == "LOC":
        while _LOC_QUALIFIER.match(text):
            text = _LOC_QUALIFIER.sub("", text, count=1)
    if kind == "ORG":
        spans = find_spans(text)
        if len(spans) == 1:
            text = spans[0].name
    return text.lower()


def crf_entities(text: str) -> list[Entity]:
    """underthesea's CRF NER, BIO tags grouped into entities."""
    from underthesea import ner

    out: list[Entity] = []
    current: list[str] = []
    kind = ""
    for word, _pos, _chunk, tag in ner(text):
        if tag.startswith("I-") and current and tag[2:] == kind:
            current.append(word)
            continue
        if current:
            out.append(Entity(kind, " ".join(current)))
        current, kind = ([word], tag[2:]) if tag.startswith(("B-", "I-")) else ([], "")
    if current:
        out.append(Entity(kind, " ".join(current)))
    return out


def pattern_entities(text: str) -> list[Entity]:
    """Our gazetteer places, agencies and people (a normalised text)."""
    tokens = tokenize(text)
    spans = find_spans(text, tokens)
    inside = [(tokens[s.start].start, tokens[s.end - 1].end) for s in spans]
    out = [
        Entity("LOC", text[m.start : m.end])
        for m in find_mentions(text, tokens)
        if not any(a <= m.start and m.end <= b for a, b in inside)  # "Lạng Sơn" of "UBND tỉnh Lạng Sơn"
    ]
    out += [Entity("ORG", s.name) for s in spans]
    out += [Entity("PER", p.name) for p in find_people(text, tokens, spans)]
    return out


def combined(text: str) -> list[Entity]:
    """Ours, plus the CRF's people that look like Vietnamese names and are none of our names."""
    ours = pattern_entities(text)
    taken = " ".join(e.text.lower() for e in ours)
    known = surnames()
    for entity in crf_entities(text):
        words = entity.text.split()
        if entity.kind != "PER" or not 2 <= len(words) <= 4 or words[0].lower() not in known:
            continue
        if entity.text.lower() in taken or not all(w[0].isupper() for w in words):
            continue
        ours.append(entity)
    return ours
