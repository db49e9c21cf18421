"""Property tests for every text stage after ingest: sentence split, quotes, actors, the event coder and dates.

Whatever the text (random Unicode, soups of real news words, one endless sentence, verbless fragments,
headline shards), each stage returns within its time budget and never raises. The budget is enforced with
the same in-process alarm the inline engine uses, so a hang fails the test instead of stalling the suite.
Examples are derandomised so CI sees the same cases every run.
"""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from redline.engine.budget import alarm
from redline.events import default_coder
from redline.events.dates import resolve_expression
from redline.nlp import load_nlp, sentences_of
from redline.quotes import actor_context, extract_quotes

pytestmark = pytest.mark.slow

BUDGET = 10.0  # seconds for one text through one stage: generous, a hang is what we catch

NEWS_WORDS = [
    "Russia",
    "NATO",
    "Moscow",
    "Washington",
    "Kyiv",
    "Lavrov",
    "Blinken",
    "Stoltenberg",
    "Ryabkov",
    "Peskov",
    "the",
    "minister",
    "said",
    "told",
    "warned",
    "according",
    "to",
    "sources",
    "officials",
    "talks",
    "guarantees",
    "security",
    "military-technical",
    "response",
    "if",
    "would",
    "will",
    "not",
    "reject",
    "demand",
    "threaten",
    "sanctions",
    "troops",
    "border",
    "Ukraine",
    "on",
    "Monday",
    "last",
    "week",
    "in",
    "Geneva",
    "“",
    "”",
    '"',
    "'",
    ",",
    ".",
    ":",
    ";",
    "—",
    "(",
    ")",
    "he",
    "she",
    "they",
    "it",
    "which",
    "who",
    "that",
    "spokesman",
    "envoy",
    "president",
    "Kremlin",
    "alliance",
    "expansion",
    "agreed",
    "met",
    "visited",
]

PUNCT_AND_MARKS = list("\"'“”«»„‘’—–-:;,.!?()[]…\n")

texts = st.one_of(
    st.text(max_size=400),
    st.lists(st.sampled_from(NEWS_WORDS + PUNCT_AND_MARKS), max_size=200).map(" ".join),
    st.lists(st.sampled_from(NEWS_WORDS), min_size=300, max_size=900).map(" ".join),  # one long sentence
    st.lists(st.sampled_from([*NEWS_WORDS, "\n", "\n\n"]), max_size=120).map(" ".join),  # headline shards
    st.lists(st.sampled_from(["according to", "Interfax", ",", "in Geneva", "on Monday", "Minister", "“", "”"])).map(
        " ".join
    ),  # verbless attributions (the shape that once looped for ever)
)

PROPERTY = settings(max_examples=40, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])


@PROPERTY
@given(text=texts)
def test_every_stage_returns_in_time_and_never_raises(text: str) -> None:
    nlp = load_nlp()
    with alarm(BUDGET):
        doc = nlp(text)
    with alarm(BUDGET):
        sentences = sentences_of("p", doc)
    assert "".join(s.text for s in sentences) in (doc.text, doc.text.strip()) or len(sentences) <= len(doc)
    with alarm(BUDGET):
        quotes = extract_quotes(doc, "p", actors=actor_context("2021-12-20"))
    assert all(0 <= q.start <= q.end <= len(text) for q in quotes)
    with alarm(BUDGET):
        events = default_coder().code(doc, article_id="p", published="2021-12-20", quotes=quotes)
    assert all(e.event_type for e in events)


@PROPERTY
@given(text=texts)
def test_actor_resolution_returns_in_time_and_never_raises(text: str) -> None:
    context = actor_context("2021-12-20")
    with alarm(BUDGET):
        context.resolve(text[:300])
        context.find(load_nlp()(text)[:])


@PROPERTY
@given(text=texts, published=st.dates(min_value=date(1990, 1, 1), max_value=date(2030, 12, 31)))
def test_date_expressions_resolve_in_time_and_never_raise(text: str, published: date) -> None:
    with alarm(BUDGET):
        found = resolve_expression(text[:200], published)
    assert found is None or found[1] is None or found[0] <= found[1]


@given(
    text=st.text(alphabet=st.sampled_from("ab1 -\u2010.,\u201c\u201d\n"), max_size=40),
    start=st.integers(min_value=0, max_value=40),
    length=st.integers(min_value=0, max_value=40),
)
def test_quote_spans_widen_to_whole_words_and_never_shrink(text: str, start: int, length: int) -> None:
    from redline.quotes.extract import whole_words

    start = min(start, len(text))
    end = min(start + length, len(text))
    wide_start, wide_end = whole_words(text, start, end)
    assert 0 <= wide_start <= start <= end <= wide_end <= len(text)
    for edge in (wide_start, wide_end):  # neither edge falls between two letters or digits
        assert not (0 < edge < len(text) and text[edge - 1].isalnum() and text[edge].isalnum())
