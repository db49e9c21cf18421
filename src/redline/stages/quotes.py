"""Registers the quotes stage: quotes and speakers from each article's cached parse (never a new parse)."""

from __future__ import annotations

from collections.abc import Sequence

from redline import nlp
from redline.engine.budget import SCALE_CHARS
from redline.quotes import actor_context, extract_quotes
from redline.records import Article, Quote
from redline.registry import Progress, stage
from redline.stages import ArticleWork, run_articles
from redline.store import Store

Payload = tuple[str, str | None, bytes, str | None]


def quotes_of(payloads: list[Payload]) -> list[list[Quote]]:
    """(article id, publication date, parse bytes, dateline) to the article's quotes: pure, runs in a worker."""
    found = []
    for article_id, published, data, dateline in payloads:
        actors = actor_context(published)
        actors.read_dateline(dateline)
        found.append(extract_quotes(nlp.doc_from_bytes(data), article_id, actors=actors))
    return found


def _prepare(store: Store, articles: list[Article]) -> list[Payload | None]:
    payloads: list[Payload | None] = []
    for article in articles:
        data = store.doc_bytes(article.id)
        payloads.append(None if data is None else (article.id, article.published, data, article.dateline()))
    return payloads


def _write(store: Store, article_id: str, quotes: list[Quote]) -> int:
    store.add_quotes(article_id, quotes)
    return len(quotes)


def _warm() -> None:
    nlp.load_nlp()
    actor_context(None)


WORK = ArticleWork("quotes", _prepare, quotes_of, _write, upstream=("nlp",), warm=_warm, budget_chars=3 * SCALE_CHARS)


@stage("quotes", requires=("docs",), provides=("quotes",))
def extract_pending(store: Store, article_ids: Sequence[str], progress: Progress) -> int:
    """Extract quotes of pending articles; each batch is written and marked done in one transaction."""
    return run_articles(store, WORK, article_ids, progress)
