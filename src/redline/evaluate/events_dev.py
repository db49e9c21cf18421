"""Scoring the coder on its own hand-coded development set: type, actor, recipient and mode per sentence.

The set (``tests/resources/events/dev_set.jsonl``) holds real sentences by reference only — a file of
``../shared`` with character offsets, a line of the quad gold, or a record of the PLOVER gold — each with a
hash of the sentence, so no third-party text is copied into the repository; the sentence is read from
``../shared`` at run time and items whose source is absent (or changed) are skipped and counted. Fresh sentences
written for this project (``fresh_sentences.jsonl`` and ``fresh_sentences_2.jsonl`` to ``_12.jsonl``)
carry their text. One JSON object per line::

    {"id": ..., "ref": {"corpus": "polnear"|"dev", "file": ..., "start": ..., "end": ..., "sha1": ...}
                 or {"corpus": "quad", "line": N, "sha1": ...} or {"corpus": "plover", "index": N, "sha1": ...},
     "text": ... (instead of ref), "date": ..., "split": "tune"|"held", "kinds": [...],
     "events": [{"types": [...], "actor": [...], "recipient": [...], "modes": [...], "optional": true?}]}

``events`` is empty for a sentence with no event. ``types`` and ``modes`` list what a careful coder accepts;
``actor``/``recipient`` list acceptable parties: an upper-case code is compared with the actor's country or
organisation code, anything else with its name and mention (case-insensitive substring), and ``-`` accepts no
party. An optional event is not missed when absent and not a false positive when found.

Sentences of a whole text (PolNeAR, the dev corpus) are scored in their document: the document is coded with
its date and the events whose trigger lies in the sentence are compared, so pronouns and context resolve as
they would in a real run.

Reported per split (tune, held) and overall: event precision, recall and F1 (an event matches a gold event of
one of its types), the same with actor and recipient also right ("strict"), sentence type accuracy (the main
event, or no event), and actor, recipient and mode accuracy over matched events.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from redline.errors import GoldFormatError
from redline.evaluate.quad import Coder, main_event
from redline.records import Actor, Event, Record

SPLITS = ("tune", "held")


@dataclass(slots=True)
class GoldEvent:
    types: tuple[str, ...]
    actor: tuple[str, ...]
    recipient: tuple[str, ...]
    modes: tuple[str, ...]
    optional: bool = False


@dataclass(slots=True)
class DevItem:
    id: str
    split: str
    kinds: tuple[str, ...]
    events: list[GoldEvent]
    date: str | None = None
    text: str | None = None  # the sentence (fresh items carry it; referenced items get it from ../shared)
    document: str | None = None  # key of the document the sentence is coded in
    start: int = 0
    end: int = 0
    corpus: str = "fresh"


@dataclass(slots=True)
class DevScores(Record):
    """Scores of one group of items."""

    n: int = 0
    type_accuracy: float = 0.0
    precision: float = 0.0
    recall: float = 0.0
    f1: float = 0.0
    strict_precision: float = 0.0
    strict_recall: float = 0.0
    strict_f1: float = 0.0
    actor_accuracy: float = 0.0
    recipient_accuracy: float = 0.0
    mode_accuracy: float = 0.0
    gold_events: int = 0
    predicted_events: int = 0
    matched: int = 0


@dataclass(slots=True)
class DevReport(Record):
    groups: dict[str, DevScores]
    skipped: int = 0
    failures: list[dict[str, Any]] = field(default_factory=list)
    kinds: dict[str, list[int]] = field(default_factory=dict)  # kind -> [sentences, sentences all right]


# ------------------------------------------------------------------------------------------------ reading
def _sha(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]


def _gold_event(raw: dict[str, Any]) -> GoldEvent:
    return GoldEvent(
        types=tuple(raw["types"]),
        actor=tuple(raw.get("actor") or ("-",)),
        recipient=tuple(raw.get("recipient") or ("-",)),
        modes=tuple(raw.get("modes") or ("asserted",)),
        optional=bool(raw.get("optional", False)),
    )


class _Sources:
    """Texts of ``../shared`` read once: whole files, quad gold lines, PLOVER gold records."""

    def __init__(self, shared: Path) -> None:
        self.shared = shared
        self._files: dict[str, str | None] = {}
        self._quad: list[str] | None = None
        self._plover: list[Any] | None = None

    def file(self, corpus: str, name: str) -> str | None:
        folder = {"polnear": "gold/polnear_dev/text", "dev": "corpus/dev"}.get(corpus)
        if folder is None:
            return None
        key = f"{folder}/{name}"
        if key not in self._files:
            path = self.shared / folder / name
            self._files[key] = path.read_text(encoding="utf-8") if path.is_file() else None
        return self._files[key]

    def quad_line(self, line: int) -> str | None:
        if self._quad is None:
            path = self.shared / "gold" / "cameo_quad_dev.tsv"
            self._quad = path.read_text(encoding="utf-8").splitlines() if path.is_file() else []
        return self._quad[line].rsplit("\t", 1)[0] if 0 <= line < len(self._quad) else None

    def plover_record(self, index: int) -> str | None:
        if self._plover is None:
            path = self.shared / "gold" / "PLOVER_GSR_CAMEO.json"
            self._plover = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else []
        if 0 <= index < len(self._plover) and isinstance(self._plover[index], dict):
            return self._plover[index].get("text")
        return None


def _place(item: DevItem, ref: dict[str, Any], sources: _Sources) -> bool:
    """Fill the item's text (and document) from its reference; False when the source is absent or changed."""
    corpus = str(ref.get("corpus"))
    item.corpus = corpus
    if corpus in ("polnear", "dev"):
        whole = sources.file(corpus, str(ref["file"]))
        if whole is None:
            return False
        item.start, item.end = int(ref["start"]), int(ref["end"])
        item.text = whole[item.start : item.end]
        item.document = f"{corpus}/{ref['file']}"
    elif corpus == "quad":
        item.text = sources.quad_line(int(ref["line"]))
    elif corpus == "plover":
        item.text = sources.plover_record(int(ref["index"]))
    return item.text is not None and _sha(item.text) == ref.get("sha1")


def load_dev_items(paths: Sequence[str | Path], shared: Path) -> tuple[list[DevItem], int]:
    """Items of the dev-set files with their sentences; also the number skipped (source absent or changed).

    :raises GoldFormatError: an unreadable file or a malformed line
    """
    sources = _Sources(shared)
    items: list[DevItem] = []
    skipped = 0
    for path in paths:
        try:
            lines = Path(path).read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError) as exc:
            raise GoldFormatError(f"cannot read dev set {path}: {exc}", input_id=str(path)) from exc
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            try:
                raw = json.loads(line)
                item = DevItem(
                    id=str(raw["id"]),
                    split=str(raw.get("split", "tune")),
                    kinds=tuple(raw.get("kinds") or ()),
                    events=[_gold_event(e) for e in raw.get("events") or ()],
                    date=raw.get("date"),
                    text=raw.get("text"),
                )
            except (json.JSONDecodeError, KeyError, TypeError) as exc:
                raise GoldFormatError(f"{path}:{number}: bad dev-set line ({exc})", input_id=str(path)) from exc
            if item.text is None and not _place(item, raw.get("ref") or {}, sources):
                skipped += 1
                continue
            items.append(item)
    return items, skipped


# ------------------------------------------------------------------------------------------------ coding
def code_items(items: list[DevItem], coder: Coder, shared: Path) -> dict[str, list[Event]]:
    """Events per item id (see the module docstring for documents)."""
    sources = _Sources(shared)
    requests: list[tuple[str, str, str | None]] = []
    documents: dict[str, list[DevItem]] = {}
    for item in items:
        if item.document is None:
            requests.append((f"s:{item.id}", item.text or "", item.date))
            continue
        if item.document not in documents:
            corpus, name = item.document.split("/", 1)
            requests.append((f"d:{item.document}", sources.file(corpus, name) or "", item.date))
        documents.setdefault(item.document, []).append(item)
    found: dict[str, list[Event]] = {}
    for key, events in coder(requests):
        kind, _, name = key.partition(":")
        if kind == "s":
            found[name] = events
            continue
        for item in documents.get(name, []):
            found[item.id] = [e for e in events if item.start <= e.trigger.start < item.end]
    return found


# ------------------------------------------------------------------------------------------------ scoring
def modality(event: Event) -> str:
    """The event's mode as the dev set names it (the record's own field when it has one)."""
    own = getattr(event, "modality", None)
    if own:
        return str(own)
    if event.negated:
        return "negated"
    if event.hypothetical:
        return "hypothetical"
    if event.future:
        return "future"
    return "asserted"


def _matches_party(actor: Actor, wanted: str) -> bool:
    if wanted.isupper() and " " not in wanted and len(wanted) <= 8:
        return (actor.country or "").upper() == wanted or (actor.kb_id or "").upper() == wanted
    low = wanted.lower()
    return low in (actor.name or "").lower() or low in (actor.text or "").lower()


def parties_match(predicted: Sequence[Actor], wanted: Sequence[str]) -> bool:
    """Whether predicted parties fit the gold alternatives (``-``: none is acceptable)."""
    named = [w for w in wanted if w != "-"]
    if not predicted:
        return "-" in wanted or not named
    return any(_matches_party(actor, w) for actor in predicted for w in named)


def _pair_score(event: Event, gold: GoldEvent) -> tuple[int, float]:
    return (
        parties_match(event.actor, gold.actor) + parties_match(event.recipient, gold.recipient),
        event.confidence,
    )


def match_events(events: Sequence[Event], gold: Sequence[GoldEvent]) -> list[tuple[GoldEvent, Event]]:
    """One-to-one pairs of gold and predicted events of the same type (required gold events first; among
    candidates the one whose actor and recipient fit best)."""
    pairs: list[tuple[GoldEvent, Event]] = []
    free = list(events)
    for wanted in sorted(gold, key=lambda g: g.optional):
        candidates = [e for e in free if e.event_type in wanted.types]
        if not candidates:
            continue
        best = max(candidates, key=lambda e: _pair_score(e, wanted))
        free.remove(best)
        pairs.append((wanted, best))
    return pairs


@dataclass(slots=True)
class _Counts:
    n: int = 0
    type_right: int = 0
    gold: int = 0
    predicted: int = 0
    matched_required: int = 0
    matched_predicted: int = 0
    strict_required: int = 0
    strict_predicted: int = 0
    actor: list[int] = field(default_factory=lambda: [0, 0])
    recipient: list[int] = field(default_factory=lambda: [0, 0])
    mode: list[int] = field(default_factory=lambda: [0, 0])

    def scores(self) -> DevScores:
        def ratio(a: int, b: int) -> float:
            return a / b if b else 0.0

        def f1(p: float, r: float) -> float:
            return 0.0 if p + r == 0 else 2 * p * r / (p + r)

        precision, recall = ratio(self.matched_predicted, self.predicted), ratio(self.matched_required, self.gold)
        strict_p, strict_r = ratio(self.strict_predicted, self.predicted), ratio(self.strict_required, self.gold)
        return DevScores(
            n=self.n,
            type_accuracy=ratio(self.type_right, self.n),
            precision=precision,
            recall=recall,
            f1=f1(precision, recall),
            strict_precision=strict_p,
            strict_recall=strict_r,
            strict_f1=f1(strict_p, strict_r),
            actor_accuracy=ratio(*self.actor),
            recipient_accuracy=ratio(*self.recipient),
            mode_accuracy=ratio(*self.mode),
            gold_events=self.gold,
            predicted_events=self.predicted,
            matched=self.matched_predicted,
        )


def _type_right(events: Sequence[Event], gold: Sequence[GoldEvent]) -> bool:
    main = main_event(events)
    required = [g for g in gold if not g.optional]
    if not required:
        return main is None or any(main.event_type in g.types for g in gold)
    return main is not None and any(main.event_type in g.types for g in required)


def _describe_gold(gold: GoldEvent) -> str:
    mark = "?" if gold.optional else ""
    return f"{mark}{'/'.join(gold.types)} {list(gold.actor)}>{list(gold.recipient)} @{'/'.join(gold.modes)}"


def _score_item(counts: _Counts, item: DevItem, events: Sequence[Event]) -> dict[str, Any] | None:
    """Add one item to the counts; returns a description of what went wrong, or None when all is right."""
    required = [g for g in item.events if not g.optional]
    pairs = match_events(events, item.events)
    counts.n += 1
    counts.gold += len(required)
    counts.predicted += len(events)
    counts.matched_predicted += len(pairs)
    type_right = _type_right(events, item.events)
    counts.type_right += type_right
    complete = len(pairs) == len(events) and sum(not g.optional for g, _ in pairs) == len(required)
    wrong = not type_right or not complete
    events_right = complete
    for gold, event in pairs:
        actor_ok = parties_match(event.actor, gold.actor)
        recipient_ok = parties_match(event.recipient, gold.recipient)
        mode_ok = modality(event) in gold.modes
        strict = actor_ok and recipient_ok
        counts.strict_predicted += strict
        if not gold.optional:
            counts.matched_required += 1
            counts.strict_required += strict
        for slot, ok in ((counts.actor, actor_ok), (counts.recipient, recipient_ok), (counts.mode, mode_ok)):
            slot[0] += ok
            slot[1] += 1
        wrong = wrong or not (strict and mode_ok)
        events_right = events_right and strict and mode_ok
    if not wrong:
        return None
    return {
        "id": item.id,
        "events_right": events_right,
        "split": item.split,
        "kinds": list(item.kinds),
        "text": item.text,
        "gold": [
            f"{'?' if g.optional else ''}{'/'.join(g.types)} {g.actor}>{g.recipient} @{g.modes}" for g in item.events
        ]
        or ["NONE"],
        "predicted": [
            f"{e.event_type} {[a.country or a.name or a.text for a in e.actor]}>"
            f"{[a.country or a.name or a.text for a in e.recipient]} @{modality(e)} ({e.rule})"
            for e in events
        ],
    }


def score(items: Iterable[DevItem], events_by_id: dict[str, list[Event]]) -> tuple[dict[str, DevScores], list[Any]]:
    """Scores per group (all, each split, each split by corpus) and the items that were not all right."""
    groups: dict[str, _Counts] = {}
    failures = []
    for item in items:
        events = events_by_id.get(item.id, [])
        names = ["all", item.split, f"{item.split}:{item.corpus}"]
        failure = None
        for name in names:
            failure = _score_item(groups.setdefault(name, _Counts()), item, events)
        if failure is not None:
            failures.append(failure)
    return {name: counts.scores() for name, counts in sorted(groups.items())}, failures


def kind_counts(items: Iterable[DevItem], failures: Sequence[dict[str, Any]]) -> dict[str, list[int]]:
    """Per error kind: the sentences of that kind and how many are coded all right: every required event found
    with its type, actor, recipient and mode, every other event an optional gold event coded just as right, and
    nothing spurious. (Which event is the most confident is not asked: a claimed act and the speaker's ACCUSE of
    it are both right when the gold holds both.)"""
    wrong = {f["id"] for f in failures if not f["events_right"]}
    counts: dict[str, list[int]] = {}
    for item in items:
        for kind in item.kinds:
            slot = counts.setdefault(kind, [0, 0])
            slot[0] += 1
            slot[1] += item.id not in wrong
    return dict(sorted(counts.items()))


def _dev_coder(items: list[tuple[str, str, str | None]]) -> Iterable[tuple[str, list[Event]]]:
    """The coder as ``redline code`` runs it (PLOVER: appeals are REQUEST)."""
    from redline.events import code_texts

    return code_texts(items)


def evaluate_events_dev(
    paths: Sequence[str | Path], *, shared: str | Path, coder: Coder | None = None, split: str | None = None
) -> DevReport:
    """Score the coder on dev-set files.

    :param paths: dev-set JSONL files
    :param shared: the ``../shared`` folder the references point into
    :param coder: a function from ``(id, text, date)`` items to ``(id, events)`` (default: ``code_texts``)
    :param split: only items of this split (``tune`` or ``held``)
    """
    items, skipped = load_dev_items(paths, Path(shared))
    if split is not None:
        items = [item for item in items if item.split == split]
    events_by_id = code_items(items, coder or _dev_coder, Path(shared))
    groups, failures = score(items, events_by_id)
    return DevReport(groups=groups, skipped=skipped, failures=failures, kinds=kind_counts(items, failures))


def format_dev_report(report: DevReport, *, details: bool = False, by_kind: bool = False) -> str:
    """A plain-text table of a dev report, for the CLI (``by_kind``: also sentences all right per kind)."""
    header = (
        f"{'group':<16} {'n':>4} {'typeAcc':>7} {'P':>6} {'R':>6} {'F1':>6} {'strictF1':>8} "
        f"{'actor':>6} {'recip':>6} {'mode':>6}"
    )
    lines = ["events dev set (P/R/F1 over events; actor/recipient/mode accuracy over matched events)", header]
    for name, s in report.groups.items():
        lines.append(
            f"{name:<16} {s.n:4d} {s.type_accuracy:7.3f} {s.precision:6.3f} {s.recall:6.3f} {s.f1:6.3f} "
            f"{s.strict_f1:8.3f} {s.actor_accuracy:6.3f} {s.recipient_accuracy:6.3f} {s.mode_accuracy:6.3f}"
        )
    if by_kind:
        lines.append("sentences coded all right, per kind")
        lines.extend(f"  {kind:<16} {right:4d}/{n:<4d}" for kind, (n, right) in report.kinds.items())
    if report.skipped:
        lines.append(f"skipped {report.skipped} items whose source in ../shared is absent or changed")
    if details:
        for failure in report.failures:
            lines.append(f"\n[{failure['split']}] {failure['id']} {','.join(failure['kinds'])}: {failure['text']}")
            lines.append(f"  gold: {'; '.join(failure['gold'])}")
            lines.append(f"  got:  {'; '.join(failure['predicted']) or 'NONE'}")
    return "\n".join(lines)
