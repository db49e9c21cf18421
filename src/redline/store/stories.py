"""Store queries for the stories tables (filled in by the stories stage)."""

from __future__ import annotations

MIGRATIONS: list[tuple[str, str]] = []


class StoriesStore:
    """Mixin over :class:`redline.store.core.StoreBase`."""
