"""Where each surface form of an entity was seen: its name and aliases with the documents they occur in.

Computed once at the end of entity building from the entity's own mentions (names, resolved references,
nicknames), so a reader can check every alias against the article that used it.
"""

from __future__ import annotations

from collections import defaultdict

from storyline.records import AliasSeen, Document, Entity, Mention


def _form(text: str) -> str:
    return " ".join(text.split()).casefold()


def aliases_seen(entity: Entity, texts: dict[str, str]) -> list[AliasSeen]:
    """The entity's name and aliases, each with the sorted documents whose mentions read as it and its first one."""
    forms = [entity.name, *entity.aliases]
    wanted = {_form(form): form for form in reversed(forms)}
    seen: dict[str, list[Mention]] = defaultdict(list)
    for mention in entity.mentions:
        key = _form(texts.get(mention.doc, "")[mention.start : mention.end])
        if key in wanted:
            seen[wanted[key]].append(mention)
    result = []
    for form in dict.fromkeys(forms):
        found = sorted(seen.get(form, []), key=lambda m: (m.doc, m.start, m.end))
        if found:
            first = Mention(doc=found[0].doc, start=found[0].start, end=found[0].end)
            result.append(AliasSeen(alias=form, docs=sorted({m.doc for m in found}), first=first))
    return result


def with_aliases_seen(entities: list[Entity], documents: list[Document]) -> list[Entity]:
    """Entities with ``aliases_seen`` filled from their mentions."""
    texts = {d.id: d.text for d in documents}
    return [e.model_copy(update={"aliases_seen": aliases_seen(e, texts)}) for e in entities]
