"""The event coder: lexicon, gazetteer, store, stage, and the events an analyst would code (own sentences and the
dev corpus)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from redline.errors import NotFoundError
from redline.events.lexicon import PLOVER_TYPES, LexiconError, build_lexicon, load_lexicon
from redline.events.places import load_gazetteer
from redline.records import Actor, Article, Event, Span

RESOURCES = Path(__file__).resolve().parent / "resources" / "events"
DATA = Path(__file__).resolve().parents[1] / "src" / "redline" / "data" / "events"
SENTENCES = [json.loads(line) for line in (RESOURCES / "sentences.jsonl").read_text(encoding="utf-8").splitlines()]


# ------------------------------------------------------------------------------------------------ lexicon
def test_lexicon_loads_every_plover_type_with_quads_and_scores():
    lexicon = load_lexicon()
    assert set(PLOVER_TYPES) <= set(lexicon.types)
    assert lexicon.quad("CONSULT") == 1 and lexicon.quad("AID") == 2
    assert lexicon.quad("THREATEN") == 3 and lexicon.quad("ASSAULT") == 4
    assert lexicon.intensity("CONSULT", "visit") == 4
    assert lexicon.intensity("ASSAULT", "unconventional") == -10
    assert lexicon.intensity("ACCUSE", None) < 0
    assert lexicon.canonical_type("demand") == "REQUEST"
    assert lexicon.canonical_type("FIGHT") == "ASSAULT"


def test_particles_stay_words_and_every_pattern_is_valid():
    lexicon = load_lexicon()
    call_on = [e for e in lexicon.entries_for("call", "verb") if e.wrap == "appeal" and "on" in e.prt]
    assert call_on, "'on' must not be read as the YAML boolean true"
    for entry in lexicon.entries:
        assert entry.type is None or entry.type in lexicon.types
        assert 0 < entry.conf <= 1
    for rule in lexicon.wrappers.values():
        for row in [*rule.by_type.values(), *rule.by_class.values()]:
            assert row.get("type") is None or row["type"] in lexicon.types


def test_a_bad_lexicon_entry_is_a_clear_error(tmp_path: Path):
    for name in ("plover.yaml", "nouns.yaml", "cues.yaml", "contexts.yaml"):
        shutil.copy(DATA / name, tmp_path / name)
    (tmp_path / "verbs.yaml").write_text("triggers:\n  - lemma: frobnicate\n    type: EXPLODE\n", encoding="utf-8")
    with pytest.raises(LexiconError, match="unknown type EXPLODE"):
        build_lexicon(tmp_path)
    (tmp_path / "verbs.yaml").write_text(
        "triggers:\n  - lemma: frob\n    type: AGREE\n    colour: red\n", encoding="utf-8"
    )
    with pytest.raises(LexiconError, match="unknown keys"):
        build_lexicon(tmp_path)


def test_gazetteer_knows_capitals_cities_and_organisations():
    gazetteer = load_gazetteer()
    assert gazetteer.lookup("Vienna").country == "AUT"
    assert gazetteer.lookup("Geneva").country == "CHE"
    assert gazetteer.lookup("the United States").country == "USA"
    assert gazetteer.lookup("Kyiv").country == gazetteer.lookup("Kiev").country == "UKR"
    assert gazetteer.organisation("NATO") == "NATO"
    assert gazetteer.adjective("Russian") == "RUS"
    assert gazetteer.lookup("Atlantis") is None


# ------------------------------------------------------------------------------------------------ store
def _event(event_id: str, article_id: str, event_type: str = "THREATEN", **fields) -> Event:
    base = {
        "actor": [Actor(text="Russia", start=0, end=6, name="Russia", country="RUS")],
        "recipient": [Actor(text="NATO", start=20, end=24, name="NATO", country="NATO")],
        "date": "2021-12-13",
        "quad": 3,
        "confidence": 0.8,
        "sentence_index": 0,
        "rule": "test",
    }
    base.update(fields)
    return Event(
        id=event_id,
        event_type=event_type,
        article_id=article_id,
        text="Russia warned NATO of a response.",
        trigger=Span("warned", 7, 13),
        **base,
    )


def _article(store, article_id: str, outlet: str = "Outlet") -> None:
    store.add_article(
        Article(
            id=article_id,
            text="Russia warned NATO of a response.",
            source=f"{article_id}.txt",
            outlet=outlet,
            published="2021-12-13",
            content_hash=article_id,
        )
    )


def test_add_events_replaces_an_articles_events_and_records_its_report(store):
    _article(store, "a1", outlet="RT")
    store.add_events("a1", [_event("e1", "a1"), _event("e2", "a1", "REQUEST")])
    store.add_events("a1", [_event("e1", "a1")])
    found = store.events(article_ids=["a1"])
    assert [e.id for e in found] == ["e1"]
    report = found[0].reports[0]
    assert (report.article_id, report.outlet, report.sentence) == ("a1", "RT", found[0].text)
    assert found[0].actor[0].country == "RUS" and found[0].trigger == Span("warned", 7, 13)


def test_events_filters(store):
    _article(store, "a1")
    _article(store, "a2")
    store.add_events("a1", [_event("e1", "a1"), _event("e2", "a1", "CONSULT", quad=1, date="2021-12-20")])
    us = [Actor(text="Washington", start=0, end=10, name="United States", country="USA")]
    store.add_events("a2", [_event("e3", "a2", "SANCTION", actor=us, date="2022-02-22", date_end="2022-02-24")])
    assert {e.id for e in store.events(event_type="threaten")} == {"e1"}
    assert {e.id for e in store.events(actor="RUS")} == {"e1", "e2"}
    assert {e.id for e in store.events(actor="washing")} == {"e3"}
    assert {e.id for e in store.events(recipient="NATO")} == {"e1", "e2", "e3"}
    assert {e.id for e in store.events(country="USA")} == {"e3"}
    assert {e.id for e in store.events(since="2021-12-14")} == {"e2", "e3"}
    assert {e.id for e in store.events(until="2021-12-31")} == {"e1", "e2"}
    assert {e.id for e in store.events(quad=1)} == {"e2"}
    assert {e.id for e in store.events(text="WARNED NATO")} == {"e1", "e2", "e3"}
    assert [e.id for e in store.events(limit=2)] == ["e1", "e2"]
    assert [e.id for e in store.events(after_id="e1")] == ["e2", "e3"]
    assert store.event("e3").event_type == "SANCTION"
    with pytest.raises(NotFoundError):
        store.event("missing")


def test_set_merge_keeps_one_row_per_act_and_survives_a_recode(store):
    _article(store, "a1")
    _article(store, "a2")
    store.add_events("a1", [_event("e1", "a1")])
    store.add_events("a2", [_event("e2", "a2")])
    canonical = store.event("e1")
    canonical.story_id = "s1"
    canonical.reports = [*canonical.reports, *store.event("e2").reports]
    canonical.disagreements = {"date": ["2021-12-13", "2021-12-14"]}
    store.set_merge(canonical, ["e1", "e2"])
    merged = store.events(canonical_only=True)
    assert [e.id for e in merged] == ["e1"]
    assert len(merged[0].reports) == 2 and merged[0].disagreements["date"]
    assert [e.id for e in store.events(story="s1")] == ["e1", "e2"]
    store.add_events("a2", [_event("e2", "a2")])  # re-coding keeps the merge link of a surviving id
    assert [e.id for e in store.events(canonical_only=True)] == ["e1"]


# ------------------------------------------------------------------------------------------------ coder
@pytest.fixture(scope="module")
def coded() -> dict[str, list[Event]]:
    """Every resource sentence coded once (one batch)."""
    from redline.events import code_texts

    return dict(code_texts([(row["id"], row["text"], row.get("date")) for row in SENTENCES]))


def _countries(actors: list[Actor]) -> set[str]:
    return {a.country for a in actors if a.country}


def _matches(event: Event, expect: dict) -> bool:
    if event.event_type != expect["event_type"]:
        return False
    aliases = {"EU": {"EU", "EUR"}}
    for side in ("actor", "recipient"):
        got = _countries(getattr(event, side))
        for code in expect.get(side, []):
            if not got & aliases.get(code, {code}):
                return False
    if "recipients" in expect and len(event.recipient) != expect["recipients"]:
        return False  # how many recipients, named or not ("a sea has no state to receive the act": 0)
    skip = ("event_type", "actor", "recipient", "recipients")
    return all(getattr(event, key) == expect[key] for key in expect if key not in skip)


@pytest.mark.slow
@pytest.mark.parametrize("row", SENTENCES, ids=[row["id"] for row in SENTENCES])
def test_own_sentences_code_as_an_analyst_would(coded, row):
    events = coded[row["id"]]
    shown = [(e.event_type, e.mode, _countries(e.actor), _countries(e.recipient), e.rule) for e in events]
    if not row["expect"]:
        assert events == [], f"expected no event, got {shown}"
    for expect in row["expect"]:
        assert any(_matches(e, expect) for e in events), f"{expect} not in {shown}"
    if row.get("exclusive"):
        assert len(events) == len(row["expect"]), shown


@pytest.mark.slow
def test_events_explain_themselves_and_point_into_the_text(coded):
    texts = {row["id"]: row["text"] for row in SENTENCES}
    for item_id, events in coded.items():
        for event in events:
            text = texts[item_id]
            assert text[event.trigger.start : event.trigger.end] == event.trigger.text
            for actor in event.actor + event.recipient:
                if actor.start >= 0:
                    assert text[actor.start : actor.end] == actor.text
            assert event.rule and event.id.startswith("ev_")
            assert 0 < event.confidence <= 1 and event.quad in (1, 2, 3, 4)
            assert -10 <= event.intensity <= 10
            assert event.text in text


@pytest.mark.slow
def test_event_ids_are_stable_across_runs(coded):
    from redline.events import code_texts

    row = SENTENCES[0]
    again = dict(code_texts([(row["id"], row["text"], row["date"])]))
    assert [e.id for e in again[row["id"]]] == [e.id for e in coded[row["id"]]]


@pytest.mark.slow
def test_appeals_are_plover_requests_unless_cameo_conventions_are_asked_for():
    from redline.events import EventCoder, code_texts

    text = "The UN chief called on Russia to withdraw its troops from the border."
    default = dict(code_texts([("a", text, "2022-02-20")]))["a"]
    cameo = dict(code_texts([("a", text, "2022-02-20")], coder=EventCoder(appeals=False)))["a"]
    assert cameo == []
    assert [(e.event_type, e.mode) for e in default] == [("REQUEST", "yield")]
    assert "RUS" in _countries(default[0].recipient)


# ------------------------------------------------------------------------------------------------ dev corpus
@pytest.fixture(scope="module")
def dev_store(tmp_path_factory):
    """The dev corpus through the real pipeline: ingest, parse, quotes, events."""
    shared = Path(__file__).resolve().parents[1].parent / "shared"
    files = sorted((shared / "corpus" / "dev").glob("*.txt"))
    if not files:
        pytest.skip("../shared/corpus/dev is not present")
    from redline.ingest import ingest_paths
    from redline.pipeline import run_stages
    from redline.store import Store

    store = Store(tmp_path_factory.mktemp("dev") / "redline.db")
    ingest_paths([str(f) for f in files], store)
    run_stages(store, only=["nlp", "quotes", "events"])
    yield store
    store.close()


def _dev_events(store, **filters) -> list[Event]:
    return store.events(**filters)


def _published(store, event: Event) -> str:
    return (store.article(event.article_id).published or "")[:10]


# The dev articles are found by what they are (publication day), never by copying their text into the tests.
@pytest.mark.slow
def test_dev_russia_requests_guarantees_from_nato_and_the_us(dev_store):
    requests = _dev_events(dev_store, event_type="REQUEST", actor="RUS")
    assert any("NATO" in _countries(e.recipient) and "guarantees" in e.text for e in requests)
    assert any("USA" in _countries(e.recipient) for e in requests)
    assert any("binding" in e.text and "guarantees" in e.text for e in requests)


@pytest.mark.slow
def test_dev_russia_threatens_a_military_technical_response_if_nato_deploys(dev_store):
    threats = _dev_events(dev_store, event_type="THREATEN", actor="RUS", recipient="NATO")
    found = [e for e in threats if e.hypothetical and e.future and "technical" in e.trigger.text]
    assert found, [(e.trigger.text, e.rule) for e in threats]
    event = found[0]
    assert event.mode == "violence" and event.date == "2021-12-13"
    assert event.quote_id is not None  # the diplomat's statement, with its speaker from the quotes stage


@pytest.mark.slow
def test_dev_dates_follow_the_news_convention(dev_store):
    events = _dev_events(dev_store)
    monday = [e for e in events if _published(dev_store, e) == "2021-12-13" and "Monday" in e.text]
    assert monday and all(e.date == "2021-12-13" for e in monday)  # published on that Monday
    tuesday = [e for e in events if _published(dev_store, e) == "2021-12-21" and "Tuesday" in e.text]
    own_day = [e for e in tuesday if "last week" not in e.text]
    assert own_day and all(e.date == "2021-12-21" for e in own_day)
    # "The Tuesday address came after the ministry last week released two draft documents": the drafts are
    # dated by their own clause (the week before), not by the address
    drafts = [e for e in tuesday if "last week" in e.text and e.event_type == "REQUEST"]
    assert drafts and all((e.date, e.date_end) == ("2021-12-13", "2021-12-19") for e in drafts)
    october = [e for e in events if "October" in e.text]
    assert october and {(e.date, e.date_end) for e in october} == {("2021-10-01", "2021-10-31")}
    month = [e for e in events if "this month" in e.text]
    assert month and all((e.date, e.date_end) == ("2021-12-01", "2021-12-20") for e in month)


@pytest.mark.slow
def test_dev_talks_are_consultations_between_russia_and_the_us(dev_store):
    talks = _dev_events(dev_store, event_type="CONSULT")
    assert any({"RUS", "USA"} <= _countries(e.actor) | _countries(e.recipient) for e in talks)
    # a call between two sides is coded in both directions, one side acting on the other
    calls = [e for e in talks if e.mode == "phone" and {"RUS", "USA"} <= _countries(e.actor) | _countries(e.recipient)]
    assert calls and all(e.reciprocal and e.recipient for e in calls)
    assert {tuple(_countries(e.actor)) for e in calls} >= {("RUS",), ("USA",)}


@pytest.mark.slow
def test_dev_withdrawal_and_expulsion_are_sanctions_with_their_location(dev_store):
    sanctions = _dev_events(dev_store, event_type="SANCTION")
    withdrew = [e for e in sanctions if e.mode == "withdraw" and "RUS" in _countries(e.actor)]
    assert withdrew and "NATO" in _countries(withdrew[0].recipient) and withdrew[0].location == "BEL"
    assert any(e.mode == "expel" and "NATO" in _countries(e.actor) for e in sanctions)


@pytest.mark.slow
def test_dev_accusation_content_is_not_coded_as_an_event(dev_store):
    accusations = _dev_events(dev_store, event_type="ACCUSE", recipient="RUS")
    assert accusations
    for accusation in accusations:
        same_sentence = [
            e
            for e in _dev_events(dev_store, article_ids=[accusation.article_id])
            if e.sentence_index == accusation.sentence_index
        ]
        assert [e.event_type for e in same_sentence] == ["ACCUSE"]


@pytest.mark.parametrize(
    ("text", "side", "absent", "present"),
    [
        # the outlet a speaker talks to carries the words; the threat is aimed at the alliance
        (
            "Sergei Lavrov told RIA Novosti on Monday that Moscow would respond militarily if NATO deployed missiles.",
            "recipient",
            {"RIA Novosti"},
            {"NATO"},
        ),
        # an outlet the act is about stays its recipient
        ("The Kremlin accused RIA Novosti of spreading lies.", "recipient", set(), {"RIA Novosti"}),
        # "US-led" says who leads the alliance, not that the US is the one threatened or acting
        (
            "Deputy Foreign Minister Sergei Ryabkov told RIA Novosti that a confrontation between Russia and the "
            "US-led military alliance was likely if the diplomatic track failed.",
            "recipient",
            {"USA", "RIA Novosti"},
            set(),
        ),
        ("Iran-backed militias attacked a US base in Iraq.", "actor", {"IRN"}, set()),
    ],
)
def test_channels_and_sponsors_are_not_the_parties_of_an_act(text, side, absent, present):
    from redline.events import code_texts

    ((_, events),) = code_texts([("s", text, "2021-12-13")])
    assert events, text
    names = {a.country for e in events for a in getattr(e, side)} | {a.name for e in events for a in getattr(e, side)}
    assert not names & absent, names
    assert present <= names | {a.text for e in events for a in getattr(e, side)}, names


def test_a_day_is_never_a_party():
    from redline.events import code_texts

    ((_, events),) = code_texts(
        [("d", "Seoul condemned Sunday's missile launch as a grave provocation.", "2022-03-21")]
    )
    assert events and all("Sunday" not in a.text for e in events for a in [*e.actor, *e.recipient])


def test_whoever_is_to_blame_is_accused_not_accusing():
    from redline.events import code_texts

    text = "The foreign minister said the rebels were to blame for the collapse of the talks."
    ((_, events),) = code_texts([("b", text, "2022-03-21")])
    (accusation,) = events
    assert accusation.event_type == "ACCUSE" and [a.text for a in accusation.recipient] == ["the rebels"]
    assert "rebels" not in " ".join(a.text for a in accusation.actor)


def test_an_apposition_the_parser_reads_as_a_list_adds_no_actor():
    from redline.events import code_texts

    rows = [
        ("a", "Even China, Pyongyang's only ally and its economic lifeline, said it opposed the test.", "2016-09-10"),
        ("b", "Russia and its allies rejected the resolution.", "2016-09-10"),
    ]
    coded = dict(code_texts(rows))
    assert coded["a"] and all({a.country for a in e.actor} == {"CHN"} for e in coded["a"])
    assert any(len(e.actor) == 2 for e in coded["b"])  # a real list keeps both


# ------------------------------------------------------------------------------------------------ issue 13
def _sides(event: Event) -> tuple[str, list[str], list[str], str]:
    def name(actor: Actor) -> str:
        return actor.country or actor.name or actor.text

    return event.event_type, [name(a) for a in event.actor], [name(a) for a in event.recipient], event.modality


ISSUE_13 = [
    # a counted group is the group counted, not a number
    ("Riot police detained hundreds of striking miners outside the ministry.", ("COERCE", "miners")),
    # donating is aid, whatever is donated
    ("Japan donated 40 generators to the power utility of Ukraine.", ("AID", "JPN", "UKR")),
    # "provide X with Y": X receives
    ("Norway will provide Sudan with emergency food aid, the minister said.", ("AGREE", "NOR", "SDN", "future")),
    # joining sanctions is imposing them
    ("Switzerland joined the EU sanctions against Minsk.", ("SANCTION", "CHE", "BLR")),
    # intent nouns: "no plans to" denies the act; "has plans to" intends it
    ("Turkey said it had no plans to send troops into northern Iraq.", ("MOBILIZE", "TUR", "IRQ", "negated")),
    ("Turkey has plans to send troops into northern Iraq.", ("MOBILIZE", "TUR", "IRQ", "future")),
    # a promise is made to the one assured
    ("Seoul assured Washington that it would cooperate fully with the probe.", ("AGREE", "KOR", "USA", "future")),
    # diplomatic protests handed over, ambassadors recalled from or ordered out of a host state
    ("Manila handed a protest note to the Chinese ambassador over the collision.", ("ACCUSE", "PHL", "CHN")),
    ("Peru recalled its ambassador to Mexico City for consultations.", ("SANCTION", "PER", "MEX")),
    ("Niger ordered the French ambassador to leave the country within 48 hours.", ("SANCTION", "NER", "FRA")),
    # a response promised to any provocation threatens, hypothetically
    (
        "Any violation of our border will be answered firmly, the Finnish president said.",
        ("THREATEN", "FIN", None, "hypothetical"),
    ),
]


@pytest.mark.parametrize(("text", "want"), ISSUE_13, ids=[t[:40] for t, _ in ISSUE_13])
def test_issue_13_error_kinds_code_as_the_manual_says(text: str, want: tuple[str, ...]):
    from redline.events import code_texts

    ((_, events),) = code_texts([("s", text, "2024-05-20")])
    found = [_sides(e) for e in events]
    assert found, text
    kind, *rest = want
    matching = [f for f in found if f[0] == kind]
    assert matching, found
    _, actors, recipients, mode = matching[0]
    if rest and kind != "COERCE":
        assert rest[0] in actors, found
    if kind == "COERCE":
        assert any(rest[0] in r for r in recipients), found
    elif len(rest) > 1 and rest[1] is not None:
        assert rest[1] in recipients, found
    if len(rest) > 2:
        assert mode == rest[2], found


@pytest.mark.parametrize(
    "text",
    [
        "Certain forces are trying to wreck the talks, the Sudanese envoy said.",  # a vague group is no party
        "Both parties were urged to show restraint.",  # an unidentified pair is no party
        "Tehran denied supplying drones to Russia.",  # denying a fact refuses nothing
    ],
)
def test_unidentified_groups_and_denied_facts_are_no_event(text: str):
    from redline.events import code_texts

    ((_, events),) = code_texts([("s", text, "2024-05-20")])
    assert not events, [_sides(e) for e in events]


def test_a_state_accuses_the_armed_group_of_its_own_country():
    from redline.events import code_texts

    text = "Sudan's army said the Rapid Support Forces had shelled a camp for displaced people in Darfur."
    ((_, events),) = code_texts([("s", text, "2024-05-20")])
    found = [_sides(e) for e in events]
    assert ("ASSAULT", ["SDN"], found[0][2], "claimed") in found or any(
        f[0] == "ASSAULT" and f[3] == "claimed" for f in found
    ), found
    assert any(f[0] == "ACCUSE" and f[3] == "asserted" for f in found), found


def test_agreeing_to_talks_with_a_party_is_one_sided_and_a_promise_to_one_assured_too():
    from redline.events import code_texts

    rows = [
        ("a", "The teachers' union agreed to resume talks with the education ministry next week.", "2024-05-20"),
        ("b", "Kenya and Uganda agreed to resume talks on the border dispute.", "2024-05-20"),
    ]
    coded = dict(code_texts(rows))
    assert [e.event_type for e in coded["a"]] == ["AGREE"]
    assert len([e for e in coded["b"] if e.event_type == "AGREE"]) == 2


@pytest.mark.parametrize(
    "text",
    [
        "Tehran said London had betrayed its commitments under the nuclear deal.",
        "The army spokesman said the rebels were only interested in looting, not in peace.",
    ],
)
def test_a_breach_or_a_disparaged_interest_laid_on_someone_is_only_an_accusation(text: str):
    from redline.events import code_texts

    ((_, events),) = code_texts([("s", text, "2024-05-20")])
    assert [e.event_type for e in events] == ["ACCUSE"], [_sides(e) for e in events]


def test_a_vague_group_with_a_description_is_still_a_party():
    from redline.events import code_texts

    ((_, events),) = code_texts([("s", "Turkey supports some opposition groups in northern Syria.", "2024-05-20")])
    assert any(e.event_type == "SUPPORT" and "opposition" in e.recipient[0].text for e in events if e.recipient)


@pytest.mark.parametrize(
    ("text", "recipient"),
    [
        ("Without concrete political steps from the alliance, he said, Russia would respond militarily.", "alliance"),
        ("Iran will respond forcefully to any attack on its ships, the foreign minister said.", None),
        ("The minister said Moscow would answer in the military or military-technical plane.", None),
    ],
)
def test_a_response_promised_with_force_is_a_threat_without_a_threat_verb(text: str, recipient: str | None):
    from redline.events import code_texts

    ((_, events),) = code_texts([("s", text, "2024-05-20")])
    threats = [e for e in events if e.event_type == "THREATEN"]
    assert threats and threats[0].modality in ("future", "hypothetical"), [_sides(e) for e in events]
    if recipient is not None:
        assert recipient in threats[0].recipient[0].text


@pytest.mark.parametrize(
    "text",
    [
        "The army responded militarily to the attack on Monday.",  # done, not promised
        "The government will respond to the report next week.",  # a response with no force in it
    ],
)
def test_a_response_without_force_or_promise_is_no_threat(text: str):
    from redline.events import code_texts

    ((_, events),) = code_texts([("s", text, "2024-05-20")])
    assert not [e for e in events if e.event_type == "THREATEN"], [_sides(e) for e in events]


def test_a_reported_had_to_is_a_demand_but_a_narrated_one_is_not():
    from redline.events import code_texts

    reported = "Gavrilov said the United States had to hold serious talks with Russia on security guarantees."
    narrated = "The government had to close the schools after the floods."
    coded = dict(code_texts([("a", reported, "2021-12-20"), ("b", narrated, "2021-12-20")]))
    assert [(e.event_type, e.actor[0].text) for e in coded["a"]] == [("REQUEST", "Gavrilov")]
    assert not [e for e in coded["b"] if e.event_type == "REQUEST"]


def test_the_alternative_to_a_demand_is_a_threat():
    from redline.events import code_texts

    text = "NATO must take concrete political steps; the alternative is a military response from Russia, he said."
    ((_, events),) = code_texts([("s", text, "2021-12-20")])
    assert any(e.event_type == "THREATEN" and e.hypothetical for e in events), [_sides(e) for e in events]


def test_an_act_named_as_recipient_stands_for_the_one_who_did_it():
    from redline.events import code_texts

    rows = [
        ("a", "Serbian police have launched an investigation into crimes committed by Croat forces.", "2024-05-20"),
        ("b", "The protesters denounced the decision by the government to raise fuel prices.", "2024-05-20"),
        ("c", "The UN sent aid to areas hit by the floods.", "2024-05-20"),
        ("d", "The town shelled by Russian forces was evacuated.", "2024-05-20"),
    ]
    coded = dict(code_texts(rows))
    assert not [e for e in coded["d"] if any("Russian" in r.text for r in e.recipient)]  # a place is no act
    assert [(e.event_type, [r.text for r in e.recipient]) for e in coded["a"]] == [("ACCUSE", ["Croat forces"])]
    assert any(e.event_type == "ACCUSE" and [r.text for r in e.recipient] == ["the government"] for e in coded["b"])
    assert all(not e.recipient for e in coded["c"] if e.event_type == "AID")  # floods are no party


def test_committing_crimes_is_no_promise_but_committing_to_a_plan_is():
    from redline.events import code_texts

    rows = [
        ("a", "Rights groups say the militia committed atrocities in the north last year.", "2024-05-20"),
        ("b", "Denmark said it was committed to the agreement with Norway.", "2024-05-20"),
    ]
    coded = dict(code_texts(rows))
    assert not [e for e in coded["a"] if e.event_type == "AGREE"], [_sides(e) for e in coded["a"]]
    assert [(e.event_type, [r.text for r in e.recipient]) for e in coded["b"]] == [("AGREE", ["Norway"])]


def test_blows_delivered_to_a_party_are_an_attack_on_it():
    from redline.events import code_texts

    text = "The militants have threatened to deliver devastating blows to the United States and Israel."
    ((_, events),) = code_texts([("s", text, "2024-05-20")])
    assert [(e.event_type, [r.text for r in e.recipient]) for e in events] == [
        ("THREATEN", ["the United States", "Israel"])
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The administration has promised a veto of the bill.", "THREATEN"),
        ("The EU vowed tough sanctions against Moscow.", "THREATEN"),
        ("The EU promised aid to Ukraine.", "AGREE"),
    ],
)
def test_a_hostile_act_promised_is_a_threat_and_help_promised_is_an_agreement(text: str, expected: str):
    from redline.events import code_texts

    ((_, events),) = code_texts([("s", text, "2024-05-20")])
    assert [e.event_type for e in events] == [expected], [_sides(e) for e in events]


def test_failing_to_act_is_the_act_negated_and_seizing_on_a_claim_takes_nothing():
    from redline.events import code_texts

    rows = [
        ("a", "The minister failed to condemn the attack by the rebels.", "2024-05-20"),
        ("b", "The senator seized on the governor's claim that crime had fallen.", "2024-05-20"),
        ("c", "It attacked the mayor, saying he has neither the temperament nor the judgment to lead.", "2024-05-20"),
    ]
    coded = dict(code_texts(rows))
    assert [(e.event_type, e.modality) for e in coded["a"]] == [("ACCUSE", "negated")]
    assert not [e for e in coded["b"] if e.event_type == "COERCE"], [_sides(e) for e in coded["b"]]
    assert not [e for e in coded["c"] if e.event_type == "REQUEST"], [_sides(e) for e in coded["c"]]


def test_a_charge_is_someone_s_allegation_whoever_makes_it_but_witnesses_only_report():
    from redline.events import code_texts

    rows = [
        ("a", "Russian troops shelled the village, the rebels claimed.", "2024-05-20"),
        ("b", "Russian troops shelled the village, witnesses said.", "2024-05-20"),
    ]
    coded = dict(code_texts(rows))
    assault = next(e for e in coded["a"] if e.event_type == "ASSAULT")
    assert assault.modality == "claimed" and any(e.event_type == "ACCUSE" for e in coded["a"])
    assert [e.modality for e in coded["b"] if e.event_type == "ASSAULT"] == ["asserted"]


def test_a_passive_participle_s_noun_undergoes_the_act():
    from redline.events import code_texts

    text = "The journalists detained by the army in March went on hunger strike."
    ((_, events),) = code_texts([("s", text, "2024-05-20")])
    coerce = [e for e in events if e.event_type == "COERCE"]
    assert [([a.text for a in e.actor], [r.text for r in e.recipient]) for e in coerce] == [
        (["the army"], ["The journalists"])
    ]
