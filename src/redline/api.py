"""The JSON API and the dashboard: a thin FastAPI face over the store, the pipeline and the analysis functions.

``create_app(db_path, token=None)`` builds the app. Reads open their own SQLite connection per request and hold
one read transaction (WAL snapshot), so a reader never sees a half-written ingest. Writes (``POST /api/articles``)
run on one writer thread with its own connection. Every error has one JSON shape::

    {"error": {"status": 404, "code": "not_found", "message": "..."}}
"""

from __future__ import annotations

import base64
import binascii
import json
import logging
import re
import secrets
from collections.abc import AsyncIterator, Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import asynccontextmanager
from importlib import resources
from pathlib import Path
from typing import Annotated, Any

import anyio.to_thread
from fastapi import Depends, FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, ConfigDict
from starlette.exceptions import HTTPException as StarletteHTTPException

from redline import analysis
from redline.errors import NotFoundError, RedlineError
from redline.ingest import ingest_articles, parse_input
from redline.ingest.sources import MAX_BYTES, RawInput
from redline.records import Article, Failure
from redline.store import Store

LOGGER = logging.getLogger(__name__)

WEB_DIR = Path(str(resources.files("redline") / "web"))
MAX_LIMIT = 500
PUBLIC_PATHS = ("/", "/favicon.ico")
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}([T ][0-9:.+\-Z]*)?$")

__all__ = ["ApiError", "create_app", "error_body"]


class ApiError(Exception):
    """An error the API answers with: HTTP status, a stable code and a message a person can act on."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message


def error_body(status: int, code: str, message: str) -> dict[str, Any]:
    """The one JSON error shape."""
    return {"error": {"status": status, "code": code, "message": message}}


def error_response(status: int, code: str, message: str, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse(error_body(status, code, message), status_code=status, headers=headers)


class ArticleIn(BaseModel):
    """An article to ingest: the fields of the ingest JSON format (other common aliases are accepted too)."""

    model_config = ConfigDict(extra="allow")

    title: str | None = None
    text: str | None = None
    html: str | None = None
    published: str | None = None
    url: str | None = None
    outlet: str | None = None
    language: str | None = None


class Page(BaseModel):
    """A page of results and the cursor of the next page (null on the last page)."""

    items: list[dict[str, Any]]
    next: str | None = None


class IngestOut(BaseModel):
    added: list[str]
    skipped: list[str]
    quarantined: list[dict[str, str]]
    stages: dict[str, int] = {}


# -- helpers -----------------------------------------------------------------------------------------------


def _given(**filters: Any) -> dict[str, Any]:
    """The filters a request actually set (None means "not asked for")."""
    return {name: value for name, value in filters.items() if value is not None}


def _date(value: str | None, name: str) -> str | None:
    if value is None or value == "":
        return None
    if not DATE.match(value):
        raise ApiError(422, "invalid_date", f"{name} must be a date like 2023-03-14 (got {value[:40]!r})")
    return value


def _keyset(limit: int, cursor: str | None) -> dict[str, Any]:
    """Keyset paging arguments for ``store.events``: one row more than asked, after the cursor's id."""
    return {"limit": limit + 1, "after_id": cursor or None}


def _offset_cursor(cursor: str | None) -> int:
    if not cursor:
        return 0
    try:
        return int(base64.urlsafe_b64decode(cursor.encode("ascii") + b"==").decode("ascii"))
    except (ValueError, UnicodeError, binascii.Error) as exc:
        raise ApiError(422, "invalid_cursor", "cursor is not one this API gave out: use the 'next' value") from exc


def _make_cursor(offset: int) -> str:
    return base64.urlsafe_b64encode(str(offset).encode()).decode().rstrip("=")


def _page(rows: list[Any], limit: int, offset: int, shape: Callable[[Any], dict[str, Any]]) -> dict[str, Any]:
    more = len(rows) > limit
    return {"items": [shape(row) for row in rows[:limit]], "next": _make_cursor(offset + limit) if more else None}


def _dyad_row(dyad: analysis.Dyad, *, days: bool = True) -> dict[str, Any]:
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


def _quotes(store: Store, **kwargs: Any) -> list[Any]:
    return store.quotes(**_given(**kwargs))


def _events(store: Store, **kwargs: Any) -> list[Any]:
    return store.events(**_given(**kwargs))


def reader(request: Request) -> Iterator[Store]:
    """A connection of its own for one request, holding one read snapshot for the whole request."""
    store = Store(request.app.state.db_path)
    try:
        with store.snapshot():
            yield store
    finally:
        store.close()


Db = Annotated[Store, Depends(reader)]
Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Most items per page.")]
Cursor = Annotated[str | None, Query(description="The 'next' value of the previous page.")]


# -- the app -----------------------------------------------------------------------------------------------


class Writer:
    """The one writer: a single thread with its own connection runs every ingest, one at a time."""

    def __init__(self, db_path: str) -> None:
        self.db_path = db_path
        self.pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="redline-writer")
        self._store: Store | None = None

    def submit(self, func: Callable[[Store], Any]) -> Any:
        return self.pool.submit(self._run, func).result()

    def _run(self, func: Callable[[Store], Any]) -> Any:
        if self._store is None:
            self._store = Store(self.db_path)
        return func(self._store)

    def close(self) -> None:
        self.pool.shutdown(wait=True)
        if self._store is not None:
            self._store.close()


def ingest_objects(store: Store, objects: list[dict[str, Any]]) -> dict[str, Any]:
    """Build articles from posted JSON objects with the ingest library, store them and run the stages."""
    from redline.pipeline import run_stages

    articles: list[Article] = []
    failures: list[Failure] = []
    for n, obj in enumerate(objects, 1):
        source = f"api:{obj['url']}" if isinstance(obj.get("url"), str) and obj["url"] else f"api#{n}"
        raw = RawInput(source=source, key="api", data=json.dumps(obj, ensure_ascii=False).encode("utf-8"))
        for outcome in parse_input(raw):
            (failures if isinstance(outcome, Failure) else articles).append(outcome)
    for failure in failures:
        store.quarantine(failure)
    result = ingest_articles(articles, store)
    stages = run_stages(store) if result.added else {}
    return {
        "added": result.added,
        "skipped": result.skipped,
        "quarantined": [{"source": f.source, "reason": f.reason, "detail": f.detail} for f in failures],
        "stages": stages,
    }


def create_app(db_path: str | Path, token: str | None = None) -> FastAPI:
    """The Redline API and dashboard over the database ``db_path``; with ``token``, every request needs it."""
    db = str(db_path)
    Store(db).close()  # create and migrate once, before serving
    writer = Writer(db)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        writer.close()

    app = FastAPI(
        lifespan=lifespan,
        title="Redline",
        version="0.1.0",
        description="News reports in, sourced PLOVER political event data out. All errors share one shape: "
        '`{"error": {"status": 404, "code": "not_found", "message": "..."}}`.',
    )
    app.state.db_path = db
    app.state.writer = writer

    _install_errors(app)

    @app.middleware("http")
    async def _size_guard(request: Request, call_next: Callable[..., Any]) -> Response:
        length = request.headers.get("content-length", "")
        if request.method == "POST" and length.isdigit() and int(length) > MAX_BYTES:
            return error_response(413, "too_large", f"the request is {length} bytes; the limit is {MAX_BYTES} bytes")
        return await call_next(request)

    if token:
        _install_auth(app, token)

    # -- articles ------------------------------------------------------------------------------------------

    @app.get("/api/articles", response_model=Page, tags=["articles"])
    def list_articles(
        store: Db,
        outlet: str | None = None,
        language: str | None = None,
        since: str | None = None,
        until: str | None = None,
        q: Annotated[str | None, Query(description="Text in the title or body.")] = None,
        limit: Limit = 50,
        cursor: Cursor = None,
    ) -> dict[str, Any]:
        """Articles, oldest first, with cursor pagination."""
        offset = _offset_cursor(cursor)
        rows = store.articles(
            outlet=outlet,
            language=language,
            since=_date(since, "since"),
            until=_date(until, "until"),
            search=q,
            limit=limit + 1,
            offset=offset,
        )
        return _page(rows, limit, offset, Article.public_dict)

    @app.get("/api/articles/{article_id}", tags=["articles"])
    def get_article(store: Db, article_id: str) -> dict[str, Any]:
        """One article with the lines cleaning removed, its story, quotes and events."""
        row = store.article(article_id).public_dict()
        row["story"] = store.story_of(article_id)
        row["quotes"] = [q.as_dict() for q in _quotes(store, article_ids=[article_id])]
        row["events"] = [e.as_dict() for e in _events(store, article_ids=[article_id])]
        return row

    @app.post("/api/articles", response_model=IngestOut, tags=["articles"])
    async def post_articles(request: Request, body: ArticleIn | list[ArticleIn]) -> dict[str, Any]:
        """Ingest one article or a list, exactly as `redline run` would, and return the ids.

        Items that cannot become articles are quarantined (see `quarantined`); re-posting adds nothing.
        """
        raw = await request.body()
        if len(raw) > MAX_BYTES:
            raise ApiError(413, "too_large", f"the request is {len(raw)} bytes; the limit is {MAX_BYTES} bytes")
        items = body if isinstance(body, list) else [body]
        objects = [item.model_dump(exclude_none=True) for item in items]
        return await anyio.to_thread.run_sync(writer.submit, lambda store: ingest_objects(store, objects))

    # -- stories -------------------------------------------------------------------------------------------

    @app.get("/api/stories", response_model=Page, tags=["stories"])
    def list_stories(
        store: Db,
        since: str | None = None,
        until: str | None = None,
        order: Annotated[str, Query(pattern="^(recent|size)$")] = "recent",
        limit: Limit = 50,
        cursor: Cursor = None,
    ) -> dict[str, Any]:
        """Stories, latest first (or largest first with order=size)."""
        offset = _offset_cursor(cursor)
        rows = store.stories(
            since=_date(since, "since"),
            until=_date(until, "until"),
            order=order,
            limit=limit + 1,
            offset=offset,
        )
        return _page(rows, limit, offset, lambda s: {**s.as_dict(), "size": len(s.articles)})

    @app.get("/api/stories/{story_id}", tags=["stories"])
    def get_story(store: Db, story_id: str) -> dict[str, Any]:
        """A story: its articles side by side, its merged events (with report counts) and its quotes."""
        story = store.story(story_id)
        articles = store.articles(ids=story.articles) if story.articles else []
        events = _events(store, story=story_id, canonical_only=True)
        quotes = _quotes(store, article_ids=story.articles) if story.articles else []
        return {
            **story.as_dict(),
            "articles": [a.public_dict() for a in articles],
            "events": [{**e.as_dict(), "report_count": len(e.reports) or 1} for e in events],
            "quotes": [q.as_dict() for q in quotes],
        }

    # -- events --------------------------------------------------------------------------------------------

    @app.get("/api/events", response_model=Page, tags=["events"])
    def list_events(
        store: Db,
        type: Annotated[str | None, Query(description="PLOVER event type, e.g. THREATEN.")] = None,
        actor: str | None = None,
        recipient: str | None = None,
        country: str | None = None,
        quad: Annotated[int | None, Query(ge=1, le=4)] = None,
        mode: str | None = None,
        since: str | None = None,
        until: str | None = None,
        story: str | None = None,
        text: str | None = None,
        canonical: Annotated[bool, Query(description="Merged events only (each act once).")] = True,
        limit: Limit = 50,
        cursor: Cursor = None,
    ) -> dict[str, Any]:
        """Events matching the filters, each with its reports and evidence spans; cursor pagination."""
        rows = _events(
            store,
            event_type=type,
            actor=actor,
            recipient=recipient,
            country=country,
            quad=quad,
            mode=mode,
            since=_date(since, "since"),
            until=_date(until, "until"),
            story=story,
            text=text,
            canonical_only=canonical,
            **_keyset(limit, cursor),
        )
        more = len(rows) > limit
        rows = rows[:limit]
        return {
            "items": [{**e.as_dict(), "report_count": len(e.reports) or 1} for e in rows],
            "next": rows[-1].id if more and rows else None,
        }

    @app.get("/api/events/{event_id}", tags=["events"])
    def get_event(store: Db, event_id: str) -> dict[str, Any]:
        """One event with all its reports: each report's article, outlet and evidence span."""
        event = store.event(event_id)
        ids = [i for i in dict.fromkeys([r.article_id for r in event.reports] or [event.article_id]) if i]
        articles = store.articles(ids=ids) if ids else []
        return {
            **event.as_dict(),
            "report_count": len(event.reports) or 1,
            "articles": [
                {"id": a.id, "title": a.title, "outlet": a.outlet, "published": a.published} for a in articles
            ],
        }

    # -- quotes, actors ------------------------------------------------------------------------------------

    @app.get("/api/quotes", response_model=Page, tags=["quotes"])
    def list_quotes(
        store: Db,
        speaker: str | None = None,
        text: str | None = None,
        article: str | None = None,
        limit: Limit = 50,
        cursor: Cursor = None,
    ) -> dict[str, Any]:
        """Quotes with their speakers; filter by speaker (name or code) and by words in the quote."""
        offset = _offset_cursor(cursor)
        rows = _quotes(store, speaker=speaker, article_ids=[article] if article else None)
        if text:
            needle = text.casefold()
            rows = [q for q in rows if needle in q.text.casefold()]
        rows = rows[offset : offset + limit + 1]
        return _page(rows, limit, offset, lambda q: q.as_dict())

    @app.get("/api/actors/{name_or_code}", tags=["actors"])
    def get_actor(store: Db, name_or_code: str) -> dict[str, Any]:
        """An actor (country code like RUS, or a name): its events as actor and as recipient, quotes, dyads."""
        as_actor = _events(store, actor=name_or_code, canonical_only=True, limit=MAX_LIMIT)
        as_recipient = _events(store, recipient=name_or_code, canonical_only=True, limit=MAX_LIMIT)
        quotes = _quotes(store, speaker=name_or_code, limit=MAX_LIMIT)
        key = name_or_code.casefold()
        partners = [
            _dyad_row(d, days=False)
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

    # -- dyads, alerts, summary ----------------------------------------------------------------------------

    @app.get("/api/dyads", tags=["analysis"])
    def list_dyads(
        store: Db,
        since: str | None = None,
        until: str | None = None,
        top: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 20,
    ) -> dict[str, Any]:
        """The most active dyads (actor → recipient) with their daily series."""
        found = analysis.dyads(store, since=_date(since, "since"), until=_date(until, "until"), top=top)
        return {"items": [_dyad_row(d) for d in found], "next": None}

    @app.get("/api/dyads/{actor}/{recipient}", tags=["analysis"])
    def get_dyad(store: Db, actor: str, recipient: str) -> dict[str, Any]:
        """One dyad's daily conflict/cooperation series and its escalation alerts."""
        for dyad in analysis.dyads(store):
            if dyad.actor == actor and dyad.recipient == recipient:
                alerts = [a.as_dict() for a in analysis.detect_alerts([dyad])]
                return {**_dyad_row(dyad), "alerts": alerts}
        raise ApiError(
            404,
            "not_found",
            f"no events from {actor!r} to {recipient!r}; see /api/dyads for the dyads there are",
        )

    @app.get("/api/alerts", tags=["analysis"])
    def list_alerts(store: Db, since: str | None = None, until: str | None = None) -> dict[str, Any]:
        """Escalation alerts: days when a dyad's conflict rose sharply above its own baseline."""
        found = analysis.alerts(store, since=_date(since, "since"), until=_date(until, "until"))
        return {"items": [a.as_dict() for a in found], "next": None}

    @app.get("/api/summary", tags=["analysis"])
    def summary(store: Db) -> dict[str, Any]:
        """Counts: articles, outlets, languages, dates, duplicates, quarantine, stories, events, quotes."""
        data = store.article_summary()
        data["stories"] = len(store.stories())
        data["events"] = len(_events(store, canonical_only=True))
        data["quotes"] = len(_quotes(store))
        return data

    # -- dashboard -----------------------------------------------------------------------------------------

    app.mount("/static", StaticFiles(directory=WEB_DIR), name="static")

    @app.get("/", include_in_schema=False)
    def index() -> Response:
        return FileResponse(
            WEB_DIR / "index.html",
            headers={
                "Content-Security-Policy": "default-src 'self'; img-src 'self' data:; object-src 'none'; "
                "base-uri 'none'; frame-ancestors 'none'",
                "X-Content-Type-Options": "nosniff",
            },
        )

    return app


def _install_errors(app: FastAPI) -> None:
    @app.exception_handler(ApiError)
    async def _api_error(request: Request, exc: ApiError) -> JSONResponse:
        return error_response(exc.status, exc.code, exc.message)

    @app.exception_handler(NotFoundError)
    async def _not_found(request: Request, exc: NotFoundError) -> JSONResponse:
        return error_response(404, "not_found", exc.message)

    @app.exception_handler(RedlineError)
    async def _redline_error(request: Request, exc: RedlineError) -> JSONResponse:
        LOGGER.error("%s %s: %s", request.method, request.url.path, exc)
        return error_response(500, exc.code, str(exc))

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        problems = []
        for err in exc.errors():
            loc = [str(part) for part in err.get("loc", ())]
            if loc and loc[0] == "body":
                problems.append(
                    "the body must be JSON: one article object or a list of them "
                    "(fields: title, text, published, url, outlet, language)"
                )
            else:
                problems.append(f"{loc[-1] if loc else 'request'}: {err.get('msg', 'invalid')}")
        problems = list(dict.fromkeys(problems))[:5]
        return error_response(422, "invalid_request", "; ".join(problems) or "the request is not valid")

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        message = str(exc.detail)
        if exc.status_code == 404:
            message = f"nothing at {request.url.path}; the API lives under /api (see /docs)"
        elif exc.status_code == 413:
            message = f"the request body is over the limit of {MAX_BYTES} bytes; send fewer or smaller articles"
        elif exc.status_code == 405:
            message = f"{request.method} is not allowed on {request.url.path}"
        code = {404: "not_found", 405: "method_not_allowed", 413: "too_large"}.get(exc.status_code, "http_error")
        return error_response(exc.status_code, code, message, headers=getattr(exc, "headers", None))

    @app.exception_handler(Exception)
    async def _crash(request: Request, exc: Exception) -> JSONResponse:
        LOGGER.exception("%s %s failed", request.method, request.url.path)
        return error_response(500, "internal_error", f"the server failed: {exc.__class__.__name__}; see its log")


def _install_auth(app: FastAPI, token: str) -> None:
    expected = f"Bearer {token}".encode()

    @app.middleware("http")
    async def _require_token(request: Request, call_next: Callable[..., Any]) -> Response:
        if request.url.path in PUBLIC_PATHS or request.url.path.startswith("/static/"):
            return await call_next(request)  # the dashboard's shell holds no data; it asks for the token
        given = request.headers.get("authorization", "").encode("utf-8", "replace")
        if not secrets.compare_digest(given, expected):
            return error_response(
                401,
                "unauthorized",
                "this server needs a token: send the header 'Authorization: Bearer <token>'",
                headers={"WWW-Authenticate": "Bearer"},
            )
        return await call_next(request)
