"""The one entry point the pipeline calls: `annotate(article, options=...)`."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass
from functools import cache

from config.models import Topic
from nlp.dedup import content_hash, minhash, signature_bytes
from nlp.places import find_organisations, find_places, local_score
from nlp.schema import Annotation, ArticleText, TopicScore
from nlp.segment import segment
from nlp.text import normalize
from nlp.tone import tone
from nlp.topics import TopicRules, compile_rules, tag_topics

ANNOTATOR_VERSION = "1"
LOCAL_THRESHOLD = 0.5
_BOILERPLATE_PREFIXES = ("xem thêm", "ảnh:", "ảnh minh họa", "nguồn:", "theo ", "(ảnh")


@dataclass(frozen=True, kw_only=True)
class AnnotateOptions:
    rules: TopicRules


@cache
def _options_for(topics_json: tuple[str, ...]) -> AnnotateOptions:
    topics = [Topic.model_validate_json(t) for t in topics_json]
    return AnnotateOptions(rules=compile_rules(topics))


def options_for(topics: Sequence[Topic]) -> AnnotateOptions:
    """Compiled options, built once per process for a given topic list (models are not hashable)."""
    return _options_for(tuple(t.model_dump_json() for t in topics))


def analysed_body(text: str) -> str:
    """The body without boilerplate lines (photo credits, "Xem thêm", short "Theo …" by-lines)."""
    kept = []
    for line in normalize(text).split("\n"):
        low = line.lower()
        if len(line) < 80 and low.startswith(_BOILERPLATE_PREFIXES):
            continue
        kept.append(line)
    return "\n".join(kept)


def key_terms(title: str, lead: str, limit: int = 25) -> tuple[str, ...]:
    """Multi-syllable words and names of the title and lead: what stories are matched on."""
    seen: dict[str, None] = {}
    for word in segment(f"{title}\n{lead}"):
        if " " in word and any(ch.isalpha() for ch in word):
            seen.setdefault(word.lower(), None)
    return tuple(list(seen)[:limit])


def annotate(article: ArticleText, *, options: AnnotateOptions) -> Annotation:
    title = normalize(article.title or "")
    sapo = normalize(article.sapo or "")
    body = analysed_body(article.text)
    first_paragraph = body.split("\n", 1)[0] if body else ""
    lead = sapo or first_paragraph
    matches = tag_topics(title=title or None, sapo=sapo or None, body=body, rules=options.rules)
    topics = tuple(
        TopicScore(
            topic_id=m.topic_id, score=round(m.score, 3), evidence=tuple(asdict(e) for e in m.evidence)
        )
        for m in matches
    )
    full = "\n".join(x for x in (title, sapo, body) if x)
    label, tone_value = tone(full)
    local = local_score(title=title, lead=lead, body=body)
    return Annotation(
        topics=topics,
        places=tuple(find_places(full)),
        organisations=tuple(find_organisations(full)),
        tone=label,
        tone_score=tone_value,
        local=local >= LOCAL_THRESHOLD,
        local_score=local,
        key_terms=key_terms(title, lead),
        content_hash=content_hash(f"{sapo}\n{body}"),
        minhash=signature_bytes(minhash(f"{sapo}\n{body}")),
    )
