"""Exact-match precision, recall and F1 over labelled spans (CoNLL conventions)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

# A labelled span: (item key, start, end, label). The key identifies the sentence or document.
LabelledSpan = tuple[object, int, int, str]


@dataclass
class PRF:
    """True/false positives and false negatives, with the derived scores."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, tp: int, predicted: int, gold: int) -> None:
        """Count ``tp`` matches among ``predicted`` predictions and ``gold`` gold items."""
        self.tp += tp
        self.fp += predicted - tp
        self.fn += gold - tp

    def merge(self, other: PRF) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, float | int]:
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "support": self.tp + self.fn,
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
        }


@dataclass
class SpanScores:
    overall: PRF = field(default_factory=PRF)
    by_label: dict[str, PRF] = field(default_factory=dict)

    def as_dict(self) -> dict[str, object]:
        return {
            "overall": self.overall.as_dict(),
            "by_label": {label: prf.as_dict() for label, prf in sorted(self.by_label.items())},
        }


def score_spans(gold: Iterable[LabelledSpan], predicted: Iterable[LabelledSpan]) -> SpanScores:
    """Micro-averaged exact span+label match; duplicates count once per occurrence."""
    gold_counts, predicted_counts = Counter(gold), Counter(predicted)
    scores = SpanScores()
    for span in set(gold_counts) | set(predicted_counts):
        label = span[3]
        matched = min(gold_counts[span], predicted_counts[span])
        for prf in (scores.overall, scores.by_label.setdefault(label, PRF())):
            prf.tp += matched
            prf.fp += predicted_counts[span] - matched
            prf.fn += gold_counts[span] - matched
    return scores


def bio_to_spans(tags: list[str]) -> list[tuple[int, int, str]]:
    """Token spans ``(start, end_exclusive, label)`` from IOB1 or IOB2 tags."""
    spans: list[tuple[int, int, str]] = []
    start: int | None = None
    label = ""
    for index, tag in enumerate([*tags, "O"]):
        prefix, _, kind = tag.partition("-")
        continues = prefix == "I" and start is not None and kind == label
        if start is not None and not continues:
            spans.append((start, index, label))
            start = None
        if prefix == "B" or (prefix == "I" and not continues):
            start, label = index, kind
    return spans
