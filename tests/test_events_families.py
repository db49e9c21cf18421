"""Type families read through the noun that carries them.

- the addressee of "a note of protest to X" hangs, for the parser, on the "of" phrase naming the act;
- blocking the release, delivery or disbursement of money or aid is a refusal (REJECT), as blocking a proposal is;
- suspending "budget support" or "financial support" stops aid (SANCTION);
- a state's airspace, border or waters violated, in someone's statement, is that speaker's accusation.
"""

from __future__ import annotations

import pytest

from redline.events import code_texts
from redline.records import Event

DAY = "2025-02-03"


def _events(text: str) -> list[Event]:
    ((_, events),) = code_texts([("s", text, DAY)])
    return events


def _sides(event: Event) -> tuple[str, list[str | None], list[str | None]]:
    return event.event_type, [a.country for a in event.actor], [a.country for a in event.recipient]


def test_a_note_of_protest_is_addressed_to_its_recipient() -> None:
    events = _events("Athens handed a strongly worded letter of complaint to Ankara over the overflights.")
    assert [_sides(e) for e in events] == [("ACCUSE", ["GRC"], ["TUR"])]


@pytest.mark.parametrize(
    "text",
    [
        "Slovakia blocked the disbursement of 2 billion euros in budget aid for Moldova.",
        "The finance minister blocked the delivery of emergency loans to the province.",
    ],
)
def test_blocking_the_release_of_aid_is_a_refusal(text: str) -> None:
    assert [e.event_type for e in _events(text)] == ["REJECT"]


def test_suspending_budget_support_is_a_sanction() -> None:
    events = _events("The World Bank suspended financial support to Guinea after the coup.")
    assert [_sides(e)[0] for e in events] == ["SANCTION"]
    assert events[0].recipient and events[0].recipient[0].country == "GIN"


def test_a_violated_airspace_is_the_speaker_s_accusation() -> None:
    events = _events("Estonia's defence ministry said Russian jets had violated its airspace over the Gulf of Finland.")
    accusations = [_sides(e) for e in events if e.event_type == "ACCUSE"]
    assert accusations == [("ACCUSE", ["EST"], ["RUS"])]


def test_engaging_someone_in_a_gunfight_attacks_them() -> None:
    """The act is what one engages *in* ("a gunfight"); the direct object is the party engaged (not the
    peacekeepers' own class, which reads as aid)."""
    events = _events("Militiamen engaged Kenyan peacekeepers in a gunfight near the port on Tuesday.")
    assert [(e.event_type, [a.text for a in e.recipient]) for e in events] == [("ASSAULT", ["Kenyan peacekeepers"])]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Iranian patrol boats rammed a Panamanian-flagged tanker in the Gulf of Oman.", ("ASSAULT", ["IRN"], ["PAN"])),
        ("Canada imposed visa restrictions on Nicaraguan officials after the disputed vote.",
         ("SANCTION", ["CAN"], ["NIC"])),
        ("The Burmese junta suspended the activities of the National League for Democracy.",
         ("COERCE", ["MMR"], [None])),
    ],
)  # fmt: skip
def test_ramming_visa_restrictions_and_banned_activities(text: str, expected: tuple) -> None:
    assert [_sides(e) for e in _events(text)][:1] == [expected]


def test_a_rescue_team_sent_is_aid_and_a_promised_supply_names_its_receiver() -> None:
    sent = _events("Algeria will send a rescue team to Morocco after the earthquake, the ministry said.")
    assert [(e.event_type, [a.country for a in e.recipient]) for e in sent][:1] in (
        [("AID", ["MAR"])],
        [("AGREE", ["MAR"])],
    )
    agreed = _events("Kazakhstan agreed to supply uranium to France under a ten-year deal.")
    assert [_sides(e) for e in agreed] == [("AGREE", ["KAZ"], ["FRA"])]


def test_a_name_followed_by_a_stray_quantity_ends_at_the_name() -> None:
    (offer,) = _events("Serbia offered to hand over to Croatia three of the suspects wanted for the killings.")
    assert [a.text for a in offer.recipient] == ["Croatia"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Iraqi forces retook the town of Rawa from Islamic State fighters.", ("ASSAULT", ["IRQ"])),
        ("ECOWAS suspended Guinea from all its decision-making bodies after the coup.", ("SANCTION", ["ECOWAS"])),
        ("China cast its veto against the draft resolution on Myanmar.", ("REJECT", ["CHN"])),
        ("Burkina Faso's junta ordered the expulsion of the French military attache.", ("SANCTION", ["BFA"])),
    ],
)
def test_retaking_suspending_from_vetoing_and_ordered_expulsions(text: str, expected: tuple) -> None:
    assert [(e.event_type, [a.country or a.kb_id for a in e.actor]) for e in _events(text)][:1] == [expected]


def test_protesters_named_by_no_state_are_people_of_the_place() -> None:
    (protest,) = [e for e in _events("Thousands marched in Tbilisi against the foreign agents law.") if e.actor]
    assert protest.event_type == "PROTEST" and [a.country for a in protest.actor] == ["GEO"]


def test_two_sides_agreeing_to_extend_a_truce_concede_to_each_other() -> None:
    events = _events("Serbia and Kosovo agreed to extend the truce along the administrative line.")
    assert sorted(_sides(e) for e in events) == [("CONCEDE", ["KOS"], ["SRB"]), ("CONCEDE", ["SRB"], ["KOS"])]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # translated wording (French, Spanish, Russian press in English)
        ("Tehran will give a response of military character if Israel strikes its nuclear sites, the minister said.",
         ("THREATEN", ["IRN"], ["ISR"])),
        ("Seoul attributed the hacking of the ministry's servers to North Korean groups.",
         ("ACCUSE", ["KOR"], ["PRK"])),
        ("Ankara expressed its strong opposition to the sale of fighter jets by Paris to Athens.",
         ("REJECT", ["TUR"], ["FRA"])),
        ("Rome and Madrid called Tunis to a firmer control of its coasts.", ("REQUEST", ["ITA", "ESP"], ["TUN"])),
    ],
)  # fmt: skip
def test_translated_wordings_of_threats_blame_opposition_and_appeals(text: str, expected: tuple) -> None:
    assert [_sides(e) for e in _events(text)][:1] == [expected]


def test_pushing_back_on_demands_is_a_refusal_and_troops_massed_near_a_state_bear_on_it() -> None:
    refusal = _events("Tokyo pushed back on Beijing's demands over the disputed islands.")
    assert [_sides(e) for e in refusal][:1] == [("REJECT", ["JPN"], ["CHN"])]
    massing = _events("Azerbaijan has massed troops near Armenia, officials in Yerevan said.")
    assert [(e.event_type, [a.country for a in e.recipient]) for e in massing if e.event_type == "MOBILIZE"] == [
        ("MOBILIZE", ["ARM"])
    ]
    border = _events("Ankara deployed tanks along the Syrian border.")
    assert [(e.event_type, [a.country for a in e.recipient]) for e in border] == [("MOBILIZE", ["SYR"])]


@pytest.mark.parametrize(
    ("text", "wanted"),
    [
        ("Kazakhstan revoked the broadcast licence of a Russian television channel on Monday.", "SANCTION"),
        ("The Sudanese army said its jets had neutralised dozens of militants near El Fasher.", "ASSAULT"),
        ("The Constitutional Court blocked the referendum on a third presidential term.", "REJECT"),
        ("European observers expressed deep concern over the conduct of the vote in Kyrgyzstan.", "ACCUSE"),
        ("Hungarian border police did not allow the Syrian refugees to cross into the country.", "REJECT"),
    ],
)
def test_acts_named_by_their_object(text: str, wanted: str) -> None:
    assert wanted in {e.event_type for e in _events(text)}


def test_a_licence_revoked_unless_paid_is_a_threat() -> None:
    events = _events("Zambia will revoke the mining licence of the copper company unless it pays its taxes.")
    assert [(e.event_type, e.modality) for e in events] == [("THREATEN", "hypothetical")]
