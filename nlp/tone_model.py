"""The learned tone of coverage (negative / neutral / positive), as the board's readers judge it.

The readers' rule (docs/nlp.md): the tone follows the article's main subject, not single words; a
problem an authority is handling is still negative coverage. The lexicon of `nlp.tone` counts words,
so this model learns from labeled articles instead, reading only what the annotator already built
(the segmented `Document`, the rules' topic scores):
- the words (underthesea segmentation, lower case, syllables joined by "_") and word pairs of what the
  readers read: the title, the sapo and the body up to `WINDOW_CHARS`; the head words once more
  under a "h:" prefix (the headline says what the article is about);
- the lexicon's sums over the same text (`nlp.tone.tone_of`);
- the topic rules (`nlp.topics.score_document`): whether a pressing topic reaches its threshold, the
  strongest topic's share of its threshold, and each topic's (an article with a pressing topic is
  rarely positive);
- optionally (`duluan tone train --lsa`; the shipped model does not: docs/benchmarks.md) the syllable
  LSA vector of the same text, from the LSA the topic tagger fitted on the 40,000
  unlabeled articles of the pool and ships in `nlp/data/topics.npz` (`nlp.topic_features.Lsa`, reused, not
  a second one): it carries vocabulary the 600 labeled articles lack. The tone model file does not copy
  the LSA; it keeps the LSA vectors of a few probe sentences and, when loaded, uses the first LSA
  (the topic model of the model folder, else the shipped one) that gives the same vectors — a tone
  model trained against another LSA is refused in one line (rebuild it with `duluan tone train`).
A multinomial logistic regression (trained with scikit-learn, `pipeline/tone_train.py`) gives class
probabilities; the label is the class with the highest log-probability plus its `bias`, the biases
being chosen inside the training data (out-of-fold probabilities) so that positive calls stay precise.
The model is a JSON file read at run time without scikit-learn (plain dictionaries: fast and
independent of the installed scikit-learn version). `explain` lists what decided the label.
"""

from __future__ import annotations

import itertools
import json
import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from nlp.document import Document
from nlp.tone import Tone, tone_of
from nlp.topic_features import Lsa, syllable_terms
from nlp.topic_model import ModelError
from nlp.topic_model_file import load_file as load_topic_model
from nlp.topic_model_file import shipped_path as shipped_topics_path
from nlp.topics import TopicMatch, TopicRules, score_document

FORMAT = 2
READABLE = (1, 2)  # format 1: the same model without the LSA features
CLASSES = ("negative", "neutral", "positive")
SHIPPED = "data/tone_model.json"  # inside the nlp package
MODEL_FILE = "tone.json"  # a model trained by `duluan tone train`, under <data_dir>/models/
WINDOW_CHARS = 1800  # the readers labeled from the title and the first 1,800 characters
TOPIC_CAP = 2.0  # a topic's score / threshold counts up to this
REASONS = 8  # features listed by `explain`
LSA_WEIGHT = 1.0  # the LSA vector (unit length) beside the l2-normed TF-IDF; not standardised
LSA_PREFIX = "lsa:"
# Probe sentences: their LSA vectors, kept in the model file, tell whether an LSA is the one it was
# trained with (a refitted LSA has other singular vectors, possibly in another order or sign).
PROBES = (
    "tai nạn giao thông làm hai người tử vong, công an đang điều tra nguyên nhân",
    "học sinh đoạt huy chương vàng, được khen thưởng vì thành tích xuất sắc",
    "ủy ban nhân dân tỉnh thông báo kế hoạch tổ chức hội nghị trong tuần tới",
)
PROBE_MATCH = 0.999  # least cosine between a probe's stored and computed vectors
_TOKEN = re.compile(r"[^\W\d_]", re.UNICODE)
_HEAD = ("title", "sapo", "lead")


class ToneModelError(Exception):
    """A tone model file that cannot be used (missing, unreadable, another format)."""


@dataclass(frozen=True)
class ToneFeatures:
    terms: Counter[str]  # text features: counts
    dense: dict[str, float]  # named numeric features
    lexicon: Tone | None = None  # the lexicon's reading of the same text (its phrases explain)


def _words(words: Sequence[str]) -> list[str]:
    return [w.lower().replace(" ", "_") for w in words if _TOKEN.search(w)]


def window(doc: Document) -> list[tuple[str, str, tuple[str, ...]]]:
    """(zone, text, words) of what the readers read: head paragraphs and body up to WINDOW_CHARS."""
    out: list[tuple[str, str, tuple[str, ...]]] = []
    seen = 0
    for p in doc.paragraphs:
        if p.zone in ("title", "sapo"):
            out.append((p.zone, p.text, p.words))
            continue
        if seen >= WINDOW_CHARS:
            break
        out.append((p.zone, p.text, p.words))
        seen += len(p.text)
    return out


def features(
    doc: Document,
    rules: TopicRules,
    scored: Sequence[TopicMatch] | None = None,
    lsa: Lsa | None = None,
) -> ToneFeatures:
    """The model's features of a prepared article (`scored`: the rules' topic scores, when known;
    `lsa`: the syllable LSA whose vector of the read text is added)."""
    terms: Counter[str] = Counter()
    read = window(doc)
    for zone, _, words in read:
        tokens = _words(words)
        terms.update(tokens)
        terms.update(f"{a} {b}" for a, b in itertools.pairwise(tokens))
        if zone in _HEAD:
            terms.update(f"h:{t}" for t in tokens)
    lexicon = tone_of((zone, text) for zone, text, _ in read)
    dense = {
        "lexicon:negative": math.log1p(lexicon.negative),
        "lexicon:positive": math.log1p(lexicon.positive),
        "lexicon:score": lexicon.score,
    }
    matches = score_document(doc, rules) if scored is None else scored
    thresholds = dict(zip(rules.ids, rules.thresholds, strict=True))
    shares = {m.topic_id: min(TOPIC_CAP, m.score / thresholds[m.topic_id]) for m in matches}
    strongest = max(shares.values(), default=0.0)
    dense["topic:pressing"] = float(strongest >= 1.0)
    dense["topic:strongest"] = strongest
    for topic_id, share in shares.items():
        dense[f"topic:{topic_id}"] = share
    if lsa is not None:
        heads = [text for zone, text, _ in read if zone == "title"]
        vector = lsa.vectors([syllable_terms(*heads, *(text for _, text, _ in read))])[0]
        dense.update((f"{LSA_PREFIX}{k}", float(v)) for k, v in enumerate(vector))
    return ToneFeatures(terms=terms, dense=dense, lexicon=lexicon)


def probe_vectors(lsa: Lsa) -> list[list[float]]:
    """The LSA vectors of `PROBES`: what a tone model keeps to recognise its LSA."""
    return [[round(float(v), 5) for v in row] for row in lsa.vectors([syllable_terms(p) for p in PROBES])]


def lsa_matches(lsa: Lsa | None, probes: Sequence[Sequence[float]]) -> bool:
    if lsa is None or not probes:
        return False
    computed = probe_vectors(lsa)
    if len(computed) != len(probes) or any(len(a) != len(b) for a, b in zip(computed, probes, strict=True)):
        return False
    for a, b in zip(computed, probes, strict=True):
        dot = sum(x * y for x, y in zip(a, b, strict=True))
        norm = math.sqrt(sum(x * x for x in a) * sum(y * y for y in b)) or 1.0
        if dot / norm < PROBE_MATCH:
            return False
    return True


def shipped_lsa() -> Lsa:
    """The LSA of the shipped topic model (what `duluan tone train` reuses); ToneModelError if none."""
    path = shipped_topics_path()
    try:
        lsa = load_topic_model(path).lsa
    except ModelError as exc:
        raise ToneModelError(f"{exc}; the tone model needs its LSA") from None
    if lsa is None:
        raise ToneModelError(f"{path}: the topic model has no LSA; the tone model needs one")
    return lsa


@dataclass(frozen=True)
class ToneDecision:
    label: str
    score: float  # P(positive) - P(negative), -1..1
    probabilities: dict[str, float]
    reasons: tuple[dict[str, object], ...] = field(default=())  # what decided the label
    lexicon: Tone = field(default_factory=lambda: Tone("neutral", 0.0, 0.0, 0.0))


@dataclass(frozen=True)
class ToneModel:
    classes: tuple[str, ...]
    terms: dict[str, tuple[float, ...]]  # term -> (idf, weight per class)
    dense: dict[str, tuple[float, ...]]  # feature -> (mean, scale, weight per class)
    intercept: tuple[float, ...]
    bias: tuple[float, ...]  # added to the log-probabilities before the arg max
    info: dict[str, Any] = field(default_factory=dict)  # how it was trained (shown by `duluan tone info`)
    lsa_probes: tuple[tuple[float, ...], ...] = ()  # the LSA vectors of PROBES when trained with an LSA
    lsa: Lsa | None = field(default=None, compare=False, repr=False)  # attached when loaded

    @property
    def uses_lsa(self) -> bool:
        return bool(self.lsa_probes)

    def _inputs(self, feats: ToneFeatures) -> list[tuple[str, float, tuple[float, ...]]]:
        """(feature, value, weights) of the features the model knows: TF-IDF (L2) and standardised."""
        text = []
        for term, count in feats.terms.items():
            known = self.terms.get(term)
            if known is not None:
                text.append((term, (1.0 + math.log(count)) * known[0], known[1:]))
        norm = math.sqrt(sum(v * v for _, v, _ in text)) or 1.0
        out = [(t, v / norm, w) for t, v, w in text]
        for name, (mean, scale, *weights) in self.dense.items():
            value = (feats.dense.get(name, 0.0) - mean) / scale
            out.append((name, value, tuple(weights)))
        return out

    def decide(self, feats: ToneFeatures, *, reasons: int = REASONS) -> ToneDecision:
        inputs = self._inputs(feats)
        logits = list(self.intercept)
        for _, value, weights in inputs:
            for k, w in enumerate(weights):
                logits[k] += value * w
        top = max(logits)
        exp = [math.exp(v - top) for v in logits]
        total = sum(exp)
        probabilities = {c: e / total for c, e in zip(self.classes, exp, strict=True)}
        adjusted = [
            math.log(max(p, 1e-12)) + b for p, b in zip(probabilities.values(), self.bias, strict=True)
        ]
        best = max(range(len(self.classes)), key=lambda k: (adjusted[k], -k))
        label = self.classes[best]
        score = probabilities.get("positive", 0.0) - probabilities.get("negative", 0.0)
        return ToneDecision(
            label=label,
            score=round(score, 3),
            probabilities={c: round(p, 3) for c, p in probabilities.items()},
            reasons=_reasons(inputs, best, feats, reasons) if reasons else (),
            lexicon=feats.lexicon or Tone("neutral", 0.0, 0.0, 0.0),
        )


def _reason(name: str, feats: ToneFeatures) -> tuple[str, str] | None:
    """(kind, text) of a feature as the explanation names it; None for an absent topic or lexicon sum
    (that something is missing is shown once, as "no pressing topic")."""
    if name in ("topic:pressing", "topic:strongest"):
        return ("topic", "pressing" if feats.dense.get("topic:pressing", 0.0) >= 1.0 else "none")
    raw = feats.dense.get(name, 0.0)
    if name.startswith("topic:"):
        return ("topic", name.removeprefix("topic:")) if raw > 0 else None
    if name.startswith("lexicon:"):
        return ("lexicon", name.removeprefix("lexicon:")) if raw else None
    if name.startswith(LSA_PREFIX):  # the dimensions of the LSA together: one reason
        return ("context", "nội dung chung của bài (LSA)")
    return ("words", name.removeprefix("h:").replace("_", " "))


def _reasons(
    inputs: list[tuple[str, float, tuple[float, ...]]], best: int, feats: ToneFeatures, limit: int
) -> tuple[dict[str, object], ...]:
    """The features that pushed most towards the chosen class (against the mean of the classes); a
    word in the headline and in the body is one reason."""
    pushes: dict[tuple[str, str], float] = {}
    for name, value, weights in inputs:
        reason = _reason(name, feats) if value else None
        if reason is not None:
            pushes[reason] = pushes.get(reason, 0.0) + value * (weights[best] - sum(weights) / len(weights))
    ranked = sorted((kv for kv in pushes.items() if kv[1] > 0), key=lambda kv: (-kv[1], kv[0]))[:limit]
    return tuple({"kind": kind, "text": text, "weight": round(push, 3)} for (kind, text), push in ranked)


def to_json(model: ToneModel) -> str:
    """The model file: one JSON object, terms sorted (the same model gives the same bytes)."""
    payload = {
        "format": FORMAT,
        "classes": list(model.classes),
        "intercept": [round(v, 6) for v in model.intercept],
        "bias": [round(v, 6) for v in model.bias],
        "info": model.info,
        "lsa_probes": [list(p) for p in model.lsa_probes],
        "dense": {k: [round(v, 6) for v in model.dense[k]] for k in sorted(model.dense)},
        "terms": {k: [round(v, 4) for v in model.terms[k]] for k in sorted(model.terms)},
    }
    return json.dumps(payload, ensure_ascii=False, sort_keys=False, separators=(",", ":")) + "\n"


def from_json(text: str, where: str) -> ToneModel:
    """A model read back from `to_json`; `ToneModelError` naming `where` if it is not one."""
    try:
        payload = json.loads(text)
        if not isinstance(payload, dict) or payload.get("format") not in READABLE:
            raise ValueError(f"not a duluan tone model of format {FORMAT}")
        classes = tuple(str(c) for c in payload["classes"])
        if sorted(classes) != sorted(CLASSES):
            raise ValueError(f"classes {classes}")
        width = len(classes)
        terms = {str(k): tuple(float(x) for x in v) for k, v in payload["terms"].items()}
        dense = {str(k): tuple(float(x) for x in v) for k, v in payload["dense"].items()}
        intercept = tuple(float(v) for v in payload["intercept"])
        bias = tuple(float(v) for v in payload["bias"])
        if (
            len(intercept) != width
            or len(bias) != width
            or any(len(v) != width + 1 for v in terms.values())
            or any(len(v) != width + 2 or v[1] <= 0 for v in dense.values())
        ):
            raise ValueError("weights of the wrong shape")
        info = payload.get("info", {})
        probes = tuple(tuple(float(x) for x in p) for p in payload.get("lsa_probes", ()))
        if probes and len(probes) != len(PROBES):
            raise ValueError("LSA probes of the wrong shape")
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise ToneModelError(
            f"{where}: cannot use the tone model ({exc}); rebuild it with `duluan tone train`"
        ) from None
    return ToneModel(
        classes, terms, dense, intercept, bias, info if isinstance(info, dict) else {}, lsa_probes=probes
    )


def with_lsa(model: ToneModel, candidates: Sequence[Path], where: str) -> ToneModel:
    """The model with its LSA attached: the first topic model file of `candidates` whose LSA gives the
    probe vectors the model was trained with; ToneModelError naming `where` when none does."""
    if not model.uses_lsa:
        return model
    for path in candidates:
        if not path.is_file():
            continue
        try:
            lsa = load_topic_model(path).lsa
        except ModelError:
            continue  # said by the topic tagger, which reads the same file
        if lsa_matches(lsa, model.lsa_probes):
            return replace(model, lsa=lsa)
    raise ToneModelError(
        f"{where}: the tone model was trained with another LSA than the topic model's "
        f"({', '.join(str(p) for p in candidates)}); rebuild it with `duluan tone train`"
    )


@cache
def _read(path: str, mtime: float, model_dir: str | None) -> ToneModel:
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ToneModelError(
            f"{path}: cannot read the tone model ({exc}); rebuild it with `duluan tone train`"
        ) from None
    candidates = [Path(model_dir) / "topics.npz"] if model_dir else []
    return with_lsa(from_json(text, path), [*candidates, shipped_topics_path()], path)


def shipped_path() -> Path:
    return Path(str(resources.files("nlp").joinpath(SHIPPED)))


def load(model_dir: Path | None = None) -> ToneModel:
    """The tone model: <model_dir>/tone.json when there is one, else the one shipped with the package
    (read once per process and file), with its LSA attached (`with_lsa`). `ToneModelError` when it is
    missing or cannot be used."""
    path = model_dir / MODEL_FILE if model_dir is not None else None
    if path is None or not path.is_file():
        path = shipped_path()
    if not path.is_file():
        raise ToneModelError(f"{path}: no tone model; rebuild it with `duluan tone train`")
    return _read(str(path.resolve()), path.stat().st_mtime, str(model_dir) if model_dir else None)


def decide(
    doc: Document,
    rules: TopicRules,
    model: ToneModel,
    scored: Sequence[TopicMatch] | None = None,
    *,
    reasons: int = REASONS,
) -> ToneDecision:
    """The tone of a prepared article by the model."""
    if model.uses_lsa and model.lsa is None:
        raise ToneModelError("the tone model has no LSA attached (load it with `load` or `with_lsa`)")
    return model.decide(features(doc, rules, scored, model.lsa), reasons=reasons)


def lexicon_reasons(
    phrases: Sequence[tuple[str, float]], label: str, limit: int = 5
) -> list[dict[str, object]]:
    """The lexicon's phrases found in the text that agree with `label` (negative ones for a negative
    tone...), strongest first; for a neutral tone the strongest of either sign."""
    sign = {"negative": -1.0, "positive": 1.0}.get(label)
    agreeing = [(p, v) for p, v in phrases if sign is None or v * sign > 0]
    return [{"kind": "phrase", "text": p, "weight": round(v, 2)} for p, v in agreeing[:limit]]
