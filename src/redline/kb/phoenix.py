"""The PETRARCH2 Phoenix dictionaries, converted, under the hand-written knowledge base.

``data/kb/phoenix/phoenix.tsv.gz`` is written once by ``scripts/convert_phoenix_actors.py`` from the Phoenix
actor and agent dictionaries (MIT licence, © Open Event Data Alliance; the licence is beside the file). It adds
about 17,000 people with dated country-and-sector roles (ending around 2016), some 1,000 organisations and armed
groups, and role nouns with their sectors.

The hand-written YAML stays on top: a Phoenix person with the name of a hand-written one is that person (their
other spellings are added; their roles stay the hand-written ones); a Phoenix phrase that the hand-written base
already has keeps its hand-written reading; a Phoenix role noun never replaces a hand-written one. A role the
dictionaries leave open ends on 2016-12-31 (their last update): after that the person's office is unknown, so
they read as a former office holder, never as a current one. Every fact keeps its source (``Person.source``,
``Role.source``, ``Person.alias_sources``), which ``redline actors show`` prints.

Why lazy: most of the 17,000 people are never mentioned in a given run, so loading builds only an index of their
phrases (stored precomputed: folded tokens and capitalisation flags, one tab-separated line per record); a
person's record and a phrase's lexicon entries are built the first time they are looked up.
"""

from __future__ import annotations

import datetime as dt
import gzip
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from redline.errors import KnowledgeBaseError
from redline.kb.model import Entry, Institution, Person, Role
from redline.kb.text import fold, phrase_key

PHOENIX = "phoenix"
PHOENIX_DIR = Path(__file__).resolve().parent.parent / "data" / "kb" / "phoenix"
PHOENIX_FILE = PHOENIX_DIR / "phoenix.tsv.gz"
FORMAT = 1
# The dictionaries end around 2016: a role they leave open is known to last until then, not after.
LAST_UPDATE = dt.date(2016, 12, 31)
OPEN_ENDED = "open-ended in the Phoenix dictionaries, which end in 2016"
SECTIONS = {"people": 7, "groups": 5, "agents": 3}  # fields per row

Phrase = tuple[tuple[str, ...], list[Entry]]


@dataclass(slots=True)
class Row:
    """One imported person as stored: what the index needs, and the rest of the line, read when used."""

    pid: str
    country: str
    surname: str
    keys: list[str]  # "folded tokens|flags"
    rest: str  # name, aliases, roles (tab-separated)

    def fields(self) -> tuple[str, list[str], list[list[str]]]:
        name, aliases, roles = self.rest.split("\t")
        return name, [a for a in aliases.split(";") if a], [r.split(",") for r in roles.split(";") if r]


def read_phoenix(path: Path = PHOENIX_FILE) -> dict[str, list[list[str]]]:
    """The converted file's rows by section, each row checked for its number of fields."""
    try:
        text = gzip.decompress(path.read_bytes()).decode("utf-8")
    except (OSError, EOFError, UnicodeDecodeError, gzip.BadGzipFile) as exc:
        raise KnowledgeBaseError(f"{path}: cannot read the converted Phoenix data: {exc}", input_id=str(path)) from exc
    lines = text.split("\n")
    if not lines or lines[0] != f"# redline phoenix {FORMAT}":
        raise KnowledgeBaseError(f"{path}: not format {FORMAT} (re-run scripts/convert_phoenix_actors.py)")
    sections: dict[str, list[list[str]]] = {name: [] for name in SECTIONS}
    current: list[list[str]] | None = None
    width = 0
    for number, line in enumerate(lines, 1):
        if not line or line.startswith("#"):
            continue
        if line.startswith("@"):
            name = line[1:]
            if name not in SECTIONS:
                raise KnowledgeBaseError(f"{path}:{number}: unknown section {line!r}")
            current, width = sections[name], SECTIONS[name]
            continue
        row = line.split("\t", width - 1) if width != 7 else line.split("\t", 4)
        if current is None or len(row) != (width if width != 7 else 5):
            raise KnowledgeBaseError(f"{path}:{number}: expected {width} tab-separated fields")
        current.append(row)
    return sections


class ImportedPeople:
    """Phoenix people not in the hand-written base: an index of their phrases, records built on first use."""

    def __init__(self, rows: list[Row], countries: set[str], codes: set[str], office_of: Any) -> None:
        self._rows = {row.pid: row for row in rows if row.country in countries}
        self._valid = countries | codes
        self._office_of = office_of
        self._built: dict[str, Person] = {}
        self._phrases: dict[str, list[tuple[str, str, str]]] = {}  # joined key -> (flags, kind, ref)
        self._by_first: dict[str, list[str]] = {}
        self._entries: dict[str, Phrase] = {}
        self.vocabulary: set[str] = set()

    def __contains__(self, pid: object) -> bool:
        return pid in self._rows

    def __len__(self) -> int:
        return len(self._rows)

    def ids(self) -> Iterator[str]:
        return iter(self._rows)

    def get(self, pid: str) -> Person | None:
        """The person with this id, built from its row the first time."""
        person = self._built.get(pid)
        if person is None and pid in self._rows:
            person = self._build(self._rows[pid])
            self._built[pid] = person
        return person

    def _build(self, row: Row) -> Person:
        name, aliases, role_rows = row.fields()
        roles = sorted(phoenix_roles(role_rows, self._valid, self._office_of), key=lambda r: r.start or dt.date.min)
        surname = row.surname or None
        return Person(row.pid, name, row.country, aliases, roles, surname, PHOENIX, keys=parse_keys(row.keys))

    def index(self, hand_written: set[tuple[str, ...]], stoplist: set[str]) -> None:
        """Index every phrase of the imported people that the hand-written lexicon does not have."""
        own = {" ".join(key) for key in hand_written}
        for pid, row in self._rows.items():
            for key in row.keys:
                joined, _, flags = key.rpartition("|")
                if joined not in own:
                    self._add(joined, flags, "person", pid)
            surname = row.surname
            if surname and surname not in stoplist and surname not in own:
                self._add(surname, "1", "surname", pid)
        for joined in self._by_first.values():
            joined.sort(key=lambda k: -k.count(" "))  # longest first, as the hand-written buckets

    def _add(self, joined: str, flags: str, kind: str, ref: str) -> None:
        entries = self._phrases.setdefault(joined, [])
        if not entries:
            words = joined.split(" ")
            self._by_first.setdefault(words[0], []).append(joined)
            self.vocabulary.update(words)
        entries.append((flags, kind, ref))

    def bucket(self, first: str) -> list[Phrase]:
        """Phrases starting with the folded token ``first``, longest first (entries built on first use)."""
        return [self._entry(joined) for joined in self._by_first.get(first, ())]

    def _entry(self, joined: str) -> Phrase:
        found = self._entries.get(joined)
        if found is None:
            entries = []
            for flags, kind, ref in self._phrases[joined]:
                country = self._rows[ref].country
                entries.append(Entry(kind=kind, ref=ref, case=tuple(int(f) for f in flags), country=country))
            found = (tuple(joined.split(" ")), entries)
            self._entries[joined] = found
        return found

    def holders(self) -> Iterator[Person]:
        """People with an office named in their roles (a title in the dictionary's comments), built now."""
        for pid, row in self._rows.items():
            if any(role.rsplit(",", 1)[-1] for role in row.rest.rsplit("\t", 1)[-1].split(";")):
                person = self.get(pid)
                if person is not None:
                    yield person


def parse_keys(keys: list[str]) -> list[tuple[tuple[str, ...], tuple[int, ...]]]:
    out = []
    for key in keys:
        words, _, flags = key.rpartition("|")
        out.append((tuple(words.split(" ")), tuple(int(f) for f in flags)))
    return out


def phoenix_roles(rows: list[list[str]], valid: set[str], office_of: Any) -> list[Role]:
    roles = []
    for country, sector, start, end, title in rows:
        if country not in valid:
            continue
        day_start = dt.date.fromisoformat(start) if start else None
        day_end = dt.date.fromisoformat(end) if end else None
        note = None
        if day_end is None or day_end > LAST_UPDATE:
            day_end, note = LAST_UPDATE, OPEN_ENDED
        office = office_of(title) if title else None
        roles.append(Role(title, country, sector, day_start, day_end, office, None, note, PHOENIX))
    return roles


def people_rows(rows: list[list[str]]) -> list[Row]:
    return [Row(pid, country, surname, keys.split(";"), rest) for pid, country, surname, keys, rest in rows]


def merge_into(people: dict[str, Person], rows: list[Row]) -> list[Row]:
    """Merge rows naming a hand-written person into that person; return the other rows."""
    known: dict[str, Person] = {}
    for person in people.values():
        for name in [person.name, *person.aliases]:
            known.setdefault(" ".join(phrase_key(name)), person)
    rest = []
    for row in rows:
        same = next((known[k.rpartition("|")[0]] for k in row.keys if k.rpartition("|")[0] in known), None)
        if same is None:
            rest.append(row)
        else:
            name, aliases, _ = row.fields()
            _merge(same, [name, *aliases])
    return rest


def _merge(person: Person, names: list[str]) -> None:
    """A hand-written person met again: their other spellings are added; their roles stay the hand-written ones
    (the hand-written base is the correction of record, and the dictionaries' dates are sometimes wrong)."""
    folded = {fold(a) for a in [person.name, *person.aliases]}
    for alias in names:
        if fold(alias) not in folded:
            folded.add(fold(alias))
            person.aliases.append(alias)
            person.alias_sources[alias] = PHOENIX


def groups(rows: list[list[str]], valid: set[str]) -> Iterator[Institution]:
    """Phoenix organisations and armed groups as institutions (their phrases are compiled from their keys)."""
    for gid, country, sector, keys, name in rows:
        if country in valid:
            yield Institution(gid, name, country, sector, source=PHOENIX, keys=parse_keys(keys.split(";")))


def agents(
    rows: list[list[str]], sectors: dict[str, str], office_words: set[str]
) -> Iterator[tuple[tuple[str, ...], tuple[int, ...], str, str]]:
    """Role nouns (precomputed key, case flags, phrase, sector), except those naming an office: offices are read
    as titles."""
    for key, sector, phrase in rows:
        ((words, flags),) = parse_keys([key])
        if sector in sectors and not any(w in office_words for w in words):
            yield words, flags, phrase, sector
