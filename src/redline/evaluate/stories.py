"""Scoring stories and merged events against gold: pairwise and BCubed P/R/F1 at both levels.

Two levels, kept apart: a *story* groups articles (a crisis or topic thread), an *event* groups reports (one
act). Gold is TSV (``article_id<TAB>story_id``) or JSON Lines, where a line is either a story line
``{"article_id", "story_id"}`` or a report line ``{"article_id", "evidence", "event_id"[, "event_type"]}``: the
report of an act in that article whose evidence sentence contains ``evidence`` (whitespace and quote marks
normalised), coded as ``event_type`` when given. Report lines are scored by ``evaluate/acts``.

Only articles in the gold file are scored. A gold article the system did not cluster counts as a singleton
story of its own; system articles missing from the gold are ignored. Story ids only need to agree within each
side (the names never have to match).

Pairwise: precision is the share of system same-story pairs that are gold same-story pairs; recall the reverse.
BCubed: per article, precision is the share of its system story that shares its gold story, recall the share of
its gold story found in its system story; both are averaged over articles. A ratio whose denominator is zero
(e.g. no system pairs at all) is 1.0: nothing was claimed, so nothing was wrong.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path
from typing import TYPE_CHECKING

from redline.errors import GoldFormatError
from redline.records import Article, Record

if TYPE_CHECKING:
    from redline.store import Store


@dataclass(frozen=True, slots=True)
class Scores(Record):
    precision: float
    recall: float
    f1: float


def _f1(precision: float, recall: float) -> float:
    return 0.0 if precision + recall == 0 else 2 * precision * recall / (precision + recall)


def _ratio(part: int | float, whole: int | float) -> float:
    return 1.0 if whole == 0 else part / whole


def read_gold(path: str | Path) -> dict[str, str]:
    """Gold ``article id -> story id`` from TSV (``article_id<TAB>story_id``, optional header) or JSONL.

    :raises GoldFormatError: unreadable file, malformed line, or an article given two stories.
    """
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise GoldFormatError(f"cannot read gold file {path}: {exc}", input_id=str(path)) from exc
    gold: dict[str, str] = {}
    for number, line in enumerate(lines, start=1):
        if not line.strip() or line.startswith("#"):
            continue
        pair = _pair(line, number, path)
        if pair is None:
            continue
        article_id, story_id = pair
        if gold.get(article_id, story_id) != story_id:
            raise GoldFormatError(f"{path}:{number}: article {article_id!r} is in two stories", input_id=str(path))
        gold[article_id] = story_id
    return gold


def _pair(line: str, number: int, path: Path) -> tuple[str, str] | None:
    where = f"{path}:{number}"
    if line.lstrip().startswith("{"):
        try:
            row = json.loads(line)
            if "event_id" in row and "story_id" not in row:
                return None  # a report line: the event level reads it
            return str(row["article_id"]), str(row["story_id"])
        except (json.JSONDecodeError, KeyError, TypeError) as exc:
            raise GoldFormatError(f"{where}: expected {{'article_id', 'story_id'}} JSON: {exc}") from exc
    fields = [field.strip() for field in line.split("\t")]
    if len(fields) != 2 or not all(fields):
        raise GoldFormatError(f"{where}: expected 'article_id<TAB>story_id', got {line!r}")
    if number == 1 and fields == ["article_id", "story_id"]:
        return None
    return fields[0], fields[1]


def article_keys(articles: Iterable[Article]) -> dict[str, str]:
    """Every name gold may use for an article -> its Redline id: the id, the input's source (``file.jsonl#3``)
    or its base name, or the input item's own ``id``/``guid`` field, so gold can be written before ingest."""
    keys: dict[str, str] = {}
    for article in articles:
        names = [article.id, article.source, Path(article.source).name]
        if article.format in ("json", "feed") and article.raw.startswith("{"):
            try:
                raw = json.loads(article.raw)
            except ValueError:
                raw = {}
            names += [str(raw[field]) for field in ("id", "guid") if isinstance(raw, dict) and raw.get(field)]
        for name in names:
            keys.setdefault(name, article.id)
    return keys


def align_gold(gold: Mapping[str, str], articles: Iterable[Article]) -> dict[str, str]:
    """Gold keyed by Redline article ids (see ``article_keys``)."""
    keys = article_keys(articles)
    return {keys.get(key, key): story for key, story in gold.items()}


def _clusters(assignment: Mapping[str, str]) -> dict[str, set[str]]:
    clusters: dict[str, set[str]] = {}
    for item, label in assignment.items():
        clusters.setdefault(label, set()).add(item)
    return clusters


def _aligned(gold: Mapping[str, str], predicted: Mapping[str, str]) -> dict[str, str]:
    """System labels for every gold article; unclustered ones become singletons."""
    return {item: predicted.get(item, f"\0singleton:{item}") for item in gold}


def _pairs(assignment: Mapping[str, str]) -> set[frozenset[str]]:
    return {frozenset(pair) for members in _clusters(assignment).values() for pair in combinations(members, 2)}


def pairwise(gold: Mapping[str, str], predicted: Mapping[str, str]) -> Scores:
    """Pairwise precision/recall/F1 over same-story article pairs."""
    system = _pairs(_aligned(gold, predicted))
    truth = _pairs(gold)
    precision = _ratio(len(system & truth), len(system))
    recall = _ratio(len(system & truth), len(truth))
    return Scores(precision, recall, _f1(precision, recall))


def bcubed(gold: Mapping[str, str], predicted: Mapping[str, str]) -> Scores:
    """BCubed precision/recall/F1 averaged over the gold articles."""
    system = _aligned(gold, predicted)
    if not gold:
        return Scores(1.0, 1.0, 1.0)
    system_clusters, gold_clusters = _clusters(system), _clusters(gold)
    precision = recall = 0.0
    for item in gold:
        mine, theirs = system_clusters[system[item]], gold_clusters[gold[item]]
        both = len(mine & theirs)
        precision += both / len(mine)
        recall += both / len(theirs)
    precision, recall = precision / len(gold), recall / len(gold)
    return Scores(precision, recall, _f1(precision, recall))


def evaluate_stories(gold: Mapping[str, str], predicted: Mapping[str, str]) -> dict[str, Scores]:
    """Both scores: ``{"pairwise": ..., "bcubed": ...}``."""
    return {"pairwise": pairwise(gold, predicted), "bcubed": bcubed(gold, predicted)}


def coverage(gold: Iterable[str], predicted: Mapping[str, str]) -> tuple[int, int]:
    """(gold articles the system clustered, gold articles)."""
    items = list(gold)
    return sum(item in predicted for item in items), len(items)


# -- event level ----------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class GoldReport:
    """One report of a gold act: the article it is in and a piece of its evidence sentence."""

    article_id: str
    evidence: str
    event_id: str
    event_type: str | None = None


@dataclass(frozen=True, slots=True)
class SystemReport:
    """One stored event row as the event level sees it: where it is, what it says and which act it is in."""

    event_id: str
    article_id: str
    text: str
    event_type: str
    act_id: str


_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "«": '"', "»": '"', "‘": "'", "’": "'"})


def normalize_evidence(text: str) -> str:
    """Case, whitespace and quote marks folded, so gold written by hand matches the stored sentence."""
    return " ".join(text.translate(_QUOTES).split()).casefold()


def read_event_gold(path: str | Path) -> list[GoldReport]:
    """The report lines of a JSON Lines gold file (story lines and TSV files have none).

    :raises GoldFormatError: unreadable file, or a report line without article, evidence or event id.
    """
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise GoldFormatError(f"cannot read gold file {path}: {exc}", input_id=str(path)) from exc
    reports = []
    for number, line in enumerate(lines, start=1):
        if not line.lstrip().startswith("{"):
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise GoldFormatError(f"{path}:{number}: not JSON: {exc}") from exc
        if "event_id" not in row:
            continue
        if not all(str(row.get(key) or "").strip() for key in ("article_id", "evidence", "event_id")):
            raise GoldFormatError(f"{path}:{number}: a report line needs article_id, evidence and event_id")
        kind = str(row["event_type"]).upper() if row.get("event_type") else None
        reports.append(GoldReport(str(row["article_id"]), str(row["evidence"]), str(row["event_id"]), kind))
    return reports


def match_reports(gold: Iterable[GoldReport], system: Iterable[SystemReport]) -> dict[int, SystemReport | None]:
    """For each gold report (by position), the system report it names: same article, evidence contained in the
    stored sentence, same type when the gold gives one; the smallest event id when several fit, None when none."""
    by_article: dict[str, list[SystemReport]] = {}
    for report in sorted(system, key=lambda r: r.event_id):
        by_article.setdefault(report.article_id, []).append(report)
    found: dict[int, SystemReport | None] = {}
    for index, item in enumerate(gold):
        needle = normalize_evidence(item.evidence)
        found[index] = next(
            (
                report
                for report in by_article.get(item.article_id, [])
                if needle in normalize_evidence(report.text)
                and (item.event_type is None or item.event_type == report.event_type)
            ),
            None,
        )
    return found


@dataclass(frozen=True, slots=True)
class ActScores(Record):
    """Event-level scores: pairwise and BCubed over every gold report (one the coder missed is a singleton), the
    same over the coded ones only (what merging alone is responsible for), and how many the coder found."""

    pairwise: Scores
    bcubed: Scores
    coded_pairwise: Scores
    coded_bcubed: Scores
    reports: int
    found: int
    acts: int
    split: dict[str, int]  # gold act -> number of system events its found reports landed in


def align_reports(gold: Iterable[GoldReport], articles: Iterable[Article]) -> list[GoldReport]:
    """Report lines keyed by Redline article ids (see ``article_keys``)."""
    keys = article_keys(articles)
    return [dataclasses.replace(item, article_id=keys.get(item.article_id, item.article_id)) for item in gold]


def evaluate_acts(gold: Sequence[GoldReport], system: Iterable[SystemReport]) -> ActScores:
    """Score event merging: a gold report the coder did not find counts as a system singleton (lowers recall)."""
    matched = match_reports(gold, system)
    truth = {str(index): item.event_id for index, item in enumerate(gold)}
    predicted = {str(index): report.act_id for index, report in matched.items() if report is not None}
    split: dict[str, set[str]] = {}
    for index, item in enumerate(gold):
        report = matched[index]
        bucket = split.setdefault(item.event_id, set())
        if report is not None:
            bucket.add(report.act_id)
    coded = {index: truth[index] for index in predicted}
    return ActScores(
        pairwise=pairwise(truth, predicted),
        bcubed=bcubed(truth, predicted),
        coded_pairwise=pairwise(coded, predicted),
        coded_bcubed=bcubed(coded, predicted),
        reports=len(gold),
        found=len(predicted),
        acts=len(split),
        split={act: len(ids) for act, ids in sorted(split.items())},
    )


def event_scores(store: Store, gold: Sequence[GoldReport]) -> ActScores:
    """Score the stored merge against report lines already keyed by Redline article ids."""
    article_ids = sorted({item.article_id for item in gold})
    acts = store.event_acts(article_ids)
    system = [
        SystemReport(event.id, event.article_id or "", event.text, event.event_type, acts.get(event.id, event.id))
        for event in store.events(article_ids=article_ids)
    ]
    return evaluate_acts(gold, system)
