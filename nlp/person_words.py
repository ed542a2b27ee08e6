"""Word lists about people (nlp/data/people.yaml): family names, honorifics, titles."""

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
    honorifics_by_last: dict[str, tuple[tuple[str, ...], ...]]  # last syllable -> honorifics, longest first
    titles: dict[str, tuple[tuple[str, ...], ...]]  # first syllable -> titles, longest first


@cache
def person_words() -> PersonWords:
    data = yaml.safe_load(resources.files("nlp").joinpath("data/people.yaml").read_text("utf-8"))
    titles: dict[str, list[tuple[str, ...]]] = {}
    for title in data["titles"]:
        key = syllables_of(title)
        titles.setdefault(key[0], []).append(key)
    honorifics = tuple(sorted({syllables_of(h) for h in data["honorifics"]}, key=lambda h: -len(h)))
    by_last: dict[str, list[tuple[str, ...]]] = {}
    for honorific in honorifics:
        by_last.setdefault(honorific[-1], []).append(honorific)
    return PersonWords(
        surnames=frozenset(s.lower() for s in data["surnames"]),
        honorifics=honorifics,
        honorifics_by_last={k: tuple(v) for k, v in by_last.items()},
        titles={k: tuple(sorted(v, key=lambda t: -len(t))) for k, v in titles.items()},
    )


def surnames() -> frozenset[str]:
    """Known family names, lower case."""
    return person_words().surnames
