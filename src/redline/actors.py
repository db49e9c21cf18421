"""Actor resolution: each mention becomes who it is, the role they hold on the article's date, and whom they act for.

A mention is matched against the knowledge base's phrase lexicon (names, countries, demonyms, metonyms,
organisations, office titles, role nouns), adjacent pieces are grouped into one mention ("Russian Deputy Foreign
Minister Sergei Ryabkov"), and the group is interpreted on the article date. An :class:`ArticleContext` remembers
the people an article has named, so "Ryabkov", "the diplomat" or "Russia's Deputy" later in the same article
resolve to the same person. Unknown people are kept as written (``kb_id`` None) with whatever the text says
about them, never forced onto a known person.

Matching is dictionary lookups on normalised tokens; only capitalised name candidates that the lexicon does not
know are compared fuzzily (rapidfuzz), and those comparisons are cached.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from itertools import pairwise
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz, process

from redline.errors import KnowledgeBaseError
from redline.kb import Entry, KnowledgeBase, Person, Role, default_kb, fold, load_kb, parse_day, tokenize
from redline.records import Actor

LOGGER = logging.getLogger(__name__)


def _words(text: str) -> frozenset[str]:
    """A word set written as one string (long word lists stay readable)."""
    return frozenset(text.split())


NATION = _words("country place demonym people metonym org institution seat context uorg")
PLACES = _words("country place metonym seat demonym")
TITLE = frozenset({"office", "role"})
PERSONISH = frozenset({"person", "surname", "name"})
# Which reading of an ambiguous phrase wins (lower first).
PRIORITY_ORDER = "person org institution metonym seat country place people demonym surname office role context former"
PRIORITY = {kind: i for i, kind in enumerate([*PRIORITY_ORDER.split(), "region"])}
DEFINITE = _words("the this that these those his her its their our my your 's")
INDEFINITE = _words(
    "a an another one some several many few other any various numerous two three four five six seven eight nine ten"
    " dozens hundreds thousands no every each both all more most"
)
# Words that may stand between the parts of a mention ("Russia's new defence minister").
MODIFIERS = _words(
    "top senior high - ranking leading acting interim new current incoming first powerful veteran influential"
    " longtime long serving then chief own main key"
)
# A place right after these is where something happens, not who acts ("talks in Vienna").
LOCATIVE = _words("in at near inside within throughout across around outside into to toward towards via through over")
LOCATIVE_VERBS_TO = _words(
    "travel travelled traveled flew fly trip visit return returned arrive arrived moved move went go back deployed"
    " deploy"
)
PARTICLES = _words("al bin de von van der den la le da du dos ibn abu el vel di del ter zu bint")
HONORIFICS = _words("king queen prince crown lord lady sir sheikh emir president general ayatollah baroness pope")
ALLEGIANCE = (["pro", "-"], ["anti", "-"])
GENERIC_HEADS = frozenset({"leader", "official", "politician"})
WORD_STOP = frozenset({"the", "of", "a", "an", "top", "senior", "-", "high", "ranking", "'s", "and", "for"})
NOUN_POS = frozenset({"NOUN", "PROPN", "PRON", "NUM", "X", ""})
MODIFIER_DEPS = frozenset({"compound", "amod", "nmod", "npadvmod"})
FUZZY_NAME_CUTOFF = 88.0
FUZZY_SURNAME_CUTOFF = 90.0
FUZZY_COUNTRY_CUTOFF = 92.0


@dataclass(slots=True)
class _Tok:
    """One token: its text and offsets, lexicon key, and (from spaCy) what the parse says about it."""

    text: str
    start: int
    end: int
    key: str
    pos: str = ""
    dep: str = ""
    head: int = -1
    ent: str = ""
    chunk: int = -1


@dataclass(slots=True)
class _Comp:
    """A matched piece of a mention: tokens [i, j) and the lexicon readings that fit them."""

    kind: str
    entries: list[Entry]
    i: int
    j: int
    person: Person | None = None
    name: str | None = None
    known: _Known | None = None
    sector: str | None = None

    @property
    def entry(self) -> Entry:
        return self.entries[0]


@dataclass(slots=True)
class _Group:
    """Adjacent pieces read as one mention; ``of_at`` is the index of the first piece after "of"."""

    comps: list[_Comp]
    of_at: int | None = None

    @property
    def i(self) -> int:
        return self.comps[0].i

    @property
    def j(self) -> int:
        return self.comps[-1].j


@dataclass(slots=True)
class _Known:
    """A person the article has named: a KB person, or an unknown one with what the text said about them."""

    name: str
    keys: set[str]
    person: Person | None = None
    country: str | None = None
    sector: str | None = None
    role: str | None = None
    role_obj: Role | None = None


@dataclass(slots=True)
class _Reading:
    """A group interpreted: the actor fields, and the person behind it (if any) for memory and appositions."""

    name: str | None = None
    country: str | None = None
    sector: str | None = None
    role: str | None = None
    kb_id: str | None = None
    person: Person | None = None
    role_obj: Role | None = None
    known: _Known | None = None
    title_only: bool = False
    shared: bool = False  # took its noun from a coordinated mention ("Ukrainian and American delegations")
    definite: bool = False
    plural: bool = False


class ActorResolver:
    """Resolves mentions against a knowledge base; make one per process and one :meth:`context` per article."""

    def __init__(self, kb: KnowledgeBase | None = None, *, extra_files: Sequence[str | Path] = ()) -> None:
        if kb is not None and extra_files:
            raise KnowledgeBaseError("pass either a loaded knowledge base or extra files to merge, not both")
        self.kb = kb if kb is not None else (load_kb(extra_files) if extra_files else default_kb())
        self._fuzzy_cache: dict[str, list[str]] = {}
        self._names = list(self.kb.name_index)
        self._surnames: dict[str, set[str]] = {}
        for bucket in self.kb.lexicon.values():
            for key_toks, entries in bucket:
                for entry in entries:
                    if entry.kind == "surname" and len(key_toks) == 1:
                        self._surnames.setdefault(key_toks[0], set()).add(entry.ref)
        self._surname_keys = list(self._surnames)
        self.given_names: set[str] = set()
        for person in self.kb.people.values():
            for words in (name.split() for name in [person.name, *person.aliases]):
                if len(words) >= 2 and len(words[0]) > 2 and fold(words[0]) not in HONORIFICS:
                    self.given_names.add(fold(words[0]))
        self._country_names: dict[str, str] = {}
        for bucket in self.kb.lexicon.values():
            for key_toks, entries in bucket:
                for entry in entries:
                    if entry.kind == "country" and entry.country and all(k.isalpha() for k in key_toks):
                        self._country_names.setdefault(" ".join(key_toks), entry.country)
        self._country_keys = list(self._country_names)

    def context(self, date: str | dt.date | None) -> ArticleContext:
        """A fresh context for one article published on ``date`` (ISO); roles are looked up on that day."""
        return ArticleContext(self, parse_day(date))

    # --- token keys and fuzzy names (cached) ---------------------------------------------------------

    def key_of(self, text: str) -> str:
        """The lexicon key of a token, with apostrophe-less possessives ("Russias", "NATOs") reduced."""
        return _token_key(text, self.kb)

    def fuzzy_country(self, folded: str) -> str | None:
        """The country a misspelt name stands for ("Afganistan"), if it is close to exactly one country name."""
        key = "country:" + folded
        if key not in self._fuzzy_cache:
            match = None
            if len(folded) >= 6:
                match = process.extractOne(
                    folded, self._country_keys, scorer=fuzz.ratio, score_cutoff=FUZZY_COUNTRY_CUTOFF
                )
            self._fuzzy_cache[key] = [self._country_names[match[0]]] if match else []
        found = self._fuzzy_cache[key]
        return found[0] if found else None

    def fuzzy_people(self, folded: str) -> list[str]:
        """KB person ids whose name is close to a capitalised name the lexicon does not know."""
        hit = self._fuzzy_cache.get(folded)
        if hit is not None:
            return hit
        found: list[str] = []
        words = folded.split()
        if len(words) >= 2:
            match = process.extractOne(folded, self._names, scorer=fuzz.ratio, score_cutoff=FUZZY_NAME_CUTOFF)
            if match is not None:
                cand = match[0].split()
                if cand[-1][:1] == words[-1][:1] and fuzz.ratio(cand[-1], words[-1]) >= 80:
                    found = [self.kb.name_index[match[0]]]
        elif len(folded) >= 6:
            match = process.extractOne(folded, self._surname_keys, scorer=fuzz.ratio, score_cutoff=FUZZY_SURNAME_CUTOFF)
            if match is not None and match[0][:1] == folded[:1]:
                found = sorted(self._surnames[match[0]])
        self._fuzzy_cache[folded] = found
        return found


@lru_cache(maxsize=200_000)
def _fold_cached(text: str) -> str:
    return fold(text)


def _name_key(name: str) -> str:
    """The memory key of a name: its folded tokens joined by spaces (as name runs are looked up)."""
    return " ".join(fold(tok) for tok, _, _ in tokenize(name))


def _token_key(text: str, kb: KnowledgeBase) -> str:
    key = _fold_cached(text)
    if key not in kb.vocabulary and len(key) > 3 and key.endswith("s") and key[:-1] in kb.vocabulary:
        return key[:-1]
    return key


class ArticleContext:
    """Resolution state for one article: its date, the people it has named, the organisations it is about."""

    def __init__(self, resolver: ActorResolver, day: dt.date | None) -> None:
        self.resolver = resolver
        self.kb = resolver.kb
        self.date = day
        self._memory: list[_Known] = []
        self._seen: dict[str, int] = {}
        self._clock = 0
        self._last_country: str | None = None
        self._chunk_doc: Any = None
        self._chunk_of: dict[int, int] = {}
        self._doc_text = ""

    # --- public API ----------------------------------------------------------------------------------

    def resolve(self, text: str, *, start: int = -1, end: int = -1) -> Actor | None:
        """The actor one mention names, or None when the text names no actor.

        ``text`` is the mention as written ("Russian Deputy Foreign Minister Sergei Ryabkov", "the Kremlin",
        "a top Russian diplomat"); ``start``/``end`` are its offsets in the article, copied to the Actor.
        """
        toks = [_Tok(t, s, e, self.resolver.key_of(t)) for t, s, e in tokenize(text)]
        if not toks:
            return None
        comps = self._match(toks)
        comps = self._name_runs(toks, comps, parsed=False)
        comps.sort(key=lambda c: c.i)
        groups = self._group(toks, comps, text)
        found = [(g, self._interpret(g, toks)) for g in groups]
        readings = [(g, r) for g, r in found if r is not None]
        if not readings:
            return None
        self._distribute(readings, toks)
        # One mention, several pieces ("Ivan Petrovsky, a Russian analyst", "Rebels in the Ivory Coast"): the
        # person if there is one, else the first kind-of-actor noun, takes what it lacks from the others.
        primary = next((r for _, r in readings if r.person or r.known), None)
        if primary is None:
            titled = [r for g, r in readings if r.title_only or (any(c.kind in TITLE for c in g.comps) and not r.kb_id)]
            primary = titled[0] if titled else readings[0][1]
        for _, other in readings:
            if other is primary:  # same object (a reading)
                continue
            primary.country = primary.country or other.country
            if primary.person is None and (primary.known is not None or primary.title_only):
                primary.sector = primary.sector or other.sector
                primary.role = primary.role or other.role
        self._commit(primary)
        return _actor(primary, text, start, end)

    def find(self, span: Any) -> list[Actor]:
        """All actor mentions in a spaCy ``Span`` or ``Doc``: offsets into ``span.doc.text``, in text order.

        Mentions are the longest matches and never overlap; place names after a locative preposition ("in
        Vienna") are locations, not actors, and are left out.
        """
        toks = self._spacy_tokens(span)
        if not toks:
            return []
        comps = self._match(toks)
        comps = self._name_runs(toks, comps, parsed=True)
        comps.sort(key=lambda c: c.i)
        groups = self._group(toks, comps, self._doc_text)
        found: list[tuple[_Group, _Reading, bool]] = []
        for group in groups:
            emit = self._emit(group, toks)
            if not emit and not {c.kind for c in group.comps} <= NATION:
                continue
            reading = self._interpret(group, toks)
            if reading is None or (reading.country is None and reading.sector is None and reading.name is None):
                continue
            found.append((group, reading, emit))
        self._distribute([(g, r) for g, r, _ in found], toks)
        out = [(g, r, self._extend_left(g, toks, self._doc_text), g.j) for g, r, emit in found if emit or r.shared]
        self._appositions(out, toks)
        actors = []
        for _, reading, i, j in out:
            self._commit(reading)
            start, end = toks[i].start, toks[j - 1].end
            actors.append(_actor(reading, self._doc_text[start:end], start, end))
        return actors

    # --- tokens ---------------------------------------------------------------------------------------

    def _spacy_tokens(self, span: Any) -> list[_Tok]:
        """spaCy tokens re-split with Redline's tokenizer, so text and lexicon phrases split alike."""
        chunk_of = self._chunks(span.doc)
        toks: list[_Tok] = []
        index_of: dict[int, int] = {}
        for token in span:
            index_of[token.i] = len(toks)
            for text, s, e in tokenize(token.text):
                key = self.resolver.key_of(text)
                chunk = chunk_of.get(token.i, -1)
                start, end = token.idx + s, token.idx + e
                toks.append(_Tok(text, start, end, key, token.pos_, token.dep_, token.head.i, token.ent_type_, chunk))
        for tok in toks:
            tok.head = index_of.get(tok.head, -1)
        return toks

    def _chunks(self, doc: Any) -> dict[int, int]:
        """Token index -> noun chunk number, and the text, computed once per document (both walk the whole doc)."""
        if self._chunk_doc is not doc:  # same object (a Doc)
            self._doc_text = doc.text
            chunk_of: dict[int, int] = {}
            try:
                for n, chunk in enumerate(doc.noun_chunks):
                    for t in range(chunk.start, chunk.end):
                        chunk_of[t] = n
            except (ValueError, AttributeError, NotImplementedError):  # no parser in the pipeline
                pass
            self._chunk_doc, self._chunk_of = doc, chunk_of
        return self._chunk_of

    # --- matching -------------------------------------------------------------------------------------

    def _match(self, toks: list[_Tok]) -> list[_Comp]:
        """Longest lexicon matches, left to right, that fit the capitalisation the phrase requires."""
        keys = [t.key for t in toks]
        comps: list[_Comp] = []
        i = 0
        while i < len(toks):
            for n, entries in self.kb.lookup(keys, i):
                written = [t.text for t in toks[i : i + n]]
                fitting = sorted((e for e in entries if e.accepts(written)), key=lambda e: PRIORITY[e.kind])
                if fitting:
                    kind = fitting[0].kind
                    comps.append(_Comp(kind, [e for e in fitting if e.kind == kind], i, i + n))
                    i += n
                    break
            else:
                i += 1
        return self._tidy(toks, comps)

    def _tidy(self, toks: list[_Tok], comps: list[_Comp]) -> list[_Comp]:
        """Readings the neighbours change: "Western Cambodia" is a part of Cambodia, not the West; "ethnic
        Albanians" are a people, not Albania's; "pro-Russian separatists" side with Russia, they are not Russia's."""
        out: list[_Comp] = []
        for n, comp in enumerate(comps):
            nxt = comps[n + 1] if n + 1 < len(comps) else None
            if comp.kind == "demonym" and nxt is not None and nxt.i == comp.j and nxt.kind in ("country", "place"):
                continue
            before = [t.key for t in toks[max(0, comp.i - 2) : comp.i]]
            if comp.kind in ("demonym", "people", "country") and (before[-1:] == ["ethnic"] or before in ALLEGIANCE):
                comp.entries = [replace(e, country=None) for e in comp.entries]
            out.append(comp)
        return out

    def _name_runs(self, toks: list[_Tok], comps: list[_Comp], *, parsed: bool) -> list[_Comp]:
        """Add capitalised names (and organisations) the lexicon does not know: new actors, or fuzzy matches.

        A given name before a known surname ("Mike Sullivan") is read as one name, so a namesake is never forced
        onto the known person. In parsed text a run is a name when the parser says PERSON, or a cue does: it
        follows a title ("Mayor Sergei Sobyanin", "a top official, Oleksandr Petrenko") or starts with a given
        name the knowledge base knows.
        """
        covered = [False] * len(toks)
        for c in comps:
            for k in range(c.i, c.j):
                covered[k] = True
        starts = {c.i: c for c in comps}
        cued = {c.j for c in comps if c.kind == "office"}
        cued |= {c.j + 1 for c in comps if c.kind in TITLE and c.j < len(toks) and toks[c.j].key == ","}
        consumed: set[int] = set()
        out: list[_Comp] = []
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
            cue = i in cued or (j - i >= 2 and toks[i].key in self.resolver.given_names)
            nxt = starts.get(j)
            if nxt is not None and nxt.kind == "surname" and (not parsed or toks[i].ent == "PERSON" or cue):
                consumed.add(id(nxt))
                j, cue = nxt.j, True
            comp = self._name_comp(toks, i, j, parsed=parsed, cue=cue, whole=len(toks))
            if comp is not None:
                out.append(comp)
            elif id(nxt) in consumed:
                consumed.discard(id(nxt))
            i = j
        return [c for c in comps if id(c) not in consumed] + out

    def _nameish(self, toks: list[_Tok], k: int, *, first: bool) -> bool:
        tok = toks[k]
        if tok.key in self.kb.not_names and tok.text[:1].isupper():
            return False
        if tok.text[:1].isupper() and tok.text[:1].isalpha():
            return not any(ch.isdigit() for ch in tok.text)
        if first:
            return False
        if tok.key in PARTICLES or tok.text == "-":
            return k + 1 < len(toks) and toks[k + 1].text[:1].isupper()
        return tok.text == "." and len(toks[k - 1].text) == 1 and toks[k - 1].text.isupper()

    def _name_comp(self, toks: list[_Tok], i: int, j: int, *, parsed: bool, cue: bool, whole: int) -> _Comp | None:
        words = [t.text for t in toks[i:j]]
        head = toks[j - 1].key
        if head in self.kb.organisation_heads and j - i >= 2:
            if parsed and not any(t.ent == "ORG" for t in toks[i:j]):
                return None
            comp = _Comp("uorg", [], i, j, name=" ".join(words).replace(" - ", "-"))
            comp.sector = self.kb.organisation_heads[head]
            return comp
        if parsed:
            is_person = any(t.ent == "PERSON" for t in toks[i:j]) or (cue and j - i >= 2)
            if not is_person:
                return None
        else:
            lead = [t for t in toks[:i] if t.key not in DEFINITE | INDEFINITE | MODIFIERS]
            if j - i < 2 and not cue and (lead or (j < whole and toks[j].key != "'s")):
                return None
        if all(t.text.isupper() and len(t.text) > 1 for t in toks[i:j] if t.text.isalpha()):
            return None  # an unknown acronym, not a name
        name = " ".join(words).replace(" - ", "-").replace(" .", ".")
        folded = " ".join(t.key for t in toks[i:j])
        known = self._remembered(folded)
        if known is not None:
            return _Comp("name", [], i, j, name=name, known=known, person=known.person)
        code = self.resolver.fuzzy_country(folded)
        if code is not None:
            entry = Entry(kind="country", ref=code, case=(), country=code)
            return _Comp("country", [entry], i, j)
        ids = self.resolver.fuzzy_people(folded)
        if len(ids) == 1:
            return _Comp("name", [], i, j, name=name, person=self.kb.people[ids[0]])
        return _Comp("name", [], i, j, name=name)

    # --- grouping -------------------------------------------------------------------------------------

    def _group(self, toks: list[_Tok], comps: list[_Comp], text: str) -> list[_Group]:
        """Adjacent pieces joined into mentions (never across a line break: headlines and bylines stay apart)."""
        groups: list[_Group] = []
        for comp in comps:
            if comp.kind == "region":
                continue
            if groups:
                group = groups[-1]
                prev = group.comps[-1]
                gap = [t.key for t in toks[prev.j : comp.i]]
                broken = "\n" in text[toks[prev.j - 1].end : toks[comp.i].start]
                how = False if broken else self._joins(group, prev, comp, gap)
                if how:
                    if how == "of" and group.of_at is None:
                        group.of_at = len(group.comps)
                    group.comps.append(comp)
                    continue
            groups.append(_Group([comp]))
        return groups

    def _joins(self, group: _Group, prev: _Comp, comp: _Comp, gap: list[str]) -> str | bool:
        pk, ck = prev.kind, comp.kind
        if pk in PERSONISH or pk == "uorg":
            return False
        core = [g for g in gap if g not in MODIFIERS]
        if core in (["'s"], ["'"]):
            return pk in NATION and (ck in TITLE or ck in PERSONISH or ck in ("institution", "uorg"))
        if core in (["of"], ["of", "the"]):
            return "of" if pk in TITLE and ck in NATION and group.of_at is None else False
        if core:
            return False
        if pk == "former":
            return ck in TITLE or ck in PERSONISH or ck in NATION
        if pk in NATION:
            if ck in TITLE or ck in PERSONISH:
                return True
            if ck in ("institution", "uorg") or (ck in ("org", "metonym") and (comp.entry.body or comp.entry.generic)):
                return pk not in ("org", "institution")
            return False
        if pk in TITLE:
            if gap and ck not in TITLE:
                return ck in PERSONISH
            return ck in TITLE or ck in PERSONISH or (ck in ("institution", "org") and pk == "role")
        return False

    # --- interpretation -------------------------------------------------------------------------------

    def _interpret(self, group: _Group, toks: list[_Tok]) -> _Reading | None:
        comps = group.comps
        head = comps[: group.of_at] if group.of_at else comps
        titles = [c for c in comps if c.kind in TITLE]
        head_titles = [c for c in head if c.kind in TITLE]
        persons = [c for c in comps if c.kind in PERSONISH]
        former = any(c.kind == "former" for c in comps)
        det = self._determiner(toks, group.i)
        possessive = any(t.key == "'s" for t in toks[group.i : group.j])
        definite = (
            det in DEFINITE or possessive or (det is None and bool(titles) and toks[titles[0].i].text[:1].isupper())
        )
        indefinite = det in INDEFINITE
        nation = self._nation(comps)
        if nation is None:
            return None
        country, nat_sector, body, nat_id, nat_name = nation
        last_title = head_titles[-1] if head_titles else (titles[-1] if titles else None)
        title_sector = self._title_sector(head_titles) or self._title_sector(titles)
        body = body or next((c.entry.body for c in titles if c.entry.body), None)
        plural = (last_title is not None and last_title.entry.plural) or any(c.kind == "people" for c in head)
        words = frozenset(t.key for c in titles for t in toks[c.i : c.j] if t.key not in WORD_STOP)
        office = next((c.entry.ref for c in reversed(head_titles) if c.kind == "office"), None)
        reading = _Reading(definite=definite and not indefinite, plural=plural)
        if persons:
            sector = title_sector or nat_sector
            return self._person_reading(reading, persons[-1], country, office, sector, last_title, former)
        if nat_name and not any(c.kind == "office" for c in comps):
            titles = []  # "news agency RIA", "NATO members": the named body is the actor
        if titles:
            reading.title_only = True
            if reading.definite and not plural:
                found = self._title_holder(words, office, country, body, former)
                if found is not None:
                    return self._from_person(reading, found[0], found[1], former and found[1] is None)
            if country is None and body and reading.definite:
                country = self._last_country
            if body and country and office is None:
                inst = self.kb.institution_by_body.get((country, body))
                if inst is not None:
                    reading.name, reading.kb_id = inst.name, inst.id
            if last_title is not None and last_title.kind == "office":
                spec = self.kb.offices[last_title.entry.ref]
                if spec.weak and country is None and title_sector is None and nat_sector is None:
                    return None
                loose = spec.loose and reading.definite and country
                display = self.kb.offices[spec.loose].display if loose and spec.loose else spec.display
                reading.role = ("former " if former else "") + display
            else:
                reading.role = self._title_text(last_title)
            reading.country = country
            reading.sector = "ELI" if former else (title_sector or nat_sector)
            if reading.kb_id:
                reading.role = None  # "the Foreign Ministry": the institution itself, not a role in it
            return reading
        reading.country, reading.sector, reading.kb_id, reading.name = country, nat_sector, nat_id, nat_name
        return reading if country is not None or nat_sector is not None or nat_name else None

    def _title_sector(self, titles: list[_Comp]) -> str | None:
        """The sector the titles give: the head noun's, unless it is a generic head ("rebel leaders" are rebels)."""
        sectors = [(c.entry.ref, c.entry.sector) for c in titles if c.entry.sector]
        if not sectors:
            return None
        if len(sectors) > 1 and titles[-1].kind == "role" and titles[-1].entry.ref in GENERIC_HEADS:
            return sectors[-2][1]
        return sectors[-1][1]

    def _nation(self, comps: list[_Comp]) -> tuple[str | None, str | None, str | None, str | None, str | None] | None:
        """Country (or organisation) code, sector, body, kb id and name from the nation pieces of a group."""
        country = sector = body = kb_id = name = None
        national = False
        used = 0
        for comp in comps:
            if comp.kind not in NATION:
                continue
            if comp.kind == "uorg" or not comp.entries:
                sector, name, kb_id = comp.sector or sector, comp.name, None
                used += 1
                continue
            entry = comp.entry
            if comp.kind in ("seat", "context"):
                oid = self._org_in_context(entry.ref, seat=comp.kind == "seat")
                if oid is None:
                    continue
                org = self.kb.organisations[oid]
                country, sector, body, kb_id, name = org.code, org.sector, org.body, org.id, org.name
            elif comp.kind == "org":
                org = self.kb.organisations[entry.ref]
                if entry.generic and national:
                    sector = org.sector
                    kb_id = name = None
                else:
                    country, sector, body, kb_id, name = org.code, org.sector, org.body, org.id, org.name
            elif comp.kind == "institution":
                inst = self.kb.institutions[entry.ref]
                country, body, kb_id, name = inst.country, inst.body or body, inst.id, inst.name
                sector = inst.sector_on(self.date)
            else:
                country = entry.country
                national = True
                if comp.kind == "metonym":
                    sector, body = entry.sector, entry.body or body
                elif comp.kind == "people":
                    sector = "CVL"
                kb_id = country if comp.kind in ("country", "metonym") else None
                name = (
                    self.kb.country_name(country) if comp.kind in ("country", "metonym", "place") and country else None
                )
            used += 1
        if used == 0 and any(c.kind in ("seat", "context") for c in comps) and len(comps) == 1:
            return None
        named_body = any(c.kind in ("org", "institution", "uorg", "seat", "context") for c in comps)
        if used > 1 or any(c.kind not in NATION for c in comps):
            keep = used == 1 and named_body and not any(c.kind == "office" or c.kind in PERSONISH for c in comps)
            kb_id = kb_id if keep else None
            name = name if keep else None
        return country, sector, body, kb_id, name

    def _org_in_context(self, word: str, *, seat: bool) -> str | None:
        """The organisation a seat or context noun stands for in this article (most recently mentioned)."""
        ids = self.kb.seats.get(word) if seat else self.kb.context_nouns.get(word)
        if not ids:
            return None
        seen = [(self._seen.get(oid, 0), oid) for oid in ids]
        best = max(seen)
        if best[0] > 0:
            return best[1]
        return ids[0] if seat else None

    def _title_text(self, title: _Comp | None) -> str | None:
        """The role text a title piece gives an actor the knowledge base does not know."""
        if title is None:
            return None
        if title.kind == "office":
            return self.kb.offices[title.entry.ref].display
        return None if title.entry.ref == "community" else title.entry.ref

    def _person_reading(
        self,
        reading: _Reading,
        comp: _Comp,
        country: str | None,
        office: str | None,
        sector: str | None,
        last_title: _Comp | None,
        former: bool,
    ) -> _Reading:
        if comp.kind == "name" and comp.person is None:
            known = comp.known
            reading.name = known.name if known else comp.name
            reading.known = known or _Known(name=comp.name or "", keys=set())
            reading.country = country or (known.country if known else None)
            reading.role = self._title_text(last_title) or (known.role if known else None)
            reading.sector = "ELI" if former else (sector or (known.sector if known else None))
            return reading
        candidates = [comp.person] if comp.person else [self.kb.people[e.ref] for e in comp.entries]
        if comp.kind == "surname" or len(candidates) > 1:
            memory = [k.person for k in self._memory if k.person in candidates]
            if memory:
                candidates = [memory[0]]
        person = self._choose(candidates, country, office)
        if person is None:
            codes = {p.country for p in candidates}
            reading.name = self._written_name(comp)
            reading.country = country or (codes.pop() if len(codes) == 1 else None)
            reading.sector = sector
            reading.role = self._title_text(last_title)
            reading.known = _Known(name=reading.name or "", keys=set(), country=reading.country, sector=sector)
            return reading
        role, was_former = self._dated_role(person, office, country, former)
        return self._from_person(reading, person, role, was_former)

    def _written_name(self, comp: _Comp) -> str | None:
        return comp.name or (self.kb.people[comp.entries[0].ref].name.split()[-1] if comp.entries else None)

    def _choose(self, candidates: list[Person], country: str | None, office: str | None) -> Person | None:
        """One person among namesakes: by country and title in the mention, then by who held office that day."""
        if len(candidates) == 1:
            return candidates[0]
        pool = candidates
        if country:
            fit = [p for p in pool if p.country == country or any(r.country == country for r in p.roles)]
            pool = fit or pool
        if office:
            fit = [p for p in pool if any(r.office == office for r in p.roles)]
            pool = fit or pool
        if self.date is not None and len(pool) > 1:
            fit = [p for p in pool if p.roles_on(self.date)]
            pool = fit or pool
        return pool[0] if len(pool) == 1 else None

    def _dated_role(
        self, person: Person, office: str | None, country: str | None, former: bool
    ) -> tuple[Role | None, bool]:
        """The role a person held on the article date (preferring one the mention names), and whether it is past."""

        def rank(role: Role) -> tuple[int, int, int, dt.date]:
            spec = self.kb.offices.get(role.office or "")
            return (
                0 if office and role.office == office else 1,
                0 if country and role.country == country else 1,
                spec.rank if spec else 999,
                dt.date.max - (role.start or dt.date.min) if self.date else dt.date.min,
            )

        if not person.roles:
            return None, False
        if self.date is None:
            matching = [r for r in person.roles if office and r.office == office]
            if matching:
                return matching[-1], former
            ongoing = [r for r in person.roles if r.end is None]
            pool = ongoing or [max(person.roles, key=lambda r: r.end or dt.date.max)]
            return min(pool, key=rank), former and not ongoing
        active = person.roles_on(self.date)
        if active:
            return min(active, key=rank), False
        past = [r for r in person.roles if r.end is not None and r.end < self.date]
        if not past:
            return None, False
        matching = [r for r in past if office and r.office == office]
        return max(matching or past, key=lambda r: r.end or dt.date.min), True

    def _from_person(self, reading: _Reading, person: Person, role: Role | None, former: bool) -> _Reading:
        reading.person, reading.name, reading.kb_id, reading.role_obj = person, person.name, person.id, role
        reading.title_only = False
        if role is None:
            reading.country, reading.sector, reading.role = person.country, None, None
        elif former:
            reading.country = person.country if self.kb.is_organisation(role.country) else role.country
            reading.sector, reading.role = "ELI", f"former {role.title}"
        else:
            reading.country, reading.sector, reading.role = role.country, role.sector, role.title
        return reading

    def _title_holder(
        self, words: frozenset[str], office: str | None, country: str | None, body: str | None, former: bool
    ) -> tuple[Person, Role | None] | None:
        """Who a definite title names: someone the article already named, else the office holder that day."""
        for known in self._memory:
            if known.person is None or known.role_obj is None:
                continue
            if country and country not in (known.role_obj.country, known.person.country):
                continue
            if self._refers(words, office, known.role_obj):
                return known.person, known.role_obj
        if office is None or former:
            return None
        spec = self.kb.offices.get(office)
        if spec is None:
            return None
        if country is None:
            return None
        org = self.kb.organisations.get(country.lower()) if self.kb.is_organisation(country) else None
        if spec.loose:
            office = spec.loose
        elif spec.weak:
            if not words or not words <= {"leader", "head", "chief"}:
                return None
            if org is not None:
                office = org.leader or ""
            elif country in self.kb.countries:
                office = self.kb.countries[country].leader or "president"
            else:
                return None
        if org is not None:
            office = org.office_aliases.get(office, office)
        holders = self.kb.holders(country, office, self.date, body)
        if body is None and len({p.id for p, _ in holders}) > 1:
            holders = [(p, r) for p, r in holders if r.body is None]
        people = {p.id for p, _ in holders}
        if len(people) != 1:
            return None
        return holders[0]

    def _refers(self, words: frozenset[str], office: str | None, role: Role) -> bool:
        if office and role.office == office:
            return True
        if not words:
            return False
        spec = self.kb.offices.get(role.office or "")
        vocab = {w for w in (fold(x) for x in role.title.replace("-", " ").split())} | (spec.generic if spec else set())
        return words <= vocab

    def _determiner(self, toks: list[_Tok], i: int) -> str | None:
        k = i - 1
        while k >= 0 and toks[k].key in MODIFIERS:
            k -= 1
        return toks[k].key if k >= 0 else None

    # --- memory ---------------------------------------------------------------------------------------

    def _remembered(self, folded: str) -> _Known | None:
        for known in self._memory:
            if folded in known.keys:
                return known
        return None

    def _commit(self, reading: _Reading) -> None:
        """Remember what a resolved mention tells later ones: people named, organisations discussed."""
        self._clock += 1
        if reading.kb_id and reading.kb_id in self.kb.organisations:
            org = self.kb.organisations[reading.kb_id]
            self._seen[org.id] = self._clock
            top = org.code.lower()
            if top in self.kb.organisations:
                self._seen[top] = self._clock
        if reading.person is not None:
            person = reading.person
            known = next((k for k in self._memory if k.person is person), None)  # same object (a KB person)
            if known is None:
                names = [person.name, *person.aliases]
                keys = {_name_key(n) for n in names} | {_name_key(n.split()[-1]) for n in names}
                known = _Known(name=person.name, keys=keys, person=person)
            else:
                self._memory.remove(known)
            known.role_obj = reading.role_obj
            self._memory.insert(0, known)
            if reading.role_obj is not None and not self.kb.is_organisation(reading.role_obj.country):
                self._last_country = reading.role_obj.country
            elif reading.country and not self.kb.is_organisation(reading.country):
                self._last_country = reading.country
        elif reading.known is not None and reading.name:
            known = reading.known
            if known in self._memory:
                self._memory.remove(known)
            known.name = reading.name
            known.keys |= {_name_key(reading.name), _name_key(reading.name.split()[-1])}
            known.country = known.country or reading.country
            known.sector = known.sector or reading.sector
            known.role = known.role or reading.role
            self._memory.insert(0, known)
            reading.known = known

    # --- find() helpers -------------------------------------------------------------------------------

    def _emit(self, group: _Group, toks: list[_Tok]) -> bool:
        """Whether a group found in running text is an actor mention (not a location or a modifier)."""
        kinds = {c.kind for c in group.comps}
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
            if to_where and (toks[k].key not in ("to", "toward", "towards") or self._motion_before(toks, k)):
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

    def _distribute(self, readings: list[tuple[_Group, _Reading]], toks: list[_Tok]) -> None:
        """Mentions that lend each other what they lack: "US and NATO military forces" and "Ukrainian and American
        delegations" share the noun; "Lukashenko's regime" is Belarus's."""
        for (ga, ra), (gb, rb) in pairwise(readings):
            gap = [t.key for t in toks[ga.j : gb.i]]
            if gap in (["'s"], ["'"]) and ra.person is not None and rb.title_only and rb.country is None:
                rb.country = ra.country
                continue
            if gap not in (["and"], [","], ["or"]) or ra.person or ra.known or rb.person or rb.known:
                continue
            kinds_a = {c.kind for c in ga.comps}
            titled_b = any(c.kind in TITLE for c in gb.comps) and any(c.kind in NATION for c in gb.comps)
            if kinds_a <= NATION and titled_b and rb.sector:
                ra.sector, ra.role, ra.kb_id, ra.name, ra.shared = rb.sector, rb.role, None, None, True

    def _motion_before(self, toks: list[_Tok], k: int) -> bool:
        return any(toks[m].key in LOCATIVE_VERBS_TO for m in range(max(0, k - 3), k))

    def _extend_left(self, group: _Group, toks: list[_Tok], doc_text: str) -> int:
        """Start offset including determiners and adjectives of the mention's noun phrase ("a top Russian diplomat").

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

    def _appositions(self, out: list[tuple[_Group, _Reading, int, int]], toks: list[_Tok]) -> None:
        """ "X, the title" and "the title, X": the title is the named person (and an unknown person gains the title)."""
        for a, b in pairwise(out):
            gap = [t.key for t in toks[a[3] : b[2]]]
            if gap not in ([","], ["("]):
                continue
            (ga, ra), (gb, rb) = (a[0], a[1]), (b[0], b[1])
            named, title = (ra, rb) if _names_someone(ga) else (rb, ra)
            if not _names_someone(ga if named is ra else gb):  # same object (a reading)
                continue
            if not title.title_only or title.plural or (not title.sector and not title.role):
                continue
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


def _actor(reading: _Reading, text: str, start: int, end: int) -> Actor:
    return Actor(
        text=text,
        start=start,
        end=end,
        name=reading.name,
        country=reading.country,
        sector=reading.sector,
        role=reading.role,
        kb_id=reading.kb_id,
    )


def _names_someone(group: _Group) -> bool:
    return any(c.kind in PERSONISH for c in group.comps)


_DEFAULT: list[ActorResolver] = []


def default_resolver() -> ActorResolver:
    """A resolver over :func:`redline.kb.default_kb`, shared by the process (rebuilt if that knowledge base is)."""
    kb = default_kb()
    if not _DEFAULT or _DEFAULT[0].kb is not kb:  # same object (the KB)
        _DEFAULT[:] = [ActorResolver(kb)]
    return _DEFAULT[0]


def resolve_actor(text: str, *, date: str | None = None) -> Actor | None:
    """Resolve one mention with the default knowledge base (convenience for scripts and tests)."""
    return default_resolver().context(date).resolve(text)


__all__ = ["ActorResolver", "ArticleContext", "default_resolver", "resolve_actor"]
