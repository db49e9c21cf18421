"""Scoring quotes and speakers on real US news: the PolNeAR dev split (Newell, Margolin & Ruths 2018).

The data stay in ``../shared/gold/polnear_dev/`` and are read at run time, never copied: ``text/NAME.txt`` (one
article; the outlet and publication date are in the name, ``outlet_YYYY-MM-DD_slug.txt``) and
``attributions/NAME_xxxx.ann`` (brat standoff). In the ``.ann`` file, ``T`` lines are spans (``Source``,
``Cue``, ``Content``; a span may have several fragments, ``s1 e1;s2 e2``) and ``E`` lines tie one attribution
together (``Attribution:T4 Content:T3 Cue:T2 Source:T1``; an ``Attribution-no-source`` has no source).

Each article is parsed as written (no cleaning, so offsets are the annotators'), its quotes are extracted with
an actor context dated from the file name, and they are compared with the gold attributions:

- **Hit.** A predicted quote hits a gold attribution when at least half of the quote's characters lie in the
  attribution's content, or at least half of the content's characters lie in the quote (a quote split by its
  cue into two records hits the same attribution twice; a long indirect quote may cover a short content).
- **Precision** = predicted quotes that hit some gold attribution / predicted quotes.
- **Recall** = gold attributions hit by some predicted quote / gold attributions. Two rows are reported:
  *all* attributions (PolNeAR also annotates beliefs, polls and documents: "polls show", "he believes"), and
  *speech*, those whose cue is a speech verb (the lemma of a cue word is in ``data/speech.yaml``), "according
  to", or punctuation (a colon or dash before a transcript line): the statements Redline extracts.
- **Speaker accuracy** is over predicted quotes that hit an attribution with a source, each judged against the
  attribution it overlaps most: right when the gold source text and the predicted speaker's name or mention
  agree after normalisation (case, accents, punctuation, a leading "the"; fuzzy token-set ratio >= 85, so
  "Trump" matches "Donald Trump" and "Republican nominee Donald Trump"). PolNeAR marks the source mention, not
  whom a pronoun refers to, so a pronoun source ("he") is right when the predicted mention is that pronoun;
  a nominal source ("a campaign aide") likewise matches the predicted mention, resolved or not. A predicted
  quote without any speaker (no name, no mention) is counted as unknown. Sources that name no one are not
  judged (counted apart): a relative pronoun ("who"), whose antecedent PolNeAR does not give, and the few
  annotation slips where the source span is the speech verb itself ("said").

Split: the 84 articles are 12 per outlet; sorted by name within each outlet, even positions are the *tune*
half and odd positions the *held-out* half (:func:`split_of`). Rules are tuned on the first only.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz

from redline.errors import GoldFormatError
from redline.evaluate.quotes import NAME_SIMILARITY, normalise_name
from redline.quotes import lexicon as lex
from redline.records import Quote, Record, Speaker

SPLITS = ("tune", "heldout", "all")
HIT = 0.5
_NAME_RE = re.compile(r"^(?P<outlet>[a-z-]+)_(?P<date>\d{4}-\d{2}-\d{2})_")
_PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i", "you", "him", "her", "them"})
_CUE_SPEECH_EXTRA = frozenset({"according", "accord", "quote", "cite"})
_CUE_WORDS = frozenset({"said", "says", "say", "saying", "told", "tells", "added", "wrote", "noted"})


@dataclass(frozen=True, slots=True)
class GoldAttribution:
    """One gold attribution: content fragments, and the source and cue spans when annotated."""

    content: tuple[tuple[int, int], ...]
    source: tuple[int, int] | None
    source_text: str | None
    cue: tuple[int, int] | None
    cue_text: str | None

    @property
    def size(self) -> int:
        return sum(end - start for start, end in self.content)

    def overlap(self, start: int, end: int) -> int:
        return sum(max(0, min(end, e) - max(start, s)) for s, e in self.content)


@dataclass(slots=True)
class PolnearArticle:
    """One article: its name, text, publication date and gold attributions."""

    name: str
    text: str
    date: str | None
    gold: list[GoldAttribution]


@dataclass(slots=True)
class PolnearScores(Record):
    """What ``redline eval polnear`` prints."""

    split: str = "all"
    articles: int = 0
    predicted: int = 0
    hits: int = 0
    precision: float = 1.0
    gold_all: int = 0
    found_all: int = 0
    recall_all: float = 1.0
    f1_all: float = 1.0
    gold_speech: int = 0
    found_speech: int = 0
    recall_speech: float = 1.0
    f1_speech: float = 1.0
    speaker_judged: int = 0
    speaker_unjudged: int = 0
    speaker_correct: int = 0
    speaker_unknown: int = 0
    speaker_wrong: int = 0
    speaker_accuracy: float = 1.0
    spurious: list[dict[str, Any]] = field(default_factory=list)
    missed: list[dict[str, Any]] = field(default_factory=list)
    speaker_errors: list[dict[str, Any]] = field(default_factory=list)


def split_of(names: Iterable[str]) -> dict[str, str]:
    """Each article's half: even positions (by name, within its outlet) tune, odd positions are held out."""
    by_outlet: dict[str, list[str]] = {}
    for name in sorted(names):
        match = _NAME_RE.match(name)
        by_outlet.setdefault(match.group("outlet") if match else "", []).append(name)
    return {name: ("tune" if i % 2 == 0 else "heldout") for group in by_outlet.values() for i, name in enumerate(group)}


def read_ann(text: str, ann: str, where: str = "") -> list[GoldAttribution]:
    """Gold attributions of one brat ``.ann`` file over its article ``text``.

    :raises GoldFormatError: a line that is not brat standoff.
    """
    spans: dict[str, tuple[str, tuple[tuple[int, int], ...]]] = {}
    events: list[dict[str, str]] = []
    for number, line in enumerate(ann.splitlines(), 1):
        if not line.strip():
            continue
        parts = line.split("\t")
        try:
            if line.startswith("T"):
                label, _, offsets = parts[1].partition(" ")
                fragments = tuple(tuple(int(x) for x in piece.split()) for piece in offsets.split(";"))
                spans[parts[0]] = (label, tuple((s, e) for s, e in fragments))
            elif line.startswith("E"):
                events.append(dict(arg.split(":", 1) for arg in parts[1].split()))
        except (IndexError, ValueError) as exc:
            raise GoldFormatError(f"{where}:{number}: not brat standoff: {line[:80]!r}") from exc
    return [attribution for event in events if (attribution := _attribution(event, spans, text)) is not None]


def _attribution(
    event: dict[str, str], spans: dict[str, tuple[str, tuple[tuple[int, int], ...]]], text: str
) -> GoldAttribution | None:
    content = spans.get(event.get("Content", ""))
    if content is None:
        return None
    source = spans.get(event.get("Source", ""))
    cue = spans.get(event.get("Cue", ""))
    source_span = (source[1][0][0], source[1][-1][1]) if source else None
    cue_span = (cue[1][0][0], cue[1][-1][1]) if cue else None
    return GoldAttribution(
        content=content[1],
        source=source_span,
        source_text=text[source_span[0] : source_span[1]] if source_span else None,
        cue=cue_span,
        cue_text=text[cue_span[0] : cue_span[1]] if cue_span else None,
    )


def read_articles(directory: str | Path, split: str = "all") -> list[PolnearArticle]:
    """The articles of a PolNeAR folder (``text/`` and ``attributions/``) in one half of the split, by name.

    :raises GoldFormatError: a missing folder, an unknown split, or an article without its annotations.
    """
    root = Path(directory)
    if split not in SPLITS:
        raise GoldFormatError(f"unknown split {split!r} (one of {', '.join(SPLITS)})")
    texts = sorted((root / "text").glob("*.txt"))
    if not texts:
        raise GoldFormatError(f"{root}: no text/*.txt articles (expected the PolNeAR dev folder)")
    halves = split_of(path.name for path in texts)
    anns = {path.stem.rsplit("_", 1)[0]: path for path in (root / "attributions").glob("*.ann")}
    articles = []
    for path in texts:
        if split != "all" and halves[path.name] != split:
            continue
        ann = anns.get(path.stem)
        if ann is None:
            raise GoldFormatError(f"{path.name}: no attributions/{path.stem}_*.ann beside it")
        text = path.read_text(encoding="utf-8")
        match = _NAME_RE.match(path.name)
        gold = read_ann(text, ann.read_text(encoding="utf-8"), ann.name)
        articles.append(PolnearArticle(path.name, text, match.group("date") if match else None, gold))
    return articles


def is_speech(attribution: GoldAttribution, lemmas: Callable[[int, int], Sequence[str]]) -> bool:
    """Whether a gold attribution is a statement: its cue is a speech verb, "according to" or punctuation."""
    if attribution.cue is None or attribution.cue_text is None:
        return False
    if not any(ch.isalpha() for ch in attribution.cue_text):
        return True
    words = set(lemmas(*attribution.cue))
    return bool(words & (lex.SPEECH_VERBS | lex.NAMING_VERBS | _CUE_SPEECH_EXTRA))


def same_source(gold: str, speaker: Speaker) -> bool:
    """Whether the predicted speaker is the gold source mention (see the module docstring)."""
    wanted = normalise_name(gold)
    if wanted in _PRONOUNS:
        return (speaker.mention or "").strip().lower() == wanted
    for candidate in (speaker.name, speaker.mention):
        if candidate and fuzz.token_set_ratio(wanted, normalise_name(candidate)) >= NAME_SIMILARITY:
            return True
    return False


def score(
    articles: Sequence[PolnearArticle],
    predicted: dict[str, list[Quote]],
    lemmas: dict[str, Callable[[int, int], Sequence[str]]],
    *,
    split: str = "all",
) -> PolnearScores:
    """Score predicted quotes (by article name) against the gold; ``lemmas[name](start, end)`` gives the lemmas
    of the article's words in a character range (to tell speech cues)."""
    scores = PolnearScores(split=split, articles=len(articles))
    for article in articles:
        _score_article(scores, article, predicted.get(article.name, []), lemmas[article.name])
    scores.precision = _ratio(scores.hits, scores.predicted)
    scores.recall_all = _ratio(scores.found_all, scores.gold_all)
    scores.recall_speech = _ratio(scores.found_speech, scores.gold_speech)
    scores.f1_all = _f1(scores.precision, scores.recall_all)
    scores.f1_speech = _f1(scores.precision, scores.recall_speech)
    scores.speaker_accuracy = _ratio(scores.speaker_correct, scores.speaker_judged)
    return scores


def _score_article(
    scores: PolnearScores, article: PolnearArticle, quotes: list[Quote], lemmas: Callable[[int, int], Sequence[str]]
) -> None:
    speech = [is_speech(g, lemmas) for g in article.gold]
    found = [False] * len(article.gold)
    scores.predicted += len(quotes)
    scores.gold_all += len(article.gold)
    scores.gold_speech += sum(speech)
    for quote in quotes:
        best, best_share = None, 0.0
        for g, gold in enumerate(article.gold):
            overlap = gold.overlap(quote.start, quote.end)
            share = max(overlap / max(quote.end - quote.start, 1), overlap / max(gold.size, 1))
            if share >= HIT and share > best_share:
                best, best_share = g, share
        if best is None:
            scores.spurious.append({"article": article.name, "text": quote.text[:160], "speaker": quote.speaker.name})
            continue
        scores.hits += 1
        found[best] = True
        _judge_speaker(scores, article, article.gold[best], quote)
    for g, gold in enumerate(article.gold):
        if found[g]:
            scores.found_all += 1
            scores.found_speech += int(speech[g])
        elif speech[g]:
            start, end = gold.content[0][0], gold.content[-1][1]
            scores.missed.append({"article": article.name, "text": article.text[start:end][:160], "cue": gold.cue_text})


def _judge_speaker(scores: PolnearScores, article: PolnearArticle, gold: GoldAttribution, quote: Quote) -> None:
    if gold.source_text is None:
        return
    if _unjudgeable(gold):
        scores.speaker_unjudged += 1
        return
    scores.speaker_judged += 1
    if same_source(gold.source_text, quote.speaker):
        scores.speaker_correct += 1
        return
    if quote.speaker.name is None and quote.speaker.mention is None:
        scores.speaker_unknown += 1
    else:
        scores.speaker_wrong += 1
    scores.speaker_errors.append(
        {
            "article": article.name,
            "text": quote.text[:120],
            "gold": gold.source_text,
            "mention": quote.speaker.mention,
            "predicted": quote.speaker.name,
        }
    )


def _unjudgeable(gold: GoldAttribution) -> bool:
    """A source span that names no one: a relative pronoun (PolNeAR does not give its antecedent) or an
    annotation slip that marked a speech verb as the source ("said")."""
    words = normalise_name(gold.source_text or "").split()
    if len(words) != 1:
        return False
    return words[0] in lex.RELATIVE_PRONOUNS or words[0] in _CUE_WORDS


def evaluate_polnear(directory: str | Path, *, split: str = "all") -> PolnearScores:
    """Parse the articles of one half (or all) of the PolNeAR dev folder, extract quotes, and score them."""
    from redline.nlp import parse
    from redline.quotes import actor_context, extract_quotes

    articles = read_articles(directory, split)
    predicted: dict[str, list[Quote]] = {}
    lemmas: dict[str, Callable[[int, int], Sequence[str]]] = {}
    for article, doc in zip(articles, parse(a.text for a in articles), strict=True):
        predicted[article.name] = extract_quotes(doc, article.name, actors=actor_context(article.date))
        lemmas[article.name] = _lemmas_of(doc)
    return score(articles, predicted, lemmas, split=split)


def _lemmas_of(doc: Any) -> Callable[[int, int], Sequence[str]]:
    def lemmas(start: int, end: int) -> Sequence[str]:
        return [t.lemma_.lower() for t in doc if start <= t.idx < end]

    return lemmas


def _ratio(part: int, whole: int) -> float:
    return 1.0 if whole == 0 else part / whole


def _f1(precision: float, recall: float) -> float:
    total = precision + recall
    return 0.0 if total == 0 else 2 * precision * recall / total
