"""The Dask engine: chunks of articles go to a ``dask.distributed`` cluster; results come back in order.

Time budgets: at most one chunk per worker is in flight, so a chunk's wait is its run time. A chunk that
passes its budget cannot be stopped inside a Dask worker thread, so the workers are restarted (the scheduler
replaces them), the other chunks in flight are sent again, and the late chunk's articles are tried alone; an
article that still runs out of time comes back as ``Failed`` for the quarantine, like on the local engine.
"""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from redline.engine.budget import Budget, Failed, Item, Work, chunked, reason

LOGGER = logging.getLogger(__name__)
WINDOW = 8  # batches in flight per worker for the plain map: bounded memory on the driver


class DaskEngine:
    """Maps over a Dask client; budgets as described in the module docstring."""

    name = "dask"

    def __init__(self, client: Any, budget: Budget | None = None) -> None:
        self.client = client
        self.budget = budget or Budget()

    def _workers(self) -> int:
        return max(1, len(self.client.scheduler_info().get("workers", {})))

    def map(self, func: Callable[[Any], Any], batches: Iterable[Any]) -> Iterator[Any]:
        window = WINDOW * self._workers()
        pending: list[Any] = []
        for batch in batches:
            pending.append(self.client.submit(func, batch, pure=False))
            if len(pending) >= window:
                yield pending.pop(0).result()
        for future in pending:
            yield future.result()

    def run(self, stage: str, work: Work, items: Sequence[Item]) -> Iterator[tuple[Item, Any]]:
        queue: deque[list[Item]] = deque(chunked(items))
        inflight: deque[tuple[list[Item], Any, float]] = deque()
        while queue or inflight:
            while queue and len(inflight) < self._workers():
                chunk = queue.popleft()
                seconds = sum(self.budget.for_size(item.size) for item in chunk)
                future = self.client.submit(work, [item.payload for item in chunk], pure=False)
                inflight.append((chunk, future, seconds))
            chunk, future, seconds = inflight.popleft()
            outcome = self._wait(future, seconds)
            if not isinstance(outcome, Failed):
                yield from zip(chunk, outcome, strict=True)
                continue
            if outcome.kind != "error":  # a stuck or dead worker: start clean, send the others again
                queue.extendleft(reversed([other for other, _, _ in inflight]))
                inflight.clear()
                self.client.restart()
            if len(chunk) > 1:
                queue.extendleft(reversed([[item] for item in chunk]))
                continue
            LOGGER.warning("%s: article %s: %s", stage, chunk[0].key, reason(stage, outcome, seconds))
            yield chunk[0], outcome

    @staticmethod
    def _wait(future: Any, seconds: float) -> list[Any] | Failed:
        from distributed import KilledWorker

        try:
            return future.result(timeout=seconds)
        except TimeoutError:
            future.cancel()
            return Failed("timeout", "")
        except KilledWorker as exc:
            return Failed("crash", f"worker died: {exc}")
        except Exception as exc:  # the work's own error, raised again on the driver
            return Failed("error", f"{type(exc).__name__}: {exc}")


@contextmanager
def dask_engine(
    scheduler: str | None = None, *, workers: int = 2, budget: Budget | None = None
) -> Iterator[DaskEngine]:
    """Connect to ``scheduler`` (an address) or start a LocalCluster with ``workers`` processes."""
    from dask.distributed import Client, LocalCluster

    if scheduler:
        with Client(scheduler) as client:
            yield DaskEngine(client, budget)
        return
    with (
        LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None) as cluster,
        Client(cluster) as client,
    ):
        yield DaskEngine(client, budget)
