"""Scoring the coder's quad class against sentence-level gold (``sentence<TAB>class`` with classes 0-4).

Class 0 means no event (CAMEO public statements and appeals in the ConfliBERT data fall here); 1 verbal
cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict. The predicted class of a sentence is
the quad of its main event (the most confident), or 0 when the coder finds none. The gold is CAMEO data, so an
event is counted by the quad of its CAMEO code (``cameo.quad_of``): the two conventions differ where PLOVER counts
a concession as verbal ("lifted the curfew": PLOVER CONCEDE, verbal; CAMEO 0813, material) and CAMEO counts a
promised one as verbal ("agreed to lift the curfew": 0351). Reported: per-class
precision/recall/F1, macro-F1 over the five classes, and accuracy.

The helpers here (``classification_report``) also score the PLOVER type evaluation.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from redline.errors import GoldFormatError
from redline.records import Event, Record

QUAD_LABELS = (0, 1, 2, 3, 4)
QUAD_NAMES = {0: "none", 1: "verbal coop", 2: "material coop", 3: "verbal conflict", 4: "material conflict"}


@dataclass(slots=True)
class ClassScore(Record):
    label: str
    precision: float
    recall: float
    f1: float
    support: int
    predicted: int


@dataclass(slots=True)
class Report(Record):
    """Per-class scores, macro-F1 (over labels with gold support or predictions) and accuracy."""

    classes: list[ClassScore]
    macro_f1: float
    accuracy: float
    n: int
    extra: dict[str, Any] = field(default_factory=dict)


def _f1(precision: float, recall: float) -> float:
    return 0.0 if precision + recall == 0 else 2 * precision * recall / (precision + recall)


def classification_report(
    gold: Sequence[Hashable], predicted: Sequence[Hashable], labels: Iterable[Hashable] | None = None
) -> Report:
    """Single-label classification scores; ``labels`` fixes which classes enter the macro average."""
    if len(gold) != len(predicted):
        raise ValueError("gold and predicted differ in length")
    names = list(labels) if labels is not None else sorted({*gold, *predicted}, key=str)
    classes = []
    for label in names:
        tp = sum(1 for g, p in zip(gold, predicted, strict=True) if g == label and p == label)
        support = sum(1 for g in gold if g == label)
        claimed = sum(1 for p in predicted if p == label)
        precision = tp / claimed if claimed else 0.0
        recall = tp / support if support else 0.0
        classes.append(ClassScore(str(label), precision, recall, _f1(precision, recall), support, claimed))
    scored = [c for c in classes if c.support or c.predicted]
    macro = sum(c.f1 for c in scored) / len(scored) if scored else 0.0
    correct = sum(1 for g, p in zip(gold, predicted, strict=True) if g == p)
    return Report(classes=classes, macro_f1=macro, accuracy=correct / len(gold) if gold else 0.0, n=len(gold))


def main_event(events: Sequence[Event]) -> Event | None:
    """The event a sentence is scored by: the most confident (the first on ties)."""
    best: Event | None = None
    for event in events:
        if best is None or event.confidence > best.confidence:
            best = event
    return best


def cameo_quad(event: Event) -> int:
    """The quad class of an event as CAMEO data counts it: that of its CAMEO code, else its PLOVER quad."""
    from redline.events.cameo import quad_of

    found = quad_of(event.cameo_root)
    return event.quad if found is None else found


def read_quad_gold(path: str | Path) -> list[tuple[str, int]]:
    """``(sentence, class)`` pairs from a ``sentence<TAB>class`` file.

    :raises GoldFormatError: unreadable file or a line without a 0-4 class after its last tab
    """
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise GoldFormatError(f"cannot read gold file {path}: {exc}", input_id=str(path)) from exc
    pairs = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        text, tab, label = line.rpartition("\t")
        if not tab or label.strip() not in {str(q) for q in QUAD_LABELS}:
            raise GoldFormatError(f"{path}:{number}: expected 'sentence<TAB>0..4'", input_id=str(path))
        pairs.append((text.strip(), int(label)))
    return pairs


Coder = Callable[[list[tuple[str, str, str | None]]], Iterable[tuple[str, list[Event]]]]


def _default_coder(items: list[tuple[str, str, str | None]]) -> Iterable[tuple[str, list[Event]]]:
    """The coder under the gold's own convention: CAMEO quad data labels appeals as neutral (class 0), so
    appeals are not coded here (the pipeline and `redline code` code them as PLOVER REQUEST)."""
    from redline.events import code_texts

    return code_texts(items, coder=_cameo_coder())


@lru_cache(maxsize=1)
def _cameo_coder() -> Any:
    from redline.events import EventCoder

    return EventCoder(appeals=False)


def evaluate_quad(path: str | Path, *, coder: Coder | None = None, limit: int | None = None) -> Report:
    """Score the coder on a quad gold file.

    :param path: ``sentence<TAB>class`` file
    :param coder: a function from ``(id, text, date)`` items to ``(id, events)`` (default: ``code_texts``)
    :param limit: score only the first ``limit`` sentences
    """
    pairs = read_quad_gold(path)[:limit]
    run = coder or _default_coder
    items = [(str(i), text, None) for i, (text, _) in enumerate(pairs)]
    predicted_by_id = {item_id: events for item_id, events in run(items)}
    gold = [label for _, label in pairs]
    predicted = []
    for i in range(len(pairs)):
        event = main_event(predicted_by_id.get(str(i), []))
        predicted.append(cameo_quad(event) if event is not None else 0)
    report = classification_report(gold, predicted, QUAD_LABELS)
    for score in report.classes:
        score.label = f"{score.label} {QUAD_NAMES[int(score.label)]}"
    report.extra["events_per_sentence"] = sum(len(v) for v in predicted_by_id.values()) / max(1, len(pairs))
    return report


def format_report(report: Report, *, title: str) -> str:
    """A plain-text table of a report, for the CLI."""
    width = max([len(c.label) for c in report.classes] + [10])
    lines = [title, f"{'class':<{width}}  {'P':>6} {'R':>6} {'F1':>6} {'gold':>5} {'pred':>5}"]
    for c in report.classes:
        lines.append(
            f"{c.label:<{width}}  {c.precision:6.3f} {c.recall:6.3f} {c.f1:6.3f} {c.support:5d} {c.predicted:5d}"
        )
    lines.append(f"macro-F1 {report.macro_f1:.3f}   accuracy {report.accuracy:.3f}   n={report.n}")
    for key, value in report.extra.items():
        lines.append(f"{key} {value:.3f}" if isinstance(value, float) else f"{key} {value}")
    return "\n".join(lines)
