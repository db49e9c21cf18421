"""Commands over quotes: `quotes`, `export quotes`, `eval quotes`, `eval polnear`. Each parses options, calls the
library and formats what it returns."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from redline.cli.main import build_query, cli, db_option, evaluate, export, write_jsonl
from redline.errors import RedlineError
from redline.evaluate.polnear import SPLITS, PolnearScores, evaluate_polnear
from redline.evaluate.quotes import QuoteScores, evaluate_store, read_gold
from redline.export import FORMATS, write_rows
from redline.queries import QuoteQuery
from redline.records import Quote
from redline.store import Store

EXPORT_FIELDS = ("id", "article_id", "text", "kind", "cue", "speaker", "audience", "sentence_index", "start", "end")


def quote_row(quote: Quote) -> dict[str, Any]:
    """A quote as exported: the issue's fields plus the statement link (speaker nested, with its kb id)."""
    row = quote.as_dict()
    ordered = {name: row[name] for name in EXPORT_FIELDS}
    ordered["statement_id"] = row["statement_id"]
    return ordered


@cli.command("quotes")
@db_option
@click.option("--speaker", help="Only speakers whose name or mention contains this (case-insensitive).")
@click.option("--article", "article_id", help="Only quotes of this article id.")
@click.option("--limit", type=int, default=None, help="At most this many quotes.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line instead of a table.")
def quotes_command(store: Store, speaker: str | None, article_id: str | None, limit: int | None, as_json: bool) -> None:
    """List quotes with their speakers: direct, indirect and mixed speech."""
    articles = (article_id,) if article_id else None
    found = store.quotes(build_query(QuoteQuery, article_ids=articles, speaker=speaker, limit=limit))
    if as_json:
        write_jsonl((quote_row(q) for q in found), sys.stdout)
        return
    if not found:
        click.echo("No quotes found (run `redline run` first, or loosen --speaker/--article).")
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(caption=f"{len(found)} quotes")
    for column in ("speaker", "role", "kind", "cue", "quote", "article", "sent"):
        table.add_column(column, overflow="fold")
    for quote in found:
        who = quote.speaker.name or (f"? ({quote.speaker.mention})" if quote.speaker.mention else "?")
        role = " ".join(filter(None, (quote.speaker.country, quote.speaker.role))) or ""
        text = quote.text if len(quote.text) <= 160 else quote.text[:157] + "..."
        table.add_row(who, role, quote.kind, quote.cue or "", text, quote.article_id[:12], str(quote.sentence_index))
    Console(width=max(120, Console().width)).print(table)


@export.command("quotes")
@db_option
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="jsonl", show_default=True)
@click.option("--out", "out_path", help="Output file (default: standard output; required for parquet).")
@click.option("--speaker", help="Only speakers whose name or mention contains this.")
def export_quotes(store: Store, fmt: str, out_path: str | None, speaker: str | None) -> None:
    """Export quotes: id, article_id, text, kind, cue, speaker{...}, audience, sentence_index, start, end."""
    rows = [quote_row(q) for q in store.quotes(build_query(QuoteQuery, speaker=speaker))]
    try:
        count = write_rows(rows, fmt, out_path)
    except ValueError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"exported {count} quotes" + (f" to {out_path}" if out_path else ""), err=True)


@evaluate.command("quotes")
@click.argument("gold_path", metavar="GOLD.jsonl", type=click.Path(exists=True, dir_okay=False))
@db_option
@click.option("--json", "as_json", is_flag=True, help="Print the scores as one JSON object.")
@click.option("--details", is_flag=True, help="Also list missed, spurious and wrongly attributed quotes.")
def eval_quotes(store: Store, gold_path: str, as_json: bool, details: bool) -> None:
    """Score quotes against GOLD.jsonl: precision/recall by span, and speaker accuracy."""
    scores = evaluate_store(store, read_gold(gold_path))
    if as_json:
        click.echo(json.dumps(scores.as_dict(), ensure_ascii=False, indent=2))
        return
    for line in score_lines(scores, details=details):
        click.echo(line)


def score_lines(scores: QuoteScores, *, details: bool = False) -> list[str]:
    """The human-readable report of :func:`redline.evaluate.quotes.score_quotes`."""
    lines = [
        f"quotes    precision {scores.precision:.3f}  recall {scores.recall:.3f}  F1 {scores.f1:.3f}  "
        f"(gold {scores.gold}, predicted {scores.predicted}, matched {scores.matched})",
        f"speakers  accuracy {scores.speaker_accuracy:.3f} over {scores.matched} matched quotes "
        f"({scores.speaker_unknown} unknown, {scores.speaker_wrong} wrong)",
    ]
    if scores.kind_total:
        lines.append(f"kinds     accuracy {scores.kind_correct / scores.kind_total:.3f} over {scores.kind_total}")
    if scores.unlocated:
        lines.append(f"warning: {len(scores.unlocated)} gold quotes not found in their article (counted as missed)")
    if details:
        lines.extend(f"  missed   line {m['line']}: {m['text']!r} ({m['speaker']})" for m in scores.missed)
        lines.extend(f"  spurious {s['article_id']}: {s['text'][:80]!r} ({s['speaker']})" for s in scores.spurious)
        lines.extend(
            f"  speaker  line {e['line']}: {e['text']!r} gold {e['gold']!r}, got {e['predicted']!r}"
            for e in scores.speaker_errors
        )
    return lines


def _default_polnear() -> Path:
    """../shared/gold/polnear_dev from the working directory, else beside the repository."""
    here = Path("../shared/gold/polnear_dev")
    return here if here.is_dir() else Path(__file__).resolve().parents[3].parent / "shared" / "gold" / "polnear_dev"


@evaluate.command("polnear")
@click.argument("directory", metavar="[DIR]", required=False, type=click.Path(file_okay=False))
@click.option("--split", type=click.Choice(SPLITS), default="tune", show_default=True, help="Which half to score.")
@click.option("--json", "as_json", is_flag=True, help="Print the scores as one JSON object.")
@click.option("--details", type=int, default=0, help="Also list up to N misses, spurious quotes and speaker errors.")
def eval_polnear(directory: str | None, split: str, as_json: bool, details: int) -> None:
    """Score quotes and speakers on PolNeAR's real US news (default DIR ../shared/gold/polnear_dev)."""
    path = Path(directory) if directory else _default_polnear()
    try:
        scores = evaluate_polnear(path, split=split)
    except RedlineError as exc:
        raise click.ClickException(str(exc)) from exc
    if as_json:
        click.echo(json.dumps(scores.as_dict(), ensure_ascii=False, indent=2))
        return
    for line in polnear_lines(scores, details=details):
        click.echo(line)


def polnear_lines(scores: PolnearScores, *, details: int = 0) -> list[str]:
    """The human-readable report of :func:`redline.evaluate.polnear.evaluate_polnear`."""
    lines = [
        f"PolNeAR {scores.split}: {scores.articles} articles, {scores.predicted} predicted quotes, "
        f"precision {scores.precision:.3f}",
        f"speech    recall {scores.recall_speech:.3f}  F1 {scores.f1_speech:.3f}  "
        f"({scores.found_speech} of {scores.gold_speech} speech attributions)",
        f"all       recall {scores.recall_all:.3f}  F1 {scores.f1_all:.3f}  "
        f"({scores.found_all} of {scores.gold_all} attributions)",
        f"speakers  accuracy {scores.speaker_accuracy:.3f} over {scores.speaker_judged} "
        f"({scores.speaker_unknown} unknown, {scores.speaker_wrong} wrong; {scores.speaker_unjudged} sources name "
        "no one)",
    ]
    if details:
        lines.extend(
            f"  missed   {m['article'][:40]}: {m['text'][:90]!r} ({m['cue']})" for m in scores.missed[:details]
        )
        lines.extend(
            f"  spurious {s['article'][:40]}: {s['text'][:90]!r} ({s['speaker']})" for s in scores.spurious[:details]
        )
        lines.extend(
            f"  speaker  {e['article'][:40]}: {e['text'][:60]!r} gold {e['gold']!r}, got {e['predicted']!r}"
            f" ({e['mention']!r})"
            for e in scores.speaker_errors[:details]
        )
    return lines
