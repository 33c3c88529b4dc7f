"""Temporal tagging scored with the TempEval-3 measures.

Matching follows the TempEval-3 entity scorer: a system expression *relaxed*-matches a gold one
when their extents overlap and *strictly* matches when the extents are identical (one-to-one:
identical extents are paired first, then the largest overlaps). Extraction P/R/F1 are reported
for both. Attributes are judged on relaxed matches: value (type) accuracy = correct values
(types) / relaxed matches, and value (type) F1 = that accuracy x relaxed F1, which is what the
official scorer prints as "Attribute F1". For WikiWarsDE (TIMEX2, no types) the HeidelTime-style
"strict + value" and "relaxed + value" F1 (a match counts only with the right value) are added.

The document creation time is not scored. AGE expressions (storyline's own type) are left out of
the system output: TimeML has no such type.

``system="dateparser"`` is a baseline: ``dateparser.search.search_dates`` over the text with the
DCT as ``RELATIVE_BASE``, each found string located in the text left to right, typed DATE with a
day-precision value.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from storyline.evaluation.germeval_time import germeval_dev
from storyline.evaluation.timeml import TimexDocument, tempeval3, wikiwarsde

DATASETS = {
    # name -> (reader, default split, narrative document type)
    "tempeval3": (tempeval3, "test", False),
    "tempeval3-train": (tempeval3, "train", False),
    "wikiwarsde": (wikiwarsde, "all", True),
    "wikiwarsde-heldout": (wikiwarsde, "heldout", True),
    "wikiwarsde-dev": (wikiwarsde, "dev", True),
    # hand-annotated GermEval 2014 sentences (German development set, see germeval_time.py)
    "germeval-dev": (germeval_dev, "dev", True),
    "germeval-dev-tune": (germeval_dev, "tune", True),
    "germeval-dev-check": (germeval_dev, "check", True),
}
SYSTEMS = ("storyline", "dateparser")
# The parts whose errors may be read while writing rules (the test parts are only scored).
TUNING_DATASETS = ("tempeval3-train", "wikiwarsde-dev")


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    type: str
    value: str | None  # None: a gold expression scored for its extent only (its value needs a document date)


def storyline_system(doc: TimexDocument, narrative: bool) -> list[Span]:
    from storyline.extraction.time import tag

    anchor = doc.dct[:10] if doc.dct else None
    return [
        Span(t.start, t.end, t.type, t.value)
        for t in tag(doc.text, doc.language, anchor, narrative=narrative)
        if t.type != "AGE"
    ]


def dateparser_system(doc: TimexDocument, narrative: bool) -> list[Span]:
    from dateparser.search import search_dates

    settings: dict[str, object] = {"RETURN_AS_TIMEZONE_AWARE": False}
    if doc.dct:
        with contextlib.suppress(ValueError):
            settings["RELATIVE_BASE"] = dt.datetime.fromisoformat(doc.dct[:10])
    try:
        found = search_dates(doc.text, languages=[doc.language], settings=settings) or []
    except Exception:
        found = []
    spans = []
    position = 0
    for substring, when in found:
        start = doc.text.find(substring, position)
        if start < 0:
            continue
        position = start + len(substring)
        spans.append(Span(start, position, "DATE", when.strftime("%Y-%m-%d")))
    return spans


def match(gold: list[Span], system: list[Span]) -> list[tuple[Span, Span]]:
    """One-to-one pairs: identical extents first, then the largest overlap."""
    pairs = []
    used_gold: set[int] = set()
    used_system: set[int] = set()
    by_extent = {(s.start, s.end): i for i, s in enumerate(system)}
    for gi, g in enumerate(gold):
        si = by_extent.get((g.start, g.end))
        if si is not None and si not in used_system:
            pairs.append((g, system[si]))
            used_gold.add(gi)
            used_system.add(si)
    starts = sorted(range(len(system)), key=lambda i: system[i].start)
    for gi, g in enumerate(gold):
        if gi in used_gold:
            continue
        best, best_overlap = None, 0
        for si in starts:
            s = system[si]
            if s.start >= g.end:
                break
            overlap = min(g.end, s.end) - max(g.start, s.start)
            if si not in used_system and overlap > best_overlap:
                best, best_overlap = si, overlap
        if best is not None:
            pairs.append((g, system[best]))
            used_gold.add(gi)
            used_system.add(best)
    return pairs


def _prf(correct: int, n_system: int, n_gold: int) -> dict[str, float]:
    p = correct / n_system if n_system else 0.0
    r = correct / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}


def score(documents: Iterable[tuple[list[Span], list[Span]]]) -> dict[str, object]:
    """The TempEval-3 measures; a gold value of None is judged on its extent only (left out of the value
    accuracy, and any value counts as right in the value-and-extent F1s)."""
    n_gold = n_system = strict = relaxed = value_ok = type_ok = strict_value = valued = relaxed_value = 0
    for gold, system in documents:
        n_gold += len(gold)
        n_system += len(system)
        for g, s in match(gold, system):
            relaxed += 1
            exact = (g.start, g.end) == (s.start, s.end)
            strict += exact
            valued += g.value is not None
            value_ok += g.value is not None and g.value == s.value
            right = g.value is None or g.value == s.value
            relaxed_value += right
            type_ok += g.type == s.type
            strict_value += exact and right
    relaxed_scores = _prf(relaxed, n_system, n_gold)
    value_accuracy = value_ok / valued if valued else 0.0
    type_accuracy = type_ok / relaxed if relaxed else 0.0
    return {
        "n_gold": n_gold,
        "n_system": n_system,
        "strict": _prf(strict, n_system, n_gold),
        "relaxed": relaxed_scores,
        "value_accuracy": round(value_accuracy, 4),
        "type_accuracy": round(type_accuracy, 4),
        "value_f1": round(value_accuracy * relaxed_scores["f1"], 4),
        "type_f1": round(type_accuracy * relaxed_scores["f1"], 4),
        "strict_value": _prf(strict_value, n_system, n_gold),
        "relaxed_value": _prf(relaxed_value, n_system, n_gold),
    }


def evaluate_time(dataset: str, system: str = "storyline", limit: int | None = None) -> dict:
    """Score ``system`` on ``dataset`` (``tempeval3`` = te3-platinum test, ``wikiwarsde`` = all 22
    documents; also ``tempeval3-train``, ``wikiwarsde-heldout``, ``wikiwarsde-dev``, ``germeval-dev``)."""
    if dataset not in DATASETS:
        raise KeyError(f"unknown dataset {dataset!r} (known: {', '.join(DATASETS)})")
    if system not in SYSTEMS:
        raise KeyError(f"unknown system {system!r} (known: {', '.join(SYSTEMS)})")
    reader, split, narrative = DATASETS[dataset]
    run = storyline_system if system == "storyline" else dateparser_system
    pairs = []
    for index, doc in enumerate(reader(split)):
        if limit is not None and index >= limit:
            break
        gold = [Span(g.start, g.end, g.type, g.value) for g in doc.gold]
        pairs.append((gold, run(doc, narrative)))
    result = score(pairs)
    if dataset.startswith("germeval"):
        result["gold_with_value"] = sum(1 for gold, _ in pairs for g in gold if g.value is not None)
    if dataset.startswith("wikiwarsde"):
        result.pop("type_accuracy")
        result.pop("type_f1")
    return {"dataset": dataset, "system": system, "documents": len(pairs), **result}


def errors(dataset: str, limit: int | None = None) -> Iterable[tuple[str, str, str, str, str]]:
    """(document, kind, gold text/value, system text/value, context) for every miss; for tuning
    (``storyline eval time --dataset tempeval3-train --errors``)."""
    if dataset not in TUNING_DATASETS:
        raise KeyError(f"errors are listed for tuning sets only ({', '.join(TUNING_DATASETS)}), not {dataset!r}")
    reader, split, narrative = DATASETS[dataset]
    for index, doc in enumerate(reader(split)):
        if limit is not None and index >= limit:
            break
        gold = [Span(g.start, g.end, g.type, g.value) for g in doc.gold]
        system = storyline_system(doc, narrative)
        pairs = match(gold, system)
        matched_gold = {(g.start, g.end) for g, _ in pairs}
        matched_system = {(s.start, s.end) for _, s in pairs}
        for g, s in pairs:
            wrong_value = g.value is not None and g.value != s.value
            if (g.start, g.end) != (s.start, s.end) or wrong_value or g.type != s.type:
                context = doc.text[max(0, g.start - 40) : g.end + 30].replace("\n", " ")
                gold_text = f"{doc.text[g.start : g.end]!r} {g.type} {g.value}"
                yield doc.id, "mismatch", gold_text, f"{doc.text[s.start : s.end]!r} {s.type} {s.value}", context
        for g in gold:
            if (g.start, g.end) not in matched_gold:
                context = doc.text[max(0, g.start - 40) : g.end + 30].replace("\n", " ")
                yield doc.id, "missed", f"{doc.text[g.start : g.end]!r} {g.type} {g.value}", "", context
        for s in system:
            if (s.start, s.end) not in matched_system:
                context = doc.text[max(0, s.start - 40) : s.end + 30].replace("\n", " ")
                yield doc.id, "spurious", "", f"{doc.text[s.start : s.end]!r} {s.type} {s.value}", context
