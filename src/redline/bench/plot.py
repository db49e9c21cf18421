"""The benchmark chart: one PNG with a panel per figure, so a reader sees the whole run at a glance."""

from __future__ import annotations

from pathlib import Path
from typing import Any


def _stages(ax: Any, result: dict[str, Any]) -> None:
    stages = result["redline"]["stages"]
    names = ["bare nlp.pipe", "redline run", *(f"  {name}" for name in stages)]
    values = [result["baseline"]["seconds"], result["redline"]["seconds"], *stages.values()]
    ax.barh(names, values, color=["#888", "#c0392b"] + ["#e6a19a"] * len(stages))
    ax.invert_yaxis()
    ax.set_xlabel("seconds")
    ax.set_title(f"{result['articles']} articles: redline / bare = {result['time_ratio']:.2f}x time")


def _linearity(ax: Any, rows: list[dict[str, Any]]) -> None:
    ax.plot([row["chars"] for row in rows], [row["us_per_char"] for row in rows], marker="o", color="#2c7fb8")
    ax.set_xscale("log")
    ax.set_ylim(bottom=0)
    ax.set_xlabel("characters in one article")
    ax.set_ylabel("µs per character")
    ax.set_title("redline.nlp.parse: flat = linear")


def _dask(ax: Any, rows: list[dict[str, Any]]) -> None:
    labels = [f"{row['engine']} {row['workers']}" for row in rows]
    ax.bar(labels, [row["articles_per_s"] or 0 for row in rows], color="#41ab5d")
    ax.set_ylabel("articles/s")
    ax.set_title(f"engines on {rows[0]['articles']} articles")


def _incremental(ax: Any, inc: dict[str, Any]) -> None:
    labels = [f"{inc['new']} alone", f"{inc['new']} onto {inc['store_articles']}"]
    ax.bar(labels, [inc["alone_seconds"], inc["into_store_seconds"]], color=["#888", "#c0392b"])
    ax.set_ylabel("seconds")
    ax.set_title(f"incremental add: {inc['ratio']:.2f}x alone")


def plot(result: dict[str, Any], path: Path) -> Path:
    """Stages against the baseline, parse linearity, and (when measured) the incremental add and Dask scaling."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    panels = [lambda ax: _stages(ax, result)]
    if result.get("parse_linearity"):
        panels.append(lambda ax: _linearity(ax, result["parse_linearity"]))
    if result.get("incremental"):
        panels.append(lambda ax: _incremental(ax, result["incremental"]))
    if result.get("dask"):
        panels.append(lambda ax: _dask(ax, result["dask"]))
    columns = min(2, len(panels))
    rows = -(-len(panels) // columns)
    fig, axes = plt.subplots(rows, columns, figsize=(6 * columns, 3.6 * rows), squeeze=False)
    for index, ax in enumerate(axes.flat):
        if index < len(panels):
            panels[index](ax)
        else:
            ax.set_visible(False)
    fig.tight_layout()
    fig.savefig(path, dpi=100)
    plt.close(fig)
    return path
