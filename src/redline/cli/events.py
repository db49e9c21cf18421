"""Commands over events: `code` (any text in, events out), `events`, `export events`, `eval plover|quad|spans`.

``redline code`` is the stable interface for coding arbitrary text. Input: JSON lines
``{"id": ..., "text": ..., "date": ...}`` (``date``, the publication date, ISO 8601, is optional) on stdin or from
``--in FILE``. Output: exactly one JSON line per input line, in input order::

    {"id": ..., "events": [EVENT, ...]}

where each EVENT has ``id``, ``event_type``, ``mode``, ``negated``, ``hypothetical``, ``future``, ``context``,
``actor`` and ``recipient`` (lists of ``{text, start, end, name, country, sector, role, kb_id}``), ``date``,
``date_end``, ``location``, ``place`` (``{name, country, feature, latitude, longitude, geonames_id, text, start,
end, article_id}`` or null), ``intensity``, ``quad``, ``confidence``, ``text`` (the evidence sentence), ``trigger``
(``{text, start, end}``), ``rule``, ``quote_id``, ``sentence_index`` (offsets are character offsets into the
input ``text``). No event is ``"events": []``. A line that cannot be read or coded gives
``{"id": ..., "events": [], "error": "..."}`` and the run goes on.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

import click

from redline.cli.main import build_query, cli, codebook_option, db_option, evaluate, export, write_jsonl
from redline.engine.budget import DEFAULT_TIMEOUT, alarm
from redline.event_table import write_event_table
from redline.export import FORMATS, write_rows
from redline.queries import EventQuery
from redline.records import Event
from redline.store import Store

# ../shared/gold next to the checkout (the gold files are read there, never copied into the repo)
SHARED_GOLD = Path(__file__).resolve().parents[3].parent / "shared" / "gold"
CHUNK = 64


def event_row(event: Event) -> dict[str, Any]:
    """An event as exported: every field, plus report and outlet counts for merged events."""
    row = event.as_dict()
    row["report_count"] = len(event.reports) or 1
    row["outlet_count"] = len({r.outlet for r in event.reports if r.outlet}) or (1 if event.reports else 0)
    return row


def flat_event_row(event: Event) -> dict[str, Any]:
    """A flat row for CSV/Parquet: actor/recipient summaries as columns, nested records as JSON text."""
    row = event_row(event)
    flat: dict[str, Any] = {}
    for name, value in row.items():
        if name in ("actor", "recipient"):
            flat[f"{name}_names"] = "; ".join(a.get("name") or a.get("text") or "" for a in value)
            flat[f"{name}_countries"] = "; ".join(a.get("country") or "" for a in value)
            flat[f"{name}_sectors"] = "; ".join(a.get("sector") or "" for a in value)
            flat[name] = json.dumps(value, ensure_ascii=False)
        elif name == "trigger":
            flat["trigger_text"], flat["trigger_start"], flat["trigger_end"] = (
                value["text"],
                value["start"],
                value["end"],
            )
        elif name == "context":
            flat["context"] = "; ".join(value)
        elif isinstance(value, list | dict):
            flat[name] = json.dumps(value, ensure_ascii=False)
        else:
            flat[name] = value
    return flat


def _parse(line: str, number: int) -> tuple[Any, str | None, str | None, str | None]:
    """``(id, text, date, error)`` of one input line."""
    try:
        data = json.loads(line)
    except json.JSONDecodeError as exc:
        return None, None, None, f"line {number}: not JSON ({exc.msg})"
    if not isinstance(data, dict):
        return None, None, None, f"line {number}: expected a JSON object"
    item_id = data.get("id")
    text = data.get("text")
    date = data.get("date")
    if not isinstance(text, str):
        return item_id, None, None, f"line {number}: 'text' must be a string"
    if date is not None and not isinstance(date, str):
        return item_id, None, None, f"line {number}: 'date' must be an ISO 8601 string"
    return item_id, text, date, None


def code_lines(lines: Iterator[str], out: IO[str], *, appeals: bool = True, batch_size: int = 32) -> tuple[int, int]:
    """Code JSONL input lines to ``out`` in order; returns (lines written, lines with an error)."""
    from redline.events import EventCoder, code_texts, default_coder

    coder = default_coder() if appeals else EventCoder(appeals=False)
    written = failed = 0
    chunk: list[tuple[int, str]] = []

    def flush() -> None:
        nonlocal written, failed
        parsed = [(number, *_parse(line, number)) for number, line in chunk]
        valid = [(str(number), text, date) for number, _, text, date, error in parsed if error is None]
        results: dict[str, Any] = {}
        try:
            with alarm(DEFAULT_TIMEOUT * max(1, len(valid))):
                for key, events in code_texts(valid, batch_size=batch_size, coder=coder):
                    results[key] = [e.as_dict() for e in events]
        except Exception:  # a failing or late batch is retried line by line: one text cannot sink its neighbours
            for item in valid:
                try:
                    with alarm(DEFAULT_TIMEOUT):
                        for key, events in code_texts([item], coder=coder):
                            results[key] = [e.as_dict() for e in events]
                except Exception as exc:  # the line gets an "error" field; the others are coded
                    results[item[0]] = exc
        for number, item_id, _text, _date, error in parsed:
            record: dict[str, Any] = {"id": item_id, "events": []}
            outcome = results.get(str(number)) if error is None else None
            if error is not None:
                record["error"] = error
            elif isinstance(outcome, Exception):
                record["error"] = f"line {number}: coding failed: {outcome}"
            else:
                record["events"] = outcome or []
            failed += "error" in record
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
            written += 1
        out.flush()
        chunk.clear()

    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        chunk.append((number, line))
        if len(chunk) >= CHUNK:
            flush()
    if chunk:
        flush()
    return written, failed


@cli.command("code")
@click.option("--in", "in_path", type=click.Path(exists=True, dir_okay=False), help="JSONL input (default: stdin).")
@click.option(
    "--appeals/--no-appeals",
    default=True,
    show_default=True,
    help="Code appeals ('called on X to ...') as REQUEST (PLOVER); --no-appeals follows CAMEO, where they are neutral.",
)
@click.option("--batch-size", type=int, default=32, show_default=True, help="Texts per spaCy batch.")
def code_command(in_path: str | None, appeals: bool, batch_size: int) -> None:
    """Code JSONL {"id", "text", "date"?} lines into PLOVER events: one {"id", "events"} line per input, in order."""
    handle = open(in_path, encoding="utf-8") if in_path else sys.stdin  # noqa: SIM115
    try:
        written, failed = code_lines(iter(handle), sys.stdout, appeals=appeals, batch_size=batch_size)
    finally:
        if in_path:
            handle.close()
    if failed:
        click.echo(f"{failed} of {written} lines had errors (see their 'error' field)", err=True)


@cli.command("events")
@db_option
@click.option("--type", "event_type", help="PLOVER type (AGREE, REQUEST, THREATEN, ...).")
@click.option("--actor", help="Actor country/organisation code or name.")
@click.option("--recipient", help="Recipient country/organisation code or name.")
@click.option("--since", help="From this date (YYYY-MM-DD).")
@click.option("--until", help="Up to this date (YYYY-MM-DD).")
@click.option("--quad", help="1 verbal coop, 2 material coop, 3 verbal conflict, 4 material conflict.")
@click.option("--mode", help="PLOVER mode (violence, troops, expel, ...).")
@click.option("--modality", help="How the act is reported: asserted, negated, hypothetical, future, claimed.")
@click.option("--story", help="Only events of this story.")
@click.option("--all", "all_reports", is_flag=True, help="Every report, not one row per merged act.")
@click.option("--limit", type=int, default=None, help="At most this many events.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line instead of a table.")
def events_command(
    store: Store,
    event_type: str | None,
    actor: str | None,
    recipient: str | None,
    since: str | None,
    until: str | None,
    quad: str | None,
    mode: str | None,
    modality: str | None,
    story: str | None,
    all_reports: bool,
    limit: int | None,
    as_json: bool,
) -> None:
    """List coded events: who did what to whom, when, and the sentence that says so."""
    query = build_query(
        EventQuery,
        event_type=event_type,
        actor=actor,
        recipient=recipient,
        since=since,
        until=until,
        quad=quad,
        mode=mode,
        modality=modality,
        story=story,
        canonical_only=not all_reports,
        limit=limit,
    )
    found = store.events(query)
    if as_json:
        write_jsonl((event_row(e) for e in found), sys.stdout)
        return
    if not found:
        click.echo("No events found (run `redline run` first, or loosen the filters).")
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(caption=f"{len(found)} events")
    for column in ("date", "actor", "type", "mode", "recipient", "flags", "conf", "evidence"):
        table.add_column(column, overflow="fold")
    for event in found:
        flags = " ".join(
            n for n, on in (("neg", event.negated), ("fut", event.future), ("hyp", event.hypothetical)) if on
        )
        when = event.date or "?"
        if event.date_end:
            when += f"..{event.date_end}"
        text = event.text.strip().replace("\n", " ")
        table.add_row(
            when,
            _who(event.actor),
            event.event_type,
            event.mode or "",
            _who(event.recipient),
            flags,
            f"{event.confidence:.2f}",
            text if len(text) <= 140 else text[:137] + "...",
        )
    Console(width=max(120, Console().width)).print(table)


def _who(actors: list) -> str:
    return ", ".join(a.name or a.country or a.text for a in actors) or "-"


@export.command("events")
@codebook_option
@db_option
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="jsonl", show_default=True)
@click.option("--out", "out_path", type=click.Path(dir_okay=False), help="Output file (default: stdout).")
@click.option("--all", "all_reports", is_flag=True, help="Every report, not one row per merged act.")
@click.option("--dyadic", is_flag=True, help="One row per actor → recipient pair (GDELT Actor1/Actor2), not per event.")
@click.option("--records", is_flag=True, help="The full event records (trigger, rule, disagreements), not the table.")
def export_events(store: Store, fmt: str, out_path: str | None, all_reports: bool, dyadic: bool, records: bool) -> None:
    """Export the event table (see --codebook) as JSONL, CSV or Parquet: one row per merged act, or per dyad."""
    if records and dyadic:
        raise click.UsageError("--dyadic shapes the event table; --records exports whole records, one per event")
    try:
        if records:
            found = store.events(EventQuery(canonical_only=not all_reports))
            rows = (event_row(e) for e in found) if fmt == "jsonl" else (flat_event_row(e) for e in found)
            count = write_rows(rows, fmt, out_path)
        else:
            count = write_event_table(store, fmt, out_path, dyadic=dyadic, all_reports=all_reports)
    except ValueError as exc:
        raise click.ClickException(str(exc)) from exc
    noun = "dyads" if dyadic else "events"
    click.echo(f"exported {count} {noun}" + (f" to {out_path}" if out_path else ""), err=True)


def _gold(path: str | None, name: str) -> str:
    if path:
        return path
    for folder in (SHARED_GOLD, Path.cwd().parent / "shared" / "gold"):
        if (folder / name).exists():
            return str(folder / name)
    raise click.ClickException(f"no gold file given and {SHARED_GOLD / name} does not exist")


@evaluate.command("plover")
@click.argument("gold", required=False, type=click.Path(exists=True, dir_okay=False))
@click.option("--limit", type=int, default=None, help="Score only the first N records.")
@click.option("--json", "as_json", is_flag=True, help="The report as JSON.")
def eval_plover(gold: str | None, limit: int | None, as_json: bool) -> None:
    """Score event types on a PLOVER gold file (default ../shared/gold/PLOVER_GSR_CAMEO.json)."""
    from redline.errors import RedlineError
    from redline.evaluate.plover import evaluate_plover
    from redline.evaluate.quad import format_report

    try:
        report = evaluate_plover(_gold(gold, "PLOVER_GSR_CAMEO.json"), limit=limit)
    except RedlineError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(json.dumps(report.as_dict()) if as_json else format_report(report, title="PLOVER event types"))


@evaluate.command("quad")
@click.argument("gold", required=False, type=click.Path(exists=True, dir_okay=False))
@click.option("--limit", type=int, default=None, help="Score only the first N sentences.")
@click.option("--json", "as_json", is_flag=True, help="The report as JSON.")
def eval_quad(gold: str | None, limit: int | None, as_json: bool) -> None:
    """Score quad classes on sentence<TAB>class gold (default ../shared/gold/cameo_quad_dev.tsv; 0 = no event)."""
    from redline.errors import RedlineError
    from redline.evaluate.quad import evaluate_quad, format_report

    try:
        report = evaluate_quad(_gold(gold, "cameo_quad_dev.tsv"), limit=limit)
    except RedlineError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(json.dumps(report.as_dict()) if as_json else format_report(report, title="quad classes"))


@evaluate.command("spans")
@click.argument("gold", required=False, type=click.Path(exists=True, dir_okay=False))
@click.option("--limit", type=int, default=None, help="Score only the first N sentences.")
@click.option("--json", "as_json", is_flag=True, help="The report as JSON.")
def eval_spans(gold: str | None, limit: int | None, as_json: bool) -> None:
    """Score actor/recipient spans on BIO gold (default ../shared/gold/cameo_actor_spans_dev.txt)."""
    from redline.errors import RedlineError
    from redline.evaluate.spans import evaluate_spans, format_span_report

    try:
        report = evaluate_spans(_gold(gold, "cameo_actor_spans_dev.txt"), limit=limit)
    except RedlineError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(json.dumps(report.as_dict()) if as_json else format_span_report(report))


DEV_SET = Path(__file__).resolve().parents[3] / "tests" / "resources" / "events"


@evaluate.command("events-dev")
@click.argument("files", nargs=-1, type=click.Path(exists=True, dir_okay=False))
@click.option("--split", type=click.Choice(["tune", "held"]), help="Only this half of the set.")
@click.option("--shared", type=click.Path(file_okay=False), help="The ../shared folder references point into.")
@click.option("--details", is_flag=True, help="List every sentence not coded right.")
@click.option("--by-kind", is_flag=True, help="Also count the sentences coded all right per error kind.")
@click.option("--json", "as_json", is_flag=True, help="The report as JSON.")
def eval_events_dev(
    files: tuple[str, ...], split: str | None, shared: str | None, details: bool, by_kind: bool, as_json: bool
) -> None:
    """Score type, actor, recipient and mode on the hand-coded dev set (default: the repository's dev_set.jsonl
    and fresh_sentences*.jsonl: _2 to _12 are held-out sets written for issue 13)."""
    from redline.errors import RedlineError
    from redline.evaluate.events_dev import evaluate_events_dev, format_dev_report

    defaults = [
        DEV_SET / "dev_set.jsonl",
        DEV_SET / "fresh_sentences.jsonl",
        *(DEV_SET / f"fresh_sentences_{n}.jsonl" for n in range(2, 13)),
    ]
    paths = list(files) or [str(p) for p in defaults if p.exists()]
    if not paths:
        raise click.ClickException(f"no dev-set file given and none in {DEV_SET}")
    try:
        report = evaluate_events_dev(paths, shared=shared or SHARED_GOLD.parent, split=split)
    except RedlineError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(json.dumps(report.as_dict()) if as_json else format_dev_report(report, details=details, by_kind=by_kind))
