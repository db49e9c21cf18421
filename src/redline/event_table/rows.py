"""Rows of the analyst's event table, built from stored events and the headers of their reporting articles.

Values are native Python (``datetime.date`` for days, lists for multi-valued cells) so each format can type them
its own way. A multi-valued cell never holds an empty element: actors without a country, reports without a URL
add nothing to ``actor_countries`` or ``urls`` (an analyst splitting "USA;" would otherwise count a blank country).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from datetime import date
from typing import Any

from redline.records import Actor, ArticleHeader, Event, Report

Row = dict[str, Any]


def day(value: str | None) -> date | None:
    """The day an ISO 8601 date or date-time string names; None when it is missing or not a date."""
    if not value:
        return None
    try:
        return date.fromisoformat(value.strip()[:10])
    except ValueError:
        return None


def distinct(values: Iterable[str | None]) -> list[str]:
    """The non-blank values, stripped, each once, in first-seen order."""
    return list(dict.fromkeys(text for text in (str(v).strip() for v in values if v is not None) if text))


def actor_name(actor: Actor) -> str | None:
    """How the table names an actor: the knowledge base's name, else the mention as written."""
    return (actor.name or actor.text or "").strip() or None


def event_reports(event: Event) -> list[Report]:
    """The event's reports; an event stored without any stands for the single report of its own article."""
    if event.reports:
        return list(event.reports)
    return [Report(article_id=event.article_id or "", outlet=None, sentence=event.text, start=-1, end=-1)]


def report_row(report: Report, header: ArticleHeader | None) -> Row:
    """One element of the nested ``reports`` column."""
    header = header or ArticleHeader(id=report.article_id)
    return {
        "article_id": report.article_id,
        "outlet": report.outlet or header.outlet,
        "url": header.url,
        "headline": header.title,
        "publication_date": day(header.published),
        "event_date": day(report.date),
        "sentence": report.sentence,
    }


def _sources(event: Event, headers: dict[str, ArticleHeader]) -> Row:
    """Columns that come from the reporting articles: outlets, URLs, headline, publication date, reports."""
    reports = [report_row(r, headers.get(r.article_id)) for r in event_reports(event)]
    published = [r["publication_date"] for r in reports if r["publication_date"] is not None]
    own = headers.get(event.article_id or "")
    titles = [own.title if own else None, *(r["headline"] for r in reports)]
    return {
        "publication_date": min(published, default=None),
        "report_count": len(reports),
        "outlet_count": len(distinct(r["outlet"] for r in reports)),
        "outlets": distinct(r["outlet"] for r in reports),
        "urls": distinct(r["url"] for r in reports),
        "article_ids": distinct(r["article_id"] for r in reports),
        "headline": next((t for t in titles if t), None),
        "reports": reports,
    }


def _coded(event: Event) -> Row:
    """Columns the coder set on the event itself."""
    return {
        "event_id": event.id,
        "event_date": day(event.date),
        "event_date_end": day(event.date_end),
        "event_type": event.event_type,
        "mode": event.mode,
        "modality": event.modality,
        "negated": event.negated,
        "hypothetical": event.hypothetical,
        "future": event.future,
        "claimed": event.claimed,
        "reciprocal": event.reciprocal,
        "cameo_code": event.cameo_code,
        "cameo_root": event.cameo_root,
        "goldstein": event.goldstein,
        "quad_class": event.quad,
        "intensity": event.intensity,
        **_place(event),
        "confidence": event.confidence,
        "story_id": event.story_id,
        "evidence": event.text,
    }


def _place(event: Event) -> Row:
    """The place columns: the country the coder read, and the resolved place's name, kind and coordinates."""
    place = event.place
    return {
        "place_country": event.location or None,
        "place_name": place.name if place else None,
        "place_feature": place.feature if place else None,
        "place_lat": place.latitude if place else None,
        "place_lon": place.longitude if place else None,
    }


def _side_lists(side: str, actors: Sequence[Actor]) -> Row:
    return {
        f"{side}_names": distinct(actor_name(a) for a in actors),
        f"{side}_countries": distinct(a.country for a in actors),
        f"{side}_sectors": distinct(a.sector for a in actors),
    }


def _side_scalars(side: str, actor: Actor | None) -> Row:
    return {
        f"{side}_name": actor_name(actor) if actor else None,
        f"{side}_country": (actor.country or None) if actor else None,
        f"{side}_sector": (actor.sector or None) if actor else None,
    }


def unique_actors(actors: Sequence[Actor]) -> list[Actor]:
    """Actors that differ in name, country or sector: two mentions of one actor make one dyad, not two."""
    seen: dict[tuple[str | None, str | None, str | None], Actor] = {}
    for actor in actors:
        seen.setdefault((actor_name(actor), actor.country, actor.sector), actor)
    return list(seen.values())


def dyads(event: Event) -> list[tuple[Actor | None, Actor | None]]:
    """Every actor → recipient pair of the event; a missing side gives pairs with None there (GDELT leaves
    Actor2 empty), so an event always gives at least one row and no actor or recipient is dropped."""
    actors: list[Actor | None] = [*unique_actors(event.actor)] or [None]
    recipients: list[Actor | None] = [*unique_actors(event.recipient)] or [None]
    return [(actor, recipient) for actor in actors for recipient in recipients]


def event_rows(events: Iterable[Event], headers: dict[str, ArticleHeader], *, dyadic: bool = False) -> Iterator[Row]:
    """Rows of the event table: one per event, or with ``dyadic`` one per actor → recipient pair.

    :param events: the events to export (merged acts, or every report)
    :param headers: ``article id -> header`` for every article the events' reports name
    """
    for event in events:
        shared = {**_coded(event), **_sources(event, headers)}
        if not dyadic:
            yield {**shared, **_side_lists("actor", event.actor), **_side_lists("recipient", event.recipient)}
            continue
        for index, (actor, recipient) in enumerate(dyads(event)):
            sides = {**_side_scalars("actor", actor), **_side_scalars("recipient", recipient)}
            yield {**shared, "dyad_index": index, **sides}


def report_article_ids(events: Iterable[Event]) -> set[str]:
    """Every article the events' reports (or the events themselves) come from: the headers to look up."""
    return {r.article_id for event in events for r in event_reports(event) if r.article_id}
