"""The `redline` command group, shared options and the progress display. Commands live in sibling modules."""

from __future__ import annotations

import functools
import json
import logging
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

import click

from redline.errors import RedlineError
from redline.store import DEFAULT_DB, Store

F = TypeVar("F", bound=Callable[..., Any])


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("-v", "--verbose", count=True, help="Log more (-v info, -vv debug).")
@click.version_option(package_name="redline")
def cli(verbose: int) -> None:
    """Redline: raw news reports in, sourced political event data out."""
    level = logging.WARNING - 10 * min(verbose, 2)
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s", stream=sys.stderr)


@cli.group()
def export() -> None:
    """Export a table (articles, quotes, events, stories) as JSONL, CSV or Parquet."""


@cli.group(name="eval")
def evaluate() -> None:
    """Score Redline against a gold file: precision, recall, F1."""


def db_option(func: F) -> F:
    """`--db FILE` on every command; the store is opened for the command and passed as ``store``."""

    @click.option("--db", "db_path", default=DEFAULT_DB, show_default=True, help="SQLite database file.")
    @functools.wraps(func)
    def wrapper(*args: Any, db_path: str, **kwargs: Any) -> Any:
        try:
            with Store(db_path) as store:
                return func(*args, store=store, **kwargs)
        except RedlineError as exc:
            raise click.ClickException(str(exc)) from exc

    return wrapper  # type: ignore[return-value]


def silent_option(func: F) -> F:
    return click.option("--silent", is_flag=True, help="No progress bars.")(func)


@contextmanager
def progress_bars(silent: bool = False) -> Iterator[Callable[..., None]]:
    """A progress callback drawing one rich bar per stage (counts and rate) on stderr."""
    if silent:
        yield lambda stage, *, advance=0, total=None: None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskProgressColumn, TextColumn, TimeElapsedColumn

    columns = (
        TextColumn("{task.description:<10}"),
        BarColumn(),
        MofNCompleteColumn(),
        TaskProgressColumn(),
        TextColumn("[dim]{task.fields[rate]}"),
        TimeElapsedColumn(),
    )
    tasks: dict[str, Any] = {}
    with Progress(*columns, console=Console(stderr=True), transient=False) as bars:

        def update(stage: str, *, advance: int = 0, total: int | None = None) -> None:
            if stage not in tasks:
                tasks[stage] = bars.add_task(stage, total=total, rate="")
            task_id = tasks[stage]
            if total is not None:
                bars.update(task_id, total=total)
            bars.advance(task_id, advance)
            task = bars.tasks[task_id]
            speed = task.speed
            bars.update(task_id, rate=f"{speed:.1f}/s" if speed else "")

        yield update


def write_jsonl(rows: Iterable[dict[str, Any]], out: Any) -> int:
    count = 0
    for row in rows:
        out.write(json.dumps(row, ensure_ascii=False) + "\n")
        count += 1
    return count
