"""The one SQL WHERE builder of the store: every filter from a query object becomes a clause here.

Values are always bound as parameters, never spliced into SQL. Substring filters use LIKE with ``%``, ``_`` and
the escape character itself escaped, so a user's "50%" or "a_b" matches those characters, not everything.
Dates are ISO 8601 text (validated by :mod:`redline.queries`), so they compare as text; ``until`` compares the
stored value's prefix of the same length, so ``until=2021-12-20`` includes every time on that day.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

ESCAPE = "\\"


def like_pattern(text: str) -> str:
    """``%text%`` with LIKE's wildcards in ``text`` taken literally (pair with ``ESCAPE '\\'``)."""
    escaped = text.replace(ESCAPE, ESCAPE * 2).replace("%", ESCAPE + "%").replace("_", ESCAPE + "_")
    return f"%{escaped}%"


class Where:
    """Clauses joined by AND, with their parameters in order. Methods skip a filter whose value is None."""

    def __init__(self) -> None:
        self.clauses: list[str] = []
        self.params: list[Any] = []

    def add(self, clause: str, *params: Any) -> Where:
        """A clause written by the caller (a fixed SQL fragment with ``?`` marks for ``params``)."""
        self.clauses.append(clause)
        self.params.extend(params)
        return self

    def equal(self, column: str, value: Any) -> Where:
        return self if value is None else self.add(f"{column} = ?", value)

    def contains(self, expressions: str | Iterable[str], text: str | None) -> Where:
        """``text`` is a substring (case-insensitive for ASCII, as LIKE is) of any of the expressions."""
        if text is None:
            return self
        columns = [expressions] if isinstance(expressions, str) else list(expressions)
        pattern = like_pattern(text)
        clause = " OR ".join(f"{column} LIKE ? ESCAPE '{ESCAPE}'" for column in columns)
        return self.add(f"({clause})", *([pattern] * len(columns)))

    def one_of(self, column: str, values: Iterable[Any] | None) -> Where:
        if values is None:
            return self
        items = list(values)
        if not items:
            return self.add("0")  # an empty list matches nothing
        return self.add(f"{column} IN ({', '.join('?' * len(items))})", *items)

    def since(self, column: str, day: str | None) -> Where:
        return self if day is None else self.add(f"{column} >= ?", day)

    def until(self, column: str, day: str | None) -> Where:
        if day is None:
            return self
        return self.add(f"substr({column}, 1, {len(day)}) <= ?", day)

    def sql(self) -> str:
        """`` WHERE …`` (with its leading space), or nothing when no filter was given."""
        return f" WHERE {' AND '.join(self.clauses)}" if self.clauses else ""

    def select(self, head: str, order: str, limit: int | None = None, offset: int = 0) -> tuple[str, tuple[Any, ...]]:
        """A whole statement: ``head`` (SELECT … FROM …), these clauses, ``ORDER BY order`` and the page."""
        sql = f"{head}{self.sql()} ORDER BY {order}"
        params = list(self.params)
        if limit is not None:
            sql += " LIMIT ? OFFSET ?"
            params += [int(limit), int(offset)]
        elif offset:
            sql += " LIMIT -1 OFFSET ?"
            params.append(int(offset))
        return sql, tuple(params)
