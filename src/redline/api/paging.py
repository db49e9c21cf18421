"""What every route shares: a read snapshot per request, the page size, and opaque cursors.

A cursor is what the previous page's ``next`` said: URL-safe base64 of ``kind:value`` (``offset:50`` for
lists paged by position, ``after:<event id>`` for events paged by key). Anything else answers 422
``invalid_cursor``, as does an event cursor naming no stored event.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Callable, Iterator
from typing import Annotated, Any

from fastapi import Depends, Query, Request

from redline.queries import MAX_ROWS, QueryError
from redline.store import Store

MAX_LIMIT = 500
BAD_CURSOR = "is not one this API gave out: pass the 'next' value of the previous page"


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


def make_cursor(kind: str, value: str | int) -> str:
    return base64.urlsafe_b64encode(f"{kind}:{value}".encode()).decode("ascii").rstrip("=")


def read_cursor(cursor: str | None, kind: str) -> str | None:
    """The value inside a cursor of this kind (None for the first page).

    :raises QueryError: the cursor is malformed or of another kind
    """
    if not cursor:
        return None
    try:
        raw = base64.b64decode(cursor + "=" * (-len(cursor) % 4), altchars=b"-_", validate=True)
        found, _, value = raw.decode("utf-8").partition(":")
    except (ValueError, UnicodeError, binascii.Error):
        raise QueryError("cursor", BAD_CURSOR) from None
    if found != kind or not value:
        raise QueryError("cursor", BAD_CURSOR)
    return value


def offset_of(cursor: str | None) -> int:
    value = read_cursor(cursor, "offset")
    if value is None:
        return 0
    if not (value.isascii() and value.isdigit()) or int(value) > MAX_ROWS:
        raise QueryError("cursor", BAD_CURSOR)
    return int(value)


def page(rows: list[Any], limit: int, offset: int, shape: Callable[[Any], dict[str, Any]]) -> dict[str, Any]:
    """One page of ``rows`` (fetched with one row more than ``limit``, to know whether more follow)."""
    more = len(rows) > limit
    return {
        "items": [shape(row) for row in rows[:limit]],
        "next": make_cursor("offset", offset + limit) if more else None,
    }
