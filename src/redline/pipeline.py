"""The main job: ingest inputs, then run every registered stage over the articles that still need it.

Resumable: each stage records the articles it finished (in the same transaction as its output), so a
killed run picks up where it stopped and a re-run adds nothing twice.
"""

from __future__ import annotations

import importlib
import logging
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from redline.ingest import IngestResult, ingest_paths
from redline.records import Failure
from redline.registry import STAGES, Progress, Stage, no_progress, ordered
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
    seconds: dict[str, float] = field(default_factory=dict)


def load_stages() -> None:
    for module in STAGE_MODULES:
        try:
            importlib.import_module(module)
        except ModuleNotFoundError as exc:
            if exc.name != module:
                raise


def run_stages(
    store: Store,
    *,
    progress: Progress = no_progress,
    only: Sequence[str] | None = None,
    seconds: dict[str, float] | None = None,
) -> dict[str, int]:
    """Run registered stages in order over pending articles; returns what each produced.

    ``seconds``, when given, receives each stage's wall time (for benchmarks).
    """
    load_stages()
    counts: dict[str, int] = {}
    for item in ordered(STAGES):
        if only is not None and item.name not in only:
            continue
        started = time.perf_counter()
        pending = store.pending(item.name) if item.per_article else store.article_ids()
        counts[item.name] = _run_guarded(item, store, pending, progress)
        if seconds is not None:
            seconds[item.name] = time.perf_counter() - started
    return counts


def _run_guarded(item: Stage, store: Store, pending: Sequence[str], progress: Progress) -> int:
    """Run a stage; if the batch fails, retry article by article and quarantine the ones that still fail.

    One bad article never kills a run: its failure is stored with the stage's name and the error, and it
    is marked done for that stage so the rest of the pipeline goes on (a later fix can re-run it).
    """
    try:
        return item.run(store, pending, progress)
    except Exception:
        if not item.per_article:
            raise
        LOGGER.exception("stage %s failed on a batch; retrying article by article", item.name)
    count = 0
    for article_id in store.pending(item.name):
        try:
            count += item.run(store, [article_id], progress)
        except Exception as exc:
            LOGGER.warning("%s: stage %s failed: %s", article_id, item.name, exc)
            store.quarantine(
                Failure(source=article_id, reason="stage_error", stage=item.name, detail=f"{type(exc).__name__}: {exc}")
            )
            store.mark_done(item.name, [article_id])
    return count


def run(
    paths: Sequence[str], store: Store, *, progress: Progress = no_progress, out_dir: str | None = None
) -> RunResult:
    """`redline run`: ingest, then every stage, then the HTML report in ``out_dir``."""
    started = time.perf_counter()
    result = RunResult(ingest=ingest_paths(paths, store, progress=progress))
    result.seconds["ingest"] = time.perf_counter() - started
    result.stages = run_stages(store, progress=progress, seconds=result.seconds)
    if out_dir is not None:
        started = time.perf_counter()
        result.outputs = write_outputs(store, Path(out_dir))
        result.seconds["report"] = time.perf_counter() - started
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
