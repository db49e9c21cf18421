"""Time the event coder alone (no parsing): articles per second over the example corpus, best of N rounds.

Usage: .venv/bin/python scripts/time_event_coder.py [--rounds 5] [--copies 10]

The example articles are ingested into a temporary store and parsed once (with their quotes); then the coder
runs over the cached parses ``rounds`` times and the fastest round is reported. This isolates the events stage
from spaCy, so changes to the rules can be compared before and after on the same machine. CPU time is
reported next to wall time because a shared machine's load changes wall time from run to run.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from redline.events import default_coder, find_quotes
from redline.ingest import ingest_paths
from redline.nlp import load_nlp
from redline.store import Store


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--copies", type=int, default=10, help="each article coded this many times per round")
    parser.add_argument("--examples", default="examples")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        store = Store(Path(folder) / "t.db")
        ingest_paths([args.examples], store)
        articles = [a for a in store.articles() if not a.duplicate_of]
        store.close()
    nlp = load_nlp()
    docs = list(nlp.pipe(a.text for a in articles))
    prepared = [(a, d, find_quotes(d, a.id, a.published)) for a, d in zip(articles, docs, strict=True)]
    coder = default_coder()
    coder.code(docs[0], article_id="warm-up")
    best = best_cpu = float("inf")
    events = 0
    for _ in range(args.rounds):
        start, start_cpu = time.perf_counter(), time.process_time()
        events = 0
        for _copy in range(args.copies):
            for article, doc, quotes in prepared:
                events += len(coder.code(doc, article_id=article.id, published=article.published, quotes=quotes))
        best = min(best, time.perf_counter() - start)
        best_cpu = min(best_cpu, time.process_time() - start_cpu)
    count = len(prepared) * args.copies
    print(
        f"{count} articles, {events} events per round; best of {args.rounds}: "
        f"wall {best:.2f} s = {count / best:.1f} articles/s, CPU {best_cpu:.2f} s = {count / best_cpu:.1f} articles/s"
    )


if __name__ == "__main__":
    main()
