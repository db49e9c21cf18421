"""What one benchmark process measures: ``python -m redline.bench.child KIND CONFIG.json`` prints one JSON line.

Each measurement runs in a fresh interpreter so its memory peak is its own and no model, cache or cluster
carries over from another. Models are loaded before the clock starts on both sides (the bare baseline would
otherwise pay its load inside the time and look slower than it is).
"""

from __future__ import annotations

import json
import sys
import time
from contextlib import AbstractContextManager, nullcontext
from pathlib import Path
from typing import Any

from redline.bench.memory import TreeSampler, peaks


def baseline(config: dict[str, Any]) -> dict[str, Any]:
    """Bare spaCy: the installed model as shipped, ``nlp.pipe`` over the full texts, one process."""
    import spacy

    from redline import nlp

    texts = [json.loads(line)["text"] for line in Path(config["corpus"]).read_text(encoding="utf-8").splitlines()]
    started = time.perf_counter()
    bare = spacy.load(nlp.MODEL_NAME)
    load = time.perf_counter() - started
    started = time.perf_counter()
    for _ in bare.pipe(texts, batch_size=config.get("batch_size", nlp.BATCH_SIZE)):
        pass
    return {"seconds": time.perf_counter() - started, "load_seconds": load, "texts": len(texts)}


def _engine(config: dict[str, Any]) -> AbstractContextManager[Any]:
    if config.get("engine") != "dask":
        return nullcontext(None)
    from redline.engine import Budget
    from redline.engine.dask import dask_engine

    return dask_engine(None, workers=config.get("workers", 2), budget=Budget())


def redline(config: dict[str, Any]) -> dict[str, Any]:
    """`redline run` end to end (ingest, every stage, the report) into ``config['db']``, on the chosen engine."""
    from redline.engine import using
    from redline.nlp import load_nlp
    from redline.pipeline import RunOptions, run
    from redline.store import Store

    load_nlp()
    options = RunOptions(workers=config.get("workers", 1))
    started = time.perf_counter()
    with _engine(config) as chosen, using(chosen) if chosen else nullcontext():
        cluster = time.perf_counter() - started
        started = time.perf_counter()
        with Store(config["db"]) as store:
            result = run([config["corpus"]], store, out_dir=config.get("out"), options=options)
            stored = len(store.article_ids())
        seconds = time.perf_counter() - started
    return {
        "seconds": seconds,
        "cluster_seconds": cluster if chosen else 0.0,
        "stages": result.seconds,
        "counts": result.stages,
        "articles": len(result.ingest.added),
        "stored": stored,
    }


def parse(config: dict[str, Any]) -> dict[str, Any]:
    """``redline.nlp.parse`` on one article of each size: seconds and microseconds per character."""
    from redline import nlp

    texts = [Path(path).read_text(encoding="utf-8") for path in config["texts"]]
    list(nlp.parse([texts[0][:2000]]))  # warm-up: model loaded, first-call costs paid
    rows = []
    for text in texts:
        started = time.perf_counter()
        docs = list(nlp.parse([text]))
        seconds = time.perf_counter() - started
        rows.append(
            {"chars": len(text), "tokens": len(docs[0]), "seconds": seconds, "us_per_char": seconds / len(text) * 1e6}
        )
        del docs
    return {"sizes": rows}


KINDS = {"baseline": baseline, "redline": redline, "parse": parse}


def main(argv: list[str]) -> None:
    kind, config_path = argv
    config = json.loads(Path(config_path).read_text(encoding="utf-8"))
    with TreeSampler() as sampler:
        result = KINDS[kind](config)
    result.update(peaks(sampler))
    print(json.dumps(result))


if __name__ == "__main__":
    main(sys.argv[1:])
