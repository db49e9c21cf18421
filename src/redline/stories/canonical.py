"""The canonical event of one act: one record that stands for all its reports.

It keeps the id and evidence of the act's first report (its *anchor*: ids stay stable as reports keep arriving)
and the best-evidenced coded fields: the most specific actor and recipient, the highest confidence, the date
and mode most reports give. Fields the reports disagree on are listed in ``disagreements``; every report is
listed with its article, outlet, evidence sentence and date.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Callable, Sequence
from typing import Any

from redline.records import Actor, Event, Report

Outlets = dict[str, tuple[str | None, str | None]]
"""``article id -> (outlet, published)``."""


def report_count(event: Event) -> int:
    """How many reports an event has (an unmerged event is its own single report)."""
    return len(event.reports) or 1


def outlet_count(event: Event) -> int:
    """How many distinct outlets reported the event."""
    outlets = {report.outlet or report.article_id for report in event.reports}
    return len(outlets) or 1


def own_report(event: Event, outlets: Outlets | None = None) -> Report:
    """The report of this event's own article: the one the events stage stored, else built from the event."""
    outlet = (outlets or {}).get(event.article_id or "", (None, None))[0]
    for report in event.reports:
        if report.article_id == event.article_id:
            return dataclasses.replace(report, outlet=report.outlet or outlet, date=event.date)
    return Report(
        article_id=event.article_id or "",
        outlet=outlet,
        sentence=event.text,
        # Without stored sentence offsets, the trigger is the best-known place of the evidence.
        start=event.trigger.start,
        end=event.trigger.end,
        date=event.date,
    )


def specificity(actors: Sequence[Actor]) -> int:
    """How much an actor list says: resolved country, sector, name, role and knowledge-base id each count."""
    return sum(bool(a.country) + bool(a.sector) + bool(a.name) + bool(a.role) + bool(a.kb_id) for a in actors)


def _majority(values: list[Any], fallback: Any) -> Any:
    """The most frequent non-null value; ties keep the first seen (members come in report order)."""
    present = [value for value in values if value is not None]
    if not present:
        return fallback
    counts = Counter(present)
    top = max(counts.values())
    return next(value for value in present if counts[value] == top)


def _flagged(flags: list[bool]) -> bool:
    """A flag of the act when at least half of its reports carry it (ties flag: alerts must not rest on doubt)."""
    return 2 * sum(flags) >= len(flags) > 0


def _norm(text: str | None) -> str:
    return " ".join((text or "").split()).casefold()


def _recipient_key(event: Event) -> str | None:
    keys = sorted({a.country or _norm(a.name or a.text) for a in event.recipient})
    return "+".join(keys) if keys else None


_FIELDS: dict[str, Callable[[Event], Any]] = {
    "date": lambda e: e.date,
    "mode": lambda e: e.mode,
    "recipient": _recipient_key,
    "location": lambda e: e.location,
    "hypothetical": lambda e: e.hypothetical,
    "future": lambda e: e.future,
}
"""The fields whose differing values ``disagreements`` lists, and how to read each from an event."""


def disagreements(group: Sequence[Event]) -> dict[str, list[Any]]:
    """Fields whose values differ between reports: field -> the distinct values, sorted."""
    found: dict[str, list[Any]] = {}
    for name, getter in _FIELDS.items():
        values = {getter(event) for event in group}
        values.discard(None)
        if len(values) > 1:
            found[name] = sorted(values)
    return found


def canonical_event(group: Sequence[Event], *, outlets: Outlets | None = None, story_id: str | None = None) -> Event:
    """One event for the reports of one act, as the events stage coded them (``group[0]`` is the anchor; the
    others in report order). Its place is the first report's place in the majority country: the place's own
    ``article_id`` says which article its mention offsets point into."""
    anchor = group[0]
    best = max(group, key=lambda e: e.confidence)  # max() keeps the earliest of equals
    actor = max((e.actor for e in group), key=specificity)
    recipient = max((e.recipient for e in group), key=specificity)
    event_date = _majority([e.date for e in group], None)
    dated = next((e for e in group if e.date == event_date), best)
    location = _majority([e.location for e in group], None)
    return dataclasses.replace(
        anchor,
        actor=list(actor),
        recipient=list(recipient),
        mode=_majority([e.mode for e in group], None),
        hypothetical=_flagged([e.hypothetical for e in group]),
        future=_flagged([e.future for e in group]),
        context=list(dict.fromkeys(item for e in group for item in e.context)),
        date=event_date,
        date_end=dated.date_end if event_date is not None else None,
        location=location,
        place=next((e.place for e in group if e.place is not None and e.place.country == location), None),
        intensity=best.intensity,
        quad=best.quad,
        confidence=max(e.confidence for e in group),
        story_id=story_id,
        reports=[own_report(e, outlets) for e in group],
        disagreements=disagreements(group),
    )


VOTED = ("date", "mode", "location")
FLAGS = ("hypothetical", "future")


def tally(events: Sequence[Event], tallies: dict[str, Any] | None = None) -> dict[str, Any]:
    """Counts the canonical event is voted from, updated with ``events``: per voted field its values in first-seen
    order with their counts, per flag how many reports carry it. Kept per act, so a large act's canonical event
    can be updated from its new reports without reading the old ones."""
    counts: dict[str, Any] = {name: dict((tallies or {}).get(name, {})) for name in VOTED}
    counts.update({name: int((tallies or {}).get(name, 0)) for name in FLAGS})
    for event in events:
        for name in VOTED:
            value = getattr(event, name)
            if value is not None:
                counts[name][value] = counts[name].get(value, 0) + 1
        for name in FLAGS:
            counts[name] += bool(getattr(event, name))
    return counts


def _voted(counts: dict[str, int]) -> Any:
    """The most counted value; ties keep the first seen."""
    top = max(counts.values(), default=0)
    return next((value for value, count in counts.items() if count == top), None) if top else None


def _disagreements_after(stored: Event, fresh: Sequence[Event]) -> dict[str, list[Any]]:
    """``disagreements`` of the stored canonical event extended with new reports: a field the old reports agreed
    on had one value, the one the canonical event carries."""
    found: dict[str, list[Any]] = {}
    for name, getter in _FIELDS.items():
        values = set(stored.disagreements.get(name) or [getter(stored)])
        values.update(getter(event) for event in fresh)
        values.discard(None)
        if len(values) > 1:
            found[name] = sorted(values)
    return found


def extend_canonical(
    stored: Event,
    fresh: Sequence[Event],
    tallies: dict[str, Any],
    size: int,
    *,
    outlets: Outlets | None = None,
    story_id: str | None = None,
) -> Event:
    """The canonical event of a large act after ``fresh`` reports joined it (in report order), from its stored
    canonical event and its ``tallies`` (already counting ``fresh``): the same rules as ``canonical_event``
    without reading the old reports. The new reports are listed after the old ones of their day or earlier."""
    best = max([stored, *fresh], key=lambda e: e.confidence)
    event_date = _voted(tallies["date"])
    location = _voted(tallies["location"])
    dated = stored if stored.date == event_date else next((e for e in fresh if e.date == event_date), None)
    place = stored.place if stored.place is not None and stored.place.country == location else None
    reports = stored.reports[1:] + [own_report(event, outlets) for event in fresh]
    reports.sort(key=lambda report: report.date or "9999")  # stable: report order within a day is kept
    return dataclasses.replace(
        stored,
        actor=list(max([stored.actor, *(e.actor for e in fresh)], key=specificity)),
        recipient=list(max([stored.recipient, *(e.recipient for e in fresh)], key=specificity)),
        mode=_voted(tallies["mode"]),
        hypothetical=2 * tallies["hypothetical"] >= size > 0,
        future=2 * tallies["future"] >= size > 0,
        context=list(dict.fromkeys([*stored.context, *(item for e in fresh for item in e.context)])),
        date=event_date,
        date_end=dated.date_end if dated is not None and event_date is not None else None,
        location=location,
        place=place or next((e.place for e in fresh if e.place is not None and e.place.country == location), None),
        intensity=best.intensity,
        quad=best.quad,
        confidence=best.confidence,
        story_id=story_id or stored.story_id,
        reports=stored.reports[:1] + reports,
        disagreements=_disagreements_after(stored, fresh),
    )
