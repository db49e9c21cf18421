"""The analyst's event table: stored events as one GDELT/ICEWS-shaped table (one row per event, or per actor →
recipient dyad) in JSONL, CSV or Parquet, with a codebook of every column and an optional pandas DataFrame.

Outlets, URLs, headlines and publication dates come from the articles of each event's reports, looked up in one
store call (:meth:`redline.store.Store.article_headers`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from redline.event_table.codebook import codebook_markdown
from redline.event_table.columns import COLUMNS, SHAPES, Column, table_columns
from redline.event_table.formats import arrow_table, csv_rows, jsonl_rows
from redline.event_table.rows import Row, event_rows, report_article_ids
from redline.export import write_parquet, write_rows
from redline.queries import EventQuery

if TYPE_CHECKING:
    import pandas

    from redline.store import Store

__all__ = [
    "COLUMNS",
    "SHAPES",
    "Column",
    "codebook_markdown",
    "event_table",
    "table_columns",
    "to_pandas",
    "write_event_table",
]


def event_table(store: Store, *, dyadic: bool = False, all_reports: bool = False) -> list[Row]:
    """The event table's rows with native values (``datetime.date`` days, Python lists).

    :param dyadic: one row per actor → recipient pair instead of one per event
    :param all_reports: every report's own event instead of one merged event per act
    """
    events = store.events(EventQuery(canonical_only=not all_reports))
    headers = store.article_headers(report_article_ids(events))
    return list(event_rows(events, headers, dyadic=dyadic))


def write_event_table(
    store: Store, fmt: str, out: str | None, *, dyadic: bool = False, all_reports: bool = False
) -> int:
    """Write the event table as JSONL, CSV (stdout when ``out`` is None) or Parquet; returns the rows written.

    :raises ValueError: an unknown format, or Parquet without a file
    """
    shape = "dyadic" if dyadic else "event"
    columns = [column.name for column in table_columns(shape, fmt)]  # checks the format first
    rows = event_table(store, dyadic=dyadic, all_reports=all_reports)
    if fmt == "parquet":
        return write_parquet(arrow_table(rows, shape), out)
    if fmt == "csv":
        return write_rows(csv_rows(rows, shape), "csv", out, columns=columns)
    return write_rows(jsonl_rows(rows, shape), "jsonl", out)


def to_pandas(
    store: Store, table: str = "events", *, dyadic: bool = False, all_reports: bool = False
) -> pandas.DataFrame:
    """The event table as a pandas DataFrame (pandas is optional: ``pip install redline[analysis]``).

    :raises ValueError: a table other than "events"
    :raises ImportError: pandas is not installed
    """
    from redline.event_table.frame import dataframe

    if table != "events":
        raise ValueError(f"unknown table {table!r}; to_pandas knows: events")
    return dataframe(event_table(store, dyadic=dyadic, all_reports=all_reports), "dyadic" if dyadic else "event")
