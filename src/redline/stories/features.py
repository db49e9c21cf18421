"""What an article contributes to story clustering: a multilingual vector, its named entities and its date.

The vector embeds the title and the lead (the first few real sentences) separately and averages them: the lead
carries the news when a headline is a pun, and the title alone carries it when the body is boilerplate. Both are
USE-multilingual vectors, so a German title lands next to its English original.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

import numpy as np

from redline.records import Article, Sentence
from redline.stories.embed import DIM, Embed, normalize_rows, unit

LEAD_SENTENCES = 3
MIN_LEAD_WORDS = 6
ENTITY_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT", "LAW"})

_SENTENCE_END = re.compile(r"(?<=[.!?\"”»])\s+")
# Prose ends like a sentence; menus, bylines, datelines and icon rows left over from scraping do not.
_PROSE_END = re.compile(r"[.!?…\"'”’»)]\s*$")
# Capitalised word runs: the fallback entity finder when no parse is stored (no model needed).
_NAME_RUN = re.compile(r"\b[A-Z][\w’'\-]+(?:\s+(?:of\s+|de\s+|von\s+)?[A-Z][\w’'\-]+)*")
_POSSESSIVE = re.compile(r"[’']s$")
_TITLE_WORD = re.compile(r"[^\W\d_]{3,}")
# Month and weekday names and abbreviations (en, es, de, fr) and time-zone words: what a date line is made of.
_DATE_TEXT = (
    "jan feb mar apr may jun jul aug sep sept oct nov dec january february march april june july august "
    "september october november december ene abr ago dic enero febrero marzo abril mayo junio julio agosto "
    "septiembre octubre noviembre diciembre mär mai okt dez januar februar märz juni juli oktober dezember "
    "janv févr mars avr juin juil août déc janvier février avril juillet septembre octobre novembre décembre "
    "mon tue wed thu fri sat sun monday tuesday wednesday thursday friday saturday sunday gmt utc cet cest "
    "est edt msk uhr updated published publicado actualizado aktualisiert"
)
DATE_WORDS = frozenset(_DATE_TEXT.split())


@dataclass(slots=True)
class ArticleFeatures:
    """Clustering input of one article; ``vector`` is unit length (zero when the article has no text)."""

    article_id: str
    vector: np.ndarray
    entities: dict[str, int] = field(default_factory=dict)
    date: str | None = None
    title: str | None = None
    english: bool = False
    published: str | None = None
    duplicate_of: str | None = None


def informative(title: str) -> bool:
    """A title that says something: at least two words of three letters or more that are not date or time words.
    A scraper sometimes takes the date line for the title ("21 dic 2021, 12:20 GMT"); embedding it would pull
    the article towards every other article stamped the same way, so such a title is left out of the vector."""
    words = [w for w in _TITLE_WORD.findall(title.casefold()) if w not in DATE_WORDS]
    return len(words) >= 2


def is_english_title(article: Article) -> bool:
    """Whether the title is English (its own language tag first, else the body's)."""
    language = article.title_language or article.language
    return (language or "").lower().startswith("en")


def day(value: str | None) -> str | None:
    """The ``YYYY-MM-DD`` part of an ISO date or timestamp; None when absent or not ISO (then: undated)."""
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10]).isoformat()
    except ValueError:
        return None


def lead_sentences(article: Article, sentences: Sequence[Sentence] | None = None) -> list[str]:
    """The first real sentences of the body: title repeats, short lines and lines that do not end like prose
    (leftover menus, datelines) are skipped."""
    title = (article.title or "").strip()
    if sentences:
        candidates: Iterable[str] = (s.text.strip() for s in sentences)
    else:
        candidates = (part for line in article.text.splitlines() for part in _SENTENCE_END.split(line.strip()))
    lead: list[str] = []
    for text in candidates:
        if not text or text == title or (title and text.startswith(title)):
            continue
        if len(text.split()) < MIN_LEAD_WORDS or not _PROSE_END.search(text):
            continue
        lead.append(text)
        if len(lead) == LEAD_SENTENCES:
            break
    return lead


def normalize_entity(text: str) -> str:
    """One spelling per entity: case-folded, without a leading "the" or a possessive "'s"."""
    text = " ".join(text.split()).casefold()
    text = text.removeprefix("the ")
    return _POSSESSIVE.sub("", text)


def entity_counts(
    article: Article, sentences: Sequence[Sentence] | None = None, actor_codes: Iterable[str] = ()
) -> dict[str, int]:
    """Entities of an article: NER spans from its stored parse, else capitalised runs in title and lead.

    Actor codes of its events (``@RUS``) are added: they are language-independent, unlike the names.
    """
    counts: Counter[str] = Counter()
    if sentences:
        for sentence in sentences:
            for entity in sentence.entities:
                if entity.label in ENTITY_LABELS:
                    counts[normalize_entity(entity.text)] += 1
    else:
        for text in [article.title or "", *lead_sentences(article)]:
            for match in _NAME_RUN.finditer(text):
                # A lone capitalised word opening the text is usually just the first word.
                if match.start() == 0 and " " not in match.group():
                    continue
                counts[normalize_entity(match.group())] += 1
    for code in actor_codes:
        counts[f"@{code}"] += 1
    counts.pop("", None)
    return dict(counts)


def build_features(
    articles: Sequence[Article],
    embed: Embed,
    *,
    sentences: dict[str, list[Sentence]] | None = None,
    actor_codes: dict[str, list[str]] | None = None,
) -> list[ArticleFeatures]:
    """Features of ``articles`` with all their texts embedded in one call (batching is what makes it fast)."""
    sentences = sentences or {}
    actor_codes = actor_codes or {}
    texts: list[str] = []
    spans: list[tuple[int | None, slice]] = []
    for article in articles:
        title = (article.title or "").strip()
        lead = lead_sentences(article, sentences.get(article.id))
        title_row = None
        if informative(title):
            title_row = len(texts)
            texts.append(title)
        spans.append((title_row, slice(len(texts), len(texts) + len(lead))))
        texts.extend(lead)
    vectors = normalize_rows(embed(texts)) if texts else np.zeros((0, DIM), dtype=np.float32)
    width = vectors.shape[1]
    features = []
    for article, (title_row, lead_rows) in zip(articles, spans, strict=True):
        combined = np.zeros(width, dtype=np.float32)
        if title_row is not None:
            combined += vectors[title_row]
        if lead_rows.stop > lead_rows.start:
            combined += unit(vectors[lead_rows].mean(axis=0))
        features.append(
            ArticleFeatures(
                article_id=article.id,
                vector=unit(combined).astype(np.float32),
                entities=entity_counts(article, sentences.get(article.id), actor_codes.get(article.id, ())),
                date=day(article.published),
                title=article.title,
                english=is_english_title(article),
                published=article.published,
                duplicate_of=article.duplicate_of,
            )
        )
    return features
