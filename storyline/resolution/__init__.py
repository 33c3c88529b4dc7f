"""Entity resolution: from name mentions to entities.

This first version groups mentions that carry the same name and type across
the whole collection (possessive endings removed); aliases, first names,
epithets and cross-lingual merging come with the resolution issue.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable

from storyline.records import Entity, Mention, NameMention

ENTITY_TYPES = {"PER": "person", "ORG": "organisation", "LOC": "place", "MISC": "misc", "NAME": "name"}
POSSESSIVE = re.compile(r"(?:['’]s|['’]|s['’])$")


def name_key(text: str) -> str:
    """A comparable form of a name: NFKC, casefolded, no possessive ending, single spaces."""
    text = unicodedata.normalize("NFKC", text).strip()
    text = POSSESSIVE.sub("", text)
    return " ".join(text.casefold().split())


def _slug(key: str) -> str:
    return re.sub(r"[^\w]+", "-", key).strip("-") or "x"


def group_by_name(mentions: Iterable[NameMention]) -> list[Entity]:
    groups: dict[tuple[str, str], list[NameMention]] = defaultdict(list)
    for mention in mentions:
        groups[(mention.label, name_key(mention.text))].append(mention)
    entities = []
    for (label, key), members in groups.items():
        surface = sorted({POSSESSIVE.sub("", m.text).strip() for m in members}, key=lambda t: (-len(t), t))
        entities.append(
            Entity(
                id=f"{ENTITY_TYPES[label]}:{_slug(key)}",
                type=ENTITY_TYPES[label],
                name=surface[0],
                aliases=surface[1:],
                mentions=[Mention(doc=m.doc, start=m.start, end=m.end) for m in sorted(members, key=_order)],
            )
        )
    return sorted(entities, key=lambda e: (-len(e.mentions), e.id))


def _order(mention: NameMention) -> tuple[str, int]:
    return (mention.doc, mention.start)
