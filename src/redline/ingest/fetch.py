"""Fetching article and feed URLs without letting a URL turn Redline against the user's own network.

A URL typed by a user, found in a feed or given by a redirect may name a host inside the user's network: a
router's page, a cloud metadata service (169.254.169.254), a database on loopback. Unless private hosts are
allowed (``--allow-private-hosts``), every connection is checked where it is made: the host is resolved once,
every address it resolves to must be public (not loopback, link-local, private, multicast, reserved or
unspecified, also when wrapped in an IPv6 address), and the socket is opened to that checked address, so a DNS
answer that changes between the check and the use cannot slip through. Redirects are followed by hand, each hop
through the same check, at most ``MAX_REDIRECTS``; the body is capped in bytes while it streams (after
decompression), and the whole fetch in seconds. Proxy settings from the environment are ignored: a proxy would
resolve names where they cannot be checked.
"""

from __future__ import annotations

import ipaddress
import logging
import socket
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from urllib.parse import urlsplit

import httpcore
import httpx

from redline.errors import BlockedAddressError, IngestError
from redline.ingest.raw import MAX_BYTES, RawInput, failed_input

LOGGER = logging.getLogger(__name__)

MAX_REDIRECTS = 5
FETCH_TIMEOUT = 20.0  # seconds for one fetch, redirects included
READ_TIMEOUT = 10.0  # seconds a single network read may wait
USER_AGENT = "Redline/0.1 (+offline political event coder)"
SCHEMES = ("http", "https")

Resolver = Callable[[str, int], list[str]]

# Address properties that make a target internal, in the order they are reported.
INTERNAL = (
    ("unspecified", "is_unspecified"),
    ("loopback", "is_loopback"),
    ("link-local", "is_link_local"),
    ("multicast", "is_multicast"),
    ("reserved", "is_reserved"),
    ("private", "is_private"),
)


def system_resolver(host: str, port: int) -> list[str]:
    """Every address the system resolver gives for ``host`` (IPv4 and IPv6), in its order."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


def internal_kind(address: str) -> str | None:
    """Why ``address`` is not a public internet address ('loopback', 'private', ...), or None when it is."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address):
        wrapped = ip.ipv4_mapped or ip.sixtofour or (ip.teredo[1] if ip.teredo else None)
        if wrapped is not None:
            return internal_kind(str(wrapped))
    for kind, attribute in INTERNAL:
        if getattr(ip, attribute):
            return kind
    return None if ip.is_global else "non-public"


def checked_addresses(host: str, port: int, resolver: Resolver) -> list[str]:
    """The addresses of ``host``; raises BlockedAddressError when any of them is internal."""
    try:
        addresses = resolver(host, port)
    except (OSError, UnicodeError) as exc:
        raise httpcore.ConnectError(f"cannot resolve {host}: {exc}") from exc
    if not addresses:
        raise httpcore.ConnectError(f"{host} resolves to no address")
    for address in addresses:
        kind = internal_kind(address)
        if kind is not None:
            shown = host if host == address else f"{host} ({address})"
            raise BlockedAddressError(
                f"refused to connect to {shown}: a {kind} address; use --allow-private-hosts to fetch from it",
                input_id=host,
            )
    return addresses


class GuardedBackend(httpcore.NetworkBackend):
    """Opens TCP connections only to checked public addresses (or anywhere, when private hosts are allowed)."""

    def __init__(
        self, *, allow_private_hosts: bool, resolver: Resolver, inner: httpcore.NetworkBackend | None = None
    ) -> None:
        self.allow_private_hosts = allow_private_hosts
        self.resolver = resolver
        self.inner = inner or httpcore.SyncBackend()

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.NetworkStream:
        if self.allow_private_hosts:
            return self.inner.connect_tcp(host, port, timeout, local_address, socket_options)
        failure: Exception | None = None
        for address in checked_addresses(host, port, self.resolver):
            try:
                return self.inner.connect_tcp(address, port, timeout, local_address, socket_options)
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                failure = exc
        raise failure or httpcore.ConnectError(f"cannot connect to {host}")

    def connect_unix_socket(
        self, path: str, timeout: float | None = None, socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None
    ) -> httpcore.NetworkStream:
        raise BlockedAddressError("Unix sockets are never fetched", input_id=path)

    def sleep(self, seconds: float) -> None:
        self.inner.sleep(seconds)


class GuardedTransport(httpx.HTTPTransport):
    """httpx's transport with its connection pool opened through a :class:`GuardedBackend`.

    httpx takes no network backend, so the pool it builds (its private ``_pool``) is replaced; httpx is pinned,
    and the SSRF tests fail if a new version stops sending connections through the guard.
    """

    def __init__(self, backend: GuardedBackend) -> None:
        super().__init__(trust_env=False)
        self._pool = httpcore.ConnectionPool(
            ssl_context=httpx.create_ssl_context(trust_env=False), network_backend=backend, max_connections=10
        )


@dataclass(frozen=True)
class FetchPolicy:
    """What a fetch may do: reach private hosts or not, how many redirects, bytes and seconds."""

    allow_private_hosts: bool = False
    max_bytes: int = MAX_BYTES
    max_redirects: int = MAX_REDIRECTS
    timeout: float = FETCH_TIMEOUT


class Fetcher:
    """One HTTP client for a run of fetches; ``fetch`` never raises, failures come back as quarantine reasons.

    ``resolver`` and ``inner`` (the backend that opens sockets) are there for tests: a stub resolver can make a
    name point anywhere, and a stub backend can stand in for the network, so no test reaches a real address.
    """

    def __init__(
        self,
        policy: FetchPolicy | None = None,
        *,
        resolver: Resolver = system_resolver,
        inner: httpcore.NetworkBackend | None = None,
    ) -> None:
        self.policy = policy or FetchPolicy()
        self._backend = GuardedBackend(
            allow_private_hosts=self.policy.allow_private_hosts, resolver=resolver, inner=inner
        )
        self._client: httpx.Client | None = None

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None

    @property
    def client(self) -> httpx.Client:
        if self._client is None:
            self._client = httpx.Client(
                transport=GuardedTransport(self._backend),
                follow_redirects=False,
                trust_env=False,
                headers={"User-Agent": USER_AGENT},
            )
        return self._client

    def fetch(self, url: str) -> RawInput:
        """Download an article or feed URL; failures become quarantine reasons, never exceptions."""
        if not _fetchable(url):
            scheme = urlsplit(url).scheme.lower()
            return failed_input(url, "unsupported_url", f"only http(s) URLs can be fetched, not {scheme or 'this'}:")
        deadline = time.monotonic() + self.policy.timeout
        try:
            return self._follow(url, deadline)
        except IngestError as exc:
            LOGGER.warning("%s: %s", url, exc.message)
            exc.input_id = url
            return RawInput(source=url, key=url, error=exc)
        except httpx.TimeoutException as exc:
            return failed_input(url, "timeout", f"{url} did not answer in time ({exc.__class__.__name__})")
        except (httpx.HTTPError, httpx.InvalidURL) as exc:
            return failed_input(url, "unreachable", f"cannot fetch {url}: {exc.__class__.__name__}: {exc}")

    def _follow(self, url: str, deadline: float) -> RawInput:
        current = url
        for _ in range(self.policy.max_redirects + 1):
            with self.client.stream("GET", current, timeout=_timeout(deadline)) as response:
                if response.is_redirect:
                    current = _redirect_target(response, current)
                    continue
                if response.status_code >= 400:
                    return failed_input(url, "unreachable", f"HTTP {response.status_code} from {current}")
                data = self._read(response, deadline, current)
                return RawInput(
                    source=url,
                    key=url,
                    data=data,
                    url=str(response.url),
                    content_type=response.headers.get("content-type"),
                )
        raise IngestError("too_many_redirects", f"{url} redirected more than {self.policy.max_redirects} times")

    def _read(self, response: httpx.Response, deadline: float, url: str) -> bytes:
        cap = self.policy.max_bytes
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > cap:
            raise IngestError("too_large", f"{url} announces {declared} bytes, over the {cap}-byte cap")
        chunks, size = [], 0
        for chunk in response.iter_bytes():
            size += len(chunk)
            if size > cap:
                raise IngestError("too_large", f"the response from {url} is over the {cap}-byte cap")
            if time.monotonic() > deadline:
                raise IngestError("timeout", f"{url} took longer than {self.policy.timeout:g} s to download")
            chunks.append(chunk)
        return b"".join(chunks)


def _fetchable(url: str) -> bool:
    return urlsplit(url).scheme.lower() in SCHEMES


def _redirect_target(response: httpx.Response, current: str) -> str:
    location = response.headers.get("location")
    if not location:
        raise IngestError("unreachable", f"{current} redirects without saying where to")
    target = str(response.url.join(location))
    if not _fetchable(target):
        raise IngestError("unsupported_url", f"{current} redirects to {target}, which is not an http(s) URL")
    return target


def _timeout(deadline: float) -> httpx.Timeout:
    left = deadline - time.monotonic()
    if left <= 0:
        raise IngestError("timeout", "the fetch ran out of time")
    return httpx.Timeout(min(left, READ_TIMEOUT))
