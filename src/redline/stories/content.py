"""Content words of an evidence sentence: what a report says was done, without who did it.

Sentence vectors alone blur two acts of one official on one day ("we need legal guarantees" / "join the
moratorium" score 0.5) while splitting two wordings of one act ("the lack of progress will result in our
military response" / "a confrontation was likely"). Shared content words ("moratorium", "military-technical",
"guarantees") are the complementary signal: the words of a sentence once names, function words, reporting
verbs and time words are removed, folded by a light suffix stripper so "guarantees" /
"guaranteed" and "military-technically" / "military-technical" meet. Machine-translated English keeps these
words, which is why they carry across languages as well as the vectors do.
"""

from __future__ import annotations

import re

from redline.records import Event

# Function words, reporting verbs, titles and time words: present in every report, evidence of no act.
_STOP_TEXT = """
a an the and or but nor if of to in on at by for with from as into onto over under about after before since
until than then so such that this these those it its is was were be been being are am do does did done has
have had having will would shall should can could may might must not no yes also just only even still very
more most less least much many some any all each every both either neither other another own same which who
whom whose what when where while why how there here their they them he she his her him we our us you your i
me my mine ours theirs one two three four five six seven eight nine ten first second third per via
said says say saying told tell telling added adding stated stating noted noting according declared affirmed
stressed insisted explained expressed indicated underlined signaled signalled warned remarked mentioned
unveiled claimed repeated reiterated announced
monday tuesday wednesday thursday friday saturday sunday today yesterday tomorrow week weeks month months year
years day days earlier later last next ago recently currently meanwhile however moreover further furthermore
mr mrs ms dr minister deputy president secretary spokesman spokeswoman official officials head chief
"""
STOP_WORDS = frozenset(_STOP_TEXT.split())
_WORD = re.compile(r"[^\W\d_][\w\-]*[^\W_]", re.UNICODE)
MIN_STEM = 4


def stem(word: str) -> str:
    """A light English suffix strip (no dictionary), enough to meet inflected forms and -ly adverbs of one stem:
    guarantees / guaranteed / guarantee, military / militarily / militaries, military-technically / -technical."""

    def cut(text: str, suffix: str, replacement: str = "") -> str | None:
        if text.endswith(suffix) and len(text) - len(suffix) + len(replacement) >= MIN_STEM:
            return text[: -len(suffix)] + replacement
        return None

    word = cut(word, "ies", "i") or (word if word.endswith("ss") else cut(word, "s")) or word
    word = cut(word, "ly") or word
    word = cut(word, "ing") or cut(word, "ed") or cut(word, "e") or word
    return cut(word, "y", "i") or word


def _without_mentions(event: Event) -> str:
    """The evidence sentence with the event's actor and recipient mentions cut out (offsets are into the article;
    the report's sentence offset places them)."""
    text = event.text
    base = event.reports[0].start if event.reports and event.reports[0].sentence == event.text else None
    if base is None:
        return text
    for actor in sorted([*event.actor, *event.recipient], key=lambda a: a.start, reverse=True):
        start, end = actor.start - base, actor.end - base
        if 0 <= start < end <= len(text):
            text = text[:start] + " " + text[end:]
    return text


def content_words(event: Event) -> frozenset[str]:
    """Stems of the content words of a report's evidence: actor and recipient mentions, every other capitalised
    word (names of people, states and bodies, which recur across all the acts of a story) removed."""
    words = (word.casefold() for word in _WORD.findall(_without_mentions(event)) if not word[0].isupper())
    return frozenset(stem(word) for word in words if len(word) > 2 and word not in STOP_WORDS)


def overlap(first: frozenset[str], second: frozenset[str]) -> float:
    """Cosine of the two word sets: shared words over the geometric mean of their sizes (one shared word between
    two long sentences counts little; a headline and the lead that restates it count a lot)."""
    if not first or not second:
        return 0.0
    return len(first & second) / (len(first) * len(second)) ** 0.5
