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
from typing import TYPE_CHECKING

from storyline.records import Document, Entity, Mention, NameMention, Quote, QuoteMention, Speaker, TimeExpression
from storyline.resolution.lexicon import lexicon
from storyline.resolution.quote_nesting import nest_partial_quotes

if TYPE_CHECKING:
    from storyline.resolution.references import Reference

ENTITY_TYPES = {"PER": "person", "ORG": "organisation", "LOC": "place", "MISC": "misc", "NAME": "name"}
POSSESSIVE = re.compile(r"(?:['’]s|['’]|s['’])$")


def name_key(text: str) -> str:
    """A comparable form of a name: NFKC, casefolded, no possessive ending, single spaces."""
    text = unicodedata.normalize("NFKC", text).strip()
    text = POSSESSIVE.sub("", text)
    return " ".join(text.casefold().split())


def _slug(key: str) -> str:
    return re.sub(r"[^\w]+", "-", key).strip("-") or "x"


def outside_times(mentions: Iterable[NameMention], times: Iterable[TimeExpression]) -> list[NameMention]:
    """The name mentions that are not part of a time expression: "Mother's Day", "Christmas", "Ostern"
    name a day, and a tagger that calls "Mother" a person is overruled by the time tagger's span."""
    spans: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for time in times:
        spans[time.doc].append((time.start, time.end))
    return [m for m in mentions if not any(s <= m.start and m.end <= e for s, e in spans.get(m.doc, ()))]


def without_descriptions(mentions: list[NameMention], documents: Iterable[Document]) -> list[NameMention]:
    """The name mentions that are names: a tagger's "Marlenes Cousin" or "Kevin's attorney" (a known name in
    the genitive, then a relational or role noun of the language) is a description, which the reference
    resolver reads, not a person of its own."""
    languages = {d.id: d.language for d in documents}
    known = {w for m in mentions if m.label == "PER" for w in m.text.split()}
    kept = []
    for mention in mentions:
        words = mention.text.split()
        lex = lexicon(languages.get(mention.doc))
        if len(words) >= 2 and mention.label in ("PER", "NAME"):
            noun = lex.head(words[-1])
            owner = words[-2]
            if (
                noun is not None
                and (noun in lex.terms or noun in lex.roles)
                and lex.genitive.search(owner)
                and lex.genitive.sub("", owner) in known
            ):
                continue
        kept.append(mention)
    return kept


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


def dossier_quotes(
    quotes: Iterable[QuoteMention], entities: list[Entity], references: Iterable[Reference] = ()
) -> list[Quote]:
    """Quotes for the dossier: speech only (titles and scare quotes stay in the store), speakers linked.

    A quote whose source words ("the 41-year-old", "Federline's attorney", "she") hold a resolved
    reference or a person's name gets the person the earliest of them refers to. Otherwise a
    speaker is linked to a person entity when the resolved speaker's name is that
    entity's name or alias, or (for a single word such as a first name) a part of
    exactly one person's name. A partial quote inside a reported statement of the same speaker
    points to it (``within``, :func:`storyline.resolution.quote_nesting.nest_partial_quotes`).
    """
    people = [e for e in entities if e.type in ("person", "name")]
    spans = _source_spans(people, references)
    by_key: dict[str, str] = {}
    for entity in people:
        for surface in (entity.name, *entity.aliases):
            by_key.setdefault(name_key(surface), entity.id)
    result = []
    last_span: dict[tuple[str, str], tuple[int, int]] = {}  # (doc, source words) -> where they were last seen
    last_entity: dict[tuple[str, str], str] = {}  # (doc, speaker label) -> entity of the quote before
    for quote in quotes:
        if quote.kind not in ("direct", "indirect", "partial"):
            continue
        if quote.source and quote.source_start is not None and quote.source_end is not None:
            last_span[(quote.doc, quote.source)] = (quote.source_start, quote.source_end)
        elif quote.source and (quote.doc, quote.source) in last_span:  # the second half of a split quote
            start, end = last_span[(quote.doc, quote.source)]
            quote = quote.model_copy(update={"source_start": start, "source_end": end})
        label = quote.speaker or quote.source or "unknown"
        entity_id = None
        if not quote.anonymous:
            entity_id = _link_by_source(quote, spans)
            if entity_id is not None and quote.source:
                label = quote.source
            elif quote.source_start is None and (quote.doc, label) in last_entity:
                entity_id = last_entity[(quote.doc, label)]  # a quote continued without its source words
            else:
                entity_id = _link(label, by_key, people)
            if entity_id is not None:
                last_entity[(quote.doc, quote.speaker or quote.source or "unknown")] = entity_id
        result.append(
            Quote(
                id=f"q:{quote.doc}:{quote.start}",
                doc=quote.doc,
                start=quote.start,
                end=quote.end,
                text=quote.text,
                kind=quote.kind,
                speaker=Speaker(entity=entity_id, label=label, anonymous=quote.anonymous),
                cue=quote.cue,
                channel=quote.channel,
                reported_to=quote.reported_to,
            )
        )
    return nest_partial_quotes(result)


def _source_spans(people: list[Entity], references: Iterable[Reference]) -> dict[str, list[tuple[int, int, str]]]:
    """Per document: (start, end, entity) of every resolved reference and person name mention.

    Earliest first, then the longest, then a reference before a name over the same words (a shared
    surname resolved in its article). An unresolved description has entity "": it blocks the names
    inside it ("Britney's youngest son" is not Britney).
    """
    ranked: dict[str, set[tuple[int, int, int, str]]] = defaultdict(set)  # (start, end, rank, entity)
    for ref in references:
        if ref.kind == "description" or ref.entity is not None:
            ranked[ref.doc].add((ref.start, ref.end, 0, ref.entity or ""))
    for entity in people:
        for mention in entity.mentions:
            ranked[mention.doc].add((mention.start, mention.end, 1, entity.id))
    return {
        doc: [(s, e, entity) for s, e, _, entity in sorted(items, key=lambda i: (i[0], -i[1], i[2], i[3]))]
        for doc, items in ranked.items()
    }


def _link_by_source(quote: QuoteMention, spans: dict[str, list[tuple[int, int, str]]]) -> str | None:
    if quote.source_start is None or quote.source_end is None:
        return None
    for start, end, entity in spans.get(quote.doc, []):
        if quote.source_start <= start and end <= quote.source_end:
            return entity or None
    return None


def _link(label: str, by_key: dict[str, str], people: list[Entity]) -> str | None:
    key = name_key(label)
    if key in by_key:
        return by_key[key]
    if " " not in key:
        owners = {e.id for e in people if key in name_key(e.name).split()}
        if len(owners) == 1:
            return owners.pop()
    return None
