"""Cross-report merging and quote linking: one act merged across outlets, different acts kept apart.

Events and quotes are built by hand, as the events and quotes stages emit them. A keyword embedder stands in for
the model where the structure is under test; tests marked slow use the real multilingual model for "other words,
same act" (English, German and machine-translated renderings of one statement).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest

from redline.records import Actor, Article, Event, Quote, Report, Span, Speaker
from redline.store import Store
from redline.stories import MergeParams, link_quotes, merge_events, outlet_count, report_count, update_story
from redline.stories.canonical import canonical_event, own_report
from redline.stories.content import content_words, overlap, stem
from redline.stories.merge import Placed, compatible, date_span, link_score, relation
from redline.stories.state import StoryState

RUSSIA = Actor(text="Russia", name="Russia", country="RUS", kb_id="RUS")
RYABKOV = Actor(
    text="Sergei Ryabkov", name="Sergei Ryabkov", country="RUS", sector="GOV", role="Deputy Foreign Minister"
)
GAVRILOV = Actor(
    text="Konstantin Gavrilov", name="Konstantin Gavrilov", country="RUS", sector="GOV", role="head of delegation"
)
RUSSIAN_MILITARY = Actor(text="the Russian army", name="Russian army", country="RUS", sector="MIL")
NATO = Actor(text="NATO", name="NATO", country="NATO", kb_id="NATO")
WEST = Actor(text="the West", name="the West", country="WST", kb_id="WST")
UKRAINE = Actor(text="Ukraine", name="Ukraine", country="UKR", kb_id="UKR")
USA = Actor(text="Washington", name="United States", country="USA", kb_id="USA")
DIPLOMAT = Actor(text="the diplomat")

OUTLETS = {
    "rt": ("RT", "2021-12-13T09:00:00"),
    "tass": ("TASS", "2021-12-13T11:00:00"),
    "dw": ("DW", "2021-12-14T08:00:00"),
    "later": ("Later Daily", "2022-01-10T08:00:00"),
}

THREAT_EN = "The lack of progress on this issue will result in our military or military-technical response."
THREAT_DE = (
    "Das Ausbleiben von Fortschritten in dieser Frage wird zu unserer militärischen oder "
    "militärisch-technischen Antwort führen."
)
THREAT_MT = "Without progress on the political-diplomatic way Moscow will react military or military-technically."
MORATORIUM_EN = "We call on the US and NATO to join the moratorium."
GUARANTEES_EN = "We need guarantees and they must be legal, that is what we seek."


def event(
    event_id: str,
    article_id: str,
    *,
    event_type: str = "THREATEN",
    actor: Sequence[Actor] = (RUSSIA,),
    recipient: Sequence[Actor] = (NATO,),
    date: str | None = "2021-12-13",
    text: str = "Russia warned NATO of a military response.",
    confidence: float = 0.7,
    **extra: object,
) -> Event:
    return Event(
        id=event_id,
        event_type=event_type,
        article_id=article_id,
        text=text,
        trigger=Span("warned", 7, 13),
        actor=list(actor),
        recipient=list(recipient),
        date=date,
        intensity=-6.0 if event_type == "THREATEN" else -2.0,
        quad=3,
        confidence=confidence,
        reports=[Report(article_id, OUTLETS.get(article_id, (None, None))[0], text, 0, len(text), date)],
        **extra,  # type: ignore[arg-type]
    )


def keyword_embed(texts: Sequence[str]) -> np.ndarray:
    """A model-free embedder: texts naming the same topic word are near-identical."""
    topics = ("response", "moratorium", "guarantees")
    rows = np.array([[1.0 if topic in text else 0.0 for topic in topics] + [0.1] for text in texts])
    return rows / np.linalg.norm(rows, axis=1, keepdims=True)


def groups(merged: Sequence) -> list[list[str]]:
    return sorted(sorted([item.canonical.id, *item.member_ids]) for item in merged)


def as_placed(item: Event, day: str | None = None) -> Placed:
    vector = keyword_embed([item.text])[0]
    return Placed(item, vector, date_span(item, day), content_words(item))


# -- which reports are one act ---------------------------------------------------------------------------------


def test_three_outlets_reporting_one_threat_become_one_event_with_three_reports() -> None:
    events = [
        event("e-tass", "tass", actor=[RYABKOV], confidence=0.9, mode="verbal"),
        event("e-rt", "rt", actor=[RYABKOV], recipient=[], confidence=0.6),
        event("e-dw", "dw", actor=[RYABKOV], date="2021-12-14", confidence=0.8, mode="verbal"),
    ]
    (merged,) = merge_events(events, embed=keyword_embed, outlets=OUTLETS, story_id="story-1")
    canonical = merged.canonical
    # The first report (RT, earliest publication) anchors the id; the others point at it.
    assert canonical.id == "e-rt" and sorted(merged.member_ids) == ["e-dw", "e-tass"]
    assert report_count(canonical) == 3 and outlet_count(canonical) == 3
    assert [r.outlet for r in canonical.reports] == ["RT", "TASS", "DW"]
    # Best-evidenced fields: a recipient, the highest confidence, the majority date and mode.
    assert canonical.actor == [RYABKOV] and canonical.recipient == [NATO]
    assert canonical.confidence == 0.9 and canonical.mode == "verbal"
    assert canonical.date == "2021-12-13" and canonical.story_id == "story-1"
    assert canonical.disagreements == {"date": ["2021-12-13", "2021-12-14"]}
    assert [r.date for r in canonical.reports] == ["2021-12-13", "2021-12-13", "2021-12-14"]


def test_one_officials_two_requests_to_one_recipient_on_one_day_stay_two_acts() -> None:
    """Same actor, type, recipient and day; different content: the demand for guarantees is not the moratorium."""
    events = [
        event("e-guarantees", "rt", event_type="REQUEST", actor=[RYABKOV], text=GUARANTEES_EN),
        event("e-moratorium", "rt", event_type="REQUEST", actor=[RYABKOV], text=MORATORIUM_EN, sentence_index=3),
        event("e-moratorium-2", "tass", event_type="REQUEST", actor=[RYABKOV], text=MORATORIUM_EN),
    ]
    assert groups(merge_events(events, embed=keyword_embed, outlets=OUTLETS)) == [
        ["e-guarantees"],
        ["e-moratorium", "e-moratorium-2"],
    ]


def test_same_actor_request_and_threaten_are_different_acts() -> None:
    events = [event("e-1", "rt", event_type="REQUEST"), event("e-2", "tass", event_type="THREATEN")]
    assert groups(merge_events(events, embed=keyword_embed, outlets=OUTLETS)) == [["e-1"], ["e-2"]]


def test_threats_by_different_actors_are_different_acts() -> None:
    events = [
        event("e-usa", "rt", actor=[USA], recipient=[UKRAINE]),
        event("e-mil", "tass", actor=[RUSSIAN_MILITARY], recipient=[UKRAINE]),
        event("e-gov", "dw", actor=[RYABKOV], recipient=[UKRAINE], date="2021-12-14"),
    ]
    assert groups(merge_events(events, embed=keyword_embed, outlets=OUTLETS)) == [["e-gov"], ["e-mil"], ["e-usa"]]


def test_two_named_officials_of_one_country_are_different_acts_the_same_day() -> None:
    events = [event("e-ryabkov", "tass", actor=[RYABKOV]), event("e-gavrilov", "rt", actor=[GAVRILOV])]
    assert relation([RYABKOV], [GAVRILOV]) == "different"
    assert groups(merge_events(events, embed=keyword_embed, outlets=OUTLETS)) == [["e-gavrilov"], ["e-ryabkov"]]


def test_the_same_country_alone_needs_closer_content_than_the_same_official() -> None:
    """Russia threatens NATO through many officials in a week: the state alone does not vouch for one act."""
    gavrilov = event("e-1", "rt", actor=[GAVRILOV], text="Gavrilov warned of a military response to NATO expansion.")
    moscow = event("e-2", "tass", text="Moscow rejects the deployment of offensive strike weapons near its borders.")
    assert relation(gavrilov.actor, moscow.actor) == "state"
    assert link_score(as_placed(gavrilov), as_placed(moscow), MergeParams(), {}) < 0
    assert groups(merge_events([gavrilov, moscow], embed=keyword_embed, outlets=OUTLETS)) == [["e-1"], ["e-2"]]


def test_same_actor_and_type_weeks_apart_are_different_acts() -> None:
    events = [event("e-dec", "rt"), event("e-jan", "later", date="2022-01-10")]
    assert groups(merge_events(events, embed=keyword_embed, outlets=OUTLETS)) == [["e-dec"], ["e-jan"]]


def test_negation_and_mode_keep_acts_apart_and_unknown_sides_are_wildcards() -> None:
    base = as_placed(event("e-1", "rt"))
    assert not compatible(base, as_placed(event("e-3", "tass", negated=True)), MergeParams())
    assert not compatible(
        as_placed(event("e-4", "rt", mode="a")), as_placed(event("e-5", "tass", mode="b")), MergeParams()
    )
    assert compatible(as_placed(event("e-6", "rt", mode="a")), as_placed(event("e-7", "tass")), MergeParams())
    # An unresolved mention and a regional collective neither confirm nor contradict a resolved actor.
    assert relation([DIPLOMAT], [RYABKOV]) == "open"
    assert relation([WEST], [NATO]) == "open"


def test_different_recipients_merge_only_on_near_identical_words_of_one_named_actor() -> None:
    to_nato = as_placed(event("e-1", "rt", actor=[RYABKOV], recipient=[NATO], text=THREAT_EN))
    to_usa = as_placed(event("e-2", "tass", actor=[RYABKOV], recipient=[USA], text=THREAT_EN))
    assert link_score(to_nato, to_usa, MergeParams(), {}) >= MergeParams().recipient_override
    other = as_placed(event("e-3", "tass", actor=[RYABKOV], recipient=[USA], text=MORATORIUM_EN))
    assert link_score(to_nato, other, MergeParams(), {}) < 0
    country = as_placed(event("e-4", "tass", actor=[RUSSIA], recipient=[USA], text=THREAT_EN))
    assert link_score(to_nato, country, MergeParams(), {}) < 0  # the state alone cannot override a recipient


def test_a_date_range_is_close_to_the_days_it_covers() -> None:
    last_week = as_placed(event("e-range", "dw", date="2021-12-13", date_end="2021-12-19"))
    assert compatible(last_week, as_placed(event("e-20", "rt", date="2021-12-20")), MergeParams())
    assert compatible(last_week, as_placed(event("e-22", "rt", date="2021-12-22")), MergeParams())
    assert not compatible(last_week, as_placed(event("e-23", "rt", date="2021-12-23")), MergeParams())
    assert not compatible(last_week, as_placed(event("e-09", "rt", date="2021-12-09")), MergeParams())


def test_an_undated_report_happened_in_the_days_up_to_its_articles_day() -> None:
    undated = event("e-undated", "dw", date=None)
    assert date_span(undated) is None
    span = date_span(undated, "2021-12-20", days_back=7)
    assert span is not None and (span[0].isoformat(), span[1].isoformat()) == ("2021-12-13", "2021-12-20")
    placed_undated = as_placed(undated, "2021-12-20")
    assert compatible(placed_undated, as_placed(event("e-15", "rt", date="2021-12-15")), MergeParams())
    assert not compatible(placed_undated, as_placed(event("e-01", "rt", date="2021-12-01")), MergeParams())


def test_grouping_is_complete_link_so_near_matches_do_not_chain() -> None:
    # 10th ~ 12th ~ 14th pairwise within 3 days, but the 10th and 14th are four days apart (all dated by
    # their sentences: none falls on its article's publication day).
    events = [
        event("e-10", "rt", date="2021-12-10"),
        event("e-12", "tass", date="2021-12-12"),
        event("e-14", "later", date="2021-12-14"),
    ]
    assert groups(merge_events(events, embed=keyword_embed, outlets=OUTLETS)) == [["e-10", "e-12"], ["e-14"]]


def test_a_past_act_dated_by_its_articles_day_may_have_happened_in_the_week_before() -> None:
    """ "Stoltenberg has rejected ..." in a report of the 14th names no day: the coder dates it the 14th, the day
    of publication, which only bounds it; an explicit "on the 10th" elsewhere is the same act."""
    explicit, defaulted = event("e-10", "rt", date="2021-12-10"), event("e-dw", "dw", date="2021-12-14")
    assert groups(merge_events([explicit, defaulted], embed=keyword_embed, outlets=OUTLETS)) == [["e-10", "e-dw"]]
    coming = event("e-dw", "dw", date="2021-12-14", future=True)  # a coming act is dated by its own words
    assert groups(merge_events([explicit, coming], embed=keyword_embed, outlets=OUTLETS)) == [["e-10"], ["e-dw"]]


def test_reports_merge_only_on_evidence_never_on_structure_alone() -> None:
    linked = [
        event("e-1", "rt", actor=[], quote_id="q-1", text="one"),
        event("e-2", "tass", actor=[], quote_id="q-2", text="two"),
        event("e-3", "dw", actor=[], quote_id="q-3", text="three"),
    ]
    statements = {"q-1": "stmt-a", "q-2": "stmt-a", "q-3": "stmt-b"}
    assert groups(merge_events(linked, outlets=OUTLETS, statements=statements)) == [["e-1", "e-2"], ["e-3"]]
    assert groups(merge_events(linked, outlets=OUTLETS)) == [["e-1"], ["e-2"], ["e-3"]]


def test_every_event_lands_in_exactly_one_group() -> None:
    events = [event(f"e-{n}", outlet, date=f"2021-12-{10 + n:02d}") for n, outlet in enumerate(["rt", "tass", "dw"])]
    events += [event("e-req", "rt", event_type="REQUEST")]
    merged = merge_events(events, embed=keyword_embed, outlets=OUTLETS)
    ids = [i for item in merged for i in [item.canonical.id, *item.member_ids]]
    assert sorted(ids) == sorted(e.id for e in events)


def test_grouping_does_not_depend_on_the_order_reports_are_given_in() -> None:
    events = [
        event("e-a", "rt", actor=[RYABKOV]),
        event("e-b", "tass", actor=[RYABKOV], text=THREAT_EN),
        event("e-c", "dw", actor=[GAVRILOV], date="2021-12-14"),
        event("e-d", "dw", event_type="REQUEST", actor=[RYABKOV], text=MORATORIUM_EN),
    ]
    first = merge_events(events, embed=keyword_embed, outlets=OUTLETS)
    again = merge_events(list(reversed(events)), embed=keyword_embed, outlets=OUTLETS)
    assert [m.canonical.as_dict() for m in first] == [m.canonical.as_dict() for m in again]


def test_content_words_leave_out_actors_function_words_and_reporting_verbs() -> None:
    sentence = "Sergei Ryabkov said on Monday that Russia would respond militarily to the deployment."
    ryabkov = Actor(text="Sergei Ryabkov", start=100, end=114, name="Sergei Ryabkov", country="RUS")
    report = event("e", "rt", actor=[ryabkov], text=sentence)
    report.reports = [Report("rt", "RT", sentence, 100, 100 + len(sentence))]
    assert content_words(report) == {"respond", "militari", "deployment"}
    assert {stem(w) for w in ("guarantees", "guaranteed", "guarantee")} == {"guarante"}
    assert {stem(w) for w in ("military", "militarily", "militaries")} == {"militari"}
    assert overlap(frozenset({"a", "b"}), frozenset({"a", "b", "c", "d", "e", "f", "g", "h"})) == 0.5
    assert overlap(frozenset(), frozenset({"a"})) == 0.0


def test_own_report_is_built_when_an_event_has_none() -> None:
    bare = Event(id="x", event_type="THREATEN", article_id="rt", text="Russia warned.", trigger=Span("warned", 7, 13))
    report = own_report(bare, OUTLETS)
    assert (report.article_id, report.outlet, report.sentence) == ("rt", "RT", "Russia warned.")
    assert canonical_event([bare]).reports[0].sentence == "Russia warned."


def test_an_act_is_flagged_hypothetical_when_half_its_reports_are() -> None:
    reports = [event("e-1", "rt", hypothetical=True, confidence=0.9), event("e-2", "tass")]
    assert canonical_event(reports).hypothetical
    assert not canonical_event([*reports, event("e-3", "dw")]).hypothetical


# -- quote linking ---------------------------------------------------------------------------------------------


def quote(quote_id: str, article_id: str, text: str, speaker: Speaker) -> Quote:
    return Quote(
        id=quote_id,
        article_id=article_id,
        text=text,
        kind="direct",
        cue="said",
        speaker=speaker,
        sentence_index=0,
        start=0,
        end=len(text),
    )


RYABKOV_SPEAKER = Speaker(mention="Ryabkov", name="Sergei Ryabkov", country="RUS", kb_id="Q1")
RJABKOW_SPEAKER = Speaker(mention="Rjabkow", name="Sergej Rjabkow", country="RUS")
PUTIN_SPEAKER = Speaker(mention="Putin", name="Vladimir Putin", country="RUS", kb_id="Q2")
UNKNOWN_SPEAKER = Speaker(mention="the diplomat")
PUBLISHED = {key: value[1] for key, value in OUTLETS.items()}


def test_the_same_statement_by_the_same_speaker_gets_one_statement_id() -> None:
    quotes = [
        quote("q-tass", "tass", "a military response", RYABKOV_SPEAKER),
        quote("q-dw", "dw", "eine militärische response", RJABKOW_SPEAKER),
        quote("q-rt", "rt", "join the moratorium", RYABKOV_SPEAKER),
        quote("q-putin", "rt", "a tough response", PUTIN_SPEAKER),
    ]
    statements = link_quotes(quotes, keyword_embed, published=PUBLISHED)
    assert sorted(sorted(ids) for ids in statements.values()) == [["q-dw", "q-tass"], ["q-putin"], ["q-rt"]]


def test_an_unresolved_speaker_needs_a_closer_wording() -> None:
    quotes = [
        quote("q-1", "rt", "a military response", RYABKOV_SPEAKER),
        quote("q-2", "tass", "a military response", UNKNOWN_SPEAKER),
    ]
    assert len(link_quotes(quotes, keyword_embed)) == 1

    def middling(texts: Sequence[str]) -> np.ndarray:
        angle = np.arccos(0.7)  # cosine 0.7: enough for one speaker (0.65), not for an unknown one (0.75)
        return np.array([[1.0, 0.0], [np.cos(angle), np.sin(angle)]])[: len(texts)]

    assert len(link_quotes(quotes, middling)) == 2
    same_speaker = [quotes[0], quote("q-3", "tass", "x", RYABKOV_SPEAKER)]
    assert len(link_quotes(same_speaker, middling)) == 1


def test_one_speakers_remarks_days_apart_are_two_statements_unless_requoted_word_for_word() -> None:
    """Speaker + content + date: two statements on one topic four days apart are not one statement."""
    days = {"mon": "2021-12-13", "fri": "2021-12-17", "next-day": "2021-12-14"}

    def close(texts: Sequence[str]) -> np.ndarray:
        angle = np.arccos(0.75)  # a remark on the same topic: close, not the same words
        return np.array([[1.0, 0.0], [np.cos(angle), np.sin(angle)], [1.0, 0.0]])[: len(texts)]

    remarks = [quote("q-mon", "mon", "a", RYABKOV_SPEAKER), quote("q-fri", "fri", "b", RYABKOV_SPEAKER)]
    assert len(link_quotes(remarks, close, published=days)) == 2
    next_day = [quote("q-mon", "mon", "a", RYABKOV_SPEAKER), quote("q-tue", "next-day", "b", RYABKOV_SPEAKER)]
    assert len(link_quotes(next_day, close, published=days)) == 1
    requoted = [quote("q-mon", "mon", "a", RYABKOV_SPEAKER), quote("q-fri", "fri", "a", RYABKOV_SPEAKER)]
    assert len(link_quotes(requoted, keyword_embed, published=days)) == 1


def test_quotes_weeks_apart_are_not_linked() -> None:
    quotes = [
        quote("q-dec", "rt", "a military response", RYABKOV_SPEAKER),
        quote("q-jan", "later", "a military response", RYABKOV_SPEAKER),
        quote("q-undated", "nowhere", "a military response", RYABKOV_SPEAKER),
    ]
    statements = link_quotes(quotes, keyword_embed, published=PUBLISHED)
    assert sorted(sorted(ids) for ids in statements.values()) == [["q-dec", "q-undated"], ["q-jan"]]


# -- updating a story in the store ----------------------------------------------------------------------------


def stored_story(store: Store, story_id: str, reports: Sequence[tuple[str, str]]) -> None:
    """Articles (id, day) placed in one story, as the clusterer leaves them."""
    store.save_story_state(StoryState(id=story_id, centroid=np.zeros(2, dtype=np.float32)))
    for article_id, day in reports:
        store.add_article(
            Article(
                id=article_id,
                text="x",
                source=article_id,
                published=day,
                outlet=article_id.upper(),
                content_hash=article_id,
            )
        )
        store.add_story_article(story_id, article_id, score=1.0, how="joined", day=day)


def test_update_places_new_reports_into_the_stored_acts_they_join(tmp_path: Path) -> None:
    with Store(tmp_path / "acts.db") as store:
        stored_story(store, "story-1", [("rt", "2021-12-13"), ("tass", "2021-12-13"), ("dw", "2021-12-14")])
        store.add_events("rt", [event("e-rt", "rt", actor=[RYABKOV], text=THREAT_EN)])
        store.add_quotes("rt", [quote("q-rt", "rt", MORATORIUM_EN, RYABKOV_SPEAKER)])
        first = update_story(store, "story-1", ["rt"], embed=keyword_embed)
        assert (first.reports, first.founded, first.joined) == (1, 1, 0)
        store.add_events("tass", [event("e-tass", "tass", actor=[RYABKOV], text=THREAT_EN, confidence=0.9)])
        store.add_events("dw", [event("e-dw", "dw", event_type="REQUEST", actor=[RYABKOV], text=MORATORIUM_EN)])
        store.add_quotes("tass", [quote("q-tass", "tass", MORATORIUM_EN, RJABKOW_SPEAKER)])
        second = update_story(store, "story-1", ["tass", "dw"], embed=keyword_embed)
        assert (second.reports, second.founded, second.joined) == (2, 1, 1)
        (threat,) = store.events(event_type="THREATEN", canonical_only=True)
        assert threat.id == "e-rt" and report_count(threat) == 2 and threat.confidence == 0.9
        assert [r.outlet for r in threat.reports] == ["RT", "TASS"] and threat.story_id == "story-1"
        assert store.event_acts(["tass"]) == {"e-tass": "e-rt"}
        linked = {q.id: q.statement_id for q in store.quotes(article_ids=["rt", "tass"])}
        assert linked["q-rt"] == linked["q-tass"] is not None
        # A resumed run places nothing twice.
        assert update_story(store, "story-1", ["tass", "dw"], embed=keyword_embed).reports == 0


def test_update_keeps_the_anchors_report_as_coded_when_its_row_becomes_the_canonical(tmp_path: Path) -> None:
    """The canonical row is rewritten; later merges still see the first report as the events stage coded it."""
    with Store(tmp_path / "anchor.db") as store:
        stored_story(store, "s", [("rt", "2021-12-13"), ("tass", "2021-12-13"), ("dw", "2021-12-14")])
        store.add_events("rt", [event("e-rt", "rt", actor=[RYABKOV], recipient=[], text=THREAT_EN, confidence=0.5)])
        update_story(store, "s", ["rt"], embed=keyword_embed)
        store.add_events("tass", [event("e-tass", "tass", actor=[RYABKOV], text=THREAT_EN, confidence=0.9)])
        update_story(store, "s", ["tass"], embed=keyword_embed)
        store.add_events("dw", [event("e-dw", "dw", actor=[RYABKOV], recipient=[USA], text=THREAT_MT)])
        update_story(store, "s", ["dw"], embed=keyword_embed)
        ((_, anchor, _, _, _),) = [row for row in store.act_members(["e-rt"]) if row[1].id == "e-rt"]
        assert anchor.recipient == [] and anchor.confidence == 0.5  # as coded, not as merged
        canonical = store.event("e-rt")
        assert canonical.recipient == [NATO] and canonical.confidence == 0.9


# -- with the real multilingual model --------------------------------------------------------------------------


@pytest.mark.slow
def test_english_and_german_renderings_of_one_statement_are_linked_and_merged() -> None:
    from redline.stories import embed_texts

    quotes = [
        quote("q-en", "tass", THREAT_EN, RYABKOV_SPEAKER),
        quote("q-de", "dw", THREAT_DE, RJABKOW_SPEAKER),
        quote("q-other", "rt", MORATORIUM_EN, RYABKOV_SPEAKER),
    ]
    statements = link_quotes(quotes, embed_texts)
    assert sorted(sorted(ids) for ids in statements.values()) == [["q-de", "q-en"], ["q-other"]]
    # Without any quote linking, the words alone merge the English and the machine-translated report of one
    # threat (the MT report's actor was not resolved), and keep the other statement apart.
    events = [
        event("e-en", "tass", actor=[RYABKOV], text=THREAT_EN),
        event("e-mt", "dw", actor=[DIPLOMAT], text=THREAT_MT, date="2021-12-14"),
        event("e-other", "rt", actor=[RYABKOV], text=MORATORIUM_EN),
    ]
    assert groups(merge_events(events, embed=embed_texts, outlets=OUTLETS)) == [["e-en", "e-mt"], ["e-other"]]


@pytest.mark.slow
def test_military_technical_response_respond_militarily_and_military_response_are_one_act() -> None:
    from redline.stories import embed_texts

    wordings = [
        "Ryabkov said Russia would make a military-technical response if NATO deployed such missiles in Europe.",
        "Ryabkov said Moscow would respond militarily if NATO kept refusing to give it security guarantees.",
        "Ryabkov warned that the lack of guarantees would lead to a military response from Russia.",
    ]
    events = [
        event(f"e-{n}", outlet, actor=[RYABKOV], text=text)
        for n, (outlet, text) in enumerate(zip(["rt", "tass", "dw"], wordings, strict=True))
    ]
    events.append(
        event(
            "e-football", "dw", actor=[RYABKOV], text="Ryabkov said Russia will host a football tournament next summer."
        )
    )
    assert groups(merge_events(events, embed=embed_texts, outlets=OUTLETS)) == [["e-0", "e-1", "e-2"], ["e-football"]]


@pytest.mark.parametrize(
    ("first", "second", "verdict"),
    [
        ("Sergei Ryabkov", "Sergej Rjabkow", True),  # German transliteration
        ("Volodymyr Zelenskyy", "Wolodymyr Selenskyj", True),
        ("Sergei Shoigu", "Sergej Schoigu", True),
        ("Konstantin Gavrilov", "Konstantin Gawrilow", True),
        ("Sergei Lavrov", "Sergej Rjabkow", None),  # one shared first name: names alone cannot tell
        ("Sergei Ryabkov", "Konstantin Gavrilov", False),
    ],
)
def test_transliterations_of_one_name_are_one_person(first: str, second: str, verdict: bool | None) -> None:
    from redline.stories.names import name_match

    assert name_match(first, second) is verdict
    assert name_match(second, first) is verdict
