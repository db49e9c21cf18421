"""NLP-stage throughput: Redline's parse-and-quotes path against bare ``nlp.pipe`` on the same texts.

The Redline path is what the nlp and quotes stages do per article, without the database: parse with the pinned
pipeline (line-break sentence starts included), serialise the parse for the cache and read it back, build the
sentence records, and extract quotes with speakers resolved by the actor resolver (when installed). The baseline
is the same model, loaded as shipped, piping the same texts. Both are timed after a warm-up, in this process, so
the ratio compares like with like.
"""

from __future__ import annotations

import time
from typing import Any

from redline import nlp
from redline.quotes import actor_context, extract_quotes


def bench_nlp(texts: list[str], *, batch_size: int = nlp.BATCH_SIZE, actors: bool = True) -> dict[str, Any]:
    """Time both paths on ``texts``; returns articles, seconds and articles/s for each, and their ratio.

    :param texts: article texts (the same list feeds both paths).
    :param batch_size: ``nlp.pipe`` batch size for both.
    :param actors: resolve speakers with the actor resolver, as the quotes stage does.

    ``ratio`` is Redline's throughput over the baseline's (1.0: no overhead beyond the bare parse).
    """
    import spacy

    if not texts:
        raise ValueError("bench_nlp needs at least one text")
    redline_nlp = nlp.load_nlp()
    bare_nlp = spacy.load(nlp.MODEL_NAME)
    for pipeline in (redline_nlp, bare_nlp):
        list(pipeline.pipe(texts[:2], batch_size=batch_size))
    if actors:
        actor_context(None)  # load the knowledge base before timing, as a run loads it once

    started = time.perf_counter()
    for _ in bare_nlp.pipe(texts, batch_size=batch_size):
        pass
    bare_seconds = time.perf_counter() - started

    started = time.perf_counter()
    quotes = 0
    for index, doc in enumerate(redline_nlp.pipe(texts, batch_size=batch_size)):
        article_id = f"bench-{index}"
        cached = nlp.doc_from_bytes(nlp.doc_to_bytes(doc))
        nlp.sentences_of(article_id, cached)
        context = actor_context(None) if actors else None
        quotes += len(extract_quotes(cached, article_id, actors=context))
    redline_seconds = time.perf_counter() - started

    count = len(texts)
    bare_rate = count / bare_seconds if bare_seconds else float("inf")
    redline_rate = count / redline_seconds if redline_seconds else float("inf")
    return {
        "articles": count,
        "words": sum(len(text.split()) for text in texts),
        "quotes": quotes,
        "bare_seconds": bare_seconds,
        "bare_articles_per_s": bare_rate,
        "redline_seconds": redline_seconds,
        "redline_articles_per_s": redline_rate,
        "ratio": redline_rate / bare_rate if bare_rate else float("nan"),
    }
