"""Event dates: news-convention weekdays, relative ranges, explicit dates, and which expression dates an event."""

from __future__ import annotations

from datetime import date

import pytest

from redline.events.dates import parse_published, resolve_expression

MONDAY = date(2021, 12, 20)


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        ("on Monday", date(2021, 12, 13), (date(2021, 12, 13), None)),  # a Monday article: that same Monday
        ("Monday", MONDAY, (MONDAY, None)),
        ("on Tuesday", date(2021, 12, 22), (date(2021, 12, 21), None)),
        ("on Tuesday", date(2021, 12, 21), (date(2021, 12, 21), None)),
        ("Friday", MONDAY, (date(2021, 12, 17), None)),
        ("last Monday", MONDAY, (date(2021, 12, 13), None)),
        ("next Monday", MONDAY, (date(2021, 12, 27), None)),
        ("yesterday", MONDAY, (date(2021, 12, 19), None)),
        ("today", MONDAY, (MONDAY, None)),
        ("two days ago", MONDAY, (date(2021, 12, 18), None)),
        ("on Sunday and Monday", MONDAY, (date(2021, 12, 19), MONDAY)),
    ],
)
def test_weekdays_and_days(text, published, expected):
    assert resolve_expression(text, published) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("last week", (date(2021, 12, 13), date(2021, 12, 19))),
        ("earlier this month", (date(2021, 12, 1), MONDAY)),
        ("last month", (date(2021, 11, 1), date(2021, 11, 30))),
        ("in October", (date(2021, 10, 1), date(2021, 10, 31))),
        ("at the beginning of December", (date(2021, 12, 1), date(2021, 12, 10))),
        ("late November", (date(2021, 11, 21), date(2021, 11, 30))),
        ("last March", (date(2021, 3, 1), date(2021, 3, 31))),
        ("in 2019", (date(2019, 1, 1), date(2019, 12, 31))),
        ("last year", (date(2020, 1, 1), date(2020, 12, 31))),
        ("in recent weeks", (date(2021, 11, 29), MONDAY)),
        ("the 1990s", (date(1990, 1, 1), date(1999, 12, 31))),
    ],
)
def test_vague_expressions_become_ranges(text, expected):
    assert resolve_expression(text, MONDAY) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("on December 21, 2021", (date(2021, 12, 21), None)),
        ("20 Dec, 2021", (date(2021, 12, 20), None)),
        ("21 May", (date(2021, 5, 21), None)),
        ("2022-01-10", (date(2022, 1, 10), None)),
        ("March 2014", (date(2014, 3, 1), date(2014, 3, 31))),
    ],
)
def test_explicit_dates(text, expected):
    assert resolve_expression(text, MONDAY) == expected


def test_future_events_resolve_forwards():
    assert resolve_expression("in January", MONDAY, future=True) == (date(2022, 1, 1), date(2022, 1, 31))
    assert resolve_expression("in January", MONDAY) == (date(2021, 1, 1), date(2021, 1, 31))
    assert resolve_expression("on Wednesday", MONDAY, future=True) == (date(2021, 12, 22), None)
    assert resolve_expression("next week", MONDAY) == (date(2021, 12, 27), date(2022, 1, 2))


def test_durations_and_nonsense_are_not_dates():
    assert resolve_expression("two years", MONDAY) is None
    assert resolve_expression("the Cold War", MONDAY) is None
    assert resolve_expression("", MONDAY) is None


def test_publication_dates_are_read_from_iso_strings():
    assert parse_published("2021-12-20T15:16:00") == MONDAY
    assert parse_published("2021-12-20") == MONDAY
    assert parse_published(None) is None
    assert parse_published(MONDAY) == MONDAY


@pytest.fixture(scope="module")
def dated() -> dict[str, list]:
    from redline.events import code_texts

    items = [
        ("said-monday", "Russia will deploy missiles if NATO expands, Ryabkov said on Monday.", "2021-12-15"),
        ("no-date", "Russia expelled two Polish diplomats.", "2021-12-15"),
        ("undated", "Russia expelled two Polish diplomats.", None),
        ("explicit", "Poland expelled Russian diplomats on December 3, 2021, officials said on Monday.", "2021-12-15"),
    ]
    return dict(code_texts(items))


@pytest.mark.slow
def test_the_statement_date_dates_a_threat_in_the_past(dated):
    assert [(e.event_type, e.date) for e in dated["said-monday"]] == [("THREATEN", "2021-12-13")]


@pytest.mark.slow
def test_publication_date_only_when_the_text_says_nothing(dated):
    assert [e.date for e in dated["no-date"]] == ["2021-12-15"]
    assert [e.date for e in dated["undated"]] == [None]


@pytest.mark.slow
def test_the_expression_attached_to_the_event_wins(dated):
    assert [e.date for e in dated["explicit"]] == ["2021-12-03"]
