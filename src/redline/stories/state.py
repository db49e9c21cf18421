"""The running state of one story: what the online clusterer keeps between runs instead of re-clustering."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np


@dataclass(slots=True)
class StoryState:
    """A story as the clusterer sees it.

    ``centroid`` is the unnormalised *sum* of member vectors, so adding an article is one addition and the
    centroid never has to be recomputed from the members. ``entities`` counts, per entity, how many of the
    ``size`` embedded members mention it.
    """

    id: str
    centroid: np.ndarray
    size: int = 0
    entities: dict[str, int] = field(default_factory=dict)
    start: str | None = None
    end: str | None = None
    title: str = ""
    title_article: str | None = None


@dataclass(slots=True)
class Member:
    """One article of a story, with what title selection needs."""

    article_id: str
    title: str | None
    english: bool
    published: str | None
    vector: np.ndarray | None
