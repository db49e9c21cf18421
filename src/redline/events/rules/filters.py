"""Filters: which coded events a sentence actually asserts.

Conditions ("if NATO *deploys*"), purposes ("staged a rally *to demand* reforms"), obligations ("Y must
*withdraw*"), options under consideration ("is considering *sending* weapons"), allegations ("accused Russia of
*massing troops*"), consequences told twice ("shelled the city, *killing* five") and mentions inside a noun
phrase ("the chances of *resuming talks*") are not events. Events in adverbial or relative clauses are kept but
marked (they are rarely the sentence's main event).
"""

from __future__ import annotations

import re

from redline import tree
from redline.events import syntax
from redline.events.rules import speech
from redline.events.rules.kit import Kit
from redline.events.rules.model import Coded, Frame, Token

CLAUSE_CLIMB = ("ccomp", "conj", "parataxis", "advcl", "xcomp", "relcl", "acl", "pcomp", "prep", "pobj")
CONSIDER_CLIMB = ("xcomp", "ccomp", "pcomp", "prep", "pobj", "conj")
HEDGES = ("would", "could", "might", "may")


def asserted(kit: Kit, item: Coded, frames: dict[int, Frame]) -> bool:
    """Whether the sentence asserts the event (as opposed to conditioning, intending or mentioning it)."""
    head = item.head
    if syntax.inside_conditional(head, kit.marks):
        return False
    if speech.obliged(kit, head):
        return False
    if _considered(kit, head):
        return False
    if _asked(head) or _sports_result(kit, head) or _natural_hazard(kit, head):
        return False
    current = head
    for _ in range(12):
        if tree.is_root(current):
            break
        if not _clause_allows(kit, item, current, frames):
            return False
        if current.dep_ not in CLAUSE_CLIMB:
            break
        current = current.head
    return True


WH_WORDS = frozenset({"who", "what", "when", "where", "why", "how", "which", "whom", "whose"})


def _asked(head: Token) -> bool:
    """ "Can the new government clinch a deal with the IMF?": a direct question asks whether the act happens, it
    does not report it. The event's verb is the question's own (its main clause, the aux before the subject or a
    wh-word first); a question reported inside a statement ends with the statement's full stop and is kept."""
    sent = head.sent
    if not sent.text.rstrip().rstrip("\"”'’»").endswith("?"):
        return False
    verb = head
    while verb.dep_ == "conj" and not tree.is_root(verb):
        verb = verb.head
    if not tree.is_root(verb):
        return False
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    inverted = subject is not None and any(c.dep_ in ("aux", "auxpass") and c.i < subject.i for c in verb.children)
    first = next((t for t in sent if not (t.is_punct or t.is_space)), None)
    return inverted or (first is not None and first.lower_ in WH_WORDS)


SCORE = re.compile(r"\b\d{1,2}\s?[-–]\s?\d{1,2}\b")


def _sports_result(kit: Kit, head: Token) -> bool:
    """A game's result told in the words of war ("crushed Brazil 4-1 in a World Cup qualifier"): a score and a
    sports noun in the sentence. A score alone is not enough: courts rule 5-4 and parliaments vote 52-48."""
    sent = head.sent
    if not SCORE.search(sent.text):
        return False
    sports = kit.words("sports_words")
    return any(t.pos_ in ("NOUN", "PROPN") and (t.lemma_.lower() in sports or t.lower_ in sports) for t in sent)


def _natural_hazard(kit: Kit, head: Token) -> bool:
    """ "Typhoon Haiyan slammed into the Philippines, flattening villages", "the earthquake destroyed the town":
    a storm, quake, flood or epidemic acts on no one's behalf, so its verbs report no political act."""
    subject, _ = syntax.subject(head)
    if subject is None:
        return False
    hazards = kit.words("natural_hazards")
    named = [subject, *(c for c in subject.children if c.dep_ == "compound")]
    return any(t.lemma_.lower() in hazards for t in named)


def _considered(kit: Kit, head: Token) -> bool:
    """ "is considering sending weapons": an option, not an event."""
    current = head
    for _ in range(6):
        if current.dep_ not in CONSIDER_CLIMB or tree.is_root(current):
            return False
        current = current.head
        if current.lemma_.lower() in kit.consider_lemmas and syntax.is_verbal(current):
            return True
    return False


def _clause_allows(kit: Kit, item: Coded, current: Token, frames: dict[int, Frame]) -> bool:
    """One step up from the event's head: False when the link from ``current`` to its head makes the event
    something other than an assertion; marks subordinate and embedded events on the way."""
    dep, parent = current.dep_, current.head
    is_head = current.i == item.head.i
    if dep in ("csubj", "csubjpass"):
        return False
    if parent.lemma_.lower() in kit.words("question_verbs") and syntax.is_question_clause(current):
        return False  # "asked how Washington would react if ...": asked about, not asserted
    if not _purpose_allows(kit, item, current, frames, is_head):
        return False
    if _hoped_for(kit, current):
        return False
    if dep == "advcl":
        item.subordinate = True
    if not _mention_allows(kit, current, frames, is_head):
        return False
    if dep in ("relcl", "acl"):
        item.embedded = True
        if any(c.dep_ == "aux" and c.lower_ in HEDGES for c in current.children):
            return False  # "guarantees that would prohibit ...": a described possibility, not an event
    gerund = dep == "acl" and current.tag_ in ("VBG", "VB") and parent.pos_ in ("NOUN", "PROPN")
    carriers = kit.words("report_nouns") | kit.words("attempt_nouns") | syntax.INTENT_NOUNS
    # "drafts implying lifting sanctions": the content of a document
    return not (gerund and not is_head and parent.lemma_.lower() not in carriers)


def _hoped_for(kit: Kit, current: Token) -> bool:
    """Another side's act someone hopes for or expects ("the EU hopes *Russia will withdraw*", "Moscow expects
    *Washington to leave*"); "Russia expects to finish the drills" (its own plan) stays, marked future."""
    parent = current.head
    verbs = kit.words("expectation_verbs")
    if current.dep_ not in ("ccomp", "xcomp") or (parent.lemma_.lower() not in verbs and parent.lower_ not in verbs):
        return False
    hoper = syntax.first_child(parent, "nsubj")
    doer = syntax.first_child(current, "nsubj") or syntax.first_child(parent, "dobj")
    return hoper is not None and doer is not None and doer.i != hoper.i


def _purpose_allows(kit: Kit, item: Coded, current: Token, frames: dict[int, Frame], is_head: bool) -> bool:
    """Purposes, "so that" clauses, consequences and the topics of protests are not events of their own."""
    dep, parent = current.dep_, current.head
    to_clause = syntax.is_to_infinitive(current)
    purpose = dep in ("advcl", "xcomp") and to_clause
    if purpose and parent.i in frames and frames[parent.i].entry.wrap is None and is_head:
        return False
    if purpose and parent.lemma_.lower() in kit.words("purpose_heads") and parent.dep_ in ("acl", "advcl", "relcl"):
        return False
    if dep == "advcl" and any(c.dep_ == "mark" and c.lower_ in ("so", "lest") for c in current.children):
        return False
    consequence = (
        dep == "advcl" and current.tag_ == "VBG" and not any(c.dep_ in ("nsubj", "mark") for c in current.children)
    )
    if consequence and is_head and parent.i in frames and frames[parent.i].entry.type == item.type:
        return False  # "shelled the city, killing five civilians": one act, told twice
    if dep == "advcl" and parent.i in frames and is_head:
        parent_type = frames[parent.i].entry.type
        if parent_type == "PROTEST" and item.type in ("REQUEST", "ACCUSE", "PROTEST"):
            return False  # the topic of a protest is not a separate event (PLOVER)
    return True


def _mention_allows(kit: Kit, current: Token, frames: dict[int, Frame], is_head: bool) -> bool:
    """An event named inside a noun phrase ("the chances of resuming talks") or as what is alleged."""
    dep, parent = current.dep_, current.head
    if not is_head:
        # anywhere in what an accusation alleges ("accused X of deceiving Moscow *by expanding* ..."): alleged
        alleging = parent.head.i in frames and frames[parent.head.i].entry.wrap == "allege"
        return not (dep == "pcomp" and parent.pos_ == "ADP" and alleging and parent.lower_ in ("of", "for"))
    if syntax.intent_noun(current) is not None:
        return True  # "has no plans to send troops": the holder's own intended act (flags mark it future)
    if dep == "pcomp" and parent.pos_ == "ADP":
        holder = parent.head
        if holder.pos_ in ("NOUN", "PROPN") and holder.lemma_.lower() not in kit.words("report_nouns"):
            return False
        if holder.lemma_.lower() in kit.words("capability_adjectives"):
            return False  # "missiles capable of striking Moscow": an ability, not an act
    gerund = dep == "acl" and current.tag_ in ("VBG", "VB") and parent.pos_ in ("NOUN", "PROPN")
    carriers = kit.words("report_nouns") | kit.words("attempt_nouns")
    if gerund and parent.lemma_.lower() not in carriers and not any(c.dep_ == "nsubj" for c in current.children):
        return False
    return not (
        dep == "pcomp"
        and parent.pos_ == "ADP"
        and parent.head.i in frames
        and frames[parent.head.i].entry.wrap in ("allege", None)
        and parent.lower_ in ("of", "for", "by", "in")
    )
