"""Exact and near duplicates: a normalised-text hash, and MinHash/LSH over word 5-shingles (datasketch).

Duplicates are kept (each report is evidence of who published what) but linked to their original. Two
articles are *similar* when their normalised texts are equal, or when their signatures share an LSH band and
their estimated Jaccard similarity reaches ``THRESHOLD``. Scripts written without spaces are shingled by word
units (``words``), so a Chinese copy is found as an English one is.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

import numpy as np
from datasketch import MinHash, MinHashLSH

from redline.ingest.words import HAN_KANA, SOUTH_EAST_ASIAN, SPACELESS

if TYPE_CHECKING:
    from redline.store import Store

NUM_PERM = 128
SHINGLE = 5
THRESHOLD = 0.5
SCHEME = "affine32"  # stored signatures must be rebuilt with the scheme that made them
MIN_WORDS = 30  # shorter texts share too few shingles to be judged
BATCH = 20_000  # shingles hashed at once: datasketch holds NUM_PERM x batch integers in memory
# Shingle tokens: \w+ runs (as signatures stored before were made), with runs of scripts written without spaces
# cut into word-sized units (see ``words``).
TOKEN = re.compile(rf"[{HAN_KANA}]{{1,2}}|[{SOUTH_EAST_ASIAN}]{{1,4}}|[^\W{SPACELESS}]+")


def normalised(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.casefold()))


def content_hash(text: str) -> str:
    return hashlib.sha256(normalised(text).encode()).hexdigest()


def signature(text: str) -> MinHash | None:
    """MinHash of the text's word 5-shingles, or None for a text too short to judge."""
    tokens = TOKEN.findall(text.casefold())
    if len(tokens) < MIN_WORDS:
        return None
    minhash = MinHash(num_perm=NUM_PERM, seed=1, scheme=SCHEME)
    shingles = list({" ".join(tokens[i : i + SHINGLE]) for i in range(len(tokens) - SHINGLE + 1)})
    for start in range(0, len(shingles), BATCH):
        minhash.update_batch([s.encode() for s in shingles[start : start + BATCH]])
    return minhash


def to_bytes(minhash: MinHash) -> bytes:
    return minhash.hashvalues.astype(np.uint32).tobytes()


def from_bytes(data: bytes) -> MinHash:
    return MinHash(num_perm=NUM_PERM, seed=1, scheme=SCHEME, hashvalues=np.frombuffer(data, dtype=np.uint32))


class SimilarityIndex:
    """Every known article's content hash and signature, for finding the articles similar to one of them."""

    def __init__(self, *, threshold: float = THRESHOLD) -> None:
        self.threshold = threshold
        self.lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
        self.signatures: dict[str, MinHash] = {}
        self.hashes: dict[str, str] = {}
        self.by_hash: dict[str, list[str]] = {}

    def __contains__(self, article_id: str) -> bool:
        return article_id in self.hashes

    def add(self, article_id: str, text_hash: str, minhash: MinHash | None) -> None:
        if article_id in self.hashes:
            return
        self.hashes[article_id] = text_hash
        self.by_hash.setdefault(text_hash, []).append(article_id)
        if minhash is not None:
            self.signatures[article_id] = minhash
            self.lsh.insert(article_id, minhash)

    def similar(self, article_id: str) -> Iterator[str]:
        """Ids similar to ``article_id`` (itself excluded): same normalised text, or near by MinHash."""
        seen = {article_id}
        for other in self.by_hash.get(self.hashes[article_id], ()):
            if other not in seen:
                seen.add(other)
                yield other
        minhash = self.signatures.get(article_id)
        if minhash is None:
            return
        for other in self.lsh.query(minhash):
            if other not in seen and self.signatures[other].jaccard(minhash) >= self.threshold:
                seen.add(other)
                yield other


def _band_shape() -> tuple[int, int]:
    """The (bands, rows) datasketch chooses for ``THRESHOLD`` and ``NUM_PERM``: stored band keys follow it, so a
    stored lookup finds the candidates an in-memory index would."""
    lsh = MinHashLSH(threshold=THRESHOLD, num_perm=NUM_PERM)
    return lsh.b, lsh.r


BANDS, ROWS = _band_shape()


def band_keys(minhash: MinHash | np.ndarray) -> list[int]:
    """One signed 64-bit key per LSH band: the band's number and its rows' hash values, digested."""
    values = (minhash.hashvalues if isinstance(minhash, MinHash) else minhash).astype(np.uint32)
    keys = []
    for band in range(BANDS):
        digest = hashlib.blake2b(bytes([band]) + values[band * ROWS : (band + 1) * ROWS].tobytes(), digest_size=8)
        keys.append(int.from_bytes(digest.digest(), "big", signed=True))
    return keys


class StoredSimilarity:
    """``SimilarityIndex.similar`` answered from the store: candidates by band key, then the same Jaccard test.

    Nothing is loaded up front, so a run's cost follows its own articles, not the store; and every lookup sees
    what other writers committed (the linker asks inside its write transaction)."""

    def __init__(self, store: Store, *, threshold: float = THRESHOLD) -> None:
        self.store = store
        self.threshold = threshold
        self._banded = False

    def band_stored(self) -> None:
        """Band the articles stored before band keys existed (once per process, in batches)."""
        if self._banded:
            return
        while rows := self.store.unbanded():
            for article_id, stored, text in rows:
                minhash = from_bytes(stored) if stored is not None else signature(text or "")
                rebuilt = to_bytes(minhash) if stored is None and minhash is not None else None
                self.store.add_bands(article_id, band_keys(minhash) if minhash is not None else [], signature=rebuilt)
        self._banded = True

    def add(self, article_id: str, minhash: MinHash | None) -> None:
        self.store.add_bands(article_id, band_keys(minhash) if minhash is not None else [])

    def similar(self, article_id: str) -> Iterator[str]:
        """Ids similar to ``article_id`` (itself excluded): same normalised text, or near by MinHash."""
        text_hash, stored = self.store.signatures_of([article_id])[article_id]
        seen = {article_id}
        for other in self.store.same_content(text_hash):
            if other not in seen:
                seen.add(other)
                yield other
        if stored is None:
            return
        mine = np.frombuffer(stored, dtype=np.uint32)
        candidates = sorted(self.store.band_partners(band_keys(mine)) - seen)
        for other, (_, theirs) in self.store.signatures_of(candidates).items():
            # MinHash.jaccard on the raw values: building MinHash objects (their permutations) costs far more
            if theirs is not None and _agreement(mine, np.frombuffer(theirs, dtype=np.uint32)) >= self.threshold:
                seen.add(other)
                yield other


def _agreement(first: np.ndarray, second: np.ndarray) -> float:
    """The estimated Jaccard similarity of two signatures: the share of equal hash values."""
    return float(np.count_nonzero(first == second)) / len(first) if len(first) == len(second) else 0.0
