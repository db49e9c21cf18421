"""Matching a mention's tokens against the knowledge base: lexicon phrases, then names the lexicon does not know.

Matching is dictionary lookups on normalised tokens (longest phrase first, capitalisation as the phrase requires);
only capitalised name candidates the lexicon does not know are compared fuzzily (rapidfuzz), with cut-offs from
``data/actors/cutoffs.yaml`` and a bounded cache.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from rapidfuzz import fuzz, process

from redline.actors.words import (
    ALLEGIANCE,
    DEFINITE,
    FUZZY_COUNTRY_CUTOFF,
    FUZZY_LAST_WORD_CUTOFF,
    FUZZY_MIN_LENGTH,
    FUZZY_NAME_CUTOFF,
    FUZZY_SURNAME_CUTOFF,
    INDEFINITE,
    MODIFIERS,
    PRIORITY,
    TITLE,
)
from redline.kb import Entry, KnowledgeBase, Person, fold
from redline.kb.text import HONORIFICS, NAME_PARTICLES

if TYPE_CHECKING:
    from redline.actors.memory import ArticleMemory, Referent
    from redline.actors.tokens import Tok

FUZZY_CACHE_SIZE = 50_000  # distinct unknown names remembered per resolver


@dataclass(slots=True)
class Comp:
    """A matched piece of a mention: tokens [i, j) and the lexicon readings that fit them."""

    kind: str
    entries: list[Entry]
    i: int
    j: int
    person: Person | None = None
    name: str | None = None
    known: Referent | None = None
    sector: str | None = None

    @property
    def entry(self) -> Entry:
        return self.entries[0]


class FuzzyNames:
    """Close matches for names the lexicon does not know: misspelt countries and people (bounded cache)."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self._cache: OrderedDict[str, list[str]] = OrderedDict()
        # Candidates are the hand-written people (imported dictionaries list their own spellings).
        self._names = list(kb.name_index)
        self._surnames: dict[str, set[str]] = {}
        self._country_names: dict[str, str] = {}
        for bucket in kb.lexicon.values():
            for key_toks, entries in bucket:
                for entry in entries:
                    if entry.kind == "surname" and len(key_toks) == 1:
                        self._surnames.setdefault(key_toks[0], set()).add(entry.ref)
                    if entry.kind == "country" and entry.country and all(k.isalpha() for k in key_toks):
                        self._country_names.setdefault(" ".join(key_toks), entry.country)
        self._surname_keys = list(self._surnames)
        self._country_keys = list(self._country_names)

    def _remember(self, key: str, found: list[str]) -> list[str]:
        self._cache[key] = found
        if len(self._cache) > FUZZY_CACHE_SIZE:
            self._cache.popitem(last=False)
        return found

    def country(self, folded: str) -> str | None:
        """The country a misspelt name stands for ("Afganistan"), if it is close to exactly one country name."""
        key = "country:" + folded
        found = self._cache.get(key)
        if found is None:
            match = None
            if len(folded) >= FUZZY_MIN_LENGTH:
                match = process.extractOne(
                    folded, self._country_keys, scorer=fuzz.ratio, score_cutoff=FUZZY_COUNTRY_CUTOFF
                )
            found = self._remember(key, [self._country_names[match[0]]] if match else [])
        return found[0] if found else None

    def people(self, folded: str) -> list[str]:
        """KB person ids whose name is close to a capitalised name the lexicon does not know."""
        hit = self._cache.get(folded)
        if hit is not None:
            return hit
        found: list[str] = []
        words = folded.split()
        if len(words) >= 2:
            match = process.extractOne(folded, self._names, scorer=fuzz.ratio, score_cutoff=FUZZY_NAME_CUTOFF)
            if match is not None:
                cand = match[0].split()
                if cand[-1][:1] == words[-1][:1] and fuzz.ratio(cand[-1], words[-1]) >= FUZZY_LAST_WORD_CUTOFF:
                    found = [self.kb.name_index[match[0]]]
        elif len(folded) >= FUZZY_MIN_LENGTH:
            match = process.extractOne(folded, self._surname_keys, scorer=fuzz.ratio, score_cutoff=FUZZY_SURNAME_CUTOFF)
            if match is not None and match[0][:1] == folded[:1]:
                found = sorted(self._surnames[match[0]])
        return self._remember(folded, found)


def given_names(kb: KnowledgeBase) -> set[str]:
    """First words of known people's full names (not honorifics): a capitalised run starting with one is a name."""
    names: set[str] = set()
    for person in kb.people.values():
        for words in (name.split() for name in [person.name, *person.aliases]):
            if len(words) >= 2 and len(words[0]) > 2 and fold(words[0]) not in HONORIFICS:
                names.add(fold(words[0]))
    return names


class Matcher:
    """Finds the pieces of mentions in a token list (one per resolver; per-article state comes as ``memory``)."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self.fuzzy = FuzzyNames(kb)
        self.given_names = given_names(kb)

    def match(self, toks: list[Tok]) -> list[Comp]:
        """Longest lexicon matches, left to right, that fit the capitalisation the phrase requires."""
        keys = [t.key for t in toks]
        comps: list[Comp] = []
        i = 0
        while i < len(toks):
            for n, entries in self.kb.lookup(keys, i):
                written = [t.text for t in toks[i : i + n]]
                fitting = sorted((e for e in entries if e.accepts(written)), key=lambda e: PRIORITY[e.kind])
                if fitting:
                    kind = fitting[0].kind
                    comps.append(Comp(kind, [e for e in fitting if e.kind == kind], i, i + n))
                    i += n
                    break
            else:
                i += 1
        return _tidy(toks, comps)

    def name_runs(self, toks: list[Tok], comps: list[Comp], memory: ArticleMemory, *, parsed: bool) -> list[Comp]:
        """Add capitalised names (and organisations) the lexicon does not know: new actors, or fuzzy matches.

        A given name before a known surname ("Mike Sullivan") is read as one name, so a namesake is never forced
        onto the known person. In parsed text a run is a name when the parser says PERSON, or a cue does: it
        follows a title ("Mayor Sergei Sobyanin", "a top official, Oleksandr Petrenko") or starts with a given
        name the knowledge base knows.
        """
        comps = [c for c in comps if not self._given_name_before_name(toks, c, comps)]
        covered = [False] * len(toks)
        for c in comps:
            for k in range(c.i, c.j):
                covered[k] = True
        starts = {c.i: c for c in comps}
        cued = {c.j for c in comps if c.kind == "office"}
        cued |= {c.j + 1 for c in comps if c.kind in TITLE and c.j < len(toks) and toks[c.j].key == ","}
        consumed: set[int] = set()
        out: list[Comp] = []
        i = 0
        while i < len(toks):
            if covered[i] or not self._nameish(toks, i, first=True):
                i += 1
                continue
            j = i + 1
            while j < len(toks) and not covered[j] and self._nameish(toks, j, first=False):
                j += 1
            while j > i + 1 and not toks[j - 1].text[:1].isupper():
                j -= 1  # a run ends on a capitalised word, not a particle or dot
            cue = i in cued or (j - i >= 2 and toks[i].key in self.given_names)
            nxt = starts.get(j)
            if nxt is not None and nxt.kind == "surname" and (not parsed or toks[i].ent == "PERSON" or cue):
                consumed.add(id(nxt))
                j, cue = nxt.j, True
            comp = self._name_comp(toks, i, j, memory, parsed=parsed, cue=cue)
            if comp is not None:
                out.append(comp)
            elif id(nxt) in consumed:
                consumed.discard(id(nxt))
            i = j
        kept = [_namesake(c, toks, memory) for c in comps if id(c) not in consumed]
        return kept + out

    def _given_name_before_name(self, toks: list[Tok], comp: Comp, comps: list[Comp]) -> bool:
        """A known surname that is also a given name, followed by a name the lexicon does not know, starts that
        person's name ("Pavel Voronikhin" is not President Petr Pavel; "Wang Wenbin" is not Wang Yi): a surname
        ends a full name, it does not begin one."""
        if comp.kind != "surname" or comp.j - comp.i != 1 or comp.j >= len(toks):
            return False
        if any(c.i == comp.j for c in comps) or not self._nameish(toks, comp.j, first=True):
            return False
        first, nxt = toks[comp.i], toks[comp.j]
        return first.key in self.given_names or (first.ent == "PERSON" and nxt.ent == "PERSON")

    def _nameish(self, toks: list[Tok], k: int, *, first: bool) -> bool:
        tok = toks[k]
        if tok.key in self.kb.not_names and tok.text[:1].isupper():
            return False
        if tok.text[:1].isupper() and tok.text[:1].isalpha():
            return not any(ch.isdigit() for ch in tok.text)
        if first:
            return False
        if tok.key in NAME_PARTICLES or tok.text == "-":
            return k + 1 < len(toks) and toks[k + 1].text[:1].isupper()
        return tok.text == "." and len(toks[k - 1].text) == 1 and toks[k - 1].text.isupper()

    def _name_comp(
        self, toks: list[Tok], i: int, j: int, memory: ArticleMemory, *, parsed: bool, cue: bool
    ) -> Comp | None:
        words = [t.text for t in toks[i:j]]
        head = toks[j - 1].key
        if head in self.kb.organisation_heads and j - i >= 2:
            if parsed and not any(t.ent == "ORG" for t in toks[i:j]):
                return None
            comp = Comp("uorg", [], i, j, name=" ".join(words).replace(" - ", "-"))
            comp.sector = self.kb.organisation_heads[head]
            return comp
        if parsed:
            is_person = any(t.ent == "PERSON" for t in toks[i:j]) or (cue and j - i >= 2)
            if not is_person:
                return None
        else:
            lead = [t for t in toks[:i] if t.key not in DEFINITE | INDEFINITE | MODIFIERS]
            if j - i < 2 and not cue and (lead or (j < len(toks) and toks[j].key != "'s")):
                return None
        if all(t.text.isupper() and len(t.text) > 1 for t in toks[i:j] if t.text.isalpha()):
            return None  # an unknown acronym, not a name
        name = " ".join(words).replace(" - ", "-").replace(" .", ".")
        folded = " ".join(t.key for t in toks[i:j])
        known = memory.remembered(folded)
        if known is not None:
            return Comp("name", [], i, j, name=name, known=known, person=known.person)
        code = self.fuzzy.country(folded)
        if code is not None:
            return Comp("country", [Entry(kind="country", ref=code, case=(), country=code)], i, j)
        ids = self.fuzzy.people(folded)
        if len(ids) == 1:
            return Comp("name", [], i, j, name=name, person=self.kb.person_of(ids[0]))
        return Comp("name", [], i, j, name=name)


def _namesake(comp: Comp, toks: list[Tok], memory: ArticleMemory) -> Comp:
    """A bare surname the article gave to someone the knowledge base does not know ("Gov. Greg Abbott ...
    Abbott's spokeswoman") is that person, not the knowledge base's namesake (Tony Abbott of Australia)."""
    if comp.kind != "surname" or comp.j - comp.i != 1:
        return comp
    known = memory.remembered(toks[comp.i].key)
    if known is None or known.person is not None:
        return comp  # a known KB person is the interpreter's to choose among the namesakes
    return Comp("name", [], comp.i, comp.j, name=toks[comp.i].text, known=known)


def _tidy(toks: list[Tok], comps: list[Comp]) -> list[Comp]:
    """Readings the neighbours change: "Western Cambodia" is a part of Cambodia, not the West; "ethnic
    Albanians" are a people, not Albania's; "pro-Russian separatists" side with Russia, they are not Russia's."""
    out: list[Comp] = []
    for n, comp in enumerate(comps):
        nxt = comps[n + 1] if n + 1 < len(comps) else None
        if comp.kind == "demonym" and nxt is not None and nxt.i == comp.j and nxt.kind in ("country", "place"):
            continue
        before = [t.key for t in toks[max(0, comp.i - 2) : comp.i]]
        if comp.kind in ("demonym", "people", "country") and (before[-1:] == ["ethnic"] or before in ALLEGIANCE):
            comp.entries = [replace(e, country=None) for e in comp.entries]
        out.append(comp)
    return out
