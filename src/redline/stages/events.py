"""Registers the events stage: PLOVER events from each article's cached parse and its stored quotes."""

from __future__ import annotations

from collections.abc import Sequence

from redline import nlp
from redline.actors import default_resolver
from redline.engine.budget import SCALE_CHARS
from redline.events import default_coder
from redline.events.geonames import geo_index
from redline.records import Article, Event, Quote
from redline.registry import Progress, stage
from redline.stages import ArticleWork, run_articles
from redline.store import Store

Payload = tuple[str, str | None, bytes, list[Quote], str | None]


def events_of(payloads: list[Payload]) -> list[list[Event]]:
    """(article id, date, parse bytes, quotes, dateline) to the article's events: pure, runs in a worker.

    Speech acts get their speakers from the article's quotes, which the driver reads from the store.
    """
    coder = default_coder()
    found = []
    for article_id, published, data, quotes, dateline in payloads:
        actors = default_resolver().context(published)
        actors.read_dateline(dateline)
        doc = nlp.doc_from_bytes(data)
        found.append(coder.code(doc, article_id=article_id, published=published, quotes=quotes, actors=actors))
    return found


def _prepare(store: Store, articles: list[Article]) -> list[Payload | None]:
    by_article: dict[str, list[Quote]] = {}
    for quote in store.quotes(article_ids=[article.id for article in articles]):
        by_article.setdefault(quote.article_id, []).append(quote)
    payloads: list[Payload | None] = []
    for article in articles:
        data = store.doc_bytes(article.id)
        quotes = by_article.get(article.id, [])
        payloads.append(None if data is None else (article.id, article.published, data, quotes, article.dateline()))
    return payloads


def _write(store: Store, article_id: str, events: list[Event]) -> int:
    store.add_events(article_id, events)
    return len(events)


def _warm() -> None:
    """Load what coding needs before the first article's clock starts (the parser, the lexicon, the gazetteer)."""
    nlp.load_nlp()
    default_coder()
    geo_index()


WORK = ArticleWork("events", _prepare, events_of, _write, upstream=("nlp",), warm=_warm, budget_chars=3 * SCALE_CHARS)


@stage("events", requires=("docs", "quotes"), provides=("events",))
def code_pending(store: Store, article_ids: Sequence[str], progress: Progress) -> int:
    """Code pending articles, batch by batch."""
    return run_articles(store, WORK, article_ids, progress)
