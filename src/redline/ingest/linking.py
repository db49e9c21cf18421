"""Duplicate links that depend only on the set of articles: not on arrival order, not on other writers.

Rule: take the articles in canonical order (earliest published first, undated last, then smallest id); an
article is an *original* when no earlier original is similar to it (``dedup.SimilarityIndex``), otherwise it
is a duplicate of the first similar earlier original. This is a function of the set alone, so the same inputs
give the same links whatever order files are read in.

Kept true one insert at a time: a new article can only change the articles similar to it and, when it makes an
original into a duplicate or frees one, theirs in turn; those are re-decided in canonical order (a later
article never changes an earlier one). Similar articles are looked up in the store by LSH band key
(``dedup.StoredSimilarity``), inside the insert's write transaction, so two processes ingesting at once still
link every copy, and a run never loads the whole store's signatures.
"""

from __future__ import annotations

import heapq
from typing import TYPE_CHECKING

from redline.ingest import dedup
from redline.records import Article

if TYPE_CHECKING:
    from redline.store import Store

SortKey = tuple[bool, str, str]
UNSET = "\x00unset"  # an article being inserted has no previous decision


def sort_key(article_id: str, published: str | None) -> SortKey:
    """Canonical order, as the store's CANONICAL_ORDER: dated before undated, earliest first, then id."""
    return (published is None, published or "", article_id)


class DuplicateLinker:
    """Stores articles and keeps every ``duplicate_of`` link equal to what the rule gives for the stored set."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.index = dedup.StoredSimilarity(store)

    def add(self, article: Article) -> bool:
        """Store ``article`` with its duplicate link (re-pointing others if needed); False if already stored."""
        if self.store.has_article(article.id):  # a re-run: skip before paying for the signature
            return False
        minhash = dedup.signature(article.text)
        with self.store.atomic():
            if self.store.has_article(article.id):
                return False
            article.duplicate_of = None
            stored = self.store.add_article(article, minhash=dedup.to_bytes(minhash) if minhash is not None else None)
            if not stored:
                return False
            self.index.band_stored()
            self.index.add(article.id, minhash)
            links = self._relink(article.id)
            if links:
                self.store.set_duplicate_links(links)
            article.duplicate_of = links.get(article.id)
        return True

    def _relink(self, new_id: str) -> dict[str, str | None]:
        """Re-decide ``new_id`` and every article its arrival can affect; returns the links that changed."""
        decided: dict[str, str | None] = {new_id: UNSET}
        keys: dict[str, SortKey] = {}
        changes: dict[str, str | None] = {}
        state = self.store.duplicate_state([new_id])
        keys[new_id] = sort_key(new_id, state[new_id][0])
        queue = [(keys[new_id], new_id)]
        queued = {new_id}
        while queue:
            key, article_id = heapq.heappop(queue)
            similar = self._similar(article_id, keys, decided)
            earlier_originals = [other for other in similar if keys[other] < key and decided[other] is None]
            original = min(earlier_originals, key=keys.__getitem__) if earlier_originals else None
            before = decided[article_id]
            decided[article_id] = original
            if original != before and not (before == UNSET and original is None):
                changes[article_id] = original
            if (before is None) == (original is None):
                continue  # still an original, or still (or newly) a duplicate: nobody else is affected
            for other in similar:
                if keys[other] > key and other not in queued:
                    queued.add(other)
                    heapq.heappush(queue, (keys[other], other))
        return changes

    def _similar(self, article_id: str, keys: dict[str, SortKey], decided: dict[str, str | None]) -> list[str]:
        """Articles similar to ``article_id``, with their sort keys and current decisions loaded."""
        similar = list(self.index.similar(article_id))
        missing = [other for other in similar if other not in keys]
        for other, (published, original) in self.store.duplicate_state(missing).items():
            keys[other] = sort_key(other, published)
            decided.setdefault(other, original)
        return [other for other in similar if other in keys]


def relink_all(store: Store) -> dict[str, str | None]:
    """Recompute every link from scratch in canonical order (for databases linked by arrival order)."""
    with store.atomic():
        index = whole_index(store)
        state = store.duplicate_state(index.hashes)
        keys = {article_id: sort_key(article_id, published) for article_id, (published, _) in state.items()}
        decided: dict[str, str | None] = {}
        for article_id in sorted(keys, key=keys.__getitem__):
            earlier = [o for o in index.similar(article_id) if o in decided and decided[o] is None]
            decided[article_id] = min(earlier, key=keys.__getitem__) if earlier else None
        changes = {a: o for a, o in decided.items() if state[a][1] != o}
        if changes:
            store.set_duplicate_links(changes)
    return changes


def whole_index(store: Store) -> dedup.SimilarityIndex:
    """Every stored article in one in-memory index (for relinking the whole store at once)."""
    index = dedup.SimilarityIndex()
    for _, article_id, text_hash, stored, text in store.fingerprints():
        minhash = dedup.from_bytes(stored) if stored is not None else dedup.signature(text or "")
        index.add(article_id, text_hash, minhash)
    return index
