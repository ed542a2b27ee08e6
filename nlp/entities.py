"""Places, organisations and people of a prepared article, each paragraph tokenised once."""

from __future__ import annotations

from dataclasses import dataclass

from nlp.document import Document
from nlp.organisations import find_spans
from nlp.people import find_people
from nlp.places import Locality, Mention, find_mentions, locality_of
from nlp.schema import Person
from nlp.tokens import tokenize


@dataclass(frozen=True)
class Entities:
    locality: Locality
    organisations: tuple[str, ...]
    people: tuple[Person, ...]


def find_entities(doc: Document) -> Entities:
    zoned: list[tuple[str, list[Mention]]] = []
    organisations: dict[str, None] = {}
    people: dict[str, str] = {}
    for paragraph in doc.paragraphs:
        tokens = tokenize(paragraph.text)
        zoned.append((paragraph.zone, find_mentions(paragraph.text, tokens)))
        spans = find_spans(paragraph.text, tokens)
        for span in spans:
            organisations.setdefault(span.name, None)
        for person in find_people(paragraph.text, tokens, spans, paragraph.words):
            if len(person.title) > len(people.get(person.name, "")):
                people[person.name] = person.title
            else:
                people.setdefault(person.name, "")
    return Entities(
        locality=locality_of(zoned),
        organisations=tuple(organisations),
        people=tuple(Person(name=name, title=title) for name, title in people.items()),
    )
