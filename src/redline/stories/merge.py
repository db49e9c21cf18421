"""Cross-report event merging: several reports of one real act become one canonical event with all its reports.

Two events of one story are *compatible* when nothing says they are different acts:

- same ``event_type`` and the same ``negated`` flag;
- actors and recipients not *different*: an empty side is a wildcard (an outlet that omits the recipient still
  reports the act); otherwise some pair of actors has the same country (or, without one, the same name), no two
  different sectors, and is not two clearly different named people (both with a ``role``; see ``names``);
- modes equal, or one of them unknown;
- date spans (``date``..``date_end``: "last week" is a range) at most ``date_window_days`` apart; undated events
  are compatible with any date.

Compatible events are the *same act* when the structure vouches for it (both name the same person or
organisation; the same country alone does not, as a state acts through many officials in a week), or when the
evidence is the same statement: their quotes were linked to one ``statement_id``, or their evidence sentences
embed within ``evidence_similarity`` (other wording or another language; ``country_similarity`` when only
the country is shared). Grouping is greedy in date order and complete-link: an event joins a group only when it
is compatible with *every* member, so a chain of near matches cannot glue different acts together.

The canonical event keeps the id and evidence of the earliest report (stable ids as reports keep arriving), and
the best-evidenced coded fields: the most specific actor and recipient, the highest confidence, the date and
mode most reports give. Fields the reports disagree on are listed in ``disagreements``.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import numpy as np

from redline.records import Actor, Event, Report
from redline.stories.embed import Embed, normalize_rows
from redline.stories.names import id_or_name_match


@dataclass(frozen=True, slots=True)
class MergeParams:
    """Merge knobs: the date window of one act and the similarity of two wordings of one statement."""

    date_window_days: int = 3
    evidence_similarity: float = 0.65
    # same state on both sides but no named person or organisation in common: the wording must agree this much
    # (on the dev corpus, different Russian officials' threats to NATO the same week score 0.43-0.55 and two
    # reports of the 17 December draft treaties 0.60)
    country_similarity: float = 0.58


@dataclass(slots=True)
class MergedEvent:
    """A canonical event and the ids of the other events (reports) merged into it."""

    canonical: Event
    member_ids: list[str]


def report_count(event: Event) -> int:
    """How many reports an event has (an unmerged event is its own single report)."""
    return len(event.reports) or 1


def outlet_count(event: Event) -> int:
    """How many distinct outlets reported the event."""
    outlets = {report.outlet or report.article_id for report in event.reports}
    return len(outlets) or 1


def _norm(text: str | None) -> str:
    return " ".join((text or "").split()).casefold()


SAME, UNSURE, DIFFERENT = "same", "unsure", "different"


def actor_match(a: Actor, b: Actor) -> str:
    """``same``, ``different`` or ``unsure`` (two named officials whose names may be transliterations)."""
    if (a.country or _norm(a.name or a.text)) != (b.country or _norm(b.name or b.text)):
        return DIFFERENT
    if a.sector and b.sector and a.sector != b.sector:
        return DIFFERENT
    if a.role and b.role:
        verdict = id_or_name_match(a.kb_id, b.kb_id, a.name or a.text, b.name or b.text)
        return {True: SAME, False: DIFFERENT, None: UNSURE}[verdict]
    return SAME


def actors_match(first: Sequence[Actor], second: Sequence[Actor]) -> str:
    """The best verdict over actor pairs; an empty side is ``unsure`` (a wildcard, not evidence)."""
    if not first or not second:
        return UNSURE
    verdicts = {actor_match(a, b) for a in first for b in second}
    return SAME if SAME in verdicts else UNSURE if UNSURE in verdicts else DIFFERENT


def _day(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def date_span(event: Event) -> tuple[date, date] | None:
    """The days an event covers as its report gives them ("last week" is a range), None when undated."""
    start = _day(reported_date(event))
    if start is None:
        return None
    end = _day(event.date_end)
    return (start, end) if end is not None and end >= start else (start, start)


def days_apart(first: Event, second: Event) -> int | None:
    """Days between two events' date spans (0 when they overlap), None when either is undated."""
    a, b = date_span(first), date_span(second)
    if a is None or b is None:
        return None
    return max(0, (b[0] - a[1]).days, (a[0] - b[1]).days)


def compatible(first: Event, second: Event, params: MergeParams) -> bool:
    """Nothing says these are different acts (type, negation, actors, recipients, mode, date)."""
    if first.event_type != second.event_type or first.negated != second.negated:
        return False
    if first.mode and second.mode and first.mode != second.mode:
        return False
    apart = days_apart(first, second)
    if apart is not None and apart > params.date_window_days:
        return False
    return DIFFERENT not in (actors_match(first.actor, second.actor), actors_match(first.recipient, second.recipient))


def own_report(event: Event, outlets: dict[str, tuple[str | None, str | None]] | None = None) -> Report:
    """The report of this event's own article: kept from ``reports`` when present, else built from the event."""
    outlet = (outlets or {}).get(event.article_id or "", (None, None))[0]
    for report in event.reports:
        if report.article_id == event.article_id and report.sentence == event.text:
            return dataclasses.replace(report, outlet=report.outlet or outlet)
    for report in event.reports:
        if report.article_id == event.article_id:
            return dataclasses.replace(report, outlet=report.outlet or outlet)
    return Report(
        article_id=event.article_id or "",
        outlet=outlet,
        sentence=event.text,
        # Without stored sentence offsets, the trigger is the best-known place of the evidence.
        start=event.trigger.start,
        end=event.trigger.end,
        date=event.date,
    )


def reported_date(event: Event) -> str | None:
    """The date this report gives; for an earlier canonical its own report keeps the date it had before merging."""
    if len(event.reports) > 1:
        for report in event.reports:
            if report.article_id == event.article_id and report.sentence == event.text:
                return report.date
    return event.date


def specificity(actors: Sequence[Actor]) -> int:
    """How much an actor list says: resolved country, sector, name and role each count."""
    return sum(bool(a.country) + bool(a.sector) + bool(a.name) + bool(a.role) + bool(a.kb_id) for a in actors)


def _majority(values: list[Any], fallback: Any) -> Any:
    """The most frequent non-null value; ties keep the first seen (members are in report order)."""
    present = [value for value in values if value is not None]
    if not present:
        return fallback
    counts = Counter(present)
    top = max(counts.values())
    return next(value for value in present if counts[value] == top)


def _recipient_key(event: Event) -> str | None:
    keys = sorted({a.country or _norm(a.name or a.text) for a in event.recipient})
    return "+".join(keys) if keys else None


def disagreements(group: Sequence[Event]) -> dict[str, list[Any]]:
    """Fields whose values differ between reports: field -> the distinct values, sorted."""
    fields: dict[str, Callable[[Event], Any]] = {
        "date": reported_date,
        "mode": lambda e: e.mode,
        "recipient": _recipient_key,
        "location": lambda e: e.location,
        "hypothetical": lambda e: e.hypothetical,
        "future": lambda e: e.future,
    }
    found: dict[str, list[Any]] = {}
    for name, getter in fields.items():
        values = {getter(event) for event in group}
        values.discard(None)
        if len(values) > 1:
            found[name] = sorted(values)
    return found


def canonical_event(
    group: Sequence[Event],
    *,
    outlets: dict[str, tuple[str | None, str | None]] | None = None,
    story_id: str | None = None,
) -> Event:
    """One event for a group of reports (``group`` in report order: the first is the anchor)."""
    anchor = group[0]
    best = max(group, key=lambda e: e.confidence)  # max() keeps the earliest of equals
    actor = max((e.actor for e in group), key=specificity)
    recipient = max((e.recipient for e in group), key=specificity)
    event_date = _majority([reported_date(e) for e in group], None)
    dated = next((e for e in group if reported_date(e) == event_date), best)
    context = list(dict.fromkeys(item for e in group for item in e.context))
    reports = [own_report(e, outlets) for e in group]
    for report, event in zip(reports, group, strict=True):
        report.date = reported_date(event)
    return dataclasses.replace(
        anchor,
        actor=list(actor),
        recipient=list(recipient),
        mode=_majority([e.mode for e in group], None),
        hypothetical=best.hypothetical,
        future=best.future,
        context=context,
        date=event_date,
        date_end=dated.date_end if event_date is not None else None,
        location=_majority([e.location for e in group], None),
        intensity=best.intensity,
        quad=best.quad,
        confidence=max(e.confidence for e in group),
        story_id=story_id,
        reports=reports,
        disagreements=disagreements(group),
    )


def _report_order(outlets: dict[str, tuple[str | None, str | None]]) -> Callable[[Event], tuple]:
    def key(event: Event) -> tuple:
        published = outlets.get(event.article_id or "", (None, None))[1]
        return (
            reported_date(event) or "9999",
            published or "9999",
            event.article_id or "",
            event.sentence_index if event.sentence_index is not None else -1,
            event.id,
        )

    return key


def merge_events(
    events: Sequence[Event],
    *,
    embed: Embed | None = None,
    outlets: dict[str, tuple[str | None, str | None]] | None = None,
    statements: dict[str, str] | None = None,
    story_id: str | None = None,
    params: MergeParams | None = None,
) -> list[MergedEvent]:
    """Group the events of one story into acts; every event ends up in exactly one returned group.

    :param embed: sentence embedder for the wording test (None: only structure and statement ids merge).
    :param outlets: ``article id -> (outlet, published)``, for reports and ordering.
    :param statements: ``quote id -> statement id`` from quote linking.
    """
    params = params or MergeParams()
    outlets = outlets or {}
    statements = statements or {}
    ordered = sorted(events, key=_report_order(outlets))
    vectors = _vectors(ordered, embed)
    # Only events of one type and polarity can merge: group each bucket on its own (keeps the pairs few).
    buckets: dict[tuple[str, bool], list[int]] = {}
    for index, event in enumerate(ordered):
        buckets.setdefault((event.event_type, event.negated), []).append(index)
    groups: list[list[Event]] = []
    for members in buckets.values():
        bucket = [ordered[i] for i in members]
        bucket_vectors = vectors[members] if vectors is not None else None
        groups.extend([bucket[i] for i in group] for group in _group(bucket, bucket_vectors, statements, params))
    groups.sort(key=lambda group: _report_order(outlets)(group[0]))
    return [
        MergedEvent(
            canonical=canonical_event(group, outlets=outlets, story_id=story_id),
            member_ids=[event.id for event in group[1:]],
        )
        for group in groups
    ]


def _group(
    events: Sequence[Event], vectors: np.ndarray | None, statements: dict[str, str], params: MergeParams
) -> list[list[int]]:
    """Greedy complete-link grouping of one bucket (events in date order).

    A group whose earliest-ending member ends more than the window before the current event's start can never
    take a later dated event either (events come in date order): it is retired, so each event meets only the
    groups of its own few days, not the whole story.
    """
    active: list[list[int]] = []
    done: list[list[int]] = []
    spans = [date_span(event) for event in events]
    for index, event in enumerate(events):
        span = spans[index]
        if span is not None:
            still = []
            for group in active:
                ends = [spans[i][1] for i in group if spans[i] is not None]  # type: ignore[index]
                stale = bool(ends) and (span[0] - min(ends)).days > params.date_window_days
                (done if stale else still).append(group)
            active = still
        chosen, chosen_score = None, -1.0
        # Undated events (sorted last) fit any date, so they may still join a retired group.
        for group in active if span is not None else done + active:
            if not all(compatible(event, events[other], params) for other in group):
                continue
            best = max(_same_act(index, other, events, vectors, statements, params) for other in group)
            if best >= 0 and best > chosen_score:
                chosen, chosen_score = group, best
        if chosen is None:
            active.append([index])
        else:
            chosen.append(index)
    return done + active


def _vectors(events: Sequence[Event], embed: Embed | None) -> np.ndarray | None:
    """Unit vectors of the evidence sentences, one embedding call for the story (None without an embedder)."""
    if embed is None or len(events) < 2:
        return None
    return normalize_rows(np.asarray(embed([event.text for event in events]), dtype=np.float32))


def _same_act(
    first: int,
    second: int,
    events: Sequence[Event],
    vectors: np.ndarray | None,
    statements: dict[str, str],
    params: MergeParams,
) -> float:
    """Evidence that two compatible events are one act: a score >= 0, or -1 when there is none."""
    a, b = events[first], events[second]
    sim = float(vectors[first] @ vectors[second]) if vectors is not None else 0.0
    same_statement = (
        a.quote_id is not None
        and b.quote_id is not None
        and statements.get(a.quote_id) is not None
        and statements.get(a.quote_id) == statements.get(b.quote_id)
    )
    if same_statement:
        return 2.0 + sim
    if sim >= params.evidence_similarity:
        return 1.0 + sim
    if same_named(a.actor, b.actor):
        return max(sim, 0.0)
    if actors_match(a.actor, b.actor) == SAME and sim >= params.country_similarity:
        return sim
    return -1.0


def same_named(first: Sequence[Actor], second: Sequence[Actor]) -> bool:
    """Both events name the same person or organisation (not merely the same country).

    A country alone does not vouch for one act: Russia threatens NATO through many officials in a week, so
    "Russia" in one report and "Gavrilov" in another are one act only if their evidence says so.
    """
    return any(
        _named(a) and _named(b) and actor_match(a, b) == SAME and _same_entity(a, b) for a in first for b in second
    )


def _named(actor: Actor) -> bool:
    """Names a person or organisation, not just a state (a country's kb id is its country code)."""
    return bool(actor.name) and not (actor.kb_id and actor.kb_id == actor.country)


def _same_entity(a: Actor, b: Actor) -> bool:
    if a.kb_id and b.kb_id:
        return a.kb_id == b.kb_id
    return id_or_name_match(a.kb_id, b.kb_id, a.name or a.text, b.name or b.text) is True
