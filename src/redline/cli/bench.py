"""`redline bench`: throughput, peak memory and the ratio to bare nlp.pipe, as a table and a plot."""

from __future__ import annotations

import json
from pathlib import Path

import click

from redline.cli.main import cli


@cli.command()
@click.option("--examples", default="examples", show_default=True, help="Folder the corpus is built from.")
@click.option("--articles", "count", type=int, default=1000, show_default=True)
@click.option("--out", "out_dir", default="out/bench", show_default=True)
def bench(examples: str, count: int, out_dir: str) -> None:
    """Benchmark Redline end to end against bare spaCy nlp.pipe on the same texts."""
    from rich.console import Console
    from rich.table import Table

    from redline.bench import plot, run_bench

    out = Path(out_dir)
    click.echo(f"building {count} articles from {examples} and running both sides (a few minutes)...", err=True)
    result = run_bench(Path(examples), count=count, workdir=out)
    table = Table(title=f"Redline benchmark: {result.articles} articles, {result.words} words")
    for column in ("run", "seconds", "articles/s", "peak RSS MB", "ratio"):
        table.add_column(column, justify="right" if column != "run" else "left")
    table.add_row(
        "bare nlp.pipe",
        f"{result.baseline_seconds:.1f}",
        f"{result.articles / result.baseline_seconds:.1f}",
        f"{result.baseline_peak_mb:.0f}",
        "1.00",
    )
    table.add_row(
        "redline run",
        f"{result.redline_seconds:.1f}",
        f"{result.articles / result.redline_seconds:.1f}",
        f"{result.redline_peak_mb:.0f}",
        f"{result.ratio:.2f}",
    )
    for name, seconds in result.stage_seconds.items():
        rate = f"{result.articles / seconds:.1f}" if seconds else ""
        table.add_row(f"  stage {name}", f"{seconds:.1f}", rate, "", f"{seconds / result.baseline_seconds:.2f}")
    Console().print(table)
    (out / "bench.json").write_text(json.dumps(result.as_dict(), indent=2))
    click.echo(f"results: {out / 'bench.json'}, plot: {plot(result, out / 'bench.png')}")
