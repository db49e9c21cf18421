"""PLOVER event coding: parsed text in, sourced and explained ``Event`` records out.

The coder is rule-based and offline: dependency patterns over spaCy parses, with a lexicon of trigger patterns
and clause cues in ``redline/data/events/*.yaml``. Every event says which pattern fired (``Event.rule``).

>>> from redline.events import code_texts
>>> events = code_texts([("a1", "NATO rejected Russia's demands on Monday.", "2021-12-20")])  # doctest: +SKIP
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache
from typing import Any

from redline.events.actors import actor_context
from redline.events.coder import EventCoder
from redline.events.dates import parse_published
from redline.events.lexicon import Lexicon, LexiconError, build_lexicon, load_lexicon
from redline.ingest.clean import dateline_length
from redline.quotes import actor_context as quote_actor_context
from redline.quotes import extract_quotes
from redline.records import Event, Quote

__all__ = [
    "EventCoder",
    "Lexicon",
    "LexiconError",
    "build_lexicon",
    "code_doc",
    "code_texts",
    "default_coder",
    "find_quotes",
    "load_lexicon",
]


@lru_cache(maxsize=1)
def default_coder() -> EventCoder:
    """The coder over the packaged lexicon, built once per process.

    Appeals ("called on X to ...", "urged X to ...") are coded as REQUEST: PLOVER's REQUEST is "all requests,
    demands, and orders". Only the quad evaluation turns them off, because its CAMEO-derived gold labels
    appeals as neutral statements (see ``redline.evaluate.quad``).
    """
    return EventCoder(appeals=True)


def code_doc(
    doc: Any, *, article_id: str | None = None, published: str | None = None, quotes: Sequence[Quote] = ()
) -> list[Event]:
    """Events of one parsed text (a spaCy ``Doc``); offsets are relative to ``doc.text``.

    :param doc: the parse
    :param article_id: id carried by the events (and hashed into their ids)
    :param published: publication date, ISO 8601; relative dates resolve against it
    :param quotes: the article's stored quotes (their speakers act in speech-act events)
    """
    return default_coder().code(doc, article_id=article_id, published=published, quotes=quotes)


def code_texts(
    items: Iterable[tuple[str, str, str | None]], *, batch_size: int = 32, coder: EventCoder | None = None
) -> Iterator[tuple[str, list[Event]]]:
    """Code ``(id, text, date)`` items, parsing in batches with ``nlp.pipe``; yields ``(id, events)`` in order.

    :param items: id, text and publication date (ISO 8601 or None) of each input
    :param batch_size: texts per ``nlp.pipe`` batch
    :param coder: the coder to use (default: ``default_coder()``)
    """
    from redline.nlp import load_nlp

    coder = coder or default_coder()
    pairs = ((_masked_dateline(text), (item_id, text, published)) for item_id, text, published in items)
    for doc, (item_id, text, published) in load_nlp().pipe(pairs, as_tuples=True, batch_size=batch_size):
        quotes = find_quotes(doc, item_id, published)
        actors = actor_context(parse_published(published))
        actors.read_dateline(text)  # the dateline still says where the report was filed from
        yield item_id, coder.code(doc, article_id=item_id, published=published, quotes=quotes, actors=actors)


def _masked_dateline(text: str) -> str:
    """The text with its wire dateline ("SANAA, March 26 (Reuters) - ") blanked, offsets kept: ingest strips it
    from articles, and in a raw text the filing city is no party to what the report tells."""
    lead = len(text) - len(text.lstrip())
    length = dateline_length(text[lead:])
    return text[:lead] + " " * length + text[lead + length :] if length else text


def find_quotes(doc: Any, item_id: str, published: str | None) -> list[Quote]:
    """Quotes of a text, so that speech acts get their speakers across sentences (as in the pipeline)."""
    return extract_quotes(doc, item_id, actors=quote_actor_context(published))
