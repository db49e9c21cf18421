"""The API's one error shape and the handlers that turn every failure into it.

Every error a client can get, from a bad parameter to a crash in the pipeline, is::

    {"error": {"status": 422, "code": "invalid_parameter", "message": "..."}}

with a message a person can act on; tracebacks go to the server's log, never to the client.
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from redline.errors import NotFoundError, RedlineError
from redline.queries import QueryError

LOGGER = logging.getLogger(__name__)

_HTTP_CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    413: "too_large",
    415: "unsupported_media_type",
}


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


def query_error(exc: QueryError) -> ApiError:
    """A query parameter the query objects refused: 422, with the parameter's name first."""
    code = "invalid_cursor" if exc.param == "cursor" else "invalid_parameter"
    return ApiError(422, code, f"{exc.param}: {exc.message}")


def validation_message(exc: RequestValidationError) -> str:
    """FastAPI's list of validation problems as one sentence naming each parameter."""
    problems = []
    for err in exc.errors():
        loc = [str(part) for part in err.get("loc", ()) if part not in ("query", "path", "header")]
        problems.append(f"{loc[-1] if loc else 'request'}: {err.get('msg', 'invalid')}")
    return "; ".join(list(dict.fromkeys(problems))[:5]) or "the request is not valid"


def install_errors(app: FastAPI) -> None:
    """Register the handlers: each answers in the one shape."""

    @app.exception_handler(ApiError)
    async def _api_error(request: Request, exc: ApiError) -> JSONResponse:
        return error_response(exc.status, exc.code, exc.message)

    @app.exception_handler(QueryError)
    async def _query_error(request: Request, exc: QueryError) -> JSONResponse:
        error = query_error(exc)
        return error_response(error.status, error.code, error.message)

    @app.exception_handler(NotFoundError)
    async def _not_found(request: Request, exc: NotFoundError) -> JSONResponse:
        return error_response(404, "not_found", exc.message)

    @app.exception_handler(RedlineError)
    async def _redline_error(request: Request, exc: RedlineError) -> JSONResponse:
        LOGGER.error("%s %s: %s", request.method, request.url.path, exc)
        return error_response(500, exc.code, str(exc))

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        return error_response(422, "invalid_parameter", validation_message(exc))

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        message = str(exc.detail)
        if exc.status_code == 404:
            message = f"nothing at {request.url.path}; the API lives under /api (see /docs)"
        elif exc.status_code == 405:
            message = f"{request.method} is not allowed on {request.url.path}"
        code = _HTTP_CODES.get(exc.status_code, "http_error")
        return error_response(exc.status_code, code, message, headers=getattr(exc, "headers", None))
