"""Store queries for acts: the reports placed in each act (``act_reports``) and each act's summary.

Merging reads the acts a new report could join. A small act is read whole; a large one (thousands of copies of
one statement) through ``act_summaries`` — its size, vector sum, date bounds and canonical tallies in one row —
plus a bounded sample of its reports: the anchor, one report per distinct (mode, actor) combination (what the
compatibility test reads, keyed by ``side_key``) and the most recent ones. So the cost of placing a report does
not grow with the size of the act it joins.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np

from redline.records import ActSummary, Event
from redline.store.core import StoreBase, dumps, loads
from redline.store.stories import MAX_SPAN_DAYS, _event, _shift

MIGRATIONS: list[tuple[str, str]] = [
    (
        "0406_act_summaries",
        """
        ALTER TABLE act_reports ADD COLUMN side_key TEXT;
        ALTER TABLE act_reports ADD COLUMN actor_key TEXT;
        CREATE TABLE act_summaries (
            act_id TEXT PRIMARY KEY,
            size INTEGER NOT NULL,
            vector_sum BLOB,
            latest_start TEXT,
            earliest_end TEXT,
            tallies TEXT NOT NULL DEFAULT '{}'
        )
        """,
    ),
]

ActRow = tuple[str, Event, str | None, str | None, frozenset[str]]
"""``(act id, event as coded, day, day end, content words)``."""
NewReport = tuple[Event, str, str, str | None, str | None, frozenset[str], str, str | None]
"""``(event as coded, act id, story id, day, day end, content words, side key, actor key)``."""


def _row(row: sqlite3.Row) -> ActRow:
    return (row["act_id"], _event(loads(row["event"])), row["day"], row["day_end"], frozenset(loads(row["words"])))


def _summary(row: sqlite3.Row) -> ActSummary:
    vector = None if row["vector_sum"] is None else np.frombuffer(row["vector_sum"], dtype=np.float32).copy()
    return ActSummary(
        act_id=row["act_id"],
        size=row["size"],
        vector_sum=vector,
        latest_start=row["latest_start"],
        earliest_end=row["earliest_end"],
        tallies=loads(row["tallies"], {}),
    )


class ActsStore(StoreBase):
    """Mixin: event reports placed in acts, and per-act summaries."""

    conn: sqlite3.Connection

    def placed_reports(self, event_ids: Iterable[str]) -> set[str]:
        """Which of these events already have their report placed in an act (a resumed run skips them)."""
        rows = self.query_in("SELECT event_id FROM act_reports WHERE event_id IN ({marks})", list(event_ids))
        return {row["event_id"] for row in rows}

    def act_candidates(
        self, story_id: str, event_type: str, negated: bool, start: str | None, end: str | None
    ) -> list[str]:
        """Acts of a story a report of this type and polarity could join: with a report whose days meet
        [start, end] or an undated one; every act of the kind when the range is None (an undated report)."""
        sql = "SELECT DISTINCT act_id FROM act_reports WHERE story_id = ? AND event_type = ? AND negated = ?"
        params: tuple[Any, ...] = (story_id, event_type, int(negated))
        if start is None or end is None:
            return [row["act_id"] for row in self.query(sql + " ORDER BY act_id", params)]
        # Reports whose days reach into the range: a bounded index range on ``day`` (a report's span is at most
        # MAX_SPAN_DAYS long), then the exact test; plus the undated ones.
        ranged = sql + " AND day BETWEEN ? AND ? AND COALESCE(day_end, day) >= ?"
        undated = sql + " AND day IS NULL"
        rows = self.query(
            f"{ranged} UNION {undated} ORDER BY act_id", (*params, _shift(start, -MAX_SPAN_DAYS), end, start, *params)
        )
        return [row["act_id"] for row in rows]

    def anchor_actor_keys(self, act_ids: Sequence[str]) -> dict[str, str | None]:
        """The actor key of each act's anchor (None: unresolved, or placed before actor keys existed)."""
        rows = self.query_in("SELECT event_id, actor_key FROM act_reports WHERE event_id IN ({marks})", act_ids)
        return {row["event_id"]: row["actor_key"] for row in rows}

    def act_members(self, act_ids: Sequence[str]) -> list[ActRow]:
        """Every report of these acts, in placement order."""
        sql = "SELECT act_id, event, day, day_end, words FROM act_reports WHERE act_id IN ({marks}) ORDER BY rowid"
        return [_row(row) for row in self.query_in(sql, act_ids)]

    def act_sample(self, act_id: str, recent: int) -> list[ActRow]:
        """A bounded view of a large act, in placement order: its anchor, the first report of each distinct side
        key (reports stored before side keys existed count as distinct) and the ``recent`` latest reports."""
        rows = self.query(
            """
            SELECT act_id, event, day, day_end, words, rowid FROM act_reports WHERE rowid IN (
                SELECT rowid FROM act_reports WHERE event_id = :act
                UNION SELECT MIN(rowid) FROM act_reports WHERE act_id = :act GROUP BY COALESCE(side_key, event_id)
                UNION SELECT rowid FROM (
                    SELECT rowid FROM act_reports WHERE act_id = :act ORDER BY rowid DESC LIMIT :recent
                )
            ) ORDER BY (event_id != :act), rowid
            """,
            {"act": act_id, "recent": recent},
        )
        return [_row(row) for row in rows]

    def add_act_reports(self, rows: Sequence[NewReport]) -> None:
        """Record reports as placed in their acts."""
        with self.atomic() as conn:
            conn.executemany(
                "INSERT OR REPLACE INTO act_reports (event_id, act_id, story_id, article_id, event_type, negated,"
                " day, day_end, words, event, side_key, actor_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    (
                        event.id,
                        act_id,
                        story_id,
                        event.article_id,
                        event.event_type,
                        int(event.negated),
                        day,
                        day_end,
                        dumps(sorted(words)),
                        dumps(event.as_dict()),
                        side_key,
                        actor_key,
                    )
                    for event, act_id, story_id, day, day_end, words, side_key, actor_key in rows
                ],
            )

    def act_summaries(self, act_ids: Sequence[str]) -> dict[str, ActSummary]:
        """The stored summaries of these acts (acts placed before summaries existed have none)."""
        rows = self.query_in("SELECT * FROM act_summaries WHERE act_id IN ({marks})", act_ids)
        return {row["act_id"]: _summary(row) for row in rows}

    def save_act_summaries(self, summaries: Iterable[ActSummary]) -> None:
        with self.atomic() as conn:
            conn.executemany(
                "INSERT OR REPLACE INTO act_summaries (act_id, size, vector_sum, latest_start, earliest_end, tallies)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                [
                    (
                        s.act_id,
                        s.size,
                        None if s.vector_sum is None else np.asarray(s.vector_sum, dtype=np.float32).tobytes(),
                        s.latest_start,
                        s.earliest_end,
                        dumps(s.tallies),
                    )
                    for s in summaries
                ],
            )

    def clear_act_summaries(self) -> None:
        with self.atomic() as conn:
            conn.execute("DELETE FROM act_summaries")
