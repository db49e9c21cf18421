"""Store queries for stories: the clusterer's running state, story membership and the embedding cache.

``stories`` keeps each story's centroid as the float32 *sum* of its member vectors (BLOB) and its entity
counts, so the online clusterer updates a story with one row write. ``story_articles`` maps each article to
exactly one story. ``text_vectors`` caches sentence embeddings by hash of (model, text).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from datetime import date, timedelta
from typing import Any

import numpy as np

from redline.errors import NotFoundError
from redline.queries import StoryQuery
from redline.records import Story
from redline.store.core import dumps, loads
from redline.store.where import Where
from redline.stories.state import Member, StoryState

MIGRATIONS: list[tuple[str, str]] = [
    (
        "0401_stories",
        """
        CREATE TABLE stories (
            id TEXT PRIMARY KEY,
            title TEXT NOT NULL DEFAULT '',
            title_article TEXT,
            start_date TEXT,
            end_date TEXT,
            size INTEGER NOT NULL DEFAULT 0,
            centroid BLOB NOT NULL,
            entities TEXT NOT NULL DEFAULT '{}',
            created_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
            updated_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP
        );
        CREATE INDEX stories_span ON stories(start_date, end_date);
        CREATE TABLE story_articles (
            article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
            story_id TEXT NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
            score REAL NOT NULL,
            how TEXT NOT NULL,
            vector BLOB,
            added_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP
        );
        CREATE INDEX story_articles_story ON story_articles(story_id)
        """,
    ),
    (
        "0402_text_vectors",
        """
        CREATE TABLE text_vectors (
            key TEXT PRIMARY KEY,
            vector BLOB NOT NULL
        )
        """,
    ),
]

_STATE_COLUMNS = "id, title, title_article, start_date, end_date, size, centroid, entities"


def _state(row: sqlite3.Row) -> StoryState:
    return StoryState(
        id=row["id"],
        centroid=np.frombuffer(row["centroid"], dtype=np.float32).copy(),
        size=row["size"],
        entities=loads(row["entities"], {}),
        start=row["start_date"],
        end=row["end_date"],
        title=row["title"],
        title_article=row["title_article"],
    )


def _shift(day: str, days: int) -> str:
    return (date.fromisoformat(day) + timedelta(days=days)).isoformat()


class StoriesStore:
    """Mixin: stories, their articles and the sentence-vector cache."""

    conn: sqlite3.Connection

    # -- clusterer state -------------------------------------------------------------------------------

    def story_candidates(self, *, when: str | None, window_days: int, limit: int = 1000) -> list[StoryState]:
        """Stories an article of day ``when`` may join: within the window, or undated; latest end first.

        An undated article (``when`` None) gets the ``limit`` stories that end last. The order is by content,
        never by update time, so the same corpus always meets the same candidates.
        """
        sql = f"SELECT {_STATE_COLUMNS} FROM stories"
        params: tuple[Any, ...] = ()
        if when is not None:
            sql += " WHERE start_date IS NULL OR (start_date <= ? AND end_date >= ?)"
            params = (_shift(when, window_days), _shift(when, -window_days))
        sql += f" ORDER BY end_date IS NULL, end_date DESC, id LIMIT {int(limit)}"
        return [_state(row) for row in self.query(sql, params)]  # type: ignore[attr-defined]

    def story_state(self, story_id: str) -> StoryState:
        rows = self.query(f"SELECT {_STATE_COLUMNS} FROM stories WHERE id = ?", (story_id,))  # type: ignore[attr-defined]
        if not rows:
            raise NotFoundError(f"no story with id {story_id!r}", input_id=story_id)
        return _state(rows[0])

    def save_story_state(self, state: StoryState) -> None:
        """Insert or update a story's running state."""
        with self.atomic() as conn:  # type: ignore[attr-defined]
            conn.execute(
                "INSERT INTO stories (id, title, title_article, start_date, end_date, size, centroid, entities) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET title = excluded.title, "
                "title_article = excluded.title_article, start_date = excluded.start_date, "
                "end_date = excluded.end_date, size = excluded.size, centroid = excluded.centroid, "
                "entities = excluded.entities, updated_at = CURRENT_TIMESTAMP",
                (
                    state.id,
                    state.title,
                    state.title_article,
                    state.start,
                    state.end,
                    state.size,
                    np.asarray(state.centroid, dtype=np.float32).tobytes(),
                    dumps(state.entities),
                ),
            )

    def add_story_article(
        self, story_id: str, article_id: str, *, score: float, how: str, vector: np.ndarray | None = None
    ) -> None:
        """Record that ``article_id`` belongs to ``story_id`` (``how``: founded, joined or duplicate)."""
        blob = None if vector is None else np.asarray(vector, dtype=np.float32).tobytes()
        with self.atomic() as conn:  # type: ignore[attr-defined]
            conn.execute(
                "INSERT OR REPLACE INTO story_articles (article_id, story_id, score, how, vector) "
                "VALUES (?, ?, ?, ?, ?)",
                (article_id, story_id, float(score), how, blob),
            )

    def story_members(self, story_id: str) -> list[Member]:
        """A story's articles with their titles, languages and vectors (for choosing its title)."""
        rows = self.query(  # type: ignore[attr-defined]
            "SELECT a.id, a.title, a.title_language, a.language, a.published, sa.vector "
            "FROM story_articles sa JOIN articles a ON a.id = sa.article_id WHERE sa.story_id = ? "
            "ORDER BY a.published IS NULL, a.published, a.id",
            (story_id,),
        )
        return [
            Member(
                article_id=row["id"],
                title=row["title"],
                english=(row["title_language"] or row["language"] or "").lower().startswith("en"),
                published=row["published"],
                vector=None if row["vector"] is None else np.frombuffer(row["vector"], dtype=np.float32).copy(),
            )
            for row in rows
        ]

    # -- reading stories -------------------------------------------------------------------------------

    def story_of(self, article_id: str) -> str | None:
        rows = self.query("SELECT story_id FROM story_articles WHERE article_id = ?", (article_id,))  # type: ignore[attr-defined]
        return rows[0]["story_id"] if rows else None

    def story_assignments(self) -> dict[str, str]:
        """Every clustered article and its story id (what `redline eval stories` scores)."""
        rows = self.query("SELECT article_id, story_id FROM story_articles ORDER BY article_id")  # type: ignore[attr-defined]
        return {row["article_id"]: row["story_id"] for row in rows}

    def story_article_ids(self, story_id: str) -> list[str]:
        rows = self.query(  # type: ignore[attr-defined]
            "SELECT sa.article_id FROM story_articles sa JOIN articles a ON a.id = sa.article_id "
            "WHERE sa.story_id = ? ORDER BY a.published IS NULL, a.published, a.id",
            (story_id,),
        )
        return [row["article_id"] for row in rows]

    def story(self, story_id: str) -> Story:
        rows = self.query("SELECT * FROM stories WHERE id = ?", (story_id,))  # type: ignore[attr-defined]
        if not rows:
            raise NotFoundError(f"no story with id {story_id!r}", input_id=story_id)
        return self._stories(rows)[0]

    def stories(self, query: StoryQuery | None = None, /, **filters: Any) -> list[Story]:
        """Stories matching ``query`` (or a :class:`StoryQuery` built from ``filters``): overlapping
        [since, until], ``order`` "recent" (latest end first) or "size" (largest first).

        :raises QueryError: a filter value is invalid
        """
        if query is not None and filters:
            raise TypeError("pass a StoryQuery or keyword filters, not both")
        query = query if query is not None else StoryQuery(**filters)
        where = Where()
        if query.since is not None:
            where.add("(end_date IS NULL OR end_date >= ?)", query.since[:10])
        if query.until is not None:
            where.add("(start_date IS NULL OR start_date <= ?)", query.until[:10])
        if query.article_id is not None:
            where.add("id IN (SELECT story_id FROM story_articles WHERE article_id = ?)", query.article_id)
        members = "(SELECT count(*) FROM story_articles sa WHERE sa.story_id = stories.id)"
        if query.order == "size":
            order = f"{members} DESC, end_date IS NULL, end_date DESC, id"
        else:
            order = f"end_date IS NULL, end_date DESC, {members} DESC, id"
        sql, params = where.select("SELECT * FROM stories", order, query.limit, query.offset)
        return self._stories(self.query(sql, params))  # type: ignore[attr-defined]

    def _stories(self, rows: Sequence[sqlite3.Row]) -> list[Story]:
        """Story records for ``rows`` of ``stories``, with articles, outlets and languages from their members."""
        if not rows:
            return []
        ids = [row["id"] for row in rows]
        marks = ", ".join("?" * len(ids))
        members = self.query(  # type: ignore[attr-defined]
            "SELECT sa.story_id, a.id, a.outlet, a.language, a.title_language FROM story_articles sa "
            f"JOIN articles a ON a.id = sa.article_id WHERE sa.story_id IN ({marks}) "
            "ORDER BY a.published IS NULL, a.published, a.id",
            tuple(ids),
        )
        by_story: dict[str, list[sqlite3.Row]] = {story_id: [] for story_id in ids}
        for member in members:
            by_story[member["story_id"]].append(member)
        stories = []
        for row in rows:
            group = by_story[row["id"]]
            languages = {m["language"] for m in group} | {m["title_language"] for m in group}
            stories.append(
                Story(
                    id=row["id"],
                    title=row["title"],
                    articles=[m["id"] for m in group],
                    outlets=sorted({m["outlet"] for m in group if m["outlet"]}),
                    languages=sorted(language for language in languages if language),
                    start=row["start_date"],
                    end=row["end_date"],
                )
            )
        return stories

    def article_outlets(self, article_ids: Iterable[str]) -> dict[str, tuple[str | None, str | None]]:
        """``article id -> (outlet, published)`` without loading article texts (for building reports)."""
        ids = list(article_ids)
        if not ids:
            return {}
        marks = ", ".join("?" * len(ids))
        rows = self.query(f"SELECT id, outlet, published FROM articles WHERE id IN ({marks})", tuple(ids))  # type: ignore[attr-defined]
        return {row["id"]: (row["outlet"], row["published"]) for row in rows}

    # -- embedding cache -------------------------------------------------------------------------------

    def cached_vectors(self, keys: Iterable[str]) -> dict[str, bytes]:
        wanted = list(dict.fromkeys(keys))
        found: dict[str, bytes] = {}
        for offset in range(0, len(wanted), 500):
            chunk = wanted[offset : offset + 500]
            marks = ", ".join("?" * len(chunk))
            rows = self.query(f"SELECT key, vector FROM text_vectors WHERE key IN ({marks})", tuple(chunk))  # type: ignore[attr-defined]
            found.update({row["key"]: row["vector"] for row in rows})
        return found

    def cache_vectors(self, vectors: dict[str, bytes]) -> None:
        with self.atomic() as conn:  # type: ignore[attr-defined]
            conn.executemany("INSERT OR IGNORE INTO text_vectors (key, vector) VALUES (?, ?)", list(vectors.items()))
