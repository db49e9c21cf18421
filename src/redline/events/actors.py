"""Who acts: the event coder's bridge to the actor resolver (``redline.actors``).

``actor_context(date)`` returns an object with ``resolve(text, start=, end=) -> Actor | None`` and
``find(span) -> list[Actor]`` for one article. It is the knowledge-base resolver when ``redline.actors`` is
installed; otherwise a small stand-in that reads countries, capitals, demonyms and international organisations
from the event gazetteer, so the coder still works (with coarser actors) without the knowledge base.
"""

from __future__ import annotations

import logging
from datetime import date
from functools import lru_cache
from typing import Any, Protocol

from redline.events.places import Gazetteer, load_gazetteer
from redline.records import Actor

LOGGER = logging.getLogger(__name__)

# Head nouns that give the sector of an actor phrase when the knowledge base is not there (PLOVER agents).
SECTOR_NOUNS = {
    "MIL": {"army", "military", "troops", "soldiers", "forces", "navy", "commander", "general", "officers", "pentagon"},
    "COP": {"police", "policemen", "gendarmes", "officers"},
    "GOV": {"government", "administration", "ministry", "minister", "president", "premier", "officials", "official",
            "spokesman", "spokeswoman", "diplomat", "diplomats", "ambassador", "envoy", "kremlin", "cabinet",
            "authorities", "leader", "chancellor", "king", "delegation", "negotiator"},
    "LEG": {"parliament", "lawmakers", "legislature", "congress", "senate", "deputies", "senators", "mps"},
    "JUD": {"court", "judge", "judges", "prosecutor", "prosecutors", "tribunal"},
    "REB": {"rebels", "rebel", "insurgents", "guerrillas", "guerrilla", "militants", "separatists"},
    "CVL": {"protesters", "demonstrators", "civilians", "people", "residents", "villagers", "activists"},
    "JRN": {"media", "newspaper", "journalists", "agency", "television", "radio"},
    "OPP": {"opposition", "dissidents"},
    "LAB": {"workers", "union", "unions"},
    "REF": {"refugees"},
}  # fmt: skip


class ActorContext(Protocol):
    """What the coder needs from an actor resolver for one article."""

    def resolve(self, text: str, *, start: int = -1, end: int = -1) -> Actor | None: ...

    def find(self, span: Any) -> list[Actor]: ...


class GazetteerContext:
    """Stand-in resolver: countries, capitals, demonyms and organisations; sector from the head noun."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer

    def resolve(self, text: str, *, start: int = -1, end: int = -1) -> Actor | None:
        clean = text.strip()
        code = self.gazetteer.organisation(clean)
        if code:
            return Actor(text=text, start=start, end=end, name=clean, country=code)
        place = self.gazetteer.lookup(clean)
        if place is not None:
            sector = None if place.is_country else "GOV"
            return Actor(text=text, start=start, end=end, name=place.name, country=place.country, sector=sector)
        words = clean.replace("’", "'").split()
        country = None
        for word in words:
            bare = word.strip(",.'\"").removesuffix("'s")
            country = country or self.gazetteer.organisation(bare) or self.gazetteer.adjective(bare)
            found = self.gazetteer.lookup(bare)
            if country is None and found is not None:
                country = found.country
        if country is None:
            return None
        sector = None
        lowered = {w.lower().strip(",.") for w in words}
        for code_, nouns in SECTOR_NOUNS.items():
            if lowered & nouns:
                sector = code_
                break
        return Actor(text=text, start=start, end=end, name=None, country=country, sector=sector)

    def find(self, span: Any) -> list[Actor]:
        found = []
        for ent in getattr(span, "ents", ()):
            if ent.label_ in ("GPE", "NORP", "ORG", "PERSON", "LOC"):
                actor = self.resolve(ent.text, start=ent.start_char, end=ent.end_char)
                if actor is not None:
                    found.append(actor)
        return found


@lru_cache(maxsize=1)
def _resolver() -> Any | None:
    try:
        from redline.actors import default_resolver
    except ImportError:
        LOGGER.info("redline.actors is not available: events use the gazetteer stand-in for actors")
        return None
    return default_resolver()


def actor_context(published: date | None) -> ActorContext:
    """An actor resolver for one article published on ``published`` (roles are dated)."""
    resolver = _resolver()
    if resolver is None:
        return GazetteerContext(load_gazetteer())
    return resolver.context(published)
