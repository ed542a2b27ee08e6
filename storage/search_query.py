"""The analysts' query language, parsed by our code: the user's string never reaches an FTS engine.

Syntax (accents and case optional; everything is folded the way the index is):
    word            articles containing the word            o nhiem   (both words: implicit AND)
    "a b c"         the words next to each other, in order  "ô nhiễm môi trường"
    word*           words starting with it (2+ letters)     thanh tr*
    A AND B, A B    both                                    A OR B   either
    NOT A, -A       excludes A (needs a word to find too)   (A OR B) -C
Operators are AND, OR, NOT in capitals; lower-case "and"/"or"/"not" are ordinary words. Any other
character separates words: `title:x`, `NEAR(a b)`, `100%`, `'; DROP TABLE` are only words. A chunk that
folds to several words (`covid-19`, `Đắk-Lắk`) is a phrase. Bad queries raise `QueryError` (one line).

The parsed tree renders to an FTS5 MATCH expression and to a PostgreSQL tsquery in which every word is
a quoted run of letters and digits (storage.search_sql); `index_text` folds documents with the same
tokenizer, so both engines see exactly the tokens the query names.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from nlp.text import fold_words

MAX_QUERY_CHARS = 500
MAX_WORDS = 40
MAX_DEPTH = 12
MIN_PREFIX = 2
OPERATORS = ("AND", "OR", "NOT")
WORD = re.compile(r"[^\W_]+")  # the words of nlp.text.fold_words


class QueryError(ValueError):
    """The query cannot be searched (message is one line)."""


def index_text(*parts: str | None) -> str:
    """The folded words of `parts`, separated by single spaces: what the FTS engines index."""
    return " ".join(w for part in parts if part for w in fold_words(part))


def query_words(text: str) -> tuple[str, ...]:
    return tuple(fold_words(text))


@dataclass(frozen=True)
class Words:
    """One word, or a phrase of consecutive words; `prefix` lets the last word be a prefix."""

    words: tuple[str, ...]
    prefix: bool = False


@dataclass(frozen=True)
class Not:
    child: Node


@dataclass(frozen=True)
class And:
    children: tuple[Node, ...]


@dataclass(frozen=True)
class Or:
    children: tuple[Node, ...]


Node = Words | Not | And | Or


@dataclass(frozen=True)
class _Tok:
    kind: str  # "(", ")", "op", "words"
    op: str = ""
    words: Words | None = None


def _phrase(text: str, prefix: bool, shown: str) -> Words | None:
    words = query_words(text)
    if not words:
        return None
    if prefix and len(words[-1]) < MIN_PREFIX:
        raise QueryError(f"prefix {shown!r} is too short: give at least {MIN_PREFIX} letters before *")
    return Words(words, prefix)


def _lex(query: str) -> list[_Tok]:
    toks: list[_Tok] = []
    i, n = 0, len(query)
    while i < n:
        c = query[i]
        if c.isspace():
            i += 1
        elif c in "()":
            toks.append(_Tok(c))
            i += 1
        elif c == '"':
            end = query.find('"', i + 1)
            if end < 0:
                raise QueryError('unbalanced quote: close the phrase with "')
            prefix = end + 1 < n and query[end + 1] == "*"
            shown = query[i : end + 1 + prefix]
            words = _phrase(query[i + 1 : end], prefix, shown)
            if words is None:
                raise QueryError(f"phrase {shown} has no words to search for")
            toks.append(_Tok("words", words=words))
            i = end + 1 + prefix
        else:
            j = i
            while j < n and not query[j].isspace() and query[j] not in '()"':
                j += 1
            chunk = query[i:j]
            i = j
            if chunk in OPERATORS:
                toks.append(_Tok("op", op=chunk))
                continue
            if chunk.startswith("-") and (chunk.strip("-") or (j < n and query[j] in '("')):
                toks.append(_Tok("op", op="NOT"))
                chunk = chunk.lstrip("-")
            prefix = chunk.endswith("*")
            words = _phrase(chunk.rstrip("*"), prefix, chunk)
            if words is not None:
                toks.append(_Tok("words", words=words))
    return toks


class _Parser:
    def __init__(self, toks: list[_Tok]) -> None:
        self.toks = toks
        self.pos = 0
        self.depth = 0

    def peek(self) -> _Tok | None:
        return self.toks[self.pos] if self.pos < len(self.toks) else None

    def take(self) -> _Tok:
        tok = self.toks[self.pos]
        self.pos += 1
        return tok

    def parse(self) -> Node:
        node = self.or_expr()
        tok = self.peek()
        if tok is not None:
            raise QueryError("unbalanced parenthesis: ')' without '('" if tok.kind == ")" else "bad query")
        return node

    def or_expr(self) -> Node:
        parts = [self.and_expr()]
        while (tok := self.peek()) is not None and tok.kind == "op" and tok.op == "OR":
            self.take()
            parts.append(self.and_expr())
        return parts[0] if len(parts) == 1 else Or(tuple(parts))

    def and_expr(self) -> Node:
        parts = [self.unary()]
        while (
            (tok := self.peek()) is not None and tok.kind != ")" and not (tok.kind == "op" and tok.op == "OR")
        ):
            if tok.kind == "op" and tok.op == "AND":
                self.take()
            parts.append(self.unary())
        return parts[0] if len(parts) == 1 else And(tuple(parts))

    def unary(self) -> Node:
        tok = self.peek()
        if tok is not None and tok.kind == "op" and tok.op == "NOT":
            self.take()
            child = self.unary()
            if isinstance(child, Not):
                raise QueryError("NOT cannot follow NOT")
            return Not(child)
        return self.atom()

    def atom(self) -> Node:
        tok = self.peek()
        if tok is None:
            raise QueryError("the query ends where a word is expected (after AND, OR or NOT)")
        self.take()
        if tok.kind == "words" and tok.words is not None:
            return tok.words
        if tok.kind == "op":
            raise QueryError(f"{tok.op} needs a word on each side")
        if tok.kind == ")":
            raise QueryError("unbalanced parenthesis: ')' without '('")
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise QueryError(f"parentheses nested more than {MAX_DEPTH} deep")
        if (inner := self.peek()) is not None and inner.kind == ")":
            raise QueryError("empty parentheses")
        node = self.or_expr()
        closing = self.peek()
        if closing is None or closing.kind != ")":
            raise QueryError("unbalanced parenthesis: '(' without ')'")
        self.take()
        self.depth -= 1
        return node


def _flatten(node: Node) -> Node:
    if isinstance(node, Not):
        return Not(_flatten(node.child))
    if isinstance(node, And | Or):
        kind = type(node)
        flat: list[Node] = []
        for child in (_flatten(c) for c in node.children):
            flat.extend(child.children if isinstance(child, kind) else (child,))
        return kind(tuple(flat))
    return node


def finds_something(node: Node) -> bool:
    """Whether the node selects articles by itself (NOT alone only excludes)."""
    if isinstance(node, Words):
        return True
    if isinstance(node, Not):
        return False
    if isinstance(node, And):
        return any(finds_something(c) for c in node.children)
    return all(finds_something(c) for c in node.children)


def leaves(node: Node, *, positive: bool = True) -> list[Words]:
    """The words and phrases of the query (only those not under NOT when `positive`)."""
    if isinstance(node, Words):
        return [node]
    if isinstance(node, Not):
        return [] if positive else leaves(node.child, positive=False)
    return [w for c in node.children for w in leaves(c, positive=positive)]


def parse(query: str) -> Node:
    """Parse a user query; raises QueryError with a one-line reason."""
    if len(query) > MAX_QUERY_CHARS:
        raise QueryError(f"query longer than {MAX_QUERY_CHARS} characters")
    toks = _lex(query)
    if not any(t.kind == "words" for t in toks):
        raise QueryError("empty query: give at least one word to search for")
    node = _flatten(_Parser(toks).parse())
    if sum(len(w.words) for w in leaves(node, positive=False)) > MAX_WORDS:
        raise QueryError(f"query has more than {MAX_WORDS} words")
    if not finds_something(node):
        raise QueryError("NOT / - only excludes: add a word to find (e.g. 'lu lut -bao')")
    return node


def adjacent(node: Node) -> Node | None:
    """The query with runs of neighbouring words joined into phrases, or None when it has no such run.

    Vietnamese words are several syllables ("o nhiem" = "ô nhiễm"); articles where the words stand
    next to each other are ranked first (storage.search).
    """
    if isinstance(node, Words):
        return None
    if isinstance(node, Not):
        return None
    children: list[Node] = []
    changed = False
    for child in node.children:
        prev = children[-1] if children else None
        if isinstance(node, And) and isinstance(child, Words) and isinstance(prev, Words) and not prev.prefix:
            children[-1] = Words(prev.words + child.words, child.prefix)
            changed = True
            continue
        inner = adjacent(child) if isinstance(child, And | Or) else None
        changed = changed or inner is not None
        children.append(inner or child)
    if not changed:
        return None
    if len(children) == 1:
        return children[0]
    return type(node)(tuple(children))
