"""`redline bench`: Redline against bare nlp.pipe, stage by stage, with memory, incremental add, Dask scaling and
parse linearity; a readable table on stdout, the numbers in bench.json and a chart in bench.png."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from redline.cli.main import cli


def _fmt(value: float | None, digits: int = 1) -> str:
    return "" if value is None else f"{value:.{digits}f}"


def _main_table(result: dict[str, Any]) -> Any:
    from rich.table import Table

    bare, full = result["baseline"], result["redline"]
    table = Table(title=f"{result['articles']} articles, {result['words']:,} words, {result['machine']['cpus']} CPUs")
    for column in ("run", "seconds", "articles/s", "x bare time"):
        table.add_column(column, justify="left" if column == "run" else "right")
    table.add_row("bare nlp.pipe (spaCy as shipped)", _fmt(bare["seconds"]), _fmt(bare["articles_per_s"]), "1.00")
    table.add_row(
        "redline run (end to end)", _fmt(full["seconds"]), _fmt(full["articles_per_s"]), _fmt(result["time_ratio"], 2)
    )
    for name, seconds in full["stages"].items():
        table.add_row(f"  stage {name}", _fmt(seconds), "", _fmt(seconds / bare["seconds"], 2))
    return table


def _memory_table(result: dict[str, Any]) -> Any:
    from rich.table import Table

    table = Table(title="peak memory, MB")
    for column in ("run", "own peak RSS", "whole process tree, peak PSS"):
        table.add_column(column, justify="left" if column == "run" else "right")
    for label, key in (("bare nlp.pipe", "baseline"), ("redline run", "redline")):
        part = result[key]
        table.add_row(label, _fmt(part["peak_rss_mb"], 0), _fmt(part["tree_peak_mb"], 0))
    return table


def _extra_tables(result: dict[str, Any]) -> list[Any]:
    from rich.table import Table

    tables = []
    if inc := result["incremental"]:
        table = Table(title=f"adding {inc['new']} new articles (redline run, report included)")
        table.add_column("into")
        table.add_column("seconds", justify="right")
        table.add_row("an empty store", _fmt(inc["alone_seconds"]))
        table.add_row(f"the store of {inc['store_articles']}", _fmt(inc["into_store_seconds"]))
        table.add_row("ratio", _fmt(inc["ratio"], 2))
        tables.append(table)
    if rows := result["dask"]:
        table = Table(title=f"engines on {rows[0]['articles']} articles")
        for column in ("engine", "workers", "seconds", "articles/s", "cluster start s"):
            table.add_column(column, justify="right")
        for row in rows:
            table.add_row(
                row["engine"],
                str(row["workers"]),
                _fmt(row["seconds"]),
                _fmt(row["articles_per_s"], 2),
                _fmt(row["cluster_start_seconds"]),
            )
        tables.append(table)
    if rows := result["parse_linearity"]:
        table = Table(title="redline.nlp.parse on one article (flat µs/char = linear)")
        for column in ("characters", "tokens", "seconds", "µs per char"):
            table.add_column(column, justify="right")
        for row in rows:
            table.add_row(
                f"{row['chars']:,}", f"{row['tokens']:,}", _fmt(row["seconds"], 2), _fmt(row["us_per_char"], 2)
            )
        tables.append(table)
    return tables


@cli.command()
@click.option("--examples", default="examples", show_default=True, help="Folder the corpus is built from.")
@click.option(
    "--articles",
    "count",
    type=click.IntRange(min=1),
    default=1000,
    show_default=True,
    help="Corpus size (10000 for the memory figure at 10k).",
)
@click.option("--out", "out_dir", default="out/bench", show_default=True, help="bench.json, bench.png and work files.")
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    default=None,
    help="Worker processes of the redline run (default: what `redline run` uses, one per CPU up to 4).",
)
@click.option(
    "--new",
    type=click.IntRange(min=0),
    default=100,
    show_default=True,
    help="Articles added to the built store (0: skip).",
)
@click.option("--dask", is_flag=True, help="Also run a small corpus on Dask LocalClusters (slow to start).")
@click.option(
    "--dask-articles",
    type=click.IntRange(min=1),
    default=100,
    show_default=True,
    help="Corpus size of the engine runs.",
)
@click.option(
    "--dask-workers",
    type=click.IntRange(min=1),
    multiple=True,
    default=(1, 2),
    show_default=True,
    help="Dask worker counts (repeat the option).",
)
@click.option(
    "--parse-max",
    type=click.IntRange(min=0),
    default=1_000_000,
    show_default=True,
    help="Largest parse-linearity article, characters (0: skip).",
)
@click.option("--parse-5mb", "huge", is_flag=True, help="Add a 5 MB article to parse linearity.")
def bench(
    examples: str,
    count: int,
    out_dir: str,
    workers: int | None,
    new: int,
    dask: bool,
    dask_articles: int,
    dask_workers: tuple[int, ...],
    parse_max: int,
    huge: bool,
) -> None:
    """Benchmark Redline end to end against bare spaCy nlp.pipe on the same texts (see docs/performance.md)."""
    from rich.console import Console

    from redline.bench import HUGE, PARSE_SIZES, BenchOptions, plot, run_bench
    from redline.engine import default_workers

    sizes = tuple(size for size in PARSE_SIZES if size <= parse_max) + ((HUGE,) if huge else ())
    options = BenchOptions(count, workers or default_workers(), new, dask, dask_articles, tuple(dask_workers), sizes)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    result = run_bench(Path(examples), options, workdir=out, progress=lambda message: click.echo(message, err=True))
    console = Console()
    for table in (_main_table(result), _memory_table(result), *_extra_tables(result)):
        console.print(table)
    (out / "bench.json").write_text(json.dumps(result, indent=2), encoding="utf-8")
    click.echo(f"results: {out / 'bench.json'}, chart: {plot(result, out / 'bench.png')}")
