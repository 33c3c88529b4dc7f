"""Claims from relationship states (estranged, in contact, reconciled) and places of residence.

Both change over time; they are claims so that a difference between articles can be shown as a
change ("consistent over time") instead of being flagged.
"""

from __future__ import annotations

from storyline.claims.context import ClaimContext
from storyline.language.registry import default_registry
from storyline.records import Claim, Entity, Relation


def relationship_claims(relations: list[Relation], context: ClaimContext) -> list[Claim]:
    states = set(default_registry().common.get("claims", {}).get("relationship_states", []))
    claims = []
    for relation in relations:
        # The relations stage gives a state as predicate "relationship" with ``state`` and ``as_of``;
        # a predicate that is itself a state ("estranged") is read the same way.
        state = relation.state or relation.predicate
        if state not in states:
            continue
        when = relation.as_of or relation.since
        pair = sorted((relation.subject, relation.object))
        for evidence in relation.evidence[:1] or []:
            if evidence.doc not in context.documents:
                continue
            start, end = context.sentence(evidence.doc, evidence.start)
            claims.append(
                context.claim(
                    subject="|".join(pair),
                    subject_label=" and ".join(context.label(p) for p in pair),
                    property="relationship",
                    value=state,
                    holds_at=when,
                    participants=pair,
                    doc=evidence.doc,
                    start=start,
                    end=end,
                    at=evidence.start,
                )
            )
    return claims


def residence_claims(entities: list[Entity], context: ClaimContext) -> list[Claim]:
    return [
        context.claim(
            subject=entity.id,
            subject_label=entity.name,
            property="residence",
            value=attribute.value,
            holds_at=attribute.as_of,
            doc=attribute.doc,
            start=context.sentence(attribute.doc, attribute.start)[0],
            end=context.sentence(attribute.doc, attribute.start)[1],
            at=attribute.start,
        )
        for entity in entities
        for attribute in entity.attributes
        if attribute.name == "residence" and attribute.doc in context.documents
    ]
