"""Cross-report merging and quote linking: same act merged, different acts kept apart.

Events and quotes are built by hand, as the events and quotes stages would emit them. Tests marked slow use the
real multilingual model for "other words, same act" (an English and a German rendering of one statement).
"""

from __future__ import annotations

import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import date, timedelta

import numpy as np
import pytest

from redline.records import Actor, Event, Quote, Report, Span, Speaker
from redline.stories import MergeParams, link_quotes, merge_events, outlet_count, remerge_story, report_count
from redline.stories.merge import canonical_event, compatible, own_report

RUSSIA = Actor(text="Russia", name="Russia", country="RUS")
RYABKOV = Actor(
    text="Sergei Ryabkov", name="Sergei Ryabkov", country="RUS", sector="GOV", role="Deputy Foreign Minister"
)
GAVRILOV = Actor(
    text="Konstantin Gavrilov", name="Konstantin Gavrilov", country="RUS", sector="GOV", role="head of delegation"
)
RUSSIAN_MILITARY = Actor(text="the Russian army", name="Russian army", country="RUS", sector="MIL")
NATO = Actor(text="NATO", name="NATO", country="NATO")
UKRAINE = Actor(text="Ukraine", name="Ukraine", country="UKR")
USA = Actor(text="Washington", name="United States", country="USA")

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
MORATORIUM_EN = "We call on the US and NATO to join the moratorium."


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
        reports=[Report(article_id, OUTLETS[article_id][0], text, 0, len(text), date)],
        **extra,  # type: ignore[arg-type]
    )


def groups(merged: Sequence) -> list[list[str]]:
    return sorted(sorted([item.canonical.id, *item.member_ids]) for item in merged)


# -- merge -----------------------------------------------------------------------------------------------------


def test_three_outlets_reporting_one_threat_become_one_event_with_three_reports() -> None:
    events = [
        event("e-tass", "tass", actor=[RYABKOV], confidence=0.9, mode="verbal"),
        event("e-rt", "rt", actor=[RUSSIA], recipient=[], confidence=0.6),
        event("e-dw", "dw", actor=[RUSSIA], date="2021-12-14", confidence=0.8, mode="verbal"),
    ]
    (merged,) = merge_events(events, embed=keyword_embed, outlets=OUTLETS, story_id="story-1")
    canonical = merged.canonical
    # The first report (RT, earliest publication) anchors the id; the others point at it.
    assert canonical.id == "e-rt" and sorted(merged.member_ids) == ["e-dw", "e-tass"]
    assert report_count(canonical) == 3 and outlet_count(canonical) == 3
    assert [r.outlet for r in canonical.reports] == ["RT", "TASS", "DW"]
    # Best-evidenced fields: the most specific actor, a recipient, the highest confidence, the majority date.
    assert canonical.actor == [RYABKOV] and canonical.recipient == [NATO]
    assert canonical.confidence == 0.9 and canonical.mode == "verbal"
    assert canonical.date == "2021-12-13" and canonical.story_id == "story-1"
    assert canonical.disagreements == {"date": ["2021-12-13", "2021-12-14"]}
    assert [r.date for r in canonical.reports] == ["2021-12-13", "2021-12-13", "2021-12-14"]


def test_same_actor_request_and_threaten_are_different_acts() -> None:
    events = [event("e-1", "rt", event_type="REQUEST"), event("e-2", "tass", event_type="THREATEN")]
    assert groups(merge_events(events, outlets=OUTLETS)) == [["e-1"], ["e-2"]]


def test_two_threats_by_different_actors_are_different_acts() -> None:
    events = [
        event("e-usa", "rt", actor=[USA], recipient=[UKRAINE]),
        event("e-mil", "tass", actor=[RUSSIAN_MILITARY], recipient=[UKRAINE]),
        event("e-gov", "dw", actor=[RYABKOV], recipient=[UKRAINE], date="2021-12-14"),
    ]
    assert groups(merge_events(events, outlets=OUTLETS)) == [["e-gov"], ["e-mil"], ["e-usa"]]
    # A country-level report ("Russia threatened Ukraine") fits either Russian one, and joins the first.
    events.append(event("e-rus", "dw", actor=[RUSSIA], recipient=[UKRAINE], sentence_index=9))
    assert groups(merge_events(events, embed=keyword_embed, outlets=OUTLETS)) == [
        ["e-gov"],
        ["e-mil", "e-rus"],
        ["e-usa"],
    ]


def test_the_same_country_alone_does_not_make_one_act() -> None:
    """Russia threatens NATO through many officials in a week: without a shared name or wording, no merge."""
    events = [
        event("e-1", "rt", actor=[GAVRILOV], text="Gavrilov warned of a military response to NATO expansion."),
        event("e-2", "tass", text="Moscow rejects the deployment of offensive strike weapons near its borders."),
    ]
    assert groups(merge_events(events, outlets=OUTLETS)) == [["e-1"], ["e-2"]]
    assert groups(merge_events(events, embed=keyword_embed, outlets=OUTLETS)) == [["e-1"], ["e-2"]]


def test_two_named_officials_of_one_country_are_different_acts_the_same_day() -> None:
    events = [event("e-ryabkov", "tass", actor=[RYABKOV]), event("e-gavrilov", "rt", actor=[GAVRILOV])]
    assert groups(merge_events(events, outlets=OUTLETS)) == [["e-gavrilov"], ["e-ryabkov"]]


def test_same_actor_and_type_weeks_apart_are_different_acts() -> None:
    events = [event("e-dec", "rt"), event("e-jan", "later", date="2022-01-10")]
    assert groups(merge_events(events, outlets=OUTLETS)) == [["e-dec"], ["e-jan"]]


def test_different_recipients_negation_or_mode_keep_acts_apart() -> None:
    base = event("e-1", "rt")
    assert not compatible(base, event("e-2", "tass", recipient=[UKRAINE]), MergeParams())
    assert not compatible(base, event("e-3", "tass", negated=True), MergeParams())
    assert not compatible(event("e-4", "rt", mode="a"), event("e-5", "tass", mode="b"), MergeParams())
    assert compatible(event("e-6", "rt", mode="a"), event("e-7", "tass"), MergeParams())


def test_a_date_range_is_close_to_the_days_it_covers() -> None:
    last_week = event("e-range", "dw", date="2021-12-13", date_end="2021-12-19")
    assert compatible(last_week, event("e-20", "rt", date="2021-12-20"), MergeParams())
    assert compatible(last_week, event("e-22", "rt", date="2021-12-22"), MergeParams())
    assert not compatible(last_week, event("e-23", "rt", date="2021-12-23"), MergeParams())
    assert not compatible(last_week, event("e-09", "rt", date="2021-12-09"), MergeParams())


def test_grouping_is_complete_link_so_near_matches_do_not_chain() -> None:
    # 10th ~ 12th ~ 14th pairwise within 3 days, but the 10th and 14th are four days apart.
    events = [
        event("e-10", "rt", date="2021-12-10"),
        event("e-12", "tass", date="2021-12-12"),
        event("e-14", "dw", date="2021-12-14"),
    ]
    assert groups(merge_events(events, outlets=OUTLETS)) == [["e-10", "e-12"], ["e-14"]]


def test_actorless_events_merge_only_on_the_same_statement() -> None:
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
    merged = merge_events(events, outlets=OUTLETS)
    ids = [i for item in merged for i in [item.canonical.id, *item.member_ids]]
    assert sorted(ids) == sorted(e.id for e in events)


def test_remerging_a_merged_canonical_keeps_its_own_report_and_date() -> None:
    first = merge_events([event("e-rt", "rt"), event("e-dw", "dw", date="2021-12-14")], outlets=OUTLETS)[0]
    # What the store holds after set_merge: the canonical row with all reports; the member row unchanged.
    stored_canonical = first.canonical
    again = merge_events(
        [stored_canonical, event("e-dw", "dw", date="2021-12-14"), event("e-tass", "tass")], outlets=OUTLETS
    )
    (merged,) = again
    assert merged.canonical.id == "e-rt" and report_count(merged.canonical) == 3
    assert sorted(r.article_id for r in merged.canonical.reports) == ["dw", "rt", "tass"]
    assert merged.canonical.disagreements == {"date": ["2021-12-13", "2021-12-14"]}


def test_own_report_is_built_when_an_event_has_none() -> None:
    bare = Event(id="x", event_type="THREATEN", article_id="rt", text="Russia warned.", trigger=Span("warned", 7, 13))
    report = own_report(bare, OUTLETS)
    assert (report.article_id, report.outlet, report.sentence) == ("rt", "RT", "Russia warned.")
    assert canonical_event([bare]).reports[0].sentence == "Russia warned."


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


def keyword_embed(texts: Sequence[str]) -> np.ndarray:
    """A model-free embedder: texts naming the same topic word are near-identical."""
    topics = ("response", "moratorium", "guarantees")
    rows = np.array([[1.0 if topic in text else 0.0 for topic in topics] + [0.1] for text in texts])
    return rows / np.linalg.norm(rows, axis=1, keepdims=True)


RYABKOV_SPEAKER = Speaker(mention="Ryabkov", name="Sergei Ryabkov", country="RUS", kb_id="Q1")
RJABKOW_SPEAKER = Speaker(mention="Rjabkow", name="Sergej Rjabkow", country="RUS")
PUTIN_SPEAKER = Speaker(mention="Putin", name="Vladimir Putin", country="RUS", kb_id="Q2")
UNKNOWN_SPEAKER = Speaker(mention="the diplomat")


def test_the_same_statement_by_the_same_speaker_gets_one_statement_id() -> None:
    quotes = [
        quote("q-tass", "tass", "a military response", RYABKOV_SPEAKER),
        quote("q-dw", "dw", "eine militärische response", RJABKOW_SPEAKER),
        quote("q-rt", "rt", "join the moratorium", RYABKOV_SPEAKER),
        quote("q-putin", "rt", "a tough response", PUTIN_SPEAKER),
    ]
    published = {key: value[1] for key, value in OUTLETS.items()}
    statements = link_quotes(quotes, keyword_embed, published=published)
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


# -- re-merging a story through the store contract -------------------------------------------------------------


class ContractStore:
    """Just the store methods `remerge_story` uses, as the events and quotes engineers specified them."""

    def __init__(self, events: list[Event], quotes: list[Quote]) -> None:
        self._events = events
        self._quotes = quotes
        self.merges: list[tuple[Event, list[str]]] = []
        self.statements: dict[str, str] = {}
        self.transactions = 0

    @contextmanager
    def atomic(self) -> Iterator[None]:
        self.transactions += 1
        yield

    def story_article_ids(self, story_id: str) -> list[str]:
        return ["rt", "tass", "dw"]

    def article_outlets(self, ids: Sequence[str]) -> dict[str, tuple[str | None, str | None]]:
        return {i: OUTLETS[i] for i in ids}

    def quotes(self, *, article_ids: Sequence[str] | None = None, speaker: str | None = None) -> list[Quote]:
        return [q for q in self._quotes if article_ids is None or q.article_id in article_ids]

    def set_statement(self, quote_ids: list[str], statement_id: str) -> None:
        self.statements.update(dict.fromkeys(quote_ids, statement_id))

    def events(self, *, article_ids: Sequence[str] | None = None, **_: object) -> list[Event]:
        return [e for e in self._events if article_ids is None or e.article_id in article_ids]

    def set_merge(self, canonical: Event, member_ids: list[str]) -> None:
        self.merges.append((canonical, member_ids))


def test_remerge_links_quotes_then_merges_their_events_in_one_transaction() -> None:
    quotes = [
        quote("q-tass", "tass", "a military response", RYABKOV_SPEAKER),
        quote("q-dw", "dw", "eine militärische response", RJABKOW_SPEAKER),
    ]
    events = [
        event("e-tass", "tass", actor=[], quote_id="q-tass", text="a military response"),
        event("e-dw", "dw", actor=[], quote_id="q-dw", text="eine militärische response"),
        event("e-req", "rt", event_type="REQUEST"),
    ]
    store = ContractStore(events, quotes)
    result = remerge_story(store, "story-1", embed=keyword_embed)  # type: ignore[arg-type]
    assert store.transactions == 1
    assert store.statements["q-tass"] == store.statements["q-dw"]
    assert (result.events, result.merged, result.statements, result.linked_quotes) == (2, 1, 1, 2)
    written = {canonical.id: members for canonical, members in store.merges}
    assert written == {"e-req": [], "e-tass": ["e-dw"]}
    assert all(canonical.story_id == "story-1" for canonical, _ in store.merges)


def test_remerge_tolerates_a_story_without_events_or_quotes() -> None:
    store = ContractStore([], [])
    result = remerge_story(store, "story-1", embed=keyword_embed)  # type: ignore[arg-type]
    assert (result.events, result.statements) == (0, 0) and store.merges == []


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
    # Without any quote linking, the evidence wording alone merges the two renderings of one threat
    # (the German report's actor was not resolved), and keeps the other statement apart.
    events = [
        event("e-en", "tass", actor=[RYABKOV], text=THREAT_EN),
        event("e-de", "dw", actor=[], text=THREAT_DE, date="2021-12-14"),
        event("e-other", "rt", actor=[], text=MORATORIUM_EN),
    ]
    assert groups(merge_events(events, embed=embed_texts, outlets=OUTLETS)) == [["e-de", "e-en"], ["e-other"]]


@pytest.mark.slow
def test_different_wording_of_one_act_merges_but_a_new_remark_does_not() -> None:
    from redline.stories import embed_texts

    paraphrase = "Russia warned that a lack of progress would lead to a military or military-technical response."
    events = [
        event("e-1", "tass", actor=[RYABKOV], text=THREAT_EN),
        event("e-2", "rt", actor=[], text=paraphrase),
        event("e-3", "dw", actor=[], text="Russia will host a football tournament next summer, officials said."),
    ]
    assert groups(merge_events(events, embed=embed_texts, outlets=OUTLETS)) == [["e-1", "e-2"], ["e-3"]]


def test_an_undated_report_can_join_an_act_from_early_in_the_story() -> None:
    events = [
        event("e-early", "rt", date="2021-12-01"),
        event("e-late", "tass", event_type="THREATEN", recipient=[UKRAINE], date="2021-12-20"),
        event("e-undated", "dw", date=None),
    ]
    assert groups(merge_events(events, outlets=OUTLETS)) == [["e-early", "e-undated"], ["e-late"]]


def test_many_events_merge_quickly() -> None:
    # A long story: 2,000 reports of 200 acts, four days apart; retiring old groups keeps this near-linear.
    events = []
    for day in range(200):
        when = (date(2021, 1, 1) + timedelta(days=day * 4)).isoformat()
        events += [event(f"e-{day}-{n}", ["rt", "tass", "dw"][n % 3], date=when, sentence_index=n) for n in range(10)]
    started = time.perf_counter()
    merged = merge_events(events, outlets=OUTLETS)
    assert len(merged) == 200 and all(report_count(m.canonical) == 10 for m in merged)
    assert time.perf_counter() - started < 10


def test_quotes_weeks_apart_are_not_linked() -> None:
    quotes = [
        quote("q-dec", "rt", "a military response", RYABKOV_SPEAKER),
        quote("q-jan", "later", "a military response", RYABKOV_SPEAKER),
        quote("q-undated", "nowhere", "a military response", RYABKOV_SPEAKER),
    ]
    published = {key: value[1] for key, value in OUTLETS.items()}
    statements = link_quotes(quotes, keyword_embed, published=published)
    assert sorted(sorted(ids) for ids in statements.values()) == [["q-dec", "q-undated"], ["q-jan"]]
