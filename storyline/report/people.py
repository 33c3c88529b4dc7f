"""A plain-text listing of a dossier's people (aliases, attributes) and relations with their evidence."""

from __future__ import annotations

from storyline.records import Dossier


def format_people(dossier: Dossier, *, min_mentions: int = 1) -> str:
    """People with aliases and attributes, then relations with the sentence (doc id + text) behind each."""
    texts = {d.id: d.text for d in dossier.documents}
    names = {e.id: e.name for e in dossier.entities}
    lines = ["PEOPLE"]
    for entity in dossier.entities:
        if entity.type != "person" or len(entity.mentions) < min_mentions:
            continue
        lines.append(f"- {entity.name} [{entity.id}] ({len(entity.mentions)} mentions)")
        if entity.aliases_seen:
            seen = (f"{a.alias} ({', '.join(a.docs)})" for a in entity.aliases_seen)
            lines.append(f"    aliases: {', '.join(seen)}")
        elif entity.aliases:
            lines.append(f"    aliases: {', '.join(entity.aliases)}")
        for attribute in entity.attributes:
            said = texts.get(attribute.doc, "")[attribute.start : attribute.end]
            when = f" as of {attribute.as_of}" if attribute.as_of else ""
            when += " (estimated)" if attribute.as_of_estimated else ""
            lines.append(f"    {attribute.name}: {attribute.value}{when}  ({attribute.doc}: {said!r})")
    lines.append("RELATIONS")
    for relation in dossier.relations:
        head = f"- {names.get(relation.subject, relation.subject)} {relation.predicate}"
        head += f" {names.get(relation.object, relation.object)}"
        if relation.state:
            head += f": {relation.state} as of {relation.as_of}"
        if relation.since:
            head += f" since {relation.since}"
        if relation.until:
            head += f" until {relation.until}"
        lines.append(head)
        for mention in relation.evidence:
            text = texts.get(mention.doc, "")
            lines.append(f"    {mention.doc}: {' '.join(_sentence(dossier, mention.doc, mention.start, text).split())}")
    return "\n".join(lines)


def _sentence(dossier: Dossier, doc: str, offset: int, text: str) -> str:
    for document in dossier.documents:
        if document.id == doc:
            for sentence in document.sentences:
                if sentence.start <= offset < sentence.end:
                    return text[sentence.start : sentence.end]
    return text[offset : offset + 200]
