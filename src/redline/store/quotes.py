"""Store queries for quotes: one row per quote, the speaker spread over columns so it can be searched.

A re-run of the quotes stage replaces an article's quotes; ids are stable (hash of article and span), so a
statement link the stories stage set on a quote survives when the same quote is found again.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from typing import Any

from redline.errors import NotFoundError
from redline.queries import QuoteQuery
from redline.records import Quote, Speaker
from redline.store.core import StoreBase
from redline.store.where import ESCAPE, Where, like_pattern

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


class QuotesStore(StoreBase):
    """Mixin over :class:`redline.store.core.StoreBase`: the quotes table."""

    conn: sqlite3.Connection

    def add_quotes(self, article_id: str, quotes: list[Quote]) -> None:
        """Replace the article's quotes with ``quotes`` (idempotent; statement links of kept ids survive)."""
        with self.atomic() as conn:
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

    def quotes(self, query: QuoteQuery | None = None, /, **filters: Any) -> list[Quote]:
        """Quotes matching ``query`` (or a :class:`QuoteQuery` built from ``filters``), in article and text order.

        A speaker in capitals of at most five letters ("RUS", "NATO") is a code: speakers of that country or
        organisation; anything else is a knowledge-base id or text in the speaker's name or mention.

        :raises QueryError: a filter value is invalid
        """
        if query is not None and filters:
            raise TypeError("pass a QuoteQuery or keyword filters, not both")
        query = query if query is not None else QuoteQuery(**filters)
        where = Where().one_of("q.article_id", query.article_ids)
        speaker = query.speaker
        if speaker is not None and speaker.isupper() and len(speaker) <= 5:
            where.add("(q.speaker_country = ? OR q.speaker_kb_id = ?)", speaker, speaker)
        elif speaker is not None:
            where.add(
                f"(q.speaker_kb_id = ? OR q.speaker_name LIKE ? ESCAPE '{ESCAPE}' "
                f"OR q.speaker_mention LIKE ? ESCAPE '{ESCAPE}')",
                speaker,
                *[like_pattern(speaker)] * 2,
            )
        where.contains("q.text", query.text)
        head = "SELECT q.* FROM quotes q JOIN articles a ON a.id = q.article_id"
        order = "a.published IS NULL, a.published, a.ingested_at, q.article_id, q.start, q.end"
        sql, params = where.select(head, order, query.limit, query.offset)
        return [_quote(row) for row in self.query(sql, params)]

    def widest_statements(self, article_ids: Sequence[str], limit: int) -> list[Quote]:
        """The quotes of the ``limit`` statements (a quote alone is its own) carried by the most outlets among
        these articles, with every statement tied with the last one: the report's list, without reading every
        quote of its stories."""
        if not article_ids or limit <= 0:
            return []
        marks = ", ".join("?" * len(article_ids))
        rows = self.query(
            "SELECT COALESCE(q.statement_id, q.id) AS sid, COUNT(DISTINCT COALESCE(a.outlet, q.article_id)) AS wide,"
            " COUNT(*) AS n FROM quotes q JOIN articles a ON a.id = q.article_id"
            f" WHERE q.article_id IN ({marks}) GROUP BY sid ORDER BY wide DESC, n DESC",
            tuple(article_ids),
        )
        if not rows:
            return []
        last = (rows[min(limit, len(rows)) - 1]["wide"], rows[min(limit, len(rows)) - 1]["n"])
        chosen = [row["sid"] for row in rows if (row["wide"], row["n"]) >= last]
        sids = ", ".join("?" * len(chosen))
        found = self.query(
            f"SELECT q.* FROM quotes q JOIN articles a ON a.id = q.article_id WHERE q.article_id IN ({marks})"
            f" AND COALESCE(q.statement_id, q.id) IN ({sids})"
            " ORDER BY a.published IS NULL, a.published, a.ingested_at, q.article_id, q.start, q.end",
            (*article_ids, *chosen),
        )
        return [_quote(row) for row in found]

    def quote(self, quote_id: str) -> Quote:
        """One quote by id.

        :raises NotFoundError: no quote has that id.
        """
        rows = self.query("SELECT * FROM quotes WHERE id = ?", (quote_id,))
        if not rows:
            raise NotFoundError(f"no quote with id {quote_id!r}", input_id=quote_id)
        return _quote(rows[0])

    def set_statement(self, quote_ids: Sequence[str], statement_id: str) -> None:
        """Link quotes that report the same statement (set by the stories stage)."""
        with self.atomic() as conn:
            conn.executemany(
                "UPDATE quotes SET statement_id = ? WHERE id = ?", [(statement_id, qid) for qid in quote_ids]
            )
