"""Cross-report event merging: the reports of one real act become one canonical event.

An *event* (an act) is narrower than a story: one actor doing one type of thing to one recipient within a few
days, with compatible content. Two reports are *compatible* when nothing says they are different acts:

- same ``event_type`` and the same ``negated`` flag; modes equal, or one of them unknown;
- actors and recipients not *different*: a missing or unresolved side ("the diplomat", "its allies") is a
  wildcard; two resolved sides differ when their countries (or organisation codes) differ, their sectors
  differ, or they name two clearly different people (see ``names``);
- date spans (``date``..``date_end``: "last week" is a range) at most ``date_window_days`` apart; an undated
  report uses the day its story places its article on (``proxy_day``), else fits any date.

Compatible reports are one act only when their *content* agrees: the multilingual sentence vectors of their evidence
are close, and the closer the more the actors leave open. The same named person or organisation needs
``named_evidence`` (a little less, ``dyad_evidence``, when both name the same recipient too: one person, one
addressee, one type of act within days is already most of the proof); the same state alone (Russia acts through many
officials in a week) ``state_evidence``; an unknown side ``open_evidence``. Quotes already linked into one statement
(speaker + content + date) are one act. So one official's demand for legal guarantees and his call to join a
moratorium, made the same day to the same recipient, stay two acts, while "military-technical response", "respond
militarily" and an MT "military answer" from the same interview merge.

Assignment is *online*: reports are placed one at a time in report order (date, publication, article, sentence)
and each joins the act it fits best or founds a new one; a report joins an act only when it is compatible with
*every* member and its content is close enough to one member and not far from the rest on average, so a chain
of near matches cannot glue different acts together. Decisions are final, so adding articles never re-reads a
whole story (``incremental`` does this against the store), and the act's id is its first report's.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

import numpy as np

from redline.records import Actor, Event
from redline.stories.canonical import Outlets, canonical_event
from redline.stories.content import content_words, overlap
from redline.stories.embed import Embed, normalize_rows
from redline.stories.names import id_or_name_match


@dataclass(frozen=True, slots=True)
class MergeParams:
    """Merge knobs: the date window of one act and how much content two reports of one act must share.

    Evidence is the cosine of the USE-multilingual vectors of the two sentences plus ``overlap_weight`` times the
    overlap of their content words (see ``content``); the floors were tuned on part of the authored crisis gold
    (tests/resources/stories/crisis_gold.jsonl) and checked on the rest.

    A stored act of more than ``full_read`` reports is read as a sample (see ``Act``): its anchor, one report per
    distinct mode and actors, and its ``recent_sample`` latest reports; a new report's best evidence is then
    sought among those, while the compatibility, date and mean-similarity tests still cover every report.
    """

    date_window_days: int = 3
    undated_days_back: int = 7
    overlap_weight: float = 1.5
    named_evidence: float = 0.6
    dyad_evidence: float = 0.5
    state_evidence: float = 0.9
    open_evidence: float = 0.9
    group_similarity: float = 0.2
    recipient_override: float = 1.1
    undated_penalty: float = 0.3
    full_read: int = 24
    recent_sample: int = 12


@dataclass(slots=True)
class MergedEvent:
    """A canonical event and the ids of the other reports merged into it."""

    canonical: Event
    member_ids: list[str]


SAME, UNSURE, DIFFERENT = "same", "unsure", "different"
COLLECTIVE_CODES = frozenset({"WST"})
"""Regional collectives ("the West", "our Western colleagues"): they stand for several states and alliances at
once, so they neither match nor contradict one of them (NATO, the US)."""
NAMED, STATE, OPEN = "named", "state", "open"


def _norm(text: str | None) -> str:
    return " ".join((text or "").split()).casefold()


def identity(actor: Actor) -> str | None:
    """What an actor is, for matching: its country or organisation code, else its knowledge-base id; None when
    the knowledge base did not resolve it. An unresolved mention ("the diplomat", "its allies", or a name the
    coder took from the wrong words) is a wildcard: it neither confirms nor contradicts another report."""
    return actor.country or actor.kb_id or None


def _named(actor: Actor) -> bool:
    """Names a person or organisation, not just a state: a knowledge-base entry other than a country, or a
    resolved person with a role."""
    if actor.country is None and actor.kb_id is None:
        return False
    return bool(actor.kb_id and actor.kb_id != actor.country) or bool(actor.role and actor.name)


def actor_match(a: Actor, b: Actor) -> str:
    """``same``, ``different`` or ``unsure`` (an unresolved side, a collective such as "the West", or names that
    may be transliterations)."""
    first, second = identity(a), identity(b)
    if first is None or second is None:
        return UNSURE
    if first != second and (first in COLLECTIVE_CODES or second in COLLECTIVE_CODES):
        return UNSURE
    if (a.country or first) != (b.country or second):
        return DIFFERENT
    if a.sector and b.sector and a.sector != b.sector:
        return DIFFERENT
    if _named(a) and _named(b):
        verdict = id_or_name_match(a.kb_id, b.kb_id, a.name or a.text, b.name or b.text)
        return {True: SAME, False: DIFFERENT, None: UNSURE}[verdict]
    return SAME


def actors_match(first: Sequence[Actor], second: Sequence[Actor]) -> str:
    """The best verdict over actor pairs; an empty side is ``unsure`` (a wildcard, not evidence)."""
    if not first or not second:
        return UNSURE
    verdicts = {actor_match(a, b) for a in first for b in second}
    return SAME if SAME in verdicts else UNSURE if UNSURE in verdicts else DIFFERENT


def same_named(first: Sequence[Actor], second: Sequence[Actor]) -> bool:
    """Both name the same person or organisation (not merely the same country)."""
    for a in first:
        for b in second:
            if not (_named(a) and _named(b)) or actor_match(a, b) != SAME:
                continue
            if a.kb_id and b.kb_id:
                if a.kb_id == b.kb_id:
                    return True
            elif id_or_name_match(a.kb_id, b.kb_id, a.name or a.text, b.name or b.text) is True:
                return True
    return False


def relation(first: Sequence[Actor], second: Sequence[Actor]) -> str:
    """How much the actors of two reports pin down: ``named``, ``state``, ``open`` or ``different``."""
    if same_named(first, second):
        return NAMED
    verdict = actors_match(first, second)
    return {SAME: STATE, UNSURE: OPEN, DIFFERENT: DIFFERENT}[verdict]


def _day(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def date_span(
    event: Event, proxy_day: str | None = None, days_back: int = 7, published: str | None = None
) -> tuple[date, date] | None:
    """The days a report gives for its event ("last week" is a range). An undated report of an article placed on
    a day (``proxy_day``: its publication or, undated, its story's estimate) happened in the days up to it. A past
    act dated on its article's own publication day is most often dated *by* it (the coder's default when the
    sentence names no day: "Stoltenberg has rejected ..." in a report a week later), so it too spans the days up
    to that day."""
    start = _day(event.date)
    if start is None:
        proxy = _day(proxy_day)
        return (proxy - timedelta(days=days_back), proxy) if proxy is not None else None
    end = _day(event.date_end)
    if end is None and not event.future and start == _day(published):
        return (start - timedelta(days=days_back), start)
    return (start, end) if end is not None and end >= start else (start, start)


def spans_apart(a: tuple[date, date] | None, b: tuple[date, date] | None) -> int | None:
    """Days between two spans (0 when they overlap), None when either is undated."""
    if a is None or b is None:
        return None
    return max(0, (b[0] - a[1]).days, (a[0] - b[1]).days)


def bucket(event: Event) -> tuple[str, bool]:
    """Only reports of one type and polarity can be one act."""
    return (event.event_type, event.negated)


@dataclass(slots=True)
class Placed:
    """A report as merging sees it: the event as coded, its evidence vector and its date span."""

    event: Event
    vector: np.ndarray
    span: tuple[date, date] | None
    words: frozenset[str] = frozenset()


def compatible(first: Placed, second: Placed, params: MergeParams) -> bool:
    """Nothing says these are different acts (type, negation, mode, date, actors). Recipients are weighed in
    ``link_score``: a coder often names the alliance in one report and its leading state in another."""
    apart = spans_apart(first.span, second.span)
    if apart is not None and apart > params.date_window_days:
        return False
    return kinds_compatible(first, second)


def kinds_compatible(first: Placed, second: Placed) -> bool:
    """The part of ``compatible`` that is not about dates: type, negation, mode and actors."""
    a, b = first.event, second.event
    if bucket(a) != bucket(b):
        return False
    if a.mode and b.mode and a.mode != b.mode:
        return False
    return relation(a.actor, b.actor) != DIFFERENT


def same_statement(a: Event, b: Event, statements: dict[str, str]) -> bool:
    """Both were coded from quotes that quote linking made one statement."""
    first = statements.get(a.quote_id or "")
    return first is not None and first == statements.get(b.quote_id or "")


def link_score(first: Placed, second: Placed, params: MergeParams, statements: dict[str, str]) -> float:
    """Evidence that two compatible reports are one act: a score >= 0, or -1 when there is none."""
    similarity = float(first.vector @ second.vector) if first.vector.size and second.vector.size else 0.0
    evidence = similarity + params.overlap_weight * overlap(first.words, second.words)
    if same_statement(first.event, second.event, statements):
        return 3.0 + evidence
    kind = relation(first.event.actor, second.event.actor)
    floor = {NAMED: params.named_evidence, STATE: params.state_evidence, OPEN: params.open_evidence}.get(kind)
    recipients = actors_match(first.event.recipient, second.event.recipient)
    if recipients == DIFFERENT:
        # Different recipients are different dyads, unless one named actor says the same thing in other words.
        floor = params.recipient_override if kind == NAMED else None
    elif recipients == SAME and kind == NAMED:
        floor = params.dyad_evidence  # one person, one addressee, one type, within days: less to prove in words
    if floor is not None and (first.span is None or second.span is None):
        floor += params.undated_penalty  # time no longer vouches for one act: the words must, more
    return evidence if floor is not None and evidence >= floor else -1.0


def _side(actors: Sequence[Actor]) -> tuple:
    return tuple((a.country, a.kb_id, a.name, a.text, a.sector, a.role) for a in actors)


def report_key(item: Placed) -> tuple:
    """What merging reads of a report: two reports with the same key score the same against any other, so an
    act compares a new report with each distinct kind of report it holds once, however often it was copied."""
    e = item.event
    return (e.text, _side(e.actor), _side(e.recipient), e.mode, e.quote_id, item.span is None)


def side_key(item: Placed) -> str:
    """What ``kinds_compatible`` reads of a report within one act (its mode and actors), as a short digest: an act
    keeps one report per side key in the sample it is read through when large."""
    digest = hashlib.sha1(repr((item.event.mode, _side(item.event.actor))).encode()).hexdigest()
    return digest[:16]


def actor_key(event: Event) -> str | None:
    """The countries (or organisation codes) of a report's actors as ``|RUS|USA|``; None when a side leaves it
    open (no actor, an unresolved one, a collective). Two reports whose keys share no code have different actors
    (``actors_match``), so an act whose anchor shares none with a new report cannot take it: a blocking key."""
    codes = [actor.country or identity(actor) for actor in event.actor]
    if not codes or any(code is None or code in COLLECTIVE_CODES for code in codes):
        return None
    return "|" + "|".join(sorted(set(codes))) + "|"  # type: ignore[arg-type]


def may_share_actor(first: str | None, second: str | None) -> bool:
    """Two actor keys leave room for the same actor (either open, or a code in common)."""
    if first is None or second is None:
        return True
    return bool(set(first.strip("|").split("|")) & set(second.strip("|").split("|")))


@dataclass(slots=True)
class Act:
    """One act being built: its reports in placement order (the first is the anchor and names the act), with
    the summaries a new report is tested against: distinct reports, the sum of their vectors and the days.

    A large stored act is read as a sample (``sampled``): ``members`` then holds its anchor, one report per side
    key and the latest ones, while ``size``, ``vector_sum`` and the days cover all its reports. ``fresh`` are the
    reports placed in it now."""

    id: str
    members: list[Placed] = field(default_factory=list)
    changed: bool = False
    distinct: dict[tuple, Placed] = field(default_factory=dict)
    vector_sum: np.ndarray | None = None
    latest_start: date | None = None
    earliest_end: date | None = None
    size: int = 0
    sampled: bool = False
    fresh: list[Placed] = field(default_factory=list)

    def __post_init__(self) -> None:
        given, self.members = self.members, []
        for item in given:
            self.append(item)

    def append(self, item: Placed) -> None:
        self.members.append(item)
        self.size += 1
        self.distinct.setdefault(report_key(item), item)
        if item.vector.size:
            self.vector_sum = item.vector.copy() if self.vector_sum is None else self.vector_sum + item.vector
        if item.span is not None:
            start, end = item.span
            self.latest_start = start if self.latest_start is None else max(self.latest_start, start)
            self.earliest_end = end if self.earliest_end is None else min(self.earliest_end, end)

    def within(self, span: tuple[date, date] | None, days: int) -> bool:
        """``span`` is at most ``days`` from every dated member (what ``compatible`` asks of each pair)."""
        if span is None or self.latest_start is None or self.earliest_end is None:
            return True
        return (self.latest_start - span[1]).days <= days and (span[0] - self.earliest_end).days <= days

    def mean_similarity(self, vector: np.ndarray) -> float:
        if self.vector_sum is None or not vector.size or self.vector_sum.shape != vector.shape:
            return 1.0
        return float(vector @ self.vector_sum) / self.size


class ActIndex:
    """The acts reports can still join, by type and polarity; ``place`` assigns one report."""

    def __init__(self, params: MergeParams, statements: dict[str, str] | None = None) -> None:
        self.params = params
        self.statements = statements or {}
        self.acts: dict[str, Act] = {}
        self._buckets: dict[tuple[str, bool], list[Act]] = {}

    def add(self, act: Act) -> None:
        """An act already stored (its members as coded), so new reports can join it."""
        self.acts[act.id] = act
        self._buckets.setdefault(bucket(act.members[0].event), []).append(act)

    def fit(self, item: Placed, act: Act) -> float | None:
        """How well ``item`` fits ``act``: None unless compatible with every member and close enough."""
        if not act.within(item.span, self.params.date_window_days):
            return None
        members = act.distinct.values()
        if not all(kinds_compatible(item, member) for member in members):
            return None
        best = max(link_score(item, member, self.params, self.statements) for member in members)
        if best < 0:
            return None
        if act.size > 1 and act.mean_similarity(item.vector) < self.params.group_similarity:
            return None
        return best

    def place(self, item: Placed) -> Act:
        """Join the best-fitting act (ties: the earliest founded) or found one; returns the act."""
        chosen, chosen_score = None, -1.0
        for act in self._buckets.get(bucket(item.event), []):
            score = self.fit(item, act)
            if score is not None and score > chosen_score:
                chosen, chosen_score = act, score
        if chosen is None:
            chosen = Act(id=item.event.id, members=[item], changed=True, fresh=[item])
            self.add(chosen)
            return chosen
        chosen.append(item)
        chosen.fresh.append(item)
        chosen.changed = True
        return chosen


def report_order(outlets: Outlets) -> Callable[[Event], tuple]:
    """Content order of reports: date, publication, article, sentence, id (never arrival or storage order)."""

    def key(event: Event) -> tuple:
        published = outlets.get(event.article_id or "", (None, None))[1]
        return (
            event.date or "9999",
            published or "9999",
            event.article_id or "",
            event.sentence_index if event.sentence_index is not None else -1,
            event.id,
        )

    return key


def evidence_vectors(events: Sequence[Event], embed: Embed | None) -> np.ndarray:
    """Unit vectors of the evidence sentences in one embedding call (zero-width rows without an embedder)."""
    if embed is None or not events:
        return np.zeros((len(events), 0), dtype=np.float32)
    return normalize_rows(np.asarray(embed([event.text for event in events]), dtype=np.float32))


def placed(
    events: Sequence[Event],
    embed: Embed | None,
    proxy_days: dict[str, str] | None = None,
    params: MergeParams | None = None,
    outlets: Outlets | None = None,
) -> list[Placed]:
    """Reports ready to place: vectors embedded in one call, spans from their dates or their article's day."""
    vectors = evidence_vectors(events, embed)
    proxies = proxy_days or {}
    back = (params or MergeParams()).undated_days_back
    published = {key: (value[1] or "")[:10] for key, value in (outlets or {}).items()}
    return [
        Placed(
            event,
            vectors[n],
            date_span(event, proxies.get(event.article_id or ""), back, published.get(event.article_id or "")),
            content_words(event),
        )
        for n, event in enumerate(events)
    ]


def members_in_order(act: Act, outlets: Outlets) -> list[Event]:
    """The act's reports for its canonical event: the anchor first, the others in report order."""
    key = report_order(outlets)
    rest = sorted((member.event for member in act.members[1:]), key=key)
    return [act.members[0].event, *rest]


def merge_events(
    events: Sequence[Event],
    *,
    embed: Embed | None = None,
    outlets: Outlets | None = None,
    statements: dict[str, str] | None = None,
    story_id: str | None = None,
    params: MergeParams | None = None,
    proxy_days: dict[str, str] | None = None,
) -> list[MergedEvent]:
    """Group reports into acts from scratch (the online rule, all reports new); every report lands in one act.

    :param embed: sentence embedder for the content test (None: only linked statements merge).
    :param outlets: ``article id -> (outlet, published)``, for reports and ordering.
    :param statements: ``quote id -> statement id`` from quote linking.
    :param proxy_days: ``article id -> day`` for undated articles placed in a dated story.
    """
    outlets = outlets or {}
    params = params or MergeParams()
    index = ActIndex(params, statements)
    for item in placed(sorted(events, key=report_order(outlets)), embed, proxy_days, params, outlets):
        index.place(item)
    return [
        MergedEvent(
            canonical=canonical_event(members_in_order(act, outlets), outlets=outlets, story_id=story_id),
            member_ids=[member.event.id for member in act.members[1:]],
        )
        for act in index.acts.values()
    ]


def window(spans: Iterable[tuple[date, date] | None], days: int) -> tuple[str, str] | None:
    """The days whose reports new ones could join: their spans widened by ``days``; None when all are undated."""
    dated = [span for span in spans if span is not None]
    if not dated:
        return None
    start = min(span[0] for span in dated) - timedelta(days=days)
    end = max(span[1] for span in dated) + timedelta(days=days)
    return start.isoformat(), end.isoformat()
