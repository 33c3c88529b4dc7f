"""A linear-chain CRF over speech units (:mod:`storyline.extraction.quotes.speech_units`): decoding only.

Each unit has sparse binary features; the label of a unit depends on its features and on the label of
the unit before (a quote runs on from clause to clause, a cue clause is followed by its content). The
weights come from ``training/speech_units_de`` as one JSON file (``crf.json``): labels, start scores,
transition scores and one score per label for every feature kept. Plain numpy, CPU, no model runtime.

A model may also read pretrained unit embeddings (an ``embedding`` block,
:mod:`storyline.extraction.quotes.unit_embeddings`): dense inputs whose weighted sum is added to the
unit's scores, or cluster features; ``needs_vectors`` tells the caller whether to compute them.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path

import numpy as np

from storyline.extraction.quotes.unit_embeddings import UnitEmbedding

MODEL_FILE = "crf.json"


@dataclass(frozen=True)
class UnitCrf:
    labels: tuple[str, ...]
    start: np.ndarray  # (L,)
    transitions: np.ndarray  # (L, L): previous label -> label
    weights: dict[str, np.ndarray]  # feature name -> (L,)
    bias: np.ndarray | None = None  # (L,): added to every unit's scores at decoding (a recall/precision setting)
    embedding: UnitEmbedding | None = None  # pretrained unit vectors as evidence (dense inputs or clusters)

    @cached_property
    def reads_parse(self) -> bool:
        """Whether a feature of the dependency parse's marks (``dep:…``, trainer's ``--parse``) has a weight:
        only then is it worth computing them for :func:`~storyline.extraction.quotes.speech_units.prepare`."""
        return any("dep:" in name for name in self.weights)

    @property
    def needs_vectors(self) -> bool:
        """Whether decoding wants the encoder's unit vectors (``vectors`` of :meth:`decode`)."""
        return self.embedding is not None

    def emissions(self, features: Sequence[Sequence[str]], dense: np.ndarray | None = None) -> np.ndarray:
        """Per-unit label scores: the sparse feature weights, plus ``dense @ embedding.weights`` when given."""
        scores = np.zeros((len(features), len(self.labels)))
        if self.bias is not None:
            scores += self.bias
        if dense is not None and self.embedding is not None and self.embedding.weights is not None:
            scores += dense @ self.embedding.weights
        for row, names in enumerate(features):
            for name in names:
                weight = self.weights.get(name)
                if weight is not None:
                    scores[row] += weight
        return scores

    def decode(
        self, features: Sequence[Sequence[str]], vectors: np.ndarray | None = None, units: Sequence | None = None
    ) -> list[str]:
        """The most probable label sequence (Viterbi).

        ``vectors`` (units × 512, :func:`~storyline.extraction.quotes.unit_embeddings.unit_vectors`) and the
        ``units`` are required when the model has an embedding block (:attr:`needs_vectors`), ignored otherwise.
        """
        if not features:
            return []
        dense = None
        if self.embedding is not None:
            if vectors is None or units is None:
                raise ValueError("this model reads unit embeddings: pass vectors and units")
            if self.embedding.kind in ("clusters", "probe"):
                extra = self.embedding.sparse_features(vectors)
                features = [[*names, *more] for names, more in zip(features, extra, strict=True)]
            else:
                dense = self.embedding.inputs(vectors, units)
        return [self.labels[i] for i in self.best_path(self.emissions(features, dense))]

    def best_path(self, emissions: np.ndarray) -> list[int]:
        """Viterbi over per-unit label scores (units × labels): the label indices of the best sequence."""
        score = self.start + emissions[0]
        back = np.zeros(emissions.shape, dtype=np.int64)
        for t in range(1, len(emissions)):
            candidates = score[:, None] + self.transitions
            back[t] = candidates.argmax(axis=0)
            score = candidates.max(axis=0) + emissions[t]
        best = [int(score.argmax())]
        for t in range(len(emissions) - 1, 0, -1):
            best.append(int(back[t, best[-1]]))
        return best[::-1]

    def to_json(self) -> dict:
        return {
            "labels": list(self.labels),
            "start": [round(float(x), 4) for x in self.start],
            "transitions": [[round(float(x), 4) for x in row] for row in self.transitions],
            "bias": [round(float(x), 4) for x in (self.bias if self.bias is not None else self.start * 0)],
            "weights": {name: [round(float(x), 4) for x in w] for name, w in sorted(self.weights.items())},
            **({"embedding": self.embedding.to_json()} if self.embedding is not None else {}),
        }

    @classmethod
    def from_json(cls, data: dict) -> UnitCrf:
        return cls(
            labels=tuple(data["labels"]),
            start=np.array(data["start"], dtype=float),
            transitions=np.array(data["transitions"], dtype=float),
            weights={name: np.array(w, dtype=float) for name, w in data["weights"].items()},
            bias=np.array(data.get("bias", [0.0] * len(data["labels"])), dtype=float),
            embedding=UnitEmbedding.from_json(data["embedding"]) if "embedding" in data else None,
        )


@cache
def load_unit_crf(folder: Path) -> UnitCrf:
    return UnitCrf.from_json(json.loads((folder / MODEL_FILE).read_text(encoding="utf-8")))
