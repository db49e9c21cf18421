"""Loading the knowledge base: the shipped YAML files plus pycountry, merged with users' files, validated.

Files are validated on load so a typo names its file and entry instead of surfacing later as a wrong actor. The
file format is documented in ``data/kb/README.md``. :func:`default_kb` keeps a few loaded bases, keyed by the
files they were read from and those files' modification times, so a changed ``$REDLINE_ACTORS`` (or an edited
file) loads afresh and a long-running process never holds more than a handful.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import re
from collections import OrderedDict
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import yaml

from redline.errors import KnowledgeBaseError
from redline.kb.index import KnowledgeBase
from redline.kb.model import Country, Institution, Office, Organisation, Person, Role
from redline.kb.phoenix import PHOENIX_FILE, ImportedPeople, agents, groups, merge_into, people_rows, read_phoenix
from redline.kb.text import fold, phrase_key

LOGGER = logging.getLogger(__name__)

KB_DIR = Path(__file__).resolve().parent.parent / "data" / "kb"
ENV_VAR = "REDLINE_ACTORS"
CACHE_SIZE = 4  # loaded knowledge bases kept by default_kb (one per distinct set of files)
_SLUG_RE = re.compile(r"^[a-z0-9][a-z0-9.-]*$")


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
    fields = "sectors offices former_words role_nouns organisation_heads not_names surname_stoplist regions body_heads"
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
            kb.office_index.setdefault(phrase_key(phrase), key)
    for sector, labels in (data.get("role_nouns") or {}).items():
        sec = chk.sector(sector, f"role_nouns.{sector}")
        for label, phrases in (labels or {}).items():
            for phrase in chk.texts(phrases, f"role_nouns.{sector}.{label}", "phrases"):
                kb.role_nouns.setdefault(phrase, (str(label), sec))
    kb.former_words.extend(chk.texts(data.get("former_words"), "former_words", "former_words"))
    kb.not_names.update(fold(w) for w in chk.texts(data.get("not_names"), "not_names", "not_names"))
    kb.surname_stoplist.update(fold(w) for w in chk.texts(data.get("surname_stoplist"), "surname_stoplist", "names"))
    kb.regions.extend(chk.texts(data.get("regions"), "regions", "regions"))
    heads = chk.mapping(data.get("body_heads") or {}, "body_heads", set(data.get("body_heads") or {}))
    for body, office in heads.items():
        if office not in kb.offices:
            raise chk.fail(f"body_heads.{body}", f"unknown office {office!r}")
        kb.body_heads[chk.key(body, "body_heads", "body")] = office
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
        for alias in chk.texts(spec.get("aliases"), where, "aliases"):
            if alias not in person.aliases:
                person.aliases.append(alias)
                if source != person.source:
                    person.alias_sources[alias] = source
        roles = spec.get("roles") or []
        if not isinstance(roles, list):
            raise chk.fail(where, "'roles' must be a list")
        for j, rspec in enumerate(roles):
            person.roles.append(_role(chk, rspec, f"{where} role {j + 1}", person.country, source))
        person.roles.sort(key=lambda r: r.start or dt.date.min)


def _role(chk: _Checker, spec: Any, where: str, default_country: str, source: str) -> Role:
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
        source=source,
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


def _shipped_files() -> list[Path]:
    return [KB_DIR / "organisations.yaml", KB_DIR / "institutions.yaml", *sorted(KB_DIR.glob("people_*.yaml"))]


def load_kb(extra_files: Sequence[str | Path] = (), *, env: bool = True, phoenix: bool = True) -> KnowledgeBase:
    """Load the shipped knowledge base, then merge user files (``$REDLINE_ACTORS`` and ``extra_files``).

    A user file uses the shipped format: it may add people, organisations, institutions and countries, or add
    aliases and roles to existing ones (matched by id or code).
    """
    kb = KnowledgeBase()
    _load_lexicon_file(kb, KB_DIR / "sectors.yaml")
    _load_pycountry(kb)
    _load_countries_file(kb, KB_DIR / "countries.yaml")
    kb.files = [str(KB_DIR / "sectors.yaml"), str(KB_DIR / "countries.yaml")]
    for path in _shipped_files():
        _load_entities_file(kb, path, user=False)
        kb.files.append(str(path))
    if phoenix:
        _load_phoenix(kb)
    for path in user_files(extra_files, env=env):
        if not path.is_file():
            raise KnowledgeBaseError(f"{path}: actor file not found (from {ENV_VAR} or --kb)", input_id=str(path))
        _load_entities_file(kb, path, user=True)
        kb.files.append(str(path))
        LOGGER.info("merged actor file %s", path)
    _check_references(kb)
    kb.compile()
    return kb


def _load_phoenix(kb: KnowledgeBase) -> None:
    """The converted Phoenix dictionaries, under the hand-written files (see :mod:`redline.kb.phoenix`)."""
    data = read_phoenix(PHOENIX_FILE)
    countries, codes = set(kb.countries), set(kb.org_codes)
    try:
        rest = merge_into(kb.people, people_rows(data["people"]))
        kb.imported = ImportedPeople(rest, countries, codes, kb.office_of)
        for inst in groups(data["groups"], countries | codes):
            kb.institutions.setdefault(inst.id, inst)
        office_words = {w for phrases in kb.office_phrases.values() for p in phrases for w in phrase_key(p)}
        kb.imported_roles = list(agents(data["agents"], kb.sectors, office_words))
    except (KeyError, TypeError, ValueError) as exc:
        raise KnowledgeBaseError(f"{PHOENIX_FILE}: malformed entry ({exc!r}); re-run the conversion") from exc
    kb.files.append(str(PHOENIX_FILE))


def _source_key(extra: Sequence[Path]) -> tuple[tuple[str, int, int], ...]:
    """What a loaded knowledge base depends on: every file read, with its modification time and size."""
    paths = [KB_DIR / "sectors.yaml", KB_DIR / "countries.yaml", *_shipped_files(), PHOENIX_FILE, *extra]
    key = []
    for path in paths:
        try:
            stat = path.stat()
            key.append((str(path), stat.st_mtime_ns, stat.st_size))
        except OSError:
            key.append((str(path), -1, -1))  # a missing user file: load_kb reports it
    return tuple(key)


_CACHE: OrderedDict[tuple[tuple[str, int, int], ...], KnowledgeBase] = OrderedDict()


def default_kb() -> KnowledgeBase:
    """The shipped knowledge base plus ``$REDLINE_ACTORS`` files, loaded once per set of files and their versions."""
    key = _source_key(user_files())
    kb = _CACHE.get(key)
    if kb is None:
        kb = load_kb()
        _CACHE[key] = kb
        while len(_CACHE) > CACHE_SIZE:
            _CACHE.popitem(last=False)
    else:
        _CACHE.move_to_end(key)
    return kb
