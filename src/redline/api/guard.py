"""The server's guard: an ASGI layer that checks every HTTP request before the app sees it and puts security
headers on every answer, error pages and the API docs included.

In order, a request is refused when:

1. its ``Host`` header names a host the server does not answer for (400 ``invalid_host``). A web page the user
   visits can point its own domain at 127.0.0.1 (DNS rebinding) and then read a tokenless loopback server as
   "same origin"; the Host header still carries the attacker's name, so only names we know are served;
2. a token is set and the request lacks ``Authorization: Bearer <token>`` (401; the dashboard and docs shells
   hold no data and stay public: they ask for the token);
3. it writes (POST, PUT, PATCH, DELETE) from another origin (403 ``cross_origin``): browsers send ``Origin`` with
   every cross-site write, so a page elsewhere cannot post articles into a local database;
4. its body is over the size limit (413), counted on the bytes actually read, chunked bodies too: the body is
   read up to the limit and no further, never buffered whole.

An exception that escapes the app becomes a 500 in the one error shape (the traceback goes to the log).
"""

from __future__ import annotations

import logging
import secrets
from collections.abc import Awaitable, Callable, MutableMapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from redline.api.errors import ApiError, error_body
from redline.ingest.sources import MAX_BYTES

LOGGER = logging.getLogger(__name__)

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
App = Callable[[Scope, Receive, Send], Awaitable[None]]

LOOPBACK_NAMES = frozenset({"127.0.0.1", "localhost", "::1"})
WRITE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
PUBLIC_PATHS = frozenset({"/", "/favicon.ico", "/docs"})
PUBLIC_PREFIXES = ("/static/", "/docs-assets/")

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
SECURITY_HEADERS: tuple[tuple[bytes, bytes], ...] = (
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
)


@dataclass(frozen=True, slots=True)
class Policy:
    """What the guard lets through.

    :param token: the bearer token every non-public request needs (None: no token)
    :param hosts: host names served (lower case, IPv6 without brackets); None serves any name, for a
        token-guarded server bound to a wildcard address (the token is then what stops other sites)
    :param port: the port a Host header that names one must name (None: any, when the app does not know its port)
    :param max_body: the largest request body in bytes
    """

    token: str | None = None
    hosts: frozenset[str] | None = LOOPBACK_NAMES
    port: int | None = None
    max_body: int = MAX_BYTES


def split_host(value: str) -> tuple[str, int | None] | None:
    """``(name, port)`` of a Host header (``example.org:80``, ``[::1]:8765``, ``localhost``); None if malformed."""
    value = value.strip()
    if value.startswith("["):
        name, bracket, rest = value[1:].partition("]")
        if not bracket or (rest and not rest.startswith(":")):
            return None
        port_text = rest[1:] if rest else ""
    else:
        name, _, port_text = value.partition(":")
        if ":" in port_text:
            return None
    if not name or (port_text and not (port_text.isascii() and port_text.isdigit())):
        return None
    return name.lower().rstrip("."), int(port_text) if port_text else None


def host_allowed(policy: Policy, header: str | None) -> bool:
    if policy.hosts is None:
        return True
    parts = split_host(header or "")
    if parts is None:
        return False
    name, port = parts
    # a Host without a port is the scheme's default (or a proxy's); with one, it must be ours
    return name in policy.hosts and (policy.port is None or port is None or port == policy.port)


def same_origin(origin: str, host_header: str) -> bool:
    """Whether a browser's ``Origin`` (``http://127.0.0.1:8765``) is the server itself (as the Host header says)."""
    try:
        parts = urlsplit(origin)
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and bool(parts.netloc) and parts.netloc.lower() == host_header.lower()


def refusal(policy: Policy, scope: Scope) -> ApiError | None:
    """Why the guard refuses this request (checks 1–3 of the module docstring), or None."""
    headers = _headers(scope)
    host = headers.get("host", "")
    if not host_allowed(policy, host):
        served = ", ".join(sorted(policy.hosts or ())) or "none"
        return ApiError(400, "invalid_host", f"this server does not answer for host {host[:100]!r}; it serves {served}")
    path = scope.get("path", "")
    public = path in PUBLIC_PATHS or path.startswith(PUBLIC_PREFIXES)
    if policy.token and not public:
        given = headers.get("authorization", "").encode("utf-8", "replace")
        if not secrets.compare_digest(given, f"Bearer {policy.token}".encode()):
            return ApiError(
                401, "unauthorized", "this server needs a token: send the header 'Authorization: Bearer <token>'"
            )
    if scope.get("method") in WRITE_METHODS:
        origin = headers.get("origin")
        cross_site = headers.get("sec-fetch-site") == "cross-site"
        if cross_site or (origin is not None and not same_origin(origin, host)):
            return ApiError(
                403, "cross_origin", f"writes from another origin ({(origin or 'unknown')[:100]}) are refused"
            )
    return None


class Guard:
    """The ASGI middleware applying :func:`refusal`, the body limit and the security headers."""

    def __init__(self, app: App, policy: Policy) -> None:
        self.app = app
        self.policy = policy

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started: list[bool] = []
        send = _secured(send, started)
        problem = refusal(self.policy, scope)
        if problem is None and scope.get("method") in WRITE_METHODS:
            body = await _read_body(scope, receive, self.policy.max_body)
            if body is None:
                return  # the client went away
            if isinstance(body, ApiError):
                problem = body
            else:
                receive = _replay(body, receive)
        if problem is not None:
            await send_error(send, problem)
            return
        try:
            await self.app(scope, receive, send)
        except Exception as exc:
            LOGGER.exception("%s %s failed", scope.get("method"), scope.get("path"))
            if not started:
                message = f"the server failed: {exc.__class__.__name__}; see its log"
                await send_error(send, ApiError(500, "internal_error", message))


async def send_error(send: Send, error: ApiError) -> None:
    """Answer with the one error shape, straight from ASGI (for refusals before the app runs)."""
    import json

    body = json.dumps(error_body(error.status, error.code, error.message)).encode()
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    if error.status == 401:
        headers.append((b"www-authenticate", b"Bearer"))
    await send({"type": "http.response.start", "status": error.status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


def _headers(scope: Scope) -> dict[str, str]:
    return {name.decode("latin-1").lower(): value.decode("latin-1") for name, value in scope.get("headers", ())}


def _secured(send: Send, started: list[bool]) -> Send:
    """``send`` with the security headers added to the response start (a route's own CSP is kept)."""

    async def secured(message: Message) -> None:
        if message["type"] == "http.response.start":
            started.append(True)
            headers = list(message.get("headers", ()))
            present = {name.lower() for name, _ in headers}
            headers += [(name, value) for name, value in SECURITY_HEADERS if name not in present]
            message = {**message, "headers": headers}
        await send(message)

    return secured


async def _read_body(scope: Scope, receive: Receive, limit: int) -> bytes | ApiError | None:
    """The request body, read until ``limit`` bytes and no further; an ApiError (413) past it."""
    too_large = ApiError(
        413, "too_large", f"the request body is over the limit of {limit} bytes; send fewer or smaller articles"
    )
    declared = _headers(scope).get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        return too_large
    chunks: list[bytes] = []
    size = 0
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            return None
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > limit:
            return too_large
        chunks.append(chunk)
        if not message.get("more_body", False):
            return b"".join(chunks)


def _replay(body: bytes, receive: Receive) -> Receive:
    """A ``receive`` that gives the app the body already read, then waits on the real one (disconnects)."""
    pending = [{"type": "http.request", "body": body, "more_body": False}]

    async def replay() -> Message:
        return pending.pop() if pending else await receive()

    return replay
