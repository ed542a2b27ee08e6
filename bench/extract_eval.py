"""Extraction accuracy against expected output: the corpus's Dân trí pages (`html/dantri/gt/`) and the
fundus test pages (`fundus/<country>/`). A benchmark helper: used by bench/extract.py and the corpus
tests; the corpus itself stays outside the repository.

Score per page: token F1 of lead + body (bags of lower-cased words), exact title (blanks collapsed,
NFC), publication time — to the minute where the expected output has a time (fundus), to the day where
it has only a day (Dân trí gt).
"""

from __future__ import annotations

import gzip
import hashlib
import json
import re
import unicodedata
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from crawlers.dates import VN

_WORDS = re.compile(r"\w+")


@dataclass(frozen=True)
class GtPage:
    name: str  # dantri: path under the site folder without .html; fundus: <country>/<file>
    publisher: str
    html_path: Path
    url: str
    title: str
    sapo: str
    body: str
    published: date | datetime | None  # a datetime (aware) when the expected output has a time

    @property
    def reference(self) -> str:
        return f"{self.sapo}\n{self.body}"

    def html(self) -> str:
        """The saved page's text (gzip undone; UTF-8, else the charset the page declares)."""
        raw = self.html_path.read_bytes()
        if self.html_path.suffix == ".gz":
            raw = gzip.decompress(raw)
        from crawlers.pages import decode_html

        return decode_html(raw)


def gt_pages(site_dir: Path) -> Iterator[GtPage]:
    """The pages of a corpus site folder (e.g. corpus/html/dantri) that have a gt/ file."""
    for gt in sorted((site_dir / "gt").rglob("*.json")):
        data = json.loads(gt.read_text(encoding="utf-8"))
        name = str(gt.relative_to(site_dir / "gt").with_suffix(""))
        published = date.fromisoformat(data["published"]) if data.get("published") else None
        yield GtPage(
            name=name,
            publisher=site_dir.name,
            html_path=site_dir / f"{name}.html",
            url=data["url"],
            title=data["title"],
            sapo=data.get("sapo") or "",
            body=data["body"],
            published=published,
        )


def _fundus_body(body: dict[str, object]) -> tuple[str, str]:
    summary = "\n".join(str(x) for x in body.get("summary") or [])  # type: ignore[union-attr]
    lines: list[str] = []
    for section in body.get("sections") or []:  # type: ignore[union-attr]
        lines += [str(x) for x in section.get("headline") or []]
        lines += [str(x) for x in section.get("paragraphs") or []]
    return summary, "\n".join(lines)


def fundus_pages(fundus_dir: Path) -> Iterator[GtPage]:
    """The fundus pages: each publisher's expected versions paired with its pages oldest first."""
    for country in sorted(p for p in fundus_dir.iterdir() if p.is_dir()):
        meta_file = country / "meta.info"
        meta = json.loads(meta_file.read_text(encoding="utf-8")) if meta_file.is_file() else {}
        for expected_file in sorted(country.glob("*.json")):
            publisher = expected_file.stem
            versions = list(json.loads(expected_file.read_text(encoding="utf-8")).values())
            pages = sorted(
                country.glob(f"{publisher}_*.html.gz"),
                key=lambda p: p.name[len(publisher) + 1 :],
            )
            pages = [
                p for p in pages if re.fullmatch(r"\d{4}_\d{2}_\d{2}\.html\.gz", p.name[len(publisher) + 1 :])
            ]
            for html_path, expected in zip(pages, versions, strict=False):
                sapo, body = _fundus_body(expected.get("body") or {})
                when = expected.get("publishing_date")
                yield GtPage(
                    name=f"{country.name}/{html_path.name.removesuffix('.html.gz')}",
                    publisher=f"{country.name}/{publisher}",
                    html_path=html_path,
                    url=str(meta.get(html_path.name, {}).get("url") or ""),
                    title=str(expected.get("title") or ""),
                    sapo=sapo,
                    body=body,
                    published=datetime.fromisoformat(when) if when else None,
                )


def held_out(publisher: str) -> bool:
    """A fixed half of the publishers (by a hash of the name) that the rules are never tuned on."""
    return hashlib.sha1(publisher.encode()).digest()[0] % 2 == 1


def token_f1(found: str, reference: str) -> float:
    """F1 of the bags of lower-cased words of two texts."""
    a, b = Counter(_WORDS.findall(found.lower())), Counter(_WORDS.findall(reference.lower()))
    common = sum((a & b).values())
    if not common:
        return 0.0
    precision, recall = common / sum(a.values()), common / sum(b.values())
    return 2 * precision * recall / (precision + recall)


def _same_title(found: str | None, expected: str) -> bool:
    def key(text: str) -> str:
        return " ".join(unicodedata.normalize("NFC", text).split())

    return found is not None and key(found) == key(expected)


def _on_expected_clock(found: datetime, expected: datetime) -> datetime:
    """`found` as the expected time's clock reads it: in the expected offset; where the expected time
    has none (fundus gives the publisher's local clock when the page gives no offset), the found time's
    own clock reading — as a bare day (trafilatura's) is compared (until issue 19's third pass a time
    without offset was taken as UTC, which put every day-only reading of a page east of Greenwich on
    the day before)."""
    if expected.tzinfo is None:
        return found.replace(tzinfo=None)
    return found.astimezone(expected.tzinfo)


def _same_day(found: date | datetime | None, expected: date | datetime | None) -> bool | None:
    """The same calendar day (in the expected time's own offset, Vietnam time for a bare day)."""
    if expected is None:
        return None
    if found is None:
        return False
    if isinstance(expected, datetime):
        if not isinstance(found, datetime):
            return found == expected.date()
        return _on_expected_clock(found, expected).date() == expected.date()
    return (found.astimezone(VN).date() if isinstance(found, datetime) else found) == expected


def _same_time(found: datetime | None, expected: date | datetime | None) -> bool | None:
    """None when there is nothing to check; to the minute for a time, to the (Vietnam) day for a day."""
    if expected is None:
        return None
    if found is None:
        return False
    if found.tzinfo is None:
        return False  # every stored time must be aware
    if isinstance(expected, datetime):
        return _on_expected_clock(found, expected).replace(second=0, microsecond=0) == expected.replace(
            second=0, microsecond=0
        )
    return found.astimezone(VN).date() == expected


@dataclass(frozen=True)
class PageScore:
    name: str
    f1: float
    title_ok: bool
    date_ok: bool | None  # to the minute (to the day where only a day is expected); None: no date expected
    day_ok: bool | None = None  # the right day


def score_parts(
    page: GtPage, *, text: str | None, title: str | None, published: date | datetime | None
) -> PageScore:
    """Score the parts an extractor gave (`published` may be a bare day: then only day_ok can hold)."""
    if isinstance(published, datetime) or published is None:
        date_ok = _same_time(published, page.published)
    else:  # a bare day is right to the minute only where just a day is expected
        date_ok = (
            None
            if page.published is None
            else (not isinstance(page.published, datetime) and published == page.published)
        )
    return PageScore(
        name=page.name,
        f1=token_f1(text or "", page.reference),
        title_ok=_same_title(title, page.title),
        date_ok=date_ok,
        day_ok=_same_day(published, page.published),
    )


def score(page: GtPage, found: object | None) -> PageScore:
    """Score a `crawlers.extract.Extracted` (None: nothing found)."""
    if found is None:
        return score_parts(page, text=None, title=None, published=None)
    return score_parts(
        page,
        text=f"{getattr(found, 'sapo', None) or ''}\n{getattr(found, 'text', '')}",
        title=getattr(found, "title", None),
        published=getattr(found, "published_at", None),
    )


def score_text(page: GtPage, text: str | None) -> PageScore:
    """For extractors that return plain text only (trafilatura's extract())."""
    return score_parts(page, text=text, title=None, published=None)
