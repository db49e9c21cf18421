"""The `redline` command group, shared options and the progress display. Commands live in sibling modules."""

from __future__ import annotations

import functools
import json
import logging
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

import click

from redline.errors import RedlineError
from redline.queries import QueryError
from redline.store import DEFAULT_DB, Store

F = TypeVar("F", bound=Callable[..., Any])
Q = TypeVar("Q")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("-v", "--verbose", count=True, help="Log more (-v info, -vv debug).")
@click.version_option(package_name="redline")
def cli(verbose: int) -> None:
    """Redline: raw news reports in, sourced political event data out."""
    level = logging.WARNING - 10 * min(verbose, 2)
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s", stream=sys.stderr)


def _print_codebook(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    if not value or ctx.resilient_parsing:
        return
    from redline.event_table import codebook_markdown

    click.echo(codebook_markdown(), nl=False)
    ctx.exit()


def codebook_option(func: F) -> F:
    """`--codebook`: print the event table's codebook and stop (before any database is opened)."""
    return click.option(
        "--codebook",
        is_flag=True,
        is_eager=True,
        expose_value=False,
        callback=_print_codebook,
        help="Print the codebook of the event table (every column: type, meaning, example) and exit.",
    )(func)


@cli.group()
@codebook_option
def export() -> None:
    """Export a table (articles, quotes, events, stories) as JSONL, CSV or Parquet."""


@cli.group(name="eval")
def evaluate() -> None:
    """Score Redline against a gold file: precision, recall, F1."""


def db_option(func: F | None = None, *, create: bool = False) -> Any:
    """`--db FILE` on every command; the store is opened for the command and passed as ``store``.

    Only commands that write (``create=True``: ingest, run) may start a new database; the others refuse a path
    that does not exist instead of creating an empty database and reporting nothing found.
    """

    def decorate(command: F) -> F:
        @click.option("--db", "db_path", default=DEFAULT_DB, show_default=True, help="SQLite database file.")
        @functools.wraps(command)
        def wrapper(*args: Any, db_path: str, **kwargs: Any) -> Any:
            if not create:
                require_db(db_path)
            try:
                with Store(db_path) as store:
                    return command(*args, store=store, **kwargs)
            except QueryError as exc:
                raise bad_query(exc) from exc
            except RedlineError as exc:
                raise click.ClickException(str(exc)) from exc

        return wrapper  # type: ignore[return-value]

    return decorate(func) if func is not None else decorate


def require_db(db_path: str) -> None:
    """A usage error (exit 2) when there is no database file at ``db_path``."""
    if not Path(db_path).is_file():
        raise click.BadParameter(
            f"no database at {db_path!r}; create one with `redline run PATH… --db {db_path}`, or name the right file",
            param_hint="'--db'",
        )


def bad_query(exc: QueryError) -> click.BadParameter:
    """A query value the query objects refused, as a usage error naming the option (exit 2)."""
    return click.BadParameter(exc.message, param_hint=f"'--{exc.param}'")


def build_query(query_type: type[Q], **fields: Any) -> Q:
    """A query object from command options; a bad value is a usage error that lists the valid values."""
    try:
        return query_type(**fields)
    except QueryError as exc:
        raise bad_query(exc) from exc


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
