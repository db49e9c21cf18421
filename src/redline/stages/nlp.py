"""Registers the NLP stage: parse each pending article once and cache the parse in the store.

Parsing is the heavy part of a run, so it goes through the current engine (local or Dask): workers parse
batches and return bytes and sentence records; the driver writes them.
"""

from __future__ import annotations

from collections.abc import Sequence

from redline import engine, nlp
from redline.records import Sentence
from redline.registry import Progress, stage
from redline.store import Store

BATCH = 16
MODEL = f"{nlp.MODEL_NAME}-{nlp.MODEL_VERSION}"

Parsed = tuple[str, bytes, list[Sentence]]


def parse_batch(batch: list[tuple[str, str]]) -> list[Parsed]:
    """(article id, text) pairs to (id, DocBin bytes, sentences): pure, so it can run on any worker."""
    out: list[Parsed] = []
    for doc, article_id in nlp.load_nlp().pipe(batch, as_tuples=True, batch_size=BATCH):
        out.append((article_id, nlp.doc_to_bytes(doc), nlp.sentences_of(article_id, doc)))
    return out


@stage("nlp", provides=("docs", "sentences"))
def parse_pending(store: Store, article_ids: Sequence[str], progress: Progress) -> int:
    """Parse articles in batches; each batch is written and marked done in one transaction."""
    progress("nlp", total=len(article_ids))
    batches = (
        [(a.text, a.id) for a in store.articles(ids=article_ids[offset : offset + BATCH])]
        for offset in range(0, len(article_ids), BATCH)
    )
    count = 0
    for parsed in engine.current().map(parse_batch, batches):
        with store.atomic():
            for article_id, doc_bytes, sentences in parsed:
                store.add_parse(article_id, MODEL, doc_bytes, sentences)
            store.mark_done("nlp", [article_id for article_id, _, _ in parsed])
        count += len(parsed)
        progress("nlp", advance=len(parsed))
    return count


def load_doc(store: Store, article_id: str) -> nlp.Doc | None:
    """The cached parse of an article (None when the NLP stage has not run on it)."""
    data = store.doc_bytes(article_id)
    return nlp.doc_from_bytes(data) if data is not None else None
