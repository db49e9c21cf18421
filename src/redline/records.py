"""The typed records every stage passes along: one class per concept, defined here only.

Stages take and return these records, never loose dicts. ``as_dict`` gives the JSON shape that
exports and the API use, so field names are the same everywhere.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any


def _plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


class Record:
    """Mixin: JSON-ready dict of a record, nested records included."""

    def as_dict(self) -> dict[str, Any]:
        return _plain(self)


@dataclass(slots=True)
class Removed(Record):
    """A line cleaning took out of an article, and the rule that took it (for audit)."""

    text: str
    rule: str


@dataclass(slots=True)
class Article(Record):
    """One input report: cleaned text, metadata and the raw input it came from."""

    id: str
    text: str
    source: str
    title: str | None = None
    published: str | None = None  # ISO 8601, None when the input gives no date
    outlet: str | None = None
    url: str | None = None
    language: str | None = None  # ISO 639-1 of the body
    title_language: str | None = None
    translated: bool = False
    duplicate_of: str | None = None
    removed: list[Removed] = field(default_factory=list)
    raw: str = ""
    content_hash: str = ""  # sha256 of normalised text: exact-duplicate key
    format: str = "text"  # text | html | json | feed

    def dateline(self) -> str | None:
        """The wire dateline cleaning took off the body ("ROME, March 1 (ANSA) -"), if any: where it was filed."""
        return next((line.text for line in self.removed if line.rule == "dateline"), None)

    def public_dict(self) -> dict[str, Any]:
        """The export/API shape: everything but the raw input and the hash (they stay in the store)."""
        data = self.as_dict()
        del data["raw"], data["content_hash"]
        return data


@dataclass(slots=True)
class ArticleHeader(Record):
    """What an event table shows of a reporting article: its headline, outlet, address and date, without
    loading the article's text (exports list thousands of reports)."""

    id: str
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: str | None = None  # ISO 8601 as ingested: a day, or a day and time


@dataclass(slots=True)
class Entity(Record):
    """A named-entity span, character offsets into the article text."""

    text: str
    label: str
    start: int
    end: int


@dataclass(slots=True)
class Sentence(Record):
    """A sentence of an article's cleaned text, with its entities."""

    article_id: str
    index: int
    start: int
    end: int
    text: str
    entities: list[Entity] = field(default_factory=list)


@dataclass(slots=True)
class Actor(Record):
    """A mention resolved against the knowledge base.

    ``start``/``end`` are character offsets in the coded text; ``kb_id`` is None for people and groups
    the knowledge base does not know (kept as the text gives them, never forced onto a known one).
    """

    text: str
    start: int = -1
    end: int = -1
    name: str | None = None
    country: str | None = None  # ISO 3166 alpha-3, or an organisation code (NATO, EU, ...)
    sector: str | None = None  # PLOVER agent: GOV, MIL, DIP, ...
    role: str | None = None
    kb_id: str | None = None


@dataclass(slots=True)
class Speaker(Record):
    """Who said a quote: the mention in the text and, once resolved, who that is."""

    mention: str | None = None
    name: str | None = None
    country: str | None = None
    sector: str | None = None
    role: str | None = None
    kb_id: str | None = None


@dataclass(slots=True)
class Quote(Record):
    """Direct, indirect or mixed speech with its speaker; offsets into the article's cleaned text."""

    id: str
    article_id: str
    text: str
    kind: str  # direct | indirect | mixed
    cue: str | None
    speaker: Speaker
    sentence_index: int
    start: int
    end: int
    audience: str | None = None
    statement_id: str | None = None  # same statement reported by several outlets (stories stage)


@dataclass(slots=True)
class Span(Record):
    """A piece of text with offsets."""

    text: str
    start: int
    end: int


@dataclass(slots=True)
class Place(Record):
    """Where an event happened, resolved against the offline gazetteer, with the mention that says so.

    ``name`` is the gazetteer's name ("Kyiv" for a mention "Kiev"); ``text``/``start``/``end`` are the mention as
    written and its character offsets in the text of article ``article_id`` (the evidence: a merged event's place
    may come from another report than its first). ``feature`` is ``city``, ``country`` (the point is the capital's)
    or ``region`` (a named area or landmark the cities data lacks: no coordinates). ``geonames_id`` is the GeoNames
    id of the city or country, None for a region.
    """

    name: str
    country: str  # ISO 3166 alpha-3 (PLOVER's KOS for Kosovo)
    feature: str  # city | country | region
    latitude: float | None = None
    longitude: float | None = None
    geonames_id: int | None = None
    text: str = ""
    start: int = -1
    end: int = -1
    article_id: str | None = None

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> Place | None:
        """The place back from its JSON (None stays None; keys a newer Place no longer has are dropped)."""
        if not data:
            return None
        return cls(**{key: value for key, value in data.items() if key in cls.__dataclass_fields__})


@dataclass(slots=True)
class Report(Record):
    """One report of a (merged) event: which article and outlet, and the evidence sentence."""

    article_id: str
    outlet: str | None
    sentence: str
    start: int
    end: int
    date: str | None = None


@dataclass(slots=True)
class Event(Record):
    """A PLOVER-coded event with its evidence."""

    id: str
    event_type: str
    article_id: str | None
    text: str  # the evidence sentence
    trigger: Span
    actor: list[Actor] = field(default_factory=list)
    recipient: list[Actor] = field(default_factory=list)
    mode: str | None = None
    negated: bool = False
    hypothetical: bool = False
    future: bool = False
    context: list[str] = field(default_factory=list)
    date: str | None = None
    date_end: str | None = None
    location: str | None = None  # ISO 3166 alpha-3 at least
    place: Place | None = None  # the place with coordinates and its mention; its country is ``location``
    intensity: float = 0.0
    quad: int = 0
    confidence: float = 0.0
    # how the text presents the act: asserted | negated | hypothetical (conditional) | future | claimed (a third
    # party says so); dyads and alerts read asserted acts
    modality: str = "asserted"
    claimed: bool = False  # reported by someone other than the actor's side (kept with the other flags)
    reciprocal: bool = False  # a mutual act coded in both directions (the other direction is its own event)
    cameo_code: str | None = None  # the CAMEO event code ("138"), so GDELT/ICEWS users can compare
    cameo_root: str | None = None  # its two-digit root ("13")
    goldstein: float | None = None  # the Goldstein conflict-cooperation score of the CAMEO code
    rule: str | None = None  # what fired: explanation for the analyst
    quote_id: str | None = None
    sentence_index: int | None = None
    story_id: str | None = None
    reports: list[Report] = field(default_factory=list)
    disagreements: dict[str, list[Any]] = field(default_factory=dict)


@dataclass(slots=True)
class Story(Record):
    """Articles about one real-world event, across outlets and languages."""

    id: str
    title: str
    articles: list[str] = field(default_factory=list)
    outlets: list[str] = field(default_factory=list)
    languages: list[str] = field(default_factory=list)
    start: str | None = None
    end: str | None = None


@dataclass(slots=True)
class Failure(Record):
    """An input that could not be processed: kept with its reason, never silently dropped."""

    source: str
    reason: str
    stage: str
    detail: str = ""
    raw_excerpt: str = ""


@dataclass(slots=True)
class AlertEvidence(Record):
    """One report behind an alert: the act it reports, where, and the sentence that says so."""

    event_id: str
    event_type: str
    article_id: str
    outlet: str | None
    sentence: str
    date: str | None = None


@dataclass(slots=True)
class Alert(Record):
    """A day on which a dyad's conflict rose sharply above its own baseline, with the rule that fired, the
    thresholds in force and every report it rests on."""

    actor: str
    recipient: str
    date: str
    kind: str  # first | spike
    score: float
    baseline_mean: float
    baseline_sd: float
    threshold: float
    events: list[str] = field(default_factory=list)
    rule: str = ""
    params: dict[str, Any] = field(default_factory=dict)
    evidence: list[AlertEvidence] = field(default_factory=list)
    outlets: list[str] = field(default_factory=list)
    article_ids: list[str] = field(default_factory=list)


# -- story clustering state (kept by the store between runs; numpy arrays, so never exported as JSON) ----------


@dataclass(slots=True)
class StoryState:
    """A story as the clusterer sees it.

    ``centroid`` is the unnormalised *sum* of member vectors, so adding an article is one addition and the
    centroid never has to be recomputed from the members. ``entities`` counts, per entity, how many of the
    ``size`` embedded members mention it.
    """

    id: str
    centroid: Any
    size: int = 0
    entities: dict[str, int] = field(default_factory=dict)
    start: str | None = None
    end: str | None = None
    title: str = ""
    title_article: str | None = None


@dataclass(slots=True)
class Member:
    """One article of a story, with what title selection needs."""

    article_id: str
    title: str | None
    english: bool
    published: str | None
    vector: Any


@dataclass(slots=True)
class ActSummary:
    """What merging keeps of an act so a large one is never read whole: how many reports it has, the sum of
    their evidence vectors (mean similarity), the days every member's span allows (the date test), and the
    tallies its canonical event is voted from (see ``stories.canonical.tally``)."""

    act_id: str
    size: int
    vector_sum: Any = None
    latest_start: str | None = None
    earliest_end: str | None = None
    tallies: dict[str, Any] = field(default_factory=dict)
