"""Scoring actor resolution against PLOVER's CAMEO-derived gold: does each mention get the right country and sector?

Gold format: the OEDA ``PLOVER_GSR_CAMEO.json`` file, a JSON list of records. Each event record has ``text`` (the
sentence) and ``source``/``target`` lists of ``{"actorText", "code", "sector"}``; records without them (the
``DOCUMENT`` records, a ``target`` that is an empty string or a stray word) contribute no actors.

Each gold ``actorText`` is resolved as one mention in a fresh article context (the records are independent
sentences). The record dates are placeholders (2000-01-01) for examples from the 1980s-2000s CAMEO manual, so
by default roles are resolved without a date (a person's role is the one the mention names, else their latest).

Codes are compared the way the gold writes them: ISO alpha-3 for states (its old CAMEO "JAP", "ITL" and "VTN"
are read as JPN, ITA, VNM), and one class for international actors, so Redline's organisation codes fold
into PLOVER's classes and then, because the gold predates PLOVER's UNO/EUR split, UN and EU bodies into IGO.
Sectors compare on their first three letters (the gold appends ethnic or religious sub-codes such as
"CVLalb", and writes "CIV" once for CVL). A gold sector of "***" (unknown) is not scored for sector; a missing
gold sector means the mention names the state or organisation as a whole, so the right prediction is no sector.

Reported: coverage (mentions resolved to any actor), country accuracy, sector accuracy, and both, all over the
gold actors (an unresolved mention counts as wrong).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from redline.actors import ActorResolver
from redline.errors import GoldFormatError
from redline.kb import CAMEO_COUNTRY_ALIASES, KnowledgeBase
from redline.records import Actor

GOLD_NAME = "PLOVER_GSR_CAMEO.json"
UNSCORED_SECTOR = "***"
_SECTOR_ALIASES = {"CIV": "CVL"}
_CAMEO_ERA_CLASSES = {"UNO": "IGO", "EUR": "IGO"}


@dataclass(frozen=True, slots=True)
class GoldActor:
    """One source or target actor of a gold record."""

    record_id: str
    side: str  # source | target
    sentence: str
    actor_text: str
    code: str
    sector: str | None
    date: str | None = None


@dataclass(slots=True)
class ScoredActor:
    """A gold actor with the prediction for it and whether country and sector agree."""

    gold: GoldActor
    predicted: Actor | None
    country: str | None
    sector: str | None
    country_ok: bool
    sector_ok: bool | None  # None: the gold sector is unknown ("***"), not scored

    @property
    def both_ok(self) -> bool:
        return self.country_ok and self.sector_ok is not False

    def as_dict(self) -> dict[str, Any]:
        return {
            "record": self.gold.record_id,
            "side": self.gold.side,
            "actor_text": self.gold.actor_text,
            "gold_code": self.gold.code,
            "gold_sector": self.gold.sector,
            "country": self.country,
            "sector": self.sector,
            "name": self.predicted.name if self.predicted else None,
            "country_ok": self.country_ok,
            "sector_ok": self.sector_ok,
        }


@dataclass(slots=True)
class ActorScore:
    """Counts and accuracies of one evaluation run."""

    rows: list[ScoredActor] = field(default_factory=list)

    @property
    def total(self) -> int:
        return len(self.rows)

    @property
    def covered(self) -> int:
        return sum(1 for r in self.rows if r.predicted is not None)

    @property
    def country_correct(self) -> int:
        return sum(1 for r in self.rows if r.country_ok)

    @property
    def sector_total(self) -> int:
        return sum(1 for r in self.rows if r.sector_ok is not None)

    @property
    def sector_correct(self) -> int:
        return sum(1 for r in self.rows if r.sector_ok)

    @property
    def both_correct(self) -> int:
        return sum(1 for r in self.rows if r.both_ok)

    @staticmethod
    def _ratio(num: int, den: int) -> float:
        return num / den if den else 0.0

    @property
    def coverage(self) -> float:
        return self._ratio(self.covered, self.total)

    @property
    def country_accuracy(self) -> float:
        return self._ratio(self.country_correct, self.total)

    @property
    def sector_accuracy(self) -> float:
        return self._ratio(self.sector_correct, self.sector_total)

    @property
    def both_accuracy(self) -> float:
        return self._ratio(self.both_correct, self.total)

    def misses(self) -> list[ScoredActor]:
        return [r for r in self.rows if not r.both_ok]

    def as_dict(self) -> dict[str, Any]:
        return {
            "total": self.total,
            "coverage": round(self.coverage, 4),
            "country_accuracy": round(self.country_accuracy, 4),
            "sector_accuracy": round(self.sector_accuracy, 4),
            "both_accuracy": round(self.both_accuracy, 4),
            "covered": self.covered,
            "country_correct": self.country_correct,
            "sector_correct": self.sector_correct,
            "sector_total": self.sector_total,
            "both_correct": self.both_correct,
        }


def read_gold(path: str | Path) -> list[GoldActor]:
    """The actors of a PLOVER GSR gold file, in file order."""
    path = Path(path)
    try:
        records = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise GoldFormatError(f"cannot read {path}: {exc}", input_id=str(path)) from exc
    except json.JSONDecodeError as exc:
        raise GoldFormatError(f"{path} is not JSON: {exc}", input_id=str(path)) from exc
    if not isinstance(records, list):
        raise GoldFormatError(f"{path}: expected a JSON list of records", input_id=str(path))
    out: list[GoldActor] = []
    for n, record in enumerate(records):
        if not isinstance(record, dict):
            raise GoldFormatError(f"{path}: record {n} is not an object", input_id=str(path))
        for side in ("source", "target"):
            actors = record.get(side)
            if not isinstance(actors, list):
                continue  # absent, "" or a stray word: no actors on this side
            for actor in actors:
                if not isinstance(actor, dict) or not actor.get("actorText") or not actor.get("code"):
                    raise GoldFormatError(f"{path}: record {record.get('id', n)} has a malformed {side} actor")
                out.append(
                    GoldActor(
                        record_id=str(record.get("id", n)),
                        side=side,
                        sentence=str(record.get("text", "")),
                        actor_text=str(actor["actorText"]).strip(),
                        code=str(actor["code"]).strip(),
                        sector=actor.get("sector"),
                        date=record.get("date"),
                    )
                )
    return out


def gold_country(code: str) -> str:
    """A gold code in the form predictions are compared in (old CAMEO state codes read as ISO)."""
    return CAMEO_COUNTRY_ALIASES.get(code, code)


def predicted_country(code: str | None, kb: KnowledgeBase) -> str | None:
    """A predicted code folded to the gold's classes: ISO stays, organisations become IGO/NGO/IMG/..."""
    folded = kb.plover_country(code)
    return _CAMEO_ERA_CLASSES.get(folded or "", folded)


def gold_sector(sector: str | None) -> str | None:
    """The comparable part of a gold sector (first three letters); None for none, ``***`` stays unscored."""
    if sector is None or sector == UNSCORED_SECTOR:
        return sector
    head = sector[:3].upper()
    return _SECTOR_ALIASES.get(head, head)


def score_actors(
    gold: Iterable[GoldActor], resolver: ActorResolver | None = None, *, use_dates: bool = False
) -> ActorScore:
    """Resolve every gold actor mention and compare country and sector with the gold."""
    resolver = resolver or ActorResolver()
    score = ActorScore()
    for item in gold:
        ctx = resolver.context(item.date if use_dates else None)
        start = item.sentence.find(item.actor_text)
        end = start + len(item.actor_text) if start >= 0 else -1
        actor = ctx.resolve(item.actor_text, start=start, end=end)
        country = predicted_country(actor.country, resolver.kb) if actor else None
        sector = actor.sector if actor else None
        want_sector = gold_sector(item.sector)
        sector_ok = None if want_sector == UNSCORED_SECTOR else (actor is not None and sector == want_sector)
        score.rows.append(
            ScoredActor(
                gold=item,
                predicted=actor,
                country=country,
                sector=sector,
                country_ok=actor is not None and country == gold_country(item.code),
                sector_ok=sector_ok,
            )
        )
    return score
