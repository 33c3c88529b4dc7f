"""Attributes of people with evidence: ages as of a date, the birth range they imply, roles.

Ages come from resolved references ("the 42-year-old"), from a number after a name ("Sean (19)",
"Bryan, 46") and from an age before a name ("18-year-old Sean Preston"). The birth range is the
intersection over every age statement; when the statements cannot all be true (no common birth
date) no range is given and the ages stay as stated. Roles are the words an article gives a
person ("TV chef", "der frühere Schiffsingenieur"), once per article.
"""

from __future__ import annotations

import re
from collections import defaultdict

from storyline.records import Attribute, Document, Entity, Mention, TimeExpression
from storyline.resolution.dates import BirthRange, birth_range
from storyline.resolution.lexicon import lexicon
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


ABSOLUTE = re.compile(r"^\d{4}(?:-\d{2}){0,2}$")
WORD = re.compile(r"\w+")
NEAR = 4  # at most this many words between a person and "moved to" ("... ist im Juli nach London gezogen")


def _as_of(resolution: Resolution, doc: str) -> str | None:
    return resolution.dates.get(doc)


def residences(
    documents: list[Document],
    resolution: Resolution,
    names: dict[str, list[tuple[int, int, str]]],
    times: list[TimeExpression],
) -> dict[str, list[Attribute]]:
    """Places of residence: "moved to London in August", "ist im Juli nach London gezogen".

    The person is the nearest one named or referred to before the words in the sentence; the date is
    the sentence's first absolute date (else the article's date) and is given as ``as_of``.
    """
    found: dict[str, list[Attribute]] = defaultdict(list)
    people: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    for doc, spans in names.items():
        people[doc] += spans
    for ref in resolution.references:
        if ref.entity:
            people[ref.doc].append((ref.start, ref.end, ref.entity))
    dates: dict[str, list[TimeExpression]] = defaultdict(list)
    for time in times:
        if time.type == "DATE" and ABSOLUTE.match(time.value):
            dates[time.doc].append(time)
    for document in sorted(documents, key=lambda d: d.id):
        patterns = lexicon(document.language).residence
        for sentence in document.sentences if patterns else []:
            text = document.text[sentence.start : sentence.end]
            for pattern in patterns:
                for match in pattern.finditer(text):
                    words = match.group("place").split()
                    place = " ".join(_leading_capitalised(words))
                    at = sentence.start + match.start()
                    before = [p for p in people[document.id] if sentence.start <= p[0] < at]
                    # the person must stand right before the words ("Brandt moved to", "die 42-Jährige ist im
                    # Juli nach London gezogen"), not in another clause ("she hasn't seen the teenagers who moved")
                    before = [p for p in before if p[1] <= at and len(WORD.findall(document.text[p[1] : at])) <= NEAR]
                    if not place or not before:
                        continue
                    entity = max(before)[2]
                    dated = [t for t in dates[document.id] if sentence.start <= t.start < sentence.end]
                    found[entity].append(
                        Attribute(
                            name="residence",
                            value=place,
                            as_of=dated[0].value if dated else resolution.dates.get(document.id),
                            doc=document.id,
                            start=at,
                            end=sentence.start + match.start("place") + len(place),
                        )
                    )
    return found


def _leading_capitalised(words: list[str]) -> list[str]:
    kept = []
    for word in words:
        if not word[:1].isupper():
            break
        kept.append(word)
    return kept


def with_references(
    entities: list[Entity], resolution: Resolution, extra: dict[str, list[Attribute]] | None = None
) -> list[Entity]:
    """Entities with their resolved references added as mentions and their attributes (plus ``extra``) set.

    A nickname the text introduced for the entity ("known as the 'Princess of Pop'") becomes an alias too.
    """
    referred: dict[str, set[Mention]] = defaultdict(set)
    nicknames: dict[str, list[str]] = defaultdict(list)
    for ref in resolution.references:
        for entity in ref.entities:
            referred[entity].add(Mention(doc=ref.doc, start=ref.start, end=ref.end))
            if ref.kind == "nickname" and ref.text not in nicknames[entity]:
                nicknames[entity].append(ref.text)
    attributes = entity_attributes(resolution)
    for entity_id, more in sorted((extra or {}).items()):
        attributes[entity_id] = attributes.get(entity_id, []) + more
    result = []
    for entity in entities:
        if entity.id not in referred and entity.id not in attributes:
            result.append(entity)
            continue
        mentions = sorted(set(entity.mentions) | referred.get(entity.id, set()), key=lambda m: (m.doc, m.start, m.end))
        aliases = entity.aliases + [
            n for n in nicknames.get(entity.id, []) if n not in entity.aliases and n != entity.name
        ]
        update = {"mentions": mentions, "attributes": attributes.get(entity.id, []), "aliases": aliases}
        result.append(entity.model_copy(update=update))
    return result


def link_ages(times: list[TimeExpression], resolution: Resolution) -> list[TimeExpression]:
    """AGE time expressions with the person they describe ("the 42-year-old" -> its referent, "Sean (19)" -> Sean)."""
    owners: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    for age in resolution.ages:
        owners[age.doc].append((age.start, age.end, age.entity))
    linked = []
    for time in times:
        if time.type == "AGE":
            entity = next((e for s, end, e in owners.get(time.doc, []) if s < time.end and time.start < end), None)
            if entity is not None:
                time = time.model_copy(update={"entity": entity})
        linked.append(time)
    return linked


def with_estimated_as_of(entities: list[Entity], documents: list[Document]) -> list[Entity]:
    """Attributes stated in an undated article get its estimated date as ``as_of``, marked as estimated.

    Undated articles are estimated after the attributes are read (the estimate rests on the events and
    on these very ages), so their attributes wait for it here instead of staying without a date.
    """
    estimates = {d.id: d.published_estimate.value for d in documents if d.published_estimate and not d.published}
    if not estimates:
        return entities
    result = []
    for entity in entities:
        dated = [
            a.model_copy(update={"as_of": estimates[a.doc], "as_of_estimated": True})
            if a.as_of is None and a.doc in estimates and a.name != "birth_range"
            else a
            for a in entity.attributes
        ]
        result.append(entity.model_copy(update={"attributes": dated}) if dated != entity.attributes else entity)
    return result
