"""Routes over stories: the list, and one story with its articles, merged events and quotes."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from redline.api.models import Page
from redline.api.paging import Cursor, Db, Limit, offset_of, page
from redline.queries import STORY_ORDERS, ArticleQuery, EventQuery, QuoteQuery, StoryQuery

router = APIRouter(tags=["stories"])


@router.get("/api/stories", response_model=Page)
def list_stories(
    store: Db,
    since: Annotated[str | None, Query(description="Stories reaching this date (YYYY-MM-DD) or later.")] = None,
    until: Annotated[str | None, Query(description="Stories starting on or before this date.")] = None,
    order: Annotated[str, Query(description=f"Sort order: {' or '.join(STORY_ORDERS)}.")] = "recent",
    limit: Limit = 50,
    cursor: Cursor = None,
) -> dict[str, Any]:
    """Stories, latest first (or largest first with order=size)."""
    offset = offset_of(cursor)
    query = StoryQuery(since=since, until=until, order=order, limit=limit + 1, offset=offset)
    return page(store.stories(query), limit, offset, lambda s: {**s.as_dict(), "size": len(s.articles)})


@router.get("/api/stories/{story_id}")
def get_story(store: Db, story_id: str) -> dict[str, Any]:
    """A story: its articles side by side, its merged events (with report counts) and its quotes."""
    story = store.story(story_id)
    members = tuple(story.articles)
    events = store.events(EventQuery(story=story_id, canonical_only=True))
    return {
        **story.as_dict(),
        "articles": [a.public_dict() for a in store.articles(ArticleQuery(ids=members))],
        "events": [{**e.as_dict(), "report_count": len(e.reports) or 1} for e in events],
        "quotes": [q.as_dict() for q in store.quotes(QuoteQuery(article_ids=members))],
    }
