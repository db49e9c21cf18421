"""Registers the stories stage: place new articles into stories, then re-merge only the stories they touched."""

from __future__ import annotations

import logging
from collections.abc import Sequence

from redline.registry import Progress, stage
from redline.store import Store
from redline.stories import cached_embedder, cluster_articles, embed_texts, remerge_story

LOGGER = logging.getLogger(__name__)
BATCH = 32


@stage("stories", requires=("events", "quotes"), provides=("stories",), per_article=True)
def cluster_pending(store: Store, article_ids: Sequence[str], progress: Progress) -> int:
    """Cluster ``article_ids`` in arrival order and re-merge the stories each batch touched.

    One transaction per batch holds the placements, the re-merges and the done marks, so a reader never sees
    a half-updated story and a killed run resumes cleanly. Empty events or quotes tables mean nothing to merge.
    Returns the number of articles processed.
    """
    progress("stories", total=len(article_ids))
    embed = cached_embedder(store, embed_texts)
    for offset in range(0, len(article_ids), BATCH):
        batch = list(article_ids[offset : offset + BATCH])
        with store.atomic():
            for story_id in cluster_articles(store, batch, embed=embed):
                result = remerge_story(store, story_id, embed=embed)
                LOGGER.info(
                    "%s: %d events (%d reports folded in), %d statements",
                    story_id,
                    result.events,
                    result.merged,
                    result.statements,
                )
            store.mark_done("stories", batch)
        progress("stories", advance=len(batch))
    return len(article_ids)
