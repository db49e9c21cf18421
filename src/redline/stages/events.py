"""Registers the events stage: PLOVER events from each article's cached parse and its stored quotes."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from redline.events import default_coder
from redline.records import Article, Event, Quote
from redline.registry import Progress, stage
from redline.stages import over_parsed_articles
from redline.store import Store


@stage("events", requires=("docs", "quotes"), provides=("events",))
def code_pending(store: Store, article_ids: Sequence[str], progress: Progress) -> int:
    """Code pending articles (speech acts get their speakers from the stored quotes), batch by batch."""
    coder = default_coder()

    def work(batch: list[Article]) -> Callable[[Article, Any], list[Event]]:
        by_article: dict[str, list[Quote]] = {}
        for quote in store.quotes(article_ids=[article.id for article in batch]):
            by_article.setdefault(quote.article_id, []).append(quote)
        return lambda article, doc: coder.code(
            doc, article_id=article.id, published=article.published, quotes=by_article.get(article.id, [])
        )

    return over_parsed_articles(store, "events", article_ids, progress, work=work, write=store.add_events)
