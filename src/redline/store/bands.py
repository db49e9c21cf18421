"""Store queries for near-duplicate lookup: the LSH band keys of each article's MinHash signature.

Finding the articles similar to a new one used to mean loading every stored signature into an in-memory LSH
index, a cost that grew with the store on every run. ``article_bands`` keeps each signature's band keys in an
indexed table, so a new article's candidates are one indexed lookup, and only the candidates' signatures are
read (``dedup.StoredSimilarity``). Articles stored before this table existed are banded on first use.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence

from redline.store.core import StoreBase

MIGRATIONS: list[tuple[str, str]] = [
    (
        "0004_article_bands",
        """
        CREATE TABLE article_bands (
            band INTEGER NOT NULL,
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            PRIMARY KEY (band, article_id)
        ) WITHOUT ROWID;
        ALTER TABLE articles ADD COLUMN banded INTEGER NOT NULL DEFAULT 0;
        CREATE INDEX articles_unbanded ON articles(banded) WHERE banded = 0
        """,
    ),
]


class BandsStore(StoreBase):
    """Mixin: LSH band keys of the articles' signatures."""

    conn: sqlite3.Connection

    def add_bands(self, article_id: str, bands: Iterable[int], *, signature: bytes | None = None) -> None:
        """Record an article's band keys (none for a text too short to sign) and mark it banded; ``signature``
        fills in the signature of an article stored without one (older databases signed first copies only)."""
        with self.atomic() as conn:
            conn.executemany(
                "INSERT OR IGNORE INTO article_bands (band, article_id) VALUES (?, ?)",
                [(band, article_id) for band in bands],
            )
            conn.execute(
                "UPDATE articles SET banded = 1, minhash = COALESCE(minhash, ?) WHERE id = ?", (signature, article_id)
            )

    def unbanded(self, limit: int = 1000) -> list[tuple[str, bytes | None, str | None]]:
        """``(id, signature, text)`` of articles not banded yet (the text only where no signature is stored)."""
        rows = self.query(
            "SELECT id, minhash, CASE WHEN minhash IS NULL THEN text END AS text FROM articles WHERE banded = 0 "
            "ORDER BY rowid LIMIT ?",
            (limit,),
        )
        return [(row["id"], row["minhash"], row["text"]) for row in rows]

    def band_partners(self, bands: Sequence[int]) -> set[str]:
        """Articles sharing at least one band key with these."""
        rows = self.query_in("SELECT DISTINCT article_id FROM article_bands WHERE band IN ({marks})", bands)
        return {row["article_id"] for row in rows}

    def signatures_of(self, article_ids: Iterable[str]) -> dict[str, tuple[str, bytes | None]]:
        """``id -> (content hash, stored signature)`` of these articles."""
        ids = list(dict.fromkeys(article_ids))
        rows = self.query_in("SELECT id, content_hash, minhash FROM articles WHERE id IN ({marks})", ids)
        return {row["id"]: (row["content_hash"], row["minhash"]) for row in rows}

    def same_content(self, content_hash: str) -> list[str]:
        """Articles whose normalised text has this hash, in insert order."""
        rows = self.query("SELECT id FROM articles WHERE content_hash = ? ORDER BY rowid", (content_hash,))
        return [row["id"] for row in rows]
