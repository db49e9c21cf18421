"""CAMEO codes where CAMEO separates what PLOVER folds together, and the quad class CAMEO data counts.

- A concession done is CAMEO 08 (material cooperation); the promise of one is 035 "express intent to yield"
  (verbal), and a promised release, aid or cooperation likewise takes its 03 intent code.
- A request by a demanding verb is a CAMEO demand (10), not an appeal (02).
- Releasing seized property (assets, a ship) is a retreat like releasing people (CAMEO 0842).
- What a wrapper ("cut", "provide") acts on is its object before any "to" phrase ("cut aid to the refugees").
The sentences are written for these tests; none is in a gold file.
"""

from __future__ import annotations

import pytest

from redline.evaluate.quad import cameo_quad
from redline.events import EventCoder, code_texts
from redline.records import Event

DAY = "2024-05-20"


def _events(text: str, coder: EventCoder | None = None) -> list[Event]:
    ((_, events),) = code_texts([("s", text, DAY)], coder=coder)
    return events


def _only(text: str, event_type: str, coder: EventCoder | None = None) -> Event:
    found = [e for e in _events(text, coder) if e.event_type == event_type]
    assert len(found) == 1, (text, [(e.event_type, e.cameo_code) for e in _events(text, coder)])
    return found[0]


@pytest.mark.parametrize(
    ("text", "event_type"),
    [
        ("The military council lifted the curfew in the capital on Sunday.", "CONCEDE"),
        ("Authorities in Yangon eased restrictions on public gatherings this week.", "CONCEDE"),
        # releasing seized property is a retreat like releasing people (CAMEO 0842)
        ("Iran released the seized oil tanker on Friday.", "RETREAT"),
        ("A Swiss court released the frozen assets of the former minister's family.", "RETREAT"),
    ],
)
def test_a_concession_or_release_done_is_material_cooperation(text: str, event_type: str) -> None:
    event = _only(text, event_type)
    assert event.cameo_root == "08" and cameo_quad(event) == 2  # CAMEO data count it as material
    if event_type == "CONCEDE":
        assert event.quad == 1  # PLOVER counts a concession as verbal


@pytest.mark.parametrize(
    ("text", "code_prefix"),
    [
        ("The military council agreed to lift the curfew in the capital.", "035"),
        ("The junta said it was willing to withdraw its troops from the border region.", "035"),
        ("The rebels said they would free the hostages next week.", "035"),
    ],
)
def test_a_promised_concession_is_an_intent_to_yield(text: str, code_prefix: str) -> None:
    event = _only(text, "CONCEDE")
    assert event.cameo_code is not None and event.cameo_code.startswith(code_prefix), event.cameo_code
    assert cameo_quad(event) == 1


def test_promised_aid_takes_the_intent_code_of_the_aid() -> None:
    event = _only("Japan will send humanitarian aid to the flood victims in Pakistan, Tokyo said.", "AGREE")
    assert event.cameo_code is not None and event.cameo_code.startswith("033"), event.cameo_code


def test_a_refused_concession_is_no_promise() -> None:
    events = _events("The government said it would not lift the state of emergency.")
    assert not any(e.cameo_code and e.cameo_code.startswith("035") for e in events)


def test_a_demand_is_a_cameo_demand_and_an_appeal_an_appeal() -> None:
    coder = EventCoder(appeals=True)
    demand = _only("The opposition demanded the release of the detained journalists.", "REQUEST", coder)
    appeal = _only("The opposition urged the government to release the detained journalists.", "REQUEST", coder)
    pressed = _only("The unions pressed the cabinet to raise the minimum wage in Kenya.", "REQUEST", coder)
    assert demand.cameo_root == "10" and cameo_quad(demand) == 3
    assert pressed.cameo_root == "10"  # pressing insists: a demand, not an appeal
    assert appeal.cameo_root == "02" and cameo_quad(appeal) == 0


def test_releasing_a_statement_is_no_retreat() -> None:
    events = _events("The foreign ministry released a statement on the talks.")
    assert not [e for e in events if e.event_type == "RETREAT"]


@pytest.mark.parametrize(
    ("text", "event_type", "recipient"),
    [
        # what is stopped is the object, not the party of the "to" phrase
        ("The World Food Programme cut food aid to the refugees in Chad.", "SANCTION", None),
        ("Washington reduced military aid to Cairo last year.", "SANCTION", "EGY"),
        # support given is support expressed; refused, it is a rejection
        ("The EU provided political support to Moldova.", "SUPPORT", "MDA"),
        ("The minister said Berlin would not give its support to the plan of Hungary.", "REJECT", None),
    ],
)
def test_the_object_is_what_a_wrapper_acts_on(text: str, event_type: str, recipient: str | None) -> None:
    event = _only(text, event_type)
    if recipient is not None:
        assert [a.country for a in event.recipient] == [recipient]
