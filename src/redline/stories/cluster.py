"""Online story assignment: score one article against the open stories, join the best or start a new story.

Score of article *a* against story *s* (both dated)::

    score = cos(a.vector, s.centroid) + ENTITY_WEIGHT * typicality(a.entities, s) - TIME_WEIGHT * gap / window

where ``typicality`` averages, over the article's entities, the share of the story's members that mention
each one, and ``gap`` is the number of days between the article and the story's date span (0 inside it).
A dated article never joins a dated story more than ``window_days`` away. Undated articles (or stories) skip
the time terms but must clear the stricter ``undated_threshold``, since time no longer vouches for them.
Exact or near duplicates (``Article.duplicate_of``) join their original's story without scoring.

Decisions are final: an article is never moved later, so nothing is ever recomputed from scratch.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date

import numpy as np

from redline.stories.features import ArticleFeatures
from redline.stories.state import StoryState


@dataclass(frozen=True, slots=True)
class StoryParams:
    """Clustering knobs, tuned on the authored resources and the examples corpus (one story per real event)."""

    window_days: int = 7
    threshold: float = 0.55
    undated_threshold: float = 0.65
    entity_weight: float = 0.15
    time_weight: float = 0.05
    max_candidates: int = 1000


def story_id_for(article_id: str) -> str:
    """Deterministic id of the story an article founds: re-running a corpus gives the same ids."""
    return "story-" + hashlib.sha1(article_id.encode()).hexdigest()[:12]


def gap_days(when: str | None, start: str | None, end: str | None) -> int | None:
    """Days from ``when`` to the span [start, end]; 0 inside it, None when either side is undated."""
    if when is None or start is None or end is None:
        return None
    moment = date.fromisoformat(when)
    if moment < date.fromisoformat(start):
        return (date.fromisoformat(start) - moment).days
    if moment > date.fromisoformat(end):
        return (moment - date.fromisoformat(end)).days
    return 0


def typicality(entities: dict[str, int], state: StoryState) -> float:
    """Mean, over the article's entities, of the share of story members mentioning each (0 when none)."""
    if not entities or state.size == 0:
        return 0.0
    return sum(min(1.0, state.entities.get(name, 0) / state.size) for name in entities) / len(entities)


def cosine(vector: np.ndarray, centroid: np.ndarray) -> float:
    if vector.shape != centroid.shape:
        return 0.0
    norms = float(np.linalg.norm(vector) * np.linalg.norm(centroid))
    return float(vector @ centroid) / norms if norms > 0 else 0.0


def score(features: ArticleFeatures, state: StoryState, params: StoryParams) -> float | None:
    """The article's score against one story, or None when the time window rules the story out."""
    gap = gap_days(features.date, state.start, state.end)
    if gap is not None and gap > params.window_days:
        return None
    value = cosine(features.vector, state.centroid) + params.entity_weight * typicality(features.entities, state)
    if gap is not None:
        value -= params.time_weight * gap / max(params.window_days, 1)
    return value


def threshold_for(features: ArticleFeatures, state: StoryState, params: StoryParams) -> float:
    dated = features.date is not None and state.start is not None
    return params.threshold if dated else params.undated_threshold


def _extend(state: StoryState, when: str | None) -> None:
    if when is None:
        return
    state.start = when if state.start is None else min(state.start, when)
    state.end = when if state.end is None else max(state.end, when)


def absorb(state: StoryState, features: ArticleFeatures, *, embedded: bool = True) -> None:
    """Add an article to the story: one vector addition, entity counts, date span.

    ``embedded=False`` (duplicates) only widens the date span: a copy says nothing new about the story.
    """
    _extend(state, features.date)
    if not embedded:
        return
    state.centroid = state.centroid + features.vector
    state.size += 1
    for name in features.entities:
        state.entities[name] = state.entities.get(name, 0) + 1


def new_state(features: ArticleFeatures) -> StoryState:
    """A story founded by one article."""
    state = StoryState(id=story_id_for(features.article_id), centroid=np.zeros_like(features.vector))
    absorb(state, features)
    state.title = features.title or ""
    state.title_article = features.article_id
    return state
