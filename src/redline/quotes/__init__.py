"""Quotes: every statement in an article — direct, indirect or mixed — with the right speaker.

``extract_quotes(doc, article_id, actors=...)`` reads one cached parse; ``actor_context(date)`` gives the
actor-resolver context (and its discourse memory) that fills the speaker's country, sector, role and
knowledge-base id.

Modules: :mod:`~redline.quotes.marks` (quotation marks), :mod:`~redline.quotes.cues` (speech cues),
:mod:`~redline.quotes.referents`, :mod:`~redline.quotes.coreference` and :mod:`~redline.quotes.enrichment`
(speakers, put together in :mod:`~redline.quotes.discourse`), :mod:`~redline.quotes.extract` (the reader),
:mod:`~redline.quotes.lexicon` (word lists, read from ``data/``).
"""

from __future__ import annotations

from redline.actors import ArticleContext, default_resolver
from redline.quotes.extract import extract_quotes, quote_id
from redline.quotes.marks import QuoteSpan, find_quote_spans


def actor_context(published: str | None) -> ArticleContext:
    """An actor-resolver context for an article published on ``published`` (ISO date or None).

    The resolver is the process's default one, rebuilt when the knowledge base changes (``$REDLINE_ACTORS``).
    """
    return default_resolver().context(published)


__all__ = ["QuoteSpan", "actor_context", "extract_quotes", "find_quote_spans", "quote_id"]
