"""Turn the PATH arguments a user gives into raw inputs: files, folders, globs, stdin and http(s) URLs.

Only regular files are read: a device (``/dev/zero`` reports size 0 and never ends), a FIFO (blocks until a writer
comes) or a socket is refused with a reason. A file is opened without blocking and checked again on the open
descriptor, so swapping it for a FIFO after the check does not hang the run, and the size cap counts the bytes
actually read, never the size the file system reports.
"""

from __future__ import annotations

import glob
import os
import stat
import sys
from collections.abc import Iterator
from pathlib import Path

from redline.ingest.fetch import Fetcher
from redline.ingest.raw import MAX_BYTES, RawInput, failed_input

SKIP_NAMES = {".DS_Store", "Thumbs.db"}
SKIP_SUFFIXES = {".md"}  # folder READMEs describe a corpus; a single .md named explicitly is still read
READ_CHUNK = 1 << 20
JSON_LINES = (".jsonl", ".ndjson")

__all__ = ["MAX_BYTES", "RawInput", "expand", "is_url", "read_file", "read_path"]


def is_url(text: str) -> bool:
    return "://" in text[:12]


def expand(paths: list[str], *, max_bytes: int = MAX_BYTES, fetcher: Fetcher | None = None) -> Iterator[RawInput]:
    """Every input named by ``paths``, in order: folders recursively (sorted), globs expanded.

    URLs are fetched with ``fetcher`` (by default one that refuses private hosts).
    """
    own = fetcher is None
    fetcher = fetcher or Fetcher()
    try:
        for path in paths:
            if path == "-":
                yield _stdin(max_bytes)
            elif is_url(path):
                yield fetcher.fetch(path)
            else:
                yield from _local(path, max_bytes)
    finally:
        if own:
            fetcher.close()


def _local(path: str, max_bytes: int) -> Iterator[RawInput]:
    if any(ch in path for ch in "*?["):
        matches = sorted(glob.glob(path, recursive=True))
        if not matches:
            yield failed_input(path, "not_found", f"no file matches the pattern {path!r}")
        for match in matches:
            yield from _local(match, max_bytes)
        return
    target = Path(path)
    if target.is_dir():
        yield from _folder(target, max_bytes)
    elif target.exists() or target.is_symlink():
        yield from read_path(target, max_bytes=max_bytes)
    else:
        yield failed_input(path, "not_found", f"no such file or folder: {path!r}")


def _folder(folder: Path, max_bytes: int) -> Iterator[RawInput]:
    """Regular files under ``folder``, sorted by path; links to folders are not followed (no loops)."""
    files: list[Path] = []
    for root, dirs, names in os.walk(folder, followlinks=False):
        dirs[:] = [name for name in dirs if not name.startswith(".")]
        files.extend(Path(root, name) for name in names)
    files = sorted(f for f in files if not _skipped(f) and f.is_file())
    if not files:
        yield failed_input(str(folder), "empty", f"folder {str(folder)!r} holds no input files")
    for file in files:
        yield from read_path(file, max_bytes=max_bytes)


def _skipped(path: Path) -> bool:
    return path.name in SKIP_NAMES or path.name.startswith(".") or path.suffix.lower() in SKIP_SUFFIXES


def read_path(path: Path, *, max_bytes: int = MAX_BYTES) -> Iterator[RawInput]:
    """The inputs of one file: the file itself, or a JSON Lines file over the cap in pieces of whole lines.

    The byte cap guards against one huge document; a JSON Lines dump of many articles is many documents, so
    it may be any size: it is streamed in pieces under the cap, and only a single line over the cap is refused.
    """
    if path.suffix.lower() in JSON_LINES and _larger_than(path, max_bytes):
        yield from _json_lines(path, max_bytes)
    else:
        yield read_file(path, max_bytes=max_bytes)


def _larger_than(path: Path, max_bytes: int) -> bool:
    try:
        info = os.stat(path)
    except OSError:
        return False  # read_file says why
    return stat.S_ISREG(info.st_mode) and info.st_size > max_bytes


def _json_lines(path: Path, max_bytes: int) -> Iterator[RawInput]:
    """Pieces of whole lines, each at most ``max_bytes``, numbered as lines of the whole file."""
    source, key = str(path), str(path.resolve())
    piece: list[bytes] = []
    size, first, number = 0, 1, 0
    try:
        with open(path, "rb") as handle:
            while line := handle.readline(max_bytes + 1):
                number += 1
                if len(line) > max_bytes:  # one line over the cap: skip to its end, refuse that line only
                    if piece:  # a piece holds consecutive lines only
                        yield _piece(source, key, piece, first)
                        piece, size = [], 0
                    while line and not line.endswith(b"\n"):
                        line = handle.readline(READ_CHUNK)
                    yield failed_input(
                        f"{source}#{number}",
                        "too_large",
                        f"{source} line {number} is over the {max_bytes}-byte cap",
                        key=f"{key}#{number}",
                    )
                    continue
                if piece and size + len(line) > max_bytes:
                    yield _piece(source, key, piece, first)
                    piece, size = [], 0
                if not piece:
                    first = number
                piece.append(line)
                size += len(line)
    except OSError as exc:
        yield failed_input(source, "unreadable", f"cannot read {source}: {exc.strerror or exc}", key=key)
        return
    if piece:
        yield _piece(source, key, piece, first)


def _piece(source: str, key: str, lines: list[bytes], first: int) -> RawInput:
    return RawInput(source=source, key=key, data=b"".join(lines), first_line=first)


def read_file(path: Path, *, max_bytes: int = MAX_BYTES) -> RawInput:
    """The bytes of one regular file, at most ``max_bytes``; anything else is refused with a reason."""
    source = str(path)
    try:
        key = str(path.resolve())
    except (OSError, RuntimeError):  # a symlink loop
        key = os.path.abspath(path)
    try:
        kind = _kind(os.stat(path).st_mode)  # a socket cannot even be opened: say what it is
        if kind is not None:
            return failed_input(source, "not_a_file", f"{source} is {kind}, not a regular file", key=key)
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        return failed_input(source, "unreadable", f"cannot open {source}: {exc.strerror or exc}", key=key)
    try:
        kind = _kind(os.fstat(fd).st_mode)  # checked again on what was opened: it may have been swapped
        if kind is not None:
            return failed_input(source, "not_a_file", f"{source} is {kind}, not a regular file", key=key)
        data = _read_capped(fd, max_bytes)
    except OSError as exc:
        return failed_input(source, "unreadable", f"cannot read {source}: {exc.strerror or exc}", key=key)
    finally:
        os.close(fd)
    if data is None:
        return failed_input(source, "too_large", f"{source} is over the {max_bytes}-byte cap", key=key)
    return RawInput(source=source, key=key, data=data)


def _kind(mode: int) -> str | None:
    """What a non-regular file is, in words; None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    for test, name in (
        (stat.S_ISDIR, "a folder"),
        (stat.S_ISFIFO, "a named pipe (FIFO)"),
        (stat.S_ISSOCK, "a socket"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
    ):
        if test(mode):
            return name
    return "not a regular file"


def _read_capped(fd: int, max_bytes: int) -> bytes | None:
    """Read to the end, or None as soon as more than ``max_bytes`` came (the size on disk is not trusted)."""
    chunks, size = [], 0
    while True:
        chunk = os.read(fd, min(READ_CHUNK, max_bytes + 1 - size))
        if not chunk:
            return b"".join(chunks)
        size += len(chunk)
        if size > max_bytes:
            return None
        chunks.append(chunk)


def _stdin(max_bytes: int) -> RawInput:
    data = sys.stdin.buffer.read(max_bytes + 1)
    if len(data) > max_bytes:
        return failed_input("-", "too_large", f"standard input is over the {max_bytes}-byte cap")
    return RawInput(source="-", key="stdin", data=data)
