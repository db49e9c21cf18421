"""Scoring extracted quotes against a gold file: quote precision/recall by span, and speaker accuracy.

Gold format: JSON Lines, one quote per line::

    {"source": "report-017.txt", "text": "a confrontation with NATO was likely", "speaker": "Sergei Ryabkov",
     "kind": "indirect"}

- ``article_id`` (a Redline article id) or ``source`` (the input file's name, so gold can be written before
  ingest: it matches an article whose source path has that base name, or that exact path).
- ``text``: the quote, or only a short distinctive *fragment* of it (a few words, copied exactly from the
  article). It is found in the article's cleaned text (exactly, else ignoring case, whitespace, the style of
  quote marks and any apostrophes, which cleaning may restore: "couldnt" finds "couldn't"); ``start``/``end``
  character offsets may be given instead and win when present.
- ``speaker``: who said it, as a name ("Sergei Ryabkov", "Foreign Ministry"), or null when a careful reader
  cannot tell (then the system must leave the speaker unknown too).
- ``kind`` (optional): direct, indirect or mixed.
- Blank lines and lines starting with ``#`` are ignored.

Matching: a predicted quote matches a gold quote of the same article when its span contains the gold span
(the fragment rule) or when their overlap is at least half their union. Matching is one-to-one, best overlap
first. Precision is matched / predicted quotes in the gold's articles, recall matched / gold quotes (a gold
quote whose text cannot be found counts as missed and is listed). Speaker accuracy is over matched pairs: right
when the names agree after normalisation (case, accents, punctuation, a leading "the") by fuzzy token-set
ratio >= 85, so "Putin" matches "Vladimir Putin" and "Sergey" matches "Sergei"; the predicted mention is tried
when the resolved name differs ("the Foreign Ministry"). An unknown predicted speaker is never right for a
named gold speaker, and is counted apart from a wrong name: wrong names are the error that matters most.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePath
from typing import Any

from rapidfuzz import fuzz

from redline.errors import GoldFormatError
from redline.records import Quote, Record, Speaker

OVERLAP = 0.5
NAME_SIMILARITY = 85
KINDS = ("direct", "indirect", "mixed")
_QUOTE_MARKS = str.maketrans({c: '"' for c in "“”„«»‹›″"} | {c: "'" for c in "‘’‚′`"})


@dataclass(frozen=True, slots=True)
class GoldQuote(Record):
    """One gold quote, as read from the gold file (``line`` is its line number)."""

    text: str
    speaker: str | None
    article_id: str | None = None
    source: str | None = None
    kind: str | None = None
    start: int | None = None
    end: int | None = None
    line: int = 0


@dataclass(slots=True)
class QuoteScores(Record):
    """What ``redline eval quotes`` prints: counts, ratios and the quotes behind the errors."""

    gold: int = 0
    predicted: int = 0
    matched: int = 0
    precision: float = 1.0
    recall: float = 1.0
    f1: float = 1.0
    speaker_correct: int = 0
    speaker_unknown: int = 0
    speaker_wrong: int = 0
    speaker_accuracy: float = 1.0
    kind_correct: int = 0
    kind_total: int = 0
    missed: list[dict[str, Any]] = field(default_factory=list)
    spurious: list[dict[str, Any]] = field(default_factory=list)
    speaker_errors: list[dict[str, Any]] = field(default_factory=list)
    unlocated: list[dict[str, Any]] = field(default_factory=list)


def read_gold(path: str | Path) -> list[GoldQuote]:
    """Gold quotes from a JSON Lines file (format in the module docstring).

    :raises GoldFormatError: unreadable file, bad JSON, or a line without text or article.
    """
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise GoldFormatError(f"cannot read gold file {path}: {exc}", input_id=str(path)) from exc
    gold: list[GoldQuote] = []
    for number, line in enumerate(lines, start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise GoldFormatError(f"{path}:{number}: not JSON ({exc.msg})", input_id=str(path)) from exc
        gold.append(_gold_row(row, number, path))
    return gold


def _gold_row(row: Any, number: int, path: Path) -> GoldQuote:
    where = f"{path}:{number}"
    if not isinstance(row, dict):
        raise GoldFormatError(f"{where}: expected a JSON object", input_id=str(path))
    text = row.get("text")
    if not isinstance(text, str) or not text.strip():
        raise GoldFormatError(f"{where}: 'text' (the quote or a fragment of it) is required", input_id=str(path))
    if not row.get("article_id") and not row.get("source"):
        raise GoldFormatError(f"{where}: give 'article_id' or 'source'", input_id=str(path))
    kind = row.get("kind")
    if kind is not None and kind not in KINDS:
        raise GoldFormatError(f"{where}: 'kind' must be one of {', '.join(KINDS)}", input_id=str(path))
    speaker = row.get("speaker")
    if speaker is not None and not isinstance(speaker, str):
        raise GoldFormatError(f"{where}: 'speaker' must be a name or null", input_id=str(path))
    start, end = row.get("start"), row.get("end")
    if (start is None) != (end is None) or any(v is not None and not isinstance(v, int) for v in (start, end)):
        raise GoldFormatError(f"{where}: 'start' and 'end' go together, as integers", input_id=str(path))
    return GoldQuote(
        text=text,
        speaker=speaker or None,
        article_id=row.get("article_id"),
        source=row.get("source"),
        kind=kind,
        start=start,
        end=end,
        line=number,
    )


def resolve_articles(gold: Iterable[GoldQuote], articles: Iterable[tuple[str, str]]) -> dict[int, str]:
    """Gold line -> article id, by ``article_id`` or by source name; ``articles`` are (id, source) pairs."""
    ids: set[str] = set()
    by_source: dict[str, str] = {}
    for article_id, source in articles:
        ids.add(article_id)
        by_source.setdefault(source, article_id)
        by_source.setdefault(PurePath(source).name, article_id)
    found: dict[int, str] = {}
    for item in gold:
        if item.article_id and item.article_id in ids:
            found[item.line] = item.article_id
        elif item.source:
            article_id = by_source.get(item.source) or by_source.get(PurePath(item.source).name)
            if article_id is not None:
                found[item.line] = article_id
    return found


def locate(item: GoldQuote, text: str) -> tuple[int, int] | None:
    """Character span of a gold quote in its article: offsets if given, else where its text occurs."""
    if item.start is not None and item.end is not None:
        return (item.start, item.end) if 0 <= item.start < item.end <= len(text) else None
    needle = item.text.strip()
    at = text.find(needle)
    if at >= 0:
        return at, at + len(needle)
    normal, offsets = _normalise(text)
    wanted, _ = _normalise(needle)
    at = normal.find(wanted.strip())
    if at < 0 or not wanted.strip():
        return None
    last = at + len(wanted.strip()) - 1
    return offsets[at], offsets[last] + 1


def _normalise(text: str) -> tuple[str, list[int]]:
    """Lower case, one style of quote marks, single spaces; with the original offset of each kept character."""
    chars: list[str] = []
    offsets: list[int] = []
    for index, char in enumerate(text.translate(_QUOTE_MARKS).lower()):
        if char == "'":
            continue  # apostrophes come and go in cleaning ("couldnt" / "couldn't")
        if char.isspace():
            if chars and chars[-1] == " ":
                continue
            char = " "
        chars.append(char)
        offsets.append(index)
    return "".join(chars), offsets


def normalise_name(name: str) -> str:
    """A name for comparison: no accents, no punctuation, lower case, without a leading "the"."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = re.sub(r"[’'`]s\b", "", text)
    text = re.sub(r"[^\w\s]", " ", text)
    words = text.split()
    if words and words[0] == "the":
        words = words[1:]
    return " ".join(words)


def same_speaker(gold: str | None, speaker: Speaker) -> bool:
    """Whether a predicted speaker is the gold one (see the module docstring)."""
    if gold is None:
        return speaker.name is None
    if speaker.name is None:
        return False
    wanted = normalise_name(gold)
    for candidate in (speaker.name, speaker.mention):
        if candidate and fuzz.token_set_ratio(wanted, normalise_name(candidate)) >= NAME_SIMILARITY:
            return True
    return False


def score_quotes(
    gold: Iterable[GoldQuote],
    texts: Mapping[str, str],
    predicted: Iterable[Quote],
    *,
    article_of: Mapping[int, str],
) -> QuoteScores:
    """Score predicted quotes against gold.

    :param gold: gold quotes.
    :param texts: article id -> cleaned text, for every article the gold refers to.
    :param predicted: the system's quotes; those of articles outside the gold are ignored.
    :param article_of: gold line -> article id (from :func:`resolve_articles`).
    """
    scores = QuoteScores()
    spans: list[tuple[GoldQuote, str, tuple[int, int]]] = []
    gold_list = list(gold)
    scores.gold = len(gold_list)
    for item in gold_list:
        article_id = article_of.get(item.line)
        where = locate(item, texts[article_id]) if article_id is not None and article_id in texts else None
        if article_id is None or where is None:
            scores.unlocated.append({"line": item.line, "text": item.text, "article_id": article_id})
            scores.missed.append({"line": item.line, "text": item.text, "speaker": item.speaker})
            continue
        spans.append((item, article_id, where))
    covered = {article_id for article_id in article_of.values()}
    quotes = [q for q in predicted if q.article_id in covered]
    scores.predicted = len(quotes)
    pairs = []
    for g, (_, article_id, (start, end)) in enumerate(spans):
        for p, quote in enumerate(quotes):
            if quote.article_id != article_id:
                continue
            overlap = min(end, quote.end) - max(start, quote.start)
            if overlap <= 0:
                continue
            union = max(end, quote.end) - min(start, quote.start)
            contains = quote.start <= start and end <= quote.end
            if contains or overlap / union >= OVERLAP:
                pairs.append((overlap / union, g, p))
    used_gold: set[int] = set()
    used_pred: set[int] = set()
    for _, g, p in sorted(pairs, reverse=True):
        if g in used_gold or p in used_pred:
            continue
        used_gold.add(g)
        used_pred.add(p)
        _judge(scores, spans[g][0], quotes[p])
    scores.matched = len(used_pred)
    scores.missed.extend(
        {"line": item.line, "text": item.text, "speaker": item.speaker}
        for g, (item, _, _) in enumerate(spans)
        if g not in used_gold
    )
    scores.spurious = [
        {"id": q.id, "article_id": q.article_id, "text": q.text[:200], "speaker": q.speaker.name}
        for p, q in enumerate(quotes)
        if p not in used_pred
    ]
    scores.precision = _ratio(scores.matched, scores.predicted)
    scores.recall = _ratio(scores.matched, scores.gold)
    total = scores.precision + scores.recall
    scores.f1 = 0.0 if total == 0 else 2 * scores.precision * scores.recall / total
    scores.speaker_accuracy = _ratio(scores.speaker_correct, scores.matched)
    return scores


def _judge(scores: QuoteScores, item: GoldQuote, quote: Quote) -> None:
    if same_speaker(item.speaker, quote.speaker):
        scores.speaker_correct += 1
    else:
        if quote.speaker.name is None:
            scores.speaker_unknown += 1
        else:
            scores.speaker_wrong += 1
        scores.speaker_errors.append(
            {"line": item.line, "text": item.text, "gold": item.speaker, "predicted": quote.speaker.name}
        )
    if item.kind is not None:
        scores.kind_total += 1
        scores.kind_correct += int(item.kind == quote.kind)


def _ratio(part: int, whole: int) -> float:
    return 1.0 if whole == 0 else part / whole


def evaluate_store(store: Any, gold: list[GoldQuote]) -> QuoteScores:
    """Score the quotes in a Redline database against gold (articles found by id or source name)."""
    articles = store.articles()
    article_of = resolve_articles(gold, ((a.id, a.source) for a in articles))
    wanted = set(article_of.values())
    texts = {a.id: a.text for a in articles if a.id in wanted}
    predicted = store.quotes(article_ids=sorted(wanted)) if wanted else []
    return score_quotes(gold, texts, predicted, article_of=article_of)
