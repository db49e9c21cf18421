"""Large acts are read through their summary and a bounded sample, and merge as if read whole.

One statement copied by many outlets becomes an act of hundreds of reports; placing one more report must not
read them all. These tests place the same reports twice, once with every act read whole and once with acts of
more than two reports read as a sample, and compare what the store holds.
"""

from __future__ import annotations

from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from redline.records import Event
from redline.store import Store
from redline.stories import MergeParams, report_count, update_story
from redline.stories.canonical import tally
from redline.stories.merge import actor_key, may_share_actor
from test_merge import (
    DIPLOMAT,
    GAVRILOV,
    NATO,
    RUSSIA,
    RYABKOV,
    THREAT_EN,
    USA,
    WEST,
    event,
    keyword_embed,
    stored_story,
)

SAMPLED = MergeParams(full_read=2, recent_sample=2)
WHOLE = MergeParams(full_read=10_000)
DAYS = ["2021-12-13", "2021-12-13", "2021-12-14", "2021-12-14", "2021-12-15"]


def _reports() -> list[tuple[str, str, Event]]:
    """Twenty reports of one threat over three days: mostly Ryabkov, some by Russia, with varying recipients,
    confidence, dates and modes, so every vote of the canonical event has something to count."""
    items = []
    for n in range(20):
        article = f"a{n:02d}"
        day = DAYS[n % len(DAYS)]
        actor = [RUSSIA] if n % 4 == 3 else [RYABKOV]
        recipient = [USA] if n % 7 == 6 else [NATO] if n % 3 else []
        coded = event(
            f"e-{article}",
            article,
            actor=actor,
            recipient=recipient,
            date=day if n % 6 else None,
            text=THREAT_EN,
            confidence=0.5 + n / 100,
            mode="said" if n % 5 == 0 else None,
        )
        items.append((article, day, coded))
    return items


def _place(path: Path, params: MergeParams, extra: list[tuple[str, str, Event]] = ()) -> Store:
    store = Store(path)
    items = _reports() + list(extra)
    stored_story(store, "s", [(article, day) for article, day, _ in items])
    for start in range(0, len(items), 3):
        batch = items[start : start + 3]
        for article, _, coded in batch:
            store.add_events(article, [coded])
        update_story(store, "s", [article for article, _, _ in batch], embed=keyword_embed, merge_params=params)
    return store


def _acts(store: Store) -> dict[str, tuple]:
    canonical = store.events(canonical_only=True)
    return {
        e.id: (
            report_count(e),
            sorted(r.article_id for r in e.reports),
            e.date,
            e.mode,
            e.confidence,
            [a.name for a in e.actor],
            [a.name for a in e.recipient],
            e.hypothetical,
            e.disagreements,
        )
        for e in canonical
    }


def test_a_sampled_large_act_holds_the_same_reports_and_votes_as_one_read_whole(tmp_path: Path) -> None:
    with _place(tmp_path / "whole.db", WHOLE) as whole, _place(tmp_path / "sampled.db", SAMPLED) as sampled:
        expected = _acts(whole)
        assert max(count for count, *_ in expected.values()) >= 10  # one act gathered most copies
        assert _acts(sampled) == expected
        ids = [f"e-a{n:02d}" for n in range(20)]
        assert sampled.event_acts([f"a{n:02d}" for n in range(20)]) == whole.event_acts([i[2:] for i in ids])


def test_a_large_act_is_read_through_a_bounded_sample(tmp_path: Path) -> None:
    with _place(tmp_path / "sampled.db", SAMPLED) as store:
        (largest,) = sorted(store.events(canonical_only=True), key=report_count)[-1:]
        rows = store.act_sample(largest.id, SAMPLED.recent_sample)
        sides = {(e.mode, tuple(a.name for a in e.actor)) for _, e, *_ in store.act_members([largest.id])}
        assert rows[0][1].id == largest.id  # the anchor first
        assert len(rows) <= 1 + len(sides) + SAMPLED.recent_sample < report_count(largest)
        (summary,) = store.act_summaries([largest.id]).values()
        assert summary.size == report_count(largest)


def test_an_old_member_outside_the_recent_sample_still_keeps_a_different_official_out(tmp_path: Path) -> None:
    """Complete link holds for sampled acts: Gavrilov's threat may not join an act that holds Ryabkov's, however
    many reports by Russia alone came since (all acts still compatible with Russia)."""
    late = [(f"g{n}", "2021-12-15", event(f"e-g{n}", f"g{n}", actor=[GAVRILOV], text=THREAT_EN)) for n in range(2)]
    for path, params in (("whole.db", WHOLE), ("sampled.db", SAMPLED)):
        with _place(tmp_path / path, params, late) as store:
            acts = store.event_acts(["g0", "g1"])
            ryabkov = {e.id for e in store.events(canonical_only=True) if RYABKOV.name in [a.name for a in e.actor]}
            assert not set(acts.values()) & ryabkov, path


def test_acts_are_blocked_by_the_countries_of_their_actors() -> None:
    russia, both = actor_key(event("e-1", "rt")), actor_key(event("e-2", "rt", actor=[RYABKOV, USA]))
    assert (russia, both) == ("|RUS|", "|RUS|USA|")
    assert actor_key(event("e-3", "rt", actor=[DIPLOMAT])) is None  # unresolved: could be anyone
    assert actor_key(event("e-4", "rt", actor=[WEST])) is None  # a collective stands for several states
    assert actor_key(event("e-5", "rt", actor=[])) is None
    assert may_share_actor(russia, both) and may_share_actor(None, russia)
    assert not may_share_actor(russia, actor_key(event("e-6", "rt", actor=[NATO])))


@given(
    days=st.lists(st.sampled_from([None, "2021-12-13", "2021-12-14"]), max_size=12),
    cut=st.integers(min_value=0, max_value=12),
)
def test_tallies_add_up_batch_by_batch(days: list[str | None], cut: int):
    """What a large act keeps instead of its reports counts the same whether they came at once or in batches."""
    events = [event(f"e-{n}", "rt", date=day, mode="said" if n % 2 else None) for n, day in enumerate(days)]
    assert tally(events[cut:], tally(events[:cut])) == tally(events)
