"""Matching one article against every active watch in one pass (pure: no SQL, no configuration).

The watches' queries are parsed once by the analysts' parser (`storage.search_query`: accent- and
đ-insensitive, phrases, prefixes, AND/OR/NOT) and compiled into an inverted index from *anchor* words
to watches: an article can only match a watch when it holds one of the watch's anchors (for an AND,
the anchors of one of its positive parts; for an OR, those of every part; for a phrase, one of its
words). An article's folded words then pick the few candidate watches, and only those have their
parsed query evaluated on the article's words — never one search per watch per article.

The article's words are folded the way the search index folds them (`index_text`), title and text
kept apart so that a phrase never runs from the headline into the body.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

from nlp.text import fold, fold_words
from storage.search_query import And, Node, Not, Or, Words, leaves, parse

GAP = ""  # between title and text: no phrase runs across it


@dataclass(frozen=True, kw_only=True)
class WatchRule:
    """What matching needs of a watch: its id, its query and its filters (each "any of")."""

    id: int
    query: str
    topics: frozenset[str] = frozenset()
    places: frozenset[str] = frozenset()  # folded
    organisations: frozenset[str] = frozenset()  # folded
    sources: frozenset[str] = frozenset()
    scope: str | None = None
    start: date | None = None  # articles published (local day) before it are not followed

    @classmethod
    def of(
        cls, watch_id: int, query: str, filters: dict[str, object] | None = None, start: date | None = None
    ) -> WatchRule:
        f = filters or {}

        def items(key: str, folded: bool = False) -> frozenset[str]:
            values = f.get(key) or []
            assert isinstance(values, list | tuple)
            return frozenset(fold(str(v)) if folded else str(v) for v in values)

        scope = f.get("scope")
        return cls(
            id=watch_id,
            query=query,
            topics=items("topics"),
            places=items("places", True),
            organisations=items("organisations", True),
            sources=items("sources"),
            scope=str(scope) if scope else None,
            start=start,
        )


@dataclass(frozen=True, kw_only=True)
class MatchDoc:
    """An annotated article as matching sees it."""

    title: str | None
    sapo: str | None
    text: str
    source_id: str = ""
    scope: str = ""
    topics: frozenset[str] = frozenset()
    places: tuple[str, ...] = ()
    organisations: tuple[str, ...] = ()
    day: date | None = None  # local day of publication


def doc_words(doc: MatchDoc) -> list[str]:
    """The article's folded words: title, a gap, then sapo and text (as `index_text` folds them)."""
    title = fold_words(doc.title) if doc.title else []
    body = [w for part in (doc.sapo, doc.text) if part for w in fold_words(part)]
    return [*title, GAP, *body]


class Text:
    """An article's folded words with the positions of each word (phrase and prefix tests)."""

    def __init__(self, tokens: Sequence[str]) -> None:
        self.tokens = tokens
        positions: dict[str, list[int]] = defaultdict(list)
        for i, w in enumerate(tokens):
            positions[w].append(i)
        self.positions = positions
        self._prefixes: dict[str, bool] = {}

    def has_prefix(self, prefix: str) -> bool:
        found = self._prefixes.get(prefix)
        if found is None:
            found = self._prefixes[prefix] = any(w.startswith(prefix) for w in self.positions)
        return found

    def has(self, term: Words) -> bool:
        words = term.words
        last = len(words) - 1
        if last == 0:
            return self.has_prefix(words[0]) if term.prefix else words[0] in self.positions
        toks, n = self.tokens, len(self.tokens)
        for p in self.positions.get(words[0], ()):
            if p + last >= n:
                break
            if not all(toks[p + k] == words[k] for k in range(1, last)):
                continue
            tail = toks[p + last]
            if tail.startswith(words[last]) if term.prefix else tail == words[last]:
                return True
        return False


def evaluate(node: Node, text: Text, hits: dict[Words, bool]) -> bool:
    """Whether the article satisfies `node`; each term's outcome is kept in `hits` (the evidence)."""
    if isinstance(node, Words):
        if node not in hits:
            hits[node] = text.has(node)
        return hits[node]
    if isinstance(node, Not):
        return not evaluate(node.child, text, hits)
    if isinstance(node, And):
        return all(evaluate(c, text, hits) for c in node.children)
    return any([evaluate(c, text, hits) for c in node.children])  # every part: complete evidence


def term_label(term: Words) -> str:
    return " ".join(term.words) + ("*" if term.prefix else "")


def _anchors(node: Node) -> tuple[set[str], set[str]] | None:
    """(exact words, prefixes) one of which a matching article must hold; None when NOT only excludes."""
    if isinstance(node, Words):
        if len(node.words) == 1:
            return (set(), {node.words[0]}) if node.prefix else ({node.words[0]}, set())
        whole = node.words[:-1] if node.prefix else node.words
        return {max(whole, key=len)}, set()  # the longest whole word: likely the rarest
    if isinstance(node, Not):
        return None
    parts = [_anchors(c) for c in node.children]
    if isinstance(node, Or):
        words: set[str] = set()
        prefixes: set[str] = set()
        for p in parts:
            if p is None:
                return None
            words |= p[0]
            prefixes |= p[1]
        return words, prefixes
    usable = [p for p in parts if p is not None]
    if not usable:
        return None
    # AND: one positive part suffices; prefer exact words, then the fewest (longest) anchors
    return min(usable, key=lambda p: (len(p[1]) > 0, len(p[0]) + len(p[1]), -sum(map(len, p[0]))))


@dataclass
class CompiledWatch:
    rule: WatchRule
    node: Node
    terms: list[Words]


@dataclass
class WatchIndex:
    """Every active watch compiled once: anchor word -> watches, prefix anchors by length."""

    watches: dict[int, CompiledWatch] = field(default_factory=dict)
    exact: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    prefixes: dict[int, dict[str, list[int]]] = field(default_factory=dict)  # length -> prefix -> ids

    def __len__(self) -> int:
        return len(self.watches)


def compile_watches(rules: Iterable[WatchRule]) -> tuple[WatchIndex, dict[int, str]]:
    """The index of the rules, and the rules whose query no longer parses (id -> one-line reason)."""
    index = WatchIndex()
    bad: dict[int, str] = {}
    for rule in rules:
        try:
            node = parse(rule.query)
        except ValueError as exc:
            bad[rule.id] = str(exc)
            continue
        anchors = _anchors(node)
        if anchors is None:  # cannot happen for a parsed query (it must find something)
            bad[rule.id] = "query only excludes"
            continue
        index.watches[rule.id] = CompiledWatch(rule, node, leaves(node))
        for word in anchors[0]:
            index.exact[word].append(rule.id)
        for prefix in anchors[1]:
            index.prefixes.setdefault(len(prefix), defaultdict(list))[prefix].append(rule.id)
    return index, bad


def _passes_filters(rule: WatchRule, doc: MatchDoc) -> bool:
    if rule.start is not None and doc.day is not None and doc.day < rule.start:
        return False
    if rule.topics and not rule.topics & doc.topics:
        return False
    if rule.sources and doc.source_id not in rule.sources:
        return False
    if rule.scope and doc.scope != rule.scope:
        return False
    if rule.places and not rule.places & {fold(p) for p in doc.places}:
        return False
    return not (rule.organisations and not rule.organisations & {fold(o) for o in doc.organisations})


def candidates(index: WatchIndex, words: set[str]) -> set[int]:
    found: set[int] = set()
    exact = index.exact
    for w in words & exact.keys():
        found.update(exact[w])
    for length, table in index.prefixes.items():
        for w in words:
            if len(w) >= length and (ids := table.get(w[:length])):
                found.update(ids)
    return found


def match_doc(index: WatchIndex, doc: MatchDoc) -> list[tuple[int, list[str]]]:
    """(watch id, matched terms) of every watch of `index` the article matches, by watch id."""
    if not index.watches:
        return []
    tokens = doc_words(doc)
    ids = candidates(index, set(tokens))
    if not ids:
        return []
    text = Text(tokens)
    out = []
    for watch_id in sorted(ids):
        compiled = index.watches[watch_id]
        if not _passes_filters(compiled.rule, doc):
            continue
        hits: dict[Words, bool] = {}
        if evaluate(compiled.node, text, hits):
            out.append((watch_id, [term_label(t) for t in compiled.terms if hits.get(t)]))
    return out
