"""Routes over quotes and actors: quotes with their speakers, and everything known about one actor."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from redline import analysis
from redline.api.errors import ApiError
from redline.api.models import Page
from redline.api.paging import MAX_LIMIT, Cursor, Db, Limit, offset_of, page
from redline.api.routes.analysis import dyad_row
from redline.queries import EventQuery, QuoteQuery

router = APIRouter()


@router.get("/api/quotes", response_model=Page, tags=["quotes"])
def list_quotes(
    store: Db,
    speaker: Annotated[str | None, Query(description="A speaker's name, or a country/organisation code.")] = None,
    text: Annotated[str | None, Query(description="Words in the quote.")] = None,
    article: Annotated[str | None, Query(description="Only quotes of this article id.")] = None,
    limit: Limit = 50,
    cursor: Cursor = None,
) -> dict[str, Any]:
    """Quotes with their speakers; filter by speaker (name or code) and by words in the quote."""
    offset = offset_of(cursor)
    articles = (article,) if article else None
    query = QuoteQuery(speaker=speaker, text=text, article_ids=articles, limit=limit + 1, offset=offset)
    return page(store.quotes(query), limit, offset, lambda q: q.as_dict())


@router.get("/api/actors/{name_or_code}", tags=["actors"])
def get_actor(store: Db, name_or_code: str) -> dict[str, Any]:
    """An actor (country code like RUS, or a name): its events as actor and as recipient, quotes, dyads."""
    as_actor = store.events(EventQuery(actor=name_or_code, canonical_only=True, limit=MAX_LIMIT))
    as_recipient = store.events(EventQuery(recipient=name_or_code, canonical_only=True, limit=MAX_LIMIT))
    quotes = store.quotes(QuoteQuery(speaker=name_or_code, limit=MAX_LIMIT))
    key = name_or_code.casefold()
    partners = [
        dyad_row(d, days=False)
        for d in analysis.dyads(store)
        if d.actor.casefold() == key or d.recipient.casefold() == key
    ]
    if not (as_actor or as_recipient or quotes or partners):
        raise ApiError(
            404,
            "not_found",
            f"no events or quotes for actor {name_or_code!r}; use a country code (RUS, UKR) or a name "
            "as it appears in /api/events",
        )
    return {
        "actor": name_or_code,
        "events_as_actor": [e.as_dict() for e in as_actor],
        "events_as_recipient": [e.as_dict() for e in as_recipient],
        "quotes": [q.as_dict() for q in quotes],
        "dyads": partners,
    }
