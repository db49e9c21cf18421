"""Registers the NLP stage: parse each pending article once and cache the parse in the store."""

from __future__ import annotations

from collections.abc import Sequence

from redline import nlp
from redline.registry import Progress, stage
from redline.store import Store

BATCH = 16


@stage("nlp", provides=("docs", "sentences"))
def parse_pending(store: Store, article_ids: Sequence[str], progress: Progress) -> int:
    """Parse articles in batches with ``nlp.pipe``; each batch is written and marked done in one transaction."""
    progress("nlp", total=len(article_ids))
    count = 0
    model = f"{nlp.MODEL_NAME}-{nlp.MODEL_VERSION}"
    for offset in range(0, len(article_ids), BATCH):
        batch = store.articles(ids=article_ids[offset : offset + BATCH])
        with store.atomic():
            for article, doc in nlp.parse_articles(batch):
                store.add_parse(article.id, model, nlp.doc_to_bytes(doc), nlp.sentences_of(article.id, doc))
                count += 1
            store.mark_done("nlp", [a.id for a in batch])
        progress("nlp", advance=len(batch))
    return count


def load_doc(store: Store, article_id: str) -> nlp.Doc | None:
    """The cached parse of an article (None when the NLP stage has not run on it)."""
    data = store.doc_bytes(article_id)
    return nlp.doc_from_bytes(data) if data is not None else None
