"""The timeline scored against a gold timeline: precision, recall and F1 of (event type, date) pairs.

The only gold for events here is the canonical timeline of the project's own example story
(``examples/timeline.gold.json``, written from examples/README.md). The event rules were tuned on
it: it is a development set, not a held-out test.

A dated event of the system matches a gold event (one to one, gold in file order) when the types
are equal, the event has a mention in one of the gold event's source documents (provenance), and
the dates agree:

- *strict*: the event's date is the gold date (or one of the gold ``dates`` when sources disagree);
- *relaxed*: the dates overlap and the event's date is no coarser than a season or the gold date
  ("2024-W36" for 2024-09-03, "2025-SU" for a move in July or August; "2025" for a day does not count).

Undated events cannot be placed on a timeline; they are counted but not scored. Estimates for
undated articles are checked against the gold window.
"""

from __future__ import annotations

import json
from typing import Any

from storyline.evaluation.examples import built_example, example_folder
from storyline.extraction.events.dates import interval, overlap, width
from storyline.records import Dossier, Event

SEASON_DAYS = 92


def _gold_dates(gold: dict[str, Any]) -> list[str]:
    return gold.get("dates") or [gold["date"]]


def _strict(event: Event, gold: dict[str, Any]) -> bool:
    return event.date in _gold_dates(gold)


def _relaxed(event: Event, gold: dict[str, Any]) -> bool:
    if event.date is None:
        return False
    return any(
        overlap(event.date, value) and width(event.date) <= max(width(value), SEASON_DAYS)
        for value in _gold_dates(gold)
    )


def _has_provenance(event: Event, gold: dict[str, Any]) -> bool:
    sources = set(gold.get("sources", []))
    return any(m.doc in sources for m in event.mentions)


def _prf(matched: int, predicted: int, support: int) -> dict[str, float | int]:
    precision = matched / predicted if predicted else 0.0
    recall = matched / support if support else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1, "matched": matched}


def score_timeline(events: list[Event], gold: list[dict[str, Any]]) -> dict[str, Any]:
    """Strict and relaxed P/R/F1 of dated events against gold events (see the module docstring)."""
    dated = [e for e in events if interval(e.date) is not None]
    result: dict[str, Any] = {"predicted": len(dated), "undated": len(events) - len(dated), "support": len(gold)}
    for name, agree in (("strict", _strict), ("relaxed", _relaxed)):
        free = list(dated)
        pairs: list[dict[str, str]] = []
        for item in gold:
            match = next(
                (e for e in free if e.type == item["type"] and agree(e, item) and _has_provenance(e, item)), None
            )
            if match is not None:
                free.remove(match)
                pairs.append({"gold": f"{item['date']} {item['type']}", "event": f"{match.date} {match.summary}"})
        result[name] = _prf(len(pairs), len(dated), len(gold))
        result[name]["pairs"] = pairs
    return result


def score_estimates(dossier: Dossier, windows: dict[str, dict[str, str]]) -> dict[str, Any]:
    """For each gold window: the estimate, and whether its month is the gold month."""
    checks: dict[str, Any] = {}
    for doc_id, window in windows.items():
        try:
            estimate = dossier.document(doc_id).published_estimate
        except KeyError:
            estimate = None
        value = estimate.value if estimate else None
        checks[doc_id] = {
            "estimate": value,
            "gold": window["value"],
            "correct": bool(value) and value[:7] == window["value"],
        }
    return checks


def evaluate_events(dataset: str = "examples", dossier: Dossier | None = None) -> dict[str, Any]:
    """Build the dataset's corpus (unless a dossier is given) and score its timeline."""
    gold = json.loads((example_folder(dataset) / "timeline.gold.json").read_text(encoding="utf-8"))
    dossier = dossier or built_example(dataset)
    result = score_timeline(dossier.events, gold["events"])
    result["estimates"] = score_estimates(dossier, gold.get("published_estimates", {}))
    return {"dataset": dataset, **result}
