"""The Dask engine: batches go to a ``dask.distributed`` cluster; results come back in order to the driver."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import Any

WINDOW = 8  # batches in flight per worker: bounded memory on the driver


class DaskEngine:
    """Maps over a Dask client; at most ``WINDOW`` batches per worker are outstanding."""

    name = "dask"

    def __init__(self, client: Any) -> None:
        self.client = client

    def map(self, func: Callable[[Any], Any], batches: Iterable[Any]) -> Iterator[Any]:
        workers = max(1, len(self.client.scheduler_info().get("workers", {})))
        window = WINDOW * workers
        pending: list[Any] = []
        for batch in batches:
            pending.append(self.client.submit(func, batch, pure=False))
            if len(pending) >= window:
                yield pending.pop(0).result()
        for future in pending:
            yield future.result()


@contextmanager
def dask_engine(scheduler: str | None = None, *, workers: int = 2) -> Iterator[DaskEngine]:
    """Connect to ``scheduler`` (an address) or start a LocalCluster with ``workers`` processes."""
    from dask.distributed import Client, LocalCluster

    if scheduler:
        with Client(scheduler) as client:
            yield DaskEngine(client)
        return
    with (
        LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None) as cluster,
        Client(cluster) as client,
    ):
        yield DaskEngine(client)
