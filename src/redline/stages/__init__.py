"""Stage adapters: each module registers one pipeline stage over the store (see ``redline.registry``).

A per-article stage is an :class:`ArticleWork`: ``prepare`` reads what each article needs from the store (on
the driver), ``work`` turns those payloads into records (a pure, top-level function, so it can run in a worker
process under the article's time budget), ``write`` stores them. :func:`run_articles` is the loop they share:
batches of pending articles, one transaction per batch; an article that fails or runs out of time is
quarantined with the stage and the reason and marked done, so the run goes on and later runs do not pay its
budget again (``redline run --retry-quarantined`` tries it once more).
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from redline import engine
from redline.engine.budget import Failed, Item, Work, reason
from redline.records import Article, Failure
from redline.registry import Progress

LOGGER = logging.getLogger(__name__)
BATCH = 64

# Modules that register stages when imported.
STAGE_MODULES = (
    "redline.stages.nlp",
    "redline.stages.quotes",
    "redline.stages.events",
    "redline.stages.stories",
)


def load_stages() -> None:
    """Import every stage module, which registers its stage (see ``redline.registry``)."""
    for module in STAGE_MODULES:
        importlib.import_module(module)


def warm_stages() -> None:
    """Load the models and dictionaries of every per-article stage (what a worker process needs)."""
    for module in STAGE_MODULES:
        work = getattr(importlib.import_module(module), "WORK", None)
        if isinstance(work, ArticleWork):
            work.warm()


@dataclass(frozen=True)
class ArticleWork:
    """A per-article stage split into its driver half (prepare, write) and its pure half (work).

    ``prepare`` returns one payload per article, or None for an article that is not ready (e.g. not parsed
    yet: it stays pending). ``upstream`` names the stages whose failure on an article means this stage skips
    it (marks it done with nothing to write). Parsing time grows with length, so the parse budget does too;
    reading quotes and events off a parse should not take minutes even for a huge article, so those stages
    cap the length their budget grows with (``budget_chars``).
    """

    name: str
    prepare: Callable[[Any, list[Article]], list[Any]]
    work: Work
    write: Callable[[Any, str, Any], int]
    upstream: tuple[str, ...] = ()
    warm: Callable[[], None] = field(default=lambda: None)
    budget_chars: int | None = None  # the budget stops growing past this length (None: it always grows)


def run_articles(store: Any, spec: ArticleWork, article_ids: Sequence[str], progress: Progress) -> int:
    """Run ``spec`` over ``article_ids`` on the current engine; returns the number of records written."""
    progress(spec.name, total=len(article_ids))
    count = 0
    for offset in range(0, len(article_ids), BATCH):
        batch = store.articles(ids=article_ids[offset : offset + BATCH])
        count += _run_batch(store, spec, batch)
        progress(spec.name, advance=len(batch))
    return count


def _run_batch(store: Any, spec: ArticleWork, batch: list[Article]) -> int:
    skipped = [a.id for a in batch if store.failed_before(a.id, spec.upstream)]
    ready = [a for a in batch if a.id not in skipped]
    by_id = {a.id: a for a in ready}
    items: list[Item] = []
    for article, payload in zip(ready, spec.prepare(store, ready), strict=True):
        if payload is None:
            LOGGER.warning("%s: article %s is not ready (no parse yet); it stays pending", spec.name, article.id)
            continue
        size = len(article.text) if spec.budget_chars is None else min(len(article.text), spec.budget_chars)
        items.append(Item(article.id, payload, size))
    outcomes = list(engine.current().run(spec.name, spec.work, items))
    count = 0
    with store.atomic():
        for item, result in outcomes:
            if isinstance(result, Failed):
                _quarantine(store, spec.name, by_id[item.key], result, item.size)
                continue
            count += spec.write(store, item.key, result)
            store.mark_done(spec.name, [item.key])
        store.mark_done(spec.name, skipped)
    return count


def _quarantine(store: Any, stage: str, article: Article, failed: Failed, size: int) -> None:
    seconds = engine.current().budget.for_size(size) if hasattr(engine.current(), "budget") else 0.0
    failure = Failure(
        source=f"{article.source} [{article.id}]",
        reason=failed.kind,
        stage=stage,
        detail=reason(stage, failed, seconds),
        raw_excerpt=(article.title or article.text[:120]),
    )
    store.record_stage_failure(failure, article.id)
