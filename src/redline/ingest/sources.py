"""Turn the PATH arguments a user gives into raw inputs: files, folders, globs, stdin and http(s) URLs.

Reading never raises for one bad input: a problem becomes an :class:`IngestError` carried by the
``RawInput`` so the batch goes on and the input is quarantined with its reason.
"""

from __future__ import annotations

import glob
import logging
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from redline.errors import IngestError

LOGGER = logging.getLogger(__name__)

MAX_BYTES = 5 * 1024 * 1024
FETCH_TIMEOUT = 20.0
USER_AGENT = "Redline/0.1 (+offline political event coder)"
SKIP_NAMES = {".DS_Store", "Thumbs.db"}
SKIP_SUFFIXES = {".md"}  # folder READMEs describe a corpus; a single .md named explicitly is still read


@dataclass
class RawInput:
    """Bytes of one input and where they came from (``source`` is shown to users, ``key`` identifies it)."""

    source: str
    key: str
    data: bytes = b""
    url: str | None = None
    content_type: str | None = None
    error: IngestError | None = None

    @property
    def suffix(self) -> str:
        path = urlsplit(self.source).path if self.url else self.source
        return Path(path).suffix.lower()


def is_url(text: str) -> bool:
    return "://" in text[:12]


def expand(paths: list[str], *, max_bytes: int = MAX_BYTES) -> Iterator[RawInput]:
    """Every input named by ``paths``, in order: folders recursively (sorted), globs expanded."""
    for path in paths:
        if path == "-":
            yield _stdin(max_bytes)
        elif is_url(path):
            yield fetch(path, max_bytes=max_bytes)
        else:
            yield from _local(path, max_bytes)


def _local(path: str, max_bytes: int) -> Iterator[RawInput]:
    if any(ch in path for ch in "*?["):
        matches = sorted(glob.glob(path, recursive=True))
        if not matches:
            yield _failed(path, "not_found", f"no file matches the pattern {path!r}")
        for match in matches:
            yield from _local(match, max_bytes)
        return
    target = Path(path)
    if target.is_dir():
        files = sorted(p for p in target.rglob("*") if p.is_file() and not _skipped(p))
        if not files:
            yield _failed(path, "empty", f"folder {path!r} holds no input files")
        for file in files:
            yield read_file(file, max_bytes=max_bytes)
    elif target.exists():
        yield read_file(target, max_bytes=max_bytes)
    else:
        yield _failed(path, "not_found", f"no such file or folder: {path!r}")


def _skipped(path: Path) -> bool:
    return path.name in SKIP_NAMES or path.name.startswith(".") or path.suffix.lower() in SKIP_SUFFIXES


def read_file(path: Path, *, max_bytes: int = MAX_BYTES) -> RawInput:
    source, key = str(path), str(path.resolve())
    try:
        size = path.stat().st_size
        if size > max_bytes:
            return _failed(source, "too_large", f"{size} bytes is over the {max_bytes}-byte cap", key=key)
        return RawInput(source=source, key=key, data=path.read_bytes())
    except OSError as exc:
        return _failed(source, "unreadable", f"cannot read {source}: {exc.strerror or exc}", key=key)


def _stdin(max_bytes: int) -> RawInput:
    data = sys.stdin.buffer.read(max_bytes + 1)
    if len(data) > max_bytes:
        return _failed("-", "too_large", f"standard input is over the {max_bytes}-byte cap")
    return RawInput(source="-", key="stdin", data=data)


def fetch(url: str, *, max_bytes: int = MAX_BYTES, timeout: float = FETCH_TIMEOUT) -> RawInput:
    """Download an article or feed URL; failures become quarantine reasons, never exceptions."""
    scheme = urlsplit(url).scheme.lower()
    if scheme not in ("http", "https"):
        return _failed(url, "unsupported_url", f"only http(s) URLs can be fetched, not {scheme or 'this'}:")
    import httpx

    try:
        with (
            httpx.Client(follow_redirects=True, timeout=timeout, headers={"User-Agent": USER_AGENT}) as client,
            client.stream("GET", url) as response,
        ):
            if response.status_code >= 400:
                return _failed(url, "unreachable", f"HTTP {response.status_code} from {url}")
            chunks, size = [], 0
            for chunk in response.iter_bytes():
                size += len(chunk)
                if size > max_bytes:
                    return _failed(url, "too_large", f"response is over the {max_bytes}-byte cap")
                chunks.append(chunk)
            return RawInput(
                source=url,
                key=url,
                data=b"".join(chunks),
                url=str(response.url),
                content_type=response.headers.get("content-type"),
            )
    except httpx.HTTPError as exc:
        return _failed(url, "unreachable", f"cannot fetch {url}: {exc.__class__.__name__}: {exc}")


def _failed(source: str, reason: str, message: str, *, key: str | None = None) -> RawInput:
    LOGGER.warning("%s: %s", source, message)
    return RawInput(source=source, key=key or source, error=IngestError(reason, message, input_id=source))
