"""Stances in reported speech: who rejects, who threatens, and what a question or a piece of evidence is not.

- "X is unacceptable": the one who says so (or the party it is unacceptable *to*) rejects the doer of X;
- a threatened cost: the one who warns threatens the party that would pay ("Russia will face severe
  consequences") or whose act would cost ("any Russian aggression would come at a high price");
- a question ("asked how Washington would respond") neither requests nor asserts what it asks about;
- offering (no) evidence for a claim commits to nothing.
"""

from __future__ import annotations

import pytest

from redline.events import code_texts
from redline.records import Actor, Event

DAY = "2024-05-20"


def _name(actor: Actor) -> str:
    return actor.country or actor.name or actor.text


def _sides(event: Event) -> tuple[str, list[str], list[str]]:
    return event.event_type, [_name(a) for a in event.actor], [_name(a) for a in event.recipient]


def _coded(text: str) -> list[tuple[str, list[str], list[str]]]:
    ((_, events),) = code_texts([("s", text, DAY)])
    return [_sides(e) for e in events]


@pytest.mark.parametrize(
    ("text", "actor", "recipient"),
    [
        ("The Chinese foreign ministry said the expansion of the US military presence was unacceptable.", "CHN", "USA"),
        ("Tokyo said the sanctions imposed by Beijing were unacceptable.", "JPN", "CHN"),
        ("Poland's membership in the bloc is unacceptable, the Belarusian defence minister said.", "BLR", "POL"),
        ("Ankara said the deployment of Greek troops on the islands was unacceptable to Turkey.", "TUR", "GRC"),
    ],
)  # fmt: skip
def test_what_is_unacceptable_is_rejected_by_who_says_so(text: str, actor: str, recipient: str):
    rejects = [s for s in _coded(text) if s[0] == "REJECT"]
    assert rejects and actor in rejects[0][1] and recipient in rejects[0][2], _coded(text)


def test_an_opinion_no_one_voices_rejects_nothing():
    assert not [s for s in _coded("Such conduct is unacceptable.") if s[0] == "REJECT"]


@pytest.mark.parametrize(
    ("text", "actor", "recipient"),
    [
        ("Iran will face severe consequences if it attacks shipping, the British minister warned.", "GBR", "IRN"),
        ("The French president warned that any Russian escalation would have serious consequences.", "FRA", "RUS"),
        ("Pyongyang would pay a heavy price for any provocation, the South Korean defence minister said.", "KOR",
         "PRK"),
    ],
)  # fmt: skip
def test_a_threatened_cost_is_the_warner_s_threat_against_who_would_pay(text: str, actor: str, recipient: str):
    threats = [s for s in _coded(text) if s[0] == "THREATEN"]
    assert threats and actor in threats[0][1] and recipient in threats[0][2], _coded(text)


@pytest.mark.parametrize(
    "text",
    [
        "The senator asked how the administration would respond if China blockaded Taiwan.",
        "Reporters asked whether Israel would strike Iran.",
        "Asked about the sanctions, the minister said nothing had been decided.",
    ],
)
def test_a_question_requests_nothing_and_asserts_nothing(text: str):
    assert not [s for s in _coded(text) if s[0] in ("REQUEST", "THREATEN", "ASSAULT")], _coded(text)


def test_asking_someone_to_act_is_still_a_request():
    assert ("REQUEST", ["UKR"], ["DEU"]) in _coded("Ukraine asked Germany to send more air defence systems.")


def test_evidence_offered_for_a_claim_is_no_agreement_but_presented_against_someone_accuses():
    assert not [s for s in _coded("The general offered no evidence for his claim.") if s[0] == "AGREE"]
    accusations = [s for s in _coded("Kyiv presented evidence against the Russian commanders.") if s[0] == "ACCUSE"]
    assert accusations and "UKR" in accusations[0][1]


def test_answers_promised_to_a_proposal_are_an_agreement_but_a_military_response_threatens():
    promised = _coded("The ministry said Washington had promised to send written replies to Moscow's proposals.")
    assert [s[:3] for s in promised if s[1] == ["USA"]] == [("AGREE", ["USA"], ["RUS"])], promised
    threat = _coded("Tehran promised a military response to any attack on its nuclear sites.")
    assert [s[0] for s in threat] == ["THREATEN"], threat


def test_a_clause_joined_to_a_report_is_not_what_the_speaker_said():
    """ "X has said ..., and Y plans to ...": Y's plan is the report's own news, not X's claim about Y."""
    found = _coded("Italy has said it will host the talks, and Spain plans to send two frigates to the Baltic Sea.")
    assert not [s for s in found if s[0] == "ACCUSE"], found
    assert [s for s in found if s[0] == "MOBILIZE" and s[1] == ["ESP"]], found


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The two navies agreed on measures to prevent incidents at sea.", "AGREE"),
        ("Beijing vowed a response to the new US sanctions.", "THREATEN"),  # a response to a hostile act
        ("Hezbollah vowed retaliation against Israel.", "THREATEN"),  # a threat by itself
    ],
)
def test_a_promised_response_threatens_only_when_it_answers_hostility_or_is_one(text: str, expected: str):
    assert [s[0] for s in _coded(text)] == [expected], _coded(text)


def test_an_ability_is_no_act():
    assert not _coded("The new drones are capable of striking targets deep inside Russia.")


def test_a_subject_pronoun_takes_the_party_the_clause_is_about_not_a_place_or_a_plural():
    text = "Washington accused Beijing of massing warships near Taiwan and warned of sanctions if it attacked."
    threats = [s for s in _coded(text) if s[0] == "THREATEN"]
    assert threats and threats[0][2] == ["CHN"], _coded(text)


def _events(text: str) -> list[Event]:
    ((_, events),) = code_texts([("s", text, DAY)])
    return events


def test_information_that_an_act_happened_is_a_claim_of_it() -> None:
    """ "said it had information that X did Y": the clause of a claim noun is claimed like a that-clause."""
    events = _events("The Pentagon said it had intelligence that Iranian drones attacked the tanker near Oman.")
    attacks = [e for e in events if e.event_type == "ASSAULT"]
    assert attacks and all(e.modality == "claimed" for e in attacks)
    assert ("ACCUSE", ["USA"], ["IRN"]) in [_sides(e) for e in events]


def test_an_attack_someone_is_sent_to_carry_out_is_intended_not_done() -> None:
    events = _events("Belgrade said Pristina had moved special police units north to attack Serb villages.")
    attacks = [e for e in events if e.event_type == "ASSAULT"]
    assert attacks and not [e for e in attacks if e.modality == "asserted"]


def test_an_appositive_remark_is_no_voice_of_the_act_before_it() -> None:
    """ "X demanded Y, a demand Z says it cannot meet": Z speaks of the demand; X's demand is no claim of Z."""
    events = _events(
        "Tehran demanded the release of its frozen funds, a demand the British government says it cannot meet."
    )
    requests = [e for e in events if e.event_type == "REQUEST"]
    assert requests and requests[0].modality == "asserted" and [a.country for a in requests[0].actor] == ["IRN"]
    assert not [e for e in events if e.event_type == "ACCUSE"]


def test_expelling_members_of_a_mission_is_a_sanction() -> None:
    (event,) = [e for e in _events("Estonia expelled three members of the Russian embassy on Tuesday.")]
    assert _sides(event) == ("SANCTION", ["EST"], ["RUS"])


@pytest.mark.parametrize(
    "text",
    [
        "The EU hopes Belarus will free the jailed opposition leaders.",  # another side's act, hoped for
        "Ankara expects Stockholm to extradite the suspects.",
        "Tokyo denied any plan to deploy troops to the islands.",  # a denied intention, not a refusal
        "The Kremlin denies any such plan.",
        "Assurances were given to the Soviet leadership in 1990.",  # "given to" is no concession
    ],
)
def test_wishes_denied_plans_and_things_given_are_no_acts(text: str) -> None:
    assert _coded(text) == []


def test_a_refused_permission_is_a_rejection_and_given_it_is_a_concession() -> None:
    assert ("CONCEDE", ["EGY"], ["ISR"]) in _coded("Egypt gave permission to Israel to move troops into Sinai.")
    refused = _coded("Turkey said it would not give permission to Sweden to join the alliance.")
    assert [s[0] for s in refused] == ["REJECT"]


def test_what_an_accusation_alleges_is_not_asserted_even_deep_inside_it() -> None:
    events = _coded("Hanoi accused Beijing of harming its fishermen by expanding the base on the reef.")
    assert [e[0] for e in events] == ["ACCUSE"]


def test_a_coordinated_non_party_is_no_recipient() -> None:
    events = _coded("The Kremlin says NATO raises tensions by arming Kyiv and holding drills near its borders.")
    aid = [e for e in events if e[0] == "AID"]
    assert aid and all(e[2] == ["UKR"] for e in aid)


def test_refraining_from_an_act_does_not_do_it() -> None:
    (event,) = _events("Serbia refrained from sending troops to the border with Kosovo.")
    assert event.event_type == "MOBILIZE" and event.modality == "negated"


@pytest.mark.parametrize(
    ("text", "actor", "modality"),
    [
        ("It was not Kyiv that shelled the village, the ministry in Moscow admitted.", "UKR", "negated"),
        ("It was Hamas that attacked the convoy, the Israeli army said.", "PSE", "claimed"),
    ],
)
def test_a_cleft_names_its_focus_as_the_actor_and_can_deny_the_act(text: str, actor: str, modality: str) -> None:
    attacks = [e for e in _events(text) if e.event_type == "ASSAULT"]
    assert len(attacks) == 1
    assert [a.country for a in attacks[0].actor] == [actor] and attacks[0].modality == modality


@pytest.mark.parametrize(
    ("text", "event_type"),
    [
        ("Government soldiers looted shops in the northern town.", "COERCE"),  # armed forces seize property
        ("Angry crowds looted shops in the northern town.", "PROTEST"),  # a riot
    ],
)
def test_looting_by_soldiers_is_seizure_and_by_crowds_a_riot(text: str, event_type: str) -> None:
    assert [e.event_type for e in _events(text)] == [event_type]


def test_a_claim_dismissed_in_a_reduced_relative_is_the_dismisser_s_own_act() -> None:
    """ "X accused Y of Z, an allegation W dismissed": W's dismissal is W's own, read as "W dismissed the
    allegation" is (a denial of an accusation: CAMEO's "deny responsibility", no PLOVER event), never something
    X claims; X's accusation stands."""
    events = _events("Moscow accused Ukrainian forces of shelling the plant, an allegation Kyiv dismissed as lies.")
    alone = _events("Kyiv dismissed the allegation as lies.")
    assert [(e.event_type, e.modality) for e in events if e.event_type != "ACCUSE"] == [
        (e.event_type, e.modality) for e in alone
    ]
    assert [(e.event_type, [a.country for a in e.actor]) for e in events] == [("ACCUSE", ["RUS"])]


@pytest.mark.parametrize(
    ("text", "event_type"),
    [
        ("Khartoum expelled the aid agencies working in Darfur.", "SANCTION"),  # an organisation sent away
        ("The junta forced the UN refugee agency out of the country.", "SANCTION"),
        ("Police forced the protesters out of the square.", "COERCE"),  # people driven out
    ],
)
def test_expelling_an_agency_is_a_sanction_and_driving_people_out_coercion(text: str, event_type: str) -> None:
    assert [e.event_type for e in _events(text)] == [event_type]
