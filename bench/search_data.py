"""Synthetic-but-real articles for bench/search.py: variations of the corpus's bench.jsonl.

Article n is corpus document n % 3000 with its paragraphs reordered (and one dropped now and then),
a publication time spread over two years, one of the corpus's four papers as source, and annotations
derived from the corpus category (topic, tone, local flag, place) so that filtered queries have
something to filter. Nothing here is copied into the repository: the texts are read at run time.
"""

from __future__ import annotations

import json
import random
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from storage.records import RawArticle

START = datetime(2024, 1, 1, tzinfo=UTC)
SPAN_MINUTES = 730 * 24 * 60
SOURCES = {
    "vnexpress.net": "vnexpress",
    "tuoitre.vn": "tuoitre",
    "thanhnien.vn": "thanhnien",
    "nld.com.vn": "nld",
}
TOPIC_OF_CATEGORY = {
    "Phap luat": "an_ninh_trat_tu",
    "Suc khoe": "y_te_thuc_pham",
    "Kinh doanh": "gia_ca_thi_truong",
    "Chinh tri Xa hoi": "bo_may_hanh_chinh",
    "Doi song": "an_sinh_xa_hoi",
}
TONES = ("negative", "neutral", "positive")


def corpus_file() -> Path:
    from common import corpus_dir

    return corpus_dir() / "bench.jsonl"


@dataclass(frozen=True)
class BaseDoc:
    source: str
    category: str
    title: str | None
    paragraphs: tuple[str, ...]


@dataclass(frozen=True)
class BenchArticle:
    raw: RawArticle
    topic: str | None
    tone: str
    local: bool


def load_docs(path: Path) -> list[BaseDoc]:
    docs = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            d = json.loads(line)
            paragraphs = tuple(p for p in d["text"].split("\n") if p.strip())
            docs.append(BaseDoc(d["source"], d["category"], d["title"], paragraphs))
    return docs


def rare_word(docs: list[BaseDoc]) -> str:
    """A word of 7+ letters found in exactly one corpus document (about N/3000 articles here)."""
    from storage.search_query import index_text

    df: Counter[str] = Counter()
    for doc in docs:
        df.update(set(index_text(doc.title, *doc.paragraphs).split()))
    return min(w for w, n in df.items() if n == 1 and len(w) >= 7 and w.isalpha())


def article(docs: list[BaseDoc], n: int) -> BenchArticle:
    doc = docs[n % len(docs)]
    rng = random.Random(n)
    paragraphs = list(doc.paragraphs)
    if n >= len(docs):  # the first pass is the corpus as is
        head, rest = paragraphs[:1], paragraphs[1:]
        rng.shuffle(rest)
        if len(rest) > 3 and rng.random() < 0.3:
            rest.pop(rng.randrange(len(rest)))
        paragraphs = head + rest
    published = START + timedelta(minutes=(n * 7919) % SPAN_MINUTES)
    source = SOURCES.get(doc.source, "vnexpress")
    url = f"https://{doc.source}/bench/{n}.html"
    raw = RawArticle(
        url=url,
        canonical_url=url,
        source_id=source,
        title=doc.title,
        sapo=None,
        text="\n".join(paragraphs),
        author=None,
        published_at=published,
        fetched_at=published + timedelta(hours=1),
    )
    return BenchArticle(
        raw=raw,
        topic=TOPIC_OF_CATEGORY.get(doc.category),
        tone=TONES[rng.randrange(3)],
        local=n % 10 == 0,
    )


def batches(docs: list[BaseDoc], total: int, size: int) -> Iterator[list[BenchArticle]]:
    for start in range(0, total, size):
        yield [article(docs, n) for n in range(start, min(total, start + size))]
