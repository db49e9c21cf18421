"""Redline: raw news reports in, sourced PLOVER political event data out — offline, on a laptop.

The library is the product; the CLI, REST API and dashboard are thin faces over it::

    from redline import Store, run
    with Store("redline.db") as store:
        run(["examples/"], store)
        for article in store.articles():
            ...
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

__all__ = [
    "Actor",
    "Article",
    "Event",
    "Quote",
    "Sentence",
    "Store",
    "Story",
    "__version__",
    "ingest_paths",
    "run",
    "to_pandas",
]

if TYPE_CHECKING:
    from redline.event_table import to_pandas
    from redline.ingest import ingest_paths
    from redline.pipeline import run
    from redline.records import Actor, Article, Event, Quote, Sentence, Story
    from redline.store import Store

_LAZY = {
    "Store": "redline.store",
    "run": "redline.pipeline",
    "ingest_paths": "redline.ingest",
    "to_pandas": "redline.event_table",
    **{name: "redline.records" for name in ("Actor", "Article", "Event", "Quote", "Sentence", "Story")},
}


def __getattr__(name: str) -> Any:
    """Import on first use, so `import redline` stays cheap (spaCy loads only when a stage needs it)."""
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'redline' has no attribute {name!r}")
