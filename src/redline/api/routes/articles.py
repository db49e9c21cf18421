"""Routes over articles: list, one article with everything found in it, and POST to ingest."""

from __future__ import annotations

from typing import Annotated, Any

import anyio.to_thread
from fastapi import APIRouter, Query, Request

from redline.api.models import IngestOut, Page, parse_articles, request_schema
from redline.api.paging import Cursor, Db, Limit, offset_of, page
from redline.api.writer import ingest_objects
from redline.queries import ArticleQuery, EventQuery, QuoteQuery
from redline.records import Article

router = APIRouter(tags=["articles"])


@router.get("/api/articles", response_model=Page)
def list_articles(
    store: Db,
    outlet: str | None = None,
    language: str | None = None,
    since: Annotated[str | None, Query(description="Published on or after (YYYY-MM-DD).")] = None,
    until: Annotated[str | None, Query(description="Published on or before (YYYY-MM-DD).")] = None,
    q: Annotated[str | None, Query(description="Text in the title or body.")] = None,
    limit: Limit = 50,
    cursor: Cursor = None,
) -> dict[str, Any]:
    """Articles, oldest first, with cursor pagination."""
    offset = offset_of(cursor)
    query = ArticleQuery(
        outlet=outlet, language=language, since=since, until=until, search=q, limit=limit + 1, offset=offset
    )
    return page(store.articles(query), limit, offset, Article.public_dict)


@router.get("/api/articles/{article_id}")
def get_article(store: Db, article_id: str) -> dict[str, Any]:
    """One article with the lines cleaning removed, its story, quotes and events."""
    row = store.article(article_id).public_dict()
    row["story"] = store.story_of(article_id)
    row["quotes"] = [q.as_dict() for q in store.quotes(QuoteQuery(article_ids=(article_id,)))]
    row["events"] = [e.as_dict() for e in store.events(EventQuery(article_ids=(article_id,)))]
    return row


@router.post("/api/articles", response_model=IngestOut, openapi_extra={"requestBody": request_schema()})
async def post_articles(request: Request) -> dict[str, Any]:
    """Ingest one article or a list, exactly as `redline run` would, and return the ids.

    Items that cannot become articles are quarantined (see `quarantined`); re-posting adds nothing.
    """
    objects = parse_articles(await request.body(), request.headers.get("content-type"))
    writer = request.app.state.writer
    return await anyio.to_thread.run_sync(writer.submit, lambda store: ingest_objects(store, objects))
