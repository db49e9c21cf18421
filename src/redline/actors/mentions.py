"""Which groups found in running text are actor mentions, and what neighbouring mentions lend each other.

A place after a locative preposition ("talks in Vienna") is where something happens, not who acts; a demonym
or title used as a modifier ("Russian gas") is no actor of its own. Coordinated mentions share their noun ("US
and NATO military forces"), a possessor gives its country to a bare title ("Lukashenko's regime"), and an
apposition ties a title to the named person ("Sergei Ryabkov, the deputy foreign minister").
"""

from __future__ import annotations

from itertools import pairwise

from redline.actors.grouping import Group
from redline.actors.interpretation import Reading
from redline.actors.tokens import Tok
from redline.actors.words import (
    LOCATIVE,
    LOCATIVE_VERBS_TO,
    MODIFIER_DEPS,
    MODIFIERS,
    NATION,
    NOUN_POS,
    PERSONISH,
    PLACES,
    TITLE,
)

# A group found in text, its reading, and the token range [i, j) it covers once extended over its noun phrase.
Found = tuple[Group, Reading, int, int]


def is_actor(group: Group, toks: list[Tok]) -> bool:
    """Whether a group found in running text is an actor mention (not a location or a modifier)."""
    kinds = group.kinds()
    last = toks[group.j - 1]
    modifier = last.dep in MODIFIER_DEPS and last.head >= group.j
    if kinds & PERSONISH:
        lone = group.comps[-1]
        unknown = lone.kind == "name" and lone.person is None and lone.known is None
        return not (unknown and len(group.comps) == 1 and lone.j - lone.i == 1 and modifier)
    strong = kinds & (NATION - {"demonym"})
    if strong and kinds <= PLACES | {"former"}:
        k = group.i - 1
        while k >= 0 and toks[k].key in MODIFIERS | {"the"}:
            k -= 1
        to_where = k >= 0 and toks[k].key in LOCATIVE
        if to_where and (toks[k].key not in ("to", "toward", "towards") or _motion_before(toks, k)):
            return False
    if strong:
        return True
    if kinds & TITLE:
        if last.pos and last.pos not in NOUN_POS:
            return False
        return not modifier
    if "demonym" in kinds:
        return bool(last.pos) and last.pos in ("NOUN", "PROPN") and not modifier
    return False


def _motion_before(toks: list[Tok], k: int) -> bool:
    return any(toks[m].key in LOCATIVE_VERBS_TO for m in range(max(0, k - 3), k))


def distribute(readings: list[tuple[Group, Reading]], toks: list[Tok]) -> None:
    """Mentions that lend each other what they lack: "US and NATO military forces" and "Ukrainian and American
    delegations" share the noun; "Lukashenko's regime" is Belarus's."""
    for (ga, ra), (gb, rb) in pairwise(readings):
        gap = [t.key for t in toks[ga.j : gb.i]]
        if gap in (["'s"], ["'"]) and ra.person is not None and rb.title_only and rb.country is None:
            rb.country = ra.country
            continue
        if gap not in (["and"], [","], ["or"]) or ra.person or ra.known or rb.person or rb.known:
            continue
        titled_b = any(c.kind in TITLE for c in gb.comps) and any(c.kind in NATION for c in gb.comps)
        if ga.kinds() <= NATION and titled_b and rb.sector:
            ra.sector, ra.role, ra.kb_id, ra.name, ra.shared = rb.sector, rb.role, None, None, True


def extend_left(group: Group, toks: list[Tok], doc_text: str) -> int:
    """Start token including determiners and adjectives of the mention's noun phrase ("a top Russian diplomat").

    Only when the mention holds its noun chunk's head (the chunk ends inside it), never across a line break.
    """
    i = group.i
    chunk = toks[i].chunk
    if chunk < 0:
        return i
    end = i
    while end + 1 < len(toks) and toks[end + 1].chunk == chunk:
        end += 1
    if end >= group.j:
        return i
    while (
        i > 0
        and toks[i - 1].chunk == chunk
        and toks[i - 1].pos in ("DET", "ADJ", "NUM", "PRON")
        and any(ch.isalpha() for ch in toks[i - 1].text)
        and "\n" not in doc_text[toks[i - 1].end : toks[i].start]
    ):
        i -= 1
    return i


def appositions(out: list[Found], toks: list[Tok]) -> None:
    """ "X, the title" and "the title, X": the title is the named person (and an unknown person gains the title)."""
    for a, b in pairwise(out):
        gap = [t.key for t in toks[a[3] : b[2]]]
        if gap not in ([","], ["("]):
            continue
        (ga, ra), (gb, rb) = (a[0], a[1]), (b[0], b[1])
        named, title = (ra, rb) if ga.names_someone() else (rb, ra)
        if not (ga if named is ra else gb).names_someone():  # same object (a reading)
            continue
        if not title.title_only or title.plural or (not title.sector and not title.role):
            continue
        _lend(named, title)


def _lend(named: Reading, title: Reading) -> None:
    """The title of an apposition becomes the named person's mention (and tells an unknown person their role)."""
    if named.known is not None and named.person is None:
        named.country = named.country or title.country
        named.sector = named.sector or title.sector
        named.role = named.role or title.role
        named.known.country = named.known.country or title.country
        named.known.role = named.known.role or title.role
    title.name, title.kb_id, title.person, title.known = named.name, named.kb_id, named.person, named.known
    title.country = named.country or title.country
    title.sector = named.sector or title.sector
    title.role = named.role or title.role
    title.role_obj = named.role_obj
    title.title_only = False
