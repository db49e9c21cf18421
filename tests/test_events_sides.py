"""Both sides of an act, where the sentence names them in a way a single-argument rule misses.

- "X and Y discussed ...": a reciprocal act whose subject names both sides needs no "with" phrase;
- "the heads of the Kenyan and Tanzanian diplomacies": one holder per nationality of the "of" phrase;
- "restricting exports to South Korea": restricting another state's trade is a sanction on it;
- "will strike if the government does not ...": a conditioned act that becomes a threat is aimed at the party
  of the condition;
- "10 million euros in humanitarian assistance to X": the addressee hung on what the amount is in;
- "both sides pledged to ...": two sides named together agree with each other (a place they met in is no side);
- "annulled the re-election", "decided to expel": acts a decision puts in force are asserted, a plan stays a threat;
- "the decision will not go unanswered": a promised response, a threat against whoever decided.
"""

from __future__ import annotations

import pytest

from redline.events import code_texts
from redline.records import Event

DAY = "2021-05-04"


def _events(text: str) -> list[tuple[str, list[str | None], list[str | None], str]]:
    ((_, events),) = code_texts([("s", text, DAY)])
    return [_sides(e) for e in events]


def _sides(event: Event) -> tuple[str, list[str | None], list[str | None], str]:
    return event.event_type, [a.country for a in event.actor], [a.country for a in event.recipient], event.modality


@pytest.mark.parametrize(
    ("text", "pair"),
    [
        (
            "The Thai Prime Minister and the Cambodian Prime Minister discussed the border dispute on Friday.",
            {"THA", "KHM"},
        ),
        ("Chile and Peru discussed fishing rights in the Pacific during a two-day meeting.", {"CHL", "PER"}),
    ],
)
def test_two_coordinated_sides_discussing_consult_each_other(text: str, pair: set[str]) -> None:
    found = _events(text)
    consults = {(a[0], r[0]) for kind, a, r, _ in found if kind == "CONSULT" and a and r}
    assert consults == {tuple(sorted(pair)), tuple(sorted(pair, reverse=True))}, found


def test_one_side_discussing_alone_is_no_event() -> None:
    assert _events("The ministers discussed the budget on Monday.") == []


def test_the_heads_of_two_nationalities_diplomacies_are_two_parties() -> None:
    found = _events("The heads of the Egyptian and Ethiopian diplomacies met in Washington on Wednesday.")
    assert {(a[0], r[0]) for kind, a, r, _ in found if kind == "CONSULT"} == {("EGY", "ETH"), ("ETH", "EGY")}, found


@pytest.mark.parametrize(
    ("text", "target"),
    [
        ("China restricted exports to Lithuania of dairy products and timber last week.", "LTU"),
        ("Russia curbed imports from Moldova of wine and fruit, citing safety concerns.", None),
    ],
)
def test_restricting_trade_is_a_sanction(text: str, target: str | None) -> None:
    found = _events(text)
    assert found and found[0][0] == "SANCTION", found
    if target:
        assert found[0][2] == [target], found


def test_restricting_access_to_a_place_is_no_sanction() -> None:
    found = _events("The city council restricted access to the park after the storm.")
    assert all(kind != "SANCTION" for kind, *_ in found), found


@pytest.mark.parametrize(
    ("text", "recipient"),
    [
        (
            "Kenya's doctors' union will begin a nationwide strike next week if the government does not pay the "
            "arrears, its secretary general said.",
            "government",
        ),
        ("Teachers in Lagos will stop work on Monday unless the state ministry pays the arrears.", "ministry"),
    ],
)
def test_a_conditioned_strike_threatens_the_party_of_the_condition(text: str, recipient: str) -> None:
    ((_, events),) = code_texts([("s", text, DAY)])
    threats = [e for e in events if e.event_type == "THREATEN"]
    assert threats and recipient in threats[0].recipient[0].text, [_sides(e) for e in events]


def test_an_amount_in_aid_to_a_country_names_the_recipient() -> None:
    found = _events("Japan will send 20 million dollars in emergency assistance to Nepal after the earthquake.")
    assert found and found[0][0] == "AGREE" and found[0][2] == ["NPL"], found


def test_two_sides_named_together_agree_with_each_other() -> None:
    text = (
        "ASMARA, July 8 (Reuters) - Ethiopian Prime Minister Abiy Ahmed held talks with Eritrean President Isaias "
        "Afwerki in Asmara on Sunday, and both sides pledged to reopen embassies and restore flights."
    )
    agreements = {(a[0], r[0]) for kind, a, r, _ in _events(text) if kind == "AGREE" and a and r}
    assert agreements == {("ETH", "ERI"), ("ERI", "ETH")}, _events(text)


def test_a_place_where_two_sides_met_is_not_one_of_them() -> None:
    text = "The foreign ministers of Chile and Bolivia met in Lima, and both ministers agreed to resume talks."
    parties = {c for kind, a, r, _ in _events(text) if kind == "AGREE" for c in a + r}
    assert "PER" not in parties, _events(text)


def test_two_armed_sides_striking_a_third_are_not_mirrored() -> None:
    found = _events("Russian and Syrian jets bombed rebel positions in Idlib on Tuesday.")
    assert not any(a == ["RUS"] and r == ["SYR"] for _, a, r, _ in found), found


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Kenya's Supreme Court nullified the presidential election on Friday.", "REJECT"),
        ("Russia decided on Monday to expel ten Estonian diplomats.", "SANCTION"),
    ],
)
def test_acts_put_in_force_by_a_decision_are_asserted(text: str, kind: str) -> None:
    found = _events(text)
    assert [(k, modality) for k, _, _, modality in found if k == kind] == [(kind, "asserted")], found


def test_a_planned_expulsion_is_still_a_threat() -> None:
    found = _events("Russia plans to expel ten Estonian diplomats.")
    assert [k for k, *_ in found] == ["THREATEN"], found


def test_a_promise_that_an_act_will_not_go_unanswered_threatens_its_doer() -> None:
    text = (
        "OSLO, April 13 (Reuters) - Norway expelled 15 Russian diplomats on Thursday, and the Russian embassy in "
        "Oslo promised that the decision would not go unanswered."
    )
    threats = [(a, r) for kind, a, r, _ in _events(text) if kind == "THREATEN"]
    assert threats == [(["RUS"], ["NOR"])], _events(text)


def test_a_question_that_went_unanswered_is_no_threat() -> None:
    assert _events("The question went unanswered for years.") == []


def test_two_named_negotiators_talking_consult_each_other() -> None:
    text = "Japanese envoy Takeo Mori and Chinese envoy Liu Jinsong talked for six hours in Dalian on Monday."
    consults = {(a[0], r[0]) for kind, a, r, _ in _events(text) if kind == "CONSULT" and a and r}
    assert consults == {("JPN", "CHN"), ("CHN", "JPN")}, _events(text)


def test_disposed_to_talk_is_a_promise_of_talks() -> None:
    found = _events("The Kenyan government is disposed to engage a dialogue with the striking doctors.")
    assert [k for k, *_ in found] == ["AGREE"], found


def test_abusing_power_is_no_attack() -> None:
    found = _events("The court ruled that the governor had abused his power when he fired the auditor.")
    assert all(k != "ASSAULT" for k, *_ in found), found


def test_people_sent_to_help_a_country_are_aid_to_it() -> None:
    text = "Australia will send 100 police officers and soldiers to the Solomon Islands to help restore order."
    found = _events(text)
    assert [(k, r) for k, _, r, _ in found] == [("AGREE", ["SLB"])], found


def test_troops_sent_to_intimidate_are_still_a_mobilisation() -> None:
    found = _events("Russia deployed troops to the border with Ukraine to intimidate Kyiv.")
    assert [k for k, *_ in found] == ["MOBILIZE"], found


@pytest.mark.parametrize(
    ("text", "kind", "pair"),
    [
        ("Kyiv has recalled for consultations its chargé d'affaires in Moscow.", "SANCTION", ("UKR", "RUS")),
        ("The Turkish president received on Monday in Ankara his Azerbaijani counterpart.", "CONSULT", ("TUR", "AZE")),
    ],
)
def test_an_object_after_an_adverbial_phrase_is_the_object(text: str, kind: str, pair: tuple[str, str]) -> None:
    """Translated copy keeps the source's word order; the parser reads the late object as an apposition."""
    found = _events(text)
    assert any(k == kind and a[:1] == [pair[0]] and r[:1] == [pair[1]] for k, a, r, _ in found), found


def test_a_comma_set_apposition_is_no_object() -> None:
    found = _events("Russia recalled its ambassador in Washington, Anatoly Antonov, for consultations.")
    assert [k for k, *_ in found] == ["SANCTION"], found


def test_ordering_troops_somewhere_moves_them() -> None:
    found = _events("Biden ordered 3,000 troops to Poland and Romania on Wednesday.")
    assert [(k, a) for k, a, _, _ in found] == [("MOBILIZE", ["USA"])], found


@pytest.mark.parametrize(
    ("text", "beaten"),
    [
        ("Riot police beat protesters with batons outside parliament on Tuesday.", True),
        ("Guards beat the detainees during the night, former inmates said.", True),
        ("Brazil beat Argentina 2-0 in Rio on Sunday.", False),
    ],
)
def test_beating_people_is_an_assault_beating_a_rival_is_not(text: str, beaten: bool) -> None:
    found = _events(text)
    assert any(k == "ASSAULT" for k, *_ in found) == beaten, found


@pytest.mark.parametrize(
    ("text", "modality"),
    [
        ("Washington has closed the door to any compromise on NATO enlargement.", "asserted"),
        ("The minister underlined that Moscow does not intend to close the door to further dialogue.", "negated"),
    ],
)
def test_closing_the_door_to_talks_is_a_refusal(text: str, modality: str) -> None:
    found = _events(text)
    assert [(k, m) for k, _, _, m in found if k == "REJECT"][:1] == [("REJECT", modality)], found


def test_a_shop_closing_its_doors_is_no_event() -> None:
    assert _events("The bakery closed its doors on Monday after forty years.") == []


@pytest.mark.parametrize(
    ("text", "recipient"),
    [
        ("Moscow recognised the independence of Abkhazia and South Ossetia on Tuesday.", "GEO"),
        ("Kosovo was recognised by the United States as an independent state.", "KOS"),
    ],
)
def test_recognising_a_state_supports_it_in_either_spelling(text: str, recipient: str) -> None:
    found = _events(text)
    assert any(k == "SUPPORT" and recipient in r for k, _, r, _ in found), found


def test_recognising_a_mistake_is_no_event() -> None:
    assert _events("The minister recognised that mistakes had been made.") == []
