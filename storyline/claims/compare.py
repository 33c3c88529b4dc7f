"""Compare claims across articles: group those about the same thing, then flag what cannot both hold
and explain what only looks like a disagreement.

Precision over recall: a contradiction needs two claims from different articles about the same
subject and property, both precise enough (a month, not a season; a number beyond rounding), neither
a plan. Everything that differs but fits (ages months apart, a plan and its report, a month and a
day inside it, a state that changed) becomes a consistency note.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable
from typing import TypeVar

from storyline.claims import checks
from storyline.language.registry import default_registry
from storyline.records import Claim, ConsistencyNote, Contradiction, Document

Finding = Contradiction | ConsistencyNote
T = TypeVar("T", Contradiction, ConsistencyNote)
Checker = Callable[[list[Claim], checks.Story], list[Finding]]

CHECKERS: dict[str, Checker] = {
    "event_date": checks.event_dates,
    "event_place": checks.places,
    "residence": checks.places,
    "age": checks.ages,
    "amount": checks.amounts,
    "statement": checks.denials,
    "relationship": checks.states,
}


def compare_claims(claims: list[Claim], documents: list[Document]) -> tuple[list[Contradiction], list[ConsistencyNote]]:
    """Contradictions and consistent-over-time notes for a story's claims."""
    story = checks.Story(documents)
    findings: list[Finding] = []
    for group in group_claims(claims):
        checker = CHECKERS.get(group[0].property)
        if checker:
            findings += checker(group, story)
    findings += checks.relative_times([c for c in claims if c.property == "event_date"], story)
    contradictions = [_with_id(f) for f in findings if isinstance(f, Contradiction)]
    notes = [f for f in findings if isinstance(f, ConsistencyNote)]
    return _unique(contradictions), _unique(notes)


def group_claims(claims: list[Claim]) -> list[list[Claim]]:
    """Claims about the same thing: same subject and property (and measure and unit for amounts);
    mentions of a once-only event (a move, an opening) of the same person and place across events, and
    of a once-in-a-life event (a death) of the same person whatever the place."""
    data = default_registry().common.get("claims", {})
    single = set(data.get("single_occurrence_types", []))
    once = set(data.get("once_per_person_types", []))
    parent: dict[int, int] = {}

    def find(i: int) -> int:
        while parent.setdefault(i, i) != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    first_with: dict[tuple, int] = {}
    for index, claim in enumerate(claims):
        for key in _keys(claim, single, once):
            if key in first_with:
                parent[find(index)] = find(first_with[key])
            else:
                first_with[key] = index
    groups: dict[int, list[Claim]] = {}
    for index, claim in enumerate(claims):
        groups.setdefault(find(index), []).append(claim)
    return list(groups.values())


def _keys(claim: Claim, single: set[str], once: set[str]) -> Iterable[tuple]:
    if claim.property == "amount":
        yield (claim.subject, claim.property, claim.qualifier, claim.unit)
    elif claim.property == "statement":
        yield (claim.subject, claim.property, claim.value)
    else:
        yield (claim.subject, claim.property)
    if claim.property.startswith("event_") and claim.qualifier in single | once:
        people = [p for p in claim.participants if p.startswith("person:")]
        if claim.property == "event_date":
            place = "" if claim.qualifier in once else (claim.place or "").casefold()
            for person in people:
                yield (claim.property, claim.qualifier, person, place)
        month = re.match(r"\d{4}-\d{2}", claim.holds_at or "")
        if claim.property == "event_place" and month:
            for person in people:
                yield (claim.property, claim.qualifier, person, month.group(0))


def _with_id(contradiction: Contradiction) -> Contradiction:
    key = "|".join(sorted(ref.id or f"{ref.doc}:{ref.start}" for ref in contradiction.claims))
    return contradiction.model_copy(update={"id": "contradiction-" + hashlib.sha1(key.encode()).hexdigest()[:12]})


def _unique(findings: list[T]) -> list[T]:
    seen: set[tuple] = set()
    kept = []
    for finding in findings:
        key = (finding.kind, tuple(sorted((r.doc, r.start, r.value) for r in finding.claims)))
        if key not in seen:
            seen.add(key)
            kept.append(finding)
    return kept
