"""Who a speaker mention points back to: pronouns, role nouns, document nouns, organisation nouns.

A quote's speaker is often not named where the quote is ("he added", "the diplomat warned"). These rules resolve
such mentions against the article's memory; when a rule does not single out one referent the speaker stays
unknown rather than guessed.

Pronouns (he/she). Candidates are the persons mentioned before the pronoun in the same sentence (outside the
reported clause of the cue being attributed) and in the four sentences before, whose gender is compatible. The
*nearest sentence* holding a candidate decides: its main-clause subject (or quote speaker) wins; else its most
recent subject-position person; else its only person (within each rank, those whose gender is known to match
first, so a main subject whose given name is unknown still beats a known man named as an object). An earlier
sentence that names people only in passing, with no person as its main subject ("The drafts were prepared on
instructions from Putin, who ..."), does not decide: the last sentence with a person as main subject does.
Coordinated subjects ("Lavrov and Blinken said") and two different persons in non-subject positions leave the
speaker unknown. So "he" after two named men resolves to the most recent main-clause subject. "It" resolves
the same way to organisations and places, but only from subject position. (The rule itself is
:meth:`redline.actors.memory.ArticleMemory.pronoun`, shared with the other components.)

Nominals ("the diplomat", "the Russian president", "Russia's Deputy", "the minister"). The head noun must be
licensed by one of the candidate's role words (a "leader" can be a president or a prime minister; an
"official" is anyone with a role), extra role words in the nominal must be among the candidate's, and place
words must agree. The most recently mentioned such person wins; when none exists the actor resolver may know
the office holder for the date. Indefinite nominals ("a top Russian diplomat") stay unresolved here; the
extractor's lede rule may link them forward.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from redline.actors.memory import ArticleMemory, Referent
from redline.quotes import lexicon as lex
from redline.quotes import phrases
from redline.quotes.enrichment import Enrichment
from redline.quotes.phrases import Nominal
from redline.quotes.referents import ReferentReader
from redline.records import Actor


@dataclass(slots=True)
class Resolution:
    """A speaker mention and, when the rules single one out, its referent."""

    mention: str | None
    start: int
    end: int
    referent: Referent | None = None
    nominal: Nominal | None = None


class Coreference:
    """Resolves speaker mentions of one article against its memory (see the module docstring)."""

    def __init__(self, reader: ReferentReader, enrichment: Enrichment, memory: ArticleMemory) -> None:
        self.reader = reader
        self.enrichment = enrichment
        self.memory = memory
        self.doc = reader.doc
        self._sentences: list[Span] | None = None

    def resolve(self, token: Token, index: int, *, exclude: tuple[int, int] | None = None) -> Resolution:
        """The speaker a subject token stands for; ``exclude`` is the cue's reported clause (not a candidate)."""
        if token.lower_ in lex.RELATIVE_PRONOUNS and token.head.dep_ == "relcl":
            token = phrases.relative_antecedent(token)
        low = token.lower_
        if low in lex.PRONOUN_GENDER or low in lex.ORG_PRONOUNS:
            resolution = Resolution(token.text, token.idx, token.idx + len(token))
            kind = "org" if low in lex.ORG_PRONOUNS else "person"
            gender = lex.PRONOUN_GENDER.get(low)
            referent = self.memory.pronoun(token.idx, index, kind=kind, gender=gender, exclude=exclude)
            if referent is not None:
                if kind == "person" and referent.gender is None:
                    referent.gender = lex.PRONOUN_GENDER[low]
                self.memory.mention(referent, token.idx, index, subject=True, main=True)
            resolution.referent = referent
            return resolution
        if low in lex.UNRESOLVED_PRONOUNS:
            return Resolution(token.text, token.idx, token.idx + len(token))
        return self._noun_phrase(token, index)

    def observe_role(self, head: Token, index: int) -> None:
        """A definite title with its place as a clause's subject ("The Ukrainian president thanked Berlin", "The
        U.S. envoy to the OSCE struck a bleak tone"): the person it names becomes a mention, so a later "he" or "the
        head of state" finds them. An office one person holds (``SINGLE_OFFICES``) names its holder that day; any
        other title names an earlier person who fits it, else an unnamed one, so that "he" stays unknown rather
        than going to someone else. A bare "the minister" or "the envoy" (no place) and "head"/"leader" titles
        name no one here."""
        prime_minister = head.lemma_.lower() == "minister" and any(c.lower_ == "prime" for c in head.lefts)
        single = head.lemma_.lower() in lex.SINGLE_OFFICES or prime_minister
        if head.pos_ != "NOUN" or not (single or head.lemma_.lower() in lex.TITLE_NOUNS):
            return
        start, end = phrases.core_span(head, of_phrase=True)
        host = next((c for c in head.rights if c.dep_ == "prep" and c.lower_ == "to"), None)
        if host is not None:
            end = max(end, phrases.core_right(host))  # "the U.S. envoy *to the OSCE*": whose envoy where
        span = self.doc[start : end + 1]
        if not phrases.definite(span) or any(t.pos_ == "PROPN" for t in head.subtree if t.ent_type_ == "PERSON"):
            return  # a named holder is the reader's ("the president, Volodymyr Zelensky")
        nominal = phrases.nominal(span, head)
        weak = nominal.noun in lex.GENERIC_ROLES or nominal.noun in lex.WEAK_ROLES
        if nominal.indefinite or weak or not nominal.places:
            return
        referent = self._antecedent(nominal, span)
        if referent is None and not single and head.head.lemma_.lower() not in lex.SPEECH_VERBS:
            # "The U.S. envoy to the OSCE struck a bleak tone. '...,' he told the council": the envoy is who "he"
            # continues, named or not; an unnamed one leaves the speaker unknown rather than someone else (the
            # subject of a speech verb is the speaker rules' to resolve)
            referent = self.reader.anonymous(nominal, span)
        if referent is not None and (not referent.anonymous or not single):
            self.memory.mention(referent, head.idx, index, subject=True, main=True)

    def _noun_phrase(self, head: Token, index: int) -> Resolution:
        titled = head.lower_ in lex.ROLE_WORDS or head.lemma_.lower() in lex.ROLE_WORDS  # "the US Secretary of State"
        if not titled and head.pos_ == "NOUN" and head.lemma_.lower() not in lex.DOCUMENT_NOUNS:
            # "The host of the summit, the Indian prime minister, said": the appositive title says who
            role = next((c for c in head.rights if c.dep_ == "appos" and c.lemma_.lower() in lex.ROLE_WORDS), None)
            if role is not None and phrases.definite(self.doc[phrases.core_span(role)[0] : role.i + 1]):
                return self._noun_phrase(role, index)
        start, end = phrases.core_span(head, of_phrase=head.pos_ != "PROPN" or titled)
        appos = phrases.appositive_name(head)
        named = self.reader.named_at(head)
        if named is None and appos is not None:
            end = max(end, phrases.core_span(appos)[1], appos.i)  # "the alliance's secretary general, Jens Stoltenberg"
            named = self.reader.named_at(appos)
        span = self.doc[start : end + 1]
        resolution = Resolution(phrases.mention_text(span), span.start_char, span.end_char)
        resolution.referent = named if named is not None else self._unnamed(head, span, index, resolution)
        if resolution.referent is not None:
            self.memory.mention(resolution.referent, head.idx, index, subject=True, main=True)
        return resolution

    def _unnamed(self, head: Token, span: Span, index: int, resolution: Resolution) -> Referent | None:
        """The referent of a speaker phrase without a name: a document, a role, people, an organisation noun."""
        lemma = head.lemma_.lower()
        if head.tag_ in ("NNS", "NNPS") and (phrases.definite(span) or span[0].lower_ in lex.PAIR_WORDS):
            group = self._group(head, span)
            if group is not None:
                return group
        if lemma in lex.DOCUMENT_NOUNS:
            owner = phrases.document_owner(head)
            if owner is not None:
                return self._noun_phrase(owner, index).referent
            return self._document_author(head, index) if phrases.definite(span) else None
        if lemma in lex.COUNTERPART_WORDS:
            counterpart = self._counterpart(head, span, index)
            if counterpart is not None:
                return counterpart
        if lemma in lex.ROLE_WORDS or head.lower_ in lex.ROLE_WORDS:
            nominal = phrases.nominal(span, head)
            resolution.nominal = nominal
            referent = None if nominal.indefinite else self._antecedent(nominal, span)
            return referent or self.reader.anonymous(nominal, span)
        if lemma in lex.PEOPLE_NOUNS:
            return self.reader.anonymous(phrases.nominal(span, head), span)  # "analysts say"
        if lemma in lex.ORG_NOUNS or head.lower_ in lex.ORG_NOUNS:
            referent = self._org_noun(head.lower_) if phrases.definite(span) else None
            if referent is None and phrases.described(span, head):
                referent = self.reader.described_org(span)  # "Russian state media", "a Pentagon spokesman's office"
            if referent is None and phrases.definite(span):
                referent = self._context_org(span)  # "the alliance" in an article about NATO
            return referent
        return None

    def _group(self, head: Token, span: Span) -> Referent | None:
        """ "The two ministers", "both leaders", "both sides": the last two of the kind mentioned before, as one
        speaker ("Sergei Lavrov and Antony Blinken"; the country when they share one)."""
        if not any(t.lower_ in lex.PAIR_WORDS for t in span):
            return None
        lemma = head.lemma_.lower()
        if lemma in lex.PARTY_NOUNS:
            kind, accept = "org", (lambda r: r.kind == "org" and not r.anonymous)
        elif lemma in lex.ROLE_WORDS:
            nominal = phrases.nominal(span, head)
            # two office holders need not share a title ("the two ministers": a foreign minister and a secretary
            # of state): anyone with a role who fits the phrase's places
            anyone = Nominal("official", frozenset(), nominal.places, indefinite=False)
            kind, accept = "person", (lambda r: not r.anonymous and self.compatible(r, anyone))
        else:
            return None
        members: list[Referent] = []
        for mention in reversed(self.memory.mentions):
            if mention.start < span.start_char and mention.referent not in members and accept(mention.referent):
                members.append(mention.referent)
                if len(members) == 2:
                    break
        if len(members) != 2:
            return None
        actors = [self.enrichment.enrich(m) for m in reversed(members)]
        names = " and ".join(m.name for m in reversed(members))
        countries = {a.country for a in actors if a is not None}
        sectors = {a.sector for a in actors if a is not None}
        shared = next(iter(countries)) if len(countries) == 1 and None not in countries else None
        actor = Actor(
            text=span.text,
            name=names,
            country=shared,
            sector=next(iter(sectors)) if len(sectors) == 1 else None,
            role=head.lower_ if kind == "person" else None,
        )
        return Referent(name=names, kind="group", actor=actor, resolved=True)

    def _document_author(self, head: Token, index: int) -> Referent | None:
        """Who issued "the statement" / "the readout": the main subject of a recent sentence that named one."""
        lemma = head.lemma_.lower()
        for sentence in range(index, max(index - 3, -1), -1):
            sent = self._sentence(sentence)
            if not any(t.lemma_.lower() == lemma and t.i < head.i for t in sent):
                continue
            authors = {id(m.referent): m.referent for m in self.memory.mentions if m.sentence == sentence and m.main}
            return next(iter(authors.values())) if len(authors) == 1 else None
        return None

    def _sentence(self, index: int) -> Span:
        if self._sentences is None:
            self._sentences = list(self.doc.sents)
        return self._sentences[index]

    def _counterpart(self, head: Token, span: Span, index: int) -> Referent | None:
        """ "Her Russian counterpart", "Lavrov's US counterpart": whoever holds, in the place the phrase names, the
        office the possessor holds (on the article's date)."""
        possessor = next((c for c in head.children if c.dep_ == "poss"), None)
        places = phrases.nominal(span, head).places
        if possessor is None or not places or not self.enrichment.dated:
            return None
        if possessor.lower_ in lex.PRONOUN_GENDER:
            gender = lex.PRONOUN_GENDER[possessor.lower_]
            owner = self.memory.pronoun(possessor.idx, index, kind="person", gender=gender)
        else:
            owner = self.reader.named_at(possessor)
        actor = self.enrichment.enrich(owner) if owner is not None else None
        if actor is None or not actor.role or not actor.kb_id:
            return None
        place = next(iter(sorted(places)))
        found = self.enrichment.resolve_actor(f"the {place.capitalize()} {actor.role}", span.start_char, span.end_char)
        if found is None or not found.kb_id or not found.name or found.kb_id == actor.kb_id:
            return None
        return self._holder_referent(found)

    def _holder_referent(self, actor: Actor) -> Referent:
        """The referent for a person the actor resolver named from a title (a known referent if already there)."""
        candidate = self.reader.find(actor.name or "", "person") or Referent(name=actor.name or "", kind="person")
        if candidate not in self.memory.referents:
            candidate.actor, candidate.resolved = actor, True
            candidate.role_words = {w for w in (actor.role or "").lower().split() if w in lex.TITLE_WORDS}
            self.memory.referents.append(candidate)
        return candidate

    def compatible(self, referent: Referent, nominal: Nominal, *, licence: bool = True) -> bool:
        """Whether a person can be called by this role noun (licence, extra title words, places); without
        ``licence`` only gender and places are checked (the title itself was read by the actor resolver)."""
        if referent.kind != "person":
            return False
        if not licence:
            return self._gender_fits(referent, nominal) and (
                not nominal.places or any(self.enrichment.same_place(p, referent) for p in nominal.places)
            )
        words = referent.role_words | self.enrichment.sector_roles(referent)
        past_countries: set[str] = set()
        if nominal.former:
            past_words, past_countries = self.enrichment.past_roles(referent)
            words = words | past_words
        licensed = lex.ROLE_LICENSES.get(nominal.noun, frozenset({nominal.noun}))
        if nominal.noun in lex.GENERIC_ROLES:
            if not words:
                return False
        elif not (licensed & words) and nominal.noun not in words and not self._canciller(referent, nominal, words):
            return False
        if not self._gender_fits(referent, nominal):
            return False
        if not nominal.extra <= words:
            return False
        if past_countries and all(self.enrichment.former_place(p, past_countries) for p in nominal.places):
            return True  # "the former Dutch prime minister": the place of the past role
        return not nominal.places or any(self.enrichment.same_place(p, referent) for p in nominal.places)

    def _canciller(self, referent: Referent, nominal: Nominal, words: set[str]) -> bool:
        """ "The chancellor" for a Latin American foreign minister (the translated "canciller")."""
        if nominal.noun != "chancellor" or "foreign" not in words:
            return False
        actor = self.enrichment.enrich(referent)
        return actor is not None and actor.country in lex.CHANCELLOR_FOREIGN_COUNTRIES

    @staticmethod
    def _gender_fits(referent: Referent, nominal: Nominal) -> bool:
        if nominal.noun in lex.FEMALE_ROLES and referent.gender == "m":
            return False
        return not (nominal.noun in lex.MALE_ROLES and referent.gender == "f")

    def _antecedent(self, nominal: Nominal, span: Span) -> Referent | None:
        country = None if nominal.former else self._phrase_country(span)  # "the former Dutch PM" heads NATO now
        found = self.memory.latest(
            span.start_char,
            lambda referent: self.compatible(referent, nominal) and self._of_country(referent, country),
        )
        owned = any(t.pos_ == "PROPN" and t.ent_type_ not in ("GPE", "NORP") for t in span if t.i != span.root.i)
        if found is not None and not found.anonymous and (nominal.places or owned) and not nominal.former:
            # "the head of Brazilian diplomacy" after "Lula", "the Pentagon press secretary" after the White House's:
            # a title that names its country's or body's office on the date is that office's holder; an earlier
            # person who holds another office is not
            holder = self._from_actors(nominal, span)
            if holder is not None and holder is not found and self._holds_other_office(found, holder):  # same object
                return holder
        intro = self._definite_intro(found) if found is not None and found.anonymous else None
        if found is not None and intro is not None:
            # "the alliance's secretary general ... the NATO chief": a later, fuller title names the holder, and
            # the unnamed office holder met first was them, if the first title fits them too
            named = self._from_actors(nominal, span)
            if named is not None and self.compatible(named, intro):
                self.memory.merge(found, named)
                return named
        return found or self._from_actors(nominal, span)

    def _holds_other_office(self, found: Referent, holder: Referent) -> bool:
        """Whether the knowledge base gives ``found`` a role on the date other than the one ``holder`` holds."""
        mine, theirs = self.enrichment.enrich(found), self.enrichment.enrich(holder)
        if mine is None or theirs is None or not mine.kb_id or not mine.role or not theirs.role:
            return False
        return mine.kb_id != theirs.kb_id and mine.role != theirs.role

    def _phrase_country(self, span: Span) -> str | None:
        """The country a title phrase places its holder in, as the actor resolver reads it ("the *Kremlin*
        leader", "the White House spokesman"); None when it names none. A bare title ("the diplomat") names no
        place: what the resolver would add comes from its memory of the article, not from the phrase."""
        if all(t.i == span.root.i or t.dep_ in ("det", "punct") for t in span):
            return None
        actor = self.enrichment.resolve_actor(span.text, -1, -1)
        return actor.country if actor is not None else None

    def _of_country(self, referent: Referent, country: str | None) -> bool:
        """A referent may be called by a phrase of ``country`` unless it is known to belong to another."""
        if country is None:
            return True
        actor = self.enrichment.enrich(referent)
        return actor is None or actor.country is None or actor.country == country

    def _definite_intro(self, referent: Referent) -> Nominal | None:
        """The title an unnamed person was introduced by, when it was definite ("the defence minister"; never "a
        senior official")."""
        if referent.intro is None:
            return None
        span = self.doc.char_span(*referent.intro, alignment_mode="expand")
        if span is None or not phrases.definite(span):
            return None
        return phrases.nominal(span, span.root)

    def _from_actors(self, nominal: Nominal, span: Span) -> Referent | None:
        """A definite role with no earlier holder ("the Russian president", "the head of French diplomacy"): the
        holder on the date, as the actor resolver reads the whole phrase.

        Only a specific role counts (never "the official"); the holder must agree with the phrase's places and
        gender (its title words were read by the resolver, which knows "head of diplomacy" is a minister).
        """
        if nominal.noun in lex.GENERIC_ROLES or not self.enrichment.dated:
            return None  # without the article's date the office holder would be today's, a guess
        actor = self.enrichment.resolve_actor(span.text, span.start_char, span.end_char)
        if actor is not None and _possessor_named(span, actor):
            # "the UN Secretary-General's spokesman" is "the spokesman of the UN Secretary-General"
            actor = self.enrichment.resolve_actor(_of_phrase(span), span.start_char, span.end_char)
            if actor is not None and _possessor_named(span, actor):
                return None
        if actor is None or not actor.kb_id or not actor.name or not actor.role or _owner_named(span, actor):
            return None
        known = self.reader.find(actor.name, "person")
        candidate = known or Referent(name=actor.name, kind="person")
        if known is None:
            candidate.actor, candidate.resolved = actor, True
            candidate.role_words = {w for w in actor.role.lower().split() if w in lex.TITLE_WORDS}
        if not self.compatible(candidate, nominal, licence=False):
            return None
        if known is None:
            self.memory.referents.append(candidate)
        return candidate

    def _context_org(self, span: Span) -> Referent | None:
        """The organisation a bare noun stands for in this article, as the actor resolver reads it ("the alliance"
        after "NATO": the knowledge base's context nouns and the article's memory)."""
        for mention in self.memory.mentions:  # the resolver learns the article's organisations in reading order
            if mention.start < span.start_char and mention.referent.kind == "org":
                self.enrichment.enrich(mention.referent)
        actor = self.enrichment.resolve_actor(span.text, span.start_char, span.end_char)
        if actor is None or not actor.kb_id or not actor.name or actor.role:
            return None  # a role's holder ("the presidency" read as the president) is no organisation
        referent = self.reader.find(actor.name, "org") or Referent(name=actor.name, kind="org")
        if referent.actor is None:
            referent.actor, referent.resolved = actor, True
        if referent not in self.memory.referents:
            self.memory.referents.append(referent)
        return referent

    def _org_noun(self, lemma: str) -> Referent | None:
        for mention in reversed(self.memory.mentions):
            referent = mention.referent
            if referent.kind == "org" and lemma in referent.name.lower():
                return referent
        return None


def _possessor_named(span: Span, actor: Actor) -> bool:
    """ "The UN Secretary-General's spokesman", "Putin's spokesman": the resolver named the possessor (by role
    or surname), not the spokesman the phrase is about."""
    possessor = next((c for c in span.root.children if c.dep_ == "poss"), None)
    if possessor is None:
        return False
    said = possessor.doc[possessor.left_edge.i : possessor.i + 1].text.lower()
    surname = (actor.name or "").split()[-1:] or [""]
    return bool(actor.role and actor.role.lower() in said) or bool(surname[0] and surname[0].lower() in said)


def _owner_named(span: Span, actor: Actor) -> bool:
    """ "The spokesman of the Secretary General of the UN": the resolver named the office the "of" phrase owns
    the spokesman by, not the spokesman (whose own title is not the holder's)."""
    head = span.root.lower_
    owner = next((c for c in span.root.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    if owner is None or not actor.role or head in actor.role.lower():
        return False
    said = owner.doc[owner.i + 1 : owner.right_edge.i + 1].text.lower().replace("-", " ")
    return actor.role.lower().replace("-", " ") in said


def _of_phrase(span: Span) -> str:
    """ "The UN Secretary-General's spokesman" as "the spokesman of the UN Secretary-General": the possessor
    moved into an of-phrase, the form titles are listed in."""
    possessor = next(c for c in span.root.children if c.dep_ == "poss")
    owned = range(possessor.left_edge.i, possessor.i + 1)
    owner = "".join(t.text_with_ws for t in span.doc[owned.start : owned.stop] if t.tag_ != "POS").strip()
    rest = "".join(t.text_with_ws for t in span if t.i not in owned and t.tag_ != "POS" and t.dep_ != "det")
    return f"the {rest.strip()} of {owner}"
