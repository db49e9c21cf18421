"""The event table in each export format, typed the way that format can: JSONL with native JSON lists and
objects, CSV with flat cells (lists joined by ";"), Parquet with real types (date32 days, list<string>, the
reports as list<struct>) so that pandas, R or DuckDB read dates as dates and lists as lists, never JSON text.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date
from functools import cache
from typing import Any

from redline.event_table.columns import COLUMNS, LIST_SEPARATOR, table_columns
from redline.event_table.rows import Row

REPORT_FIELDS = ("article_id", "outlet", "url", "headline", "publication_date", "event_date", "sentence")


@cache
def _layout(shape: str, fmt: str) -> tuple[frozenset[str], tuple[str, ...]]:
    """The columns the codebook documents for a shape (any format), and those this format writes, in order."""
    documented = frozenset(column.name for column in COLUMNS if shape in column.shapes)
    return documented, tuple(column.name for column in table_columns(shape, fmt))


def ordered(row: Row, shape: str, fmt: str) -> Row:
    """The row's cells this format writes, in the codebook's column order.

    :raises ValueError: the row has a column the codebook does not document for its shape, or lacks one it does
        (an export must never write what the codebook does not explain)
    """
    documented, written = _layout(shape, fmt)
    if row.keys() != documented:
        extra, missing = sorted(row.keys() - documented), sorted(documented - row.keys())
        raise ValueError(f"event table row does not match the codebook: extra {extra}, missing {missing}")
    return {name: row[name] for name in written}


def _json_value(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list):
        return [_json_value(item) for item in value]
    if isinstance(value, dict):
        return {name: _json_value(item) for name, item in value.items()}
    return value


def jsonl_rows(rows: Iterable[Row], shape: str) -> Iterator[Row]:
    """Rows ready for ``json.dumps``: days as "YYYY-MM-DD", lists and reports as JSON arrays."""
    for row in rows:
        yield {name: _json_value(value) for name, value in ordered(row, shape, "jsonl").items()}


def _csv_value(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list):
        return LIST_SEPARATOR.join(str(item) for item in value)
    return value


def csv_rows(rows: Iterable[Row], shape: str) -> Iterator[Row]:
    """Flat rows: days as "YYYY-MM-DD", lists joined by ";" (their elements are never blank), no reports."""
    for row in rows:
        yield {name: _csv_value(value) for name, value in ordered(row, shape, "csv").items()}


def arrow_schema(shape: str) -> Any:
    """The Parquet schema of a table of this shape, from the codebook's column kinds."""
    import pyarrow as pa

    report = pa.struct(
        [pa.field(name, pa.date32() if name.endswith("_date") else pa.string()) for name in REPORT_FIELDS]
    )
    types = {
        "string": pa.string(),
        "date": pa.date32(),
        "int": pa.int64(),
        "float": pa.float64(),
        "bool": pa.bool_(),
        "list<string>": pa.list_(pa.string()),
        "list<report>": pa.list_(report),
    }
    return pa.schema([pa.field(column.name, types[column.kind]) for column in table_columns(shape, "parquet")])


def arrow_table(rows: Iterable[Row], shape: str) -> Any:
    """A pyarrow Table of the rows, typed by :func:`arrow_schema` (an empty export keeps its columns)."""
    import pyarrow as pa

    return pa.Table.from_pylist([ordered(row, shape, "parquet") for row in rows], schema=arrow_schema(shape))
