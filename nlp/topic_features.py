"""What the topic model reads of an article: its word terms (`features`), and the syllable LSA fitted on
unlabeled articles (`fit_lsa`, `Lsa`) that carries vocabulary the labeled articles lack; both over a
TF-IDF `Vocabulary` computed as scikit-learn's TfidfVectorizer does. The tone model reuses the LSA."""

from __future__ import annotations

import itertools
import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np

from nlp.document import Document

SEED = 20261203  # of the LSA and the classifiers
LSA_DIMS = 120
LSA_FEATURES = 20000  # syllable unigrams and bigrams kept for the LSA (most frequent, df >= 5)
_TOKEN = re.compile(r"\w")
_SYLLABLE = re.compile(r"[^\W\d_]+")
_TITLE_REPEAT = 2


def features(doc: Document) -> list[str]:
    """The words of the article (lower case, syllables joined by "_") and their bigrams (joined by " "),
    the title, sapo and lead twice."""
    out: list[str] = []
    for paragraph in doc.paragraphs:
        words = [w.lower().replace(" ", "_") for w in paragraph.words if _TOKEN.search(w)]
        words = [w for w in words if not w.replace("_", "").replace(".", "").replace(",", "").isdigit()]
        terms = words + [f"{a} {b}" for a, b in itertools.pairwise(words)]
        out.extend(terms * (_TITLE_REPEAT if paragraph.zone in ("title", "sapo", "lead") else 1))
    return out


def syllable_terms(*parts: str | None) -> list[str]:
    """Syllable unigrams and bigrams of a text (no segmentation): what the LSA is fitted on."""
    out: list[str] = []
    for part in parts:
        if not part:
            continue
        for line in part.lower().split("\n"):
            syl = _SYLLABLE.findall(line)
            out.extend(syl)
            out.extend(f"{a} {b}" for a, b in itertools.pairwise(syl))
    return out


def doc_syllables(doc: Document) -> list[str]:
    return syllable_terms(doc.title, doc.title, doc.sapo, doc.body)


@dataclass(frozen=True)
class Vocabulary:
    """Terms and their smoothed idf, as scikit-learn's TfidfVectorizer computes it."""

    terms: tuple[str, ...]
    idf: np.ndarray  # float32
    index: dict[str, int] = field(compare=False, repr=False)

    @classmethod
    def of(cls, terms: Sequence[str], idf: np.ndarray) -> Vocabulary:
        return cls(tuple(terms), idf.astype(np.float32), {t: i for i, t in enumerate(terms)})

    @classmethod
    def fit(
        cls, docs: Iterable[Sequence[str]], *, min_df: int, max_df: float, max_features: int | None = None
    ) -> Vocabulary:
        df: Counter[str] = Counter()
        n = 0
        for terms in docs:
            df.update(set(terms))
            n += 1
        kept = [(t, c) for t, c in df.items() if c >= min_df and c <= max_df * n]
        kept.sort(key=lambda tc: (-tc[1], tc[0]))
        if max_features is not None:
            kept = kept[:max_features]
        kept.sort()
        counts = np.asarray([c for _, c in kept], dtype=np.float64)
        idf = np.log((1 + n) / (1 + counts)) + 1.0
        return cls.of([t for t, _ in kept], idf)

    def vector(self, terms: Iterable[str]) -> tuple[np.ndarray, np.ndarray]:
        """(indices, values) of the l2-normed sublinear TF-IDF of `terms`."""
        # count the terms first (in C), then look up each distinct term once
        index = self.index
        counts = {index[t]: n for t, n in Counter(terms).items() if t in index}
        if not counts:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
        idx = np.fromiter(sorted(counts), dtype=np.int64, count=len(counts))
        tf = np.asarray([1.0 + math.log(counts[i]) for i in idx], dtype=np.float32)
        values = tf * self.idf[idx]
        return idx, values / np.float32(np.linalg.norm(values))

    def matrix(self, docs: Sequence[Sequence[str]]):
        from scipy.sparse import csr_matrix

        indptr, indices, data = [0], [], []
        for terms in docs:
            idx, values = self.vector(terms)
            indices.append(idx)
            data.append(values)
            indptr.append(indptr[-1] + len(idx))
        return csr_matrix(
            (
                np.concatenate(data) if data else np.zeros(0, np.float32),
                np.concatenate(indices) if indices else np.zeros(0, np.int64),
                np.asarray(indptr),
            ),
            shape=(len(docs), len(self.terms)),
            dtype=np.float32,
        )


@dataclass(frozen=True)
class Lsa:
    """Syllable TF-IDF projected on singular vectors fitted on unlabeled articles."""

    vocabulary: Vocabulary
    components: np.ndarray  # (dims, terms) float16 in the file, float32 in memory

    def __post_init__(self) -> None:
        # column-major: `components.T` C-contiguous, not copied by scipy at every product (`TopicModel`)
        object.__setattr__(self, "components", np.asfortranarray(self.components))

    def vectors(self, docs: Sequence[Sequence[str]]) -> np.ndarray:
        x = self.vocabulary.matrix(docs)
        out = np.asarray(x @ self.components.T, dtype=np.float32)
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        return out / np.maximum(norms, 1e-6)


def fit_lsa(texts: Iterable[Sequence[str]], *, dims: int = LSA_DIMS, seed: int = SEED) -> Lsa:
    """The LSA of unlabeled articles' syllable terms (`syllable_terms`)."""
    from sklearn.decomposition import TruncatedSVD

    docs = list(texts)
    vocabulary = Vocabulary.fit(docs, min_df=5, max_df=0.5, max_features=LSA_FEATURES)
    svd = TruncatedSVD(n_components=dims, algorithm="randomized", n_iter=5, random_state=seed)
    svd.fit(vocabulary.matrix(docs))
    return Lsa(vocabulary, svd.components_.astype(np.float16).astype(np.float32))
