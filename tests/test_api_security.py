"""The server under hostile requests, over a real uvicorn on loopback: foreign Host headers (DNS rebinding),
cross-origin writes, bodies past the size limit (chunked too, never buffered whole), malformed cursors, LIKE
wildcards, wrongly typed articles, and a pipeline that fails mid-POST. Every refusal has the one error shape
and every response carries the security headers."""

from __future__ import annotations

import json
import select
import socket
import sqlite3
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from conftest import LiveServer
from redline.api import create_app
from redline.api.guard import Policy, host_allowed, same_origin, split_host
from redline.api.paging import make_cursor
from redline.cli.serve import served_hosts
from redline.ingest.sources import MAX_BYTES
from redline.store import Store

pytestmark = pytest.mark.slow

ARTICLE = {
    "title": "Georgia and Armenia sign a transit agreement",
    "text": "Georgia and Armenia signed an agreement on Thursday to expand rail transit between the two countries.",
}


@pytest.fixture
def client(api_server: LiveServer) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=api_server.url, timeout=60) as http:
        yield http


def assert_error(response: httpx.Response, status: int, code: str) -> str:
    assert response.status_code == status, response.text
    body = response.json()
    assert body == {"error": {"status": status, "code": code, "message": body["error"]["message"]}}
    assert body["error"]["message"]
    assert_secured(response)
    return body["error"]["message"]


def assert_secured(response: httpx.Response) -> None:
    csp = response.headers["content-security-policy"]
    assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp and "script-src 'self'" in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["x-frame-options"] == "DENY"
    assert response.headers["referrer-policy"] == "no-referrer"


# -- Host header: DNS rebinding ------------------------------------------------------------------------------


@pytest.mark.parametrize("host", ["attacker.example", "attacker.example:{port}", "127.0.0.1.attacker.example", ""])
def test_a_foreign_host_header_is_refused(client: httpx.Client, api_server: LiveServer, host: str) -> None:
    headers = {"Host": host.format(port=api_server.port)}
    message = assert_error(client.get("/api/summary", headers=headers), 400, "invalid_host")
    assert "127.0.0.1" in message
    assert_error(client.post("/api/articles", json=ARTICLE, headers=headers), 400, "invalid_host")
    assert_error(client.get("/", headers=headers), 400, "invalid_host")


@pytest.mark.parametrize("host", ["127.0.0.1:{port}", "localhost:{port}", "LOCALHOST.:{port}", "[::1]:{port}"])
def test_loopback_names_are_served(client: httpx.Client, api_server: LiveServer, host: str) -> None:
    response = client.get("/api/summary", headers={"Host": host.format(port=api_server.port)})
    assert response.status_code == 200
    assert_secured(response)


def test_host_policy_with_a_known_port_and_served_names() -> None:
    policy = Policy(port=8765)
    assert host_allowed(policy, "127.0.0.1:8765") and host_allowed(policy, "[::1]:8765")
    assert not host_allowed(policy, "127.0.0.1:9999") and not host_allowed(policy, "attacker.example:8765")
    assert host_allowed(policy, "localhost")  # no port: the scheme's default, or a proxy's
    assert split_host("[::1]:80") == ("::1", 80) and split_host("a:b:c") is None and split_host("x:8o") is None
    assert host_allowed(Policy(hosts=None), "anything.example")
    assert served_hosts("127.0.0.1", None, ()) == {"127.0.0.1", "localhost", "::1"}
    assert "10.1.2.3" in (served_hosts("10.1.2.3", "tok", ()) or ())
    assert served_hosts("0.0.0.0", "tok", ()) is None  # a token-guarded wildcard bind answers for any name
    assert served_hosts("0.0.0.0", "tok", ("redline.lan",)) == {"127.0.0.1", "localhost", "::1", "redline.lan"}


# -- Origin on writes ----------------------------------------------------------------------------------------


def test_cross_origin_writes_are_refused(client: httpx.Client, api_server: LiveServer) -> None:
    for headers in ({"Origin": "http://attacker.example"}, {"Origin": "null"}, {"Sec-Fetch-Site": "cross-site"}):
        message = assert_error(client.post("/api/articles", json=ARTICLE, headers=headers), 403, "cross_origin")
        assert "origin" in message
    same = client.post("/api/articles", json={"title": 5}, headers={"Origin": api_server.url})
    assert_error(same, 422, "invalid_body")  # past the guard: the body itself is what is wrong
    assert client.get("/api/summary", headers={"Origin": "http://attacker.example"}).status_code == 200
    assert same_origin("http://127.0.0.1:8765", "127.0.0.1:8765") and not same_origin("http://a:1", "b:1")


# -- body size: counted on bytes read, chunked included ------------------------------------------------------


def _response_head(sock: socket.socket) -> str:
    data = b""
    deadline = time.monotonic() + 30
    while b"\r\n\r\n" not in data and time.monotonic() < deadline:
        chunk = sock.recv(65536)
        if not chunk:
            break
        data += chunk
    return data.decode("latin-1")


def test_a_chunked_body_is_cut_off_at_the_limit_not_buffered(api_server: LiveServer) -> None:
    """1 GB offered in chunks: the server answers 413 after reading about the limit, while the client is still
    sending; it never waits for (or holds) the whole body."""
    offered = 1 << 30
    frame_body = b"x" * 65536
    frame = b"%x\r\n%s\r\n" % (len(frame_body), frame_body)
    with socket.create_connection(("127.0.0.1", api_server.port), timeout=30) as sock:
        sock.sendall(
            b"POST /api/articles HTTP/1.1\r\nHost: 127.0.0.1:%d\r\nContent-Type: application/json\r\n"
            b"Transfer-Encoding: chunked\r\n\r\n" % api_server.port
        )
        sent = 0
        while sent < offered:
            readable, writable, _ = select.select([sock], [sock], [], 30)
            if readable:
                break
            if writable:
                try:
                    sock.sendall(frame)
                except (BrokenPipeError, ConnectionResetError):
                    break
                sent += len(frame_body)
        head = _response_head(sock)
    assert head.startswith("HTTP/1.1 413"), head[:200]
    assert "content-security-policy" in head.lower()
    assert MAX_BYTES <= sent < 64 * (1 << 20), f"sent {sent} bytes before the answer"


def test_a_declared_length_over_the_limit_is_refused_before_reading(api_server: LiveServer) -> None:
    with socket.create_connection(("127.0.0.1", api_server.port), timeout=30) as sock:
        sock.sendall(
            b"POST /api/articles HTTP/1.1\r\nHost: 127.0.0.1:%d\r\nContent-Type: application/json\r\n"
            b"Content-Length: 1000000000\r\n\r\n{" % api_server.port
        )
        head = _response_head(sock)
    assert head.startswith("HTTP/1.1 413"), head[:200]


def test_413_is_in_the_error_shape(client: httpx.Client) -> None:
    body = json.dumps({"title": "big", "text": "word " * (MAX_BYTES // 5 + 10)}).encode()
    message = assert_error(
        client.post("/api/articles", content=body, headers={"content-type": "application/json"}), 413, "too_large"
    )
    assert str(MAX_BYTES) in message


# -- security headers on every response ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "path", ["/", "/docs", "/static/app.js", "/docs-assets/swagger-ui.css", "/openapi.json", "/api/summary", "/x"]
)
def test_every_response_carries_the_security_headers(client: httpx.Client, path: str) -> None:
    response = client.get(path)
    assert response.status_code in (200, 404)
    assert_secured(response)


# -- cursors -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "cursor"),
    [
        ("/api/events", "not-a-cursor"),
        ("/api/events", make_cursor("after", "no-such-event")),
        ("/api/events", make_cursor("offset", 10)),
        ("/api/articles", make_cursor("after", "x")),
        ("/api/articles", make_cursor("offset", 10**30)),
        ("/api/articles", make_cursor("offset", -3)),
        ("/api/stories", "%%%"),
        ("/api/quotes", "====" * 3),
        ("/api/quotes", make_cursor("offset", "1e3")),
    ],
)
def test_a_bad_cursor_is_422(client: httpx.Client, path: str, cursor: str) -> None:
    message = assert_error(client.get(path, params={"cursor": cursor}), 422, "invalid_cursor")
    assert message.startswith("cursor:")


def test_every_list_pages_to_the_end_with_its_own_cursors(client: httpx.Client) -> None:
    for path in ("/api/articles", "/api/stories", "/api/events", "/api/quotes"):
        seen: list[str] = []
        cursor = None
        while True:
            page = client.get(path, params={"limit": 1, "cursor": cursor}).json()
            seen += [item["id"] for item in page["items"]]
            cursor = page["next"]
            if cursor is None:
                break
        assert len(seen) == len(set(seen)) == len(client.get(path, params={"limit": 500}).json()["items"])


# -- LIKE wildcards are literal ------------------------------------------------------------------------------


def test_like_wildcards_match_themselves(client: httpx.Client) -> None:
    assert len(client.get("/api/articles").json()["items"]) == 4
    for wildcard in ("%", "_", "%%", "\\"):
        assert client.get("/api/articles", params={"q": wildcard}).json()["items"] == []
        assert client.get("/api/events", params={"actor": wildcard}).json()["items"] == []
        assert client.get("/api/events", params={"text": wildcard}).json()["items"] == []
        assert client.get("/api/quotes", params={"speaker": wildcard}).json()["items"] == []


# -- posted articles with the wrong types --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "words"),
    [
        ({"title": "x", "text": [1]}, ["text", "string"]),
        ({"title": 5, "text": "A text."}, ["title", "number"]),
        ({"title": "x", "body": ["one", 2]}, ["body", "text"]),
        ({"title": "x", "text": "A text.", "published": ["2021-12-20"]}, ["published"]),
        ({"title": "x", "content": "A text.", "Date": {"day": 1}}, ["Date", "published"]),
        ([ARTICLE, {"title": True, "text": "y"}], ["article 2", "title"]),
        (5, ["one article object"]),
        (["a"], ["one article object"]),
    ],
)
def test_wrongly_typed_articles_are_422_naming_the_field(client: httpx.Client, body: object, words: list) -> None:
    message = assert_error(client.post("/api/articles", json=body), 422, "invalid_body")
    for word in words:
        assert word in message


@pytest.mark.parametrize(
    "raw",
    [
        b"[" * 100_000 + b"]" * 100_000,
        b'{"title": "x", "text": "y", "extra": ' + b'{"a": ' * 50 + b"1" + b"}" * 50 + b"}",
        b'{"title": NaN}',
        b"{not json",
    ],
)
def test_unparseable_or_too_deep_json_is_422(client: httpx.Client, raw: bytes) -> None:
    response = client.post("/api/articles", content=raw, headers={"content-type": "application/json"})
    message = assert_error(response, 422, "invalid_body")
    assert "JSON" in message


def test_a_body_that_is_not_declared_json_is_415(client: httpx.Client) -> None:
    response = client.post("/api/articles", content=json.dumps(ARTICLE), headers={"content-type": "text/plain"})
    assert "application/json" in assert_error(response, 415, "unsupported_media_type")


# -- a failure inside the pipeline during a POST -------------------------------------------------------------


def test_a_pipeline_failure_during_post_is_a_json_500(tmp_path: Path) -> None:
    path = tmp_path / "broken.db"
    Store(path).close()
    with LiveServer(create_app(path)) as live, httpx.Client(base_url=live.url, timeout=60) as http:
        with sqlite3.connect(path) as conn:
            conn.execute("DROP TABLE articles")  # the database breaks under the running server
        response = http.post("/api/articles", json=ARTICLE)
        message = assert_error(response, 500, "internal_error")
        assert "OperationalError" in message and "Traceback" not in response.text
        assert_error(http.get("/api/articles"), 500, "internal_error")


def _wait_until_serving(server: Any, url: str) -> httpx.Response | None:
    """The first answer of a starting `redline serve`, or None when it exited because its port was taken."""
    deadline = time.monotonic() + 60
    while True:
        try:
            return httpx.get(f"{url}/api/summary", timeout=5)
        except httpx.TransportError:
            if server.poll() is not None:
                output = server.stdout.read()
                assert "address already in use" in output.lower(), output[-2000:]
                return None
            assert time.monotonic() < deadline, "redline serve did not start within 60 s"
            time.sleep(0.2)


def test_redline_serve_checks_the_host_end_to_end(api_db: Path) -> None:
    """`redline serve` as a user starts it: a real process on a free loopback port, with its port in the policy."""
    import subprocess
    import sys

    from conftest import free_port

    for _ in range(3):  # a free port can be taken by another test process before the server binds it
        port = free_port()
        command = [sys.executable, "-m", "redline", "serve", "--db", str(api_db), "--port", str(port)]
        server = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        ready = _wait_until_serving(server, f"http://127.0.0.1:{port}")
        if ready is not None:
            break
    assert ready is not None, "redline serve did not start three times"
    try:
        url = f"http://127.0.0.1:{port}"
        assert ready.status_code == 200
        assert_secured(ready)
        assert_error(httpx.get(f"{url}/api/summary", headers={"Host": "attacker.example"}), 400, "invalid_host")
        wrong_port = httpx.get(f"{url}/api/summary", headers={"Host": f"127.0.0.1:{port + 1}"})
        assert_error(wrong_port, 400, "invalid_host")
    finally:
        server.terminate()
        server.wait(timeout=30)
