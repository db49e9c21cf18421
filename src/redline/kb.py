"""The actor knowledge base: shipped YAML files plus pycountry, merged with users' files, turned into lookups.

Everything the resolver needs at run time is precompiled here once per process: a phrase lexicon keyed by
normalised token sequences (so matching a sentence is dictionary lookups, never a scan of the base), people by
id, and the holders of each office. Files are validated on load so a typo names its file and entry instead of
surfacing later as a wrong actor. The file format is documented in ``data/kb/README.md``.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from redline.errors import KnowledgeBaseError

LOGGER = logging.getLogger(__name__)

KB_DIR = Path(__file__).resolve().parent / "data" / "kb"
ENV_VAR = "REDLINE_ACTORS"

# Token pattern shared with the resolver: abbreviations ("U.S."), possessive "'s", words with inner apostrophes
# ("d'Orsay"), and single punctuation marks. Both shipped phrases and article text go through it, so a phrase
# and its occurrence in text always split the same way.
TOKEN_RE = re.compile(r"(?:[A-Za-z]\.){2,}|['’]s\b|\w+(?:['’](?!s\b)\w+)*|[^\w\s]")
_FOLD = str.maketrans({"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "ß": "ss", "đ": "d", "Đ": "D", "æ": "ae", "ı": "i"})
_SLUG_RE = re.compile(r"^[a-z0-9][a-z0-9.-]*$")
_NAME_SUFFIXES = {"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"}
_HONORIFICS = {"lord", "lady", "sir", "king", "queen", "prince", "crown", "general", "sheikh", "emir", "ayatollah"}
_HONORIFICS |= {"baroness", "president", "dr", "mr", "mrs", "ms"}

# Old CAMEO state codes that PLOVER's CAMEO-derived gold still uses, and the ISO codes they mean.
CAMEO_COUNTRY_ALIASES = {"JAP": "JPN", "ITL": "ITA", "VTN": "VNM"}


def fold(text: str) -> str:
    """Lower-case, strip accents and unify apostrophes: the key form of any text."""
    text = text.translate(_FOLD).replace("’", "'").replace("‘", "'")
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()


def tokenize(text: str) -> list[tuple[str, int, int]]:
    """Tokens of ``text`` with character offsets."""
    return [(m.group(), m.start(), m.end()) for m in TOKEN_RE.finditer(text)]


def phrase_key(text: str) -> tuple[str, ...]:
    """The lexicon key of a phrase: its folded tokens."""
    return tuple(fold(tok) for tok, _, _ in tokenize(text))


def slug(text: str) -> str:
    """A body key from a name: "the White House" -> "white-house"."""
    words = [w for w in phrase_key(text) if w.isalnum() and w != "the"]
    return "-".join(words)


@dataclass(frozen=True, slots=True)
class Role:
    """One office a person held, with its dates (``end`` None: still held)."""

    title: str
    country: str
    sector: str | None
    start: dt.date | None
    end: dt.date | None
    office: str | None = None
    body: str | None = None
    note: str | None = None

    def active(self, day: dt.date) -> bool:
        """Held on ``day`` (both ends inclusive: on a handover day the office lookup prefers the newer holder)."""
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)

    def as_dict(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "country": self.country,
            "sector": self.sector,
            "start": self.start.isoformat() if self.start else None,
            "end": self.end.isoformat() if self.end else None,
            "office": self.office,
            "body": self.body,
            "note": self.note,
        }


@dataclass(slots=True)
class Person:
    """A known person: names, nationality and dated roles."""

    id: str
    name: str
    country: str
    aliases: list[str] = field(default_factory=list)
    roles: list[Role] = field(default_factory=list)
    surname: str | None = ""  # "" derive from the names; None: never resolve a surname alone
    source: str = ""

    def roles_on(self, day: dt.date) -> list[Role]:
        return [role for role in self.roles if role.active(day)]


@dataclass(slots=True)
class Country:
    """A state (or one of Redline's extra codes) and the words that stand for it."""

    code: str
    name: str
    aliases: list[str] = field(default_factory=list)
    adjectives: list[str] = field(default_factory=list)
    people: list[str] = field(default_factory=list)
    capital: str | None = None
    metonyms: dict[str, str] = field(default_factory=dict)
    places: list[str] = field(default_factory=list)
    leader: str | None = None
    part_of: str | None = None


@dataclass(slots=True)
class Organisation:
    """An international organisation or one of its bodies; ``code`` is what Actor.country gets."""

    id: str
    code: str
    name: str
    kind: str
    sector: str | None = None
    aliases: list[str] = field(default_factory=list)
    generic: list[str] = field(default_factory=list)
    body: str | None = None
    leader: str | None = None
    office_aliases: dict[str, str] = field(default_factory=dict)


@dataclass(slots=True)
class Institution:
    """A named national body (ministry, parliament, agency, medium, party, armed group)."""

    id: str
    name: str
    country: str
    sector: str | None
    aliases: list[str] = field(default_factory=list)
    body: str | None = None
    periods: list[tuple[str | None, dt.date | None, dt.date | None]] = field(default_factory=list)

    def sector_on(self, day: dt.date | None) -> str | None:
        if day is not None:
            for sector, start, end in self.periods:
                if (start is None or start <= day) and (end is None or day < end):
                    return sector
        elif self.periods:
            return self.periods[-1][0]
        return self.sector


@dataclass(frozen=True, slots=True)
class Office:
    """A kind of office named by title phrases; ``rank`` orders offices when a person holds several."""

    key: str
    sector: str | None
    display: str
    generic: frozenset[str]
    loose: str | None
    weak: bool
    rank: int


@dataclass(frozen=True, slots=True)
class Entry:
    """What a lexicon phrase stands for. ``case`` holds one flag per token: 0 any, 1 capitalised, 2 upper."""

    kind: str  # person surname country place demonym people metonym org institution seat context office role former
    ref: str
    case: tuple[int, ...]
    sector: str | None = None
    country: str | None = None
    body: str | None = None
    plural: bool = False
    generic: bool = False

    def accepts(self, tokens: Sequence[str]) -> bool:
        """Whether the tokens as written (not folded) satisfy this phrase's capitalisation."""
        for flag, tok in zip(self.case, tokens, strict=False):
            if flag == 2 and not tok.isupper():
                return False
            if flag == 1 and not tok[:1].isupper():
                return False
        return True


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
        self.countries: dict[str, Country] = {}
        self.organisations: dict[str, Organisation] = {}
        self.institutions: dict[str, Institution] = {}
        self.people: dict[str, Person] = {}
        self.seats: dict[str, list[str]] = {}
        self.context_nouns: dict[str, list[str]] = {}
        # lookups, built by _compile()
        self.lexicon: dict[str, list[tuple[tuple[str, ...], list[Entry]]]] = {}
        self.vocabulary: set[str] = set()
        self.org_codes: dict[str, str] = {}  # code -> kind (PLOVER class)
        self.name_index: dict[str, str] = {}  # folded full name -> person id (fuzzy matching choices)
        self._holders: dict[tuple[str, str], list[tuple[Person, Role]]] = {}
        self._office_index: dict[tuple[str, ...], str] = {}
        self.institution_by_body: dict[tuple[str, str], Institution] = {}

    # --- queries -------------------------------------------------------------------------------------

    def organisation(self, key: str) -> Organisation | None:
        """An international organisation by id, name or alias (case-insensitive)."""
        return _by_name(self.organisations, key)

    def institution(self, key: str) -> Institution | None:
        """A national body by id, name or alias (case-insensitive)."""
        return _by_name(self.institutions, key)

    def person(self, key: str) -> Person | None:
        """A person by id, by (folded) name or alias, or by a surname only one known person has."""
        if key in self.people:
            return self.people[key]
        folded = phrase_key(key)
        pid = self.name_index.get(" ".join(folded))
        if pid:
            return self.people[pid]
        if not folded:
            return None
        ids = {
            e.ref
            for n, entries in self.lookup(folded, 0)
            if n == len(folded)
            for e in entries
            if e.kind in ("person", "surname")
        }
        return self.people[ids.pop()] if len(ids) == 1 else None

    def holders(
        self, country: str, office: str, day: dt.date | None, body: str | None = None
    ) -> list[tuple[Person, Role]]:
        """Who held ``office`` for ``country`` on ``day`` (newest first); with no day, the current or last holders."""
        rows = self._holders.get((country, office), [])
        if body is not None:
            rows = [(p, r) for p, r in rows if r.body == body]
        if day is not None:
            found = [(p, r) for p, r in rows if r.active(day)]
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
                office = self._office_index.get(toks[i:j])
                if office and (best is None or j - i > best[0]):
                    best = (j - i, office)
                    break
        return best[1] if best else None

    def iter_people(self) -> Iterator[Person]:
        return iter(sorted(self.people.values(), key=lambda p: p.id))

    # --- lexicon -------------------------------------------------------------------------------------

    def lookup(self, keys: Sequence[str], start: int) -> list[tuple[int, list[Entry]]]:
        """Phrases of the lexicon starting at ``keys[start]``: (token count, entries), longest first."""
        out = []
        for key_toks, entries in self.lexicon.get(keys[start], ()):
            n = len(key_toks)
            if tuple(keys[start : start + n]) == key_toks:
                out.append((n, entries))
        return out

    def _add(self, phrase: str, entry_kind: str, ref: str, **extra: Any) -> None:
        tokens = [tok for tok, _, _ in tokenize(phrase)]
        if not tokens:
            return
        key = tuple(fold(t) for t in tokens)
        case = tuple(_case_flag(tok) for tok in tokens)
        entry = Entry(kind=entry_kind, ref=ref, case=case, **extra)
        bucket = self.lexicon.setdefault(key[0], [])
        for key_toks, entries in bucket:
            if key_toks == key:
                if entry not in entries:
                    entries.append(entry)
                return
        bucket.append((key, [entry]))
        bucket.sort(key=lambda kv: -len(kv[0]))
        self.vocabulary.update(key)

    def _compile(self) -> None:
        """Build the phrase lexicon and the office index from the merged data."""
        self.lexicon.clear()
        self.vocabulary.clear()
        self.name_index.clear()
        self._holders.clear()
        self.org_codes = {org.code: org.kind for org in self.organisations.values()}
        for phrase in self.former_words:
            self._add(phrase, "former", phrase)
        for region in self.regions:
            self._add(region, "region", region)
        for key, office in self.offices.items():
            for phrase in self.office_phrases[key]:
                self._add(phrase, "office", key, sector=office.sector)
        for phrase, (label, sector) in self.role_nouns.items():
            body = slug(label) if " " in label and ("ministry" in label or "department" in label) else None
            self._add(phrase, "role", label, sector=sector, plural=_is_plural(phrase), body=body)
        for noun in self.context_nouns:
            self._add(noun, "context", noun)
        for country in self.countries.values():
            code = country.part_of or country.code
            for name in [country.name, *country.aliases]:
                self._add(name, "country", code, country=code)
            for place in country.places:
                self._add(place, "place", code, country=code)
            adjectives = {fold(a) for a in country.adjectives}
            for adj in country.adjectives:
                self._add(adj, "demonym", code, country=code)
            for noun in country.people:
                if fold(noun) not in adjectives:
                    self._add(noun, "people", code, country=code, sector="CVL", plural=True)
            if country.capital:
                self._add(country.capital, "metonym", code, country=code, sector="GOV")
            for text, sector in country.metonyms.items():
                self._add(text, "metonym", code, country=code, sector=sector, body=slug(text))
        for org in self.organisations.values():
            for alias in [org.name, *org.aliases]:
                generic = fold(alias) in {fold(g) for g in org.generic}
                self._add(alias, "org", org.id, country=org.code, sector=org.sector, body=org.body, generic=generic)
        for seat in self.seats:
            self._add(seat, "seat", seat)
        self.institution_by_body = {(i.country, i.body): i for i in self.institutions.values() if i.body}
        for inst in self.institutions.values():
            for alias in [inst.name, *inst.aliases]:
                self._add(alias, "institution", inst.id, country=inst.country, sector=inst.sector, body=inst.body)
        for person in self.people.values():
            names = [person.name, *person.aliases]
            for name in names:
                self._add(name, "person", person.id, country=person.country)
                self.name_index.setdefault(" ".join(phrase_key(name)), person.id)
            for surname in _surnames(person):
                if fold(surname) not in self.surname_stoplist:
                    self._add(surname, "surname", person.id, country=person.country)
            for role in person.roles:
                if role.office:
                    self._holders.setdefault((role.country, role.office), []).append((person, role))


def _case_flag(token: str) -> int:
    """How a phrase token must be written in text: acronyms up to three letters in capitals ("US" is not "us"),
    capitalised words capitalised ("Kurdish", "Putin"); lower-case phrase words (titles, role nouns) any way."""
    letters = [c for c in token if c.isalpha()]
    if len(letters) >= 2 and token.isupper():
        return 2 if len(letters) <= 3 else 1
    return 1 if token[:1].isupper() else 0


def _is_plural(phrase: str) -> bool:
    last = fold(phrase).split()[-1]
    return last.endswith("s") and not last.endswith(("ss", "us")) and last != "news"


def _surnames(person: Person) -> list[str]:
    """Surname phrases a person may be called by alone."""
    if person.surname is None:
        return []
    if person.surname:
        return [person.surname]
    out: list[str] = []
    for name in [person.name, *person.aliases]:
        words = [w for w in name.split() if fold(w).strip(".") not in _NAME_SUFFIXES]
        if len(words) < 2 or fold(words[0]) in _HONORIFICS:
            continue
        if words[-1] not in out:
            out.append(words[-1])
    return out


# --- loading ---------------------------------------------------------------------------------------------


def _read_yaml(path: Path) -> dict[str, Any]:
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        with path.open(encoding="utf-8") as fh:
            data = yaml.load(fh, Loader=loader)
    except OSError as exc:
        raise KnowledgeBaseError(f"{path}: cannot read: {exc}") from exc
    except yaml.YAMLError as exc:
        raise KnowledgeBaseError(f"{path}: not valid YAML: {exc}") from exc
    except ValueError as exc:  # YAML reads 2020-13-01 as a date and fails on it
        raise KnowledgeBaseError(f"{path}: a value cannot be read ({exc}); dates are YYYY-MM-DD") from exc
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise KnowledgeBaseError(f"{path}: the top level must be a mapping (people:, organisations:, ...)")
    return data


class _Checker:
    """Validation helpers that name the file and entry in every error."""

    def __init__(self, path: Path, kb: KnowledgeBase) -> None:
        self.path = path
        self.kb = kb

    def fail(self, where: str, problem: str) -> KnowledgeBaseError:
        return KnowledgeBaseError(f"{self.path.name}: {where}: {problem}", input_id=str(self.path))

    def mapping(self, value: Any, where: str, allowed: Iterable[str]) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise self.fail(where, "expected a mapping")
        unknown = sorted(set(value) - set(allowed))
        if unknown:
            raise self.fail(where, f"unknown field(s) {', '.join(map(str, unknown))}")
        return value

    def text(self, value: Any, where: str, name: str, *, required: bool = True) -> str | None:
        if value is None and not required:
            return None
        if not isinstance(value, str) or not value.strip():
            raise self.fail(where, f"'{name}' must be a non-empty string")
        return value.strip()

    def texts(self, value: Any, where: str, name: str) -> list[str]:
        if value is None:
            return []
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            raise self.fail(where, f"'{name}' must be a list of strings")
        return [v.strip() for v in value]

    def sector(self, value: Any, where: str) -> str | None:
        if value is None:
            return None
        if value not in self.kb.sectors:
            raise self.fail(where, f"sector {value!r} is not one of {', '.join(sorted(self.kb.sectors))}")
        return str(value)

    def date(self, value: Any, where: str, name: str) -> dt.date | None:
        if value is None:
            return None
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        if isinstance(value, str):
            try:
                return dt.date.fromisoformat(value)
            except ValueError:
                pass
        raise self.fail(where, f"'{name}' must be a date YYYY-MM-DD or null, not {value!r}")

    def code(self, value: Any, where: str, name: str = "country") -> str:
        if not isinstance(value, str) or (value not in self.kb.countries and value not in self.kb.org_codes):
            raise self.fail(where, f"{name} {value!r} is not a known country or organisation code")
        return value

    def key(self, value: Any, where: str, name: str) -> str:
        if not isinstance(value, str) or not _SLUG_RE.match(value):
            raise self.fail(where, f"'{name}' must be a lower-case slug (letters, digits, '-', '.'), not {value!r}")
        return value


def _load_lexicon_file(kb: KnowledgeBase, path: Path) -> None:
    data = _read_yaml(path)
    chk = _Checker(path, kb)
    fields = "sectors offices former_words role_nouns organisation_heads not_names surname_stoplist regions"
    chk.mapping(data, "top level", fields.split())
    for code, desc in (data.get("sectors") or {}).items():
        if not isinstance(code, str) or not re.fullmatch(r"[A-Z]{3}", code):
            raise chk.fail(f"sectors.{code}", "a sector code is three capital letters")
        kb.sectors[code] = str(desc)
    for rank, (key, spec) in enumerate((data.get("offices") or {}).items()):
        where = f"offices.{key}"
        chk.key(key, where, "office")
        spec = chk.mapping(spec, where, {"sector", "display", "phrases", "generic", "loose", "weak"})
        kb.offices[key] = Office(
            key=key,
            sector=chk.sector(spec.get("sector"), where),
            display=chk.text(spec.get("display"), where, "display") or key,
            generic=frozenset(fold(g) for g in chk.texts(spec.get("generic"), where, "generic")),
            loose=spec.get("loose"),
            weak=bool(spec.get("weak", False)),
            rank=rank,
        )
        kb.office_phrases[key] = chk.texts(spec.get("phrases"), where, "phrases")
        for phrase in kb.office_phrases[key]:
            kb._office_index.setdefault(phrase_key(phrase), key)
    for sector, groups in (data.get("role_nouns") or {}).items():
        sec = chk.sector(sector, f"role_nouns.{sector}")
        for label, phrases in (groups or {}).items():
            for phrase in chk.texts(phrases, f"role_nouns.{sector}.{label}", "phrases"):
                kb.role_nouns.setdefault(phrase, (str(label), sec))
    kb.former_words.extend(chk.texts(data.get("former_words"), "former_words", "former_words"))
    kb.not_names.update(fold(w) for w in chk.texts(data.get("not_names"), "not_names", "not_names"))
    kb.surname_stoplist.update(fold(w) for w in chk.texts(data.get("surname_stoplist"), "surname_stoplist", "names"))
    kb.regions.extend(chk.texts(data.get("regions"), "regions", "regions"))
    for head, sector in (data.get("organisation_heads") or {}).items():
        kb.organisation_heads[fold(str(head))] = chk.sector(sector, f"organisation_heads.{head}")


_COUNTRY_FIELDS = {"name", "aliases", "adjectives", "people", "capital", "metonyms", "places", "leader"}


def _load_pycountry(kb: KnowledgeBase) -> None:
    """Every ISO 3166 country, with pycountry's names as aliases (the overlay adds the names people use)."""
    import pycountry

    for rec in pycountry.countries:
        names = [getattr(rec, attr, None) for attr in ("name", "common_name", "official_name")]
        usable = [n for n in names if n and "," not in n and "(" not in n]
        display = getattr(rec, "common_name", None) or rec.name
        kb.countries[rec.alpha_3] = Country(code=rec.alpha_3, name=display, aliases=usable)


def _merge_country(chk: _Checker, code: str, spec: Any, *, extra: bool) -> None:
    kb = chk.kb
    where = f"countries.{code}"
    if not isinstance(code, str) or not re.fullmatch(r"[A-Z]{3}", code):
        raise chk.fail(where, "a country code is three capital letters (ISO 3166 alpha-3)")
    spec = chk.mapping(spec or {}, where, _COUNTRY_FIELDS)
    country = kb.countries.get(code)
    if country is None:
        if not extra:
            raise chk.fail(where, "not an ISO 3166 code; add codes outside ISO under 'extra:'")
        country = Country(code=code, name=chk.text(spec.get("name"), where, "name") or code)
        kb.countries[code] = country
    if spec.get("name"):
        name = chk.text(spec["name"], where, "name") or code
        if name not in country.aliases:
            country.aliases.append(name)
        country.name = name
    for attr in ("aliases", "adjectives", "people", "places"):
        values = getattr(country, attr)
        values.extend(v for v in chk.texts(spec.get(attr), where, attr) if v not in values)
    if spec.get("capital"):
        country.capital = chk.text(spec["capital"], where, "capital")
    metonyms = spec.get("metonyms") or {}
    if not isinstance(metonyms, dict):
        raise chk.fail(where, "'metonyms' must map text to a sector")
    for text, sector in metonyms.items():
        country.metonyms[str(text)] = chk.sector(sector, f"{where}.metonyms.{text}") or "GOV"
    if spec.get("leader"):
        country.leader = chk.key(spec["leader"], where, "leader")


def _load_countries_file(kb: KnowledgeBase, path: Path) -> None:
    data = _read_yaml(path)
    chk = _Checker(path, kb)
    chk.mapping(data, "top level", {"countries", "extra", "dependencies"})
    for code, spec in (data.get("extra") or {}).items():
        _merge_country(chk, code, spec, extra=True)
    for code, spec in (data.get("countries") or {}).items():
        _merge_country(chk, code, spec, extra=False)
    for code, parent in (data.get("dependencies") or {}).items():
        if code not in kb.countries or parent not in kb.countries:
            raise chk.fail(f"dependencies.{code}", f"unknown code in {code}: {parent}")
        kb.countries[code].part_of = parent


def _load_orgs(chk: _Checker, rows: Any) -> None:
    kb = chk.kb
    if not isinstance(rows, list):
        raise chk.fail("organisations", "expected a list")
    for i, spec in enumerate(rows):
        where = f"organisations[{i}]"
        allowed = {"id", "code", "name", "kind", "sector", "aliases", "generic", "body", "leader", "office_aliases"}
        spec = chk.mapping(spec, where, allowed)
        code = chk.text(spec.get("code"), where, "code") or ""
        oid = chk.key(spec.get("id", code.lower()), where, "id")
        where = f"organisation {oid!r}"
        org = kb.organisations.get(oid)
        if org is None:
            kind = chk.text(spec.get("kind"), where, "kind") or ""
            org = Organisation(id=oid, code=code, name=chk.text(spec.get("name"), where, "name") or oid, kind=kind)
            kb.organisations[oid] = org
        elif spec.get("name"):
            org.name = chk.text(spec["name"], where, "name") or org.name
        if "sector" in spec:
            org.sector = chk.sector(spec["sector"], where)
        if spec.get("kind"):
            org.kind = str(spec["kind"])
        if spec.get("body"):
            org.body = chk.key(spec["body"], where, "body")
        if spec.get("leader"):
            org.leader = chk.key(spec["leader"], where, "leader")
        aliases = chk.mapping(spec.get("office_aliases") or {}, where + " office_aliases", kb.offices)
        org.office_aliases.update({str(k): chk.key(v, where, "office_aliases") for k, v in aliases.items()})
        org.aliases.extend(a for a in chk.texts(spec.get("aliases"), where, "aliases") if a not in org.aliases)
        org.generic.extend(chk.texts(spec.get("generic"), where, "generic"))
        kb.org_codes[org.code] = org.kind


def _load_institutions(chk: _Checker, rows: Any) -> None:
    kb = chk.kb
    if not isinstance(rows, list):
        raise chk.fail("institutions", "expected a list")
    for i, spec in enumerate(rows):
        where = f"institutions[{i}]"
        spec = chk.mapping(spec, where, {"id", "name", "country", "sector", "aliases", "body", "periods"})
        iid = chk.key(spec.get("id"), where, "id")
        where = f"institution {iid!r}"
        inst = kb.institutions.get(iid)
        if inst is None:
            inst = Institution(
                id=iid,
                name=chk.text(spec.get("name"), where, "name") or iid,
                country=chk.code(spec.get("country"), where),
                sector=chk.sector(spec.get("sector"), where),
            )
            kb.institutions[iid] = inst
        else:
            if spec.get("name"):
                inst.name = chk.text(spec["name"], where, "name") or inst.name
            if spec.get("country"):
                inst.country = chk.code(spec["country"], where)
            if "sector" in spec:
                inst.sector = chk.sector(spec["sector"], where)
        if spec.get("body"):
            inst.body = chk.key(spec["body"], where, "body")
        inst.aliases.extend(a for a in chk.texts(spec.get("aliases"), where, "aliases") if a not in inst.aliases)
        for j, period in enumerate(spec.get("periods") or []):
            pw = f"{where} periods[{j}]"
            period = chk.mapping(period, pw, {"sector", "start", "end"})
            inst.periods.append(
                (
                    chk.sector(period.get("sector"), pw),
                    chk.date(period.get("start"), pw, "start"),
                    chk.date(period.get("end"), pw, "end"),
                )
            )


def _load_people(chk: _Checker, rows: Any, source: str) -> None:
    kb = chk.kb
    if not isinstance(rows, list):
        raise chk.fail("people", "expected a list")
    for i, spec in enumerate(rows):
        where = f"people[{i}]"
        spec = chk.mapping(spec, where, {"id", "name", "country", "aliases", "roles", "surname"})
        pid = chk.key(spec.get("id"), where, "id")
        where = f"person {pid!r}"
        person = kb.people.get(pid)
        if person is None:
            person = Person(
                id=pid,
                name=chk.text(spec.get("name"), where, "name") or pid,
                country=chk.code(spec.get("country"), where),
                source=source,
            )
            kb.people[pid] = person
        else:
            if spec.get("name"):
                person.name = chk.text(spec["name"], where, "name") or person.name
            if spec.get("country"):
                person.country = chk.code(spec["country"], where)
        if "surname" in spec:
            person.surname = chk.text(spec["surname"], where, "surname", required=False)
        person.aliases.extend(a for a in chk.texts(spec.get("aliases"), where, "aliases") if a not in person.aliases)
        roles = spec.get("roles") or []
        if not isinstance(roles, list):
            raise chk.fail(where, "'roles' must be a list")
        for j, rspec in enumerate(roles):
            person.roles.append(_role(chk, rspec, f"{where} role {j + 1}", person.country))
        person.roles.sort(key=lambda r: r.start or dt.date.min)


def _role(chk: _Checker, spec: Any, where: str, default_country: str) -> Role:
    kb = chk.kb
    spec = chk.mapping(spec, where, {"title", "country", "sector", "start", "end", "office", "body", "note"})
    title = chk.text(spec.get("title"), where, "title") or ""
    office = chk.key(spec["office"], where, "office") if spec.get("office") else kb.office_of(title)
    sector = chk.sector(spec.get("sector"), where) if "sector" in spec else None
    if sector is None and office in kb.offices:
        sector = kb.offices[office].sector
    if sector is None:
        raise chk.fail(where, f"no sector for {title!r}: give 'sector' or an 'office' with one")
    start = chk.date(spec.get("start"), where, "start")
    end = chk.date(spec.get("end"), where, "end")
    if start and end and end < start:
        raise chk.fail(where, f"ends ({end}) before it starts ({start})")
    return Role(
        title=title,
        country=chk.code(spec.get("country", default_country), where),
        sector=sector,
        start=start,
        end=end,
        office=office,
        body=chk.key(spec["body"], where, "body") if spec.get("body") else None,
        note=str(spec["note"]) if spec.get("note") is not None else None,
    )


def _load_entities_file(kb: KnowledgeBase, path: Path, *, user: bool) -> None:
    """A file of organisations, institutions, people (and, from users, country additions)."""
    data = _read_yaml(path)
    chk = _Checker(path, kb)
    allowed = {"organisations", "institutions", "people", "seats", "context_nouns"}
    if user:
        allowed |= {"countries"}
    chk.mapping(data, "top level", allowed)
    for code, spec in (data.get("countries") or {}).items():
        _merge_country(chk, code, spec, extra=True)
    if "organisations" in data:
        _load_orgs(chk, data["organisations"])
    for seat, ids in (data.get("seats") or {}).items():
        kb.seats[str(seat)] = chk.texts(ids, f"seats.{seat}", "organisations")
    for noun, ids in (data.get("context_nouns") or {}).items():
        kb.context_nouns[str(noun)] = chk.texts(ids, f"context_nouns.{noun}", "organisations")
    if "institutions" in data:
        _load_institutions(chk, data["institutions"])
    if "people" in data:
        _load_people(chk, data["people"], path.name)


def _check_references(kb: KnowledgeBase) -> None:
    for table in (kb.seats, kb.context_nouns):
        for word, ids in table.items():
            for oid in ids:
                if oid not in kb.organisations:
                    raise KnowledgeBaseError(f"organisations: {word!r} names unknown organisation id {oid!r}")


def user_files(extra_files: Sequence[str | Path] = (), *, env: bool = True) -> list[Path]:
    """User extension files: those in ``$REDLINE_ACTORS`` (os.pathsep-separated) and then ``extra_files``."""
    paths: list[Path] = []
    if env:
        paths += [Path(p) for p in os.environ.get(ENV_VAR, "").split(os.pathsep) if p.strip()]
    paths += [Path(p) for p in extra_files]
    return paths


def load_kb(extra_files: Sequence[str | Path] = (), *, env: bool = True) -> KnowledgeBase:
    """Load the shipped knowledge base, then merge user files (``$REDLINE_ACTORS`` and ``extra_files``).

    A user file uses the shipped format: it may add people, organisations, institutions and countries, or add
    aliases and roles to existing ones (matched by id or code).
    """
    kb = KnowledgeBase()
    _load_lexicon_file(kb, KB_DIR / "sectors.yaml")
    _load_pycountry(kb)
    _load_countries_file(kb, KB_DIR / "countries.yaml")
    kb.files = [str(KB_DIR / "sectors.yaml"), str(KB_DIR / "countries.yaml")]
    shipped = [KB_DIR / "organisations.yaml", KB_DIR / "institutions.yaml", *sorted(KB_DIR.glob("people_*.yaml"))]
    for path in shipped:
        _load_entities_file(kb, path, user=False)
        kb.files.append(str(path))
    for path in user_files(extra_files, env=env):
        if not path.is_file():
            raise KnowledgeBaseError(f"{path}: actor file not found (from {ENV_VAR} or --kb)", input_id=str(path))
        _load_entities_file(kb, path, user=True)
        kb.files.append(str(path))
        LOGGER.info("merged actor file %s", path)
    _check_references(kb)
    kb._compile()
    return kb


@lru_cache(maxsize=4)
def _cached_kb(env_value: str) -> KnowledgeBase:
    del env_value  # the cache key: a changed $REDLINE_ACTORS loads afresh
    return load_kb()


def default_kb() -> KnowledgeBase:
    """The shipped knowledge base plus ``$REDLINE_ACTORS`` files, loaded once per process (and per value of it)."""
    return _cached_kb(os.environ.get(ENV_VAR, ""))


def parse_day(value: str | dt.date | None) -> dt.date | None:
    """A date from an ISO string ("2021-12-20", "2021-12-20T15:16:00Z", "2021-12", "2021"); None if unreadable."""
    if value is None or isinstance(value, dt.date):
        return value
    text = value.strip()
    for size, pad in ((10, ""), (7, "-01"), (4, "-01-01")):
        try:
            return dt.date.fromisoformat(text[:size] + pad)
        except ValueError:
            continue
    return None


def _by_name(table: dict[str, Any], key: str) -> Any:
    folded = key.lower()
    return table.get(folded) or next(
        (item for item in table.values() if folded in {a.lower() for a in [item.name, *item.aliases]}), None
    )
