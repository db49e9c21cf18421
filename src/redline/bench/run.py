"""`redline bench` orchestration: each figure is measured by a fresh child process (``redline.bench.child``) on
texts written once to the work folder, and every ratio is against a baseline measured in the same run."""

from __future__ import annotations

import json
import os
import platform
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from redline.bench.corpus import example_articles, long_text, synthesise, write_corpus
from redline.records import Article

PARSE_SIZES = (1_000, 10_000, 100_000, 1_000_000)
HUGE = 5_000_000


@dataclass(frozen=True)
class BenchOptions:
    """What one `redline bench` measures (see the CLI's help for each)."""

    count: int = 1000
    workers: int = 1
    new: int = 100
    dask: bool = False
    dask_articles: int = 100
    dask_workers: tuple[int, ...] = (1, 2)
    parse_sizes: tuple[int, ...] = PARSE_SIZES
    batch_size: int = 32


def child(kind: str, config: dict[str, Any], work: Path) -> dict[str, Any]:
    """Run one measurement in a fresh interpreter; its last stdout line is its JSON result."""
    path = work / f"config-{kind}.json"
    path.write_text(json.dumps(config), encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "redline.bench.child", kind, str(path)], capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        raise RuntimeError(f"benchmark process {kind} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def _fresh_db(path: Path) -> Path:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    return path


def _rate(articles: int, seconds: float) -> float | None:
    return round(articles / seconds, 2) if seconds else None


def end_to_end(rows: list[dict[str, str]], work: Path, options: BenchOptions) -> dict[str, Any]:
    """Bare ``nlp.pipe`` and `redline run` on the same corpus: times, rates, per-stage seconds, memory."""
    corpus = write_corpus(rows, work / "corpus.jsonl")
    bare = child("baseline", {"corpus": str(corpus), "batch_size": options.batch_size}, work)
    db = _fresh_db(work / "bench.db")
    config = {"corpus": str(corpus), "db": str(db), "out": str(work / "out"), "workers": options.workers}
    full = child("redline", config, work)
    count = len(rows)
    bare["articles_per_s"] = _rate(count, bare["seconds"])
    bare["batch_size"] = options.batch_size
    full["articles_per_s"] = _rate(count, full["seconds"])
    full["workers"] = options.workers
    return {
        "baseline": bare,
        "redline": full,
        "time_ratio": full["seconds"] / bare["seconds"] if bare["seconds"] else None,
        "speedup": bare["seconds"] / full["seconds"] if full["seconds"] else None,
    }


def incremental(examples: list[Article], work: Path, options: BenchOptions) -> dict[str, Any]:
    """Seconds to add ``new`` unseen articles to the store the end-to-end run built, and into an empty store.

    Both are a full `redline run` (every stage and the report), so whatever grows with the store shows up in
    the ratio and in the per-stage seconds of each. The synthetic texts reuse the examples' paragraphs, so the
    built store's sentence-vector cache already holds many of the new articles' sentences: the store side is
    flattered by that (see docs/performance.md).
    """
    corpus = write_corpus(synthesise(examples, options.new, seed=11, prefix="new"), work / "new.jsonl")
    alone_config = {"corpus": str(corpus), "db": str(_fresh_db(work / "alone.db")), "out": str(work / "out-alone")}
    alone = child("redline", alone_config, work)
    onto = child("redline", {"corpus": str(corpus), "db": str(work / "bench.db"), "out": str(work / "out")}, work)
    return {
        "new": options.new,
        "store_articles": onto["stored"] - onto["articles"],
        "into_store_seconds": onto["seconds"],
        "alone_seconds": alone["seconds"],
        "ratio": onto["seconds"] / alone["seconds"] if alone["seconds"] else None,
        "into_store_stages": onto["stages"],
        "alone_stages": alone["stages"],
        "report_included": True,
    }


def dask_scaling(examples: list[Article], work: Path, options: BenchOptions) -> list[dict[str, Any]]:
    """The same small corpus (the main corpus's first articles) on the local engine (1 worker) and on a Dask
    LocalCluster of each worker count; the cluster's start is timed apart from the run."""
    corpus = write_corpus(synthesise(examples, options.dask_articles), work / "dask.jsonl")
    out = []
    for engine, workers in [("local", 1), *(("dask", n) for n in options.dask_workers)]:
        db = _fresh_db(work / f"{engine}-{workers}.db")
        result = child("redline", {"corpus": str(corpus), "db": str(db), "engine": engine, "workers": workers}, work)
        out.append(
            {
                "engine": engine,
                "workers": workers,
                "articles": result["articles"],
                "seconds": result["seconds"],
                "articles_per_s": _rate(result["articles"], result["seconds"]),
                "cluster_start_seconds": result["cluster_seconds"],
                "tree_peak_mb": result["tree_peak_mb"],
            }
        )
    return out


def parse_linearity(examples: list[Article], work: Path, options: BenchOptions) -> list[dict[str, Any]]:
    """``redline.nlp.parse`` time per character on one article of each size (flat means linear)."""
    paths = []
    for size in options.parse_sizes:
        path = work / f"parse-{size}.txt"
        path.write_text(long_text(examples, size), encoding="utf-8")
        paths.append(str(path))
    return child("parse", {"texts": paths}, work)["sizes"]


def machine() -> dict[str, Any]:
    """Where the numbers were measured: they mean little without it."""
    import spacy

    from redline import nlp

    return {
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "spacy": spacy.__version__,
        "model": f"{nlp.MODEL_NAME} {nlp.MODEL_VERSION}",
    }


def run_bench(
    examples: Path,
    options: BenchOptions | None = None,
    *,
    workdir: Path | None = None,
    progress: Callable[[str], None] = lambda message: None,
) -> dict[str, Any]:
    """Every figure of `redline bench`, as one JSON-ready dict (sections are ``None`` when not asked for)."""
    options = options or BenchOptions()
    work = Path(workdir or tempfile.mkdtemp(prefix="redline-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    source = example_articles(examples)
    rows = synthesise(source, options.count)
    result: dict[str, Any] = {
        "articles": options.count,
        "words": sum(len(row["text"].split()) for row in rows),
        "characters": sum(len(row["text"]) for row in rows),
        "machine": machine(),
    }
    progress(f"bare nlp.pipe and redline run on {options.count} articles")
    result.update(end_to_end(rows, work, options))
    result["incremental"] = None
    if options.new:
        progress(f"adding {options.new} new articles to the store, and to an empty one")
        result["incremental"] = incremental(source, work, options)
    result["dask"] = None
    if options.dask:
        progress(f"dask scaling on {options.dask_articles} articles")
        result["dask"] = dask_scaling(source, work, options)
    result["parse_linearity"] = []
    if options.parse_sizes:
        progress("parse linearity: " + ", ".join(f"{size:,}" for size in options.parse_sizes) + " characters")
        result["parse_linearity"] = parse_linearity(source, work, options)
    return result
