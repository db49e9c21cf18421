"""Bounded walks over a spaCy dependency tree, comparing tokens by index.

Why this module exists: spaCy builds a new ``Token`` object each time one is read (``token.head``,
``doc[i]``, iteration), so an identity test is false even for the same token, and a climb that stops when
a token's head "is" the token itself never reaches the root: one verbless sentence hung a whole run that way.
Every walk up the tree in Redline goes through these helpers, which compare ``.i`` and stop after a fixed
number of steps even on a malformed parse (a cycle cannot happen in spaCy, but a bound costs nothing).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

Token = Any  # spacy.tokens.Token; kept loose so this module imports without spaCy

# Deeper than any sentence Redline keeps (sentences are cut well below this many tokens).
MAX_DEPTH = 512


def same(a: Token | None, b: Token | None) -> bool:
    """Whether two tokens are the same position in the same document (never by identity)."""
    if a is None or b is None:
        return a is None and b is None
    return a.i == b.i and a.doc is b.doc  # same object (a Doc)


def is_root(token: Token) -> bool:
    """Whether ``token`` heads its sentence (spaCy makes a root its own head)."""
    return token.head.i == token.i


def ancestors(token: Token, limit: int = MAX_DEPTH) -> Iterator[Token]:
    """The heads above ``token``, nearest first, at most ``limit`` of them."""
    current = token
    for _ in range(limit):
        head = current.head
        if head.i == current.i:
            return
        yield head
        current = head


def climb(token: Token, keep_going: Callable[[Token], bool], limit: int = MAX_DEPTH) -> Token:
    """Walk up from ``token`` while ``keep_going(current)`` holds; stop at the root or after ``limit`` steps.

    Returns the token the walk stopped on (``token`` itself when the predicate fails at once).
    """
    current = token
    for _ in range(limit):
        if not keep_going(current) or is_root(current):
            return current
        current = current.head
    return current


def depth(token: Token, limit: int = MAX_DEPTH) -> int:
    """Number of heads between ``token`` and its root (capped at ``limit``)."""
    return sum(1 for _ in ancestors(token, limit))


def appositive_subject(verb: Token) -> Token | None:
    """The appositive noun a misparse gives a reporting verb as a second subject: in "Moscow demanded X, *a
    demand* the US says it cannot accept", the parser makes "says" the root with two subjects, "demand" and
    "US", and the clause before the comma its complement. The reduced relative clause speaks of that noun, not
    of the clause before it. None when the verb has no such subject."""
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    if len(subjects) < 2:
        return None
    first = subjects[0]
    before = first.doc[first.left_edge.i - 1] if first.left_edge.i > 0 else None
    if first.pos_ == "NOUN" and before is not None and before.text in (",", ";", "—", "-"):
        return first
    return None


def misread_verb(token: Token) -> bool:
    """A verb the tagger read as a plural noun: "Moscow denied X and *rejects* claims that ...": bare, right after
    "and"/"but", with nothing of its own and no entity type. Such a "noun" names no one (no speaker, no actor)."""
    doc = token.doc
    after_and = token.i > 0 and doc[token.i - 1].lower_ in ("and", "but")
    return token.tag_ == "NNS" and after_and and not list(token.children) and not token.ent_type_


def verb_read_as_noun(token: Token) -> bool:
    """A present-tense verb the tagger read as a plural noun yet parsed as a clause: "Trump *claims* that he
    should be the exception" (NNS with its own subject before it and a clause after it). Nouns have neither."""
    if token.tag_ != "NNS":
        return False
    subject = any(c.dep_ == "nsubj" and c.i < token.i for c in token.children)
    return subject and any(c.dep_ == "ccomp" and c.i > token.i for c in token.children)
