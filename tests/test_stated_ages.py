"""Name variants whose stated ages no single birth date fits stay apart (EN + DE)."""

from __future__ import annotations

import re

from storyline.extraction.time.anchor import document_times
from storyline.records import Document, Entity, Mention, plain_document
from storyline.resolution.people import merge_person_variants
from storyline.resolution.stated_ages import stated_births


def _document(doc_id: str, text: str, language: str, published: str) -> Document:
    return plain_document(doc_id, text, language).model_copy(update={"published": published})


def _entities(documents: list[Document], names: list[str]) -> list[Entity]:
    """One entity per name as written (longest first, no overlaps): what grouping by name gives."""
    taken: dict[str, list[tuple[int, int]]] = {d.id: [] for d in documents}
    mentions: dict[str, list[Mention]] = {n: [] for n in names}
    for name in sorted(names, key=len, reverse=True):
        for document in documents:
            for match in re.finditer(rf"\b{re.escape(name)}\b", document.text):
                if any(s < match.end() and match.start() < e for s, e in taken[document.id]):
                    continue
                taken[document.id].append(match.span())
                mentions[name].append(Mention(doc=document.id, start=match.start(), end=match.end()))
    return [
        Entity(id="person:" + n.lower().replace(" ", "-"), type="person", name=n, mentions=m)
        for n, m in mentions.items()
    ]


def _merged(documents: list[Document], names: list[str]) -> dict[str, set[str]]:
    entities = _entities(documents, names)
    times = [t for d in documents for t in document_times(d)[0]]
    return {
        e.name: {e.name, *e.aliases} for e in merge_person_variants(entities, stated_births(entities, documents, times))
    }


def test_english_variants_with_incompatible_ages_stay_apart() -> None:
    first = _document("a", "Tilda Marsh (34) opened a bakery in Leeds.", "en", "2025-10-14")
    second = _document("b", "Tilda (71) spoke at the town hall.", "en", "2025-10-20")
    assert _merged([first, second], ["Tilda Marsh", "Tilda"]) == {"Tilda Marsh": {"Tilda Marsh"}, "Tilda": {"Tilda"}}


def test_english_variants_with_consistent_ages_across_years_merge() -> None:
    first = _document("a", "Tilda Marsh (34) opened a bakery in Leeds.", "en", "2024-10-14")
    second = _document("b", "Tilda (35) spoke at the town hall.", "en", "2025-10-20")
    assert _merged([first, second], ["Tilda Marsh", "Tilda"]) == {"Tilda Marsh": {"Tilda Marsh", "Tilda"}}


def test_german_variants_with_incompatible_ages_stay_apart() -> None:
    first = _document("a", "Jonas Falk (19) gewann das Rennen.", "de", "2025-03-01")
    second = _document("b", "Falk (52) leitet die Werkstatt.", "de", "2025-03-02")
    merged = _merged([first, second], ["Jonas Falk", "Falk"])
    assert merged == {"Jonas Falk": {"Jonas Falk"}, "Falk": {"Falk"}}


def test_german_variants_without_ages_still_merge() -> None:
    first = _document("a", "Jonas Falk gewann das Rennen.", "de", "2025-03-01")
    second = _document("b", "Falk (19) feierte danach.", "de", "2025-03-02")
    assert _merged([first, second], ["Jonas Falk", "Falk"]) == {"Jonas Falk": {"Jonas Falk", "Falk"}}


def test_an_undated_article_does_not_veto() -> None:
    first = plain_document("a", "Tilda Marsh (34) opened a bakery in Leeds.", "en")
    second = _document("b", "Tilda (71) spoke at the town hall.", "en", "2025-10-20")
    assert _merged([first, second], ["Tilda Marsh", "Tilda"]) == {"Tilda Marsh": {"Tilda Marsh", "Tilda"}}
