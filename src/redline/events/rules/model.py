"""The working records of the clause rules: a matched frame, a clause's voice, an event found but not yet resolved.
(The discourse memory for pronouns is the article's one :class:`redline.actors.memory.ArticleMemory`.)

These live apart from ``redline.records`` because they hold spaCy tokens (positions in one parse) and exist only
while a text is coded; ``rules.build`` turns a :class:`Coded` into an ``Event`` record.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from redline.events.lexicon import Entry
from redline.records import Quote

Token = Any  # spacy.tokens.Token


@dataclass(slots=True)
class Frame:
    """A token with the pattern it matched (and the object that selected it, if any)."""

    token: Token
    entry: Entry
    obj: Token | None = None
    obj_classes: frozenset[str] = frozenset()


@dataclass(slots=True)
class Voice:
    """Who is speaking in a clause: the reporting verb and its subject, or a stored quote's speaker."""

    verb: Token | None
    speaker: Token | None
    quote: Quote | None = None


@dataclass(slots=True)
class Coded:
    """An event found in a sentence, before its actors and fields are resolved."""

    type: str
    mode: str | None
    head: Token
    first: Token
    last: Token
    rule: list[str]
    conf: float
    actor: Token | None = None
    actor_how: str = ""
    recipients: list[Token] = field(default_factory=list)
    reciprocal: bool = False
    negated: bool = False
    future: bool = False
    hypothetical: bool = False
    context: set[str] = field(default_factory=set)
    voice: Voice | None = None
    embedded: bool = False
    speaker_acts: bool = False  # the speaker is the actor (speech acts)
    speech: bool = False  # found by a speech-act rule (its own wording, e.g. "no veto", is not a negation)
    subordinate: bool = False  # in an adverbial clause ("..., urging X to", "after he was implicated")
    declared: bool = False  # the actor announces its own plan ("plans to impose", "decided to expel")
    unless: bool = False  # conditioned by "unless": a cooperative promise becomes leverage
    classes: frozenset[str] = frozenset()
    content_head: Token | None = None  # a wrapper's complement (its conditions make the wrapper hypothetical)
    cameo: str | None = None  # the CAMEO code when a pattern of the CAMEO dictionary found the event
    claimed: bool = False  # a third party says the actor did it ("the White House said Russia ...")
    content_actor: Token | None = None  # the subject of a wrapper's complement ("warned (that) Ankara would ...")
    promised: bool = False  # the promise of a material act ("agreed to lift the curfew"): CAMEO's intent codes
    promised_code: str | None = None  # the CAMEO code of the act promised, when known
    force: str = ""  # of a request: "demand" ("demanded": CAMEO 10) or "appeal" ("urged": CAMEO 02)

    def modality(self) -> str:
        """How the text presents the act: negated, hypothetical, claimed, future or asserted (first that holds)."""
        if self.negated:
            return "negated"
        if self.hypothetical:
            return "hypothetical"
        if self.claimed:
            return "claimed"
        return "future" if self.future else "asserted"

    def span_tokens(self, max_tokens: int) -> tuple[Token, Token]:
        """First and last token of the trigger; a trigger wider than ``max_tokens`` is its head alone."""
        if abs(self.last.i - self.first.i) > max_tokens:
            return self.head, self.head
        return (self.first, self.last) if self.first.i <= self.last.i else (self.last, self.first)
