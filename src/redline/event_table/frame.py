"""The event table as a pandas DataFrame, typed for analysis: days as ``datetime64``, list cells as Python lists.

pandas is an optional dependency (the ``analysis`` extra): it is imported only here, only when asked for, and
its absence is an :class:`ImportError` that says how to install it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from redline.event_table.columns import table_columns
from redline.event_table.formats import ordered
from redline.event_table.rows import Row

if TYPE_CHECKING:
    import pandas

MISSING_PANDAS = "to_pandas needs pandas, an optional dependency: pip install 'redline[analysis]' (or pandas itself)"

# pandas dtypes of scalar column kinds (lists and reports stay Python objects in an object column)
DTYPES = {"date": "datetime64[ns]", "int": "int64", "float": "float64", "bool": "bool", "string": "object"}


def import_pandas() -> Any:
    """The pandas module.

    :raises ImportError: pandas is not installed (the message says how to install it)
    """
    try:
        import pandas
    except ImportError as exc:
        raise ImportError(MISSING_PANDAS) from exc
    return pandas


def dataframe(rows: list[Row], shape: str) -> pandas.DataFrame:
    """A DataFrame with every column of the shape (JSONL's: nested reports included), typed by its kind."""
    pd = import_pandas()
    columns = table_columns(shape, "jsonl")
    frame = pd.DataFrame([ordered(row, shape, "jsonl") for row in rows], columns=[c.name for c in columns])
    for column in columns:
        if column.kind == "date":
            frame[column.name] = pd.to_datetime(frame[column.name])
        elif column.kind in DTYPES:
            frame[column.name] = frame[column.name].astype(DTYPES[column.kind])
    return frame
