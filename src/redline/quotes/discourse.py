"""Who is who in one article: the people and organisations named so far, and what later mentions point back to.

A quote's speaker is often not named where the quote is ("he added", "the diplomat warned"). This module keeps
the article's referents in reading order and resolves such mentions with explicit, documented rules; when a
rule does not single out one referent the speaker stays unknown rather than guessed.

Names. A PERSON entity (or a proper noun that looks like a person: a known given name, a title such as
"Minister", an apposition such as ", the head of ...", or the surname of someone already named) is linked to an
earlier referent when its surname matches (fuzzy, for transliterations such as Sergei/Sergey), so "Ryabkov"
after "Sergei Ryabkov" (or before it, as in headlines) is one person, whose name is the fullest form seen.
Titles before the name and appositions after it give the person's role words ("deputy", "foreign",
"minister") and place words ("russian"); given names, titles (spokeswoman) and Slavic surname endings give a
gender when they can.

Pronouns (he/she). Candidates are the persons mentioned before the pronoun in the same sentence (outside the
reported clause of the cue being attributed) and in the four sentences before, whose gender is compatible. The
*nearest sentence* holding a candidate decides (preferring, there, those whose gender is known to match): its
main-clause subject (or quote speaker) wins; else its most recent subject-position person; else its only
person. Coordinated subjects ("Lavrov and Blinken said") and two different persons in non-subject positions
leave the speaker unknown. So "he" after two named men resolves to the most recent main-clause
subject. "It" resolves the same way to organisations and places, but only from subject position.

Nominals ("the diplomat", "the Russian president", "Russia's Deputy", "the minister"). The head noun must be
licensed by one of the candidate's role words (a "leader" can be a president or a prime minister; an
"official" is anyone with a role), extra role words in the nominal must be among the candidate's, and place
words must agree. The most recently mentioned such person wins; when none exists the actor resolver may know
the office holder for the date. Indefinite nominals ("a top Russian diplomat") stay unresolved here; the
extractor's lede rule may link them forward.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from rapidfuzz import fuzz
from spacy.tokens import Doc, Span, Token

from redline.quotes import lexicon as lex
from redline.records import Actor
from redline.tree import climb

WINDOW = 4  # sentences a pronoun may reach back, besides its own
NAME_LABELS = frozenset({"PERSON"})
ORG_LABELS = frozenset({"ORG", "GPE", "NORP"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
CORE_LEFT_DEPS = frozenset({"det", "amod", "compound", "poss", "nmod", "nummod", "quantmod", "case"})


@dataclass(eq=False, slots=True)
class Referent:
    """A person or organisation of the article, with what the text says about them."""

    name: str
    kind: str  # person | org
    gender: str | None = None
    role: str | None = None
    role_words: set[str] = field(default_factory=set)
    places: set[str] = field(default_factory=set)
    intro: tuple[int, int] | None = None  # the fullest mention (title and name), for the actor resolver
    actor: Actor | None = None
    resolved: bool = False
    anonymous: bool = False  # an unnamed person ("a senior official"): later mentions of them stay unknown
    name_span: tuple[int, int] | None = None  # where the name itself was written


@dataclass(slots=True)
class Mention:
    referent: Referent
    start: int
    sentence: int
    subject: bool
    main: bool
    coordinated: bool = False
    locative: bool = False  # a place where something happened ("in Geneva"), not a participant


@dataclass(slots=True)
class Nominal:
    """An unresolved role noun ("a top Russian diplomat"): what a later named person must match."""

    noun: str
    extra: frozenset[str]
    places: frozenset[str]
    indefinite: bool


@dataclass(slots=True)
class Resolution:
    """A speaker mention and, when the rules single one out, its referent."""

    mention: str | None
    start: int
    end: int
    referent: Referent | None = None
    nominal: Nominal | None = None


class Discourse:
    """The referents of one parsed article, updated sentence by sentence in reading order."""

    def __init__(self, doc: Doc, quoted: Callable[[int], bool], actors: Any = None) -> None:
        self.doc = doc
        self.quoted = quoted
        self.actors = actors
        self.referents: list[Referent] = []
        self.mentions: list[Mention] = []
        self._places: dict[str, str | None] = {}
        self._seen: set[tuple[int, int]] = set()
        self._gpe_names = {ent.text.lower() for ent in doc.ents if ent.label_ == "GPE"}
        self._sentences: list[Span] | None = None

    # -- reading named mentions -------------------------------------------------------------------------------

    def observe(self, sent: Span, index: int, main_verbs: set[int]) -> None:
        """Register the named people and organisations of a sentence (outside direct quotations)."""
        for ent in sent.ents:
            if self.quoted(ent.start_char) or (ent.start, ent.end) in self._seen:
                continue
            kind = self._kind(ent)
            if kind is None:
                continue
            self._seen.add((ent.start, ent.end))
            referent = self._named(ent, kind)
            self._mention(referent, ent.root, index, main_verbs)

    def _kind(self, ent: Span) -> str | None:
        if ent.label_ in NAME_LABELS:
            if len(ent) == 1 and ent.text.endswith("s") and ent.text[:-1].lower() in self._gpe_names:
                return "org"  # "Russias borders": a place whose apostrophe was lost
            return "person"
        if ent.label_ in ORG_LABELS:
            if ent.label_ != "NORP" and self._person_like(list(ent), ent.root):
                return "person"
            return "org" if ent.label_ != "NORP" else None
        return None

    def _person_like(self, tokens: list[Token], head: Token) -> bool:
        """A proper name NER did not call PERSON: given name, title, role apposition or a known surname."""
        words = [t for t in tokens if t.pos_ == "PROPN" or t.text[:1].isupper()]
        if not words:
            return False
        if words[0].lower_ in lex.FEMALE_NAMES or words[0].lower_ in lex.MALE_NAMES:
            return True
        if any(child.dep_ == "appos" and child.lemma_.lower() in lex.ROLE_WORDS for child in head.children):
            return True
        if head.lower_ not in lex.ORG_NOUNS and any(
            t.lower_ in lex.TITLE_NOUNS and t.dep_ == "compound" for t in head.lefts
        ):
            return True
        surname = words[-1].text
        return any(ref.kind == "person" and ref.name and _same_surname(ref.name, surname) for ref in self.referents)

    def _named(self, span: Span, kind: str) -> Referent:
        if kind == "person":
            span = _whole_name(span)
        name = _clean_name(span.text)
        head = span.root
        start, end = core_span(head)
        title = [t for t in self.doc[start : span.start] if t.dep_ not in ("det", "punct")]
        if head.dep_ == "appos" and head.head.lemma_.lower() in lex.ROLE_WORDS:
            # "Russia's top diplomat, Sergei Lavrov": the title is the noun the name stands beside
            start, _ = core_span(head.head)
            title = [t for t in self.doc[start : head.head.i + 1] if t.dep_ not in ("det", "punct")]
        referent = self._find(name, kind)
        if referent is None:
            referent = Referent(name=name, kind=kind)
            self.referents.append(referent)
        elif kind == "person" and len(name.split()) > len(referent.name.split()):
            referent.name = name
            referent.name_span = None
            referent.resolved = False
        if referent.name_span is None:
            referent.name_span = (span.start_char, span.end_char)
        if kind == "person":
            self._learn_person(referent, title, head)
        elif head.ent_type_ == "GPE":
            referent.places.add(name.lower())
        full = (self.doc[start].idx, self.doc[end].idx + len(self.doc[end]))
        if referent.intro is None or full[1] - full[0] > referent.intro[1] - referent.intro[0]:
            referent.intro = full
            referent.resolved = False
        return referent

    def _learn_person(self, referent: Referent, title: list[Token], head: Token) -> None:
        words = [t for t in title if t.ent_type_ not in ("NORP", "GPE")]
        places = {t.lower_.removesuffix("’s").removesuffix("'s") for t in title if t.ent_type_ in ("NORP", "GPE")}
        for child in head.children:
            if child.dep_ == "appos" and child.lemma_.lower() in lex.ROLE_WORDS:
                start, end = core_span(child, of_phrase=True)
                phrase = [t for t in self.doc[start : end + 1] if t.dep_ != "det" or t.i != start]
                words.extend(t for t in phrase if t.ent_type_ not in ("NORP", "GPE"))
                places.update(t.lower_ for t in phrase if t.ent_type_ in ("NORP", "GPE"))
                _set_role(referent, _role_text(phrase))
        referent.places.update(p for p in places if p)
        lowered = {t.lemma_.lower().rstrip(".") for t in words} | {t.lower_.rstrip(".") for t in words}
        referent.role_words.update(w for w in lowered if w in lex.ROLE_WORDS)
        _set_role(referent, _role_text(title))
        if referent.gender is None:
            referent.gender = _gender(referent.name, lowered)

    def _find(self, name: str, kind: str) -> Referent | None:
        lowered = name.lower()
        for referent in reversed(self.referents):
            if referent.kind != kind or referent.anonymous or not referent.name:
                continue
            if referent.name.lower() == lowered:
                return referent
            if kind == "person" and _same_person(referent.name, name):
                return referent
        return None

    def _mention(
        self, referent: Referent, token: Token, index: int, main_verbs: set[int], *, main: bool = False
    ) -> None:
        phrase = _phrase_head(token)
        subject = phrase.dep_ in SUBJECT_DEPS
        verb = _governing_verb(token)
        is_main = main or (subject and verb is not None and verb.i in main_verbs)
        coordinated = any(c.dep_ == "conj" for c in token.children) or token.dep_ == "conj"
        locative = phrase.dep_ == "pobj" and phrase.head.lower_ in lex.LOCATIVE_PREPOSITIONS
        self.mentions.append(Mention(referent, token.idx, index, subject, is_main, coordinated, locative))

    # -- resolving a speaker ----------------------------------------------------------------------------------

    def resolve(self, token: Token, index: int, *, exclude: tuple[int, int] | None = None) -> Resolution:
        """The speaker a subject token stands for; ``exclude`` is the cue's reported clause (not a candidate)."""
        if token.lower_ in lex.RELATIVE_PRONOUNS and token.head.dep_ == "relcl":
            token = token.head.head
        low = token.lower_
        if low in lex.PRONOUN_GENDER or low in lex.ORG_PRONOUNS:
            resolution = Resolution(token.text, token.idx, token.idx + len(token))
            kind = "org" if low in lex.ORG_PRONOUNS else "person"
            referent = self._pronoun(token, index, kind, lex.PRONOUN_GENDER.get(low), exclude)
            if referent is not None:
                if kind == "person" and referent.gender is None:
                    referent.gender = lex.PRONOUN_GENDER[low]
                self.mentions.append(Mention(referent, token.idx, index, True, True))
            resolution.referent = referent
            return resolution
        if low in lex.UNRESOLVED_PRONOUNS:
            return Resolution(token.text, token.idx, token.idx + len(token))
        return self._noun_phrase(token, index)

    def _noun_phrase(self, head: Token, index: int) -> Resolution:
        start, end = core_span(head, of_phrase=head.pos_ != "PROPN")
        appos = next((c for c in head.rights if c.dep_ == "appos" and _is_name(c)), None)
        named = self.named_at(head)
        if named is None and appos is not None:
            end = max(end, core_span(appos)[1], appos.i)  # "the alliance's secretary general, Jens Stoltenberg"
            named = self.named_at(appos)
        span = self.doc[start : end + 1]
        resolution = Resolution(_mention_text(span), span.start_char, span.end_char)
        lemma = head.lemma_.lower()
        if named is not None:
            resolution.referent = named
        elif lemma in lex.DOCUMENT_NOUNS:
            owner = _document_owner(head)
            if owner is not None:
                resolution.referent = self._noun_phrase(owner, index).referent
            elif _definite(span):
                resolution.referent = self._document_author(head, index)
        elif lemma in lex.ROLE_WORDS or head.lower_ in lex.ROLE_WORDS:
            nominal = self._nominal(span, head)
            resolution.nominal = nominal
            referent = None if nominal.indefinite else self._antecedent(nominal, span)
            resolution.referent = referent or self._anonymous(nominal, span)
        elif lemma in lex.PEOPLE_NOUNS:
            resolution.referent = self._anonymous(self._nominal(span, head), span)  # "analysts say"
        elif lemma in lex.ORG_NOUNS or head.lower_ in lex.ORG_NOUNS:
            referent = self._org_noun(head.lower_) if _definite(span) else None
            if referent is None and _described(span, head):
                referent = self._described_org(span)  # "Russian state media", "a Pentagon spokesman's office"
            resolution.referent = referent
        if resolution.referent is not None:
            self.mentions.append(Mention(resolution.referent, head.idx, index, True, True))
        return resolution

    def _document_author(self, head: Token, index: int) -> Referent | None:
        """Who issued "the statement" / "the readout": the main subject of a recent sentence that named one."""
        lemma = head.lemma_.lower()
        for sentence in range(index, max(index - 3, -1), -1):
            sent = self._sentence(sentence)
            if not any(t.lemma_.lower() == lemma and t.i < head.i for t in sent):
                continue
            authors = {id(m.referent): m.referent for m in self.mentions if m.sentence == sentence and m.main}
            return next(iter(authors.values())) if len(authors) == 1 else None
        return None

    def _sentence(self, index: int) -> Span:
        if self._sentences is None:
            self._sentences = list(self.doc.sents)
        return self._sentences[index]

    def _anonymous(self, nominal: Nominal, span: Span) -> Referent:
        """An unnamed person introduced by a role ("a senior official"): a referent whose name stays unknown."""
        gender = "f" if nominal.noun in lex.FEMALE_ROLES else "m" if nominal.noun in lex.MALE_ROLES else None
        referent = Referent(
            name="",
            kind="person",
            gender=gender,
            role_words={nominal.noun, *nominal.extra},
            places=set(nominal.places),
            intro=(span.start_char, span.end_char),
            anonymous=True,
        )
        self.referents.append(referent)
        return referent

    def _described_org(self, span: Span) -> Referent:
        name = _clean_name(" ".join(t.text for t in span if t.dep_ != "det"))
        referent = self._find(name, "org") or Referent(name=name, kind="org", intro=(span.start_char, span.end_char))
        if referent not in self.referents:
            self.referents.append(referent)
        return referent

    def merge(self, anonymous: Referent, named: Referent) -> None:
        """The unnamed person turned out to be ``named`` (lede rule): their mentions become ``named``'s."""
        for mention in self.mentions:
            if mention.referent is anonymous:  # same object (a referent)
                mention.referent = named
        named.role_words |= anonymous.role_words

    def named_at(self, token: Token) -> Referent | None:
        """The referent of a name at ``token`` (entity or proper-noun chain), registering it if new."""
        if token.ent_type_ and token.ent_iob_ in ("B", "I"):
            ent = next((e for e in token.doc.ents if e.start <= token.i < e.end), None)
            if ent is not None and (kind := self._kind(ent)) is not None:
                self._seen.add((ent.start, ent.end))
                return self._named(ent, kind)
        if token.pos_ != "PROPN" or token.lower_ in lex.ROLE_WORDS:
            return None  # a title on its own ("Russia's Deputy") is a role, not a name
        first = token
        while first.i > 0 and token.doc[first.i - 1].pos_ == "PROPN" and token.doc[first.i - 1].head == token:
            first = token.doc[first.i - 1]
        chain = token.doc[first.i : token.i + 1]
        kind = "person" if self._person_like(list(chain), token) else "org"
        return self._named(chain, kind)

    def name_at(self, span: Span) -> Referent | None:
        """A name standing alone (a headline's "Lavrov:"): an entity, else a person unless it looks otherwise."""
        referent = self.named_at(span[-1])
        if referent is not None:
            return referent
        if any(t.lower_ in lex.ROLE_WORDS or t.lower_ in lex.ORG_NOUNS for t in span):
            return None
        return self._named(span, "person")

    def _pronoun(
        self, token: Token, index: int, kind: str, gender: str | None, exclude: tuple[int, int] | None
    ) -> Referent | None:
        candidates = [
            m
            for m in self.mentions
            if m.start < token.idx
            and index - WINDOW <= m.sentence <= index
            and m.referent.kind == kind
            and not (exclude and exclude[0] <= m.start < exclude[1])
        ]
        if gender is not None:
            candidates = [m for m in candidates if m.referent.gender in (gender, None)]
        if kind == "org":
            candidates = [m for m in candidates if m.subject]
        if not candidates:
            return None
        nearest = max(m.sentence for m in candidates)
        group = [m for m in candidates if m.sentence == nearest]
        if gender is not None:
            group = [m for m in group if m.referent.gender == gender] or group
        for flag in ("main", "subject"):
            ranked = [m for m in group if getattr(m, flag)]
            if ranked:
                best = ranked[-1]
                return None if best.coordinated else best.referent
        referents = {id(m.referent): m.referent for m in group}
        return next(iter(referents.values())) if len(referents) == 1 else None

    def _nominal(self, span: Span, head: Token) -> Nominal:
        noun = head.lemma_.lower() if head.lemma_.lower() in lex.ROLE_WORDS else head.lower_
        places = set()
        extra = set()
        for token in span:
            if token.i == head.i or token.dep_ in ("det", "case", "punct"):
                continue
            word = token.lower_.removesuffix("’s").removesuffix("'s")
            if token.ent_type_ in ("NORP", "GPE") and word not in lex.GENERIC_PLACES:
                places.add(word)
            elif token.lemma_.lower() in lex.ROLE_WORDS and token.lemma_.lower() not in lex.TITLE_STOPWORDS:
                extra.add(token.lemma_.lower())
        return Nominal(noun, frozenset(extra), frozenset(places), indefinite=not _definite(span))

    def compatible(self, referent: Referent, nominal: Nominal) -> bool:
        """Whether a person can be called by this role noun (licence, extra title words, places)."""
        if referent.kind != "person":
            return False
        words = referent.role_words | self._sector_roles(referent)
        licensed = lex.ROLE_LICENSES.get(nominal.noun, frozenset({nominal.noun}))
        if nominal.noun in lex.GENERIC_ROLES:
            if not words:
                return False
        elif not (licensed & words) and nominal.noun not in words:
            return False
        if nominal.noun in lex.FEMALE_ROLES and referent.gender == "m":
            return False
        if nominal.noun in lex.MALE_ROLES and referent.gender == "f":
            return False
        if not nominal.extra <= words:
            return False
        return not nominal.places or any(self._same_place(p, referent) for p in nominal.places)

    def _antecedent(self, nominal: Nominal, span: Span) -> Referent | None:
        for mention in reversed(self.mentions):
            if mention.start < span.start_char and self.compatible(mention.referent, nominal):
                return mention.referent
        return self._from_actors(nominal, span)

    def _from_actors(self, nominal: Nominal, span: Span) -> Referent | None:
        """A definite role with no earlier holder ("the Russian president"): the office holder on the date.

        Only a specific role counts (never "the official"), and the holder must fit the nominal like any
        antecedent would (role licence, place).
        """
        if nominal.noun in lex.GENERIC_ROLES or not self.dated:
            return None  # without the article's date the office holder would be today's, a guess
        actor = self._resolve_actor(span.text, span.start_char, span.end_char)
        if actor is None or not actor.kb_id or not actor.name or not actor.role:
            return None
        candidate = self._find(actor.name, "person") or Referent(name=actor.name, kind="person")
        known = candidate in self.referents
        if not known:
            candidate.actor, candidate.resolved = actor, True
            candidate.role_words = {w for w in actor.role.lower().split() if w in lex.ROLE_WORDS}
        if not self.compatible(candidate, nominal):
            return None
        if not known:
            self.referents.append(candidate)
        return candidate

    def _org_noun(self, lemma: str) -> Referent | None:
        for mention in reversed(self.mentions):
            referent = mention.referent
            if referent.kind == "org" and lemma in referent.name.lower():
                return referent
        return None

    @property
    def dated(self) -> bool:
        """Whether the actor resolver knows the article's date (so its roles are the ones held then)."""
        return self.actors is not None and getattr(self.actors, "date", None) is not None

    def _sector_roles(self, referent: Referent) -> set[str]:
        actor = self.enrich(referent)
        if actor is None:
            return set()
        words = set(lex.SECTOR_ROLES.get(actor.sector or "", ()))
        if self.dated:
            words |= {w for w in (actor.role or "").lower().split() if w in lex.ROLE_WORDS}
        return words

    def _same_place(self, word: str, referent: Referent) -> bool:
        if any(_same_stem(word, place) for place in referent.places):
            return True
        code = self._place_code(word)
        actor = self.enrich(referent)
        return code is not None and actor is not None and actor.country == code

    def _place_code(self, word: str) -> str | None:
        """The country code of a place word ("russian", "us"), from the actor resolver."""
        if word not in self._places:
            code = None
            for form in (word.upper() if len(word) <= 3 else word.capitalize(), word):
                actor = self._resolve_actor(form, -1, -1)
                if actor is not None and actor.country:
                    code = actor.country
                    break
            self._places[word] = code
        return self._places[word]

    # -- the actor resolver -----------------------------------------------------------------------------------

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
        titled = None
        if referent.intro is not None:
            start, end = referent.intro
            titled = self._resolve_actor(self.doc.text[start:end], start, end)
        if referent.kind == "org":
            referent.actor = titled or self._resolve_actor(referent.name, -1, -1)
        elif referent.anonymous:
            if titled is not None:
                referent.actor = Actor(text=titled.text, country=titled.country, sector=titled.sector, role=titled.role)
        else:
            start, end = referent.name_span or (-1, -1)
            named = self._resolve_actor(referent.name, start, end)
            for actor in (titled, named):
                if actor is not None and actor.kb_id and actor.name and _same_person(actor.name, referent.name):
                    referent.actor = actor
                    break
            else:
                if titled is not None:
                    referent.actor = Actor(text=referent.name, country=titled.country, sector=titled.sector)
            if referent.actor is not None and titled is not None:
                referent.actor.country = referent.actor.country or titled.country
                referent.actor.sector = referent.actor.sector or titled.sector
        return referent.actor

    def _resolve_actor(self, text: str, start: int, end: int) -> Actor | None:
        if self.actors is None:
            return None
        return self.actors.resolve(text, start=start, end=end)


# -- noun phrases -----------------------------------------------------------------------------------------------


def core_span(head: Token, *, of_phrase: bool = False) -> tuple[int, int]:
    """Token range of a noun phrase without appositions, relative clauses or trailing punctuation.

    With ``of_phrase`` a common noun keeps its "of" complement ("the head of the Russian delegation").
    """
    start = head.i
    for child in head.lefts:
        if child.dep_ in CORE_LEFT_DEPS:
            start = min(start, child.left_edge.i)
    end = head.i
    if of_phrase:
        for child in head.rights:
            if child.dep_ == "prep" and child.lower_ == "of":
                end = max(end, _core_right(child))
                break
    doc = head.doc
    while start < end and doc[start].is_punct:
        start += 1
    return start, end


def _core_right(prep: Token) -> int:
    objects = [c for c in prep.children if c.dep_ == "pobj"]
    if not objects:
        return prep.i
    return objects[0].i


def _mention_text(span: Span) -> str:
    text = span.text.strip()
    return text.rstrip(",;:")


def _definite(span: Span) -> bool:
    first = span[0]
    if first.lower_ in lex.DETERMINERS_INDEFINITE:
        return False
    return first.lower_ in lex.DETERMINERS_DEFINITE or any(t.dep_ == "poss" for t in span) or first.pos_ == "PROPN"


def _document_owner(head: Token) -> Token | None:
    """Who a document speaks for: "the Kremlin's statement", "a Pentagon readout", "a statement from the embassy"."""
    for child in head.lefts:
        if child.dep_ in ("poss", "compound") and _is_name(child):
            return child
    for child in head.rights:
        if child.dep_ == "prep" and child.lower_ in ("from", "by", "of"):
            found = next((c for c in child.children if c.dep_ == "pobj"), None)
            if found is not None and found.lemma_.lower() not in lex.DOCUMENT_NOUNS:
                return found
    return None


def _described(span: Span, head: Token) -> bool:
    """Whether an organisation noun carries a description of its own ("Russian state media")."""
    return any(t.i != head.i and t.dep_ in ("amod", "compound", "nmod", "poss") for t in span)


def _is_name(token: Token) -> bool:
    return token.pos_ == "PROPN" or token.ent_type_ in ("PERSON", "ORG", "GPE")


def _phrase_head(token: Token) -> Token:
    """The head of the noun phrase a name sits in (through compounds, appositions and coordination)."""
    return climb(token, lambda t: t.dep_ in ("compound", "conj", "appos", "flat"))


def _governing_verb(token: Token) -> Token | None:
    head = _phrase_head(token).head
    return head if head.pos_ in ("VERB", "AUX") else None


NAME_PARTICLES = frozenset({"von", "van", "der", "den", "de", "da", "di", "du", "la", "le", "bin", "al", "el", "ter"})


def _whole_name(span: Span) -> Span:
    """The entity the tagger cut short ("Ursula von der" + "Leyen"): extend over particles and capitalised words."""
    doc, end = span.doc, span.end
    while end < len(doc) and (
        (
            doc[end].lower_ in NAME_PARTICLES
            and end + 1 < len(doc)
            and (doc[end + 1].is_title or doc[end + 1].lower_ in NAME_PARTICLES)
        )
        or (span.text.split()[-1].lower() in NAME_PARTICLES and doc[end].is_title)
        or (end > span.end and doc[end - 1].lower_ in NAME_PARTICLES and doc[end].is_title)
    ):
        end += 1
    return doc[span.start : end] if end > span.end else span


def _clean_name(text: str) -> str:
    text = text.strip().removesuffix("’s").removesuffix("'s")
    words = text.split()
    if words and words[0].lower() == "the":
        words = words[1:]
    return " ".join(words)


def _role_text(tokens: list[Token]) -> str | None:
    """A title as written, without the leading article, nationality or qualifiers ("Deputy Foreign Minister")."""
    words = list(tokens)
    while words and (
        words[0].lower_ in lex.TITLE_STOPWORDS
        or words[0].dep_ in ("det", "poss", "case", "punct")
        or words[0].ent_type_ in ("NORP", "GPE", "PERSON")
    ):
        words = words[1:]
    while words and words[-1].is_punct:
        words = words[:-1]
    if not any(t.lemma_.lower() in lex.ROLE_WORDS or t.lower_ in lex.ROLE_WORDS for t in words):
        return None
    return "".join(t.text_with_ws for t in words).strip() or None


def _set_role(referent: Referent, role: str | None) -> None:
    """Keep the fullest title seen ("Deputy Foreign Minister" over "diplomat")."""
    if role and (referent.role is None or len(role.split()) > len(referent.role.split())):
        referent.role = role


def _gender(name: str, title_words: set[str]) -> str | None:
    if title_words & lex.FEMALE_ROLES:
        return "f"
    if title_words & lex.MALE_ROLES:
        return "m"
    words = name.lower().split()
    if not words:
        return None
    if words[0] in lex.FEMALE_NAMES:
        return "f"
    if words[0] in lex.MALE_NAMES:
        return "m"
    surname = words[-1]
    if surname.endswith(lex.FEMALE_SURNAME_ENDINGS):
        return "f"
    if surname.endswith(lex.MALE_SURNAME_ENDINGS):
        return "m"
    return None


def _same_surname(name: str, other: str) -> bool:
    return fuzz.ratio(name.split()[-1].lower(), other.split()[-1].lower()) >= 88


def _same_person(name: str, other: str) -> bool:
    """Same surname, and the given names (when both have one) do not disagree."""
    if not _same_surname(name, other):
        return False
    mine, theirs = name.split()[:-1], other.split()[:-1]
    if not mine or not theirs:
        return True
    return fuzz.ratio(mine[0].lower(), theirs[0].lower()) >= 75 or mine[0][0].lower() == theirs[0][0].lower()


def _same_stem(word: str, place: str) -> bool:
    word, place = word.lower(), place.lower()
    if word == place:
        return True
    size = min(len(word), len(place), 5)
    return size >= 4 and word[:size] == place[:size]
