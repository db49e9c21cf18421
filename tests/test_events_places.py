"""Where events happened: place mentions resolved offline to a country, coordinates and the mention's offsets.

Real spaCy parses of news-style sentences go through the real event coder; the expected countries and names are
the ones the sentences state, and the coordinates are checked against the gazetteer's own answer for the name
(never typed in), so the tests say what the coder must do with the text, not what GeoNames holds.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import pytest

from redline.event_table import table_columns, write_event_table
from redline.events.coder import EventCoder
from redline.events.geonames import geo_index
from redline.records import Article, Event, Place
from redline.store import Store

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def coder() -> EventCoder:
    return EventCoder()


def code(nlp: Any, coder: EventCoder, text: str) -> list[Event]:
    return coder.code(nlp(text), article_id="art-1", published="2024-03-01")


def placed(nlp: Any, coder: EventCoder, text: str) -> Place:
    """The one place the events of a sentence share (every event of these sentences happens in one place)."""
    places = {dataclasses.astuple(e.place) if e.place else None for e in code(nlp, coder, text)}
    assert len(places) == 1 and None not in places, places
    return Place(*places.pop())


def test_talks_in_geneva_are_located_in_switzerland_at_geneva(nlp: Any, coder: EventCoder) -> None:
    text = "Iranian and US negotiators held talks in Geneva on Tuesday."
    events = code(nlp, coder, text)
    assert events and all(e.location == "CHE" for e in events)
    place = events[0].place
    geneva = geo_index().cities("Geneva", "CHE")[0]
    assert place is not None and (place.name, place.country, place.feature) == ("Geneva", "CHE", "city")
    assert (place.latitude, place.longitude, place.geonames_id) == (
        geneva.latitude,
        geneva.longitude,
        geneva.geonames_id,
    )
    assert text[place.start : place.end] == place.text == "Geneva" and place.article_id == "art-1"


def test_an_alternate_name_resolves_to_the_city_it_names(nlp: Any, coder: EventCoder) -> None:
    place = placed(nlp, coder, "Russian and Chinese diplomats met in Moskau on Friday.")
    assert (place.name, place.country, place.feature, place.text) == ("Moscow", "RUS", "city", "Moskau")
    assert place.latitude is not None and place.longitude is not None


def test_a_listed_spelling_takes_the_coordinates_of_the_city(nlp: Any, coder: EventCoder) -> None:
    old, new = (
        placed(nlp, coder, f"Ukrainian and Polish officials met in {name} on Monday.") for name in ("Kiev", "Kyiv")
    )
    assert old.name == new.name == "Kyiv" and old.country == new.country == "UKR"
    assert (old.latitude, old.longitude) == (new.latitude, new.longitude) and old.text == "Kiev"


def test_a_homonym_goes_to_the_populous_city_unless_the_text_names_the_other_country(
    nlp: Any, coder: EventCoder
) -> None:
    homonyms = geo_index().cities("Hyderabad")
    assert len({city.country for city in homonyms}) > 1  # the name is shared across countries
    plain = placed(nlp, coder, "Police arrested dozens of protesters in Hyderabad on Sunday.")
    assert (plain.country, plain.geonames_id) == (homonyms[0].country, homonyms[0].geonames_id)
    pakistani = placed(nlp, coder, "Pakistani police arrested dozens of protesters in Hyderabad on Sunday.")
    assert pakistani.country == "PAK" and pakistani.geonames_id != plain.geonames_id


def test_common_words_and_regions_that_are_city_names_are_not_places(nlp: Any, coder: EventCoder) -> None:
    assert geo_index().cities("Mobile") and geo_index().cities("Asia")  # each is also some city's name
    for text in (
        "Chinese and Japanese diplomats held talks in Asia on Monday.",
        "Mobile networks were cut as Russian forces attacked Ukrainian positions.",
        "Nice words were exchanged when the French president met the German chancellor.",
    ):
        events = code(nlp, coder, text)
        assert events, text
        assert all(e.place is None and e.location is None for e in events), text


def test_a_country_named_as_the_place_gets_the_point_of_its_capital(nlp: Any, coder: EventCoder) -> None:
    place = placed(nlp, coder, "Turkish and Greek diplomats held talks in Ukraine on Wednesday.")
    capital = geo_index().country("UKR")
    assert capital is not None and capital.point is not None
    assert (place.name, place.country, place.feature) == ("Ukraine", "UKR", "country")
    assert (place.latitude, place.longitude) == (capital.point.latitude, capital.point.longitude)
    assert place.geonames_id == capital.geonames_id


@pytest.mark.parametrize(
    ("text", "name", "country"),
    [
        ("Russian forces shelled Ukrainian positions in Crimea on Monday.", "Crimea", "UKR"),
        ("Police arrested dozens of protesters in Arizona on Sunday.", "Arizona", "USA"),  # not a town abroad
    ],
)
def test_a_region_without_coordinates_keeps_its_name(
    nlp: Any, coder: EventCoder, text: str, name: str, country: str
) -> None:
    place = placed(nlp, coder, text)
    assert (place.name, place.country, place.feature) == (name, country, "region")
    assert place.latitude is None and place.longitude is None and place.geonames_id is None


def test_the_same_text_gives_the_same_places(nlp: Any, coder: EventCoder) -> None:
    text = "Pakistani police arrested protesters in Hyderabad. Iranian and US negotiators held talks in Geneva."
    first = [e.as_dict() for e in code(nlp, coder, text)]
    again = [e.as_dict() for e in code(nlp, EventCoder(), text)]
    assert first == again and [e["place"]["name"] for e in first if e["place"]]


def test_places_survive_the_store_and_export_as_typed_columns(
    nlp: Any, coder: EventCoder, store: Store, tmp_path: Path
) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    text = "Iranian and US negotiators held talks in Geneva on Tuesday. Protesters clashed with police."
    store.add_article(Article(id="art-1", text=text, source="test", published="2024-03-01"))
    events = code(nlp, coder, text)
    store.add_events("art-1", events)
    stored = store.events()
    assert [e.place for e in stored] == [e.place for e in events] and any(e.place for e in stored)
    assert write_event_table(store, "parquet", str(tmp_path / "events.parquet")) == len(events)
    table = pq.read_table(tmp_path / "events.parquet")
    assert table.schema.names == [c.name for c in table_columns("event", "parquet")]
    for name in ("place_lat", "place_lon"):
        assert table.schema.field(name).type == pa.float64()
    rows = table.to_pylist()
    geneva = next(row for row in rows if row["place_name"] == "Geneva")
    assert (geneva["place_country"], geneva["place_feature"]) == ("CHE", "city")
    assert (geneva["place_lat"], geneva["place_lon"]) == (events[0].place.latitude, events[0].place.longitude)
    assert any(row["place_name"] is None and row["place_lat"] is None for row in rows)


def test_a_database_from_before_places_loads_and_gains_the_column(tmp_path: Path) -> None:
    """An events table without the ``place`` column (a database written before it) is upgraded in place: its
    events load with no place, and a new event keeps its own."""
    from redline.records import Span

    path = tmp_path / "old.db"
    event = Event(id="e1", event_type="CONSULT", article_id="a1", text="They met.", trigger=Span("met", 5, 8))
    with Store(path) as db:
        db.add_article(Article(id="a1", text="They met.", source="a1"))
        db.add_events("a1", [event])
        db.conn.execute("ALTER TABLE events DROP COLUMN place")
        db.conn.execute("DELETE FROM _migrations WHERE name = '0303_events_place'")
        db.conn.commit()
    with Store(path) as db:
        assert [e.place for e in db.events()] == [None]
        place = Place("Geneva", "CHE", "city", 46.2, 6.1, 1, "Geneva", 0, 6, "a1")
        db.add_events("a1", [dataclasses.replace(event, place=place, location="CHE")])
        assert db.event("e1").place == place
