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


_CURRENT: ContextVar[Engine] = ContextVar("redline_engine", default=LocalEngine())


def current() -> Engine:
    return _CURRENT.get()


@contextmanager
def using(engine: Engine) -> Iterator[Engine]:
    token = _CURRENT.set(engine)
    try:
        yield engine
    finally:
        _CURRENT.reset(token)
