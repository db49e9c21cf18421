"""Scoring story clustering against gold (article id, story id) pairs: pairwise and BCubed P/R/F1.

Only articles in the gold file are scored. A gold article the system did not cluster counts as a singleton
story of its own; system articles missing from the gold are ignored. Story ids only need to agree within each
side (the names never have to match).

Pairwise: precision is the share of system same-story pairs that are gold same-story pairs; recall the reverse.
BCubed: per article, precision is the share of its system story that shares its gold story, recall the share of
its gold story found in its system story; both are averaged over articles. A ratio whose denominator is zero
(e.g. no system pairs at all) is 1.0: nothing was claimed, so nothing was wrong.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path

from redline.errors import GoldFormatError
from redline.records import Article, Record


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
            return str(row["article_id"]), str(row["story_id"])
        except (json.JSONDecodeError, KeyError, TypeError) as exc:
            raise GoldFormatError(f"{where}: expected {{'article_id', 'story_id'}} JSON: {exc}") from exc
    fields = [field.strip() for field in line.split("\t")]
    if len(fields) != 2 or not all(fields):
        raise GoldFormatError(f"{where}: expected 'article_id<TAB>story_id', got {line!r}")
    if number == 1 and fields == ["article_id", "story_id"]:
        return None
    return fields[0], fields[1]


def align_gold(gold: Mapping[str, str], articles: Iterable[Article]) -> dict[str, str]:
    """Gold keyed by Redline article ids: a gold key may be the id, the input's source (``file.jsonl#3``) or
    its base name, or the input item's own ``id``/``guid`` field, so gold can be written before ingest."""
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
