"""Exact duplicates by content hash; near-duplicates by MinHash LSH over word shingles."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable

import numpy as np
from datasketch import MinHash, MinHashLSH

from nlp.text import fold

NUM_PERM = 128
SHINGLE = 3
NEAR_DUP_THRESHOLD = 0.5
SCHEME = "affine32"  # stored signatures must be read back with the scheme that made them


_WORD = re.compile(r"[^\W_]+")


def folded_words(text: str) -> list[str]:
    """The words of a text as search keys: lower case, without diacritics ("đ" -> "d")."""
    return _WORD.findall(fold(text))


def _hash(tokens: list[str]) -> str:
    return hashlib.sha256(" ".join(tokens).encode("utf-8")).hexdigest()


def _shingles(tokens: list[str], size: int = SHINGLE) -> set[str]:
    if len(tokens) < size:
        return {" ".join(tokens)} if tokens else set()
    return {" ".join(tokens[i : i + size]) for i in range(len(tokens) - size + 1)}


def _minhash(tokens: list[str]) -> MinHash:
    m = MinHash(num_perm=NUM_PERM, scheme=SCHEME)
    m.update_batch([s.encode("utf-8") for s in _shingles(tokens)])
    return m


def content_hash(text: str) -> str:
    """Hash of the folded words of the body: equal for copies that differ only in spacing,
    case, punctuation or tone-mark placement."""
    return _hash(folded_words(text))


def content_hash_of_words(words: str) -> str:
    """`content_hash` of a text given its folded words joined by single spaces (the search key the store
    computes anyway): the text is not folded a second time."""
    return hashlib.sha256(words.encode("utf-8")).hexdigest()


def shingles(text: str, size: int = SHINGLE) -> set[str]:
    return _shingles(folded_words(text), size)


def minhash(text: str) -> MinHash:
    return _minhash(folded_words(text))


def fingerprint(text: str) -> tuple[str, bytes]:
    """(content hash, MinHash signature bytes) of a text, its words folded once."""
    tokens = folded_words(text)
    return _hash(tokens), signature_bytes(_minhash(tokens))


def signature_bytes(m: MinHash) -> bytes:
    return np.asarray(m.hashvalues, dtype=np.uint64).tobytes()


def from_bytes(data: bytes) -> MinHash:
    return MinHash(num_perm=NUM_PERM, hashvalues=np.frombuffer(data, dtype=np.uint64).copy(), scheme=SCHEME)


class NearDuplicateIndex:
    """In-memory LSH over article signatures; `first_match` gives the earliest near-copy."""

    def __init__(self, threshold: float = NEAR_DUP_THRESHOLD) -> None:
        self.threshold = threshold
        self._lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
        self._signatures: dict[int, MinHash] = {}

    def add(self, article_id: int, signature: MinHash) -> None:
        if article_id in self._signatures:
            return
        self._signatures[article_id] = signature
        self._lsh.insert(str(article_id), signature)

    def matches(self, signature: MinHash) -> list[tuple[int, float]]:
        """(article id, estimated Jaccard) of indexed near-copies at or above the threshold."""
        found = []
        for key in self._lsh.query(signature):
            other = self._signatures[int(key)]
            similarity = signature.jaccard(other)
            if similarity >= self.threshold:
                found.append((int(key), similarity))
        return sorted(found)

    def first_match(self, signature: MinHash, exclude: Iterable[int] = ()) -> int | None:
        skip = set(exclude)
        ids = [i for i, _ in self.matches(signature) if i not in skip]
        return min(ids) if ids else None
