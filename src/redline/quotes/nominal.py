"""Statements reported through a noun: "Trump's *claim* that there have been thousands of shootings", "the
minister's *warning* that talks would fail", "the *assurance* by Moscow that no attack was planned".

Why a cue of its own: news reports what people said as often through a speech noun as through a verb, and the
content clause of such a noun is exactly what was said. Only a noun with a content clause ("that" as its
*mark*, not a relative "that" the speaker "made") and a named owner (a possessor, or a "by"/"from" phrase) counts:
without an owner no one can be credited, and "the claim that ..." alone says who believed it, not who said it.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Span, Token

from redline.quotes import lexicon as lex
from redline.quotes.cues import Cue, speaker_like

_OWNER_PREPOSITIONS = frozenset({"by", "from"})


def nominal_cues(sent: Span, quoted: Callable[[int], bool]) -> list[Cue]:
    """The cues of a sentence's speech nouns that have an owner and a content clause."""
    cues: list[Cue] = []
    for token in sent:
        if token.pos_ != "NOUN" or token.lemma_.lower() not in lex.SPEECH_NOUNS or quoted(token.idx):
            continue
        owner = _owner(token)
        clause = _content_clause(token)
        if owner is None or clause is None or not speaker_like(owner):
            continue
        doc = token.doc
        first = next(t for t in clause.subtree if t.dep_ == "mark").i + 1
        last = clause.right_edge.i
        while last > first and ((doc[last].is_punct and doc[last].text not in "”\"»’'") or doc[last].is_space):
            last -= 1
        content = (doc[first].idx, doc[last].idx + len(doc[last]))
        start = min(owner.left_edge.i, token.left_edge.i)
        attribution = (doc[start].idx, token.idx + len(token))
        cues.append(Cue(token, token.lemma_.lower(), owner, content, attribution, None))
    return cues


def _owner(noun: Token) -> Token | None:
    """Whose statement the noun is: "Trump's claim", "the claim by Trump", "assurances from Moscow"."""
    for child in noun.children:
        if child.dep_ == "poss":
            return child
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ in _OWNER_PREPOSITIONS:
            return next((c for c in child.children if c.dep_ == "pobj"), None)
    return None


def _content_clause(noun: Token) -> Token | None:
    """The noun's content clause: a clause right after it introduced by "that" as a complementiser."""
    for child in noun.rights:
        if child.dep_ not in ("acl", "ccomp", "relcl") or child.pos_ not in ("VERB", "AUX"):
            continue
        marks = [t for t in child.children if t.dep_ == "mark" and t.lower_ == "that" and t.i < child.i]
        if marks and marks[0].i == child.left_edge.i and marks[0].i > noun.i:
            return child
    return None
