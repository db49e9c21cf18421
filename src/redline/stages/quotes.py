"""Registers the quotes stage: quotes and speakers from each article's cached parse (never a new parse)."""

from __future__ import annotations

import logging
from collections.abc import Sequence

from redline.quotes import actor_context, extract_quotes
from redline.records import Failure, Quote
from redline.registry import Progress, stage
from redline.stages.nlp import load_doc
from redline.store import Store

LOGGER = logging.getLogger(__name__)
BATCH = 32


@stage("quotes", requires=("docs",), provides=("quotes",))
def extract_pending(store: Store, article_ids: Sequence[str], progress: Progress) -> int:
    """Extract quotes of pending articles; each batch is written and marked done in one transaction.

    An article without a cached parse stays pending (the NLP stage has not run on it); one whose extraction
    fails is quarantined with the error and stays pending, so a fixed version picks it up on the next run.
    """
    progress("quotes", total=len(article_ids))
    count = 0
    for offset in range(0, len(article_ids), BATCH):
        batch = store.articles(ids=article_ids[offset : offset + BATCH])
        found: list[tuple[str, list[Quote]]] = []
        for article in batch:
            doc = load_doc(store, article.id)
            if doc is None:
                LOGGER.warning("quotes: article %s has no cached parse; run the nlp stage first", article.id)
                continue
            try:
                quotes = extract_quotes(doc, article.id, actors=actor_context(article.published))
            except Exception as exc:  # one bad article must not stop the run: it is kept with its reason
                LOGGER.exception("quotes: extraction failed on article %s", article.id)
                store.quarantine(
                    Failure(source=article.source, reason="quote-extraction", stage="quotes", detail=repr(exc))
                )
                continue
            found.append((article.id, quotes))
        with store.atomic():
            for article_id, quotes in found:
                store.add_quotes(article_id, quotes)
                count += len(quotes)
            store.mark_done("quotes", [article_id for article_id, _ in found])
        progress("quotes", advance=len(batch))
    return count
