"""Store queries for articles, their near-duplicate signatures and the quarantine."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from typing import Any

from redline.errors import NotFoundError
from redline.queries import ArticleQuery
from redline.records import Article, ArticleHeader, Failure, Removed
from redline.store.core import StoreBase, dumps, loads
from redline.store.where import Where

# The order every stage reads articles in: by content (publication date, then id), never by ingest time, so
# the same inputs give the same stories whatever order the files were read in or how fast the disk was.
CANONICAL_ORDER = "published IS NULL, published, id"

MIGRATIONS: list[tuple[str, str]] = [
    (
        "0001_articles",
        """
        CREATE TABLE articles (
            id TEXT PRIMARY KEY,
            source TEXT NOT NULL,
            title TEXT,
            text TEXT NOT NULL,
            published TEXT,
            outlet TEXT,
            url TEXT,
            language TEXT,
            title_language TEXT,
            translated INTEGER NOT NULL DEFAULT 0,
            duplicate_of TEXT REFERENCES articles(id),
            content_hash TEXT NOT NULL,
            format TEXT NOT NULL,
            removed TEXT NOT NULL DEFAULT '[]',
            raw TEXT NOT NULL,
            minhash BLOB,
            ingested_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP
        );
        CREATE INDEX articles_hash ON articles(content_hash);
        CREATE INDEX articles_published ON articles(published);
        CREATE INDEX articles_outlet ON articles(outlet);
        CREATE TABLE quarantine (
            id INTEGER PRIMARY KEY,
            source TEXT NOT NULL,
            reason TEXT NOT NULL,
            stage TEXT NOT NULL,
            detail TEXT NOT NULL DEFAULT '',
            raw_excerpt TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
            UNIQUE (source, stage, reason)
        )
        """,
    ),
    (
        "0002_processed",
        """
        CREATE TABLE processed (
            stage TEXT NOT NULL,
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            done_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
            PRIMARY KEY (stage, article_id)
        )
        """,
    ),
]

_ID_BATCH = 500  # ids per IN (...) query, well under SQLite's limit on bound parameters

_COLUMNS = [
    "id",
    "source",
    "title",
    "text",
    "published",
    "outlet",
    "url",
    "language",
    "title_language",
    "translated",
    "duplicate_of",
    "content_hash",
    "format",
    "removed",
    "raw",
]


def _article(row: sqlite3.Row) -> Article:
    return Article(
        id=row["id"],
        text=row["text"],
        source=row["source"],
        title=row["title"],
        published=row["published"],
        outlet=row["outlet"],
        url=row["url"],
        language=row["language"],
        title_language=row["title_language"],
        translated=bool(row["translated"]),
        duplicate_of=row["duplicate_of"],
        removed=[Removed(**item) for item in loads(row["removed"], [])],
        raw=row["raw"],
        content_hash=row["content_hash"],
        format=row["format"],
    )


class ArticlesStore(StoreBase):
    """Mixin: articles and quarantine."""

    conn: sqlite3.Connection

    def has_article(self, article_id: str) -> bool:
        return bool(self.query("SELECT 1 FROM articles WHERE id = ?", (article_id,)))

    def add_article(self, article: Article, *, minhash: bytes | None = None) -> bool:
        """Insert an article; returns False when it is already stored (re-runs add nothing)."""
        values: dict[str, Any] = {name: getattr(article, name) for name in _COLUMNS}
        values["translated"] = int(article.translated)
        values["removed"] = dumps([r.as_dict() for r in article.removed])
        values["minhash"] = minhash
        columns = ", ".join(values)
        marks = ", ".join(f":{name}" for name in values)
        with self.atomic() as conn:
            cursor = conn.execute(f"INSERT OR IGNORE INTO articles ({columns}) VALUES ({marks})", values)
            if cursor.rowcount:
                conn.execute("DELETE FROM quarantine WHERE source = ? AND stage = 'ingest'", (article.source,))
        return bool(cursor.rowcount)

    def article(self, article_id: str) -> Article:
        rows = self.query("SELECT * FROM articles WHERE id = ?", (article_id,))
        if not rows:
            raise NotFoundError(f"no article with id {article_id!r}", input_id=article_id)
        return _article(rows[0])

    def articles(self, query: ArticleQuery | None = None, /, **filters: Any) -> list[Article]:
        """Articles matching ``query`` (or an :class:`ArticleQuery` built from ``filters``), oldest publication
        first (undated last).

        :raises QueryError: a filter value is invalid
        """
        query = _article_query(query, filters)
        sql, params = _article_where(query).select("SELECT * FROM articles", CANONICAL_ORDER, query.limit, query.offset)
        return [_article(row) for row in self.query(sql, params)]

    def article_headers(self, article_ids: Iterable[str]) -> dict[str, ArticleHeader]:
        """``article id -> header`` (title, outlet, URL, publication date) of these articles, texts left unread:
        what exports join onto the reports of events. Unknown ids are left out.
        """
        ids = list(dict.fromkeys(article_ids))
        headers: dict[str, ArticleHeader] = {}
        for offset in range(0, len(ids), _ID_BATCH):
            chunk = ids[offset : offset + _ID_BATCH]
            marks = ", ".join("?" * len(chunk))
            rows = self.query(
                f"SELECT id, title, outlet, url, published FROM articles WHERE id IN ({marks})", tuple(chunk)
            )
            headers.update({row["id"]: ArticleHeader(**dict(row)) for row in rows})
        return headers

    def article_ids(self) -> list[str]:
        return [row["id"] for row in self.query(f"SELECT id FROM articles ORDER BY {CANONICAL_ORDER}")]

    def pending(self, stage: str) -> list[str]:
        """Articles the stage has not finished yet (what a resumed run still has to do)."""
        rows = self.query(
            "SELECT id FROM articles WHERE id NOT IN (SELECT article_id FROM processed WHERE stage = ?) "
            f"ORDER BY {CANONICAL_ORDER}",
            (stage,),
        )
        return [row["id"] for row in rows]

    def mark_done(self, stage: str, article_ids: Iterable[str]) -> None:
        """Record finished articles; call inside the transaction that wrote the stage's output."""
        with self.atomic() as conn:
            conn.executemany(
                "INSERT OR IGNORE INTO processed (stage, article_id) VALUES (?, ?)",
                [(stage, article_id) for article_id in article_ids],
            )

    def fingerprints(self, *, after_rowid: int = 0) -> list[tuple[int, str, str, bytes | None, str | None]]:
        """(rowid, id, content hash, MinHash, text) of articles stored after ``after_rowid``, in insert order.

        The text comes only for rows without a stored signature (older databases kept signatures of first
        copies only), so the caller can rebuild it. Called inside the insert transaction, this is what other
        writers added since the caller last looked.
        """
        rows = self.query(
            "SELECT rowid, id, content_hash, minhash, CASE WHEN minhash IS NULL THEN text END AS text "
            "FROM articles WHERE rowid > ? ORDER BY rowid",
            (after_rowid,),
        )
        return [(r["rowid"], r["id"], r["content_hash"], r["minhash"], r["text"]) for r in rows]

    def duplicate_state(self, ids: Iterable[str]) -> dict[str, tuple[str | None, str | None]]:
        """(published, duplicate_of) of each stored id: what choosing an original needs."""
        state: dict[str, tuple[str | None, str | None]] = {}
        id_list = list(dict.fromkeys(ids))
        for start in range(0, len(id_list), _ID_BATCH):
            batch = id_list[start : start + _ID_BATCH]
            rows = self.query(
                f"SELECT id, published, duplicate_of FROM articles WHERE id IN ({', '.join('?' * len(batch))})",
                tuple(batch),
            )
            state.update({r["id"]: (r["published"], r["duplicate_of"]) for r in rows})
        return state

    def set_duplicate_links(self, links: dict[str, str | None]) -> None:
        """Point each article at its original (None: it is one); part of the caller's insert transaction."""
        with self.atomic() as conn:
            conn.executemany(
                "UPDATE articles SET duplicate_of = ? WHERE id = ?",
                [(original, article_id) for article_id, original in sorted(links.items())],
            )

    def quarantine(self, failure: Failure) -> None:
        """Keep a failed input with its reason; the same failure twice is stored once."""
        with self.atomic() as conn:
            conn.execute(
                "INSERT INTO quarantine (source, reason, stage, detail, raw_excerpt) VALUES (?, ?, ?, ?, ?) "
                "ON CONFLICT (source, stage, reason) DO UPDATE SET detail = excluded.detail",
                (failure.source, failure.reason, failure.stage, failure.detail, failure.raw_excerpt),
            )

    def quarantined(self, *, stage: str | None = None) -> list[Failure]:
        sql, params = "SELECT * FROM quarantine", ()
        if stage:
            sql, params = sql + " WHERE stage = ?", (stage,)
        rows = self.query(sql + " ORDER BY id", params)
        return [
            Failure(
                source=r["source"],
                reason=r["reason"],
                stage=r["stage"],
                detail=r["detail"],
                raw_excerpt=r["raw_excerpt"],
            )
            for r in rows
        ]

    def article_summary(self) -> dict[str, Any]:
        """Counts a user wants after a run: articles, outlets, languages, date range, duplicates, quarantine."""
        one = self.query(
            "SELECT count(*) AS n, count(DISTINCT outlet) AS outlets, min(published) AS first, "
            "max(published) AS last, sum(duplicate_of IS NOT NULL) AS dups, sum(translated) AS translated FROM articles"
        )[0]
        languages = self.query("SELECT language, count(*) AS n FROM articles GROUP BY language ORDER BY n DESC")
        quarantined = self.query("SELECT count(*) AS n FROM quarantine")[0]["n"]
        return {
            "articles": one["n"],
            "outlets": one["outlets"],
            "languages": {row["language"] or "unknown": row["n"] for row in languages},
            "first": one["first"],
            "last": one["last"],
            "duplicates": one["dups"] or 0,
            "translated": one["translated"] or 0,
            "quarantined": quarantined,
        }


def _article_query(query: ArticleQuery | None, filters: dict[str, Any]) -> ArticleQuery:
    if query is not None and filters:
        raise TypeError("pass an ArticleQuery or keyword filters, not both")
    return query if query is not None else ArticleQuery(**filters)


def _article_where(query: ArticleQuery) -> Where:
    where = Where().equal("outlet", query.outlet).equal("language", query.language)
    where.since("published", query.since).until("published", query.until)
    where.contains(("title", "text"), query.search)
    if query.duplicates is True:
        where.add("duplicate_of IS NOT NULL")
    elif query.duplicates is False:
        where.add("duplicate_of IS NULL")
    return where.one_of("id", query.ids)
