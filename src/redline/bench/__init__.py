"""`make bench`: Redline end to end against bare ``nlp.pipe`` on the same texts, with per-stage seconds, peak
memory, the incremental-add cost, Dask scaling and parse linearity, all measured in one run.

The corpus is synthesised from the bundled examples (paragraphs recombined into distinct articles, seeded),
so the benchmark needs nothing outside the repo. Each figure comes from its own process (``child``), so its
peak memory is its own. Numbers are ratios against a baseline measured in the same run, never absolute targets;
``docs/performance.md`` explains each figure and how to reproduce it.
"""

from __future__ import annotations

from redline.bench.corpus import example_articles, long_text, synthesise, write_corpus
from redline.bench.plot import plot
from redline.bench.run import HUGE, PARSE_SIZES, BenchOptions, run_bench

__all__ = [
    "HUGE",
    "PARSE_SIZES",
    "BenchOptions",
    "example_articles",
    "long_text",
    "plot",
    "run_bench",
    "synthesise",
    "write_corpus",
]
