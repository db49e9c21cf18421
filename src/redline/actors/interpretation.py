"""Interpreting a grouped mention on the article's date: who it names, the role held that day, whom they act for.

A person named in the mention is chosen among namesakes by the country and title the mention gives and by who
held office on the date; a definite title alone ("the Russian foreign minister") names someone the article
already named with that role, else the office holder that day; an indefinite one ("a top Russian diplomat")
never names a person. Countries, organisations, institutions and metonyms give the country (or organisation
code) and sector.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from redline.actors.grouping import Group
from redline.actors.matching import Comp
from redline.actors.memory import ArticleMemory, Referent
from redline.actors.tokens import Tok
from redline.actors.words import (
    DEFINITE,
    GENERIC_HEADS,
    HEAD_WORDS,
    INDEFINITE,
    MODIFIERS,
    NATION,
    PERSONISH,
    TITLE,
    WORD_STOP,
)
from redline.kb import KnowledgeBase, Person, Role, fold


@dataclass(slots=True)
class Reading:
    """A group interpreted: the actor fields, and the person behind it (if any) for memory and appositions."""

    name: str | None = None
    country: str | None = None
    sector: str | None = None
    role: str | None = None
    kb_id: str | None = None
    person: Person | None = None
    role_obj: Role | None = None
    known: Referent | None = None
    title_only: bool = False
    shared: bool = False  # took its noun from a coordinated mention ("Ukrainian and American delegations")
    definite: bool = False
    plural: bool = False


class Interpreter:
    """Reads groups of one article (its date, and its memory of who was named) into actor fields."""

    def __init__(self, kb: KnowledgeBase, day: dt.date | None, memory: ArticleMemory) -> None:
        self.kb = kb
        self.date = day
        self.memory = memory

    def interpret(self, group: Group, toks: list[Tok]) -> Reading | None:
        comps = group.comps
        head = comps[: group.of_at] if group.of_at else comps
        titles = [c for c in comps if c.kind in TITLE]
        head_titles = [c for c in head if c.kind in TITLE]
        persons = [c for c in comps if c.kind in PERSONISH]
        former = any(c.kind == "former" for c in comps)
        det = self._determiner(toks, group.i)
        possessive = any(t.key == "'s" for t in toks[group.i : group.j])
        definite = (
            det in DEFINITE
            or possessive
            or toks[group.i].key in DEFINITE  # "the" inside a phrase: "The White House press secretary"
            or (det is None and bool(titles) and toks[titles[0].i].text[:1].isupper())
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
        # title words, without those of a body-naming noun ("diplomacy" in "the head of French diplomacy")
        words = (
            frozenset(t.key for c in titles if not (c.kind == "role" and c.entry.body) for t in toks[c.i : c.j])
            - WORD_STOP
        )
        office = next((c.entry.ref for c in reversed(head_titles) if c.kind == "office"), None)
        if body is None and group.of_at:  # "the spokesman of the Russian presidency": the Kremlin's spokesman
            leader = next((c.entry.ref for c in comps[group.of_at :] if c.kind == "office"), None)
            body = self.led_body(leader, country, office)
        if body is None and any(t.key == "presidential" for t in toks[group.i : group.j]):
            body = self.led_body("president", country, office)  # "the Russian presidential spokesman": the Kremlin's
        reading = Reading(definite=definite and not indefinite, plural=plural)
        if persons:
            sector = title_sector or nat_sector
            return self._person_reading(reading, persons[-1], country, office, sector, last_title, former)
        if nat_name and not any(c.kind == "office" for c in comps):
            titles = []  # "news agency RIA", "NATO members": the named body is the actor
        if titles:
            reading.title_only = True
            if reading.definite and not plural:
                # "the FSB chief": a state's institution (an organisation's bodies keep its leader: "the UN chief")
                state = country is not None and not self.kb.is_organisation(country)
                inside = state and any(c.kind == "institution" for c in comps)
                found = self._title_holder(words, office, country, body, former, institution=inside)
                if found is not None:
                    return self._from_person(reading, found[0], found[1], former and found[1] is None)
            if country is None and body and reading.definite:
                country = self.memory.last_country
            if country is None and reading.definite and last_title is not None and last_title.kind == "role":
                country = self._allies(last_title, toks)
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

    def _allies(self, title: Comp, toks: list[Tok]) -> str | None:
        """ "The allies" in an article about NATO are NATO's: a role noun that is also a context noun takes the
        organisation the article is about, if one was mentioned."""
        phrase = " ".join(t.key for t in toks[title.i : title.j])
        oid = self._org_in_context(phrase, seat=False) if phrase in self.kb.context_nouns else None
        return self.kb.organisations[oid].code if oid is not None else None

    def _title_sector(self, titles: list[Comp]) -> str | None:
        """The sector the titles give: the head noun's, unless it is a generic head ("rebel leaders" are rebels)."""
        sectors = [(c.entry.ref, c.entry.sector) for c in titles if c.entry.sector]
        if not sectors:
            return None
        if len(sectors) > 1 and titles[-1].kind == "role" and titles[-1].entry.ref in GENERIC_HEADS:
            return sectors[-2][1]
        return sectors[-1][1]

    def _nation(self, comps: list[Comp]) -> tuple[str | None, str | None, str | None, str | None, str | None] | None:
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
                # "Pakistani Foreign Office spokesperson": a nationality written before a metonym of another state
                # ("Foreign Office" alone is London's) keeps its country; the metonym gives the body
                stated = national and comp.kind == "metonym" and country is not None and body is None
                country = country if stated else entry.country
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
        seen = [(self.memory.seen_at(oid), oid) for oid in ids]
        best = max(seen)
        if best[0] > 0:
            return best[1]
        return ids[0] if seat else None

    def _title_text(self, title: Comp | None) -> str | None:
        """The role text a title piece gives an actor the knowledge base does not know."""
        if title is None:
            return None
        if title.kind == "office":
            return self.kb.offices[title.entry.ref].display
        return None if title.entry.ref == "community" else title.entry.ref

    def _person_reading(
        self,
        reading: Reading,
        comp: Comp,
        country: str | None,
        office: str | None,
        sector: str | None,
        last_title: Comp | None,
        former: bool,
    ) -> Reading:
        if comp.kind == "name" and comp.person is None:
            known = comp.known
            reading.name = known.name if known else comp.name
            reading.known = known or Referent(name=comp.name or "", keys=set())
            reading.country = country or (known.country if known else None)
            reading.role = self._title_text(last_title) or (known.role if known else None)
            reading.sector = "ELI" if former else (sector or (known.sector if known else None))
            return reading
        candidates = [comp.person] if comp.person else [p for e in comp.entries if (p := self.kb.person_of(e.ref))]
        remembered = False
        if comp.kind == "surname" or len(candidates) > 1:
            memory = [k.person for k in self.memory.people if k.person in candidates]
            if memory:
                candidates, remembered = [memory[0]], True
        if comp.kind == "surname" and not remembered and self.date is not None and not (country or office):
            # "Wallace" in 2016 is not the minister who took office in 2019: a bare surname names a known person
            # only once they have held (or hold) an office, unless the article named them in full
            candidates = [p for p in candidates if not _only_later(p, self.date)]
        person = self._choose(candidates, country, office)
        if person is None:
            codes = {p.country for p in candidates}
            reading.name = self._written_name(comp)
            reading.country = country or (codes.pop() if len(codes) == 1 else None)
            reading.sector = sector
            reading.role = self._title_text(last_title)
            reading.known = Referent(name=reading.name or "", keys=set(), country=reading.country, sector=sector)
            return reading
        role, was_former = self._dated_role(person, office, country, former)
        return self._from_person(reading, person, role, was_former)

    def _written_name(self, comp: Comp) -> str | None:
        return comp.name or (
            p.name.split()[-1] if comp.entries and (p := self.kb.person_of(comp.entries[0].ref)) else None
        )

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

    def from_person(self, reading: Reading, person: Person, role: Role) -> Reading:
        """Name the holder of a title that was read without one."""
        return self._from_person(reading, person, role, former=False)

    def _from_person(self, reading: Reading, person: Person, role: Role | None, former: bool) -> Reading:
        reading.person, reading.name, reading.kb_id, reading.role_obj = person, person.name, person.id, role
        reading.title_only = False
        if role is None:
            reading.country, reading.sector, reading.role = person.country, None, None
        elif former:
            reading.country = person.country if self.kb.is_organisation(role.country) else role.country
            reading.sector, reading.role = "ELI", f"former {role.title}" if role.title else None
        else:
            reading.country, reading.sector, reading.role = role.country, role.sector, role.title or None
        return reading

    def _title_holder(
        self,
        words: frozenset[str],
        office: str | None,
        country: str | None,
        body: str | None,
        former: bool,
        *,
        institution: bool = False,
    ) -> tuple[Person, Role | None] | None:
        """Who a definite title names: someone the article already named, else the office holder that day. A bare
        "head"/"chief" of a national institution ("the FSB chief") heads that institution, never the country."""
        named = office
        office, body = self._headed_office(words, office, body)
        for known in self.memory.people:
            if known.person is None or known.role_obj is None:
                continue
            if country and country not in (known.role_obj.country, known.person.country):
                continue
            if office != named and known.role_obj.office != office:
                continue  # "the head of Brazilian diplomacy" names the foreign minister, not the president named before
            if body and known.role_obj.body and known.role_obj.body != body:
                continue  # "the Pentagon press secretary" is not the White House's, named before
            if self._refers(words, office, known.role_obj):
                return known.person, known.role_obj
        country = country or self.memory.home  # "ROME (ANSA) - ... the premier said": the dateline's office
        if office is None or former or country is None:
            return None
        spec = self.kb.offices.get(office)
        if spec is None:
            return None
        org = self.kb.organisations.get(country.lower()) if self.kb.is_organisation(country) else None
        if spec.loose:
            office = spec.loose
        elif spec.weak:
            if not words or not words <= HEAD_WORDS or institution:
                return None
            if org is not None:
                office = org.leader or ""
            elif country in self.kb.countries:
                office = self.kb.countries[country].leader or "president"
            else:
                return None
        if org is not None:
            office = org.office_aliases.get(office, office)
        return self._one_holder(country, office, body, words)

    def led_body(self, leader: str | None, country: str | None, office: str | None) -> str | None:
        """The body a leader's office heads in ``country``, when someone there holds ``office`` in it: the
        president's (or the presidency's) spokesman in Russia is the Kremlin's, in France the Elysée's."""
        if not leader or not country or not office or office == leader:
            return None
        for body, head in sorted(self.kb.body_heads.items()):
            if head == leader and self.kb.holders(country, office, self.date, body):
                return body
        return None

    def possessed(self, title: Reading, group: Group, owner: Reading) -> None:
        """ "Putin's spokesman", "the Russian president's adviser": the title is the actor, of the owner's
        country; when the owner heads a body (the president: the Kremlin), the title's holder in that body."""
        office = next((c.entry.ref for c in reversed(group.comps) if c.kind == "office"), None)
        if owner.country and title.country and title.country != owner.country:
            # the title alone matched someone else the article named: the owner's country says who is meant
            spec = self.kb.offices.get(office or "")
            title.person = title.role_obj = title.name = title.kb_id = None
            title.country, title.role, title.title_only = None, spec.display if spec else title.role, True
        title.country = title.country or owner.country
        leader = owner.role_obj.office if owner.role_obj is not None else None
        body = self.led_body(leader, title.country, office) if title.country and office else None
        if title.person is not None and body and title.role_obj is not None and title.role_obj.body != body:
            # "the press secretary of the President" is the Kremlin's, not the ministry spokeswoman named before
            title.person = title.role_obj = title.name = title.kb_id = None
        if title.person is not None or not title.definite or not title.country or not office:
            return
        found = self._one_holder(title.country, office, body, frozenset())
        served = found[1].body if found is not None and found[1] is not None else None
        if found is not None and body is None and leader and served and self.kb.body_heads.get(served) != leader:
            return  # "Erdogan's spokesman" is not the foreign ministry's, the one spokesperson the KB has for Turkey
        if found is not None:
            self._from_person(title, found[0], found[1], former=False)

    def _headed_office(
        self, words: frozenset[str], office: str | None, body: str | None
    ) -> tuple[str | None, str | None]:
        """ "The head of French diplomacy", "the head of the Pentagon", "the tenant of the Elysée": a head word and a
        body name the office that leads the body (foreign minister, defence secretary, president)."""
        spec = self.kb.offices.get(office or "")
        if spec is not None and spec.weak and body in self.kb.body_heads and words and words <= HEAD_WORDS:
            return self.kb.body_heads[body], None
        return office, body

    def _one_holder(
        self, country: str, office: str, body: str | None, words: frozenset[str]
    ) -> tuple[Person, Role | None] | None:
        """The one holder of an office that day; among several (a body's press secretary and its spokesman), the
        one whose title has the mention's title words."""
        holders = self.kb.holders(country, office, self.date, body)
        if body is None and len({p.id for p, _ in holders}) > 1:
            holders = [(p, r) for p, r in holders if r.body is None]
        if len({p.id for p, _ in holders}) > 1 and words:
            titled = [(p, r) for p, r in holders if words <= set(fold(r.title).replace("-", " ").split())]
            holders = titled or holders
        if len({p.id for p, _ in holders}) != 1:
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

    def _determiner(self, toks: list[Tok], i: int) -> str | None:
        k = i - 1
        while k >= 0 and toks[k].key in MODIFIERS:
            k -= 1
        return toks[k].key if k >= 0 else None


def _only_later(person: Person, day: dt.date) -> bool:
    """Whether every role the person is known for starts after ``day``."""
    return bool(person.roles) and all(r.start is not None and r.start > day for r in person.roles)
