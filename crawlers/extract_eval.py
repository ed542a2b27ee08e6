"""Extraction accuracy against hand-checked ground truth (the corpus's `html/<site>/gt/` files).

Used by bench/extract.py and the corpus tests; the corpus itself stays outside the repository.
Score: token F1 of sapo + body (bag of lower-cased words), exact title, publication day.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from crawlers.dates import VN
from crawlers.extract import Extracted

_WORDS = re.compile(r"\w+")


@dataclass(frozen=True)
class GtPage:
    name: str  # path under the site folder, without .html
    html_path: Path
    url: str
    title: str
    sapo: str
    body: str
    published: date | None

    @property
    def reference(self) -> str:
        return f"{self.sapo}\n{self.body}"


def gt_pages(site_dir: Path) -> Iterator[GtPage]:
    """The pages of a corpus site folder (e.g. corpus/html/dantri) that have a gt/ file."""
    for gt in sorted((site_dir / "gt").rglob("*.json")):
        data = json.loads(gt.read_text(encoding="utf-8"))
        name = str(gt.relative_to(site_dir / "gt").with_suffix(""))
        published = date.fromisoformat(data["published"]) if data.get("published") else None
        yield GtPage(
            name=name,
            html_path=site_dir / f"{name}.html",
            url=data["url"],
            title=data["title"],
            sapo=data.get("sapo") or "",
            body=data["body"],
            published=published,
        )


def token_f1(found: str, reference: str) -> float:
    """F1 of the bags of lower-cased words of two texts."""
    a, b = Counter(_WORDS.findall(found.lower())), Counter(_WORDS.findall(reference.lower()))
    common = sum((a & b).values())
    if not common:
        return 0.0
    precision, recall = common / sum(a.values()), common / sum(b.values())
    return 2 * precision * recall / (precision + recall)


@dataclass(frozen=True)
class PageScore:
    name: str
    f1: float
    title_ok: bool
    date_ok: bool


def score(page: GtPage, found: Extracted | None) -> PageScore:
    if found is None:
        return PageScore(page.name, 0.0, False, False)
    day = found.published_at.astimezone(VN).date() if found.published_at else None
    return PageScore(
        name=page.name,
        f1=token_f1(f"{found.sapo or ''}\n{found.text}", page.reference),
        title_ok=found.title == page.title,
        date_ok=page.published is None or day == page.published,
    )


def score_text(page: GtPage, text: str | None) -> PageScore:
    """For extractors that return plain text only (trafilatura's extract())."""
    return PageScore(page.name, token_f1(text or "", page.reference), False, False)


def evaluate(pages: list[GtPage], extractor: Callable[[GtPage], Extracted | None]) -> list[PageScore]:
    return [score(page, extractor(page)) for page in pages]
