"""Word lists about people (nlp/data/people.yaml): family names, honorifics, titles, words ending a title."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources

import yaml

from nlp.tokens import syllables_of


@dataclass(frozen=True)
class PersonWords:
    surnames: frozenset[str]
    honorifics: tuple[tuple[str, ...], ...]  # longest first
    titles: dict[str, tuple[tuple[str, ...], ...]]  # first syllable -> titles, longest first
    stops: tuple[tuple[str, ...], ...]


@cache
def person_words() -> PersonWords:
    data = yaml.safe_load(resources.files("nlp").joinpath("data/people.yaml").read_text("utf-8"))
    titles: dict[str, list[tuple[str, ...]]] = {}
    for title in data["titles"]:
        key = syllables_of(title)
        titles.setdefault(key[0], []).append(key)
    return PersonWords(
        surnames=frozenset(s.lower() for s in data["surnames"]),
        honorifics=tuple(sorted({syllables_of(h) for h in data["honorifics"]}, key=lambda h: -len(h))),
        titles={k: tuple(sorted(v, key=lambda t: -len(t))) for k, v in titles.items()},
        stops=tuple(syllables_of(s) for s in data["title_stops"]),
    )


def surnames() -> frozenset[str]:
    """Known family names, lower case."""
    return person_words().surnames
