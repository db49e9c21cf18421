"""Query objects (validation in one place) and the store's one WHERE builder, over a real SQLite file."""

from __future__ import annotations

import pytest

from redline.queries import (
    ArticleQuery,
    EventQuery,
    QueryError,
    QuoteQuery,
    StoryQuery,
    date_value,
    event_modes,
    event_types,
)
from redline.records import Actor, Article, Event, Quote, Span, Speaker
from redline.store import Store
from redline.store.where import Where, like_pattern


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2021-12-20", "2021-12-20"),
        (" 2021-12-20 ", "2021-12-20"),
        ("2021-12-20T14:30:00Z", "2021-12-20T14:30:00+00:00"),
        ("2021-12-20 14:30", "2021-12-20T14:30:00"),
        ("", None),
        (None, None),
    ],
)
def test_dates_are_normalised(value: str | None, expected: str | None) -> None:
    assert date_value(value, "since") == expected


@pytest.mark.parametrize(
    ("value", "words"),
    [
        ("2022-13-45", "not a date on the calendar"),
        ("2021-02-29", "not a date on the calendar"),
        ("12/20/2021", "not a date;"),
        ("20211220", "not a date;"),
        ("last tuesday", "not a date;"),
        ("٢٠٢١-١٢-٢٠", "not a date;"),
    ],
)
def test_malformed_dates_are_refused_with_the_format(value: str, words: str) -> None:
    with pytest.raises(QueryError) as caught:
        EventQuery(since=value)
    assert caught.value.param == "since"
    assert words in caught.value.message and "YYYY-MM-DD" in caught.value.message


def test_types_modes_quads_and_orders_are_checked_and_listed() -> None:
    assert EventQuery(event_type=" threaten ").event_type == "THREATEN"
    assert EventQuery(event_type="demand").event_type == "REQUEST"  # an older PLOVER name
    assert EventQuery(mode="Violence", quad="3").mode == "violence"
    assert EventQuery(quad="3").quad == 3
    assert len(event_types()) == 16 and "troops" in event_modes()
    cases = [
        (lambda: EventQuery(event_type="BOMB"), "type", "AGREE, CONSULT"),
        (lambda: EventQuery(mode="verbal"), "mode", "violence"),
        (lambda: EventQuery(quad=9), "quad", "1, 2, 3, 4"),
        (lambda: EventQuery(quad="x"), "quad", "1, 2, 3, 4"),
        (lambda: StoryQuery(order="biggest"), "order", "recent, size"),
        (lambda: ArticleQuery(limit=-1), "limit", "between 0"),
        (lambda: QuoteQuery(offset=10**12), "offset", "between 0"),
        (lambda: ArticleQuery(since="2022-01-02", until="2022-01-01"), "since", "after until"),
        (lambda: EventQuery(actor="x" * 5000), "actor", "characters long"),
        (lambda: EventQuery(article_ids="a1"), "article_ids", "list of ids"),
    ]
    for build, param, listed in cases:
        with pytest.raises(QueryError) as caught:
            build()
        assert caught.value.param == param and listed in caught.value.message


def test_like_patterns_take_wildcards_literally() -> None:
    assert like_pattern("50%") == "%50\\%%"
    assert like_pattern("a_b\\") == "%a\\_b\\\\%"
    sql, params = Where().contains(("title", "text"), "x").equal("id", None).select("SELECT * FROM t", "id", 5, 10)
    assert (
        sql
        == "SELECT * FROM t WHERE (title LIKE ? ESCAPE '\\' OR text LIKE ? ESCAPE '\\') ORDER BY id LIMIT ? OFFSET ?"
    )
    assert params == ("%x%", "%x%", 5, 10)


def _article(store: Store, article_id: str, text: str, published: str = "2021-12-20T10:00:00+01:00") -> None:
    store.add_article(
        Article(id=article_id, text=text, source=f"{article_id}.txt", published=published, content_hash=article_id)
    )


def test_search_and_dates_over_a_real_store(store: Store) -> None:
    _article(store, "pct", "Inflation hit 50% in the region.", "2021-12-20T23:30:00+01:00")
    _article(store, "num", "Fifty units, 50 of them, arrived.", "2021-12-21T08:00:00+01:00")
    _article(store, "und", "The a_b protocol was signed.", "2021-12-22")
    _article(store, "axb", "The axb protocol was signed.", "2021-12-23")
    assert [a.id for a in store.articles(search="50%")] == ["pct"]
    assert [a.id for a in store.articles(search="a_b")] == ["und"]
    assert store.articles(search="%") == [a for a in store.articles() if a.id == "pct"]
    assert [a.id for a in store.articles(until="2021-12-20")] == ["pct"]  # the whole day, any time of it
    assert [a.id for a in store.articles(since="2021-12-22")] == ["und", "axb"]
    assert [a.id for a in store.articles(ArticleQuery(limit=2, offset=1))] == ["num", "und"]
    assert [a.id for a in store.articles(ids=[])] == []
    with pytest.raises(QueryError):
        store.articles(since="2021-13-01")
    with pytest.raises(TypeError):
        store.articles(ArticleQuery(), since="2021-12-01")


def test_event_actor_filters_match_names_not_json(store: Store) -> None:
    _article(store, "a1", "Russia warned NATO.")
    russia = [Actor(text="Moscow", start=0, end=6, name="Russia", country="RUS")]
    nato = [Actor(text="the alliance", start=0, end=6, name="NATO", country="NATO")]
    events = [
        Event(id=f"e{n}", event_type="THREATEN", article_id="a1", text="Russia warned NATO.",
              trigger=Span("warned", 7, 13), actor=russia, recipient=nato, date="2021-12-20")
        for n in range(3)
    ]  # fmt: skip
    store.add_events("a1", events)
    assert [e.id for e in store.events(actor="mosc")] == ["e0", "e1", "e2"]  # the mention
    assert [e.id for e in store.events(actor="RUS")] == ["e0", "e1", "e2"]  # the code
    for not_a_name in ("name", "country", "%", "_", "|"):
        assert store.events(actor=not_a_name) == [], not_a_name
    assert store.count_events(EventQuery(recipient="alliance")) == 3
    assert [e.id for e in store.events(EventQuery(after_id="e0", limit=1))] == ["e1"]
    with pytest.raises(QueryError) as caught:
        store.events(after_id="gone")
    assert caught.value.param == "cursor"


def test_quote_filters_escape_wildcards(store: Store) -> None:
    _article(store, "a1", "He said it.")
    quotes = [
        Quote(id=f"q{n}", article_id="a1", text=text, kind="direct", cue="said",
              speaker=Speaker(mention="he", name=name, country="RUS"), sentence_index=0, start=n, end=n + 1)
        for n, (text, name) in enumerate([("We want 100% guarantees", "Sergei Ryabkov"), ("No", "Anna_K")])
    ]  # fmt: skip
    store.add_quotes("a1", quotes)
    assert [q.id for q in store.quotes(text="100%")] == ["q0"]
    assert [q.id for q in store.quotes(text="%")] == ["q0"]
    assert [q.id for q in store.quotes(speaker="a_k")] == ["q1"]
    assert [q.id for q in store.quotes(speaker="RUS", limit=1, offset=1)] == ["q1"]
    assert store.quotes(QuoteQuery(speaker="_")) == [q for q in store.quotes() if q.id == "q1"]


def test_modality_is_checked_and_normalised() -> None:
    assert EventQuery(modality="Claimed").modality == "claimed"
    with pytest.raises(QueryError) as caught:
        EventQuery(modality="rumoured")
    assert "asserted, negated, hypothetical, future, claimed" in str(caught.value)
