"""Store queries for quotes: one row per quote, the speaker spread over columns so it can be searched.

A re-run of the quotes stage replaces an article's quotes; ids are stable (hash of article and span), so a
statement link the stories stage set on a quote survives when the same quote is found again.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence

from redline.errors import NotFoundError
from redline.records import Quote, Speaker

MIGRATIONS: list[tuple[str, str]] = [
    (
        "0201_quotes",
        """
        CREATE TABLE quotes (
            id TEXT PRIMARY KEY,
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            text TEXT NOT NULL,
            kind TEXT NOT NULL,
            cue TEXT,
            speaker_mention TEXT,
            speaker_name TEXT,
            speaker_country TEXT,
            speaker_sector TEXT,
            speaker_role TEXT,
            speaker_kb_id TEXT,
            audience TEXT,
            sentence_index INTEGER NOT NULL,
            start INTEGER NOT NULL,
            end INTEGER NOT NULL,
            statement_id TEXT
        );
        CREATE INDEX quotes_article ON quotes(article_id, start);
        CREATE INDEX quotes_speaker ON quotes(speaker_name);
        CREATE INDEX quotes_statement ON quotes(statement_id)
        """,
    )
]

_COLUMNS = [
    "id",
    "article_id",
    "text",
    "kind",
    "cue",
    "speaker_mention",
    "speaker_name",
    "speaker_country",
    "speaker_sector",
    "speaker_role",
    "speaker_kb_id",
    "audience",
    "sentence_index",
    "start",
    "end",
    "statement_id",
]
_SPEAKER_FIELDS = ("mention", "name", "country", "sector", "role", "kb_id")


def _row(quote: Quote, statement_id: str | None) -> tuple:
    speaker = quote.speaker
    return (
        quote.id,
        quote.article_id,
        quote.text,
        quote.kind,
        quote.cue,
        *(getattr(speaker, name) for name in _SPEAKER_FIELDS),
        quote.audience,
        quote.sentence_index,
        quote.start,
        quote.end,
        statement_id,
    )


def _quote(row: sqlite3.Row) -> Quote:
    return Quote(
        id=row["id"],
        article_id=row["article_id"],
        text=row["text"],
        kind=row["kind"],
        cue=row["cue"],
        speaker=Speaker(**{name: row[f"speaker_{name}"] for name in _SPEAKER_FIELDS}),
        sentence_index=row["sentence_index"],
        start=row["start"],
        end=row["end"],
        audience=row["audience"],
        statement_id=row["statement_id"],
    )


class QuotesStore:
    """Mixin over :class:`redline.store.core.StoreBase`: the quotes table."""

    conn: sqlite3.Connection

    def add_quotes(self, article_id: str, quotes: list[Quote]) -> None:
        """Replace the article's quotes with ``quotes`` (idempotent; statement links of kept ids survive)."""
        with self.atomic() as conn:  # type: ignore[attr-defined]
            linked = dict(
                conn.execute(
                    "SELECT id, statement_id FROM quotes WHERE article_id = ? AND statement_id IS NOT NULL",
                    (article_id,),
                ).fetchall()
            )
            conn.execute("DELETE FROM quotes WHERE article_id = ?", (article_id,))
            marks = ", ".join("?" * len(_COLUMNS))
            conn.executemany(
                f"INSERT INTO quotes ({', '.join(_COLUMNS)}) VALUES ({marks})",
                [_row(q, q.statement_id or linked.get(q.id)) for q in quotes],
            )

    def quotes(
        self,
        *,
        article_ids: Iterable[str] | None = None,
        speaker: str | None = None,
        limit: int | None = None,
    ) -> list[Quote]:
        """Quotes in article and text order.

        :param article_ids: only these articles.
        :param speaker: a country or organisation code ("RUS", "NATO": speakers of that country), a knowledge-base
            id, or text the speaker's name or mention contains (case-insensitive).
        :param limit: at most this many.
        """
        where: list[str] = []
        params: list[object] = []
        if article_ids is not None:
            ids = list(article_ids)
            where.append(f"q.article_id IN ({', '.join('?' * len(ids))})")
            params.extend(ids)
        if speaker and speaker.isupper() and len(speaker) <= 5:
            where.append("(q.speaker_country = ? OR q.speaker_kb_id = ?)")  # a code: "RUS", "NATO"
            params.extend([speaker, speaker])
        elif speaker:
            where.append("(lower(q.speaker_name) LIKE ? OR lower(q.speaker_mention) LIKE ? OR q.speaker_kb_id = ?)")
            pattern = f"%{speaker.lower()}%"
            params.extend([pattern, pattern, speaker])
        sql = "SELECT q.* FROM quotes q JOIN articles a ON a.id = q.article_id"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY a.published IS NULL, a.published, a.ingested_at, q.article_id, q.start, q.end"
        if limit is not None:
            sql += f" LIMIT {int(limit)}"
        return [_quote(row) for row in self.query(sql, tuple(params))]  # type: ignore[attr-defined]

    def quote(self, quote_id: str) -> Quote:
        """One quote by id.

        :raises NotFoundError: no quote has that id.
        """
        rows = self.query("SELECT * FROM quotes WHERE id = ?", (quote_id,))  # type: ignore[attr-defined]
        if not rows:
            raise NotFoundError(f"no quote with id {quote_id!r}", input_id=quote_id)
        return _quote(rows[0])

    def set_statement(self, quote_ids: Sequence[str], statement_id: str) -> None:
        """Link quotes that report the same statement (set by the stories stage)."""
        with self.atomic() as conn:  # type: ignore[attr-defined]
            conn.executemany(
                "UPDATE quotes SET statement_id = ? WHERE id = ?", [(statement_id, qid) for qid in quote_ids]
            )
