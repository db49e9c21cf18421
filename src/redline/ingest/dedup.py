"""Exact and near duplicates: a normalised-text hash, and MinHash/LSH over word 5-shingles (datasketch).

Duplicates are kept (each report is evidence of who published what) but linked to their first copy.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable

import numpy as np
from datasketch import MinHash, MinHashLSH

NUM_PERM = 128
SHINGLE = 5
THRESHOLD = 0.5
SCHEME = "affine32"  # stored signatures must be rebuilt with the scheme that made them
MIN_WORDS = 30  # shorter texts share too few shingles to be judged


def normalised(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.casefold()))


def content_hash(text: str) -> str:
    return hashlib.sha256(normalised(text).encode()).hexdigest()


def signature(text: str) -> MinHash | None:
    tokens = normalised(text).split()
    if len(tokens) < MIN_WORDS:
        return None
    minhash = MinHash(num_perm=NUM_PERM, seed=1, scheme=SCHEME)
    shingles = {" ".join(tokens[i : i + SHINGLE]) for i in range(len(tokens) - SHINGLE + 1)}
    minhash.update_batch([s.encode() for s in shingles])
    return minhash


def to_bytes(minhash: MinHash) -> bytes:
    return minhash.hashvalues.astype(np.uint32).tobytes()


def from_bytes(data: bytes) -> MinHash:
    return MinHash(num_perm=NUM_PERM, seed=1, scheme=SCHEME, hashvalues=np.frombuffer(data, dtype=np.uint32))


class NearDuplicates:
    """An LSH index of first copies: ``match`` finds the earliest similar one, ``add`` indexes a new one."""

    def __init__(self, existing: Iterable[tuple[str, bytes]] = (), *, threshold: float = THRESHOLD) -> None:
        self.threshold = threshold
        self.lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
        self.order: dict[str, int] = {}
        self.signatures: dict[str, MinHash] = {}
        for article_id, data in existing:
            self.add(article_id, from_bytes(data))

    def match(self, minhash: MinHash) -> str | None:
        candidates = [c for c in self.lsh.query(minhash) if self.signatures[c].jaccard(minhash) >= self.threshold]
        return min(candidates, key=self.order.__getitem__) if candidates else None

    def add(self, article_id: str, minhash: MinHash) -> None:
        if article_id in self.order:
            return
        self.order[article_id] = len(self.order)
        self.signatures[article_id] = minhash
        self.lsh.insert(article_id, minhash)
