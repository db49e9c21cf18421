"""Place the event reports of newly clustered articles into acts, reading only the acts they could join.

For each type and polarity among the new reports, the store gives the acts of the same story with a report
within the date window of the new ones (``act_candidates``: an indexed range query, never the whole story);
their reports come back as the events stage coded them (``act_reports``), the new reports are placed by the
online rule in ``merge``, and only the acts that changed are written back. The cost of a batch therefore
grows with what its articles can join, not with the size of the story or the store.

Nor with the size of the acts it joins: an act of more than ``MergeParams.full_read`` reports (one statement
copied by hundreds of outlets) is read through its stored summary and a bounded sample of its reports, and its
canonical event is updated from the stored one and the act's tallies with only the new reports
(``canonical.extend_canonical``); only the new members' rows are pointed at it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from redline.records import ActSummary, Event
from redline.stories.canonical import Outlets, canonical_event, extend_canonical, tally
from redline.stories.embed import Embed
from redline.stories.merge import (
    Act,
    ActIndex,
    MergeParams,
    Placed,
    actor_key,
    bucket,
    evidence_vectors,
    may_share_actor,
    members_in_order,
    placed,
    report_order,
    side_key,
    window,
)

if TYPE_CHECKING:
    from redline.store import Store


@dataclass(slots=True)
class PlaceResult:
    """What placing a batch of reports did: reports placed, acts founded, reports that joined an existing act."""

    reports: int = 0
    founded: int = 0
    joined: int = 0


def _span_days(span: tuple[date, date] | None) -> tuple[str | None, str | None]:
    return (None, None) if span is None else (span[0].isoformat(), span[1].isoformat())


def _stored_acts(
    store: Store, story_id: str, kind: tuple[str, bool], items: Sequence[Placed], embed: Embed, params: MergeParams
) -> list[Act]:
    """The stored acts of ``kind`` the new ``items`` could join: small ones with all their reports as coded, large
    ones as a sample with their summary."""
    spans = [item.span for item in items]
    days = None if any(span is None for span in spans) else window(spans, params.date_window_days)
    start, end = days if days is not None else (None, None)
    act_ids = _same_actors(store, store.act_candidates(story_id, kind[0], kind[1], start, end), items)
    if not act_ids:
        return []
    summaries = store.act_summaries(act_ids)
    large = {act_id for act_id, summary in summaries.items() if summary.size > params.full_read}
    rows = store.act_members([act_id for act_id in act_ids if act_id not in large])
    for act_id in sorted(large):
        rows.extend(store.act_sample(act_id, params.recent_sample))
    vectors = evidence_vectors([event for _, event, _, _, _ in rows], embed)
    acts: dict[str, Act] = {}
    for n, (act_id, event, day, day_end, words) in enumerate(rows):
        span = (date.fromisoformat(day), date.fromisoformat(day_end or day)) if day else None
        acts.setdefault(act_id, Act(id=act_id)).append(Placed(event, vectors[n], span, words))
    for act_id in large & acts.keys():
        _summarised(acts[act_id], summaries[act_id])
    return [acts[act_id] for act_id in act_ids if act_id in acts and acts[act_id].members]


def _same_actors(store: Store, act_ids: list[str], items: Sequence[Placed]) -> list[str]:
    """The candidate acts whose anchor may share an actor with one of the new reports (``actor_key``)."""
    if not act_ids:
        return act_ids
    keys = {actor_key(item.event) for item in items}
    if None in keys:
        return act_ids
    anchors = store.anchor_actor_keys(act_ids)
    return [act_id for act_id in act_ids if any(may_share_actor(anchors.get(act_id), key) for key in keys)]


def _summarised(act: Act, summary: ActSummary) -> None:
    """Make a sampled act answer for all its reports: size, vector sum and days from its stored summary."""
    act.sampled, act.size = True, summary.size
    if summary.vector_sum is not None:
        act.vector_sum = summary.vector_sum
    act.latest_start = date.fromisoformat(summary.latest_start) if summary.latest_start else None
    act.earliest_end = date.fromisoformat(summary.earliest_end) if summary.earliest_end else None


def place_reports(
    store: Store,
    story_id: str,
    events: Sequence[Event],
    *,
    embed: Embed,
    statements: dict[str, str],
    outlets: Outlets,
    proxy_days: dict[str, str],
    params: MergeParams | None = None,
) -> PlaceResult:
    """Place new reports (events of articles just added to ``story_id``) into the story's acts and write every
    act that changed (its canonical event and its members' links); reports already placed are skipped."""
    params = params or MergeParams()
    done = store.placed_reports([event.id for event in events])
    fresh = sorted((event for event in events if event.id not in done), key=report_order(outlets))
    result = PlaceResult(reports=len(fresh))
    if not fresh:
        return result
    items = placed(fresh, embed, proxy_days, params, outlets)
    index = ActIndex(params, statements)
    kinds = sorted({bucket(item.event) for item in items})
    for kind in kinds:
        for act in _stored_acts(store, story_id, kind, [i for i in items if bucket(i.event) == kind], embed, params):
            index.add(act)
    stored = set(index.acts)
    rows = []
    for item in items:
        act = index.place(item)
        result.joined += act.id in stored
        rows.append(
            (item.event, act.id, story_id, *_span_days(item.span), item.words, side_key(item), actor_key(item.event))
        )
    result.founded = len(index.acts) - len(stored)
    store.add_act_reports(rows)
    changed = [act for act in index.acts.values() if act.changed]
    _write_acts(store, changed, story_id, outlets)
    return result


def _write_acts(store: Store, acts: Sequence[Act], story_id: str, outlets: Outlets) -> None:
    """Rewrite each changed act's canonical event (a small act from all its reports as coded, a sampled one from
    its stored canonical event and its new reports), point its members at it and save its summary."""
    missing = {m.event.article_id for act in acts for m in act.members if m.event.article_id not in outlets}
    known = {**outlets, **store.article_outlets(sorted(a for a in missing if a))} if missing else outlets
    before = store.act_summaries([act.id for act in acts if act.sampled])
    summaries = []
    for act in acts:
        if act.sampled:
            fresh = sorted((m.event for m in act.fresh), key=report_order(known))
            counts = tally(fresh, before[act.id].tallies)
            canonical = extend_canonical(store.event(act.id), fresh, counts, act.size, outlets=known, story_id=story_id)
            store.set_merge(canonical, [event.id for event in fresh])
        else:
            group = members_in_order(act, known)
            counts = tally(group)
            store.set_merge(canonical_event(group, outlets=known, story_id=story_id), [e.id for e in group[1:]])
        summaries.append(_summary(act, counts))
    store.save_act_summaries(summaries)


def _summary(act: Act, tallies: dict[str, Any]) -> ActSummary:
    return ActSummary(
        act_id=act.id,
        size=act.size,
        vector_sum=act.vector_sum,
        latest_start=act.latest_start.isoformat() if act.latest_start else None,
        earliest_end=act.earliest_end.isoformat() if act.earliest_end else None,
        tallies=tallies,
    )
