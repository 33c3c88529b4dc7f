"""Attributes of people with evidence: ages as of a date, the birth range they imply, roles.

Ages come from resolved references ("the 42-year-old"), from a number after a name ("Sean (19)",
"Bryan, 46") and from an age before a name ("18-year-old Sean Preston"). The birth range is the
intersection over every age statement; when the statements cannot all be true (no common birth
date) no range is given and the ages stay as stated. Roles are the words an article gives a
person ("TV chef", "der frühere Schiffsingenieur"), once per article.
"""

from __future__ import annotations

from collections import defaultdict

from storyline.records import Attribute, Entity, Mention
from storyline.resolution.dates import BirthRange, birth_range
from storyline.resolution.references import Resolution


def entity_attributes(resolution: Resolution) -> dict[str, list[Attribute]]:
    """Attributes per entity id, in a stable order (ages and roles by document and offset, then the birth range)."""
    attributes: dict[str, list[Attribute]] = defaultdict(list)
    ranges: dict[str, BirthRange] = {}
    evidence: dict[str, list[Mention]] = defaultdict(list)
    for age in sorted(resolution.ages, key=lambda a: (a.doc, a.start)):
        attributes[age.entity].append(
            Attribute(name="age", value=str(age.age), as_of=age.as_of, doc=age.doc, start=age.start, end=age.end)
        )
    # explicit statements first; an inferred age that contradicts them does not narrow the range
    for age in sorted(resolution.ages, key=lambda a: (not a.explicit, a.doc, a.start)):
        span = birth_range(age.age, age.as_of, estimated=age.estimated)
        if span is None:
            continue
        known = ranges.get(age.entity)
        narrowed = span if known is None else known.intersect(span)
        if narrowed is None:
            continue
        ranges[age.entity] = narrowed
        evidence[age.entity].append(Mention(doc=age.doc, start=age.start, end=age.end))
    seen: set[tuple[str, str, str]] = set()
    for ref in sorted(resolution.references, key=lambda r: (r.doc, r.start)):
        if not ref.role or ref.entity is None:
            continue
        key = (ref.entity, ref.role.casefold(), ref.doc)
        if key in seen:
            continue
        seen.add(key)
        attributes[ref.entity].append(
            Attribute(
                name="role",
                value=ref.role,
                as_of=_as_of(resolution, ref.doc),
                doc=ref.doc,
                start=ref.start,
                end=ref.end,
            )
        )
    for entity, span in sorted(ranges.items()):
        first = evidence[entity][0]
        attributes[entity].append(
            Attribute(
                name="birth_range",
                value=span.value,
                doc=first.doc,
                start=first.start,
                end=first.end,
                evidence=evidence[entity],
            )
        )
    return dict(attributes)


def _as_of(resolution: Resolution, doc: str) -> str | None:
    return resolution.dates.get(doc)


def with_references(entities: list[Entity], resolution: Resolution) -> list[Entity]:
    """Entities with their resolved references added as mentions and their attributes set."""
    extra: dict[str, set[Mention]] = defaultdict(set)
    for ref in resolution.references:
        for entity in ref.entities:
            extra[entity].add(Mention(doc=ref.doc, start=ref.start, end=ref.end))
    attributes = entity_attributes(resolution)
    result = []
    for entity in entities:
        if entity.id not in extra and entity.id not in attributes:
            result.append(entity)
            continue
        mentions = sorted(set(entity.mentions) | extra.get(entity.id, set()), key=lambda m: (m.doc, m.start, m.end))
        result.append(entity.model_copy(update={"mentions": mentions, "attributes": attributes.get(entity.id, [])}))
    return result
