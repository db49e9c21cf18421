"""Store queries for parses: the cached spaCy Doc of each article (bytes) and its sentences."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable

from redline.records import Entity, Sentence
from redline.store.core import StoreBase, dumps, loads

MIGRATIONS: list[tuple[str, str]] = [
    (
        "0101_docs",
        """
        CREATE TABLE docs (
            article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
            model TEXT NOT NULL,
            doc BLOB NOT NULL
        );
        CREATE TABLE sentences (
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            idx INTEGER NOT NULL,
            start INTEGER NOT NULL,
            end INTEGER NOT NULL,
            text TEXT NOT NULL,
            entities TEXT NOT NULL DEFAULT '[]',
            PRIMARY KEY (article_id, idx)
        )
        """,
    )
]


class DocsStore(StoreBase):
    """Mixin: parses are stored once and reused by every later stage and re-run."""

    conn: sqlite3.Connection

    def add_parse(self, article_id: str, model: str, doc_bytes: bytes, sentences: Iterable[Sentence]) -> None:
        with self.atomic() as conn:
            conn.execute(
                "INSERT OR REPLACE INTO docs (article_id, model, doc) VALUES (?, ?, ?)", (article_id, model, doc_bytes)
            )
            conn.execute("DELETE FROM sentences WHERE article_id = ?", (article_id,))
            conn.executemany(
                "INSERT INTO sentences (article_id, idx, start, end, text, entities) VALUES (?, ?, ?, ?, ?, ?)",
                [
                    (s.article_id, s.index, s.start, s.end, s.text, dumps([e.as_dict() for e in s.entities]))
                    for s in sentences
                ],
            )

    def doc_bytes(self, article_id: str) -> bytes | None:
        rows = self.query("SELECT doc FROM docs WHERE article_id = ?", (article_id,))
        return rows[0]["doc"] if rows else None

    def sentences(self, article_id: str) -> list[Sentence]:
        rows = self.query("SELECT * FROM sentences WHERE article_id = ? ORDER BY idx", (article_id,))
        return [
            Sentence(
                article_id=row["article_id"],
                index=row["idx"],
                start=row["start"],
                end=row["end"],
                text=row["text"],
                entities=[Entity(**e) for e in loads(row["entities"], [])],
            )
            for row in rows
        ]
