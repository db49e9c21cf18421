"""Voice: who speaks the clause an event is in — a reporting verb above it ("X said ..."), a statement noun
("in a statement, X ..."), "according to X", a reporting verb after it ("..., X warned"), or a stored quote.

Speech acts take the voice's speaker as their actor; other events keep it to explain and date themselves.
"""

from __future__ import annotations

from collections.abc import Sequence

from redline import tree
from redline.events import syntax
from redline.events.rules.kit import Kit
from redline.events.rules.model import Token, Voice
from redline.records import Quote

MAX_CLIMB = 12  # heads looked at above the token: a reporting verb further up is not this clause's voice


def voice_of(kit: Kit, token: Token, quotes: Sequence[Quote]) -> Voice | None:
    """Who speaks the clause of ``token`` (None when nobody is reported speaking)."""
    path = [token, *tree.ancestors(token, limit=MAX_CLIMB)]
    for below, current in zip([None, *path], path[:MAX_CLIMB], strict=False):
        if (
            below is not None
            and below.dep_ == "conj"
            and current.lemma_.lower() in kit.report_verbs
            and syntax.first_child(below, "nsubj") is not None
        ):
            break  # "France has said ..., and the Netherlands plans to ...": a clause of its own, not what was said
        found = _voice_at(kit, token, current, quotes)
        if found is not None:
            return found
    top = path[-1]
    # "Y will happen, X warned" parsed with the reporting verb as a conjunct of the root
    for child in top.children:
        if child.dep_ in ("conj", "parataxis") and child.i > token.i and child.lemma_.lower() in kit.report_verbs:
            speaker, _ = syntax.subject(child)
            if speaker is not None and speaker.i > token.i:
                return Voice(verb=child, speaker=speaker, quote=quote_at(token, quotes))
    quote = quote_at(token, quotes)
    if quote is not None:
        return Voice(verb=None, speaker=None, quote=quote)
    return None


def _voice_at(kit: Kit, token: Token, current: Token, quotes: Sequence[Quote]) -> Voice | None:
    """The voice ``current`` (``token`` or one of its heads) gives: a reporting verb or noun, or "according to"."""
    above = current.i != token.i
    if above and current.lemma_.lower() in kit.report_verbs and syntax.is_verbal(current):
        appositive = tree.appositive_subject(current)
        if appositive is not None and token.i < appositive.i:
            return None  # "Moscow demanded X, a demand the US says ...": the US speaks of the demand only
        speaker, _ = syntax.subject(current)
        return Voice(verb=current, speaker=speaker, quote=quote_at(token, quotes))
    if above and current.lemma_.lower() in kit.words("report_nouns") and current.pos_ == "NOUN":
        verb = syntax.governing_verb(current)
        speaker, _ = syntax.subject(verb)
        if speaker is not None:
            return Voice(verb=verb, speaker=speaker, quote=quote_at(token, quotes))
    for prep in syntax.children(current, "prep"):
        if prep.lower_ == "according":
            inner = syntax.first_child(prep, "prep")
            obj = syntax.first_child(inner, "pobj") if inner is not None else None
            if obj is not None:
                return Voice(verb=None, speaker=obj, quote=quote_at(token, quotes))
    return None


def quote_at(token: Token, quotes: Sequence[Quote]) -> Quote | None:
    """The stored quote whose span holds the token."""
    offset = token.idx
    for quote in quotes:
        if quote.start <= offset < quote.end:
            return quote
    return None
