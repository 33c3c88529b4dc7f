"""Claims about ages: "the 42-year-old", "Rolf Brandt, 70," as of the article's date.

Ages come from the entities stage (``age`` attributes, linked through coreference). When no entity
carries an age attribute (that stage absent), an AGE expression is linked only when it stands right
beside the one person named in its sentence ("Rolf Brandt, 70," or "the 41-year-old Marlene Brandt").
"""

from __future__ import annotations

import re

from storyline.claims.context import ClaimContext
from storyline.records import Claim, Entity, TimeExpression

AGE_BEFORE_NAME = re.compile(r"\s+")  # "the 41-year-old Marlene Brandt", "der 70-jährige Rolf Brandt"
NAME_BEFORE_AGE = re.compile(r",\s*")  # "Rolf Brandt, 70,"


def age_claims(entities: list[Entity], times: list[TimeExpression], context: ClaimContext) -> list[Claim]:
    claims = [
        context.claim(
            subject=entity.id,
            subject_label=entity.name,
            property="age",
            value=str(int(attribute.value)),
            value_text=context.documents[attribute.doc].text[attribute.start : attribute.end],
            doc=attribute.doc,
            start=context.sentence(attribute.doc, attribute.start)[0],
            end=context.sentence(attribute.doc, attribute.start)[1],
            at=attribute.start,
            holds_at=attribute.as_of,
        )
        for entity in entities
        for attribute in entity.attributes
        if attribute.name == "age" and attribute.value.isdigit() and attribute.doc in context.documents
    ]
    if claims:
        return claims
    return [claim for time in times if (claim := _age_next_to_name(time, context))]


def _age_next_to_name(time: TimeExpression, context: ClaimContext) -> Claim | None:
    match = re.fullmatch(r"P(\d+)Y", time.value)
    if time.type != "AGE" or not match or time.doc not in context.documents:
        return None
    start, end = context.sentence(time.doc, time.start)
    text = context.documents[time.doc].text
    people = [m for m in context.mentions_in(time.doc, start, end) if m.type == "person"]
    if len({m.entity for m in people}) != 1:
        return None
    beside = [m for m in people if _beside(text, m.start, m.end, time.start, time.end)]
    if not beside:
        return None
    person = beside[0].entity
    return context.claim(
        subject=person,
        subject_label=context.label(person),
        property="age",
        value=match.group(1),
        value_text=time.text,
        doc=time.doc,
        start=start,
        end=end,
        at=time.start,
    )


def _beside(text: str, name_start: int, name_end: int, age_start: int, age_end: int) -> bool:
    """The age stands right before the name, or right after it as an apposition."""
    if age_end <= name_start:
        return bool(AGE_BEFORE_NAME.fullmatch(text[age_end:name_start]))
    return name_end <= age_start and bool(NAME_BEFORE_AGE.fullmatch(text[name_end:age_start]))
