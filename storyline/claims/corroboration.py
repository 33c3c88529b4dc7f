"""How well a value is supported: independent outlets and distinct named sources.

Copies of the same wire text (near-identical sentences in different outlets) count as one outlet;
all anonymous sources together count as one source, because "an insider" in two articles may well
be the same person.
"""

from __future__ import annotations

import re

from storyline.records import Claim, ClaimRef, Corroboration

COPY_SIMILARITY = 0.8
NAMED = ("speaker", "first_person_post")
WORD = re.compile(r"\w+")


def _words(text: str) -> set[str]:
    return {w.lower() for w in WORD.findall(text)}


def near_identical(a: str, b: str) -> bool:
    """Two sentences that are the same text up to a few words (a wire copy)."""
    wa, wb = _words(a), _words(b)
    if not wa or not wb:
        return False
    return len(wa & wb) / len(wa | wb) >= COPY_SIMILARITY


def corroboration(claims: list[Claim]) -> Corroboration:
    clusters: list[list[Claim]] = []
    for claim in claims:
        for cluster in clusters:
            if cluster[0].doc != claim.doc and near_identical(cluster[0].text, claim.text):
                cluster.append(claim)
                break
        else:
            clusters.append([claim])
    outlets = sorted({cluster[0].asserted_by.outlet or cluster[0].doc for cluster in clusters})
    named = sorted({c.asserted_by.entity or c.asserted_by.label for c in claims if c.asserted_by.kind in NAMED})
    anonymous = 1 if any(c.asserted_by.kind == "anonymous" for c in claims) else 0
    copies = sum(len(cluster) - 1 for cluster in clusters)
    return Corroboration(outlets=outlets, named_sources=named, anonymous_sources=anonymous, copies=copies)


def claim_ref(claim: Claim, value: str | None = None, support: list[Claim] | None = None) -> ClaimRef:
    """One side of a contradiction or note: the claim, who asserts it, and how well its value is supported."""
    return ClaimRef(
        doc=claim.doc,
        start=claim.start,
        end=claim.end,
        text=claim.text,
        value=value or display_value(claim),
        id=claim.id,
        asserted_by=claim.asserted_by,
        outlet=claim.asserted_by.outlet,
        as_of=claim.stated_at,
        as_of_estimated=claim.stated_estimated,
        corroboration=corroboration(support) if support else None,
    )


def display_value(claim: Claim) -> str:
    if claim.property == "amount":
        return f"{claim.value_text} = {claim.value} {claim.unit}"
    if claim.property == "statement":  # the sentence is shown beside it: name only the words compared
        words = claim.value.split()
        return f"{claim.polarity} ({', '.join(words[:6])}{', …' if len(words) > 6 else ''})"
    if claim.value_text and claim.value_text != claim.value:
        return f"{claim.value} ({claim.value_text})"
    return claim.value
