"""The dashboard and the API docs: static pages that call the JSON API, served with no network at all.

The docs page is Redline's own (``web/docs.html`` and ``web/docs.js``); the Swagger UI it loads comes from the
pinned ``fastapi-offline`` package, which ships the files, so ``/docs`` works offline and under the strict
content security policy every response carries (no CDN, no inline script).
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from fastapi import FastAPI
from fastapi.responses import FileResponse, Response
from fastapi.staticfiles import StaticFiles

from redline.api.errors import error_response

WEB_DIR = Path(str(resources.files("redline") / "web"))


def swagger_dir() -> Path | None:
    """Where the installed ``fastapi-offline`` keeps Swagger UI, or None when it is not installed."""
    try:
        folder = Path(str(resources.files("fastapi_offline") / "static"))
    except ModuleNotFoundError:
        return None
    return folder if (folder / "swagger-ui-bundle.js").is_file() else None


def mount_web(app: FastAPI) -> None:
    """The dashboard at /, its files under /static, the docs page at /docs and Swagger UI under /docs-assets."""
    app.mount("/static", StaticFiles(directory=WEB_DIR), name="static")
    assets = swagger_dir()
    if assets is not None:
        app.mount("/docs-assets", StaticFiles(directory=assets), name="docs-assets")

    @app.get("/", include_in_schema=False)
    def index() -> Response:
        return FileResponse(WEB_DIR / "index.html")

    @app.get("/docs", include_in_schema=False)
    def docs() -> Response:
        if assets is None:
            return error_response(
                503, "docs_unavailable", "the API docs need the fastapi-offline package (pip install fastapi-offline)"
            )
        return FileResponse(WEB_DIR / "docs.html")
