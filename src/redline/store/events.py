"""Store queries for coded events: one row per event, per report; merged events point at their canonical one.

Each row holds every field of :class:`redline.records.Event` (lists and records as JSON) plus
``actor_countries``/``recipient_countries`` (``|RUS|NATO|``) for filtering, and ``canonical_id``: NULL for an
event that stands for itself or for a merged act, the canonical event's id for a report merged into it.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from typing import Any

from redline.errors import NotFoundError
from redline.records import Actor, Event, Report, Span
from redline.store.core import dumps, loads

MIGRATIONS: list[tuple[str, str]] = [
    (
        "0301_events",
        """
        CREATE TABLE events (
            id TEXT PRIMARY KEY,
            article_id TEXT REFERENCES articles(id) ON DELETE CASCADE,
            event_type TEXT NOT NULL,
            mode TEXT,
            negated INTEGER NOT NULL DEFAULT 0,
            hypothetical INTEGER NOT NULL DEFAULT 0,
            future INTEGER NOT NULL DEFAULT 0,
            context TEXT NOT NULL DEFAULT '[]',
            actor TEXT NOT NULL DEFAULT '[]',
            recipient TEXT NOT NULL DEFAULT '[]',
            actor_countries TEXT NOT NULL DEFAULT '',
            recipient_countries TEXT NOT NULL DEFAULT '',
            date TEXT,
            date_end TEXT,
            location TEXT,
            intensity REAL NOT NULL DEFAULT 0,
            quad INTEGER NOT NULL DEFAULT 0,
            confidence REAL NOT NULL DEFAULT 0,
            text TEXT NOT NULL,
            trigger TEXT NOT NULL,
            rule TEXT,
            quote_id TEXT,
            sentence_index INTEGER,
            story_id TEXT,
            reports TEXT NOT NULL DEFAULT '[]',
            disagreements TEXT NOT NULL DEFAULT '{}',
            canonical_id TEXT
        );
        CREATE INDEX events_article ON events(article_id);
        CREATE INDEX events_type ON events(event_type);
        CREATE INDEX events_date ON events(date);
        CREATE INDEX events_story ON events(story_id);
        CREATE INDEX events_canonical ON events(canonical_id)
        """,
    ),
    (
        "0302_events_modality_cameo",
        """
        ALTER TABLE events ADD COLUMN modality TEXT NOT NULL DEFAULT 'asserted';
        ALTER TABLE events ADD COLUMN claimed INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE events ADD COLUMN reciprocal INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE events ADD COLUMN cameo_code TEXT;
        ALTER TABLE events ADD COLUMN cameo_root TEXT;
        ALTER TABLE events ADD COLUMN goldstein REAL;
        CREATE INDEX events_modality ON events(modality)
        """,
    ),
]

_COLUMNS = [
    "id",
    "article_id",
    "event_type",
    "mode",
    "negated",
    "hypothetical",
    "future",
    "context",
    "actor",
    "recipient",
    "actor_countries",
    "recipient_countries",
    "date",
    "date_end",
    "location",
    "intensity",
    "quad",
    "confidence",
    "modality",
    "claimed",
    "reciprocal",
    "cameo_code",
    "cameo_root",
    "goldstein",
    "text",
    "trigger",
    "rule",
    "quote_id",
    "sentence_index",
    "story_id",
    "reports",
    "disagreements",
    "canonical_id",
]


def _countries(actors: Sequence[Actor]) -> str:
    codes = sorted({a.country for a in actors if a.country})
    return f"|{'|'.join(codes)}|" if codes else ""


def _values(event: Event, canonical_id: str | None) -> dict[str, Any]:
    return {
        "id": event.id,
        "article_id": event.article_id,
        "event_type": event.event_type,
        "mode": event.mode,
        "negated": int(event.negated),
        "hypothetical": int(event.hypothetical),
        "future": int(event.future),
        "context": dumps(list(event.context)),
        "actor": dumps([a.as_dict() for a in event.actor]),
        "recipient": dumps([a.as_dict() for a in event.recipient]),
        "actor_countries": _countries(event.actor),
        "recipient_countries": _countries(event.recipient),
        "date": event.date,
        "date_end": event.date_end,
        "location": event.location,
        "intensity": float(event.intensity),
        "quad": int(event.quad),
        "confidence": float(event.confidence),
        "modality": event.modality,
        "claimed": int(event.claimed),
        "reciprocal": int(event.reciprocal),
        "cameo_code": event.cameo_code,
        "cameo_root": event.cameo_root,
        "goldstein": event.goldstein,
        "text": event.text,
        "trigger": dumps(event.trigger.as_dict()),
        "rule": event.rule,
        "quote_id": event.quote_id,
        "sentence_index": event.sentence_index,
        "story_id": event.story_id,
        "reports": dumps([r.as_dict() for r in event.reports]),
        "disagreements": dumps(event.disagreements),
        "canonical_id": canonical_id,
    }


def _event(row: sqlite3.Row) -> Event:
    return Event(
        id=row["id"],
        event_type=row["event_type"],
        article_id=row["article_id"],
        text=row["text"],
        trigger=Span(**loads(row["trigger"], {"text": "", "start": -1, "end": -1})),
        actor=[Actor(**a) for a in loads(row["actor"], [])],
        recipient=[Actor(**a) for a in loads(row["recipient"], [])],
        mode=row["mode"],
        negated=bool(row["negated"]),
        hypothetical=bool(row["hypothetical"]),
        future=bool(row["future"]),
        context=loads(row["context"], []),
        date=row["date"],
        date_end=row["date_end"],
        location=row["location"],
        intensity=row["intensity"],
        quad=row["quad"],
        confidence=row["confidence"],
        modality=row["modality"],
        claimed=bool(row["claimed"]),
        reciprocal=bool(row["reciprocal"]),
        cameo_code=row["cameo_code"],
        cameo_root=row["cameo_root"],
        goldstein=row["goldstein"],
        rule=row["rule"],
        quote_id=row["quote_id"],
        sentence_index=row["sentence_index"],
        story_id=row["story_id"],
        reports=[Report(**r) for r in loads(row["reports"], [])],
        disagreements=loads(row["disagreements"], {}),
    )


def _insert(conn: sqlite3.Connection, values: list[dict[str, Any]]) -> None:
    if not values:
        return
    columns = ", ".join(_COLUMNS)
    marks = ", ".join(f":{name}" for name in _COLUMNS)
    updates = ", ".join(f"{name} = excluded.{name}" for name in _COLUMNS if name != "id")
    # an upsert, not INSERT OR REPLACE: the row keeps its place (rowid) in the listing order
    conn.executemany(f"INSERT INTO events ({columns}) VALUES ({marks}) ON CONFLICT(id) DO UPDATE SET {updates}", values)


class EventsStore:
    """Mixin over :class:`redline.store.core.StoreBase`: the events table."""

    conn: sqlite3.Connection

    def add_events(self, article_id: str, events: list[Event]) -> None:
        """Replace an article's events (idempotent). Each stored event gets its own report (article, outlet,
        evidence sentence with its offsets in the article, date); merge links of ids that survive are kept.

        :param article_id: the article the events were coded from
        :param events: its events, in text order
        """
        outlet_rows = self.query("SELECT outlet FROM articles WHERE id = ?", (article_id,))  # type: ignore[attr-defined]
        outlet = outlet_rows[0]["outlet"] if outlet_rows else None
        sentence_rows = self.query(  # type: ignore[attr-defined]
            "SELECT idx, start, end FROM sentences WHERE article_id = ?", (article_id,)
        )
        spans = {row["idx"]: (row["start"], row["end"]) for row in sentence_rows}
        with self.atomic() as conn:  # type: ignore[attr-defined]
            kept = {
                row[0]: (row[1], row[2])
                for row in conn.execute(
                    "SELECT id, canonical_id, story_id FROM events WHERE article_id = ?", (article_id,)
                ).fetchall()
            }
            conn.execute("DELETE FROM events WHERE article_id = ?", (article_id,))
            values = []
            for event in events:
                start, end = spans.get(event.sentence_index, (event.trigger.start, event.trigger.end))
                report = Report(
                    article_id=article_id, outlet=outlet, sentence=event.text, start=start, end=end, date=event.date
                )
                canonical_id, story_id = kept.get(event.id, (None, event.story_id))
                stored = Event(**{**_fields(event), "article_id": article_id, "story_id": story_id})
                stored.reports = [report]
                values.append(_values(stored, canonical_id))
            _insert(conn, values)

    def events(
        self,
        *,
        event_type: str | None = None,
        actor: str | None = None,
        recipient: str | None = None,
        country: str | None = None,
        since: str | None = None,
        until: str | None = None,
        quad: int | None = None,
        mode: str | None = None,
        modality: str | None = None,
        story: str | None = None,
        article_ids: Iterable[str] | None = None,
        canonical_only: bool = False,
        text: str | None = None,
        limit: int | None = None,
        after_id: str | None = None,
    ) -> list[Event]:
        """Events matching every given filter, in storage order (articles in the order they were coded).

        :param event_type: a PLOVER type (case-insensitive)
        :param actor: a country/organisation code ("RUS", "NATO") or a substring of an actor's name or mention
        :param recipient: the same, for recipients
        :param country: a code or name matching either side
        :param since: events whose date (or date range) reaches this ISO date or later
        :param until: events that start on or before this ISO date
        :param quad: 1..4
        :param mode: a PLOVER mode
        :param modality: asserted, negated, hypothetical, future or claimed
        :param story: a story id
        :param article_ids: only events coded from these articles
        :param canonical_only: leave out reports merged into another event (one row per act)
        :param text: a substring of the evidence sentence (case-insensitive)
        :param limit: at most this many
        :param after_id: keyset paging: events stored after the event with this id
        """
        where: list[str] = []
        params: list[Any] = []
        if event_type:
            where.append("event_type = ?")
            params.append(event_type.upper())
        for side, value in (("actor", actor), ("recipient", recipient)):
            if value:
                clause, args = _side_filter(side, value)
                where.append(clause)
                params.extend(args)
        if country:
            first, first_args = _side_filter("actor", country)
            second, second_args = _side_filter("recipient", country)
            where.append(f"({first} OR {second})")
            params.extend(first_args + second_args)
        if since:
            where.append("COALESCE(date_end, date) >= ?")
            params.append(since)
        if until:
            where.append("date <= ?")
            params.append(until)
        if quad is not None:
            where.append("quad = ?")
            params.append(int(quad))
        if mode:
            where.append("mode = ?")
            params.append(mode)
        if modality:
            where.append("modality = ?")
            params.append(modality.lower())
        if story:
            where.append("story_id = ?")
            params.append(story)
        if article_ids is not None:
            ids = list(article_ids)
            where.append(f"article_id IN ({', '.join('?' * len(ids))})")
            params.extend(ids)
        if canonical_only:
            where.append("canonical_id IS NULL")
        if text:
            where.append("lower(text) LIKE ?")
            params.append(f"%{text.lower()}%")
        if after_id:
            where.append("rowid > COALESCE((SELECT rowid FROM events WHERE id = ?), 0)")
            params.append(after_id)
        sql = "SELECT * FROM events"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY rowid"
        if limit is not None:
            sql += f" LIMIT {int(limit)}"
        return [_event(row) for row in self.query(sql, tuple(params))]  # type: ignore[attr-defined]

    def event(self, event_id: str) -> Event:
        """One event by id.

        :raises NotFoundError: no event has this id
        """
        rows = self.query("SELECT * FROM events WHERE id = ?", (event_id,))  # type: ignore[attr-defined]
        if not rows:
            raise NotFoundError(f"no event with id {event_id!r}", input_id=event_id)
        return _event(rows[0])

    def set_merge(self, canonical: Event, member_ids: list[str]) -> None:
        """Record one merged act in one transaction: upsert the canonical event (with its reports,
        disagreements and story) and point the merged members at it.

        :param canonical: the merged event (its id may be one of the members': that row becomes the canonical)
        :param member_ids: ids of the events merged into it
        """
        with self.atomic() as conn:  # type: ignore[attr-defined]
            _insert(conn, [_values(canonical, None)])
            members = [member for member in member_ids if member != canonical.id]
            if members:
                marks = ", ".join("?" * len(members))
                conn.execute(
                    f"UPDATE events SET canonical_id = ?, story_id = COALESCE(?, story_id) WHERE id IN ({marks})",
                    [canonical.id, canonical.story_id, *members],
                )

    def event_count(self, *, canonical_only: bool = False) -> int:
        sql = "SELECT count(*) AS n FROM events" + (" WHERE canonical_id IS NULL" if canonical_only else "")
        return int(self.query(sql)[0]["n"])  # type: ignore[attr-defined]


def _fields(event: Event) -> dict[str, Any]:
    return {name: getattr(event, name) for name in Event.__dataclass_fields__}


def _side_filter(side: str, value: str) -> tuple[str, list[Any]]:
    """Match a side's country code exactly or its actors' names/mentions as a substring."""
    code = value.strip().upper()
    name = f"%{value.strip().lower()}%"
    return f"({side}_countries LIKE ? OR lower({side}) LIKE ?)", [f"%|{code}|%", name]
