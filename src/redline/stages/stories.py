"""Registers the stories stage: place new articles into stories, then bring only the stories they joined up to date."""

from __future__ import annotations

import logging
from collections.abc import Sequence

from redline.registry import Progress, stage
from redline.store import Store
from redline.stories import cached_embedder, cluster_articles, embed_texts, update_story

LOGGER = logging.getLogger(__name__)
BATCH = 32


@stage("stories", requires=("events", "quotes"), provides=("stories",), per_article=True)
def cluster_pending(store: Store, article_ids: Sequence[str], progress: Progress) -> int:
    """Cluster ``article_ids`` in the order given (the store's content order) and update the stories each batch
    touched with what its articles bring.

    One transaction per batch holds the placements, the links, the merges and the done marks, so a reader never
    sees a half-updated story and a killed run resumes cleanly at a batch boundary. Returns the number of
    articles processed.
    """
    progress("stories", total=len(article_ids))
    embed = cached_embedder(store, embed_texts)
    for offset in range(0, len(article_ids), BATCH):
        batch = list(article_ids[offset : offset + BATCH])
        with store.atomic():
            for story_id, placed in cluster_articles(store, batch, embed=embed).items():
                result = update_story(store, story_id, placed, embed=embed)
                LOGGER.info(
                    "%s: %d reports placed (%d joined earlier acts, %d new acts), %d quotes linked",
                    story_id,
                    result.reports,
                    result.joined,
                    result.founded,
                    result.quotes,
                )
            store.mark_done("stories", batch)
        progress("stories", advance=len(batch))
    return len(article_ids)
