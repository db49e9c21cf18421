"""Per-article time budgets: run a stage's pure work over chunks of articles so that no article can stall a run.

Why worker processes: an endless loop in pure Python (or a regular expression that backtracks for ever) cannot
be stopped from inside the thread that runs it, so the work runs in processes that are killed and replaced when
an article passes its budget (``pebble`` does the supervising). Articles travel in chunks for throughput; when
a chunk fails or runs out of time, each of its articles is tried alone, so only the guilty one is lost, and it
comes back as a :class:`Failed` outcome with the reason ("timeout in quotes after 10 s") for the quarantine.

Results come back in the order the articles were given, whatever the number of workers, so a run's output
does not depend on which worker finished first.
"""

from __future__ import annotations

import logging
import multiprocessing
import signal
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import TimeoutError as FutureTimeout
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

LOGGER = logging.getLogger(__name__)

P = TypeVar("P")
R = TypeVar("R")

DEFAULT_TIMEOUT = 10.0  # seconds per article per stage, for an article of up to SCALE_CHARS characters
SCALE_CHARS = 20_000  # the budget grows with length: a long article may legitimately take longer
CHUNK = 8  # articles sent to a worker at once


@dataclass(frozen=True)
class Budget:
    """How long one article may take in one stage: ``seconds`` per ``SCALE_CHARS`` characters (at least once)."""

    seconds: float = DEFAULT_TIMEOUT

    def for_size(self, chars: int) -> float:
        return self.seconds * max(1.0, chars / SCALE_CHARS)


@dataclass(frozen=True)
class Item(Generic[P]):
    """One article's work: its id, what the worker needs, and its size in characters (for the budget)."""

    key: str
    payload: P
    size: int = 0


@dataclass(frozen=True)
class Failed:
    """Why an article produced nothing in a stage: ``kind`` is timeout, crash or error."""

    kind: str
    detail: str


class StageTimeout(Exception):
    """Raised inside the work when the in-process budget runs out (see :func:`alarm`)."""


Work = Callable[[list[Any]], list[Any]]
"""A stage's pure work: payloads in, one result per payload out (a top-level function, so it can be pickled)."""


def chunked(items: Sequence[Item]) -> list[list[Item]]:
    """Items in order, grouped up to ``CHUNK`` at a time or ``SCALE_CHARS`` characters, whichever comes first.

    A long article travels alone, so when it runs out of time no short article waits for it and none has to
    be tried again.
    """
    chunks: list[list[Item]] = []
    current: list[Item] = []
    size = 0
    for item in items:
        if current and (len(current) >= CHUNK or size + item.size > SCALE_CHARS):
            chunks.append(current)
            current, size = [], 0
        current.append(item)
        size += item.size
    if current:
        chunks.append(current)
    return chunks


def reason(stage: str, failed: Failed, budget: float) -> str:
    if failed.kind == "timeout":
        return f"timeout in {stage} after {budget:g} s"
    return f"{failed.kind} in {stage}: {failed.detail}"


class ProcessEngine:
    """Work in supervised worker processes: a hung or crashed worker is killed and replaced."""

    name = "local"

    def __init__(self, workers: int = 1, budget: Budget | None = None) -> None:
        from pebble import ProcessPool

        self.workers = max(1, workers)
        self.budget = budget or Budget()
        self._pool = ProcessPool(max_workers=self.workers, context=_context())

    def close(self) -> None:
        self._pool.stop()
        self._pool.join(timeout=10)

    def map(self, func: Callable[[Any], Any], batches: Any) -> Iterator[Any]:
        """Plain ordered map without budgets (kept for callers that need no isolation)."""
        for batch in batches:
            yield func(batch)

    def run(self, stage: str, work: Work, items: Sequence[Item]) -> Iterator[tuple[Item, Any]]:
        """``(item, result)`` or ``(item, Failed)`` for each item, in order."""
        chunks = chunked(items)
        window = self.workers * 2
        pending: list[tuple[list[Item], Any, float]] = []
        for chunk in chunks:
            pending.append(self._submit(work, chunk))
            while len(pending) >= window:
                yield from self._collect(stage, work, *pending.pop(0))
        while pending:
            yield from self._collect(stage, work, *pending.pop(0))

    def _submit(self, work: Work, chunk: list[Item]) -> tuple[list[Item], Any, float]:
        seconds = sum(self.budget.for_size(item.size) for item in chunk)
        future = self._pool.schedule(work, args=([item.payload for item in chunk],), timeout=seconds)
        return chunk, future, seconds

    def _collect(self, stage: str, work: Work, chunk: list[Item], future: Any, seconds: float) -> Iterator:
        outcome = _outcome(future)
        if not isinstance(outcome, Failed):
            yield from zip(chunk, outcome, strict=True)
            return
        if len(chunk) == 1:
            LOGGER.warning("%s: article %s: %s", stage, chunk[0].key, reason(stage, outcome, seconds))
            yield chunk[0], outcome
            return
        LOGGER.info("%s: a chunk of %d articles failed (%s); trying each alone", stage, len(chunk), outcome.kind)
        for item in chunk:
            yield from self._collect(stage, work, [item], *self._submit(work, [item])[1:])


def _context() -> Any:
    """Workers fork from a single-threaded fork server that has preloaded the models (``redline.stages.preload``)."""
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["redline.stages.preload"])
    return context


def _outcome(future: Any) -> list[Any] | Failed:
    from pebble import ProcessExpired

    try:
        return future.result()
    except FutureTimeout:
        return Failed("timeout", "")
    except ProcessExpired as exc:
        return Failed("crash", f"worker process died (exit code {exc.exitcode})")
    except Exception as exc:  # the work's own error: reported with its type, the run goes on
        return Failed("error", f"{type(exc).__name__}: {exc}")


class InlineEngine:
    """Work in this process (library calls, tests, the Dask driver's fallback).

    The budget holds for pure-Python work through ``SIGALRM`` when this is the main thread; elsewhere it
    cannot be enforced in-process, which is why ``redline run`` uses :class:`ProcessEngine`.
    """

    name = "inline"

    def __init__(self, budget: Budget | None = None) -> None:
        self.budget = budget or Budget()

    def map(self, func: Callable[[Any], Any], batches: Any) -> Iterator[Any]:
        for batch in batches:
            yield func(batch)

    def run(self, stage: str, work: Work, items: Sequence[Item]) -> Iterator[tuple[Item, Any]]:
        for item in items:
            seconds = self.budget.for_size(item.size)
            try:
                with alarm(seconds):
                    (result,) = work([item.payload])
            except StageTimeout:
                result = Failed("timeout", "")
            except Exception as exc:  # the work's own error: reported with its type, the run goes on
                result = Failed("error", f"{type(exc).__name__}: {exc}")
            if isinstance(result, Failed):
                LOGGER.warning("%s: article %s: %s", stage, item.key, reason(stage, result, seconds))
            yield item, result


@contextmanager
def alarm(seconds: float) -> Iterator[None]:
    """Raise :class:`StageTimeout` in this thread after ``seconds`` (a no-op off the main thread)."""
    main = threading.current_thread() is threading.main_thread()  # same object (the thread)
    if not main or not hasattr(signal, "setitimer"):
        yield
        return

    def expire(signum: int, frame: Any) -> None:
        raise StageTimeout(f"over {seconds:g} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    started = time.monotonic()
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        LOGGER.debug("budgeted block took %.2f s of %.2f s", time.monotonic() - started, seconds)
