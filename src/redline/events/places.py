"""Where an event happened: an offline gazetteer of countries, capitals and newsworthy cities.

Place names come from ``data/events/places.yaml`` (written for Redline) and country names from pycountry.
``Gazetteer.locate`` reads the location of an event from the prepositional phrases of its clause ("in Vienna"
-> AUT, "in Geneva" -> CHE) and, failing that, from city names anywhere in the sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import pycountry

from redline import tree
from redline.events.lexicon import load_yaml

LOCATIVE_PREPS = frozenset({"in", "at", "near", "outside", "inside", "across", "throughout", "around", "into"})
DESTINATION_PREPS = frozenset({"to", "toward", "towards"})
"""Where troops or aid are sent is where the deployment happens ("sent observers to Bosnia")."""


@dataclass(frozen=True, slots=True)
class Place:
    """A gazetteer hit: the name as matched, its country code, and whether it names the country itself."""

    name: str
    country: str
    is_country: bool


class Gazetteer:
    """Country and place lookups (exact names, case-sensitive, with a few normalisations)."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.places: dict[str, Place] = {}
        self.adjectives: dict[str, str] = {}
        self.organisations: dict[str, str] = {}
        for country in pycountry.countries:
            for attr in ("name", "common_name", "official_name"):
                name = getattr(country, attr, None)
                if name:
                    self.places.setdefault(name, Place(name, country.alpha_3, True))
        for code, spec in (data.get("countries") or {}).items():
            for name in spec.get("names") or ():
                self.places[str(name)] = Place(str(name), code, True)
            for name in spec.get("places") or ():
                self.places[str(name)] = Place(str(name), code, False)
                self.places.setdefault(_strip_article(str(name)), Place(str(name), code, False))
            for adjective in spec.get("adjectives") or ():
                self.adjectives[str(adjective).lower()] = code
        for code, names in (data.get("organisations") or {}).items():
            for name in names:
                self.organisations[str(name)] = code
        alternation = "|".join(re.escape(name) for name in sorted(self.places, key=len, reverse=True))
        self._pattern = re.compile(rf"(?<![\w-])(?:{alternation})(?![\w-])")

    def lookup(self, text: str) -> Place | None:
        """The place a whole string names ("Vienna", "the United States"), if any."""
        name = _strip_article(text)
        return self.places.get(name)

    def organisation(self, text: str) -> str | None:
        name = _strip_article(text)
        return self.organisations.get(name) or self.organisations.get(text.strip())

    def adjective(self, word: str) -> str | None:
        return self.adjectives.get(word.lower())

    def find(self, text: str) -> list[tuple[int, int, Place]]:
        """Every place name in a text, with character offsets."""
        return [(m.start(), m.end(), self.places[m.group(0)]) for m in self._pattern.finditer(text)]

    def locate(self, sent: Any, anchor: Any, *, destinations: bool = False) -> str | None:
        """Country code of where the event anchored at ``anchor`` (a token) happened, or None.

        Preference: a place governed by a locative preposition inside the anchor's clause; then a city or capital
        governed by a locative preposition anywhere in the sentence. A bare country name is not a location (it is
        usually an actor). With ``destinations`` (deployments, deliveries), a "to" place in the anchor's clause
        counts as locative too.
        """
        hits = self.find(sent.text)
        if not hits:
            return None
        offset = sent.start_char
        clause = _clause_tokens(anchor)
        best: tuple[int, str] | None = None
        for start, end, place in hits:
            span = sent.doc.char_span(offset + start, offset + end, alignment_mode="expand")
            if span is None:
                continue
            root = span.root
            prep = root.head if root.dep_ == "pobj" else None
            locative = prep is not None and prep.lower_ in LOCATIVE_PREPS
            if destinations and prep is not None and prep.lower_ in DESTINATION_PREPS and root.i in clause:
                locative = True
            if root.dep_ == "compound" and root.head.dep_ == "pobj" and root.head.head.lower_ in LOCATIVE_PREPS:
                locative = True
            if not locative:
                continue
            rank = 0 if root.i in clause else (1 if not place.is_country else 3)
            if best is None or rank < best[0]:
                best = (rank, place.country)
        if best is not None and best[0] < 3:
            return best[1]
        return None


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
