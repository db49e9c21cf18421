"""Scoring PLOVER event types against the PLOVER gold standard record file (JSON list of coded sentences).

Each gold record has ``text``, ``event`` (a PLOVER type; v0.5 names are mapped: DEMAND->REQUEST,
DISAPPROVE->ACCUSE, INVESTIGATE->ACCUSE, FIGHT->ASSAULT) and ``source``/``target`` actors with country codes.
Records without text (the file's DOCUMENT header) are skipped. The predicted type of a record is the type of the
coder's main event (the most confident), or ``NONE``.

Reported: type accuracy, per-type precision/recall/F1 and macro-F1 over the gold types; "any-event accuracy"
(the gold type is among all the events coded for the sentence); and actor country accuracy: over records whose
main event has the gold type and whose gold source has a code, the share whose main event's actor countries
overlap the gold source codes (PLOVER's IGO/UNO/EUR/NGO codes accept the resolver's organisation codes).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from redline.errors import GoldFormatError
from redline.evaluate.quad import Coder, Report, _default_coder, classification_report, main_event

RENAMED = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT", "YIELD": "CONCEDE"}
NONE = "NONE"
# Gold codes that are not ISO alpha-3 (the CAMEO manual's own) and what they are.
GOLD_CODE_ALIASES = {"JAP": "JPN", "UK": "GBR", "UAE": "ARE", "KOS": "XKX", "ROM": "ROU", "SRB": "SRB"}
ORGANISATION_KINDS = {
    "IGO": {"IGO", "NATO", "AU", "ASEAN", "OSCE", "OAS", "IMF", "WB", "WTO", "ARAB LEAGUE", "ECOWAS", "OPEC", "APEC"},
    "UNO": {"UNO", "UN"},
    "EUR": {"EUR", "EU"},
    "NGO": {"NGO", "AMNESTY", "HRW", "RED CROSS", "ICRC"},
    "IMG": {"IMG"},
}


def read_gold(path: str | Path) -> list[dict[str, Any]]:
    """Gold records with text and a type, the type mapped to PLOVER v0.8.

    :raises GoldFormatError: unreadable or non-JSON file, or a record without ``event``
    """
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise GoldFormatError(f"cannot read PLOVER gold file {path}: {exc}", input_id=str(path)) from exc
    if not isinstance(data, list):
        raise GoldFormatError(f"{path}: expected a JSON list of records", input_id=str(path))
    records = []
    for number, record in enumerate(data):
        if not isinstance(record, dict) or "event" not in record:
            raise GoldFormatError(f"{path}: record {number} has no 'event'", input_id=str(path))
        if not record.get("text") or record["event"] == "DOCUMENT":
            continue
        event_type = RENAMED.get(str(record["event"]).upper(), str(record["event"]).upper())
        records.append({**record, "event": event_type})
    return records


def _codes(actors: Any) -> set[str]:
    if not isinstance(actors, list):
        return set()
    codes = set()
    for actor in actors:
        code = str(actor.get("code") or "").upper() if isinstance(actor, dict) else ""
        if code:
            codes.add(GOLD_CODE_ALIASES.get(code, code))
    return codes


def _country_match(predicted: Iterable[str | None], gold: set[str]) -> bool:
    for code in predicted:
        if code is None:
            continue
        code = code.upper()
        if code in gold:
            return True
        for kind, members in ORGANISATION_KINDS.items():
            if kind in gold and code in members:
                return True
    return False


def evaluate_plover(path: str | Path, *, coder: Coder | None = None, limit: int | None = None) -> Report:
    """Score event types (and actor countries) on a PLOVER gold file.

    :param path: the gold JSON file
    :param coder: a function from ``(id, text, date)`` items to ``(id, events)`` (default: ``code_texts``)
    :param limit: score only the first ``limit`` records
    """
    records = read_gold(path)[:limit]
    run = coder or _default_coder
    items = [(str(i), record["text"], record.get("date")) for i, record in enumerate(records)]
    events_by_id = {item_id: events for item_id, events in run(items)}
    gold, predicted = [], []
    any_hits = 0
    actor_checked = actor_hits = 0
    for i, record in enumerate(records):
        events = events_by_id.get(str(i), [])
        event = main_event(events)
        gold.append(record["event"])
        predicted.append(event.event_type if event is not None else NONE)
        any_hits += any(e.event_type == record["event"] for e in events)
        gold_sources = _codes(record.get("source"))
        if event is not None and event.event_type == record["event"] and gold_sources:
            actor_checked += 1
            actor_hits += _country_match((a.country for a in event.actor), gold_sources)
    labels = sorted(set(gold))
    report = classification_report(gold, predicted, labels)
    report.extra["any_event_accuracy"] = any_hits / len(records) if records else 0.0
    report.extra["no_event_rate"] = predicted.count(NONE) / len(records) if records else 0.0
    report.extra["actor_country_accuracy"] = actor_hits / actor_checked if actor_checked else 0.0
    report.extra["actor_country_checked"] = actor_checked
    return report
