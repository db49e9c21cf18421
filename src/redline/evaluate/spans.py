"""Scoring actor and recipient spans against token-level BIO gold (the ConfliBERT CAMEO NER format).

Gold: one ``token<SPACE>tag`` line per token, a blank line between sentences; tags ``B-S``/``I-S`` (source),
``B-T``/``I-T`` (target), ``B-R``/``I-R`` (reciprocal: every party acts, scored as source, as PLOVER puts all
parties of a reciprocal event in ``actor``) and ``O``.

The tokens are joined back into text (no space before closing punctuation, none around hyphens inside words),
the text is coded, and the main event's ``actor`` spans label their tokens S and its ``recipient`` spans T (a
token is labelled when it overlaps a span). A mutual act the coder records in both directions (``reciprocal``:
"Kenya and Tanzania met" is Kenya->Tanzania and Tanzania->Kenya) has every party acting, as the gold's R tag says,
so both its sides are labelled S; the "and" or comma between two members of the acting side joins them into the
one phrase the gold marks ("Jordan and Britain"), while listed targets stay separate spans, as in the gold.
Reported, per label and micro-averaged:

* token level: precision/recall/F1 of tokens labelled S or T (the primary figure);
* span level: exact-match precision/recall/F1 of whole spans (boundaries and label).

Sentences where the coder finds no event contribute their gold tokens to recall only. The gold annotates the
parties of appeals too, so by default the coder runs with ``appeals=True`` here (appeals are arguments the coder
finds even though the default event output drops them, see ``EventCoder``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from redline.errors import GoldFormatError
from redline.evaluate.quad import Coder, _default_coder, main_event
from redline.records import Event, Record

NO_SPACE_BEFORE = {",", ".", ";", ":", "?", "!", ")", "]", "}", "%", "’s", "'s", "’", "''", "”", "n't", "'", "s"}
COORDINATORS = frozenset({"and", "&", ","})
NO_SPACE_AFTER = {"(", "[", "{", "$", "“", "``", "#"}


@dataclass(slots=True)
class GoldSentence:
    tokens: list[str]
    tags: list[str]
    text: str = ""
    offsets: list[tuple[int, int]] = field(default_factory=list)


@dataclass(slots=True)
class SpanScores(Record):
    label: str
    precision: float
    recall: float
    f1: float
    gold: int
    predicted: int


@dataclass(slots=True)
class SpanReport(Record):
    token: list[SpanScores]
    span: list[SpanScores]
    n: int
    with_event: int


def read_bio(path: str | Path) -> list[GoldSentence]:
    """Sentences of a BIO file, each with its detokenised text and token offsets.

    :raises GoldFormatError: unreadable file or a line that is not ``token tag``
    """
    path = Path(path)
    try:
        blocks = path.read_text(encoding="utf-8").split("\n\n")
    except (OSError, UnicodeDecodeError) as exc:
        raise GoldFormatError(f"cannot read gold file {path}: {exc}", input_id=str(path)) from exc
    sentences = []
    for block in blocks:
        tokens, tags = [], []
        for line in block.splitlines():
            if not line.strip():
                continue
            token, sep, tag = line.rpartition(" ")
            if not sep or not re.fullmatch(r"O|[BI]-[STR]", tag):
                raise GoldFormatError(f"{path}: bad BIO line {line!r}", input_id=str(path))
            tokens.append(token)
            tags.append(tag)
        if tokens:
            sentences.append(detokenize(GoldSentence(tokens, tags)))
    return sentences


def detokenize(sentence: GoldSentence) -> GoldSentence:
    """Join tokens into readable text, recording each token's character offsets."""
    text = ""
    offsets = []
    previous = ""
    for i, token in enumerate(sentence.tokens):
        glue = bool(text) and not (
            token in NO_SPACE_BEFORE
            or previous in NO_SPACE_AFTER
            or token == "-"
            or previous == "-"
            or (token.isdigit() and previous == "," and i >= 2 and sentence.tokens[i - 2].isdigit())
            or (token == "," and i + 1 < len(sentence.tokens) and sentence.tokens[i + 1] == "000")
        )
        if glue:
            text += " "
        offsets.append((len(text), len(text) + len(token)))
        text += token
        previous = token
    sentence.text = text
    sentence.offsets = offsets
    return sentence


def _gold_labels(sentence: GoldSentence) -> list[str]:
    return ["O" if tag == "O" else ("S" if tag[2] in "SR" else "T") for tag in sentence.tags]


def _spans(labels: list[str], tags: list[str] | None = None) -> set[tuple[int, int, str]]:
    spans: set[tuple[int, int, str]] = set()
    start = None
    for i, label in enumerate([*labels, "O"]):
        begins = tags is not None and i < len(tags) and tags[i].startswith("B-")
        if start is not None and (label != labels[start] or begins):
            spans.add((start, i, labels[start]))
            start = None
        if label != "O" and start is None:
            start = i
    return spans


def _join_coordinated(sentence: GoldSentence, labels: list[str], tags: list[str]) -> None:
    """One phrase for the parties that act together: PLOVER lists "the United States and Jordan (agreed)" as
    two actors, the gold marks the coordinated source (or reciprocal) phrase as one span, so the "and" or comma
    between two acting members joins them. Targets stay apart: the gold gives each target of an act its own span
    (CAMEO codes one event per target)."""
    for j, token in enumerate(sentence.tokens):
        if labels[j] != "O" or token.lower() not in COORDINATORS or not 0 < j < len(labels) - 1:
            continue
        before, after = labels[j - 1], labels[j + 1]
        if before == after == "S" and tags[j + 1].startswith("B-"):
            labels[j] = before
            tags[j] = f"I-{before}"
            tags[j + 1] = f"I-{before}"


def _scores(label: str, tp: int, gold: int, predicted: int) -> SpanScores:
    precision = tp / predicted if predicted else 0.0
    recall = tp / gold if gold else 0.0
    f1 = 0.0 if precision + recall == 0 else 2 * precision * recall / (precision + recall)
    return SpanScores(label, precision, recall, f1, gold, predicted)


def _appeal_coder(items: list[tuple[str, str, str | None]]) -> Iterable[tuple[str, list[Event]]]:
    from redline.events import EventCoder, code_texts

    return code_texts(items, coder=EventCoder(appeals=True))


def evaluate_spans(
    path: str | Path, *, coder: Coder | None = None, limit: int | None = None, appeals: bool = True
) -> SpanReport:
    """Score the main event's actor/recipient spans against BIO gold.

    :param path: the BIO file
    :param coder: a function from ``(id, text, date)`` items to ``(id, events)`` (default: ``code_texts``)
    :param limit: score only the first ``limit`` sentences
    :param appeals: code appeals as REQUEST for this evaluation (ignored when ``coder`` is given)
    """
    sentences = read_bio(path)[:limit]
    run = coder or (_appeal_coder if appeals else _default_coder)
    items = [(str(i), sentence.text, None) for i, sentence in enumerate(sentences)]
    events_by_id = {item_id: events for item_id, events in run(items)}
    counts = {label: [0, 0, 0] for label in ("S", "T")}  # tp, gold, predicted (tokens)
    span_counts = {label: [0, 0, 0] for label in ("S", "T")}
    with_event = 0
    for i, sentence in enumerate(sentences):
        gold = _gold_labels(sentence)
        predicted = ["O"] * len(gold)
        event = main_event(events_by_id.get(str(i), []))
        pred_tags: list[str] = ["O"] * len(gold)
        if event is not None:
            with_event += 1
            target_label = "S" if event.reciprocal else "T"
            for label, actors in ((target_label, event.recipient), ("S", event.actor)):
                for actor in actors:
                    if actor.start < 0:
                        continue
                    first = True
                    for j, (start, end) in enumerate(sentence.offsets):
                        if start < actor.end and end > actor.start:
                            predicted[j] = label
                            pred_tags[j] = f"{'B' if first else 'I'}-{label}"
                            first = False
            _join_coordinated(sentence, predicted, pred_tags)
        for label in ("S", "T"):
            counts[label][0] += sum(1 for g, p in zip(gold, predicted, strict=True) if g == p == label)
            counts[label][1] += gold.count(label)
            counts[label][2] += predicted.count(label)
        gold_spans = _spans(gold, sentence.tags)
        pred_spans = _spans(predicted, pred_tags)
        for label in ("S", "T"):
            g = {s for s in gold_spans if s[2] == label}
            p = {s for s in pred_spans if s[2] == label}
            span_counts[label][0] += len(g & p)
            span_counts[label][1] += len(g)
            span_counts[label][2] += len(p)
    token_scores = [_scores(label, *counts[label]) for label in ("S", "T")]
    token_scores.append(_scores("micro", *(sum(c[k] for c in counts.values()) for k in range(3))))
    span_scores = [_scores(label, *span_counts[label]) for label in ("S", "T")]
    span_scores.append(_scores("micro", *(sum(c[k] for c in span_counts.values()) for k in range(3))))
    return SpanReport(token=token_scores, span=span_scores, n=len(sentences), with_event=with_event)


def format_span_report(report: SpanReport) -> str:
    """A plain-text table of a span report, for the CLI."""
    header = f"{'level':<6} {'label':<6} {'P':>6} {'R':>6} {'F1':>6} {'gold':>6} {'pred':>6}"
    lines = ["actor spans (S = actor/source, T = recipient/target)", header]
    for level, scores in (("token", report.token), ("span", report.span)):
        for s in scores:
            lines.append(
                f"{level:<6} {s.label:<6} {s.precision:6.3f} {s.recall:6.3f} {s.f1:6.3f} {s.gold:6d} {s.predicted:6d}"
            )
    lines.append(f"sentences {report.n}, with an event {report.with_event}")
    return "\n".join(lines)
