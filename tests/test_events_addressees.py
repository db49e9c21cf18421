"""Whom a call is addressed to: the party asked to act, whatever shape the parser gives the request.

- "called for X to do Y" is read by the parser either as "for X" plus an infinitive or as a for-to clause
  ("for" marking a clause whose subject is X); either way X is asked;
- a government addressing its own people ("called on Venezuelans to ...") is a domestic dyad, not the actor
  talking to itself: a part of society other than the actor's is a recipient in its own right, while the
  actor's own state ("called on Turkey to stand united", said by Turkey's president) is not.
"""

from __future__ import annotations

import pytest

from redline.events import code_texts
from redline.records import Event

DAY = "2022-03-10"


def _requests(text: str) -> list[Event]:
    ((_, events),) = code_texts([("s", text, DAY)])
    return [e for e in events if e.event_type == "REQUEST"]


@pytest.mark.parametrize(
    ("text", "asked"),
    [
        ("The Arab League had called for Syria to release all political prisoners before the summit.", "SYR"),
        ("Several European governments called for Belarus to free the jailed opposition leader.", "BLR"),
        ("The African Union called for Ethiopia to open talks with the rebels before the rainy season.", "ETH"),
    ],
)
def test_the_party_of_a_for_to_request_is_asked(text: str, asked: str) -> None:
    requests = _requests(text)
    assert requests, text
    assert [a.country for a in requests[0].recipient] == [asked]


def test_a_call_for_an_act_is_not_a_call_on_its_object() -> None:
    """ "called for the release of X": no infinitive, so no party is asked to act by that reading."""
    (request,) = _requests("The EU called for the release of the detained journalists.")
    assert [a.text for a in request.recipient] == ["the detained journalists"]


@pytest.mark.parametrize(
    ("text", "actor_country", "people"),
    [
        ("Venezuela's president called on Venezuelans to defend the revolution.", "VEN", "Venezuelans"),
        ("The Nigerian army urged Nigerians to report suspicious movements near the border.", "NGA", "Nigerians"),
    ],
)
def test_a_government_addressing_its_people_is_a_domestic_dyad(text: str, actor_country: str, people: str) -> None:
    (request,) = _requests(text)
    assert [a.country for a in request.actor] == [actor_country]
    (recipient,) = request.recipient
    assert (recipient.text, recipient.country, recipient.sector) == (people, actor_country, "CVL")


def test_the_actor_s_own_state_is_no_recipient() -> None:
    (request,) = _requests("Erdogan called on Turkey to stand united.")
    assert request.recipient == []


def test_the_country_said_of_the_actor_s_own_state_is_no_recipient() -> None:
    (request,) = _requests("Peru's new president called for a review of the country's mining contracts.")
    assert request.recipient == []


@pytest.mark.parametrize(
    ("text", "event_type", "recipient"),
    [
        # what a proposal asks for is not part of the phrase naming it
        ("Colombo rejected a Pakistani proposal for signing a trade agreement with its neighbours.", "REJECT",
         "a Pakistani proposal"),
        # a description of a state is not its name
        ("The EU called on war-torn Yemen to hold talks.", "REQUEST", "Yemen"),
        # another party's "against" phrase is not part of the doer's
        ("The UN investigated crimes committed by Serb militias against Bosniak civilians.", "ACCUSE", "Serb militias"),
    ],
)  # fmt: skip
def test_a_recipient_phrase_ends_where_the_party_s_name_ends(text: str, event_type: str, recipient: str) -> None:
    ((_, events),) = code_texts([("s", text, DAY)])
    assert [(e.event_type, [a.text for a in e.recipient]) for e in events][:1] == [(event_type, [recipient])]


@pytest.mark.parametrize(
    "text",
    [
        "Blinken met Lavrov in Geneva on Friday. The two ministers agreed to continue the talks next week.",
        "US and Russian negotiators met in Geneva on Monday. Both delegations agreed to meet again in February.",
    ],
)
def test_a_group_nominal_is_the_two_parties_named_before_it(text: str) -> None:
    """ "The two ministers": the two sides of the earlier sentence, subject and object alike, but never the
    place they met in."""
    ((_, events),) = code_texts([("s", text, "2022-01-21")])
    agreed = [e for e in events if e.event_type == "AGREE"]
    assert sorted((a.country, r.country) for e in agreed for a in e.actor for r in e.recipient) == [
        ("RUS", "USA"),
        ("USA", "RUS"),
    ]


def test_a_bare_organisation_noun_after_its_name_is_that_organisation() -> None:
    text = "NATO and Russia ended their talks on Wednesday, with the alliance refusing to rule out membership for Kyiv."
    ((_, events),) = code_texts([("s", text, "2022-01-12")])
    refusals = [e for e in events if e.event_type == "REJECT"]
    assert refusals and [a.country for a in refusals[0].actor] == ["NATO"]


def test_a_verb_the_tagger_read_as_a_noun_is_no_speaker() -> None:
    text = "Beijing has denied sending drones to Moscow and rejects claims that it intends to arm Russia."
    ((_, events),) = code_texts([("s", text, DAY)])
    assert all(a.text != "rejects" for e in events for a in e.actor)


@pytest.mark.parametrize(
    "text",
    [
        "Sanchez spoke with Sunak by phone on Thursday about the migrant crisis.",
        "Sanchez spoke by phone with Sunak on Thursday about the migrant crisis.",
    ],
)
def test_a_phone_call_is_mutual_whichever_phrase_comes_first(text: str) -> None:
    ((_, events),) = code_texts([("s", text, "2023-06-01")])
    assert sorted((e.event_type, e.actor[0].country, e.recipient[0].country) for e in events) == [
        ("CONSULT", "ESP", "GBR"),
        ("CONSULT", "GBR", "ESP"),
    ]


def test_speaking_with_reporters_is_no_meeting() -> None:
    ((_, events),) = code_texts([("s", "The Spanish prime minister spoke with reporters in Madrid.", "2023-06-01")])
    assert not [e for e in events if e.event_type == "CONSULT"]


def test_coordinated_nationalities_of_one_office_name_each_holder() -> None:
    """ "The Russian and Chinese presidents": the Russian president and the Chinese president, on the date."""
    ((_, events),) = code_texts([("s", "The French and German foreign ministers met in Paris.", "2021-12-20")])
    names = sorted(a.name for e in events for a in e.actor)
    assert names == ["Annalena Baerbock", "Jean-Yves Le Drian"]
    assert all(a.role == "Foreign Minister" for e in events for a in e.actor)
