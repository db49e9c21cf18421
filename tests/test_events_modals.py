"""What is advised, reproached, asked or said of someone else is not the act itself.

- "Y should / ought to Z", in X's statement, is X's appeal to Y (CAMEO 02), as "Y must Z" is X's demand (10);
  an inverted "Should Y invade, ..." is a condition, not advice;
- "Y should have Z-ed" reproaches an act that did not happen: no act of Y;
- asking a question is no request; a clause as subject ("Having X ... helps") names no actor;
- the object of a relative clause is its antecedent ("the aid the EU sent");
- a he or she is not a speaker or earlier person of the other gender ("Officer Betty Shelby said he refused");
- destroying someone's credibility or sabotaging talks is a figure of speech, not an attack on property; so
  are "helping sway views" (help with no one helped), "fighting to pass a bill" (an effort), "personal attacks"
  (criticism) and asking someone *about* something (a question);
- a person who shoots himself attacks no one; a bomber who blows himself up at a checkpoint in a city attacks it.
"""

from __future__ import annotations

import pytest

from redline.events import code_texts
from redline.records import Event

DAY = "2022-03-10"


def _events(text: str) -> list[Event]:
    ((_, events),) = code_texts([("s", text, DAY)])
    return events


@pytest.mark.parametrize(
    ("text", "speaker", "asked", "code"),
    [
        ("Pakistan should hand over the suspects, the Indian foreign minister said.", "IND", "PAK", "02"),
        ("Caracas ought to free the opposition activists, the Colombian president said on Monday.", "COL", "VEN",
         "02"),
        ("Serbia must withdraw its troops from the border, the Kosovo prime minister said.", "KOS", "SRB", "10"),
    ],
)  # fmt: skip
def test_advice_in_a_statement_is_the_speaker_s_appeal(text: str, speaker: str, asked: str, code: str) -> None:
    events = _events(text)
    assert [e.event_type for e in events] == ["REQUEST"], [(e.event_type, e.trigger.text) for e in events]
    (request,) = events
    assert [a.country for a in request.actor] == [speaker]
    assert [a.country for a in request.recipient] == [asked]
    assert (request.cameo_code or "").startswith(code)


def test_an_inverted_should_is_a_condition_not_advice() -> None:
    events = _events("Should Azerbaijan attack the enclave, Armenia will respond, the Armenian defence minister said.")
    assert not [e for e in events if e.event_type == "REQUEST"]
    assert [e.event_type for e in events] == ["THREATEN"]


@pytest.mark.parametrize(
    "text",
    [
        "The opposition said the parliament should have been consulted before the deal.",
        "Critics said Ankara should have closed the border crossings months ago.",
    ],
)
def test_what_should_have_been_done_was_not_done(text: str) -> None:
    assert not [e for e in _events(text) if e.modality == "asserted" and e.event_type != "REQUEST"]


@pytest.mark.parametrize(
    "text",
    [
        "Journalists asked the Qatari envoy several questions about the ceasefire.",
        "The spokesman avoided the questions he was being asked about the raid.",
    ],
)
def test_a_question_asked_is_no_request(text: str) -> None:
    assert not [e for e in _events(text) if e.event_type == "REQUEST"]


def test_a_clause_as_subject_is_no_actor() -> None:
    events = _events("Having veterans like him on the board helps the ministry reach rural voters.")
    assert all(a.text.split()[0].lower() != "having" for e in events for a in e.actor)


def test_a_relative_clause_s_object_is_its_antecedent() -> None:
    events = _events("The medical supplies Japan shipped to Sri Lanka arrived on Tuesday.")
    aid = [e for e in events if e.event_type == "AID"]
    assert aid and [a.country for a in aid[0].actor] == ["JPN"]


def test_a_pronoun_of_the_other_gender_is_not_the_speaker() -> None:
    text = "Sheriff Laura Benson said he refused to leave the vehicle before the officers arrived."
    refusals = [e for e in _events(text) if e.event_type == "REJECT"]
    assert all(a.name != "Laura Benson" for e in refusals for a in e.actor)
    same = [e for e in _events("Sheriff Tom Benson said he refused to meet the protest leaders.") if e.actor]
    assert same and same[0].actor[0].name == "Tom Benson"


@pytest.mark.parametrize(
    ("text", "attack"),
    [
        ("The ruling party's campaign destroyed the credibility of the electoral commission.", False),
        ("Militants sabotaged the ceasefire talks, the mediators said.", False),
        ("Militants sabotaged the gas pipeline near the border, the army said.", True),
        ("Rebel fighters destroyed three bridges outside the provincial capital.", True),
    ],
)
def test_destroying_what_is_not_property_is_no_attack(text: str, attack: bool) -> None:
    assert bool([e for e in _events(text) if e.event_type == "ASSAULT"]) is attack


@pytest.mark.parametrize(
    ("text", "wrong"),
    [
        ("The donations helped sway the views of two senators on the committee.", "AID"),
        ("The governor has fought to pass a budget that protects rural hospitals.", "ASSAULT"),
        ("The challenger stepped up his personal attacks on the incumbent mayor.", "ASSAULT"),
        ("The anchor asked the minister about the leaked memo.", "REQUEST"),
        ("A retired colonel shot himself outside the ministry building.", "ASSAULT"),
    ],
)
def test_figures_of_speech_and_questions_are_not_the_act(text: str, wrong: str) -> None:
    assert wrong not in [e.event_type for e in _events(text)]


def test_helping_a_party_stays_aid() -> None:
    (aid,) = [
        e for e in _events("Norway helped Mozambique with emergency loans after the cyclone.") if e.event_type == "AID"
    ]
    assert [a.country for a in aid.recipient] == ["MOZ"]


def test_a_bombing_at_a_site_in_a_city_targets_its_state() -> None:
    events = _events("A suicide bomber blew himself up at a checkpoint in Mogadishu, killing four soldiers.")
    (attack,) = [e for e in events if e.event_type == "ASSAULT"]
    assert [a.country for a in attack.recipient] == ["SOM"]


def test_soldiers_fighting_to_take_a_town_fight() -> None:
    events = _events("Army units fought to recapture the airport from the separatists on Sunday.")
    assert [(e.event_type, e.modality) for e in events if e.event_type == "ASSAULT"][:1] == [("ASSAULT", "asserted")]


@pytest.mark.parametrize(
    "text",
    [
        "Neither the governor nor his aides have been charged with any crime.",
        "No member state has recognised the breakaway region's independence.",
        "None of the rebel factions attended the talks in Doha.",
    ],
)
def test_a_subject_that_says_no_one_did_it_negates_the_act(text: str) -> None:
    assert not [e for e in _events(text) if e.modality == "asserted"]


def test_a_warning_of_another_party_s_act_is_no_threat_by_the_warner() -> None:
    events = _events("Washington warned that Beijing could blockade Taiwan within months.")
    assert not [e for e in events if e.event_type == "THREATEN" and any(a.country == "USA" for a in e.actor)]
    assert all(e.modality != "asserted" for e in events)
    own = _events("Beijing warned that it would take resolute measures against Taiwan.")
    assert [(e.event_type, [a.country for a in e.actor]) for e in own][:1] == [("THREATEN", ["CHN"])]


def test_harm_done_by_a_measure_is_no_attack() -> None:
    events = _events("The tariffs could hurt thousands of farmers, economists warned.")
    assert not [e for e in events if e.event_type in ("ASSAULT", "THREATEN")]


def test_a_pronoun_in_a_relative_clause_on_a_place_is_not_the_place() -> None:
    """ "... from Vilnius, where she met X": the relative clause names a person, but Vilnius is no person."""
    events = _events("Kallas flew to Warsaw from Vilnius, where she met President Gitanas Nauseda.")
    meetings = [e for e in events if e.trigger.text == "met"]
    assert meetings and all(a.text != "Vilnius" for e in meetings for a in e.actor)
    assert any(a.name == "Kaja Kallas" for e in meetings for a in e.actor)
