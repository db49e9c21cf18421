"""Where per-article work runs: in this process, or on a Dask cluster for large runs.

Stages hand pure functions over batches to ``current().map``; workers return records and only the driver
writes to the store (one writer). Dask is an existing distributed engine — a LocalCluster on one machine,
any ``dask.distributed`` scheduler in production — Redline never schedules work itself.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, Protocol


class Engine(Protocol):
    name: str

    def map(self, func: Callable[[Any], Any], batches: Iterable[Any]) -> Iterator[Any]:
        """Results of ``func`` over ``batches``, in order."""
        ...


class LocalEngine:
    """Runs batches in this process, one after another."""

    name = "local"

    def map(self, func: Callable[[Any], Any], batches: Iterable[Any]) -> Iterator[Any]:
        for batch in batches:
            yield func(batch)


_LOCAL = LocalEngine()
_CURRENT: ContextVar[Engine | None] = ContextVar("redline_engine", default=None)


def current() -> Engine:
    """The engine stages should map over: the one set by ``using``, else the local one."""
    return _CURRENT.get() or _LOCAL


@contextmanager
def using(engine: Engine) -> Iterator[Engine]:
    token = _CURRENT.set(engine)
    try:
        yield engine
    finally:
        _CURRENT.reset(token)
