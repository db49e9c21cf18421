"""Store queries for the events tables (filled in by the events stage)."""

from __future__ import annotations

MIGRATIONS: list[tuple[str, str]] = []


class EventsStore:
    """Mixin over :class:`redline.store.core.StoreBase`."""
