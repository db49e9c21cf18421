"""The API's one writer: posted articles go through ingest and every stage on a single thread.

SQLite has one writer at a time; giving the API one writer thread (with its own connection) means posts are
serialised in the order they arrive and readers keep their snapshots. The functions here only hand posted
objects to the ingest library and the pipeline, exactly as `redline run` would.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from redline.ingest import ingest_articles, parse_input
from redline.ingest.sources import RawInput
from redline.records import Article, Failure
from redline.store import Store


class Writer:
    """A single thread with its own connection that runs every ingest, one at a time."""

    def __init__(self, db_path: str) -> None:
        self.db_path = db_path
        self.pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="redline-writer")
        self._store: Store | None = None

    def submit(self, func: Callable[[Store], Any]) -> Any:
        return self.pool.submit(self._run, func).result()

    def _run(self, func: Callable[[Store], Any]) -> Any:
        if self._store is None:
            self._store = Store(self.db_path)
        return func(self._store)

    def close(self) -> None:
        self.pool.shutdown(wait=True)
        if self._store is not None:
            self._store.close()


def ingest_objects(store: Store, objects: list[dict[str, Any]]) -> dict[str, Any]:
    """Build articles from posted JSON objects with the ingest library, store them and run the stages."""
    from redline.pipeline import run_stages

    articles: list[Article] = []
    failures: list[Failure] = []
    for n, obj in enumerate(objects, 1):
        source = f"api:{obj['url']}" if isinstance(obj.get("url"), str) and obj["url"] else f"api#{n}"
        raw = RawInput(source=source, key="api", data=json.dumps(obj, ensure_ascii=False).encode("utf-8"))
        for outcome in parse_input(raw):
            (failures if isinstance(outcome, Failure) else articles).append(outcome)
    for failure in failures:
        store.quarantine(failure)
    result = ingest_articles(articles, store)
    stages = run_stages(store) if result.added else {}
    return {
        "added": result.added,
        "skipped": result.skipped,
        "quarantined": [{"source": f.source, "reason": f.reason, "detail": f.detail} for f in failures],
        "stages": stages,
    }
