"""Read-only aggregates over canonical (merged) events: dyad series, the most active dyads, escalation alerts
and timelines. No SQL here: events come from the store's ``events(canonical_only=True)``.

Asserted acts
    Dyads and alerts count only acts that were asserted to have happened: not negated ("did not expel"),
    hypothetical or conditional ("would respond if"), future ("will hold talks") or claimed by a third party
    ("X says Russia did Y"). ``assertion`` reads the status from whatever the events stage records (the flags,
    an assertion mode), so a status it adds later is excluded too. ``asserted_only=False`` counts every act.

Dyads
    An ordered pair (actor, recipient). Each side is keyed by the actor's country code, or its name when it has
    no country. An event counts once for every distinct pair of its actor and recipient keys (compound actors give
    several dyads); events without a recipient, without a date, with quad 0, or whose two sides are the same
    key are left out. Merged events are counted once, whatever their number of reports.

Daily series
    For each day from the dyad's first to its last event (days without events are zeros): the count of events per
    quad (1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict), the summed
    intensity, and the *conflict score* ``c(d) = sum over quad-3/4 events of max(-intensity, 1)``, so every
    conflict event weighs at least 1 and harder ones weigh more.

Escalation alert (``AlertParams`` holds the numbers)
    For each dyad and each day *d* with conflict events, let *B* be the conflict scores of the ``window`` (7)
    days before *d* (zeros where nothing happened, including days before the dyad's first event), with mean
    ``mu`` and population standard deviation ``sd``. An alert fires when both

    - ``c(d) >= min_score`` (6.0): one accusation or threat (about 3) is not an escalation; two such events
      on one day, or one material conflict (a sanction, an assault), can be, and
    - ``c(d) >= mu + k * max(sd, min_sd)`` (k = 2, min_sd = 1.0): sharply above the dyad's own baseline; the
      floor on ``sd`` keeps a flat baseline from turning every small rise into an alert.

    The alert is of kind ``first`` when the dyad had no conflict event ever before *d* (first-ever conflict),
    else ``spike``. Warm-up: no alert is raised on days less than ``window`` days after the first dated event in
    the data, because the baseline there is unknown rather than calm.

    Only *trusted* acts count towards an alert's series: asserted (see above) and carried by at least
    ``min_reports`` reports or coded with confidence at least ``min_confidence``, so one miscoded sentence in one
    article cannot raise an alert. Each alert lists the rule that fired with its numbers, the thresholds in force
    and its evidence: every report of every act of that day (article, outlet, sentence).

Timelines
    Events grouped by day, each day's events ordered by report count then confidence.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING

from redline.records import Actor, Alert, AlertEvidence, Event, Record
from redline.stories.canonical import report_count

if TYPE_CHECKING:
    from redline.store import Store

CONFLICT_QUADS = (3, 4)


@dataclass(slots=True)
class DyadDay(Record):
    """One day of a dyad: events per quad (index 0 is quad 1), summed intensity and conflict score."""

    date: str
    counts: list[int] = field(default_factory=lambda: [0, 0, 0, 0])
    intensity: float = 0.0
    conflict: float = 0.0
    events: list[str] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(self.counts)


@dataclass(slots=True)
class Dyad(Record):
    """An ordered actor pair and its dense daily series."""

    actor: str
    recipient: str
    days: list[DyadDay] = field(default_factory=list)
    events: int = 0
    conflict: float = 0.0
    intensity: float = 0.0

    @property
    def label(self) -> str:
        return f"{self.actor} → {self.recipient}"


@dataclass(frozen=True, slots=True)
class AlertParams:
    """The escalation rule's numbers and which acts it may rest on (see the module docstring)."""

    window: int = 7
    k: float = 2.0
    min_sd: float = 1.0
    min_score: float = 6.0
    min_reports: int = 2
    min_confidence: float = 0.9
    asserted_only: bool = True


ASSERTED = "asserted"
ASSERTION_MODES = frozenset({ASSERTED, "negated", "hypothetical", "conditional", "future", "claimed"})
"""The assertion statuses an events stage may record in ``mode`` (the PLOVER sub-modes such as "violence" or
"allege" are not statuses and say nothing about whether the act happened)."""
ASSERTION_FIELDS = ("modality", "assertion")
"""Fields a newer Event may carry the status in; any value other than "asserted" there is not asserted."""


def assertion(event: Event) -> str:
    """Whether an act was asserted to have happened: "asserted", or the status that says it was not (negated,
    hypothetical, future, claimed, or whatever else the events stage records)."""
    for name in ASSERTION_FIELDS:
        value = getattr(event, name, None)
        if isinstance(value, str) and value and value != ASSERTED:
            return value
    if getattr(event, "claimed", False):
        return "claimed"
    if event.mode in ASSERTION_MODES and event.mode != ASSERTED:
        return event.mode
    for flag in ("negated", "hypothetical", "future"):
        if getattr(event, flag, False):
            return flag
    return ASSERTED


def is_asserted(event: Event) -> bool:
    return assertion(event) == ASSERTED


def trusted(event: Event, params: AlertParams) -> bool:
    """An act an alert may rest on: asserted (when required) and reported enough or coded surely enough."""
    if params.asserted_only and not is_asserted(event):
        return False
    return report_count(event) >= params.min_reports or event.confidence >= params.min_confidence


def actor_key(actor: Actor) -> str | None:
    """A dyad side: the country (or organisation) code, else the name of a resolved or named actor.

    Unresolved descriptions ("its neighbour", "both sides") are not dyad sides: a series about them would
    mix different actors.
    """
    if actor.country:
        return actor.country
    if actor.kb_id or (actor.name and actor.name[:1].isupper()):
        return actor.name
    return None


def dyad_keys(event: Event) -> list[tuple[str, str]]:
    """The distinct (actor, recipient) pairs of an event, without self-pairs."""
    actors = dict.fromkeys(key for key in map(actor_key, event.actor) if key)
    recipients = dict.fromkeys(key for key in map(actor_key, event.recipient) if key)
    return [(a, r) for a in actors for r in recipients if a != r]


def conflict_weight(event: Event) -> float:
    """What an event adds to its day's conflict score (0 for cooperation)."""
    return max(-event.intensity, 1.0) if event.quad in CONFLICT_QUADS else 0.0


def _days(first: str, last: str) -> list[str]:
    start, end = date.fromisoformat(first), date.fromisoformat(last)
    return [(start + timedelta(days=n)).isoformat() for n in range((end - start).days + 1)]


def dyad_series(events: Iterable[Event], *, asserted_only: bool = True) -> list[Dyad]:
    """Daily series of every dyad in ``events`` (canonical events: each act once), most active first.

    :param asserted_only: count asserted acts only (an act that did not happen, might happen or is only claimed
        is no part of a relationship's series); negated acts are never counted.
    """
    by_dyad: dict[tuple[str, str], dict[str, DyadDay]] = {}
    for event in events:
        if not event.date or event.quad not in (1, 2, 3, 4) or event.negated:
            continue
        if asserted_only and not is_asserted(event):
            continue
        day = event.date[:10]
        for key in dyad_keys(event):
            slot = by_dyad.setdefault(key, {}).setdefault(day, DyadDay(date=day))
            slot.counts[event.quad - 1] += 1
            slot.intensity += event.intensity
            slot.conflict += conflict_weight(event)
            slot.events.append(event.id)
    dyads = []
    for (actor, recipient), days in by_dyad.items():
        dense = [days.get(day) or DyadDay(date=day) for day in _days(min(days), max(days))]
        dyads.append(
            Dyad(
                actor=actor,
                recipient=recipient,
                days=dense,
                events=sum(d.total for d in dense),
                conflict=sum(d.conflict for d in dense),
                intensity=sum(d.intensity for d in dense),
            )
        )
    dyads.sort(key=lambda d: (-d.events, -d.conflict, d.actor, d.recipient))
    return dyads


def detect_alerts(
    dyads: Sequence[Dyad], params: AlertParams | None = None, events: Mapping[str, Event] | None = None
) -> list[Alert]:
    """Escalation alerts over dyad series (rule in the module docstring), oldest first.

    :param events: the dyads' events by id, for each alert's evidence (without them an alert lists event ids
        only). Build the series from trusted acts (``trusted_series``) so an alert rests only on them.
    """
    params = params or AlertParams()
    starts = [d.days[0].date for d in dyads if d.days]
    if not starts:
        return []
    warm_from = date.fromisoformat(min(starts)) + timedelta(days=params.window)
    alerts = []
    for dyad in dyads:
        scores = {day.date: day.conflict for day in dyad.days}
        seen_conflict = False
        for day in dyad.days:
            if day.conflict <= 0:
                continue
            when = date.fromisoformat(day.date)
            baseline = [scores.get((when - timedelta(days=n)).isoformat(), 0.0) for n in range(1, params.window + 1)]
            mean = sum(baseline) / len(baseline)
            sd = math.sqrt(sum((x - mean) ** 2 for x in baseline) / len(baseline))
            threshold = mean + params.k * max(sd, params.min_sd)
            if when >= warm_from and day.conflict >= params.min_score and day.conflict >= threshold:
                kind = "spike" if seen_conflict else "first"
                alerts.append(_alert(dyad, day, kind, (mean, sd, threshold), params, events or {}))
            seen_conflict = True
    alerts.sort(key=lambda a: (a.date, -a.score, a.actor, a.recipient))
    return alerts


def _alert(
    dyad: Dyad,
    day: DyadDay,
    kind: str,
    baseline: tuple[float, float, float],
    params: AlertParams,
    events: Mapping[str, Event],
) -> Alert:
    mean, sd, threshold = baseline
    evidence = [item for event_id in day.events for item in evidence_of(events.get(event_id))]
    return Alert(
        actor=dyad.actor,
        recipient=dyad.recipient,
        date=day.date,
        kind=kind,
        score=round(day.conflict, 3),
        baseline_mean=round(mean, 3),
        baseline_sd=round(sd, 3),
        threshold=round(threshold, 3),
        events=list(day.events),
        rule=rule_text(kind, day.conflict, (mean, sd, threshold), params),
        params=dataclasses.asdict(params),
        evidence=evidence,
        outlets=sorted({item.outlet or item.article_id for item in evidence}),
        article_ids=sorted({item.article_id for item in evidence}),
    )


def rule_text(kind: str, score: float, baseline: tuple[float, float, float], params: AlertParams) -> str:
    """The rule that fired, with its numbers, in words an analyst can check."""
    mean, sd, threshold = baseline
    what = "first conflict ever" if kind == "first" else "spike"
    acts = "asserted acts" if params.asserted_only else "acts"
    return (
        f"{what}: conflict score {score:g} >= min_score {params.min_score:g} and >= baseline mean {mean:.3g} "
        f"+ k {params.k:g} x max(sd {sd:.3g}, min_sd {params.min_sd:g}) = {threshold:.3g} over the {params.window} "
        f"days before; counting {acts} with >= {params.min_reports} reports or confidence >= "
        f"{params.min_confidence:g}"
    )


def evidence_of(event: Event | None) -> list[AlertEvidence]:
    """Every report of an act: article, outlet, evidence sentence and date (the act's own when it has none)."""
    if event is None:
        return []
    reports = event.reports or []
    if not reports:
        return [AlertEvidence(event.id, event.event_type, event.article_id or "", None, event.text, event.date)]
    return [
        AlertEvidence(event.id, event.event_type, r.article_id, r.outlet, r.sentence, r.date or event.date)
        for r in reports
    ]


def trusted_series(events: Iterable[Event], params: AlertParams | None = None) -> list[Dyad]:
    """Dyad series of the acts an alert may rest on (``trusted``)."""
    params = params or AlertParams()
    return dyad_series((e for e in events if trusted(e, params)), asserted_only=params.asserted_only)


def timeline(events: Iterable[Event]) -> list[tuple[str, list[Event]]]:
    """Events by day (undated last, under ""), each day's most reported and surest events first."""
    days: dict[str, list[Event]] = {}
    for event in events:
        days.setdefault((event.date or "")[:10], []).append(event)
    ordered = sorted(days.items(), key=lambda item: (item[0] == "", item[0]))
    return [(day, sorted(group, key=lambda e: (-report_count(e), -e.confidence, e.id))) for day, group in ordered]


# -- over the store ---------------------------------------------------------------------------------------


def dyads(
    store: Store,
    *,
    since: str | None = None,
    until: str | None = None,
    top: int | None = None,
    asserted_only: bool = True,
) -> list[Dyad]:
    """The most active dyads of the stored canonical events (all of them when ``top`` is None)."""
    found = dyad_series(store.events(canonical_only=True, since=since, until=until), asserted_only=asserted_only)
    return found if top is None else found[:top]


def alerts(
    store: Store, *, since: str | None = None, until: str | None = None, params: AlertParams | None = None
) -> list[Alert]:
    """Escalation alerts of the stored canonical events, each with its evidence."""
    events = store.events(canonical_only=True, since=since, until=until)
    return detect_alerts(trusted_series(events, params), params, {event.id: event for event in events})


def dyad_alerts(store: Store, actor: str, recipient: str, params: AlertParams | None = None) -> list[Alert]:
    """The alerts of one dyad (actor and recipient keys as ``dyads`` gives them), each with its evidence."""
    return [a for a in alerts(store, params=params) if (a.actor, a.recipient) == (actor, recipient)]
