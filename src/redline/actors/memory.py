"""One article's discourse memory: who has been mentioned, where, and what the text and the knowledge base say
about them. Shared by the actor resolver, the quote extractor and (see below) the event coder.

Why one memory: a pronoun, a surname or a role noun ("he", "Ryabkov", "the diplomat") points back to someone
named earlier in the same article. When each component keeps its own list, they disagree about who that is;
one memory per article (:attr:`redline.actors.ArticleContext.memory`) lets every component read what the others
learnt.

What it holds:

- :class:`Referent` — a person or organisation of the article: the name as written, what the text says (title,
  role words, places, gender) and what the knowledge base says (the KB person, the role held on the date, the
  resolved :class:`~redline.records.Actor`);
- :attr:`ArticleMemory.referents` — referents in order of first mention (the quote extractor's reading);
- :attr:`ArticleMemory.mentions` — every :class:`Mention` in reading order, with its sentence and whether it is
  a subject of the main clause (what pronoun resolution ranks by);
- :attr:`ArticleMemory.people` — the people the actor resolver has named, most recent first (surname and title
  back-references: "Ryabkov", "the Russian minister");
- the organisations mentioned (so "the bloc" or "Brussels" is the one the article is about) and the last
  country a person acted for.

Interface:

- ``pronoun(offset, sentence, kind=, gender=, exclude=)`` — the referent a he/she/it at ``offset`` points to,
  by the nearest-sentence rule (module docstring of :mod:`redline.quotes.coreference`), or None;
- ``latest(before, accept)`` — the most recent mention before ``before`` whose referent ``accept`` takes
  (nominals: "the diplomat");
- ``mention(referent, start, sentence, subject=, main=, ...)`` — record a mention;
- ``add(actor, person=)``, ``antecedent(pronoun)``, ``actor_people`` and ``actor_groups`` — the
  :class:`~redline.records.Actor`-level memory the event coder keeps in the same object (``EventCoder.code``
  takes its actor context's memory), so the resolver's people and the coder's subjects live in one place. A later
  step can move the coder's pronouns onto :meth:`pronoun`, the rule quotes use.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from redline.actors.words import PRONOUN_WINDOW
from redline.kb import name_key
from redline.records import Actor

if TYPE_CHECKING:
    from redline.actors.interpretation import Reading
    from redline.kb import KnowledgeBase, Person, Role


@dataclass(eq=False, slots=True)
class Referent:
    """A person or organisation of the article, with what the text and the knowledge base say about them."""

    name: str
    kind: str = "person"  # person | org
    # what the text says
    gender: str | None = None
    role: str | None = None
    role_words: set[str] = field(default_factory=set)
    places: set[str] = field(default_factory=set)
    intro: tuple[int, int] | None = None  # the fullest mention (title and name), for the actor resolver
    name_span: tuple[int, int] | None = None  # where the name itself was written
    anonymous: bool = False  # an unnamed person ("a senior official"): later mentions of them stay unknown
    same_as: Referent | None = None  # the named person an unnamed one turned out to be (see ``merge``)
    # what the knowledge base says
    keys: set[str] = field(default_factory=set)  # folded names and surnames it is called by
    person: Person | None = None
    country: str | None = None
    sector: str | None = None
    role_obj: Role | None = None
    actor: Actor | None = None
    resolved: bool = False  # ``actor`` has been looked up


@dataclass(slots=True)
class Mention:
    """One mention of a referent: where, in which sentence, and in what position."""

    referent: Referent
    start: int
    sentence: int
    subject: bool
    main: bool
    coordinated: bool = False
    locative: bool = False  # a place where something happened ("in Geneva"), not a participant


class ArticleMemory:
    """The discourse memory of one article (see the module docstring)."""

    def __init__(self) -> None:
        self.referents: list[Referent] = []
        self.mentions: list[Mention] = []
        self.people: list[Referent] = []
        self.org_seen: dict[str, int] = {}
        self.clock = 0
        self.last_country: str | None = None
        self.home: str | None = None  # the dateline's country (see ``redline.actors.dateline``)
        self.actor_people: list[Actor] = []
        self.actor_groups: list[Actor] = []
        self.parties: list[Actor] = []  # named parties of earlier sentences, subjects and objects, in text order

    # --- mentions and pronouns --------------------------------------------------------------------------

    def mention(
        self,
        referent: Referent,
        start: int,
        sentence: int,
        *,
        subject: bool,
        main: bool,
        coordinated: bool = False,
        locative: bool = False,
    ) -> None:
        self.mentions.append(Mention(referent, start, sentence, subject, main, coordinated, locative))

    def pronoun(
        self, offset: int, sentence: int, *, kind: str, gender: str | None, exclude: tuple[int, int] | None = None
    ) -> Referent | None:
        """The referent a third-person pronoun at ``offset`` stands for (nearest sentence, main subject first)."""
        candidates = [
            m
            for m in self.mentions
            if m.start < offset
            and sentence - PRONOUN_WINDOW <= m.sentence <= sentence
            and m.referent.kind == kind
            and not (exclude and exclude[0] <= m.start < exclude[1])
        ]
        sentences_with_main = {m.sentence for m in candidates if m.main}  # whatever the gender
        if gender is not None:
            candidates = [m for m in candidates if m.referent.gender in (gender, None)]
        if kind == "org":
            candidates = [m for m in candidates if m.subject]
        if not candidates:
            return None
        nearest = max(m.sentence for m in candidates)
        if nearest < sentence and nearest not in sentences_with_main:
            # the sentence before is about something else and names people only in passing ("The drafts were
            # prepared on instructions from Putin, who ..."): the person last in the main role is continued
            earlier = [m.sentence for m in candidates if m.main and m.sentence < nearest]
            nearest = max(earlier, default=nearest)
        group = [m for m in candidates if m.sentence == nearest]
        for flag in ("main", "subject"):
            ranked = [m for m in group if getattr(m, flag)]
            if gender is not None:
                # position first, then gender: a main subject whose given name the lexicon does not know ("Dimie
                # Ogoina ... spoke after him. 'We ...,' he said") is the one continued, not the known "him"
                ranked = [m for m in ranked if m.referent.gender == gender] or ranked
            if ranked:
                best = ranked[-1]
                return None if best.coordinated else best.referent
        if gender is not None:
            group = [m for m in group if m.referent.gender == gender] or group
        referents = {id(m.referent): m.referent for m in group}
        return next(iter(referents.values())) if len(referents) == 1 else None

    def latest(self, before: int, accept: Callable[[Referent], bool]) -> Referent | None:
        """The referent of the most recent mention before offset ``before`` that ``accept`` takes."""
        for mention in reversed(self.mentions):
            if mention.start < before and accept(mention.referent):
                return mention.referent
        return None

    def merge(self, anonymous: Referent, named: Referent) -> None:
        """An unnamed person turned out to be ``named``: their mentions become ``named``'s, and what was said
        to be theirs is ``named``'s too (``same_as``)."""
        if anonymous is named:  # same object (a referent)
            return
        anonymous.same_as = named
        for mention in self.mentions:
            if mention.referent is anonymous:  # same object (a referent)
                mention.referent = named
        named.role_words |= anonymous.role_words

    # --- people and organisations the actor resolver named ----------------------------------------------

    def remembered(self, folded: str) -> Referent | None:
        """The most recently named person called ``folded`` (a folded name or surname)."""
        for known in self.people:
            if folded in known.keys:
                return known
        return None

    def commit(self, reading: Reading, kb: KnowledgeBase) -> None:
        """Remember what a resolved mention tells later ones: people named, organisations discussed."""
        self.clock += 1
        if reading.kb_id and reading.kb_id in kb.organisations:
            org = kb.organisations[reading.kb_id]
            self.org_seen[org.id] = self.clock
            top = org.code.lower()
            if top in kb.organisations:
                self.org_seen[top] = self.clock
        if reading.person is not None:
            self._commit_person(reading, kb)
        elif reading.known is not None and reading.name:
            known = reading.known
            if known in self.people:
                self.people.remove(known)
            known.name = reading.name
            known.keys |= {name_key(reading.name), name_key(reading.name.split()[-1])}
            known.country = known.country or reading.country
            known.sector = known.sector or reading.sector
            known.role = known.role or reading.role
            self.people.insert(0, known)
            reading.known = known

    def _commit_person(self, reading: Reading, kb: KnowledgeBase) -> None:
        person = reading.person
        if person is None:
            return
        known = next((k for k in self.people if k.person is person), None)  # same object (a KB person)
        if known is None:
            names = [person.name, *person.aliases]
            keys = {name_key(n) for n in names} | {name_key(n.split()[-1]) for n in names}
            known = Referent(name=person.name, keys=keys, person=person)
        else:
            self.people.remove(known)
        known.role_obj = reading.role_obj
        self.people.insert(0, known)
        if reading.role_obj is not None and not kb.is_organisation(reading.role_obj.country):
            self.last_country = reading.role_obj.country
        elif reading.country and not kb.is_organisation(reading.country):
            self.last_country = reading.country

    def seen_at(self, org_id: str) -> int:
        """When (commit count) the organisation was last mentioned; 0 if never."""
        return self.org_seen.get(org_id, 0)

    # --- actor-level memory (the event coder's interface) -----------------------------------------------

    def add(self, actor: Actor, *, person: bool) -> None:
        """Remember an actor of a sentence's subject for later pronouns (kept apart by person or group)."""
        if actor.country is None and actor.name is None:
            return
        (self.actor_people if person else self.actor_groups).append(actor)

    def antecedent(self, pronoun: str) -> Actor | None:
        """The actor a pronoun points back to: the last person for he/she, the last group for it/they."""
        low = pronoun.lower()
        if low in ("he", "she", "him", "her", "his", "hers"):
            return self.actor_people[-1] if self.actor_people else None
        if low in ("it", "its", "they", "them", "their"):
            if self.actor_groups:
                return self.actor_groups[-1]
            return self.actor_people[-1] if low in ("they", "them", "their") and self.actor_people else None
        return None
