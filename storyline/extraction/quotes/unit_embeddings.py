"""Pretrained sentence embeddings of speech units, as optional evidence for the unit CRF.

The hand-made unit features (:mod:`storyline.extraction.quotes.speech_units`) see cue words, marks and
moods; a pretrained multilingual encoder (:mod:`storyline.language.encoder`, Universal Sentence Encoder
v3) sees what a clause is about and how it is phrased, learnt from far more text than the 284 training
samples. A model trained with ``--embeddings`` carries an ``embedding`` block in its ``crf.json``:

* ``dense``: every unit's vector (and, per ``context``, the mean vector of its sentence or of its two
  neighbours), centred and projected to a few whitened principal components fitted on train; the CRF adds
  ``inputs @ weights`` to the unit's label scores;
* ``clusters``: the nearest of ``k`` centroids (k-means on train units) becomes a sparse feature ``E:<i>``
  (and ``P:E:<i>`` / ``N:E:<i>`` for the neighbours), weighed like any other feature;
* ``probe``: a logistic regression on the vector (fitted on train units; the CRF learnt from out-of-fold
  predictions, so it does not over-trust it) gives each label a probability, binned into sparse features
  ``Pr<label>=<bin>`` (and the neighbours' most probable label, ``P:Pr=`` / ``N:Pr=``).

A model without the block never loads the encoder, so the shipped model decides whether the pipeline
pays for the embeddings.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from storyline.extraction.quotes.speech_units import Unit, UnitText

CONTEXTS = ("unit", "sentence", "window")


def unit_texts(text: str, prepared: UnitText) -> list[str]:
    """The text of every unit, from its first token's start to its last token's end."""
    return [text[prepared.spans[u.first][0] : prepared.spans[u.last - 1][1]] for u in prepared.units]


def unit_vectors(text: str, prepared: UnitText) -> np.ndarray:
    """(units, 512): the encoder's unit-length vector of every unit (loads the encoder on first use)."""
    from storyline.language.encoder import DIMENSIONS, embed

    if not prepared.units:
        return np.zeros((0, DIMENSIONS), dtype=np.float32)
    return embed(unit_texts(text, prepared))


def context_vectors(vectors: np.ndarray, units: Sequence[Unit], context: str) -> np.ndarray:
    """(units, dims): per unit its own vector (``unit``), its sentence's mean (``sentence``) or its neighbours'
    mean (``window``: the units just before and after; zero at both ends of a one-unit text)."""
    if context == "unit":
        return vectors
    out = np.zeros_like(vectors)
    if context == "sentence":
        sentences = np.array([u.sentence for u in units])
        for number in np.unique(sentences):
            rows = sentences == number
            out[rows] = vectors[rows].mean(axis=0)
        return out
    if context == "window":
        for i in range(len(units)):
            around = [j for j in (i - 1, i + 1) if 0 <= j < len(units)]
            if around:
                out[i] = vectors[around].mean(axis=0)
        return out
    raise ValueError(f"unknown embedding context {context!r}")


@dataclass(frozen=True)
class UnitEmbedding:
    """How a model reads the unit vectors (see the module docstring)."""

    kind: str  # "dense", "clusters" or "probe"
    contexts: tuple[str, ...]
    mean: np.ndarray  # (512,) subtracted before projecting (dense); (labels,) intercepts (probe)
    projection: np.ndarray  # (512, k) whitened principal components (dense); (k, 512) centroids (clusters);
    # (512, labels) logistic-regression weights (probe)
    weights: np.ndarray | None = None  # (len(contexts) * k, labels) (dense)

    def sparse_features(self, vectors: np.ndarray) -> list[list[str]]:
        """The sparse feature names a ``clusters`` or ``probe`` embedding adds to every unit."""
        if self.kind == "probe":
            return probe_features(self.probabilities(vectors), "window" in self.contexts)
        return self.cluster_features(vectors)

    def probabilities(self, vectors: np.ndarray) -> np.ndarray:
        """(units, labels): the probe's label probabilities."""
        return softmax(vectors @ self.projection + self.mean)

    def inputs(self, vectors: np.ndarray, units: Sequence[Unit]) -> np.ndarray:
        """(units, len(contexts) * k): the projected vectors the dense weights multiply."""
        parts = [(context_vectors(vectors, units, c) - self.mean) @ self.projection for c in self.contexts]
        return np.concatenate(parts, axis=1) if parts else np.zeros((len(units), 0))

    def cluster_features(self, vectors: np.ndarray) -> list[list[str]]:
        """``E:<i>`` for the nearest centroid of every unit, ``P:E:<i>`` / ``N:E:<i>`` for its neighbours'."""
        nearest = nearest_centroid(vectors, self.projection)
        names = []
        for i, cluster in enumerate(nearest):
            row = [f"E:{cluster}"]
            if "window" in self.contexts:
                row += [f"P:E:{nearest[i - 1]}"] if i > 0 else []
                row += [f"N:E:{nearest[i + 1]}"] if i + 1 < len(nearest) else []
            names.append(row)
        return names

    def to_json(self) -> dict:
        data = {
            "kind": self.kind,
            "contexts": list(self.contexts),
            "mean": [round(float(x), 5) for x in self.mean],
            "projection": [[round(float(x), 5) for x in row] for row in self.projection],
        }
        if self.weights is not None:
            data["weights"] = [[round(float(x), 4) for x in row] for row in self.weights]
        return data

    @classmethod
    def from_json(cls, data: dict) -> UnitEmbedding:
        return cls(
            kind=data["kind"],
            contexts=tuple(data["contexts"]),
            mean=np.array(data["mean"], dtype=float),
            projection=np.array(data["projection"], dtype=float),
            weights=np.array(data["weights"], dtype=float) if "weights" in data else None,
        )


PROBE_BINS = (0.1, 0.25, 0.5, 0.75)


def softmax(scores: np.ndarray) -> np.ndarray:
    exp = np.exp(scores - scores.max(axis=1, keepdims=True))
    return exp / exp.sum(axis=1, keepdims=True)


def probe_features(probabilities: np.ndarray, window: bool) -> list[list[str]]:
    """``Pr<label>=<bin>`` for every label but the first (O), and the neighbours' most probable label."""
    top = probabilities.argmax(axis=1)
    names = []
    for i, row in enumerate(probabilities):
        own = [f"Pr{label}={int(np.searchsorted(PROBE_BINS, p))}" for label, p in enumerate(row) if label]
        own.append(f"Pr:top={top[i]}")
        if window:
            own += [f"P:Pr:top={top[i - 1]}"] if i > 0 else []
            own += [f"N:Pr:top={top[i + 1]}"] if i + 1 < len(top) else []
        names.append(own)
    return names


def nearest_centroid(vectors: np.ndarray, centroids: np.ndarray) -> np.ndarray:
    """Index of the closest centroid (squared Euclidean distance) of every row."""
    if len(vectors) == 0:
        return np.zeros(0, dtype=np.int64)
    distance = (centroids * centroids).sum(axis=1)[None, :] - 2 * vectors @ centroids.T
    return distance.argmin(axis=1)
