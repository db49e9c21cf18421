"""The benchmark harness runs both sides on the same synthesised texts and reports ratios (tiny corpus here)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import EXAMPLES
from redline.bench import example_articles, synthesise
from redline.cli import cli


def test_synthesised_articles_are_distinct_and_reproducible() -> None:
    articles = example_articles(EXAMPLES)
    first, again = synthesise(articles, 30), synthesise(articles, 30)
    assert first == again
    assert len({row["text"] for row in first}) == 30
    assert all(len(row["text"].split()) > 100 for row in first)


@pytest.mark.slow
def test_bench_command_reports_ratio_memory_and_a_plot(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["bench", "--examples", str(EXAMPLES), "--articles", "12", "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    data = json.loads((tmp_path / "bench.json").read_text())
    assert data["articles"] == 12 and data["baseline_seconds"] > 0 and data["ratio"] > 0
    assert {"ingest", "nlp", "quotes", "events", "stories"} <= set(data["stage_seconds"])
    assert data["redline_peak_mb"] > 0 and (tmp_path / "bench.png").stat().st_size > 1000
    assert "bare nlp.pipe" in result.output and "redline run" in result.output
