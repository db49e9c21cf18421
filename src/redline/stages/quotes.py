"""Registers the quotes stage: quotes and speakers from each article's cached parse (never a new parse)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from redline.quotes import actor_context, extract_quotes
from redline.records import Article, Quote
from redline.registry import Progress, stage
from redline.stages import over_parsed_articles
from redline.store import Store


@stage("quotes", requires=("docs",), provides=("quotes",))
def extract_pending(store: Store, article_ids: Sequence[str], progress: Progress) -> int:
    """Extract quotes of pending articles; each batch is written and marked done in one transaction."""

    def work(batch: list[Article]) -> Callable[[Article, Any], list[Quote]]:
        return lambda article, doc: extract_quotes(doc, article.id, actors=actor_context(article.published))

    return over_parsed_articles(store, "quotes", article_ids, progress, work=work, write=store.add_quotes)
