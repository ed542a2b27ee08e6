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
from config.settings import Settings
from nlp.dedup import fingerprint
from nlp.document import Document, prepare
from nlp.entities import find_entities
from nlp.schema import Annotation, ArticleText, ToneEvidence, TopicScore
from nlp.text import head
from nlp.tone import tone_of
from nlp.tone_model import ToneModel, ToneModelError, lexicon_reasons
from nlp.tone_model import decide as decide_tone
from nlp.tone_model import load as load_tone
from nlp.topic_model import TopicModel, tag_explained
from nlp.topic_model_file import resolve
from nlp.topics import TopicRules, compile_rules

ANNOTATOR_VERSION = "3"  # 3: the learned tone model
KEY_TERMS = 30
# The setting `analysis_max_chars` (declared once, in config.settings): how much of a body is analysed.
ANALYSED_CHARS: int = Settings.model_fields["analysis_max_chars"].default
MAX_TITLE_CHARS, MAX_SAPO_CHARS = 1_000, 5_000


@dataclass(frozen=True, kw_only=True)
class AnnotateOptions:
    rules: TopicRules
    model: TopicModel | None = None
    max_chars: int = ANALYSED_CHARS  # of the body; its head is what topics, places and tone read
    tone: ToneModel | None = None  # None: the lexicon alone


log = logging.getLogger("duluan.nlp")


def tone_model_or_none(model_dir: Path | None) -> ToneModel | None:
    """The tone model (<model_dir>/tone.json, else the shipped one), or None after one logged error
    when it is missing or cannot be used: the lexicon then decides the tone."""
    try:
        return load_tone(model_dir)
    except ToneModelError as exc:
        log.error("%s; the tone lexicon is used instead", exc)
        return None


@cache
def _options_for(
    topics_json: tuple[str, ...], model_dir: str | None, use_model: bool, max_chars: int
) -> AnnotateOptions:
    topics = [Topic.model_validate_json(t) for t in topics_json]
    model = None
    if use_model:
        found = resolve(Path(model_dir) if model_dir else None)
        if found.problem:  # said once per process; the rules still tag
            log.error("%s; tagging topics by the rules alone", found.problem)
        model = found.model
    tone = tone_model_or_none(Path(model_dir) if model_dir else None)
    return AnnotateOptions(rules=compile_rules(topics), model=model, max_chars=max_chars, tone=tone)


def options_for(
    topics: Sequence[Topic],
    model_dir: Path | None = None,
    *,
    use_model: bool = True,
    max_chars: int | None = None,
) -> AnnotateOptions:
    """Compiled options, built once per process for a topic list and model folder. The topic model is
    the one trained into `model_dir` (`duluan topics train`), else the one shipped in the package; a
    model file that cannot be used is logged in one line and the rules tag alone (`use_model=False`:
    the rules alone). `max_chars`: the body characters analysed (the `analysis_max_chars` setting)."""
    key = tuple(t.model_dump_json() for t in topics)
    return _options_for(key, str(model_dir) if model_dir else None, use_model, max_chars or ANALYSED_CHARS)


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
    tagged = tag_explained(doc, options.rules, options.model)
    topics = tuple(
        TopicScore(
            topic_id=t.match.topic_id,
            score=round(t.match.score, 3),
            evidence=tuple(asdict(e) for e in t.match.evidence),
            probability=t.match.probability,
            model_words=tuple({"word": w, "weight": v} for w, v in t.model_words),
        )
        for t in tagged
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
