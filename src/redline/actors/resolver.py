"""The actor resolver: each mention becomes who it is, the role they hold on the article's date, and whom they
act for.

A mention is matched against the knowledge base's phrase lexicon (:mod:`~redline.actors.matching`), adjacent
pieces are grouped into one mention (:mod:`~redline.actors.grouping`: "Russian Deputy Foreign Minister Sergei
Ryabkov"), and the group is interpreted on the article date (:mod:`~redline.actors.interpretation`). An
:class:`ArticleContext` keeps the article's :class:`~redline.actors.memory.ArticleMemory`, so "Ryabkov", "the
diplomat" or "Russia's Deputy" later in the same article resolve to the same person. Unknown people are kept as
written (``kb_id`` None) with whatever the text says about them, never forced onto a known person.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from itertools import pairwise
from pathlib import Path
from typing import Any

from redline.actors.dateline import dateline_country
from redline.actors.grouping import Group, group
from redline.actors.interpretation import Interpreter, Reading
from redline.actors.matching import Matcher
from redline.actors.memory import ArticleMemory
from redline.actors.mentions import Found, appositions, distribute, extend_left, is_actor
from redline.actors.tokens import DocTokens, Tok, text_tokens
from redline.actors.words import NATION, PERSONISH, TITLE
from redline.errors import KnowledgeBaseError
from redline.kb import KnowledgeBase, default_kb, fold, load_kb, parse_day
from redline.records import Actor


class ActorResolver:
    """Resolves mentions against a knowledge base; make one per process and one :meth:`context` per article."""

    def __init__(self, kb: KnowledgeBase | None = None, *, extra_files: Sequence[str | Path] = ()) -> None:
        if kb is not None and extra_files:
            raise KnowledgeBaseError("pass either a loaded knowledge base or extra files to merge, not both")
        self.kb = kb if kb is not None else (load_kb(extra_files) if extra_files else default_kb())
        self.matcher = Matcher(self.kb)

    def context(self, date: str | dt.date | None) -> ArticleContext:
        """A fresh context for one article published on ``date`` (ISO); roles are looked up on that day."""
        return ArticleContext(self, parse_day(date))


class ArticleContext:
    """Resolution state for one article: its date and its discourse memory (``memory``)."""

    def __init__(self, resolver: ActorResolver, day: dt.date | None, memory: ArticleMemory | None = None) -> None:
        self.resolver = resolver
        self.kb = resolver.kb
        self.date = day
        self.memory = memory if memory is not None else ArticleMemory()
        self.interpreter = Interpreter(self.kb, day, self.memory)
        self._doc_tokens = DocTokens(self.kb)

    def read_dateline(self, text: str | None) -> str | None:
        """Remember the country of a dateline at the start of ``text`` (``memory.home``), for bare offices; a text
        without one keeps what an earlier call found (the stages pass the dateline cleaning removed first)."""
        found = dateline_country(text or "", self.kb)
        self.memory.home = found or self.memory.home
        return self.memory.home

    def resolve(self, text: str, *, start: int = -1, end: int = -1) -> Actor | None:
        """The actor one mention names, or None when the text names no actor.

        ``text`` is the mention as written ("Russian Deputy Foreign Minister Sergei Ryabkov", "the Kremlin",
        "a top Russian diplomat"); ``start``/``end`` are its offsets in the article, copied to the Actor.
        """
        toks = text_tokens(text, self.kb)
        if not toks:
            return None
        groups = self._groups(toks, text, parsed=False)
        found = [(g, self.interpreter.interpret(g, toks)) for g in groups]
        readings = self._without_possessors([(g, r) for g, r in found if r is not None], toks)
        readings = self._without_hosts(readings, toks)
        if not readings:
            return None
        distribute(readings, toks)
        primary = _primary(readings)
        self.memory.commit(primary, self.kb)
        return _actor(primary, text, start, end)

    def _without_possessors(
        self, readings: list[tuple[Group, Reading]], toks: list[Tok]
    ) -> list[tuple[Group, Reading]]:
        """Drop a piece that owns the title after it ("Putin's spokesman", "the president's adviser"): the mention
        names the title's holder, never the owner, who gives only the country (and the body the owner heads)."""
        kept: list[tuple[Group, Reading]] = []
        skip = -1
        for n, (grp, reading) in enumerate(readings):
            after = readings[n + 1] if n + 1 < len(readings) else None
            if n == skip:
                continue
            if after is not None and _owns(grp, after[0], toks):
                self.interpreter.possessed(after[1], after[0], reading)
                continue
            if after is not None and _serves(grp, after[0], toks):
                # "the spokesman of the Secretary General of the UN": the same, with the owner after the title
                self.interpreter.possessed(reading, grp, after[1])
                skip = n + 1
            kept.append((grp, reading))
        return kept

    def _without_hosts(self, readings: list[tuple[Group, Reading]], toks: list[Tok]) -> list[tuple[Group, Reading]]:
        """Drop the host of an envoy ("the US ambassador *to the OSCE*", "Russia's envoy to the UN"): the envoy
        acts for the sending state, and an office holder whose title names another host is not this envoy."""
        kept: list[tuple[Group, Reading]] = []
        hosts: set[int] = set()
        for n, (grp, reading) in enumerate(readings):
            if n in hosts:
                continue
            after = readings[n + 1] if n + 1 < len(readings) else None
            if after is not None and _envoy_to(grp, after[0], toks):
                if any(c.kind in PERSONISH for c in after[0].comps):
                    # "... to the OSCE Michael Carpenter": the envoy named after the host, of the sending state
                    after[1].country = reading.country or after[1].country
                else:
                    hosts.add(n + 1)
                if reading.role_obj is not None and not _title_names(reading.role_obj.title, after[1], self.kb):
                    _forget_holder(reading, self.kb)
                if reading.person is None and reading.definite and reading.country:
                    self._envoy_holder(reading, after[1])
            kept.append((grp, reading))
        return kept

    def _envoy_holder(self, reading: Reading, host: Reading) -> None:
        """The one envoy of the reading's country whose title names the host on the date, if the knowledge base
        has exactly one ("Russia's envoy to the UN")."""
        holders = self.kb.holders(reading.country or "", "ambassador", self.interpreter.date)
        fits = {p.id: (p, r) for p, r in holders if _title_names(r.title, host, self.kb)}
        if len(fits) > 1:  # "ambassador" names the head of the mission, not a deputy of it
            fits = {k: (p, r) for k, (p, r) in fits.items() if not DEPUTY_WORDS & set(fold(r.title).split())}
        if len(fits) == 1:
            person, role = next(iter(fits.values()))
            self.interpreter.from_person(reading, person, role)

    def find(self, span: Any) -> list[Actor]:
        """All actor mentions in a spaCy ``Span`` or ``Doc``: offsets into ``span.doc.text``, in text order.

        Mentions are the longest matches and never overlap; place names after a locative preposition ("in
        Vienna") are locations, not actors, and are left out.
        """
        toks = self._doc_tokens.tokens(span)
        if not toks:
            return []
        doc_text = self._doc_tokens.text
        found: list[tuple[Group, Reading, bool]] = []
        for grp in self._groups(toks, doc_text, parsed=True):
            emit = is_actor(grp, toks)
            if not emit and not grp.kinds() <= NATION:
                continue
            reading = self.interpreter.interpret(grp, toks)
            if reading is None or (reading.country is None and reading.sector is None and reading.name is None):
                continue
            found.append((grp, reading, emit))
        for (envoy, sent, _), (host, named, _) in pairwise(found):
            if _envoy_to(envoy, host, toks) and any(c.kind in PERSONISH for c in host.comps):
                named.country = sent.country or named.country  # "US Ambassador to the OSCE Michael Carpenter"
        distribute([(g, r) for g, r, _ in found], toks)
        out: list[Found] = [(g, r, extend_left(g, toks, doc_text), g.j) for g, r, emit in found if emit or r.shared]
        appositions(out, toks)
        actors = []
        for _, reading, i, j in out:
            self.memory.commit(reading, self.kb)
            start, end = toks[i].start, toks[j - 1].end
            actors.append(_actor(reading, doc_text[start:end], start, end))
        return actors

    def _groups(self, toks: list[Tok], text: str, *, parsed: bool) -> list[Group]:
        matcher = self.resolver.matcher
        comps = matcher.name_runs(toks, matcher.match(toks), self.memory, parsed=parsed)
        comps.sort(key=lambda c: c.i)
        return group(toks, comps, text)


POSSESSIVE_MARKS = frozenset({"'s", "'"})
DEPUTY_WORDS = frozenset({"deputy", "vice", "assistant", "alternate"})
ENVOY_OFFICES = frozenset({"ambassador"})


def _envoy_to(envoy: Group, host: Group, toks: list[Tok]) -> bool:
    """``envoy`` holds an envoy's title and is followed by "to (the)" and then ``host``."""
    between = [t.key for t in toks[envoy.j : host.i]]
    titled = any(c.kind == "office" and c.entry.ref in ENVOY_OFFICES for c in envoy.comps)
    return titled and between in (["to"], ["to", "the"])


def _title_names(title: str, host: Reading, kb: KnowledgeBase) -> bool:
    """Whether a role's title names this host ("Permanent Representative to the UN" for the United Nations)."""
    folded = f" {fold(title).replace('-', ' ')} "
    names = {host.name, host.country, kb.country_name(host.country) if host.country else None}
    return any(name and f" {fold(name)} " in folded for name in names)


def _forget_holder(reading: Reading, kb: KnowledgeBase) -> None:
    """Keep what a title says (country, sector, the office) without the office holder it was matched to."""
    office = reading.role_obj.office if reading.role_obj is not None else None
    spec = kb.offices.get(office or "")
    reading.person = reading.role_obj = reading.name = reading.kb_id = None
    reading.role = spec.display if spec is not None else reading.role
    reading.title_only = True


def _owns(owner: Group, title: Group, toks: list[Tok]) -> bool:
    """``owner`` is followed by a possessive 's and then by ``title``, a group led by a title noun."""
    between = [t.key for t in toks[owner.j : title.i]]
    return len(between) == 1 and between[0] in POSSESSIVE_MARKS and title.comps[0].kind in TITLE


SERVING_OFFICES = frozenset({"spokesperson", "aide"})  # offices held for someone else ("spokesman of/for X")


def _serves(title: Group, owner: Group, toks: list[Tok]) -> bool:
    """``title`` is a serving office ("the spokesman") followed by "of"/"for" (the) and then ``owner``."""
    between = [t.key for t in toks[title.j : owner.i] if t.key != "the"]
    office = title.comps[-1].entry.ref if title.comps[-1].kind == "office" else None
    return between in (["of"], ["for"]) and office in SERVING_OFFICES and bool(owner.comps)


def _primary(readings: list[tuple[Group, Reading]]) -> Reading:
    """One mention, several pieces ("Ivan Petrovsky, a Russian analyst", "Rebels in the Ivory Coast"): the person
    if there is one, else the first kind-of-actor noun, takes what it lacks from the others."""
    # a name written in the mention outranks a holder its title was matched to ("The official representative of
    # the Russian Ministry of Defence, Major General Igor Konashenkov" is Konashenkov, whoever else the title fits)
    people = [(g, r) for g, r in readings if r.person or r.known]
    named = [r for g, r in people if any(c.kind in PERSONISH for c in g.comps)]
    primary = named[0] if named else (people[0][1] if people else None)
    if primary is None:
        titled = [r for g, r in readings if r.title_only or (any(c.kind in TITLE for c in g.comps) and not r.kb_id)]
        primary = titled[0] if titled else readings[0][1]
    for _, other in readings:
        if other is primary:  # same object (a reading)
            continue
        if other.person is not None and other.person is not primary.person:  # same object (a KB person)
            continue  # a title matched to someone else lends the named person nothing
        primary.country = primary.country or other.country
        if primary.person is None and (primary.known is not None or primary.title_only):
            primary.sector = primary.sector or other.sector
            primary.role = primary.role or other.role
    return primary


def _actor(reading: Reading, text: str, start: int, end: int) -> Actor:
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


_DEFAULT: list[ActorResolver] = []


def default_resolver() -> ActorResolver:
    """A resolver over :func:`redline.kb.default_kb`, shared by the process (rebuilt when that knowledge base is:
    a changed ``$REDLINE_ACTORS`` or an edited file)."""
    kb = default_kb()
    if not _DEFAULT or _DEFAULT[0].kb is not kb:  # same object (the KB)
        _DEFAULT[:] = [ActorResolver(kb)]
    return _DEFAULT[0]


def resolve_actor(text: str, *, date: str | None = None) -> Actor | None:
    """Resolve one mention with the default knowledge base (convenience for scripts and tests)."""
    return default_resolver().context(date).resolve(text)
