"""The named people and organisations of one article, read from its entities in reading order.

A PERSON entity (or a proper noun that looks like a person: a known given name, a title such as "Minister", an
apposition such as ", the head of ...", or the surname of someone already named) is linked to an earlier
referent when its surname matches (fuzzy, for transliterations such as Sergei/Sergey), so "Ryabkov" after
"Sergei Ryabkov" (or before it, as in headlines) is one person, whose name is the fullest form seen. Titles
before the name and appositions after it give the person's role words ("deputy", "foreign", "minister") and
place words ("russian"); given names, titles (spokeswoman) and Slavic surname endings give a gender when they
can. Referents and mentions are kept in the article's shared :class:`~redline.actors.memory.ArticleMemory`.
"""

from __future__ import annotations

from collections.abc import Callable

from rapidfuzz import fuzz
from spacy.tokens import Doc, Span, Token

from redline.actors.memory import ArticleMemory, Referent
from redline.kb.given_names import given_name_gender
from redline.kb.text import HONORIFICS, skeleton
from redline.quotes import lexicon as lex
from redline.quotes import phrases
from redline.quotes.phrases import Nominal

NAME_LABELS = frozenset({"PERSON"})
ORG_LABELS = frozenset({"ORG", "GPE", "NORP"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})


class ReferentReader:
    """Registers the people and organisations an article names, and the mentions of each."""

    def __init__(
        self,
        doc: Doc,
        quoted: Callable[[int], bool],
        memory: ArticleMemory,
        is_state: Callable[[str], bool] | None = None,
    ) -> None:
        self.doc = doc
        self.quoted = quoted
        self.memory = memory
        self.is_state = is_state or (lambda text: False)
        self._seen: set[tuple[int, int]] = set()
        self._gpe_names = {ent.text.lower() for ent in doc.ents if ent.label_ == "GPE"}

    def observe(self, sent: Span, index: int, main_verbs: set[int]) -> None:
        """Register the named people and organisations of a sentence (outside direct quotations)."""
        for ent in sent.ents:
            if self.quoted(ent.start_char) or (ent.start, ent.end) in self._seen:
                continue
            kind = self.kind(ent)
            if kind is None:
                continue
            self._seen.add((ent.start, ent.end))
            referent = self.named(ent, kind)
            self.mention(referent, ent.root, index, main_verbs)
        self._known_names(sent, index, main_verbs)

    def _known_names(self, sent: Span, index: int, main_verbs: set[int]) -> None:
        """A person already named, called by surname where the tagger saw no entity ("Baerbock travelled to
        Moscow" at the start of a paragraph): still a mention, so a later "she" finds her."""
        covered = {t.i for ent in sent.ents for t in ent}
        for token in sent:
            if token.i in covered or token.pos_ != "PROPN" or not token.text[:1].isupper() or self.quoted(token.idx):
                continue
            if any(c.dep_ == "compound" for c in token.children) or token.dep_ == "compound":
                continue  # part of a longer name the tagger did not see: not a bare surname
            known = [r for r in self.memory.referents if r.kind == "person" and r.name.split()[-1:] == [token.text]]
            if len({id(r) for r in known}) == 1:
                self.mention(known[0], token, index, main_verbs)

    def kind(self, ent: Span) -> str | None:
        if ent.label_ in NAME_LABELS:
            if any(token.is_digit for token in ent):
                return None  # "Nord Stream 2", "Sputnik V" aside: people's names carry no numerals
            if len(ent) == 1 and ent.text.endswith("s") and ent.text[:-1].lower() in self._gpe_names:
                return "org"  # "Russias borders": a place whose apostrophe was lost
            if len(ent) == 1 and self.is_state(ent.text):
                return "org"  # "said Berlin was prepared" tagged PERSON: a capital standing for its state
            if _named_by_org_noun(ent):
                return "org"  # "the news agency RIA Nowosti", "the newspaper Kommersant"
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
        return any(
            ref.kind == "person" and ref.name and same_surname(ref.name, surname) for ref in self.memory.referents
        )

    def named(self, span: Span, kind: str) -> Referent:
        if kind == "person":
            span = whole_name(span)
            before = self.doc[span.start - 1] if span.start > 0 else None
            located = before is not None and before.lower_ in lex.LOCATIVE_PREPOSITIONS
            if len(span) >= 2 and located and self.is_state(span[0].text):
                span = span[1:]  # "In Berlin Macron said": the tagger fused the place and the name
        name = clean_name(span.text)
        head = span.root
        start, end = phrases.core_span(head)
        title = [t for t in self.doc[start : span.start] if t.dep_ not in ("det", "punct")]
        if head.dep_ == "appos" and _apposed_to(head).lemma_.lower() in lex.ROLE_WORDS:
            # "Russia's top diplomat, Sergei Lavrov": the title is the noun the name stands beside
            beside = _apposed_to(head)
            start, end = phrases.core_span(beside, of_phrase=True)
            title = [t for t in self.doc[start : end + 1] if t.dep_ not in ("det", "punct")]
        elif head.dep_ == "pobj" and head.head.lower_ == "to" and head.head.head.lemma_.lower() in lex.ROLE_WORDS:
            # "US Ambassador to the OSCE Michael Carpenter": the envoy's title (of the sending state) opens it
            start, _ = phrases.core_span(head.head.head)
            title = [t for t in self.doc[start : span.start] if t.dep_ not in ("det", "punct")]
        referent = self.find(name, kind)
        if referent is None:
            referent = Referent(name=name, kind=kind)
            self.memory.referents.append(referent)
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
                start, end = phrases.core_span(child, of_phrase=True)
                phrase = [t for t in self.doc[start : end + 1] if t.dep_ != "det" or t.i != start]
                words.extend(t for t in phrase if t.ent_type_ not in ("NORP", "GPE"))
                places.update(t.lower_ for t in phrase if t.ent_type_ in ("NORP", "GPE"))
                set_role(referent, role_text(phrase))
        referent.places.update(p for p in places if p)
        lowered = {t.lemma_.lower().rstrip(".") for t in words} | {t.lower_.rstrip(".") for t in words}
        lowered |= {lex.TITLE_ABBREVIATIONS[w] for w in lowered if w in lex.TITLE_ABBREVIATIONS}  # "Sen." a senator
        referent.role_words.update(w for w in lowered if w in lex.TITLE_WORDS)
        set_role(referent, role_text(title))
        if referent.gender is None:
            referent.gender = gender_of(referent.name, lowered)

    def find(self, name: str, kind: str) -> Referent | None:
        lowered = name.lower()
        for referent in reversed(self.memory.referents):
            if referent.kind != kind or referent.anonymous or not referent.name:
                continue
            if referent.name.lower() == lowered:
                return referent
            if kind == "person" and same_person(referent.name, name):
                return referent
        return None

    def mention(
        self, referent: Referent, token: Token, index: int, main_verbs: set[int], *, main: bool = False
    ) -> None:
        phrase = phrases.phrase_head(token)
        subject = phrase.dep_ in SUBJECT_DEPS
        verb = phrases.governing_verb(token)
        is_main = main or (subject and verb is not None and verb.i in main_verbs)
        coordinated = any(c.dep_ == "conj" for c in token.children) or token.dep_ == "conj"
        locative = phrase.dep_ == "pobj" and phrase.head.lower_ in lex.LOCATIVE_PREPOSITIONS
        self.memory.mention(
            referent, token.idx, index, subject=subject, main=is_main, coordinated=coordinated, locative=locative
        )

    def named_at(self, token: Token) -> Referent | None:
        """The referent of a name at ``token`` (entity or proper-noun chain), registering it if new."""
        if token.ent_type_ and token.ent_iob_ in ("B", "I"):
            ent = next((e for e in token.doc.ents if e.start <= token.i < e.end), None)
            if ent is not None and (kind := self.kind(ent)) is not None:
                self._seen.add((ent.start, ent.end))
                return self.named(ent, kind)
        if token.pos_ != "PROPN" or token.lower_ in lex.ROLE_WORDS:
            return None  # a title on its own ("Russia's Deputy") is a role, not a name
        first = token
        while first.i > 0 and token.doc[first.i - 1].pos_ == "PROPN" and token.doc[first.i - 1].head == token:
            first = token.doc[first.i - 1]
        chain = token.doc[first.i : token.i + 1]
        kind = "person" if self._person_like(list(chain), token) else "org"
        return self.named(chain, kind)

    def name_at(self, span: Span) -> Referent | None:
        """A name standing alone (a headline's "Lavrov:"): an entity, else a person unless it looks otherwise."""
        referent = self.named_at(span[-1])
        if referent is not None:
            return referent
        if any(t.lower_ in lex.ROLE_WORDS or t.lower_ in lex.ORG_NOUNS for t in span):
            return None
        return self.named(span, "person")

    def anonymous(self, nominal: Nominal, span: Span) -> Referent:
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
        self.memory.referents.append(referent)
        return referent

    def described_org(self, span: Span) -> Referent:
        name = clean_name(" ".join(t.text for t in span if t.dep_ != "det"))
        referent = self.find(name, "org") or Referent(name=name, kind="org", intro=(span.start_char, span.end_char))
        if referent not in self.memory.referents:
            self.memory.referents.append(referent)
        return referent


def whole_name(span: Span) -> Span:
    """The entity the tagger cut short ("Ursula von der" + "Leyen"): extend over particles and capitalised words."""
    doc, end = span.doc, span.end
    while end < len(doc) and (
        (
            doc[end].lower_ in lex.NAME_PARTICLES
            and end + 1 < len(doc)
            and (doc[end + 1].is_title or doc[end + 1].lower_ in lex.NAME_PARTICLES)
        )
        or (span.text.split()[-1].lower() in lex.NAME_PARTICLES and doc[end].is_title)
        or (end > span.end and doc[end - 1].lower_ in lex.NAME_PARTICLES and doc[end].is_title)
    ):
        end += 1
    return doc[span.start : end] if end > span.end else span


def clean_name(text: str) -> str:
    """A name without possessive, leading article or stray edge punctuation (an entity "— John de Souza")."""
    text = (text.strip(" \t\n―—–-,;:") or text.strip()).removesuffix("’s").removesuffix("'s")
    words = text.split()
    if words and words[0].lower() == "the":
        words = words[1:]
    return " ".join(words) or text


def role_text(tokens: list[Token]) -> str | None:
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


def _apposed_to(name: Token) -> Token:
    """The noun an appositive name stands beside. The parser may hang a second name on the first title of a
    coordination ("The President of Colombia, Juan Manuel Santos, and the commander of the FARC, Rodrigo
    Londoño"): a name right after a coordinated title (and its "of" phrase) is that title's holder."""
    noun, doc = name.head, name.doc
    for token in reversed(doc[noun.i + 1 : name.left_edge.i]):
        if token.dep_ == "conj" and token.pos_ == "NOUN" and token.lemma_.lower() in lex.ROLE_WORDS:
            between = doc[token.right_edge.i + 1 : name.left_edge.i]
            return token if all(t.is_punct for t in between) else noun
    return noun


def set_role(referent: Referent, role: str | None) -> None:
    """Keep the fullest title seen ("Deputy Foreign Minister" over "diplomat")."""
    if role and (referent.role is None or len(role.split()) > len(referent.role.split())):
        referent.role = role


def gender_of(name: str, title_words: set[str]) -> str | None:
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
    given = [w for w in words[:-1] if w.rstrip(".") not in HONORIFICS]  # "Sheikh Hasina": no given name
    found = given_name_gender(given[0]) if given else None
    if found is not None:
        return found
    surname = words[-1]
    if surname.endswith(lex.FEMALE_SURNAME_ENDINGS):
        return "f"
    if surname.endswith(lex.MALE_SURNAME_ENDINGS):
        return "m"
    return None


def _named_by_org_noun(ent: Span) -> bool:
    """A name right after an organisation noun ("the news agency RIA Nowosti") is that organisation's."""
    doc = ent.doc
    position = ent.start - 1
    while position >= max(0, ent.start - 3) and doc[position].pos_ == "PROPN" and not doc[position].ent_type_:
        position -= 1  # "RIA" before "Nowosti"
    return position >= 0 and doc[position].lower_ in lex.ORG_NOUNS


def same_surname(name: str, other: str) -> bool:
    """Surnames alike as written or in their transliteration skeleton ("Rjabkow" is "Ryabkov")."""
    if not name.split() or not other.split():
        return False
    mine, theirs = name.split()[-1], other.split()[-1]
    spelled = fuzz.ratio(mine.lower(), theirs.lower())
    return max(spelled, fuzz.ratio(skeleton(mine), skeleton(theirs))) >= lex.SAME_SURNAME


def same_person(name: str, other: str) -> bool:
    """Same surname, and the given names (when both have one) do not disagree."""
    if not same_surname(name, other):
        return False
    mine, theirs = name.split()[:-1], other.split()[:-1]
    if not mine or not theirs:
        return True
    return (
        fuzz.ratio(skeleton(mine[0]), skeleton(theirs[0])) >= lex.SAME_GIVEN_NAME
        or fuzz.ratio(mine[0].lower(), theirs[0].lower()) >= lex.SAME_GIVEN_NAME
        or mine[0][0].lower() == theirs[0][0].lower()
    )
