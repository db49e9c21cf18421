"""Store queries for coded events: one row per event, per report; merged events point at their canonical one.

Each row holds every field of :class:`redline.records.Event` (lists and records as JSON; ``place`` is NULL for
events stored before places had coordinates) plus
``actor_countries``/``recipient_countries`` (``|RUS|NATO|``) for filtering, and ``canonical_id``: NULL for an
event that stands for itself or for a merged act, the canonical event's id for a report merged into it.
"""

from __future__ import annotations

import dataclasses
import sqlite3
from collections.abc import Sequence
from typing import Any

from redline.errors import NotFoundError
from redline.queries import EventQuery, QueryError
from redline.records import Actor, Event, Place, Report, Span
from redline.store.core import StoreBase, dumps, loads
from redline.store.where import ESCAPE, Where, like_pattern

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
    # the place with coordinates and its mention, as JSON; NULL for events coded before (and without a place)
    ("0303_events_place", "ALTER TABLE events ADD COLUMN place TEXT"),
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
    "place",
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
        "place": dumps(event.place.as_dict()) if event.place is not None else None,
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
        place=Place.from_dict(loads(row["place"], None)),
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


class EventsStore(StoreBase):
    """Mixin over :class:`redline.store.core.StoreBase`: the events table."""

    conn: sqlite3.Connection

    def add_events(self, article_id: str, events: list[Event]) -> None:
        """Replace an article's events (idempotent). Each stored event gets its own report (article, outlet,
        evidence sentence with its offsets in the article, date); merge links of ids that survive are kept.

        :param article_id: the article the events were coded from
        :param events: its events, in text order
        """
        outlet_rows = self.query("SELECT outlet FROM articles WHERE id = ?", (article_id,))
        outlet = outlet_rows[0]["outlet"] if outlet_rows else None
        sentence_rows = self.query("SELECT idx, start, end FROM sentences WHERE article_id = ?", (article_id,))
        spans = {row["idx"]: (row["start"], row["end"]) for row in sentence_rows}
        with self.atomic() as conn:
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
                if stored.place is not None and stored.place.article_id != article_id:
                    stored.place = dataclasses.replace(stored.place, article_id=article_id)
                stored.reports = [report]
                values.append(_values(stored, canonical_id))
            _insert(conn, values)

    def events(self, query: EventQuery | None = None, /, **filters: Any) -> list[Event]:
        """Events matching every filter of ``query`` (or of an :class:`EventQuery` built from ``filters``), in
        storage order (articles in the order they were coded).

        :raises QueryError: a filter value is invalid, or ``after_id`` names no stored event
        """
        query = _query(query, filters)
        where = _where(query)
        if query.after_id is not None:
            rows = self.query("SELECT rowid FROM events WHERE id = ?", (query.after_id,))
            if not rows:
                raise QueryError("cursor", f"no event {query.after_id!r} to continue after")
            where.add("rowid > ?", rows[0]["rowid"])
        sql, params = where.select("SELECT * FROM events", "rowid", query.limit)
        return [_event(row) for row in self.query(sql, params)]

    def count_events(self, query: EventQuery | None = None, /, **filters: Any) -> int:
        """How many events :meth:`events` would return (without paging)."""
        where = _where(_query(query, filters))
        return int(self.query(f"SELECT count(*) AS n FROM events{where.sql()}", tuple(where.params))[0]["n"])

    def event(self, event_id: str) -> Event:
        """One event by id.

        :raises NotFoundError: no event has this id
        """
        rows = self.query("SELECT * FROM events WHERE id = ?", (event_id,))
        if not rows:
            raise NotFoundError(f"no event with id {event_id!r}", input_id=event_id)
        return _event(rows[0])

    def set_merge(self, canonical: Event, member_ids: list[str]) -> None:
        """Record one merged act in one transaction: upsert the canonical event (with its reports,
        disagreements and story) and point the merged members at it.

        :param canonical: the merged event (its id may be one of the members': that row becomes the canonical)
        :param member_ids: ids of the events merged into it
        """
        with self.atomic() as conn:
            _insert(conn, [_values(canonical, None)])
            members = [member for member in member_ids if member != canonical.id]
            if members:
                marks = ", ".join("?" * len(members))
                conn.execute(
                    f"UPDATE events SET canonical_id = ?, story_id = COALESCE(?, story_id) WHERE id IN ({marks})",
                    [canonical.id, canonical.story_id, *members],
                )


def _fields(event: Event) -> dict[str, Any]:
    return {name: getattr(event, name) for name in Event.__dataclass_fields__}


def _query(query: EventQuery | None, filters: dict[str, Any]) -> EventQuery:
    if query is not None and filters:
        raise TypeError("pass an EventQuery or keyword filters, not both")
    return query if query is not None else EventQuery(**filters)


def _where(query: EventQuery) -> Where:
    """The WHERE clauses of an event query (all but the keyset cursor, which needs a lookup)."""
    where = Where().equal("event_type", query.event_type)
    for side, value in (("actor", query.actor), ("recipient", query.recipient)):
        if value is not None:
            clause, args = _side_filter(side, value)
            where.add(clause, *args)
    if query.country is not None:
        first, first_args = _side_filter("actor", query.country)
        second, second_args = _side_filter("recipient", query.country)
        where.add(f"({first} OR {second})", *first_args, *second_args)
    where.since("COALESCE(date_end, date)", query.since).until("date", query.until)
    where.equal("quad", query.quad).equal("mode", query.mode).equal("story_id", query.story)
    where.equal("modality", query.modality)
    where.one_of("article_id", query.article_ids)
    if query.canonical_only:
        where.add("canonical_id IS NULL")
    return where.contains("text", query.text)


def _side_filter(side: str, value: str) -> tuple[str, list[Any]]:
    """Match a side's country code exactly, or its actors' names or mentions as a substring (LIKE-escaped)."""
    code = like_pattern(f"|{value.upper()}|")
    name = like_pattern(value.lower())
    clause = (
        f"({side}_countries LIKE ? ESCAPE '{ESCAPE}' OR EXISTS (SELECT 1 FROM json_each(events.{side}) AS one "
        f"WHERE lower(json_extract(one.value, '$.name')) LIKE ? ESCAPE '{ESCAPE}' "
        f"OR lower(json_extract(one.value, '$.text')) LIKE ? ESCAPE '{ESCAPE}'))"
    )
    return clause, [code, name, name]
