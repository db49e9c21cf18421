"""The benchmark harness runs every measurement on tiny sizes and reports every field (never timings: those
belong to `make bench` and docs/performance.md)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import EXAMPLES
from redline.bench import example_articles, long_text, synthesise
from redline.cli import cli

RUN_FIELDS = {"seconds", "articles_per_s", "stages", "counts", "peak_rss_mb", "tree_peak_mb", "workers"}
STAGES = {"ingest", "nlp", "quotes", "events", "stories", "report"}


def test_synthesised_articles_are_distinct_and_reproducible() -> None:
    articles = example_articles(EXAMPLES)
    first, again = synthesise(articles, 30), synthesise(articles, 30)
    assert first == again
    assert len({row["text"] for row in first}) == 30
    assert all(len(row["text"].split()) > 100 for row in first)
    others = synthesise(articles, 30, seed=11, prefix="new")
    assert not {row["id"] for row in first} & {row["id"] for row in others}


def test_long_text_is_real_prose_of_the_exact_size() -> None:
    text = long_text(example_articles(EXAMPLES), 25_000)
    assert len(text) == 25_000 and text.count("\n\n") > 10 and text.count(". ") > 50


@pytest.mark.slow
def test_bench_command_reports_every_figure(tmp_path: Path) -> None:
    args = ["bench", "--examples", str(EXAMPLES), "--articles", "5", "--new", "3", "--out", str(tmp_path)]
    args += ["--dask", "--dask-articles", "3", "--dask-workers", "1", "--parse-max", "10000"]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    data = json.loads((tmp_path / "bench.json").read_text())
    assert data["articles"] == 5 and data["words"] > 0 and data["machine"]["cpus"] >= 1
    assert {"seconds", "articles_per_s", "peak_rss_mb", "tree_peak_mb", "batch_size"} <= set(data["baseline"])
    assert set(data["redline"]) >= RUN_FIELDS and set(data["redline"]["stages"]) == STAGES
    assert data["redline"]["articles"] == 5 and data["redline"]["peak_rss_mb"] > 0
    assert data["time_ratio"] > 0 and data["speedup"] > 0
    incremental = data["incremental"]
    assert incremental["new"] == 3 and incremental["store_articles"] == 5
    assert incremental["alone_seconds"] > 0 and incremental["into_store_seconds"] > 0 and incremental["ratio"] > 0
    assert [(row["engine"], row["workers"], row["articles"]) for row in data["dask"]] == [
        ("local", 1, 3),
        ("dask", 1, 3),
    ]
    assert all(row["articles_per_s"] > 0 for row in data["dask"])
    assert [row["chars"] for row in data["parse_linearity"]] == [1_000, 10_000]
    assert all(row["tokens"] > 0 and row["us_per_char"] > 0 for row in data["parse_linearity"])
    assert (tmp_path / "bench.png").stat().st_size > 1000
    for label in (
        "bare nlp.pipe",
        "redline run",
        "stage stories",
        "peak memory",
        "new articles",
        "dask",
        "µs per char",
    ):
        assert label in result.output, label


@pytest.mark.slow
def test_bench_can_skip_the_optional_figures(tmp_path: Path) -> None:
    args = ["bench", "--examples", str(EXAMPLES), "--articles", "2", "--new", "0", "--parse-max", "0"]
    result = CliRunner().invoke(cli, [*args, "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    data = json.loads((tmp_path / "bench.json").read_text())
    assert data["incremental"] is None and data["dask"] is None and data["parse_linearity"] == []
