"""Exact duplicates by content hash; near-duplicates by MinHash LSH over word shingles."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

import numpy as np
from datasketch import MinHash, MinHashLSH

from nlp.text import fold, words

NUM_PERM = 128
SHINGLE = 3
NEAR_DUP_THRESHOLD = 0.5
SCHEME = "affine32"  # stored signatures must be read back with the scheme that made them


def content_hash(text: str) -> str:
    """Hash of the folded words of the body: equal for copies that differ only in spacing,
    case, punctuation or tone-mark placement."""
    key = fold(" ".join(words(text)))  # the same as folding word by word, in one call
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def shingles(text: str, size: int = SHINGLE) -> set[str]:
    tokens = [fold(w) for w in words(text)]
    if len(tokens) < size:
        return {" ".join(tokens)} if tokens else set()
    return {" ".join(tokens[i : i + size]) for i in range(len(tokens) - size + 1)}


def minhash(text: str) -> MinHash:
    m = MinHash(num_perm=NUM_PERM, scheme=SCHEME)
    m.update_batch([s.encode("utf-8") for s in shingles(text)])
    return m


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
