"""The store: the only code in Redline that speaks SQL. One SQLite file, migrated in place.

``Store`` composes one mixin per group of tables; each table module owns its schema (``MIGRATIONS``)
and its queries.
"""

from __future__ import annotations

from redline.store.acts import ActsStore
from redline.store.articles import ArticlesStore
from redline.store.bands import BandsStore
from redline.store.core import StoreBase
from redline.store.docs import DocsStore
from redline.store.events import EventsStore
from redline.store.failures import FailuresStore
from redline.store.quotes import QuotesStore
from redline.store.stories import StoriesStore

DEFAULT_DB = "redline.db"


class Store(
    ArticlesStore,
    BandsStore,
    DocsStore,
    QuotesStore,
    EventsStore,
    StoriesStore,
    ActsStore,
    FailuresStore,
    StoreBase,
):
    """A Redline database file."""


def open_store(path: str = DEFAULT_DB) -> Store:
    return Store(path)


__all__ = ["DEFAULT_DB", "Store", "open_store"]
