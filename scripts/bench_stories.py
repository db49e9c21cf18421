"""Time the stories stage adding 100 articles to stores of 0, 1k and 5k articles (see redline.stories.benchmark).

.venv/bin/python scripts/bench_stories.py [--bases 0 1000 5000] [--new 100] [--per-day 100] [--work DIR]
"""

from __future__ import annotations

import argparse
import json
import tempfile
from pathlib import Path

from redline.bench import example_articles
from redline.stories.benchmark import incremental_cost

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bases", type=int, nargs="+", default=[0, 1000, 5000])
    parser.add_argument("--new", type=int, default=100)
    parser.add_argument("--per-day", type=int, default=100)
    parser.add_argument("--work", type=Path, default=None)
    args = parser.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="redline-stories-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    results = incremental_cost(
        example_articles(ROOT / "examples"), work, bases=args.bases, new=args.new, per_day=args.per_day, progress=print
    )
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
