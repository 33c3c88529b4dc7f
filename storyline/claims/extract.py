"""All claims of a story, from what the earlier stages found (events, entities, quotes, times, relations)."""

from __future__ import annotations

from storyline.claims.ages import age_claims
from storyline.claims.amounts import amount_claims
from storyline.claims.context import ClaimContext
from storyline.claims.events import event_claims
from storyline.claims.relations import relationship_claims, residence_claims
from storyline.claims.statements import statement_claims
from storyline.records import Claim, Document, Entity, Event, Quote, Relation, TimeExpression


def extract_claims(
    documents: list[Document],
    entities: list[Entity],
    quotes: list[Quote],
    times: list[TimeExpression] = (),  # type: ignore[assignment]
    events: list[Event] = (),  # type: ignore[assignment]
    relations: list[Relation] = (),  # type: ignore[assignment]
) -> list[Claim]:
    """Claims with who asserts them, ordered by document and position."""
    context = ClaimContext(documents, entities, quotes)
    claims = [
        *event_claims(list(events), context),
        *age_claims(entities, list(times), context),
        *amount_claims(documents, context),
        *statement_claims(documents, context),
        *relationship_claims(list(relations), context),
        *residence_claims(entities, context),
    ]
    unique = {claim.id: claim for claim in claims}
    return sorted(unique.values(), key=lambda c: (c.doc, c.start, c.property, c.subject))
