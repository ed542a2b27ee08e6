"""The one entry point the pipeline calls: `annotate(article, options=...)`.

An article is prepared once (normalised, boilerplate removed, each paragraph segmented once by
underthesea: `nlp.document`) and every analysis reads that preparation: topics (rules, and the
trained model when there is one), places and local relevance, organisations, people, tone, the key
terms stories are matched on, and the content hash and MinHash signature of the analysed text.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass
from functools import cache
from pathlib import Path

from config.models import Topic
from config.settings import Settings
from nlp.dedup import fingerprint
from nlp.document import Document, prepare
from nlp.entities import find_entities
from nlp.schema import Annotation, ArticleText, TopicScore
from nlp.text import head
from nlp.tone import tone_of
from nlp.topic_model import TopicModel, load, tag_with_model
from nlp.topics import TopicRules, compile_rules

ANNOTATOR_VERSION = "2"
KEY_TERMS = 30
# The setting `analysis_max_chars` (declared once, in config.settings): how much of a body is analysed.
ANALYSED_CHARS: int = Settings.model_fields["analysis_max_chars"].default
MAX_TITLE_CHARS, MAX_SAPO_CHARS = 1_000, 5_000


@dataclass(frozen=True, kw_only=True)
class AnnotateOptions:
    rules: TopicRules
    model: TopicModel | None = None
    max_chars: int = ANALYSED_CHARS  # of the body; its head is what topics, places and tone read


@cache
def _options_for(topics_json: tuple[str, ...], model_dir: str | None, max_chars: int) -> AnnotateOptions:
    topics = [Topic.model_validate_json(t) for t in topics_json]
    model = load(Path(model_dir)) if model_dir else None
    return AnnotateOptions(rules=compile_rules(topics), model=model, max_chars=max_chars)


def options_for(
    topics: Sequence[Topic], model_dir: Path | None = None, *, max_chars: int | None = None
) -> AnnotateOptions:
    """Compiled options, built once per process for a topic list and model folder (the trained topic
    model is used when `model_dir` holds one; `nlp.topic_model.ModelError` if it cannot be used).
    `max_chars`: the body characters analysed (the `analysis_max_chars` setting; default its default)."""
    return _options_for(
        tuple(t.model_dump_json() for t in topics),
        str(model_dir) if model_dir else None,
        max_chars or ANALYSED_CHARS,
    )


def key_terms(doc: Document, names: Sequence[str] = (), limit: int = KEY_TERMS) -> tuple[str, ...]:
    """What stories are matched on: the multi-syllable words of the title and lead, then the names
    (places, organisations, people) of the whole article, lower case."""
    seen: dict[str, None] = {}
    for paragraph in doc.head():
        for word in paragraph.words:
            if " " in word and any(ch.isalpha() for ch in word):
                seen.setdefault(word.lower(), None)
    for name in names:
        seen.setdefault(name.lower(), None)
    return tuple(list(seen)[:limit])


def annotate(article: ArticleText, *, options: AnnotateOptions) -> Annotation:
    doc = prepare(
        title=head(article.title, MAX_TITLE_CHARS),
        sapo=head(article.sapo, MAX_SAPO_CHARS),
        body=head(article.text, options.max_chars),
    )
    matches = tag_with_model(doc, options.rules, options.model)
    topics = tuple(
        TopicScore(
            topic_id=m.topic_id,
            score=round(m.score, 3),
            evidence=tuple(asdict(e) for e in m.evidence),
            probability=m.probability,
        )
        for m in matches
    )
    entities = find_entities(doc)
    where = entities.locality
    feeling = tone_of((p.zone, p.text) for p in doc.paragraphs)
    names = [*where.places, *entities.organisations, *(p.name for p in entities.people)]
    digest, signature = fingerprint(f"{doc.sapo}\n{doc.body}")
    return Annotation(
        topics=topics,
        places=where.places,
        organisations=entities.organisations,
        people=entities.people,
        units=where.units,
        tone=feeling.label,
        tone_score=feeling.score,
        local=where.local,
        local_score=where.score,
        key_terms=key_terms(doc, names),
        content_hash=digest,
        minhash=signature,
    )
