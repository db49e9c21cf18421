"""The knowledge base's lookups: a phrase lexicon keyed by folded token sequences, people by id and name, and
the holders of each office by country and date.

Everything the resolver needs at run time is precompiled once per knowledge base, so matching a sentence is
dictionary lookups, never a scan of the base. Filled by :mod:`redline.kb.load`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from typing import Any

from redline.kb.model import Country, Entry, Institution, Office, Organisation, Person, Role
from redline.kb.phoenix import ImportedPeople
from redline.kb.text import HONORIFICS, NAME_SUFFIXES, case_flag, fold, is_plural, phrase_key, slug, tokenize


class KnowledgeBase:
    """The merged knowledge base and its precompiled lookups. Build with :func:`load_kb` or :func:`default_kb`."""

    def __init__(self) -> None:
        self.files: list[str] = []
        self.sectors: dict[str, str] = {}
        self.offices: dict[str, Office] = {}
        self.office_phrases: dict[str, list[str]] = {}
        self.role_nouns: dict[str, tuple[str, str | None]] = {}  # phrase -> (label, sector)
        self.former_words: list[str] = []
        self.not_names: set[str] = set()
        self.surname_stoplist: set[str] = set()
        self.regions: list[str] = []
        self.organisation_heads: dict[str, str | None] = {}
        self.body_heads: dict[str, str] = {}  # body slug -> the office that leads it
        self.countries: dict[str, Country] = {}
        self.organisations: dict[str, Organisation] = {}
        self.institutions: dict[str, Institution] = {}
        self.people: dict[str, Person] = {}  # hand-written (with what imported sources add to them)
        self.imported: ImportedPeople | None = None  # imported people, built on first use
        self.imported_roles: list[tuple[tuple[str, ...], tuple[int, ...], str, str]] = []  # key, case, label, sector
        self.seats: dict[str, list[str]] = {}
        self.context_nouns: dict[str, list[str]] = {}
        # lookups, built by _compile()
        self.lexicon: dict[str, list[tuple[tuple[str, ...], list[Entry]]]] = {}
        self.vocabulary: set[str] = set()
        self.org_codes: dict[str, str] = {}  # code -> kind (PLOVER class)
        self.name_index: dict[str, str] = {}  # folded full name -> person id (fuzzy matching choices)
        self._holders: dict[tuple[str, str], list[tuple[Person, Role]]] = {}
        self.office_index: dict[tuple[str, ...], str] = {}
        self.institution_by_body: dict[tuple[str, str], Institution] = {}
        self._phrases: dict[tuple[str, ...], list[Entry]] = {}

    # --- queries -------------------------------------------------------------------------------------

    def organisation(self, key: str) -> Organisation | None:
        """An international organisation by id, name or alias (case-insensitive)."""
        return _by_name(self.organisations, key)

    def institution(self, key: str) -> Institution | None:
        """A national body by id, name or alias (case-insensitive)."""
        return _by_name(self.institutions, key)

    def person(self, key: str) -> Person | None:
        """A person by id, by (folded) name or alias, or by a surname only one known person has."""
        found = self.person_of(key)
        if found is not None:
            return found
        folded = phrase_key(key)
        pid = self.name_index.get(" ".join(folded))
        if pid:
            return self.person_of(pid)
        if not folded:
            return None
        ids = {
            e.ref
            for n, entries in self.lookup(folded, 0)
            if n == len(folded)
            for e in entries
            if e.kind in ("person", "surname")
        }
        return self.person_of(ids.pop()) if len(ids) == 1 else None

    def person_of(self, pid: str) -> Person | None:
        """A person by id, hand-written or imported."""
        person = self.people.get(pid)
        if person is None and self.imported is not None:
            person = self.imported.get(pid)
        return person

    def holders(
        self, country: str, office: str, day: dt.date | None, body: str | None = None
    ) -> list[tuple[Person, Role]]:
        """Who held ``office`` for ``country`` on ``day`` (newest first); with no day, the current or last holders.

        Both ends of a role count, so on a handover day (one role ends, the next starts) only the incoming holder
        is returned. A body's plain minister or secretary is the office that leads it when no role names one: in
        "the US Treasury Secretary" the department's name takes "Treasury", leaving "Secretary" of the Treasury."""
        rows = self._holders.get((country, office), [])
        if body is not None:
            rows = [(p, r) for p, r in rows if r.body == body]
            if not rows and office == "minister" and body in self.body_heads:
                rows = self._holders.get((country, self.body_heads[body]), [])
        if day is not None:
            found = [(p, r) for p, r in rows if r.active(day)]
            staying = [(p, r) for p, r in found if r.end != day]
            if staying and len(staying) < len(found):
                found = staying  # a handover day: the incoming holder, not the outgoing one
        else:
            found = [(p, r) for p, r in rows if r.end is None] or rows[:1]
        return sorted(found, key=lambda pr: pr[1].start or dt.date.min, reverse=True)

    def country_name(self, code: str) -> str | None:
        if code in self.countries:
            return self.countries[code].name
        for org in self.organisations.values():
            if org.code == code and org.id == code.lower():
                return org.name
        return None

    def is_organisation(self, code: str | None) -> bool:
        return code is not None and code in self.org_codes

    def plover_country(self, code: str | None) -> str | None:
        """The PLOVER country-name code of an actor code: ISO codes stay, organisations fold to their class."""
        if code is None:
            return None
        return self.org_codes.get(code, code)

    def office_of(self, title: str) -> str | None:
        """The office key a title names: its longest office phrase ("Deputy Foreign Minister" -> the deputy's)."""
        toks = phrase_key(title)
        best: tuple[int, str] | None = None
        for i in range(len(toks)):
            for j in range(len(toks), i, -1):
                office = self.office_index.get(toks[i:j])
                if office and (best is None or j - i > best[0]):
                    best = (j - i, office)
                    break
        return best[1] if best else None

    def iter_people(self, *, imported: bool = True) -> Iterator[Person]:
        """Every person by id (with ``imported``, the imported ones too, which builds them all)."""
        people = list(self.people.values())
        if imported and self.imported is not None:
            people += [p for pid in self.imported.ids() if (p := self.imported.get(pid)) is not None]
        return iter(sorted(people, key=lambda p: p.id))

    # --- lexicon -------------------------------------------------------------------------------------

    def lookup(self, keys: Sequence[str], start: int) -> list[tuple[int, list[Entry]]]:
        """Phrases of the lexicon starting at ``keys[start]``: (token count, entries), longest first."""
        out = []
        for key_toks, entries in self.lexicon.get(keys[start], ()):
            n = len(key_toks)
            if tuple(keys[start : start + n]) == key_toks:
                out.append((n, entries))
        if self.imported is not None:
            for key_toks, entries in self.imported.bucket(keys[start]):
                n = len(key_toks)
                if tuple(keys[start : start + n]) == key_toks:
                    out.append((n, entries))
            out.sort(key=lambda found: -found[0])  # stable: a hand-written phrase first among equals
        return out

    def add_phrase(self, phrase: str, entry_kind: str, ref: str, **extra: Any) -> None:
        """Add one phrase reading to the lexicon being compiled (a phrase may have several readings)."""
        tokens = [tok for tok, _, _ in tokenize(phrase)]
        if not tokens:
            return
        key = tuple(fold(t) for t in tokens)
        self._add_key(key, tuple(case_flag(tok) for tok in tokens), entry_kind, ref, **extra)

    def compile(self) -> None:
        """Build the phrase lexicon, the name index and the office holders from the merged data.

        Hand-written data first; then the imported (Phoenix) people and organisations, whose phrases are added
        only where the hand-written base has no reading for them (the hand-written base stays on top).
        """
        self._phrases = {}
        self.name_index.clear()
        self._holders.clear()
        self.org_codes = {org.code: org.kind for org in self.organisations.values()}
        self._compile_words()
        self._compile_countries()
        self._compile_bodies()
        self._compile_people()
        self._compile_imported()
        self.lexicon = {}
        for key, entries in self._phrases.items():
            self.lexicon.setdefault(key[0], []).append((key, entries))
        for bucket in self.lexicon.values():
            bucket.sort(key=lambda kv: -len(kv[0]))  # stable: equal lengths keep the order they were added in
        self.vocabulary = {tok for key in self._phrases for tok in key}
        if self.imported is not None:
            self.vocabulary |= self.imported.vocabulary
        self._phrases = {}

    def _add_key(self, key: tuple[str, ...], case: tuple[int, ...], entry_kind: str, ref: str, **extra: Any) -> None:
        entry = Entry(kind=entry_kind, ref=ref, case=case, **extra)
        entries = self._phrases.setdefault(key, [])
        if entry not in entries:
            entries.append(entry)

    def _compile_imported(self) -> None:
        """Phrases of imported organisations and people, below every hand-written phrase."""
        hand_written = set(self._phrases)
        for key, case, label, sector in self.imported_roles:
            if key not in hand_written:
                self._add_key(key, case, "role", label, sector=sector, plural=is_plural(label))
        for inst in self.institutions.values():
            for key, case in inst.keys:
                if key not in hand_written:
                    self._add_key(key, case, "institution", inst.id, country=inst.country, sector=inst.sector)
        if self.imported is not None:
            self.imported.index(hand_written, self.surname_stoplist)
            for person in self.imported.holders():
                self._add_holders(person)

    def _add_holders(self, person: Person) -> None:
        for role in person.roles:
            if role.office:
                self._holders.setdefault((role.country, role.office), []).append((person, role))

    def _compile_words(self) -> None:
        for phrase in self.former_words:
            self.add_phrase(phrase, "former", phrase)
        for region in self.regions:
            self.add_phrase(region, "region", region)
        for key, office in self.offices.items():
            for phrase in self.office_phrases[key]:
                self.add_phrase(phrase, "office", key, sector=office.sector)
        for phrase, (label, sector) in self.role_nouns.items():
            ministry = " " in label and ("ministry" in label or "department" in label)
            body = slug(label) if ministry or slug(label) in self.body_heads else None  # "the Italian government"
            self.add_phrase(phrase, "role", label, sector=sector, plural=is_plural(phrase), body=body)
        for noun in self.context_nouns:
            self.add_phrase(noun, "context", noun)

    def _compile_countries(self) -> None:
        for country in self.countries.values():
            code = country.part_of or country.code
            for name in [country.name, *country.aliases]:
                self.add_phrase(name, "country", code, country=code)
            for place in country.places:
                self.add_phrase(place, "place", code, country=code)
            adjectives = {fold(a) for a in country.adjectives}
            for adj in country.adjectives:
                self.add_phrase(adj, "demonym", code, country=code)
            for noun in country.people:
                if fold(noun) not in adjectives:
                    self.add_phrase(noun, "people", code, country=code, sector="CVL", plural=True)
            if country.capital:
                self.add_phrase(country.capital, "metonym", code, country=code, sector="GOV")
            for text, sector in country.metonyms.items():
                self.add_phrase(text, "metonym", code, country=code, sector=sector, body=slug(text))

    def _compile_bodies(self) -> None:
        for org in self.organisations.values():
            generic_names = {fold(g) for g in org.generic}
            for alias in [org.name, *org.aliases]:
                generic = fold(alias) in generic_names
                self.add_phrase(
                    alias, "org", org.id, country=org.code, sector=org.sector, body=org.body, generic=generic
                )
        for seat in self.seats:
            self.add_phrase(seat, "seat", seat)
        self.institution_by_body = {(i.country, i.body): i for i in self.institutions.values() if i.body}
        for inst in self.institutions.values():
            if inst.keys:
                continue  # imported: compiled last, from its precomputed keys
            for alias in [inst.name, *inst.aliases]:
                self.add_phrase(alias, "institution", inst.id, country=inst.country, sector=inst.sector, body=inst.body)

    def _compile_people(self) -> None:
        for person in self.people.values():
            if person.keys:
                continue  # imported: compiled last, from its precomputed keys
            for name in [person.name, *person.aliases]:
                self.add_phrase(name, "person", person.id, country=person.country)
                self.name_index.setdefault(" ".join(phrase_key(name)), person.id)
            for surname in _surnames(person):
                if fold(surname) not in self.surname_stoplist:
                    self.add_phrase(surname, "surname", person.id, country=person.country)
            self._add_holders(person)


def _surnames(person: Person) -> list[str]:
    """Surname phrases a person may be called by alone."""
    if person.surname is None:
        return []
    if person.surname:
        return [person.surname]
    out: list[str] = []
    for name in [person.name, *(a for a in person.aliases if a not in person.alias_sources)]:
        words = [w for w in name.split() if fold(w).strip(".") not in NAME_SUFFIXES]
        if len(words) < 2 or fold(words[0]) in HONORIFICS:
            continue
        if words[-1] not in out:
            out.append(words[-1])
    return out


def _by_name(table: dict[str, Any], key: str) -> Any:
    folded = key.lower()
    return table.get(folded) or next(
        (item for item in table.values() if folded in {a.lower() for a in [item.name, *item.aliases]}), None
    )
