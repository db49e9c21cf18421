"""Dyads, escalation alerts and timelines over hand-built canonical events (each act once)."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Sequence
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import store_merged
from redline.analysis import (
    AlertParams,
    actor_key,
    alerts,
    assertion,
    detect_alerts,
    dyad_keys,
    dyad_series,
    dyads,
    timeline,
    trusted,
    trusted_series,
)
from redline.records import Actor, Article, Event, Report, Span
from redline.store import Store

RUS = Actor(text="Russia", name="Russia", country="RUS")
NATO = Actor(text="NATO", name="NATO", country="NATO")
USA = Actor(text="the US", name="United States", country="USA")
REBELS = Actor(text="rebel fighters", name="Donbas rebels")


def event(
    event_id: str,
    date: str | None,
    *,
    quad: int = 3,
    intensity: float = -4.0,
    actor: Sequence[Actor] = (RUS,),
    recipient: Sequence[Actor] = (NATO,),
    reports: int = 1,
    confidence: float = 0.0,
    **flags: object,
) -> Event:
    return Event(
        id=event_id,
        event_type="THREATEN" if quad >= 3 else "CONSULT",
        article_id="a0",
        text="evidence",
        trigger=Span("x", 0, 1),
        actor=list(actor),
        recipient=list(recipient),
        date=date,
        quad=quad,
        intensity=intensity,
        confidence=confidence,
        reports=[Report(f"a{n}", f"outlet {n}", f"evidence {event_id} {n}", 0, 8) for n in range(reports)],
        **flags,  # type: ignore[arg-type]
    )


def test_dyad_sides_are_country_codes_else_names_and_self_pairs_are_dropped() -> None:
    assert actor_key(RUS) == "RUS" and actor_key(REBELS) == "Donbas rebels"
    compound = event("e", "2021-12-13", actor=[RUS, REBELS], recipient=[NATO, RUS])
    assert dyad_keys(compound) == [("RUS", "NATO"), ("Donbas rebels", "NATO"), ("Donbas rebels", "RUS")]


def test_daily_series_counts_quads_and_intensity_and_fills_quiet_days() -> None:
    events = [
        event("threat", "2021-12-13", quad=3, intensity=-6.0, reports=5),
        event("talks", "2021-12-13", quad=1, intensity=3.0),
        event("drill", "2021-12-15T10:00:00", quad=4, intensity=-0.5),
        event("undated", None),
        event("uncoded", "2021-12-14", quad=0),
        event("no-recipient", "2021-12-14", recipient=()),
    ]
    (dyad,) = dyad_series(events)
    assert (dyad.actor, dyad.recipient, dyad.events) == ("RUS", "NATO", 3)
    assert [day.date for day in dyad.days] == ["2021-12-13", "2021-12-14", "2021-12-15"]
    first, quiet, last = dyad.days
    # A merged event with five reports counts once.
    assert first.counts == [1, 0, 1, 0] and first.intensity == pytest.approx(-3.0)
    assert first.conflict == pytest.approx(6.0) and first.events == ["threat", "talks"]
    assert quiet.counts == [0, 0, 0, 0] and quiet.conflict == 0.0
    # A conflict event weighs at least 1 even when its intensity is mild.
    assert last.counts == [0, 0, 0, 1] and last.conflict == pytest.approx(1.0)


def test_most_active_dyads_come_first() -> None:
    events = [event(f"r{n}", "2021-12-13") for n in range(3)] + [event("u", "2021-12-13", actor=[USA])]
    assert [(d.actor, d.events) for d in dyad_series(events)] == [("RUS", 3), ("USA", 1)]


def quiet_then(history: dict[str, float], day: str = "2021-12-20", score: float = 6.0) -> list[Event]:
    """Events giving the RUS->NATO dyad a conflict score per day (one event per unit-or-more of score)."""
    events = [event(f"h{d}", d, intensity=-value) for d, value in history.items()]
    events.append(event("spike", day, intensity=-score))
    # A cooperative event long before starts the data, so the warm-up has passed by the test days.
    events.append(event("start", "2021-12-01", quad=1, intensity=2.0, recipient=[USA]))
    return events


def test_a_sharp_rise_over_a_calm_baseline_alerts_as_a_spike() -> None:
    events = quiet_then({"2021-12-15": 1.0})
    (alert,) = detect_alerts(dyad_series(events))
    assert (alert.actor, alert.recipient, alert.date, alert.kind) == ("RUS", "NATO", "2021-12-20", "spike")
    # Baseline 13th-19th: [0, 0, 1, 0, 0, 0, 0] -> mean 1/7, sd 0.35 -> threshold 1/7 + 2 * max(0.35, 1).
    assert alert.baseline_mean == pytest.approx(1 / 7, abs=1e-3)
    assert alert.threshold == pytest.approx(1 / 7 + 2.0, abs=1e-3)
    assert alert.score == 6.0 and alert.events == ["spike"]


def alerts_on(events: list[Event], day: str = "2021-12-20") -> list[str]:
    return [alert.kind for alert in detect_alerts(dyad_series(events)) if alert.date == day]


def test_no_alert_when_the_dyad_is_always_this_tense() -> None:
    history = {f"2021-12-{d}": 6.0 for d in range(13, 20)}
    assert alerts_on(quiet_then(history, score=6.5)) == []
    assert alerts_on(quiet_then(history), day="2021-12-13") == ["first"]  # the tension itself began there


def test_no_alert_below_the_minimum_score() -> None:
    # one accusation or threat (about 3) is not an escalation; two of them, or a sanction, is
    assert detect_alerts(dyad_series(quiet_then({}, score=3.5))) == []
    assert detect_alerts(dyad_series(quiet_then({}, score=5.5))) == []
    assert len(detect_alerts(dyad_series(quiet_then({}, score=6.0)))) == 1


def test_first_ever_conflict_is_its_own_kind() -> None:
    (alert,) = detect_alerts(dyad_series(quiet_then({})))
    assert alert.kind == "first" and alert.baseline_mean == 0.0 and alert.threshold == 2.0


def test_a_noisy_baseline_raises_the_bar() -> None:
    history = {"2021-12-14": 1.0, "2021-12-16": 8.0, "2021-12-18": 1.0}
    # Baseline of the 20th: mean 10/7 = 1.43, sd = 2.72 -> threshold 6.87: a 6.0 day is not an escalation here.
    assert alerts_on(quiet_then(history, score=6.0)) == []
    assert alerts_on(quiet_then(history, score=7.0)) == ["spike"]


def test_no_alerts_during_warm_up() -> None:
    # The data start on the 18th: two days later the baseline is unknown, not calm.
    events = [event("a", "2021-12-18", quad=1, intensity=1.0), event("b", "2021-12-20", intensity=-8.0)]
    assert detect_alerts(dyad_series(events)) == []
    assert len(detect_alerts(dyad_series(events), AlertParams(window=2))) == 1


def test_timeline_groups_by_day_most_reported_first_undated_last() -> None:
    events = [
        event("late", "2021-12-20"),
        event("undated", None),
        event("one", "2021-12-13"),
        event("five", "2021-12-13", reports=5),
    ]
    assert [(day, [e.id for e in group]) for day, group in timeline(events)] == [
        ("2021-12-13", ["five", "one"]),
        ("2021-12-20", ["late"]),
        ("", ["undated"]),
    ]


class EventsOnly:
    """The one store method analysis reads (the events engineer's contract)."""

    def __init__(self, events: list[Event]) -> None:
        self.calls: list[dict[str, object]] = []
        self._events = events

    def events(self, **filters: object) -> list[Event]:
        self.calls.append(filters)
        return self._events


def test_store_wrappers_read_canonical_events_only() -> None:
    store = EventsOnly([event("e", "2021-12-13"), event("f", "2021-12-13", actor=[USA])])
    assert len(dyads(store, top=1)) == 1  # type: ignore[arg-type]
    assert store.calls == [{"canonical_only": True, "since": None, "until": None}]


# -- asserted, trusted acts and the evidence of an alert -------------------------------------------------------


def test_only_asserted_acts_are_asserted_whatever_field_says_so() -> None:
    assert assertion(event("e", "2021-12-20")) == "asserted"
    assert assertion(event("e", "2021-12-20", negated=True)) == "negated"
    assert assertion(event("e", "2021-12-20", hypothetical=True)) == "hypothetical"
    assert assertion(event("e", "2021-12-20", future=True)) == "future"
    assert assertion(event("e", "2021-12-20", mode="claimed")) == "claimed"
    # A PLOVER sub-mode says nothing about whether the act happened.
    assert assertion(event("e", "2021-12-20", mode="violence")) == "asserted"
    base = event("e", "2021-12-20")
    assert assertion(dataclasses.replace(base, modality="claimed")) == "claimed"
    assert assertion(dataclasses.replace(base, modality="reported_speech")) == "reported_speech"
    assert assertion(dataclasses.replace(base, modality="asserted")) == "asserted"


def spike_with(**spike: object) -> list[Event]:
    """A calm RUS->NATO month, then one threat (score 6) on the 20th built with ``spike``'s fields."""
    start = event("start", "2021-12-01", quad=1, intensity=2.0, recipient=[USA], reports=3)
    return [start, event("spike", "2021-12-20", intensity=-6.0, **spike)]


@pytest.mark.parametrize(
    "flags",
    [{"negated": True}, {"hypothetical": True}, {"future": True}, {"mode": "claimed"}, {"mode": "hypothetical"}],
)
def test_no_alert_rests_on_an_act_that_was_not_asserted(flags: dict[str, object]) -> None:
    assert len(detect_alerts(trusted_series(spike_with(reports=3, confidence=0.95)))) == 1
    assert detect_alerts(trusted_series(spike_with(reports=3, confidence=0.95, **flags))) == []


def test_no_alert_rests_on_a_single_low_confidence_report() -> None:
    assert detect_alerts(trusted_series(spike_with(reports=1, confidence=0.6))) == []
    assert len(detect_alerts(trusted_series(spike_with(reports=2, confidence=0.6)))) == 1
    assert len(detect_alerts(trusted_series(spike_with(reports=1, confidence=0.95)))) == 1
    strict = AlertParams(min_reports=3, min_confidence=1.0)
    assert not trusted(event("e", "2021-12-20", reports=2, confidence=0.95), strict)
    assert detect_alerts(trusted_series(spike_with(reports=2, confidence=0.95), strict), strict) == []


def test_dyads_count_asserted_acts_unless_asked() -> None:
    events = [
        event("a", "2021-12-13"),
        event("b", "2021-12-13", hypothetical=True),
        event("c", "2021-12-13", negated=True),
    ]
    assert dyad_series(events)[0].events == 1
    assert dyad_series(events, asserted_only=False)[0].events == 2  # a negated act never happened


@pytest.fixture
def alert_store(tmp_path: Path) -> Path:
    """A store whose RUS->NATO dyad spikes on the 20th: one threat carried by two outlets, one by a single report."""
    path = tmp_path / "alerts.db"
    with Store(path) as store:
        for n in range(3):
            store.add_article(Article(id=f"a{n}", text="t", source=f"a{n}", outlet=f"outlet {n}", content_hash=f"a{n}"))
        start = event("start", "2021-12-01", quad=1, intensity=2.0, recipient=[USA], reports=3)
        twice = event("twice", "2021-12-20", intensity=-6.0, reports=2, confidence=0.7)
        once = event("once", "2021-12-20", intensity=-6.0, reports=1, confidence=0.7)
        # each act stored with the article of its first report, as the stories stage leaves it
        placed = [dataclasses.replace(e, article_id=f"a{n}") for n, e in enumerate([start, twice, once])]
        store_merged(store, placed, [])
    return path


def test_an_alert_carries_its_rule_thresholds_and_every_report_it_rests_on(alert_store: Path) -> None:
    with Store(alert_store) as store:
        (alert,) = alerts(store)
    assert (alert.actor, alert.recipient, alert.date, alert.kind, alert.score) == (
        "RUS",
        "NATO",
        "2021-12-20",
        "first",
        6.0,
    )
    assert alert.events == ["twice"]  # the single report does not count
    assert [(e.event_id, e.article_id, e.outlet, e.sentence) for e in alert.evidence] == [
        ("twice", "a0", "outlet 0", "evidence twice 0"),
        ("twice", "a1", "outlet 1", "evidence twice 1"),
    ]
    assert alert.outlets == ["outlet 0", "outlet 1"] and alert.article_ids == ["a0", "a1"]
    assert "min_score 6" in alert.rule and ">= 2 reports or confidence >= 0.9" in alert.rule
    assert alert.params["min_reports"] == 2 and alert.params["asserted_only"] is True
    assert json.loads(json.dumps(alert.as_dict()))["evidence"][0]["outlet"] == "outlet 0"


def test_cli_alerts_take_the_thresholds_and_show_the_evidence(alert_store: Path) -> None:
    from redline.cli import cli

    shown = CliRunner().invoke(cli, ["alerts", "--db", str(alert_store)])
    assert shown.exit_code == 0, shown.output
    assert "RUS → NATO" in shown.output and "rule: first conflict ever" in shown.output
    assert "[outlet 1] THREATEN evidence twice 1  (a1)" in shown.output
    strict = CliRunner().invoke(cli, ["alerts", "--db", str(alert_store), "--min-reports", "3", "--json"])
    assert strict.exit_code == 0 and strict.output == ""
    loose = CliRunner().invoke(
        cli, ["alerts", "--db", str(alert_store), "--min-reports", "1", "--min-confidence", "0.5", "--json"]
    )
    (row,) = [json.loads(line) for line in loose.output.splitlines()]
    assert row["events"] == ["twice", "once"] and row["params"]["min_reports"] == 1
    assert len(row["evidence"]) == 3
    bad = CliRunner().invoke(cli, ["alerts", "--db", str(alert_store), "--min-confidence", "2"])
    assert bad.exit_code != 0
