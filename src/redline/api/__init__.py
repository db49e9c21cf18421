"""The JSON API and the dashboard: a thin FastAPI face over the store, the pipeline and the analysis functions.

``create_app(db_path, token=None)`` builds the app. Reads open their own SQLite connection per request and hold
one read transaction (WAL snapshot), so a reader never sees a half-written ingest. Writes (``POST /api/articles``)
run on one writer thread with its own connection. Every error has one JSON shape::

    {"error": {"status": 404, "code": "not_found", "message": "..."}}

Modules: ``app`` (create_app), ``guard`` (host, token, origin, body size, security headers), ``errors``,
``paging`` (snapshots and cursors), ``models`` (posted articles), ``writer``, ``routes/`` (one router each).
"""

from __future__ import annotations

from redline.api.app import create_app
from redline.api.errors import ApiError, error_body

__all__ = ["ApiError", "create_app", "error_body"]
