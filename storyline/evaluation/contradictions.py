"""The contradictions suite: small original article pairs, each with the contradictions it holds.

Each case is a folder of short articles (``*.txt``, the examples' header format) and an
``expected.json``: ``contradictions`` as ``{subject, property, values}`` and ``notes`` as the kinds
of consistency note a reader should see. Every case is built in-process (one worker, a temporary
folder) and the dossier's contradictions are matched to the expected ones: same property, every
expected value inside one side's value, the subject named in the topic or a side's sentence.
Precision counts every reported contradiction, so a false alarm in a no-contradiction case costs.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any

from storyline.records import Contradiction

SUITE = Path(__file__).resolve().parents[2] / "tests" / "contradictions"
DATASETS = {"suite": SUITE}


def evaluate_contradictions(dataset: str = "suite", *, limit: int | None = None) -> dict[str, Any]:
    """Precision, recall and F1 of contradictions, and the consistency notes found, over the suite."""
    from storyline.pipeline import run_build

    folder = DATASETS.get(dataset, Path(dataset))
    if not folder.is_dir():
        raise FileNotFoundError(f"{folder}: no such suite (known: {', '.join(DATASETS)} or a folder)")
    cases = sorted(p for p in folder.iterdir() if (p / "expected.json").exists())[:limit]
    tp = fp = fn = notes_expected = notes_correct = notes_predicted = 0
    per_case = []
    for case in cases:
        expected = json.loads((case / "expected.json").read_text(encoding="utf-8"))
        with tempfile.TemporaryDirectory() as out:
            dossier = run_build(sorted(case.glob("*.txt")), out, jobs=1).dossier
        found = list(dossier.contradictions)
        matched = [e for e in expected["contradictions"] if any(_matches(e, c) for c in found)]
        false = [c for c in found if not any(_matches(e, c) for e in expected["contradictions"])]
        tp += len(matched)
        fn += len(expected["contradictions"]) - len(matched)
        fp += len(false)
        kinds = [n.kind for n in dossier.consistency_notes]
        correct = sum(min(kinds.count(k), expected["notes"].count(k)) for k in set(expected["notes"]))
        notes_expected += len(expected["notes"])
        notes_correct += correct
        notes_predicted += len(kinds)
        per_case.append(
            {
                "case": case.name,
                "expected": len(expected["contradictions"]),
                "matched": len(matched),
                "false": [f"{c.kind}: {c.explanation}" for c in false],
                "notes_expected": expected["notes"],
                "notes": kinds,
            }
        )
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "dataset": dataset,
        "cases": len(cases),
        "tp": tp,
        "fp": fp,
        "fn": fn,
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(f1, 4),
        "notes_expected": notes_expected,
        "notes_correct": notes_correct,
        "notes_predicted": notes_predicted,
        "per_case": per_case,
    }


def _matches(expected: dict[str, Any], found: Contradiction) -> bool:
    if found.property != expected["property"]:
        return False
    values = [ref.value.casefold() for ref in found.claims]
    if not all(any(str(v).casefold() in value for value in values) for v in expected["values"]):
        return False
    subject = expected["subject"].casefold()
    return subject in found.topic.casefold() or any(subject.split()[-1] in ref.text.casefold() for ref in found.claims)
