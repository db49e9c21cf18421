"""Stage adapters: each module registers one pipeline stage over the store (see ``redline.registry``).

``over_parsed_articles`` is the loop the per-article stages share: batches of pending articles with their
cached parse, one transaction per batch, failures quarantined with the stage's name.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from redline.records import Article, Failure
from redline.registry import Progress

LOGGER = logging.getLogger(__name__)
R = TypeVar("R")


def over_parsed_articles(
    store: Any,
    name: str,
    article_ids: Sequence[str],
    progress: Progress,
    *,
    work: Callable[[list[Article]], Callable[[Article, Any], list[R]]],
    write: Callable[[str, list[R]], None],
    batch_size: int = 32,
) -> int:
    """Run ``work`` on each pending article's cached parse and ``write`` its records; returns records written.

    ``work(batch)`` prepares what a batch needs (e.g. its stored quotes) and returns the per-article function.
    An article without a cached parse stays pending (the NLP stage has not run on it); one whose processing
    fails is quarantined with the error and stays pending, so a fixed version picks it up on the next run.
    """
    from redline.stages.nlp import load_doc

    progress(name, total=len(article_ids))
    count = 0
    for offset in range(0, len(article_ids), batch_size):
        batch = store.articles(ids=article_ids[offset : offset + batch_size])
        process = work(batch)
        found: list[tuple[str, list[R]]] = []
        for article in batch:
            doc = load_doc(store, article.id)
            if doc is None:
                LOGGER.warning("%s: article %s has no cached parse; run the nlp stage first", name, article.id)
                continue
            try:
                found.append((article.id, process(article, doc)))
            except Exception as exc:  # one bad article must not stop the run: it is kept with its reason
                LOGGER.exception("%s: failed on article %s", name, article.id)
                store.quarantine(Failure(source=article.source, reason=f"{name}-error", stage=name, detail=repr(exc)))
        with store.atomic():
            for article_id, records in found:
                write(article_id, records)
                count += len(records)
            store.mark_done(name, [article_id for article_id, _ in found])
        progress(name, advance=len(batch))
    return count
