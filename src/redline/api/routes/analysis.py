"""Routes over the analysis: dyads with their daily series, escalation alerts, the crisis-wide timeline and the
summary counts."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from redline import analysis
from redline.api.errors import ApiError
from redline.api.paging import MAX_LIMIT, Db
from redline.queries import EventQuery, StoryQuery

router = APIRouter(tags=["analysis"])

Since = Annotated[str | None, Query(description="From this date (YYYY-MM-DD).")]
Until = Annotated[str | None, Query(description="Up to this date (YYYY-MM-DD).")]


def dyad_row(dyad: analysis.Dyad, *, days: bool = True) -> dict[str, Any]:
    row: dict[str, Any] = {
        "actor": dyad.actor,
        "recipient": dyad.recipient,
        "label": dyad.label,
        "events": dyad.events,
        "conflict": round(dyad.conflict, 3),
        "intensity": round(dyad.intensity, 3),
    }
    if days:
        row["days"] = [day.as_dict() for day in dyad.days]
    return row


@router.get("/api/dyads")
def list_dyads(
    store: Db, since: Since = None, until: Until = None, top: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 20
) -> dict[str, Any]:
    """The most active dyads (actor → recipient) with their daily series."""
    period = EventQuery(since=since, until=until)
    found = analysis.dyads(store, since=period.since, until=period.until, top=top)
    return {"items": [dyad_row(d) for d in found], "next": None}


@router.get("/api/dyads/{actor}/{recipient}")
def get_dyad(store: Db, actor: str, recipient: str) -> dict[str, Any]:
    """One dyad's daily conflict/cooperation series and its escalation alerts."""
    for dyad in analysis.dyads(store):
        if dyad.actor == actor and dyad.recipient == recipient:
            alerts = [a.as_dict() for a in analysis.dyad_alerts(store, actor, recipient)]
            return {**dyad_row(dyad), "alerts": alerts}
    raise ApiError(
        404, "not_found", f"no events from {actor!r} to {recipient!r}; see /api/dyads for the dyads there are"
    )


@router.get("/api/alerts")
def list_alerts(store: Db, since: Since = None, until: Until = None) -> dict[str, Any]:
    """Escalation alerts: days when a dyad's conflict rose sharply above its own baseline."""
    period = EventQuery(since=since, until=until)
    found = analysis.alerts(store, since=period.since, until=period.until)
    return {"items": [a.as_dict() for a in found], "next": None}


@router.get("/api/timeline")
def timeline(
    store: Db,
    since: Since = None,
    until: Until = None,
    modality: Annotated[
        str | None, Query(description="asserted, negated, hypothetical, future or claimed (asserted: factual only).")
    ] = None,
) -> dict[str, Any]:
    """Merged events per day by quad class (counts: verbal cooperation, material cooperation, verbal conflict,
    material conflict), days with events only, oldest first; ``undated`` counts events without a usable date."""
    query = EventQuery(since=since, until=until, modality=modality, canonical_only=True)
    days: dict[str, list[int]] = {}
    undated = 0
    for event in store.events(query):
        day = (event.date or "")[:10]
        if len(day) != 10 or event.quad not in (1, 2, 3, 4):
            undated += 1
            continue
        days.setdefault(day, [0, 0, 0, 0])[event.quad - 1] += 1
    items = [{"date": day, "counts": counts} for day, counts in sorted(days.items())]
    return {"items": items, "undated": undated, "next": None}


@router.get("/api/summary")
def summary(store: Db) -> dict[str, Any]:
    """Counts: articles, outlets, languages, dates, duplicates, quarantine, stories, events, quotes."""
    data = store.article_summary()
    data["stories"] = len(store.stories(StoryQuery()))
    data["events"] = store.count_events(EventQuery(canonical_only=True))
    data["quotes"] = len(store.quotes())
    return data
