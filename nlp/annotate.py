"""The one entry point the pipeline calls: `annotate(article, options=...)`.

An article is prepared once (normalised, boilerplate removed, each paragraph segmented once by
underthesea: `nlp.document`) and every analysis reads that preparation: topics (rules, and the
trained model when there is one), places and local relevance, organisations, people, tone (the
learned model of `nlp.tone_model`, shipped with the package; the lexicon of `nlp.tone` when the model
cannot be used), the key terms stories are matched on, and the content hash and MinHash signature of
the analysed text.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from functools import cache
from pathlib import Path

from config.models import Topic
from nlp.dedup import fingerprint
from nlp.document import Document, prepare
from nlp.entities import find_entities
from nlp.schema import Annotation, ArticleText, ToneEvidence, TopicScore
from nlp.tone import tone_of
from nlp.tone_model import ToneModel, ToneModelError, lexicon_reasons
from nlp.tone_model import decide as decide_tone
from nlp.tone_model import load as load_tone
from nlp.topic_model import TopicModel, load, tag_with_model
from nlp.topics import TopicRules, compile_rules

ANNOTATOR_VERSION = "3"  # 3: the learned tone model
KEY_TERMS = 30


@dataclass(frozen=True, kw_only=True)
class AnnotateOptions:
    rules: TopicRules
    model: TopicModel | None = None
    tone: ToneModel | None = None  # None: the lexicon alone


log = logging.getLogger("duluan.annotate")


def tone_model_or_none(model_dir: Path | None) -> ToneModel | None:
    """The tone model (<model_dir>/tone.json, else the shipped one), or None after one logged error
    when it is missing or cannot be used: the lexicon then decides the tone."""
    try:
        return load_tone(model_dir)
    except ToneModelError as exc:
        log.error("%s; the tone lexicon is used instead", exc)
        return None


@cache
def _options_for(topics_json: tuple[str, ...], model_dir: str | None) -> AnnotateOptions:
    topics = [Topic.model_validate_json(t) for t in topics_json]
    folder = Path(model_dir) if model_dir else None
    model = load(folder) if folder else None
    return AnnotateOptions(rules=compile_rules(topics), model=model, tone=tone_model_or_none(folder))


def options_for(topics: Sequence[Topic], model_dir: Path | None = None) -> AnnotateOptions:
    """Compiled options, built once per process for a topic list and model folder (the trained topic
    model is used when `model_dir` holds one; `nlp.topic_model.ModelError` if it cannot be used)."""
    return _options_for(tuple(t.model_dump_json() for t in topics), str(model_dir) if model_dir else None)


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
    doc = prepare(title=article.title, sapo=article.sapo, body=article.text)
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
    if options.tone is not None:
        decision = decide_tone(doc, options.rules, options.tone)
        label, score = decision.label, decision.score
        evidence = ToneEvidence(
            source="model",
            reasons=(*decision.reasons, *lexicon_reasons(decision.lexicon.phrases, label)),
            probabilities=decision.probabilities,
        )
    else:
        feeling = tone_of((p.zone, p.text) for p in doc.paragraphs)
        label, score = feeling.label, feeling.score
        evidence = ToneEvidence(source="lexicon", reasons=tuple(lexicon_reasons(feeling.phrases, label)))
    names = [*where.places, *entities.organisations, *(p.name for p in entities.people)]
    digest, signature = fingerprint(f"{doc.sapo}\n{doc.body}")
    return Annotation(
        topics=topics,
        places=where.places,
        organisations=entities.organisations,
        people=entities.people,
        units=where.units,
        tone=label,
        tone_score=score,
        tone_evidence=evidence,
        local=where.local,
        local_score=where.score,
        key_terms=key_terms(doc, names),
        content_hash=digest,
        minhash=signature,
    )
