"""The main job: ingest inputs, then run every registered stage over the articles that still need it.

Resumable: each stage records the articles it finished (in the same transaction as its output), so a
killed run picks up where it stopped and a re-run adds nothing twice.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from redline.ingest import IngestResult, ingest_paths
from redline.registry import STAGES, Progress, no_progress, ordered
from redline.store import Store

LOGGER = logging.getLogger(__name__)

# Modules that register stages when imported; a module not yet written is skipped.
STAGE_MODULES = (
    "redline.stages.nlp",
    "redline.stages.quotes",
    "redline.stages.events",
    "redline.stages.stories",
)


@dataclass
class RunResult:
    ingest: IngestResult
    stages: dict[str, int] = field(default_factory=dict)
    outputs: dict[str, str] = field(default_factory=dict)


def load_stages() -> None:
    for module in STAGE_MODULES:
        try:
            importlib.import_module(module)
        except ModuleNotFoundError as exc:
            if exc.name != module:
                raise


def run_stages(store: Store, *, progress: Progress = no_progress, only: Sequence[str] | None = None) -> dict[str, int]:
    """Run registered stages in order over pending articles; returns what each produced."""
    load_stages()
    counts: dict[str, int] = {}
    for item in ordered(STAGES):
        if only is not None and item.name not in only:
            continue
        pending = store.pending(item.name) if item.per_article else store.article_ids()
        counts[item.name] = item.run(store, pending, progress)
    return counts


def run(
    paths: Sequence[str], store: Store, *, progress: Progress = no_progress, out_dir: str | None = None
) -> RunResult:
    """`redline run`: ingest, then every stage, then the HTML report in ``out_dir``."""
    result = RunResult(ingest=ingest_paths(paths, store, progress=progress))
    result.stages = run_stages(store, progress=progress)
    if out_dir is not None:
        result.outputs = write_outputs(store, Path(out_dir))
    return result


def write_outputs(store: Store, out_dir: Path) -> dict[str, str]:
    """The files a run leaves for people: the HTML report (once the report stage exists)."""
    try:
        from redline.report import build_report
    except ModuleNotFoundError as exc:
        if exc.name != "redline.report":
            raise
        return {}
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / "report.html"
    build_report(store, path)
    return {"report": str(path)}
