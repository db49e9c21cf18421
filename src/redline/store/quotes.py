"""Store queries for the quotes tables (filled in by the quotes stage)."""

from __future__ import annotations

MIGRATIONS: list[tuple[str, str]] = []


class QuotesStore:
    """Mixin over :class:`redline.store.core.StoreBase`."""
