"""The SQLite connection, transactions and named migrations every store mixin builds on.

One file, WAL journal, foreign keys on. Each table module declares ``MIGRATIONS`` (name, SQL); names sort
globally and each applied one is recorded in ``_migrations``, so a database is upgraded in place.
"""

from __future__ import annotations

import importlib
import json
import sqlite3
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from redline.errors import StoreError

# Table modules, in the order their migrations were introduced; each defines MIGRATIONS.
TABLE_MODULES = ("articles", "bands", "failures", "docs", "quotes", "events", "stories", "acts")


def dumps(value: Any) -> str:
    """JSON for a column: compact, unicode kept readable."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def loads(value: str | None, default: Any = None) -> Any:
    return default if value is None else json.loads(value)


class StoreBase:
    """Owns the connection; mixins add the queries for their tables."""

    def __init__(self, path: str | Path = "redline.db") -> None:
        self.path = str(path)
        self._lock = threading.RLock()
        self._depth = 0
        try:
            self.conn = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False, timeout=30)
            self.conn.row_factory = sqlite3.Row
            if self.path != ":memory:":
                self.conn.execute("PRAGMA journal_mode=WAL")
            self.conn.execute("PRAGMA foreign_keys=ON")
            self.conn.execute("PRAGMA synchronous=NORMAL")
            self._migrate()
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"cannot open {self.path} as a Redline database: {exc}") from exc

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> StoreBase:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def atomic(self) -> Iterator[sqlite3.Connection]:
        """A transaction; nested calls become savepoints, so callers compose."""
        with self._lock:
            depth = self._depth
            self.conn.execute("BEGIN IMMEDIATE" if depth == 0 else f"SAVEPOINT sp{depth}")
            self._depth += 1
            try:
                yield self.conn
            except BaseException:
                self._depth -= 1
                if depth == 0:
                    self.conn.execute("ROLLBACK")
                else:
                    self.conn.execute(f"ROLLBACK TO sp{depth}")
                    self.conn.execute(f"RELEASE sp{depth}")
                raise
            self._depth -= 1
            self.conn.execute("COMMIT" if depth == 0 else f"RELEASE sp{depth}")

    @contextmanager
    def snapshot(self) -> Iterator[StoreBase]:
        """A read transaction: every query inside sees one consistent state (WAL), never a half-written
        write; nested ``atomic()`` calls become savepoints inside it. Rolled back on exit."""
        with self._lock:
            self.conn.execute("BEGIN")  # deferred: a read snapshot that never blocks the writer
            self._depth += 1
        try:
            yield self
        finally:
            with self._lock:
                self._depth -= 1
                self.conn.execute("ROLLBACK")

    @contextmanager
    def stage_lock(self) -> Iterator[None]:
        """Hold the database's stage lock: a second run on the same file waits here, then finds nothing left.

        Stages that cluster and merge across articles must not interleave with another process doing the
        same (each would merge against a state the other is changing). Ingest needs no such lock. The lock
        is an advisory lock on ``<db>.lock``, released by the system even when the process is killed.
        """
        if self.path == ":memory:":
            yield
            return
        import fcntl

        with open(f"{self.path}.lock", "a+b") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    def query(self, sql: str, params: tuple | dict = ()) -> list[sqlite3.Row]:
        with self._lock:
            return self.conn.execute(sql, params).fetchall()

    def query_in(self, template: str, values: Sequence[Any], batch: int = 500) -> list[sqlite3.Row]:
        """``template`` run once per batch of ``values``, its ``{marks}`` replaced by that many placeholders (an
        IN list stays under SQLite's variable limit however many ids are asked for)."""
        rows: list[sqlite3.Row] = []
        for start in range(0, len(values), batch):
            chunk = tuple(values[start : start + batch])
            rows.extend(self.query(template.format(marks=", ".join("?" * len(chunk))), chunk))
        return rows

    def migrations_applied(self) -> list[str]:
        return [row["name"] for row in self.query("SELECT name FROM _migrations ORDER BY name")]

    def _migrate(self) -> None:
        self.conn.execute(
            "CREATE TABLE IF NOT EXISTS _migrations (name TEXT PRIMARY KEY, applied_at TEXT DEFAULT CURRENT_TIMESTAMP)"
        )
        done = {row[0] for row in self.conn.execute("SELECT name FROM _migrations")}
        for name, sql in sorted(all_migrations()):
            if name in done:
                continue
            with self.atomic() as conn:
                for statement in _statements(sql):
                    conn.execute(statement)
                conn.execute("INSERT INTO _migrations (name) VALUES (?)", (name,))


def all_migrations() -> list[tuple[str, str]]:
    migrations: list[tuple[str, str]] = []
    for module_name in TABLE_MODULES:
        module = importlib.import_module(f"redline.store.{module_name}")
        migrations.extend(getattr(module, "MIGRATIONS", []))
    return migrations


def _statements(sql: str) -> list[str]:
    """Split a migration script into statements (migrations hold no semicolons inside literals)."""
    return [part.strip() for part in sql.split(";") if part.strip()]
