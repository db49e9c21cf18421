"""Place the event reports of newly clustered articles into acts, reading only the acts they could join.

For each type and polarity among the new reports, the store gives the acts of the same story with a report
within the date window of the new ones (``act_candidates``: an indexed range query, never the whole story);
their reports come back as the events stage coded them (``act_reports``), the new reports are placed by the
online rule in ``merge``, and only the acts that changed are written back. The cost of a batch therefore
grows with what its articles can join, not with the size of the story or the store.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from redline.records import Event
from redline.stories.canonical import Outlets, canonical_event
from redline.stories.embed import Embed
from redline.stories.merge import (
    Act,
    ActIndex,
    MergeParams,
    Placed,
    bucket,
    evidence_vectors,
    members_in_order,
    placed,
    report_order,
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
    """The stored acts of ``kind`` the new ``items`` could join, with all their reports as coded."""
    spans = [item.span for item in items]
    days = None if any(span is None for span in spans) else window(spans, params.date_window_days)
    start, end = days if days is not None else (None, None)
    act_ids = store.act_candidates(story_id, kind[0], kind[1], start, end)
    if not act_ids:
        return []
    rows = store.act_members(act_ids)
    vectors = evidence_vectors([event for _, event, _, _, _ in rows], embed)
    acts: dict[str, Act] = {}
    for n, (act_id, event, day, day_end, words) in enumerate(rows):
        span = (date.fromisoformat(day), date.fromisoformat(day_end or day)) if day else None
        acts.setdefault(act_id, Act(id=act_id)).append(Placed(event, vectors[n], span, words))
    return [acts[act_id] for act_id in act_ids if act_id in acts and acts[act_id].members]


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
        rows.append((item.event, act.id, story_id, *_span_days(item.span), item.words))
    result.founded = len(index.acts) - len(stored)
    store.add_act_reports(rows)
    _write_acts(store, [act for act in index.acts.values() if act.changed], story_id, outlets)
    return result


def _write_acts(store: Store, acts: Sequence[Act], story_id: str, outlets: Outlets) -> None:
    """Rewrite each changed act's canonical event from its reports as coded, and point its members at it."""
    missing = {m.event.article_id for act in acts for m in act.members if m.event.article_id not in outlets}
    known = {**outlets, **store.article_outlets(sorted(a for a in missing if a))} if missing else outlets
    for act in acts:
        group = members_in_order(act, known)
        canonical = canonical_event(group, outlets=known, story_id=story_id)
        store.set_merge(canonical, [event.id for event in group[1:]])
