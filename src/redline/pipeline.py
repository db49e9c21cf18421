"""The main job: ingest inputs, then run every registered stage over the articles that still need it.

Resumable: each stage records the articles it finished (in the same transaction as its output), so a
killed run picks up where it stopped and a re-run adds nothing twice.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from redline import engine
from redline.engine.budget import DEFAULT_TIMEOUT, Budget
from redline.ingest import IngestResult, ingest_paths
from redline.ingest.raw import MAX_ARTICLE_CHARS
from redline.records import Failure
from redline.registry import STAGES, Progress, Stage, no_progress, ordered
from redline.stages import load_stages
from redline.store import Store

LOGGER = logging.getLogger(__name__)


@dataclass
class RunResult:
    ingest: IngestResult
    stages: dict[str, int] = field(default_factory=dict)
    outputs: dict[str, str] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)
    retried: int = 0


@dataclass(frozen=True)
class RunOptions:
    """How stages run: the per-article time budget, worker processes, whether to retry quarantined work, and the
    longest article text ingest accepts."""

    article_timeout: float = DEFAULT_TIMEOUT
    workers: int = 1
    retry_quarantined: bool = False
    max_article_chars: int = MAX_ARTICLE_CHARS


def run_stages(
    store: Store,
    *,
    progress: Progress = no_progress,
    only: Sequence[str] | None = None,
    seconds: dict[str, float] | None = None,
    options: RunOptions | None = None,
) -> dict[str, int]:
    """Run registered stages in order over pending articles; returns what each produced.

    Per-article stages run under a time budget in worker processes (see ``redline.engine.budget``) unless
    the caller already chose an engine with ``engine.using``. ``seconds``, when given, receives each stage's
    wall time (for benchmarks).
    """
    load_stages()
    options = options or RunOptions()
    chosen = [item for item in ordered(STAGES) if only is None or item.name in only]
    if engine.is_set():
        return _run_in_order(store, chosen, progress, seconds)
    with engine.worker_processes(options.workers, Budget(options.article_timeout)):
        return _run_in_order(store, chosen, progress, seconds)


def _run_in_order(
    store: Store, chosen: Sequence[Stage], progress: Progress, seconds: dict[str, float] | None
) -> dict[str, int]:
    counts: dict[str, int] = {}
    with store.stage_lock():
        for item in chosen:
            counts[item.name] = _run_timed(item, store, progress, seconds)
    return counts


def _run_timed(item: Stage, store: Store, progress: Progress, seconds: dict[str, float] | None) -> int:
    """One stage over what is pending for it now (read under the stage lock, so never done twice)."""
    started = time.perf_counter()
    pending = store.pending(item.name) if item.per_article else store.article_ids()
    count = _run_guarded(item, store, pending, progress)
    if seconds is not None:
        seconds[item.name] = time.perf_counter() - started
    return count


def _run_guarded(item: Stage, store: Store, pending: Sequence[str], progress: Progress) -> int:
    """Run a stage; if the batch fails, retry article by article and quarantine the ones that still fail.

    Per-article stages isolate failures themselves (``redline.stages.run_articles``); this guard is for the
    others: one bad article never kills a run, its failure is stored with the stage's name and the error,
    and it is marked done for that stage so the rest of the pipeline goes on.
    """
    try:
        return item.run(store, pending, progress)
    except Exception:  # failure isolation lives here, in the stage runner, and nowhere else
        if not item.per_article:
            raise
        LOGGER.warning("stage %s failed on a batch; retrying article by article", item.name, exc_info=True)
    count = 0
    for article_id in store.pending(item.name):
        try:
            count += item.run(store, [article_id], progress)
        except Exception as exc:  # the article is quarantined with the error; the run goes on
            LOGGER.warning("%s: stage %s failed: %s", article_id, item.name, exc)
            store.quarantine(
                Failure(source=article_id, reason="stage_error", stage=item.name, detail=f"{type(exc).__name__}: {exc}")
            )
            store.mark_done(item.name, [article_id])
    return count


def retry_quarantined(store: Store) -> int:
    """Make the articles a stage quarantined pending again (from that stage on); returns how many."""
    load_stages()
    return store.reopen(store.failed_articles(), [item.name for item in ordered(STAGES)])


def run(
    paths: Sequence[str],
    store: Store,
    *,
    progress: Progress = no_progress,
    out_dir: str | None = None,
    options: RunOptions | None = None,
) -> RunResult:
    """`redline run`: ingest, then every stage, then the HTML report in ``out_dir``."""
    options = options or RunOptions()
    started = time.perf_counter()
    result = RunResult(ingest=ingest_paths(paths, store, progress=progress, max_chars=options.max_article_chars))
    result.seconds["ingest"] = time.perf_counter() - started
    if options.retry_quarantined:
        result.retried = retry_quarantined(store)
    result.stages = run_stages(store, progress=progress, seconds=result.seconds, options=options)
    if out_dir is not None:
        started = time.perf_counter()
        result.outputs = write_outputs(store, Path(out_dir))
        result.seconds["report"] = time.perf_counter() - started
    return result


def write_outputs(store: Store, out_dir: Path) -> dict[str, str]:
    """The files a run leaves for people: the HTML report (once the report stage exists)."""
    from redline.report import build_report

    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / "report.html"
    build_report(store, path)
    return {"report": str(path)}
