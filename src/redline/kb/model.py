"""The knowledge base's records: people and their dated roles, countries, organisations, institutions, offices,
and the lexicon entries that phrases stand for. Plain data; the lookups live in :mod:`redline.kb.index`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any


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
    source: str = ""  # the file the role comes from ("people_usa.yaml", "phoenix")

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
            "source": self.source,
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
    source: str = ""  # the file the person was first read from ("people_usa.yaml", "phoenix")
    alias_sources: dict[str, str] = field(default_factory=dict)  # aliases added by another source than ``source``
    keys: list[tuple[tuple[str, ...], tuple[int, ...]]] = field(default_factory=list)  # precomputed name phrases

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
    source: str = ""
    keys: list[tuple[tuple[str, ...], tuple[int, ...]]] = field(default_factory=list)  # precomputed name phrases

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
    """What a lexicon phrase stands for. ``case`` holds one flag per token: 0 any, 1 capitalised, 2 upper, 3 not
    capitalised (an imported role noun that is also a surname: "dean", "bishop")."""

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
            if flag == 3 and tok[:1].isupper():
                return False
        return True


# Old CAMEO state codes that PLOVER's CAMEO-derived gold still uses, and the ISO codes they mean.
CAMEO_COUNTRY_ALIASES = {"JAP": "JPN", "ITL": "ITA", "VTN": "VNM"}
