"""Commands over stories and their analysis: `stories`, `export stories`, `dyads`, `alerts`, `report`,
`eval stories`. Each parses options, calls the library and formats what it returns."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import click

from redline import analysis
from redline.cli.main import build_query, cli, db_option, evaluate, export, write_jsonl
from redline.errors import RedlineError
from redline.evaluate.stories import (
    align_gold,
    align_reports,
    coverage,
    evaluate_stories,
    event_scores,
    read_event_gold,
    read_gold,
)
from redline.export import FORMATS, write_rows
from redline.queries import EventQuery, StoryQuery
from redline.records import Story
from redline.report import build_report
from redline.store import Store


def story_row(story: Story) -> dict[str, Any]:
    """A story as exported: its record plus ``size`` (number of articles)."""
    row = story.as_dict()
    row["size"] = len(story.articles)
    return row


def _since_until(func: Any) -> Any:
    func = click.option("--until", help="Only up to this date (YYYY-MM-DD).")(func)
    return click.option("--since", help="Only from this date (YYYY-MM-DD).")(func)


@cli.command("stories")
@db_option
@_since_until
@click.option("--order", default="recent", show_default=True, help="recent (latest first) or size (largest first).")
@click.option("--limit", type=int, default=50, show_default=True, help="How many stories.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line instead of a table.")
def stories_command(store: Store, since: str | None, until: str | None, order: str, limit: int, as_json: bool) -> None:
    """List stories: articles about one real-world event across outlets and languages."""
    found = store.stories(build_query(StoryQuery, since=since, until=until, order=order, limit=limit))
    if as_json:
        write_jsonl((story_row(story) for story in found), sys.stdout)
        return
    if not found:
        click.echo("No stories yet: run `redline run` first.")
        return
    for story in found:
        span = story.start or "undated"
        if story.end and story.end != story.start:
            span += f"..{story.end}"
        click.echo(
            f"{story.id}  {len(story.articles):>3} art  {len(story.outlets):>2} outlets  "
            f"{','.join(story.languages) or '-':<8} {span:<22} {story.title}"
        )


@export.command("stories")
@db_option
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="jsonl", show_default=True)
@click.option("--out", "out_path", help="Output file (default: standard output; required for parquet).")
def export_stories(store: Store, fmt: str, out_path: str | None) -> None:
    """Export stories with id, title, articles, outlets, languages, start, end, size."""
    rows = [story_row(story) for story in store.stories(StoryQuery(order="size"))]
    try:
        count = write_rows(rows, fmt, out_path)
    except ValueError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"exported {count} stories" + (f" to {out_path}" if out_path else ""), err=True)


def _dyad_lines(dyads: Iterable[analysis.Dyad]) -> Iterable[str]:
    yield f"{'dyad':<28} {'events':>6} {'Q1':>4} {'Q2':>4} {'Q3':>4} {'Q4':>4} {'intensity':>9} {'conflict':>8}  span"
    for dyad in dyads:
        quads = [sum(day.counts[q] for day in dyad.days) for q in range(4)]
        span = f"{dyad.days[0].date}..{dyad.days[-1].date}" if dyad.days else ""
        yield (
            f"{dyad.label:<28} {dyad.events:>6} {quads[0]:>4} {quads[1]:>4} {quads[2]:>4} {quads[3]:>4} "
            f"{dyad.intensity:>9.1f} {dyad.conflict:>8.1f}  {span}"
        )


@cli.command("dyads")
@db_option
@_since_until
@click.option(
    "--top", type=click.IntRange(min=1), default=10, show_default=True, help="How many dyads (most events first)."
)
@click.option("--json", "as_json", is_flag=True, help="One JSON object per dyad, with its daily series.")
def dyads_command(store: Store, since: str | None, until: str | None, top: int, as_json: bool) -> None:
    """The most active actor → recipient pairs (merged events counted once)."""
    period = build_query(EventQuery, since=since, until=until)
    found = analysis.dyads(store, since=period.since, until=period.until, top=top)
    if as_json:
        write_jsonl((dyad.as_dict() for dyad in found), sys.stdout)
    elif not found:
        click.echo("No dated events between two actors yet.")
    else:
        for line in _dyad_lines(found):
            click.echo(line)


@cli.command("alerts")
@db_option
@_since_until
@click.option(
    "--min-reports",
    type=click.IntRange(min=1),
    default=analysis.AlertParams().min_reports,
    show_default=True,
    help="An act counts when it has at least this many reports ...",
)
@click.option(
    "--min-confidence",
    type=click.FloatRange(0, 1),
    default=analysis.AlertParams().min_confidence,
    show_default=True,
    help="... or was coded with at least this confidence.",
)
@click.option("--json", "as_json", is_flag=True, help="One JSON object per alert, with its rule and evidence.")
def alerts_command(
    store: Store, since: str | None, until: str | None, min_reports: int, min_confidence: float, as_json: bool
) -> None:
    """Escalation alerts: days when a dyad's conflict rose sharply above its own 7-day baseline, counting only
    asserted acts that are well reported or surely coded; each alert shows its rule and evidence."""
    period = build_query(EventQuery, since=since, until=until)
    params = analysis.AlertParams(min_reports=min_reports, min_confidence=min_confidence)
    found = analysis.alerts(store, since=period.since, until=period.until, params=params)
    if as_json:
        write_jsonl((alert.as_dict() for alert in found), sys.stdout)
        return
    if not found:
        click.echo("No escalation alerts.")
        return
    for alert in found:
        click.echo(f"{alert.date}  {alert.actor} → {alert.recipient}  {alert.kind}  score {alert.score:g}")
        click.echo(f"  rule: {alert.rule}")
        for item in alert.evidence:
            click.echo(f"  [{item.outlet or item.article_id}] {item.event_type} {item.sentence}  ({item.article_id})")


@cli.command("report")
@db_option
@click.option("--out", "out_path", type=click.Path(dir_okay=False), default="report.html", show_default=True)
def report_command(store: Store, out_path: str) -> None:
    """Write a self-contained HTML report (stories, merged events, quotes, dyad plots) that works offline."""
    path = build_report(store, out_path)
    click.echo(f"report written to {path}")


@evaluate.command("stories")
@click.argument("gold", type=click.Path(exists=True, dir_okay=False))
@db_option
@click.option("--json", "as_json", is_flag=True, help="Print the scores as one JSON object.")
def eval_stories(gold: str, store: Store, as_json: bool) -> None:
    """Score stories (articles -> story) and merged events (reports -> event) against GOLD: pairwise and BCubed
    P/R/F1 at both levels. GOLD is TSV (article_id, story_id) or JSON Lines of story and report lines."""
    try:
        truth = read_gold(Path(gold))
        report_lines = read_event_gold(Path(gold))
    except RedlineError as exc:
        raise click.ClickException(str(exc)) from exc
    articles = store.articles()
    truth = align_gold(truth, articles)
    predicted = store.story_assignments()
    scores = evaluate_stories(truth, predicted)
    clustered, total = coverage(truth, predicted)
    acts = event_scores(store, align_reports(report_lines, articles)) if report_lines else None
    if as_json:
        payload: dict[str, Any] = {name: value.as_dict() for name, value in scores.items()}
        payload["articles"] = {"gold": total, "clustered": clustered}
        if acts is not None:
            payload["events"] = acts.as_dict()
        click.echo(json.dumps(payload))
        return
    click.echo(f"{'stories':<16} {'P':>6} {'R':>6} {'F1':>6}")
    for name, value in scores.items():
        click.echo(f"{name:<16} {value.precision:>6.3f} {value.recall:>6.3f} {value.f1:>6.3f}")
    click.echo(f"{clustered} of {total} gold articles clustered")
    if acts is not None:
        click.echo(f"{'events':<16} {'P':>6} {'R':>6} {'F1':>6}")
        rows = [("pairwise", acts.pairwise), ("bcubed", acts.bcubed)]
        rows += [("pairwise, coded", acts.coded_pairwise), ("bcubed, coded", acts.coded_bcubed)]
        for name, value in rows:
            click.echo(f"{name:<16} {value.precision:>6.3f} {value.recall:>6.3f} {value.f1:>6.3f}")
        click.echo(f"{acts.found} of {acts.reports} gold reports coded, {acts.acts} gold events")
