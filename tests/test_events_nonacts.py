"""Sentences that sound like acts and report none, and wire-copy parses that hide who acted.

- a direct question ("Will Russia attack Ukraine?") asks whether something happens; a question reported inside
  a statement and a statement next to a question are still coded;
- a sports result told in the words of war ("crushed Brazil 4-1 in a World Cup qualifier") is a game; a score
  alone (a court ruling 5-4, a vote of 52-48) is not enough to call it one;
- a dateline ("AUSTIN, Texas (AP) —", "SANAA, March 26 (Reuters) -") names where a report was filed, never who
  acted in it;
- "A Saudi-led coalition bombed Houthi positions": the parser makes the subject the root with "bombed" hung on it
  as a participle; a participle with a direct object is the finite verb, and the noun its subject.
"""

from __future__ import annotations

import pytest

from redline.events import code_texts
from redline.records import Event

DAY = "2019-05-14"


def _events(text: str) -> list[Event]:
    ((_, events),) = code_texts([("s", text, DAY)])
    return events


@pytest.mark.parametrize(
    "text",
    [
        "Will Turkey send troops into northern Iraq before the winter?",
        "Can the new cabinet in Tunis reach an agreement with the International Monetary Fund this spring?",
        "Why did Ethiopia expel the seven UN officials from the country?",
    ],
)
def test_a_direct_question_reports_no_act(text: str) -> None:
    assert _events(text) == []


def test_a_statement_beside_a_question_is_still_coded() -> None:
    events = _events("Serbia recalled its ambassador from Montenegro, and who can blame Belgrade for it?")
    assert [(e.event_type, [a.country for a in e.actor]) for e in events][:1] == [("SANCTION", ["SRB"])]


@pytest.mark.parametrize(
    "text",
    [
        "Japan crushed Germany 3-0 in a friendly match in Yokohama on Saturday.",
        "France beat Morocco 2-0 in the World Cup semifinal to reach the final in Qatar.",
    ],
)
def test_a_sports_result_is_no_event(text: str) -> None:
    assert _events(text) == []


def test_a_score_without_sport_keeps_the_act() -> None:
    events = _events("The Supreme Court rejected the appeal 5-4, and the governor accused the justices of bias.")
    assert "ACCUSE" in {e.event_type for e in events}


@pytest.mark.parametrize(
    ("text", "actor"),
    [
        ("AUSTIN, Texas (AP) — Riot police arrested two dozen protesters outside the capitol.", "riot police"),
        ("SPRINGFIELD, Illinois — Police detained three activists who had blocked the highway.", "police"),
    ],
)
def test_a_dateline_city_is_never_the_actor(text: str, actor: str) -> None:
    events = _events(text)
    city = text.split(",")[0]
    assert events and [a.text.lower() for a in events[0].actor] == [actor]
    assert all(city.lower() not in (a.text or "").lower() for e in events for a in [*e.actor, *e.recipient])


def test_a_participle_with_an_object_is_the_main_verb_of_its_subject() -> None:
    events = _events("A Saudi-led coalition bombed Houthi positions around Sanaa airport on Thursday.")
    assert [(e.event_type, [a.text for a in e.actor]) for e in events] == [("ASSAULT", ["A Saudi-led coalition"])]


def test_a_participle_without_an_object_stays_passive() -> None:
    events = _events("The convoy attacked by rebels near Goma was carrying food aid.")
    assert all("convoy" not in (a.text or "") for e in events for a in e.actor)


@pytest.mark.parametrize(
    "text",
    [
        "Cyclone Idai tore through central Mozambique on Thursday, destroying thousands of homes in Beira.",
        "The earthquake destroyed most of the old town of Amatrice overnight.",
    ],
)
def test_a_force_of_nature_acts_for_no_one(text: str) -> None:
    assert _events(text) == []


def test_an_armed_group_destroying_a_town_still_attacks() -> None:
    events = _events("Rebels destroyed most of the old town of Amatrice overnight.")
    assert [e.event_type for e in events] == ["ASSAULT"]


def test_electing_someone_to_office_is_no_cooperation() -> None:
    events = _events("The Lebanese parliament elected a new president on Thursday after two years of deadlock.")
    assert "COOPERATE" not in {e.event_type for e in events}
