"""Registers the NLP stage: parse each pending article once and cache the parse in the store.

Parsing is the heavy part of a run, so it goes through the current engine (worker processes under a time
budget, or Dask): workers parse chunks and return bytes and sentence records; the driver writes them.
"""

from __future__ import annotations

from collections.abc import Sequence

from redline import nlp
from redline.records import Article, Sentence
from redline.registry import Progress, stage
from redline.stages import ArticleWork, run_articles
from redline.store import Store

BATCH = 16
MODEL = f"{nlp.MODEL_NAME}-{nlp.MODEL_VERSION}"

Parsed = tuple[bytes, list[Sentence]]


def parse_payloads(payloads: list[tuple[str, str]]) -> list[Parsed]:
    """(article id, text) pairs to (DocBin bytes, sentences), in order: pure, so it can run on any worker."""
    out: list[Parsed] = []
    pairs = ((text, article_id) for article_id, text in payloads)
    for doc, article_id in nlp.parse_pairs(pairs, batch_size=BATCH):
        out.append((nlp.doc_to_bytes(doc), nlp.sentences_of(article_id, doc)))
    return out


def _prepare(store: Store, articles: list[Article]) -> list[tuple[str, str]]:
    return [(article.id, article.text) for article in articles]


def _write(store: Store, article_id: str, parsed: Parsed) -> int:
    doc_bytes, sentences = parsed
    store.add_parse(article_id, MODEL, doc_bytes, sentences)
    return 1


WORK = ArticleWork("nlp", _prepare, parse_payloads, _write, warm=nlp.load_nlp)


@stage("nlp", provides=("docs", "sentences"))
def parse_pending(store: Store, article_ids: Sequence[str], progress: Progress) -> int:
    """Parse articles chunk by chunk; each batch is written and marked done in one transaction."""
    return run_articles(store, WORK, article_ids, progress)


def load_doc(store: Store, article_id: str) -> nlp.Doc | None:
    """The cached parse of an article (None when the NLP stage has not run on it)."""
    data = store.doc_bytes(article_id)
    return nlp.doc_from_bytes(data) if data is not None else None
