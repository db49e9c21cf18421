"""What the actor resolver knows of the article's referents: identity, country, sector and role on the date.

The quote extractor finds speakers in the text; this module asks the article's actor context (its resolver and
date) who they are. A named person is looked up with their title, then by name alone, and the knowledge base's
identity is taken only when it is the same person; an unnamed one gets country, sector and role, never an
identity. Place words ("russian", "us") are compared through the same resolver.
"""

from __future__ import annotations

from typing import Any

from spacy.tokens import Doc

from redline.actors.memory import Referent
from redline.quotes import lexicon as lex
from redline.quotes.referents import same_person
from redline.records import Actor


class Enrichment:
    """Asks an article's actor context (``actors``: ``resolve(text, start=, end=)``, ``date``) about referents."""

    def __init__(self, doc: Doc, actors: Any, referents: list[Referent] | None = None) -> None:
        self.doc = doc
        self.actors = actors
        self.referents = referents if referents is not None else []  # the article's, in order of first mention
        self._places: dict[str, str | None] = {}
        self._states: dict[str, bool] = {}

    @property
    def dated(self) -> bool:
        """Whether the actor resolver knows the article's date (so its roles are the ones held then)."""
        return self.actors is not None and getattr(self.actors, "date", None) is not None

    def sector_roles(self, referent: Referent) -> set[str]:
        actor = self.enrich(referent)
        if actor is None:
            return set()
        words = set(lex.SECTOR_ROLES.get(actor.sector or "", ()))
        if self.dated:
            words |= {w for w in (actor.role or "").lower().split() if w in lex.ROLE_WORDS}
        else:
            words |= self._roles_ever_held(actor)
        return words

    def _roles_ever_held(self, actor: Actor) -> set[str]:
        """Title words of every role the knowledge base records for a person. An undated article cannot say which
        one was held, but a title it uses for someone it named ("Boris Johnson ... the prime minister") must be
        one of them: this only licenses the title for a person already mentioned, never picks an office holder."""
        kb = getattr(self.actors, "kb", None)
        person = kb.person_of(actor.kb_id) if kb is not None and actor.kb_id else None
        if person is None:
            return set()
        return {w for role in person.roles for w in (role.title or "").lower().split() if w in lex.ROLE_WORDS}

    def past_roles(self, referent: Referent) -> tuple[set[str], set[str]]:
        """Title words and countries of the roles the knowledge base says the referent held before the article's
        date ("the former Dutch prime minister" is today's NATO chief)."""
        actor = self.enrich(referent)
        if actor is None or not actor.kb_id or not self.dated:
            return set(), set()
        kb, day = self.actors.kb, self.actors.date
        person = kb.person_of(actor.kb_id)
        if person is None:
            return set(), set()
        words: set[str] = set()
        countries: set[str] = set()
        for role in person.roles:
            if role.end is not None and role.end <= day:
                words |= {w for w in (role.title or "").lower().split() if w in lex.TITLE_WORDS}
                countries.add(role.country)
        return words, countries

    def former_place(self, word: str, countries: set[str]) -> bool:
        """Whether a place word ("Dutch") names the country of one of those past roles."""
        return self.place_code(word) in countries

    def same_place(self, word: str, referent: Referent) -> bool:
        if any(same_stem(word, place) for place in referent.places):
            return True
        code = self.place_code(word)
        actor = self.enrich(referent)
        return code is not None and actor is not None and actor.country == code

    def is_state(self, text: str) -> bool:
        """Whether a one-word name stands for a state ("Berlin", "Moscow", "Georgia") and names no person the
        knowledge base knows ("Merz" stays a person)."""
        if text not in self._states:
            actor = self.resolve_actor(text, -1, -1)
            self._states[text] = actor is not None and actor.country is not None and actor.kb_id == actor.country
        return self._states[text]

    def place_code(self, word: str) -> str | None:
        """The country code of a place word ("russian", "us"), from the actor resolver."""
        if word not in self._places:
            code = None
            for form in (word.upper() if len(word) <= 3 else word.title(), word):
                actor = self.resolve_actor(form, -1, -1)
                if actor is not None and actor.country:
                    code = actor.country
                    break
            self._places[word] = code
        return self._places[word]

    def enrich(self, referent: Referent) -> Actor | None:
        """What the actor resolver knows of a referent (asked once per fullest mention).

        A named person is looked up with their title, then by name alone: the knowledge base's identity is taken
        only when it is the same person (a title can resolve to the office holder on the date, who may be someone
        else); from a title that names someone else only the country and sector are kept. An unnamed person gets
        country, sector and role from their description, never an identity.
        """
        if referent.resolved:
            return referent.actor
        referent.resolved = True
        if self.actors is None:
            return None
        self._named_before(referent)
        titled = None
        if referent.intro is not None:
            start, end = referent.intro
            titled = self.resolve_actor(self.doc.text[start:end], start, end)
        if referent.kind == "org":
            referent.actor = titled or self.resolve_actor(referent.name, -1, -1)
        elif referent.anonymous:
            if titled is not None:
                referent.actor = Actor(text=titled.text, country=titled.country, sector=titled.sector, role=titled.role)
        else:
            start, end = referent.name_span or (-1, -1)
            named = self.resolve_actor(referent.name, start, end)
            for actor in (titled, named):
                if actor is not None and actor.kb_id and actor.name and same_person(actor.name, referent.name):
                    referent.actor = actor
                    break
            else:
                if titled is not None:
                    referent.actor = Actor(text=referent.name, country=titled.country, sector=titled.sector)
            if referent.actor is not None and titled is not None:
                referent.actor.country = referent.actor.country or titled.country
                referent.actor.sector = referent.actor.sector or titled.sector
        return referent.actor

    def _named_before(self, referent: Referent) -> None:
        """Look up the people named before ``referent`` first: the resolver learns the article in reading order,
        so "Abbott's spokeswoman" after "Gov. Greg Abbott" is the governor's, not a namesake's in the knowledge
        base, whichever speaker is asked about first."""
        for earlier in list(self.referents):
            if earlier is referent:  # same object (a referent)
                return
            if not earlier.resolved and earlier.kind == "person" and not earlier.anonymous:
                self.enrich(earlier)

    def resolve_actor(self, text: str, start: int, end: int) -> Actor | None:
        if self.actors is None:
            return None
        return self.actors.resolve(text, start=start, end=end)


def same_stem(word: str, place: str) -> bool:
    word, place = word.lower(), place.lower()
    if word == place:
        return True
    size = min(len(word), len(place), 5)
    return size >= 4 and word[:size] == place[:size]
