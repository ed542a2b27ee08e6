"""An article prepared once for every analysis: normalised, boilerplate removed, cut into zones and
paragraphs, each paragraph segmented once by underthesea.

Zones: the title, the sapo, the lead (the first body paragraphs when the title or the sapo is missing:
they play the sapo's part), the body, and the late body (after `LATE_CHARS` characters).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from nlp.boilerplate import clean_lines, strip_credits, strip_dateline
from nlp.segment import segment
from nlp.text import normalize

Zone = Literal["title", "sapo", "lead", "body", "late"]
LEAD_CHARS = 250  # the lead: the first body paragraph, and the second one if the first is shorter
LATE_CHARS = 3000


@dataclass(frozen=True, slots=True)
class Paragraph:
    zone: Zone
    text: str
    words: tuple[str, ...]  # underthesea words; a multi-syllable word keeps its spaces


@dataclass(frozen=True)
class Document:
    title: str
    sapo: str
    body: str  # normalised, without boilerplate; paragraphs separated by "\n"
    paragraphs: tuple[Paragraph, ...]

    @property
    def lead(self) -> str:
        """The sapo, or else the first body paragraph."""
        return self.sapo or self.body.split("\n", 1)[0]

    @property
    def full_text(self) -> str:
        return "\n".join(x for x in (self.title, self.sapo, self.body) if x)

    def zone_text(self, *zones: Zone) -> str:
        return "\n".join(p.text for p in self.paragraphs if p.zone in zones)

    def head(self) -> tuple[Paragraph, ...]:
        """Title, sapo and lead paragraphs: where an article says what it is about."""
        return tuple(p for p in self.paragraphs if p.zone in ("title", "sapo", "lead"))


def clean_body(text: str) -> str:
    """The analysed body: normalised, without boilerplate lines (see `nlp.boilerplate`)."""
    return "\n".join(clean_lines(normalize(text).split("\n")))


def _one_line(text: str | None) -> str:
    return " ".join(normalize(text or "").split("\n"))


def prepare(*, title: str | None, sapo: str | None, body: str) -> Document:
    """Normalise, clean and segment an article (each paragraph is segmented exactly once)."""
    title_text = strip_credits(_one_line(title))
    sapo_text = strip_credits(strip_dateline(_one_line(sapo)))
    body_text = clean_body(body)
    paragraphs: list[Paragraph] = []
    if title_text:
        paragraphs.append(Paragraph("title", title_text, tuple(segment(title_text))))
    if sapo_text:
        paragraphs.append(Paragraph("sapo", sapo_text, tuple(segment(sapo_text))))
    lead_wanted = not title_text or not sapo_text
    seen = 0
    for number, text in enumerate(p for p in body_text.split("\n") if p):
        zone: Zone
        if lead_wanted and number < 2 and (number == 0 or seen < LEAD_CHARS):
            zone = "lead"
        else:
            zone = "late" if seen >= LATE_CHARS else "body"
        seen += len(text)
        paragraphs.append(Paragraph(zone, text, tuple(segment(text))))
    return Document(title=title_text, sapo=sapo_text, body=body_text, paragraphs=tuple(paragraphs))
