"""Noun phrases of a parse as the quote extractor reads them: a phrase's core span, whether it is definite, the
role noun it names, what a document noun speaks for, and the verb that governs a mention.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from redline.quotes import lexicon as lex
from redline.tree import climb

CORE_LEFT_DEPS = frozenset({"det", "amod", "compound", "poss", "nmod", "nummod", "quantmod", "case"})


@dataclass(slots=True)
class Nominal:
    """A role noun phrase ("a top Russian diplomat", "the minister"): what a referent must match to be it."""

    noun: str
    extra: frozenset[str]
    places: frozenset[str]
    indefinite: bool
    former: bool = False  # "the former Dutch prime minister": a role the person held before


def nominal(span: Span, head: Token) -> Nominal:
    """The role noun of a phrase, its extra title words and its place words ("the Russian deputy minister")."""
    noun = head.lemma_.lower() if head.lemma_.lower() in lex.ROLE_WORDS else head.lower_
    places = set()
    extra = set()
    for token in span:
        if token.i == head.i or token.dep_ in ("det", "case", "punct"):
            continue
        word = token.lower_.removesuffix("’s").removesuffix("'s")
        if token.ent_type_ in ("NORP", "GPE") and word not in lex.GENERIC_PLACES:
            places.add(_place_words(token, span))
        elif token.lemma_.lower() in lex.TITLE_WORDS and token.lemma_.lower() not in lex.TITLE_STOPWORDS:
            extra.add(token.lemma_.lower())
    former = any(token.lower_ in lex.FORMER_WORDS for token in span)
    return Nominal(noun, frozenset(extra), frozenset(places), indefinite=not definite(span), former=former)


def _place_words(token: Token, span: Span) -> str:
    """The whole place a token belongs to ("south korean", "new zealand"), within the phrase."""
    start, end = token.i, token.i + 1
    while start > span.start and token.doc[start - 1].ent_type_ == token.ent_type_ and token.ent_iob_ == "I":
        start -= 1
        token = token.doc[start]
    while end < span.end and token.doc[end].ent_iob_ == "I" and token.doc[end].ent_type_ == token.ent_type_:
        end += 1
    words = " ".join(t.lower_ for t in token.doc[start:end])
    return words.removesuffix("’s").removesuffix("'s").replace(" ’s", "").replace(" 's", "")


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
                end = max(end, core_right(child))
                break
    doc = head.doc
    while start < end and doc[start].is_punct:
        start += 1
    return start, end


def appositive_name(head: Token) -> Token | None:
    """The name set beside a title ("the alliance's secretary general, Jens Stoltenberg"). The parser may hang it
    on the body the title serves ("Russia's permanent representative to the OSCE, Alexander Lukashevich"): a person's
    name is never the apposition of an organisation, so it is the title's."""
    found = next((c for c in head.rights if c.dep_ == "appos" and is_name(c)), None)
    if found is not None or head.lemma_.lower() not in lex.ROLE_WORDS:
        return found
    for prep in (c for c in head.rights if c.dep_ == "prep" and c.lower_ in ("to", "of", "at", "in")):
        for obj in (c for c in prep.children if c.dep_ == "pobj" and c.ent_type_ in ("ORG", "GPE", "NORP")):
            name = next((c for c in obj.rights if c.dep_ == "appos" and c.ent_type_ == "PERSON"), None)
            if name is not None:
                return name
    return None


def core_right(prep: Token) -> int:
    """Where an "of" complement ends, through nested names of bodies ("the official representative of the
    Ministry of Foreign Affairs of Russia"): the country at the end says whose office it is."""
    objects = [c for c in prep.children if c.dep_ == "pobj"]
    if not objects:
        return prep.i
    obj = objects[0]
    if obj.pos_ != "PROPN" and not obj.is_title:
        return obj.i
    return max([obj.i] + [core_right(c) for c in obj.rights if c.dep_ == "prep" and c.lower_ == "of"])


def mention_text(span: Span) -> str:
    text = span.text.strip()
    return text.rstrip(",;:")


def definite(span: Span) -> bool:
    first = span[0]
    if first.lower_ in lex.DETERMINERS_INDEFINITE:
        return False
    return first.lower_ in lex.DETERMINERS_DEFINITE or any(t.dep_ == "poss" for t in span) or first.pos_ == "PROPN"


def document_owner(head: Token) -> Token | None:
    """Who a document speaks for: "the Kremlin's statement", "a Pentagon readout", "a statement from the embassy"."""
    for child in head.lefts:
        if child.dep_ in ("poss", "compound") and is_name(child):
            return child
    for child in head.rights:
        if child.dep_ == "prep" and child.lower_ in ("from", "by", "of"):
            found = next((c for c in child.children if c.dep_ == "pobj"), None)
            if found is not None and found.lemma_.lower() not in lex.DOCUMENT_NOUNS:
                return found
    return None


def described(span: Span, head: Token) -> bool:
    """Whether an organisation noun carries a description of its own ("Russian state media")."""
    return any(t.i != head.i and t.dep_ in ("amod", "compound", "nmod", "poss") for t in span)


def is_name(token: Token) -> bool:
    return token.pos_ == "PROPN" or token.ent_type_ in ("PERSON", "ORG", "GPE")


def phrase_head(token: Token) -> Token:
    """The head of the noun phrase a name sits in (through compounds, appositions and coordination)."""
    return climb(token, lambda t: t.dep_ in ("compound", "conj", "appos", "flat"))


def governing_verb(token: Token) -> Token | None:
    head = phrase_head(token).head
    return head if head.pos_ in ("VERB", "AUX") else None


NAME_PARTICLES = frozenset({"von", "van", "der", "den", "de", "da", "di", "du", "la", "le", "bin", "al", "el", "ter"})


def relative_antecedent(relative: Token) -> Token:
    """The noun a relative pronoun stands for: the head of its relative clause's noun, past a place the parser
    hung the clause on ("the declaration adopted at its summit *in Bucharest, which said* ...": not Bucharest)."""
    antecedent = relative.head.head
    for _ in range(2):
        prep = antecedent.head
        located = antecedent.dep_ == "pobj" and prep.lower_ in lex.LOCATIVE_PREPOSITIONS and antecedent.ent_type_
        if not located or prep.head.pos_ not in ("NOUN", "PROPN"):
            break
        antecedent = prep.head
    return antecedent
