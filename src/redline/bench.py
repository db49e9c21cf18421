"""`make bench`: Redline end to end against bare ``nlp.pipe`` on the same texts, measured in one run.

The corpus is synthesised from the bundled examples (paragraphs recombined into distinct articles, seeded),
so the benchmark needs nothing outside the repo. Each side runs in its own process so peak memory (RSS) is
its own. Numbers are ratios against the baseline measured in the same run, never absolute targets.
"""

from __future__ import annotations

import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

from redline.ingest import parse_input
from redline.ingest.sources import expand
from redline.records import Article

BASELINE = """
import json, sys, time
from redline.nlp import load_nlp
texts = [json.loads(line)["text"] for line in open(sys.argv[1], encoding="utf-8")]
nlp = load_nlp()
started = time.perf_counter()
for _ in nlp.pipe(texts, batch_size=16):
    pass
print(json.dumps({"seconds": time.perf_counter() - started}))
"""

REDLINE = """
import json, sys, time
from redline.nlp import load_nlp
from redline.pipeline import run
from redline.store import Store
load_nlp()
started = time.perf_counter()
with Store(sys.argv[2]) as store:
    result = run([sys.argv[1]], store, out_dir=sys.argv[3])
print(json.dumps({"seconds": time.perf_counter() - started, "stages": result.seconds, "counts": result.stages,
                  "articles": len(result.ingest.added)}))
"""


@dataclass
class BenchResult:
    articles: int
    words: int
    baseline_seconds: float
    redline_seconds: float
    baseline_peak_mb: float
    redline_peak_mb: float
    stage_seconds: dict[str, float] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def ratio(self) -> float:
        """Redline end-to-end time over bare parsing time (1.0 = no overhead beyond the parse)."""
        return self.redline_seconds / self.baseline_seconds if self.baseline_seconds else float("nan")

    def as_dict(self) -> dict[str, object]:
        data = asdict(self)
        data["ratio"] = self.ratio
        data["redline_articles_per_s"] = self.articles / self.redline_seconds if self.redline_seconds else None
        data["baseline_articles_per_s"] = self.articles / self.baseline_seconds if self.baseline_seconds else None
        return data


def example_articles(folder: Path) -> list[Article]:
    return [a for raw in expand([str(folder)]) for a in parse_input(raw) if isinstance(a, Article)]


def synthesise(articles: list[Article], count: int, *, seed: int = 7) -> list[dict[str, str]]:
    """``count`` distinct articles recombined from the examples' paragraphs (each a plausible report)."""
    rng = random.Random(seed)
    paragraphs = [(a, p) for a in articles for p in a.text.split("\n\n") if len(p.split()) >= 12]
    rows = []
    for n in range(count):
        lead = rng.choice(articles)
        body = [p for p in lead.text.split("\n\n")][:3] + [p for _, p in rng.sample(paragraphs, 4)]
        rng.shuffle(body[1:])
        rows.append(
            {
                "id": f"bench-{n}",
                "title": f"{lead.title or 'Report'} ({n})",
                "text": "\n\n".join(body),
                "published": lead.published or "2022-01-10",
                "url": f"https://bench.example.org/{n}",
            }
        )
    return rows


def _run(script: str, *args: str) -> tuple[dict, float]:
    """Run a script in a fresh interpreter; returns its JSON output and its peak RSS in MB."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    done = subprocess.run([sys.executable, "-c", script, *args], capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"benchmark process failed:\n{done.stderr[-3000:]}")
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return json.loads(done.stdout.strip().splitlines()[-1]), max(peak, before) / 1024


def run_bench(examples: Path, *, count: int = 1000, workdir: Path | None = None) -> BenchResult:
    """Synthesise ``count`` articles, then time bare nlp.pipe and `redline run` on them."""
    work = Path(workdir or tempfile.mkdtemp(prefix="redline-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    rows = synthesise(example_articles(examples), count)
    corpus = work / "corpus.jsonl"
    corpus.write_text("".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows), encoding="utf-8")
    db = work / "bench.db"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    baseline, baseline_peak = _run(BASELINE, str(corpus))
    started = time.perf_counter()
    redline, redline_peak = _run(REDLINE, str(corpus), str(db), str(work / "out"))
    del started
    return BenchResult(
        articles=redline["articles"],
        words=sum(len(row["text"].split()) for row in rows),
        baseline_seconds=baseline["seconds"],
        redline_seconds=redline["seconds"],
        baseline_peak_mb=baseline_peak,
        redline_peak_mb=redline_peak,
        stage_seconds=redline["stages"],
        counts=redline["counts"],
    )


def plot(result: BenchResult, path: Path) -> Path:
    """Bar chart: time per stage next to the bare parse baseline."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    names = ["nlp.pipe (baseline)", *result.stage_seconds]
    values = [result.baseline_seconds, *result.stage_seconds.values()]
    fig, ax = plt.subplots(figsize=(7, 3.2))
    ax.barh(names, values, color=["#888"] + ["#c0392b"] * len(result.stage_seconds))
    ax.invert_yaxis()
    ax.set_xlabel("seconds")
    ax.set_title(f"Redline on {result.articles} articles: {result.ratio:.2f}x bare nlp.pipe")
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return path
