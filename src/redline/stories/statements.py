"""Quote linking: one statement reported by several outlets (paraphrased or translated) gets one statement id.

Two quotes are the same statement when their speakers can be the same person and their texts embed close:

- speakers are *the same* when they share a knowledge-base id or their names are spelling variants; *different*
  when their ids or countries differ or their names clearly do; *unsure* when either speaker is unresolved ("the
  diplomat", a pronoun) or the names are in between (a transliteration such as Ryabkov / Rjabkow; see ``names``);
- same speaker: cosine of the quote texts >= ``same_speaker_similarity``; unsure: >= ``unsure_speaker_similarity``;
  different speakers never link.

Grouping is greedy in report order, and a quote never joins a group holding a different speaker.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np

from redline.records import Quote, Speaker
from redline.stories.embed import Embed, normalize_rows
from redline.stories.names import name_match


@dataclass(frozen=True, slots=True)
class QuoteParams:
    """Similarity floors for linking (USE-multilingual: a translation scores ~0.75-0.85, a new remark < 0.5)."""

    same_speaker_similarity: float = 0.65
    unsure_speaker_similarity: float = 0.75
    window_days: int = 7


def statement_id_for(quote_id: str) -> str:
    """Id of the statement first reported by ``quote_id`` (stable as later reports arrive)."""
    return "stmt-" + hashlib.sha1(quote_id.encode()).hexdigest()[:12]


def speakers_match(first: Speaker, second: Speaker) -> bool | None:
    """True: the same speaker; False: different speakers; None: cannot tell."""
    if first.kb_id and second.kb_id:
        return first.kb_id == second.kb_id
    if first.country and second.country and first.country != second.country:
        return False
    return name_match(first.name, second.name)


def link_quotes(
    quotes: Sequence[Quote],
    embed: Embed,
    *,
    published: dict[str, str | None] | None = None,
    params: QuoteParams | None = None,
) -> dict[str, list[str]]:
    """Group quotes into statements: ``statement id -> quote ids`` (report order; singletons included).

    A quote is compared with the earlier quotes of articles published within ``window_days`` before its own
    (all of them when its article is undated), one vectorised product per quote.
    """
    params = params or QuoteParams()
    published = published or {}
    ordered = sorted(
        quotes, key=lambda q: (published.get(q.article_id) or "9999", q.article_id, q.sentence_index, q.start, q.id)
    )
    if not ordered:
        return {}
    vectors = normalize_rows(np.asarray(embed([quote.text for quote in ordered]), dtype=np.float32))
    days = [_day(published.get(quote.article_id)) for quote in ordered]
    floor = min(params.same_speaker_similarity, params.unsure_speaker_similarity)
    group_of: list[int] = []
    groups: list[list[int]] = []
    low = 0
    for index, quote in enumerate(ordered):
        when = days[index]
        if when is not None:
            while low < index and days[low] is not None and (when - days[low]).days > params.window_days:  # type: ignore[operator]
                low += 1
        start = low if when is not None else 0
        scores = vectors[start:index] @ vectors[index] if index > start else np.zeros(0)
        chosen, chosen_score = None, -1.0
        for offset in np.flatnonzero(scores >= floor):
            other, score = start + int(offset), float(scores[offset])
            group = group_of[other]
            if score <= chosen_score:
                continue
            verdicts = [speakers_match(quote.speaker, ordered[member].speaker) for member in groups[group]]
            if False in verdicts:
                continue
            verdict = speakers_match(quote.speaker, ordered[other].speaker)
            if score >= (params.same_speaker_similarity if verdict else params.unsure_speaker_similarity):
                chosen, chosen_score = group, score
        if chosen is None:
            group_of.append(len(groups))
            groups.append([index])
        else:
            group_of.append(chosen)
            groups[chosen].append(index)
    return {statement_id_for(ordered[group[0]].id): [ordered[i].id for i in group] for group in groups}


def _day(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None
