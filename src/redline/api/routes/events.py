"""Routes over events: the filtered list (keyset cursor) and one event with every report and its article."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from redline.api.models import Page
from redline.api.paging import Cursor, Db, Limit, make_cursor, read_cursor
from redline.queries import MODALITIES, ArticleQuery, EventQuery, event_modes, event_types
from redline.records import Event

router = APIRouter(tags=["events"])


def event_item(event: Event) -> dict[str, Any]:
    """An event as the API lists it: every field plus how many reports it merges."""
    return {**event.as_dict(), "report_count": len(event.reports) or 1}


@router.get("/api/events", response_model=Page)
def list_events(
    store: Db,
    type: Annotated[str | None, Query(description="PLOVER event type, e.g. THREATEN.")] = None,
    actor: Annotated[str | None, Query(description="Actor country/organisation code or name.")] = None,
    recipient: Annotated[str | None, Query(description="Recipient country/organisation code or name.")] = None,
    country: Annotated[str | None, Query(description="A code or name on either side.")] = None,
    quad: Annotated[
        str | None, Query(description="1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material.")
    ] = None,
    mode: Annotated[str | None, Query(description="PLOVER mode, e.g. violence.")] = None,
    modality: Annotated[str | None, Query(description="asserted, negated, hypothetical, future or claimed.")] = None,
    since: Annotated[str | None, Query(description="From this date (YYYY-MM-DD).")] = None,
    until: Annotated[str | None, Query(description="Up to this date (YYYY-MM-DD).")] = None,
    story: str | None = None,
    text: Annotated[str | None, Query(description="Text in the evidence sentence.")] = None,
    canonical: Annotated[bool, Query(description="Merged events only (each act once).")] = True,
    limit: Limit = 50,
    cursor: Cursor = None,
) -> dict[str, Any]:
    """Events matching the filters, each with its reports and evidence spans; cursor pagination."""
    query = EventQuery(
        event_type=type,
        actor=actor,
        recipient=recipient,
        country=country,
        quad=quad,
        mode=mode,
        modality=modality,
        since=since,
        until=until,
        story=story,
        text=text,
        canonical_only=canonical,
        limit=limit + 1,
        after_id=read_cursor(cursor, "after"),
    )
    rows = store.events(query)
    more = len(rows) > limit
    rows = rows[:limit]
    return {"items": [event_item(e) for e in rows], "next": make_cursor("after", rows[-1].id) if more else None}


@router.get("/api/events/{event_id}")
def get_event(store: Db, event_id: str) -> dict[str, Any]:
    """One event with all its reports: each report's article, outlet and evidence span."""
    event = store.event(event_id)
    ids = tuple(i for i in dict.fromkeys([r.article_id for r in event.reports] or [event.article_id]) if i)
    articles = store.articles(ArticleQuery(ids=ids))
    return {
        **event_item(event),
        "articles": [
            {"id": a.id, "title": a.title, "outlet": a.outlet, "url": a.url, "published": a.published} for a in articles
        ],
    }


@router.get("/api/codebook")
def codebook() -> dict[str, Any]:
    """The values the event filters accept: PLOVER types (in the codebook's order), modes, modalities, quads."""
    return {
        "types": list(event_types()),
        "modes": list(event_modes()),
        "modalities": list(MODALITIES),
        "quads": {
            "1": "verbal cooperation",
            "2": "material cooperation",
            "3": "verbal conflict",
            "4": "material conflict",
        },
    }
