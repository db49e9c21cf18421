"""Write records as JSONL, CSV or Parquet: one function every `redline export` command shares.

CSV cells are made safe for spreadsheets: text that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage
return would be run as a formula by Excel, LibreOffice or Google Sheets (a headline scraped from a hostile page
could then fetch URLs or run commands), so such a cell gets a leading apostrophe, which spreadsheets show as
text. Numbers stay numbers; JSONL and Parquet keep every value exactly as stored.
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

FORMATS = ("jsonl", "csv", "parquet")
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> Any:
    """A CSV cell a spreadsheet shows as text, never runs as a formula (see the module docstring)."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def flatten(row: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    """Nested dicts become dotted columns; lists become JSON strings (for CSV)."""
    flat: dict[str, Any] = {}
    for name, value in row.items():
        column = f"{prefix}{name}"
        if isinstance(value, dict):
            flat.update(flatten(value, f"{column}."))
        elif isinstance(value, list):
            flat[column] = json.dumps(value, ensure_ascii=False)
        else:
            flat[column] = value
    return flat


def write_rows(rows: Iterable[dict[str, Any]], fmt: str, out: str | None, *, columns: list[str] | None = None) -> int:
    """Write rows to ``out`` (stdout for JSONL/CSV when None); returns the number written.

    :param columns: the CSV header when the caller knows it (an export with no rows still names its columns);
        by default, every key of the rows in first-seen order
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if fmt == "parquet":
        return _parquet(list(rows), out)
    handle = open(out, "w", encoding="utf-8", newline="") if out else sys.stdout  # noqa: SIM115
    try:
        if fmt == "jsonl":
            count = 0
            for row in rows:
                handle.write(json.dumps(row, ensure_ascii=False) + "\n")
                count += 1
            return count
        flat = [{name: safe_cell(value) for name, value in flatten(row).items()} for row in rows]
        columns = columns or list(dict.fromkeys(c for row in flat for c in row))
        writer = csv.DictWriter(handle, fieldnames=columns)
        writer.writeheader()
        writer.writerows(flat)
        return len(flat)
    finally:
        if out:
            handle.close()


def _parquet(rows: list[dict[str, Any]], out: str | None) -> int:
    import pyarrow as pa

    return write_parquet(pa.Table.from_pylist(rows) if rows else pa.table({}), out)


def write_parquet(table: Any, out: str | None) -> int:
    """Write a pyarrow Table to the Parquet file ``out``; returns its number of rows.

    :raises ValueError: no file was given (Parquet is binary: it cannot go to a terminal)
    """
    import pyarrow.parquet as pq

    if not out:
        raise ValueError("Parquet needs --out FILE (it cannot go to a terminal)")
    Path(out).parent.mkdir(parents=True, exist_ok=True)
    pq.write_table(table, out)
    return int(table.num_rows)
