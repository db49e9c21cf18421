"""Registers the events stage: PLOVER events from each article's cached parse and its stored quotes."""

from __future__ import annotations

import logging
from collections.abc import Sequence

from redline.events import default_coder
from redline.records import Event, Failure
from redline.registry import Progress, stage
from redline.stages.nlp import load_doc
from redline.store import Store

LOGGER = logging.getLogger(__name__)
BATCH = 32


@stage("events", requires=("docs", "quotes"), provides=("events",))
def code_pending(store: Store, article_ids: Sequence[str], progress: Progress) -> int:
    """Code pending articles; each batch is written and marked done in one transaction.

    An article without a cached parse stays pending (the NLP stage has not run on it). One whose coding fails is
    quarantined with the error and stays pending, so a fixed version picks it up on the next run.
    """
    progress("events", total=len(article_ids))
    coder = default_coder()
    count = 0
    for offset in range(0, len(article_ids), BATCH):
        batch = store.articles(ids=article_ids[offset : offset + BATCH])
        quotes = store.quotes(article_ids=[article.id for article in batch])
        by_article: dict[str, list] = {}
        for quote in quotes:
            by_article.setdefault(quote.article_id, []).append(quote)
        found: list[tuple[str, list[Event]]] = []
        for article in batch:
            doc = load_doc(store, article.id)
            if doc is None:
                LOGGER.warning("events: article %s has no cached parse; run the nlp stage first", article.id)
                continue
            try:
                events = coder.code(
                    doc, article_id=article.id, published=article.published, quotes=by_article.get(article.id, [])
                )
            except Exception as exc:  # one bad article must not stop the run: it is kept with its reason
                LOGGER.exception("events: coding failed on article %s", article.id)
                store.quarantine(
                    Failure(source=article.source, reason="event-coding", stage="events", detail=repr(exc))
                )
                continue
            found.append((article.id, events))
        with store.atomic():
            for article_id, events in found:
                store.add_events(article_id, events)
                count += len(events)
            store.mark_done("events", [article_id for article_id, _ in found])
        progress("events", advance=len(batch))
    return count
