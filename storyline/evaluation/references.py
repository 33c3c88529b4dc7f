"""References, speakers and relations scored on the example story (a development set, not a benchmark).

There is no public gold standard for within-article references or relationships over time in
news; ``examples/story`` with its answer key (``examples/README.md``) is what we have. Two small
gold files were written from that key: ``examples/speakers.gold.json`` (who speaks each quote,
including quotes whose cue is an epithet or a pronoun) and ``examples/relations.gold.json``
(the relations the cast table implies, and the relationship states the key describes). The
story was written for the project and the resolver was developed on it, so these figures show
that the pieces work together; they do not measure how well they generalise.

- speakers: for each gold quote, the first dossier quote in the same document whose text holds
  the gold words; correct when its linked entity carries the gold name (name or alias), or, for
  an anonymous source, when it is linked to no entity. A gold quote not found counts as wrong.
- relations: typed relations (predicate other than ``relationship``) by entity name, symmetric
  predicates in either order; precision, recall and F1.
- states: recall of (subject, state, object) relationship states, either order.
"""

from __future__ import annotations

import json
from typing import Any

from storyline.evaluation.examples import built_example, example_folder
from storyline.records import Dossier
from storyline.resolution.relations import SENTENCE_STATE, SYMMETRIC


def evaluate_references(dataset: str = "examples", *, dossier: Dossier | None = None) -> dict[str, Any]:
    """Build the example story (unless ``dossier`` is given) and score speakers, relations and states."""
    folder = example_folder(dataset)
    dossier = dossier or built_example(dataset)
    speakers = json.loads((folder / "speakers.gold.json").read_text(encoding="utf-8"))["quotes"]
    relations = json.loads((folder / "relations.gold.json").read_text(encoding="utf-8"))
    return {
        "dataset": dataset,
        "note": "development set: the resolver was built on this story; no gold exists for relations in news",
        "speakers": score_speakers(dossier, speakers),
        "relations": score_relations(dossier, relations["relations"]),
        "states": score_states(dossier, relations["states"]),
    }


def _names(dossier: Dossier) -> dict[str, set[str]]:
    return {e.id: {e.name, *e.aliases} for e in dossier.entities}


def score_speakers(dossier: Dossier, gold: list[dict[str, Any]]) -> dict[str, Any]:
    names = _names(dossier)
    correct, found, errors = 0, 0, []
    for item in gold:
        quote = next((q for q in dossier.quotes if q.doc == item["doc"] and item["text"] in q.text), None)
        if quote is None:
            errors.append({"text": item["text"], "gold": item["speaker"], "system": "(quote not found)"})
            continue
        found += 1
        entity = quote.speaker.entity
        ok = entity is None if item["speaker"] is None else entity is not None and item["speaker"] in names[entity]
        if ok:
            correct += 1
        else:
            system = sorted(names[entity])[0] if entity else None
            errors.append(
                {"text": item["text"], "gold": item["speaker"], "system": system, "label": quote.speaker.label}
            )
    total = len(gold)
    return {
        "accuracy": correct / total if total else 0.0,
        "correct": correct,
        "found": found,
        "total": total,
        "errors": errors,
    }


def _canonical(dossier: Dossier) -> dict[str, str]:
    return {e.id: e.name for e in dossier.entities}


def _key(subject: str, predicate: str, obj: str) -> tuple[str, str, str]:
    if predicate in SYMMETRIC and obj < subject:
        return obj, predicate, subject
    return subject, predicate, obj


def score_relations(dossier: Dossier, gold: list[list[str]]) -> dict[str, Any]:
    names = _canonical(dossier)
    system = {
        _key(names.get(r.subject, r.subject), r.predicate, names.get(r.object, r.object))
        for r in dossier.relations
        if r.predicate != SENTENCE_STATE
    }
    expected = {_key(*item) for item in gold}
    tp = len(system & expected)
    precision = tp / len(system) if system else 0.0
    recall = tp / len(expected) if expected else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "precision": precision,
        "recall": recall,
        "f1": f1,
        "tp": tp,
        "false_positives": sorted(" ".join(k) for k in system - expected),
        "missed": sorted(" ".join(k) for k in expected - system),
    }


def score_states(dossier: Dossier, gold: list[list[str]]) -> dict[str, Any]:
    names = _canonical(dossier)
    system = {
        frozenset((names.get(r.subject, r.subject), names.get(r.object, r.object))) | {r.state or ""}
        for r in dossier.relations
        if r.predicate == SENTENCE_STATE
    }
    found = [item for item in gold if frozenset((item[0], item[2], item[1])) in system]
    return {
        "recall": len(found) / len(gold) if gold else 0.0,
        "found": len(found),
        "total": len(gold),
        "system_states": len([r for r in dossier.relations if r.predicate == SENTENCE_STATE]),
    }
