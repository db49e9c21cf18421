"""Assign newly arrived articles to stories, one at a time, updating the stored story state as it goes.

This is the store-facing half of clustering (the scoring rules are in ``cluster``). A batch loads the stories
its articles may join once (those within the time window of the batch's days, ``story_candidates``: an
indexed range query) into a ``StoryPool``, whose unit centroids sit in one matrix: each article is scored with
one matrix product, and only stories whose cosine can still clear the threshold get the full score. Then the
article joins the best story (centroid += vector, title kept or replaced by the closer member) or founds one.
Articles already in a story are skipped, so re-runs and resumed runs add nothing twice.

Duplicates are read in both directions: whichever copy of a text is placed first (content order) is scored,
and a later copy follows it without scoring, so which copy ingest happened to see first never matters.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import date, timedelta
from typing import TYPE_CHECKING

import numpy as np

from redline.records import Article, Event, Sentence
from redline.stories.cluster import StoryParams, absorb, new_state, score, threshold_for
from redline.stories.embed import Embed, embed_texts
from redline.stories.features import ArticleFeatures, build_features
from redline.stories.state import StoryState

if TYPE_CHECKING:
    from redline.store import Store

LOGGER = logging.getLogger(__name__)


def actor_codes(events: Sequence[Event]) -> dict[str, list[str]]:
    """Per article, the country codes (or names) of its events' actors and recipients: language-free entities."""
    codes: dict[str, list[str]] = {}
    for event in events:
        if event.article_id is None:
            continue
        bucket = codes.setdefault(event.article_id, [])
        for actor in [*event.actor, *event.recipient]:
            code = actor.country or actor.name
            if code and code not in bucket:
                bucket.append(code)
    return codes


def _features(store: Store, articles: Sequence[Article], embed: Embed) -> list[ArticleFeatures]:
    ids = [article.id for article in articles]
    sentences: dict[str, list[Sentence]] = {article_id: store.sentences(article_id) for article_id in ids}
    codes = actor_codes(store.events(article_ids=ids))
    return build_features(articles, embed, sentences=sentences, actor_codes=codes)


class StoryPool:
    """The stories a batch may join, with their unit centroids in one matrix for scoring."""

    def __init__(self, states: Sequence[StoryState]) -> None:
        self.states: list[StoryState] = []
        self._rows: list[np.ndarray] = []
        self._position: dict[str, int] = {}
        for state in sorted(states, key=lambda s: s.id):
            self.put(state)

    def put(self, state: StoryState) -> None:
        """Add a story or refresh its centroid row after it changed."""
        norm = float(np.linalg.norm(state.centroid))
        row = state.centroid / norm if norm > 0 else state.centroid
        if state.id in self._position:
            index = self._position[state.id]
            self.states[index], self._rows[index] = state, row
        else:
            self._position[state.id] = len(self.states)
            self.states.append(state)
            self._rows.append(row)

    def get(self, story_id: str) -> StoryState | None:
        index = self._position.get(story_id)
        return None if index is None else self.states[index]

    def best(self, features: ArticleFeatures, params: StoryParams) -> tuple[StoryState | None, float]:
        """The best-scoring story that clears its threshold, and its score; ``(None, best score)`` when none.

        The entity bonus is at most ``entity_weight`` and the time term only subtracts, so a story whose cosine
        is below the lower threshold minus that bonus cannot win: only the others get the full score.
        """
        rows = [i for i, row in enumerate(self._rows) if row.shape == features.vector.shape]
        if not rows or not features.vector.size:
            return None, 0.0
        cosines = np.vstack([self._rows[i] for i in rows]) @ features.vector
        reachable = min(params.threshold, params.undated_threshold) - params.entity_weight
        chosen: StoryState | None = None
        best, best_any = float("-inf"), 0.0
        for position in np.flatnonzero(cosines >= reachable):
            state = self.states[rows[int(position)]]
            value = score(features, state, params)
            if value is None:
                continue
            best_any = max(best_any, value)
            if value >= threshold_for(features, state, params) and value > best:
                chosen, best = state, value
        return (chosen, best) if chosen is not None else (None, best_any)


def load_pool(store: Store, features: Sequence[ArticleFeatures], params: StoryParams) -> StoryPool:
    """The stories within the window of the batch's days (and undated ones), plus, when an article is undated,
    the ``max_candidates`` stories that end last."""
    days = sorted(f.date for f in features if f.date)
    states: dict[str, StoryState] = {}
    if days:
        start, end = shift(days[0], -params.window_days), shift(days[-1], params.window_days)
        states.update((state.id, state) for state in store.stories_between(start, end, undated=params.max_candidates))
    if any(f.date is None for f in features):
        for state in store.story_candidates(when=None, window_days=params.window_days, limit=params.max_candidates):
            states.setdefault(state.id, state)
    return StoryPool(list(states.values()))


def shift(when: str, days: int) -> str:
    return (date.fromisoformat(when) + timedelta(days=days)).isoformat()


def proxy_day(store: Store, features: ArticleFeatures, story_id: str) -> str | None:
    """The day an article is placed on: its own, else (undated) that of the dated member it is closest to."""
    if features.date is not None or not features.vector.size:
        return features.date
    members = store.dated_members(story_id)
    if not members:
        return None
    similarities = np.vstack([vector for _, _, vector in members]) @ features.vector
    return members[int(np.argmax(similarities))][1]  # argmax keeps the first of equals: content order


def _follow_copy(store: Store, pool: StoryPool, features: ArticleFeatures, article: Article) -> str | None:
    """Join the story of an already placed copy of this text (in either direction); returns its id."""
    for partner in store.duplicate_partners(article.id, article.duplicate_of):
        story_id = store.story_of(partner)
        if story_id is None:
            continue
        state = pool.get(story_id) or store.story_state(story_id)
        absorb(state, features, embedded=False)
        when = features.date or store.story_days([partner]).get(partner)
        store.add_story_article(state.id, article.id, score=1.0, how="duplicate", day=when)
        store.save_story_state(state)
        pool.put(state)
        LOGGER.debug("%s: copy of %s, joins %s", article.id, partner, state.id)
        return state.id
    return None


def assign(store: Store, pool: StoryPool, features: ArticleFeatures, article: Article, params: StoryParams) -> str:
    """Put one article in a story (following a copy, joining or founding) and save the story; returns its id."""
    followed = _follow_copy(store, pool, features, article)
    if followed is not None:
        return followed
    chosen, value = pool.best(features, params)
    if chosen is None:
        state = new_state(features)
        store.save_story_state(state)
        store.add_story_article(
            state.id, article.id, score=1.0, how="founded", vector=features.vector, day=features.date
        )
        pool.put(state)
        LOGGER.debug("%s: founds %s (best other score %.3f)", article.id, state.id, value)
        return state.id
    when = proxy_day(store, features, chosen.id)
    absorb(chosen, features)
    keep_or_replace_title(store, chosen, features)
    store.add_story_article(chosen.id, article.id, score=value, how="joined", vector=features.vector, day=when)
    store.save_story_state(chosen)
    pool.put(chosen)
    LOGGER.debug("%s: joins %s (score %.3f)", article.id, chosen.id, value)
    return chosen.id


def keep_or_replace_title(store: Store, state: StoryState, features: ArticleFeatures) -> None:
    """The story keeps its title unless the new member is a better one: an English title where the current is
    not, else closer to the updated centroid (ties keep the current: the earlier member). One row read, not
    the whole story."""
    if not features.title:
        return
    current = store.story_member(state.title_article) if state.title_article else None
    if current is None or not current.title:
        state.title, state.title_article = features.title, features.article_id
        return
    centroid = state.centroid / (float(np.linalg.norm(state.centroid)) or 1.0)
    mine = float(features.vector @ centroid) if features.vector.shape == centroid.shape else -1.0
    theirs = float(current.vector @ centroid) if current.vector is not None else -1.0
    if (features.english, mine) > (current.english, theirs):
        state.title, state.title_article = features.title, features.article_id


def cluster_articles(
    store: Store,
    article_ids: Sequence[str],
    *,
    embed: Embed = embed_texts,
    params: StoryParams | None = None,
) -> dict[str, list[str]]:
    """Assign ``article_ids`` to stories in the order given; returns ``story id -> articles placed now`` (stories
    in the order they were first touched).

    Runs in one transaction: either all of these articles are placed or none is.
    """
    params = params or StoryParams()
    fetched = {article.id: article for article in store.articles(ids=article_ids)}
    articles = [fetched[i] for i in dict.fromkeys(article_ids) if i in fetched and store.story_of(i) is None]
    touched: dict[str, list[str]] = {}
    if not articles:
        return touched
    with store.atomic():
        features = _features(store, articles, embed)
        pool = load_pool(store, features, params)
        for item, article in zip(features, articles, strict=True):
            touched.setdefault(assign(store, pool, item, article, params), []).append(article.id)
    return touched
