"""Assign newly arrived articles to stories, one at a time, updating the stored story state as it goes.

This is the store-facing half of clustering (the scoring rules are in ``cluster``): fetch candidates near the
article's date, score, then either join (centroid += vector, new title) or found a story. Articles already in a
story are skipped, so re-runs and resumed runs add nothing twice.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np

from redline.records import Article, Event, Sentence
from redline.stories.cluster import StoryParams, absorb, best_story, choose_title, new_state
from redline.stories.embed import Embed, embed_texts
from redline.stories.features import ArticleFeatures, build_features, day, is_english_title

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
    to_embed = [a for a in articles if a.duplicate_of is None or store.story_of(a.duplicate_of) is None]
    embedded = {f.article_id: f for f in build_features(to_embed, embed, sentences=sentences, actor_codes=codes)}
    return [embedded.get(article.id) or _copy_features(article) for article in articles]


def _copy_features(article: Article) -> ArticleFeatures:
    """Features of a duplicate whose original already has a story: no vector needed, it just follows."""
    return ArticleFeatures(
        article_id=article.id,
        vector=np.zeros(0, dtype=np.float32),
        date=day(article.published),
        title=article.title,
        english=is_english_title(article),
        published=article.published,
        duplicate_of=article.duplicate_of,
    )


def originals_first(store: Store, articles: Sequence[Article]) -> list[Article]:
    """``articles`` with every duplicate placed after its original, pulling in an original not yet clustered.

    Stored order is not always arrival order (ingest timestamps have one-second resolution), and a copy must
    find its original's story rather than found or join one on its own.
    """
    ordered: list[Article] = []
    placed: set[str] = set()

    def place(article: Article, trail: frozenset[str]) -> None:
        if article.id in placed:
            return
        original = article.duplicate_of
        if original and original not in trail and original not in placed and store.story_of(original) is None:
            source = next((a for a in articles if a.id == original), None)
            if source is None and store.has_article(original):
                source = store.article(original)
            if source is not None:
                place(source, trail | {article.id})
        placed.add(article.id)
        ordered.append(article)

    for article in articles:
        place(article, frozenset())
    return ordered


def assign(store: Store, features: ArticleFeatures, params: StoryParams) -> str:
    """Put one article in a story (joining or founding it) and save the story's new state; returns its id."""
    original_story = store.story_of(features.duplicate_of) if features.duplicate_of else None
    if original_story is not None:
        state = store.story_state(original_story)
        absorb(state, features, embedded=False)
        store.add_story_article(state.id, features.article_id, score=1.0, how="duplicate")
        store.save_story_state(state)
        LOGGER.debug("%s: duplicate of %s, joins %s", features.article_id, features.duplicate_of, state.id)
        return state.id
    candidates = store.story_candidates(when=features.date, window_days=params.window_days, limit=params.max_candidates)
    chosen, value = best_story(features, candidates, params)
    if chosen is None:
        state = new_state(features)
        store.save_story_state(state)
        store.add_story_article(state.id, features.article_id, score=1.0, how="founded", vector=features.vector)
        LOGGER.debug("%s: founds %s (best other score %.3f)", features.article_id, state.id, value)
        return state.id
    absorb(chosen, features)
    store.add_story_article(chosen.id, features.article_id, score=value, how="joined", vector=features.vector)
    chosen.title, chosen.title_article = choose_title(store.story_members(chosen.id), chosen.centroid)
    store.save_story_state(chosen)
    LOGGER.debug("%s: joins %s (score %.3f)", features.article_id, chosen.id, value)
    return chosen.id


def cluster_articles(
    store: Store,
    article_ids: Sequence[str],
    *,
    embed: Embed = embed_texts,
    params: StoryParams | None = None,
) -> list[str]:
    """Assign ``article_ids`` to stories in the order given (their arrival order); returns the stories touched.

    Runs in one transaction: either all of these articles are placed or none is.
    """
    params = params or StoryParams()
    fetched = {article.id: article for article in store.articles(ids=article_ids)}
    articles = originals_first(store, [fetched[i] for i in article_ids if i in fetched and store.story_of(i) is None])
    touched: list[str] = []
    if not articles:
        return touched
    with store.atomic():
        for features in _features(store, articles, embed):
            story_id = assign(store, features, params)
            if story_id not in touched:
                touched.append(story_id)
    return touched
