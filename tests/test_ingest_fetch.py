"""Fetching URLs cannot be turned against the user's own network (SSRF), and stays bounded in size and time.

The guard is tested with a stub resolver (names point wherever the test says) and a stub connector that
records every address a connection is opened to and sends it to a real HTTP server on loopback: no request
ever leaves the machine, and a refused address is never connected to at all. With ``allow_private_hosts`` the
loopback server is reached directly.
"""

from __future__ import annotations

import contextlib
import http.server
import ipaddress
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import httpcore
import pytest
from click.testing import CliRunner

from redline.cli import cli
from redline.ingest import ingest_paths, private_hosts_allowed
from redline.ingest.fetch import Fetcher, FetchPolicy, internal_kind
from redline.store import Store

RESOURCES = Path(__file__).resolve().parent / "resources" / "ingest"
PUBLIC = "93.184.216.34"  # a public address the stub connector pretends to reach
PAGE = (RESOURCES / "page.html").read_bytes()


class Site(http.server.BaseHTTPRequestHandler):
    """Pages for the tests: an article, redirects, a feed, a huge body, an announced huge body, a slow drip."""

    feed_link = "http://169.254.169.254/latest/meta-data/"

    def do_GET(self) -> None:
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):  # the client gave up, as the caps make it
            self._route()

    def _route(self) -> None:
        url = urlsplit(self.path)
        query = parse_qs(url.query)
        if url.path == "/page":
            self._send(200, PAGE, "text/html")
        elif url.path == "/redirect":
            self.send_response(302)
            self.send_header("Location", query["to"][0])
            self.send_header("Content-Length", "0")
            self.end_headers()
        elif url.path == "/loop":
            self.send_response(301)
            self.send_header("Location", "/loop")
            self.send_header("Content-Length", "0")
            self.end_headers()
        elif url.path == "/feed.xml":
            body = (
                '<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>'
                f"<item><title>Teaser</title><link>{self.feed_link}</link>"
                "<description>Short teaser of an article about the talks in Geneva, with too few words.</description>"
                "</item></channel></rss>"
            ).encode()
            self._send(200, body, "application/rss+xml")
        elif url.path == "/huge":
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.end_headers()  # no length: the body streams until the connection closes
            for _ in range(64):
                self.wfile.write(b"word " * 20_000)
        elif url.path == "/announced":
            self.send_response(200)
            self.send_header("Content-Length", str(10**9))
            self.end_headers()
        elif url.path == "/slow":
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.end_headers()
            for _ in range(40):
                self.wfile.write(b"word ")
                self.wfile.flush()
                time.sleep(0.25)
        else:
            self._send(404, b"not here", "text/plain")

    def _send(self, status: int, body: bytes, ctype: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def site() -> Iterator[int]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Site)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.server_address[1]
    server.shutdown()


class StubNetwork(httpcore.NetworkBackend):
    """The stub connector: records each address a socket is opened to, and opens it to the loopback site."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.connected: list[str] = []
        self.real = httpcore.SyncBackend()

    def connect_tcp(self, host, port, timeout=None, local_address=None, socket_options=None):  # type: ignore[no-untyped-def]
        self.connected.append(host)
        return self.real.connect_tcp("127.0.0.1", self.port, timeout, local_address, socket_options)

    def sleep(self, seconds: float) -> None:
        time.sleep(seconds)


NAMES = {
    "news.example": [PUBLIC],
    "metadata.example": ["169.254.169.254"],
    "intranet.example": ["10.1.2.3"],
    "mixed.example": [PUBLIC, "192.168.0.10"],
    "v6.example": ["::ffff:127.0.0.1"],
}


def stub_resolver(host: str, port: int) -> list[str]:
    """Names from NAMES; an address literal resolves to itself; anything else does not exist."""
    try:
        return [str(ipaddress.ip_address(host))]
    except ValueError:
        pass
    if host not in NAMES:
        raise socket.gaierror(f"unknown name {host}")
    return NAMES[host]


@pytest.fixture
def network(site: int) -> StubNetwork:
    return StubNetwork(site)


def fetcher(network: StubNetwork, **policy: object) -> Fetcher:
    return Fetcher(FetchPolicy(**policy), resolver=stub_resolver, inner=network)  # type: ignore[arg-type]


def test_a_public_host_is_fetched(network: StubNetwork) -> None:
    with fetcher(network) as client:
        page = client.fetch("http://news.example/page")
    assert page.error is None and page.data == PAGE
    assert network.connected == [PUBLIC]


@pytest.mark.parametrize(
    ("url", "kind"),
    [
        ("http://metadata.example/latest/meta-data/", "link-local"),
        ("http://169.254.169.254/latest/meta-data/", "link-local"),
        ("http://intranet.example/", "private"),
        ("http://mixed.example/", "private"),
        ("http://v6.example/", "loopback"),
        ("http://127.0.0.1:8080/", "loopback"),
        ("http://[::1]/", "loopback"),
        ("http://0.0.0.0/", "unspecified"),
        ("http://224.0.0.1/", "multicast"),
        ("http://[::ffff:10.0.0.1]/", "private"),
        ("http://100.64.0.1/", "non-public"),
        ("http://240.0.0.1/", "reserved"),
    ],
)
def test_internal_targets_are_refused_before_any_connection(network: StubNetwork, url: str, kind: str) -> None:
    with fetcher(network) as client:
        page = client.fetch(url)
    assert page.error is not None and page.error.reason == "blocked_address"
    assert f"a {kind} address" in page.error.message and "--allow-private-hosts" in page.error.message
    assert network.connected == []


def test_every_redirect_is_checked(network: StubNetwork) -> None:
    with fetcher(network) as client:
        to_metadata = client.fetch("http://news.example/redirect?to=http://169.254.169.254/latest/")
        to_intranet = client.fetch("http://news.example/redirect?to=http://intranet.example/admin")
        followed = client.fetch("http://news.example/redirect?to=/page")
    assert to_metadata.error.reason == to_intranet.error.reason == "blocked_address"
    assert followed.error is None and followed.url == "http://news.example/page"
    assert set(network.connected) == {PUBLIC}


def test_redirects_sizes_and_time_are_capped(network: StubNetwork) -> None:
    with fetcher(network, max_bytes=1_000_000, timeout=2.0) as client:
        loop = client.fetch("http://news.example/loop")
        huge = client.fetch("http://news.example/huge")
        announced = client.fetch("http://news.example/announced")
        to_file = client.fetch("http://news.example/redirect?to=file:///etc/passwd")
        started = time.monotonic()
        slow = client.fetch("http://news.example/slow")
        took = time.monotonic() - started
    assert (loop.error.reason, loop.error.message) == (
        "too_many_redirects",
        "http://news.example/loop redirected more than 5 times",
    )
    assert huge.error.reason == "too_large" and "1000000-byte cap" in huge.error.message
    assert announced.error.reason == "too_large" and "announces 1000000000 bytes" in announced.error.message
    assert to_file.error.reason == "unsupported_url"
    assert slow.error.reason == "timeout"
    assert took < 8  # the drip would take 10 s; the 2 s budget (plus one read) stops it


def test_a_remote_feed_cannot_send_ingest_to_an_internal_page(network: StubNetwork, store: Store) -> None:
    """The teaser's link points at the metadata service: it is never fetched; the teaser is used (or not)."""
    result = ingest_paths(["http://news.example/feed.xml"], store, fetcher=fetcher(network))
    assert set(network.connected) == {PUBLIC}
    assert result.added == [] and [f.reason for f in store.quarantined()] == ["empty"]


def test_private_hosts_are_reached_only_when_allowed(site: int, store: Store, tmp_path: Path) -> None:
    url = f"http://127.0.0.1:{site}/page"
    refused = ingest_paths([url], store)
    assert not refused.ok and store.quarantined()[0].reason == "blocked_address"
    with private_hosts_allowed():
        allowed = ingest_paths([url], store)
    assert len(allowed.added) == 1
    runner = CliRunner()
    db = str(tmp_path / "cli.db")
    denied = runner.invoke(cli, ["ingest", url, "--db", db, "--silent"])
    assert denied.exit_code != 0 and "nothing could be ingested" in denied.output
    granted = runner.invoke(cli, ["ingest", url, "--db", db, "--silent", "--allow-private-hosts"])
    assert granted.exit_code == 0 and "added 1," in granted.output


@pytest.mark.parametrize(
    ("address", "kind"),
    [("8.8.8.8", None), ("2a00:1450:4001::200e", None), ("fe80::1%eth0", "link-local"), ("2002:7f00:1::", "loopback")],
)
def test_address_kinds(address: str, kind: str | None) -> None:
    assert internal_kind(address) == kind
