"""Where per-article work runs: worker processes under a time budget, this process, or a Dask cluster.

Stages hand pure functions over articles to ``current().run``; workers return records and only the driver
writes to the store (one writer). Every engine gives results back in input order and turns an article that
fails or passes its time budget into a :class:`~redline.engine.budget.Failed` outcome instead of stopping
the run. Dask is an existing distributed engine — a LocalCluster on one machine, any ``dask.distributed``
scheduler in production — Redline never schedules work across machines itself.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, Protocol

from redline.engine.budget import Budget, InlineEngine, Item, ProcessEngine, Work


class Engine(Protocol):
    name: str

    def map(self, func: Callable[[Any], Any], batches: Iterable[Any]) -> Iterator[Any]:
        """Results of ``func`` over ``batches``, in order (no budget)."""
        ...

    def run(self, stage: str, work: Work, items: Sequence[Item]) -> Iterator[tuple[Item, Any]]:
        """``(item, result or Failed)`` per item, in order, each item within its time budget."""
        ...


LocalEngine = InlineEngine  # the in-process engine (name kept for callers that predate the budgets)
_INLINE = InlineEngine()
_CURRENT: ContextVar[Engine | None] = ContextVar("redline_engine", default=None)


MAX_DEFAULT_WORKERS = 4


def default_workers() -> int:
    """Worker processes a local run uses when none are asked for: the CPUs this process may run on, at most
    four. Parsing is most of a run's cost and parallel over articles, so one worker per core is the best default
    on a laptop; each worker forks from a server that preloaded the models, so they share that memory, but
    past four the driver's writes (one writer) leave extra workers waiting."""
    try:
        cpus = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cpus = os.cpu_count() or 1
    return max(1, min(cpus, MAX_DEFAULT_WORKERS))


def current() -> Engine:
    """The engine stages should run on: the one set by ``using``, else this process."""
    return _CURRENT.get() or _INLINE


def is_set() -> bool:
    return _CURRENT.get() is not None


@contextmanager
def using(engine: Engine) -> Iterator[Engine]:
    token = _CURRENT.set(engine)
    try:
        yield engine
    finally:
        _CURRENT.reset(token)


@contextmanager
def worker_processes(workers: int = 1, budget: Budget | None = None) -> Iterator[ProcessEngine]:
    """A :class:`ProcessEngine` for the duration of a run, shut down afterwards."""
    engine = ProcessEngine(workers, budget)
    try:
        with using(engine):
            yield engine
    finally:
        engine.close()


__all__ = [
    "Budget",
    "Engine",
    "InlineEngine",
    "Item",
    "LocalEngine",
    "ProcessEngine",
    "current",
    "default_workers",
    "using",
]
