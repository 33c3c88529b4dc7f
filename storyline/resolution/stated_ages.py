"""Ages stated right next to a name, as birth ranges: a light pre-pass for merging name variants.

"Jamie (71)" on 2025-10-14 and "Jamie Lynn Spears (34)" on 2025-10-14 cannot be one person: no birth
date gives both ages on those dates. Only ages written beside a name count here ("Sean (19)",
"Sean, (19)"): the anaphoric ones ("the 42-year-old") need references, which are resolved after the
merge (storyline/resolution/references.py), so this stays one-way. Undated articles are skipped.
"""

from __future__ import annotations

import re
from collections import defaultdict

from storyline.records import Document, Entity, TimeExpression
from storyline.resolution.dates import BirthRange, birth_range, document_date

GAP = re.compile(r"^[\s,]{0,3}$")  # between a name and the age beside it
YEARS = re.compile(r"^P(\d{1,3})Y$")


def stated_births(
    entities: list[Entity], documents: list[Document], times: list[TimeExpression]
) -> dict[str, BirthRange]:
    """Per person entity: the birth range its name-adjacent ages allow (absent when none, or when they conflict)."""
    dates = {d.id: document_date(d) for d in documents}
    texts = {d.id: d.text for d in documents}
    ages: dict[tuple[str, int], int] = {}  # (doc, start) -> years
    for time in times:
        match = YEARS.match(time.value) if time.type == "AGE" else None
        if match:
            ages[(time.doc, time.start)] = int(match.group(1))
    starts: dict[str, list[int]] = defaultdict(list)
    for doc, start in ages:
        starts[doc].append(start)
    births: dict[str, BirthRange] = {}
    conflicting: set[str] = set()
    for entity in entities:
        if entity.type != "person":
            continue
        for mention in entity.mentions:
            text = texts.get(mention.doc, "")
            for start in starts.get(mention.doc, []):
                if not (mention.end <= start <= mention.end + 3 and GAP.match(text[mention.end : start])):
                    continue
                span = birth_range(ages[(mention.doc, start)], dates.get(mention.doc))
                if span is None:
                    continue
                known = births.get(entity.id)
                joined = span if known is None else known.intersect(span)
                if joined is None:
                    conflicting.add(entity.id)
                else:
                    births[entity.id] = joined
    return {e: r for e, r in births.items() if e not in conflicting}
