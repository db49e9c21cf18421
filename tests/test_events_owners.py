"""Whose act it is when the phrase does not name the party outright.

- "its forces", "her government": the party is the one the possessive pronoun stands for (a state, or a person
  named by title such as "the Mexican president");
- "Boko Haram *militants* overran a base": a subject the tagger read as a finite verb is a plural noun;
- "voted to annul the declaration": a body does what it voted to do; annulling an agreement is refusing it;
- "denounced that Egyptian police had tortured detainees": the one condemned is who did the act, not the place
  or the victims;
- "will provide $60 billion in financing": financing is aid, and promised aid is an agreement.
"""

from __future__ import annotations

import pytest

from redline.events import code_texts
from redline.records import Event

DAY = "2019-06-04"


def _events(text: str) -> list[Event]:
    ((_, events),) = code_texts([("s", text, DAY)])
    return events


def _sides(event: Event) -> tuple[str, list[str | None], list[str | None]]:
    return event.event_type, [a.country for a in event.actor], [a.country for a in event.recipient]


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("Azerbaijan said its troops had shelled positions near the village of Talish.", "AZE"),
        ("The Peruvian president said her government would send 2,000 soldiers to the southern border.", "PER"),
    ],
)
def test_a_possessive_pronoun_gives_the_phrase_its_country(text: str, country: str) -> None:
    events = _events(text)
    assert events and [a.country for a in events[0].actor] == [country], [_sides(e) for e in events]


def test_a_pronoun_with_no_party_before_it_stays_open() -> None:
    events = _events("Their army attacked the village before dawn.")
    assert all(a.country is None for e in events for a in e.actor)


def test_a_plural_subject_tagged_as_a_verb_still_acts() -> None:
    events = _events("Boko Haram militants overran a military base in the town of Baga on Saturday.")
    assert [(e.event_type, [a.name for a in e.actor]) for e in events] == [("ASSAULT", ["Boko Haram"])]


def test_a_vote_to_act_is_the_act_and_annulling_a_declaration_refuses_it() -> None:
    events = _events("Serbia's parliament voted on Monday to annul Kosovo's declaration of independence.")
    assert [_sides(e)[:2] for e in events] == [("REJECT", ["SRB"])]
    assert "Kosovo" in events[0].recipient[0].text


def test_a_vote_to_expel_is_an_expulsion() -> None:
    events = _events("The Moldovan parliament voted to expel the Russian ambassador.")
    assert [e.event_type for e in events] == ["SANCTION"]


@pytest.mark.parametrize(
    ("text", "accused"),
    [
        ("Amnesty International denounced that Egyptian police had tortured detainees in Cairo.", "EGY"),
        ("The ministry condemned that Russian troops had entered the village.", "RUS"),
    ],
)
def test_condemning_what_someone_did_accuses_the_doer(text: str, accused: str) -> None:
    (event,) = _events(text)
    assert event.event_type == "ACCUSE" and [a.country for a in event.recipient] == [accused]


def test_promised_financing_is_an_agreement_to_give_aid() -> None:
    events = _events("Japan will provide $5 billion in financing to Vietnam over the next five years.")
    assert [(e.event_type, e.modality) for e in events] == [("AGREE", "future")]


def test_two_parties_signing_a_treaty_support_each_other() -> None:
    events = _events("The presidents of Armenia and Georgia signed a border treaty in Tbilisi on Thursday.")
    assert sorted(_sides(e) for e in events) == [("SUPPORT", ["ARM"], ["GEO"]), ("SUPPORT", ["GEO"], ["ARM"])]


def test_one_party_signing_keeps_one_event() -> None:
    events = _events("Moldova signed the association agreement on Friday.")
    assert [_sides(e) for e in events] == [("SUPPORT", ["MDA"], [])]


def test_a_name_in_apposition_to_a_title_is_the_party() -> None:
    """ "the North's leader, Kim Jong Un": the title alone names no country here; the name beside it does."""
    events = _events('South Korea accused the North\'s leader, Kim Jong Un, of "fanatic recklessness."')
    accusations = [e for e in events if e.event_type == "ACCUSE"]
    assert accusations and [(a.name, a.country) for a in accusations[0].recipient] == [("Kim Jong Un", "PRK")], [
        _sides(e) for e in events
    ]
