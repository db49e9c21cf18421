"""``create_app``: the FastAPI app over one database, its routers, error handlers and the guard around it."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI

from redline.api.errors import install_errors
from redline.api.guard import LOOPBACK_NAMES, Guard, Policy
from redline.api.routes import analysis, articles, events, quotes, stories
from redline.api.routes.web import mount_web
from redline.api.writer import Writer
from redline.errors import StoreError
from redline.ingest.sources import MAX_BYTES
from redline.store import Store

DESCRIPTION = (
    "News reports in, sourced PLOVER political event data out. All errors share one shape: "
    '`{"error": {"status": 404, "code": "not_found", "message": "..."}}`.'
)


def create_app(
    db_path: str | Path,
    token: str | None = None,
    *,
    hosts: frozenset[str] | None = LOOPBACK_NAMES,
    port: int | None = None,
    max_body: int = MAX_BYTES,
) -> FastAPI:
    """The Redline API and dashboard over the existing database ``db_path``.

    :param token: when set, every request but the dashboard and docs shells needs ``Authorization: Bearer``
    :param hosts: host names the server answers for (default: loopback only); None for any
    :param port: the port requests must name in their Host header (None: any)
    :param max_body: the largest request body, in bytes
    :raises StoreError: there is no database at ``db_path``, or it is not one
    """
    db = str(db_path)
    if not Path(db).is_file():
        raise StoreError(f"no database at {db}: create one with `redline run PATH… --db {db}`")
    Store(db).close()  # migrate once, before serving
    writer = Writer(db)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        writer.close()

    app = FastAPI(
        lifespan=lifespan, title="Redline", version="0.1.0", description=DESCRIPTION, docs_url=None, redoc_url=None
    )
    app.state.db_path = db
    app.state.writer = writer
    install_errors(app)
    for module in (articles, stories, events, quotes, analysis):
        app.include_router(module.router)
    mount_web(app)
    app.add_middleware(Guard, policy=Policy(token=token or None, hosts=hosts, port=port, max_body=max_body))
    return app
