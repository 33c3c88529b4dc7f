"""A linear-chain CRF over speech units (:mod:`storyline.extraction.quotes.speech_units`): decoding only.

Each unit has sparse binary features; the label of a unit depends on its features and on the label of
the unit before (a quote runs on from clause to clause, a cue clause is followed by its content). The
weights come from ``training/speech_units_de`` as one JSON file (``crf.json``): labels, start scores,
transition scores and one score per label for every feature kept. Plain numpy, CPU, no model runtime.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np

MODEL_FILE = "crf.json"


@dataclass(frozen=True)
class UnitCrf:
    labels: tuple[str, ...]
    start: np.ndarray  # (L,)
    transitions: np.ndarray  # (L, L): previous label -> label
    weights: dict[str, np.ndarray]  # feature name -> (L,)
    bias: np.ndarray | None = None  # (L,): added to every unit's scores at decoding (a recall/precision setting)

    def emissions(self, features: Sequence[Sequence[str]]) -> np.ndarray:
        scores = np.zeros((len(features), len(self.labels)))
        if self.bias is not None:
            scores += self.bias
        for row, names in enumerate(features):
            for name in names:
                weight = self.weights.get(name)
                if weight is not None:
                    scores[row] += weight
        return scores

    def decode(self, features: Sequence[Sequence[str]]) -> list[str]:
        """The most probable label sequence (Viterbi)."""
        if not features:
            return []
        return [self.labels[i] for i in self.best_path(self.emissions(features))]

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
        }

    @classmethod
    def from_json(cls, data: dict) -> UnitCrf:
        return cls(
            labels=tuple(data["labels"]),
            start=np.array(data["start"], dtype=float),
            transitions=np.array(data["transitions"], dtype=float),
            weights={name: np.array(w, dtype=float) for name, w in data["weights"].items()},
            bias=np.array(data.get("bias", [0.0] * len(data["labels"])), dtype=float),
        )


@cache
def load_unit_crf(folder: Path) -> UnitCrf:
    return UnitCrf.from_json(json.loads((folder / MODEL_FILE).read_text(encoding="utf-8")))
