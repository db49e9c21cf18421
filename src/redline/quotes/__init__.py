"""Quotes: every statement in an article — direct, indirect or mixed — with the right speaker.

``extract_quotes(doc, article_id, actors=...)`` reads one cached parse; ``actor_context(date)`` gives the
actor-resolver context that fills the speaker's country, sector, role and knowledge-base id (None while the
actors module is not installed, so extraction still runs on the text alone).
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from redline.quotes.extract import extract_quotes, quote_id
from redline.quotes.marks import QuoteSpan, find_quote_spans


@lru_cache(maxsize=1)
def _resolver() -> Any:
    try:
        from redline.actors import default_resolver
    except ModuleNotFoundError as exc:
        if exc.name != "redline.actors":
            raise
        return None
    return default_resolver()


def actor_context(published: str | None) -> Any:
    """An actor-resolver context for an article published on ``published`` (ISO date or None); None without one."""
    resolver = _resolver()
    return resolver.context(published) if resolver is not None else None


__all__ = ["QuoteSpan", "actor_context", "extract_quotes", "find_quote_spans", "quote_id"]
