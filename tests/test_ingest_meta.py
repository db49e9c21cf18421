"""Metadata: dates in every common form (never 'now'), outlets, languages."""

from __future__ import annotations

import pytest

from redline.ingest.meta import date_in_name, host, languages, outlet_name, parse_date


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("20 Dec, 2021 15:16", "2021-12-20T15:16:00"),
        ("14:07, 13 December 2021", "2021-12-13T14:07:00"),
        ("Jan 12, 2022", "2022-01-12"),
        ("2021-12-17", "2021-12-17"),
        ("2022-01-12T16:45:00+01:00", "2022-01-12T16:45:00+01:00"),
        ("Thu, 30 Dec 2021 18:40:00 GMT", "2021-12-30T18:40:00Z"),
        ("Mon, 24 Jan 2022 22:30:00 +0000", "2022-01-24T22:30:00Z"),
        ("17.12.2021 16:48", "2021-12-17T16:48:00"),
        ("Published: 12 January 2022 | Updated 13 January 2022", "2022-01-12"),
        ("13. Dezember 2021", "2021-12-13"),
    ],
)
def test_dates(text: str, iso: str) -> None:
    assert parse_date(text) == iso


@pytest.mark.parametrize("text", ["yesterday", "2 hours ago", "Monday", "", None, "not a date at all 12"])
def test_no_date_is_none_never_now(text: str | None) -> None:
    assert parse_date(text) is None


@pytest.mark.parametrize(
    ("name", "iso"),
    [
        ("corpus/politico_2016-09-22_house-panel-votes.txt", "2016-09-22"),
        ("https://www.example.com/2021/12/17/world/europe/russia-nato.html", "2021-12-17"),
        ("dumps/20211217-kremlin-statement.json", "2021-12-17"),
        ("runs/2026-12-01/archive/outlet_2022_01_12_story.txt", "2022-01-12"),  # the file's, not the folder's
        ("https://example.org/news/2022-01-12-talks/?seen=2022-02-01", "2022-01-12"),  # not the query's
        ("notes/2021-02-30.txt", None),  # no such day
        ("report_123456789.txt", None),
        ("https://20211217.example.org/story", None),  # a host is no date
        ("feed.jsonl#3", None),
    ],
)
def test_dates_in_file_names_and_urls(name: str, iso: str | None) -> None:
    assert date_in_name(name) == iso


def test_outlet_hosts_and_names() -> None:
    assert host("https://www.ansarpress.com/english/24976") == "ansarpress.com"
    assert host("https://m.example.org/a") == "example.org"
    assert outlet_name("rt.com") == "rt.com"
    assert outlet_name("  Press  TV ") == "Press TV"


def test_languages_and_machine_translated_titles() -> None:
    body = (
        "Moscow on Friday made public two draft agreements setting out the security guarantees it wants "
        "from the United States and from NATO, including a pledge that the alliance will not expand."
    )
    assert languages("Russia demands security guarantees from NATO", body) == ("en", "en", False)
    assert languages("Russland fordert Sicherheitsgarantien von der NATO", body) == ("en", "de", True)
    # a short, ambiguous English title is not called another language
    assert languages("NATO rejects Russian veto", body)[2] is False
    german = "Moskau hat am Freitag zwei Vertragsentwürfe veröffentlicht, in denen Russland Garantien verlangt."
    assert languages(None, german) == ("de", None, False)
