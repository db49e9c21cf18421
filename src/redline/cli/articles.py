"""`redline run`, `ingest`, `articles`, `show`, `quarantine` and `export articles`."""

from __future__ import annotations

from typing import Any

import click

from redline.cli.main import build_query, cli, db_option, export, progress_bars, silent_option
from redline.engine.budget import DEFAULT_TIMEOUT
from redline.export import FORMATS, write_rows
from redline.ingest import IngestResult, ingest_paths, private_hosts_allowed
from redline.ingest.raw import MAX_ARTICLE_CHARS
from redline.queries import ArticleQuery
from redline.records import Article
from redline.store import Store


def article_row(article: Article) -> dict[str, Any]:
    """The export shape of an article (see ``Article.public_dict``)."""
    return article.public_dict()


def echo_summary(store: Store) -> None:
    summary = store.article_summary()
    languages = ", ".join(f"{lang} {n}" for lang, n in summary["languages"].items()) or "none"
    click.echo(f"articles      {summary['articles']}  ({summary['translated']} machine-translated)")
    click.echo(f"outlets       {summary['outlets']}")
    click.echo(f"languages     {languages}")
    click.echo(f"dates         {summary['first'] or '-'} .. {summary['last'] or '-'}")
    click.echo(f"duplicates    {summary['duplicates']}")
    click.echo(f"quarantined   {summary['quarantined']}  (see `redline quarantine --db {store.path}`)")


allow_private_hosts_option = click.option(
    "--allow-private-hosts",
    is_flag=True,
    help="Let URLs (and feed links) reach loopback, private and link-local hosts; refused by default.",
)

max_chars_option = click.option(
    "--max-article-chars",
    type=click.IntRange(min=1),
    default=MAX_ARTICLE_CHARS,
    show_default=True,
    help="Longest article text accepted; longer ones are quarantined as too_long (a dump, not a report).",
)


def _exit_if_nothing(result: IngestResult) -> None:
    if not result.ok:
        raise click.ClickException(
            f"nothing could be ingested: all {len(result.failed)} input(s) failed; "
            "see `redline quarantine` for the reasons"
        )


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@db_option(create=True)
@silent_option
@max_chars_option
@allow_private_hosts_option
def ingest(
    paths: tuple[str, ...], store: Store, silent: bool, max_article_chars: int, allow_private_hosts: bool
) -> None:
    """Ingest files, folders, globs, - (stdin) and http(s) article or feed URLs."""
    with progress_bars(silent) as progress:
        result = ingest_paths(
            paths, store, progress=progress, max_chars=max_article_chars, allow_private_hosts=allow_private_hosts
        )
    click.echo(f"added {len(result.added)}, already stored {len(result.skipped)}, quarantined {len(result.failed)}")
    _exit_if_nothing(result)


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@db_option(create=True)
@silent_option
@click.option("--out", "out_dir", default="out", show_default=True, help="Folder for the report and exports.")
@click.option(
    "--engine",
    type=click.Choice(["local", "dask"]),
    default="local",
    show_default=True,
    help="Where parsing runs: this process, or a Dask cluster.",
)
@click.option("--scheduler", help="Dask scheduler address (default: start a LocalCluster).")
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    default=None,
    help="Worker processes (local: one per CPU, at most 4; dask: 2).",
)
@click.option(
    "--article-timeout",
    type=click.FloatRange(min=0.1),
    default=DEFAULT_TIMEOUT,
    show_default=True,
    help="Seconds one article may take in one stage (per 20,000 characters); past it, it is quarantined.",
)
@click.option("--retry-quarantined", is_flag=True, help="Try the articles a stage quarantined once more.")
@max_chars_option
@allow_private_hosts_option
def run(
    paths: tuple[str, ...],
    store: Store,
    silent: bool,
    out_dir: str,
    engine: str,
    scheduler: str | None,
    workers: int | None,
    article_timeout: float,
    retry_quarantined: bool,
    max_article_chars: int,
    allow_private_hosts: bool,
) -> None:
    """The main job: ingest PATHS, then every stage (parse, quotes, events, stories, report)."""
    from contextlib import nullcontext

    from redline.engine import Budget, default_workers, using
    from redline.pipeline import RunOptions
    from redline.pipeline import run as run_pipeline

    options = RunOptions(article_timeout, workers or default_workers(), retry_quarantined, max_article_chars)
    if engine == "dask":
        from redline.engine.dask import dask_engine

        cluster = dask_engine(scheduler, workers=workers or 2, budget=Budget(article_timeout))
    else:
        cluster = nullcontext(None)
    with (
        cluster as chosen,
        using(chosen) if chosen else nullcontext(),
        progress_bars(silent) as progress,
        private_hosts_allowed(allow_private_hosts),
    ):
        result = run_pipeline(paths, store, progress=progress, out_dir=out_dir, options=options)
    if result.retried:
        click.echo(f"retried {result.retried} quarantined article(s)")
    click.echo(
        f"added {len(result.ingest.added)}, already stored {len(result.ingest.skipped)}, "
        f"quarantined {len(result.ingest.failed)}"
    )
    echo_summary(store)
    for name, count in result.stages.items():
        click.echo(f"{name:<13} {count}")
    click.echo(f"\nresults: {store.path}")
    for label, path in result.outputs.items():
        click.echo(f"{label}: {path}")
    _exit_if_nothing(result.ingest)


@cli.command()
@db_option
@click.option("--outlet", help="Only this outlet (domain or name).")
@click.option("--language", help="Only this body language (ISO 639-1).")
@click.option("--since", help="Published on or after (YYYY-MM-DD).")
@click.option("--until", help="Published on or before (YYYY-MM-DD).")
@click.option("--search", help="Substring of title or text.")
@click.option("--duplicates/--originals", default=None, help="Only duplicates, or only first copies.")
@click.option("--limit", type=int, default=None)
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line.")
def articles(store: Store, as_json: bool, **filters: Any) -> None:
    """List ingested articles."""
    rows = store.articles(build_query(ArticleQuery, **filters))
    if as_json:
        write_rows((article_row(a) for a in rows), "jsonl", None)
        return
    for article in rows:
        flags = ("T" if article.translated else "-") + ("D" if article.duplicate_of else "-")
        click.echo(
            f"{article.id}  {(article.published or '-')[:10]:<10}  {article.outlet or '-':<22.22}  "
            f"{article.language or '-':<2} {flags}  {article.title or '(no title)'}"
        )
    click.echo(f"{len(rows)} article(s)", err=True)


@cli.command()
@click.argument("article_id")
@db_option
@click.option("--removed", is_flag=True, help="Also list the lines cleaning removed, with their rules.")
@click.option("--raw", is_flag=True, help="Print the raw input instead.")
def show(article_id: str, store: Store, removed: bool, raw: bool) -> None:
    """Show one article: metadata and cleaned text."""
    article = store.article(article_id)
    if raw:
        click.echo(article.raw)
        return
    for name in (
        "id",
        "title",
        "published",
        "outlet",
        "url",
        "language",
        "title_language",
        "translated",
        "duplicate_of",
        "source",
    ):
        click.echo(f"{name:<15} {getattr(article, name)}")
    click.echo("")
    click.echo(article.text)
    if removed:
        click.echo(f"\n-- removed ({len(article.removed)}) --")
        for item in article.removed:
            click.echo(f"[{item.rule}] {item.text}")


@cli.command()
@db_option
def quarantine(store: Store) -> None:
    """Inputs that could not be ingested, with the reason."""
    failures = store.quarantined()
    for failure in failures:
        click.echo(f"{failure.stage:<7} {failure.reason:<15} {failure.source}\n        {failure.detail}")
    click.echo(f"{len(failures)} quarantined", err=True)


@export.command("articles")
@db_option
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="jsonl", show_default=True)
@click.option("--out", help="Output file (default: standard output; required for parquet).")
def export_articles(store: Store, fmt: str, out: str | None) -> None:
    """Export articles (cleaned text, metadata, removed lines)."""
    try:
        count = write_rows((article_row(a) for a in store.articles()), fmt, out)
    except ValueError as exc:
        raise click.UsageError(str(exc)) from exc
    click.echo(f"exported {count} article(s)" + (f" to {out}" if out else ""), err=True)
