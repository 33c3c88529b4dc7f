"""What every claim extractor needs to know about the story: documents, their dates, sentences, entities, quotes."""

from __future__ import annotations

import bisect
import hashlib
from dataclasses import dataclass

from storyline.claims.attribution import Attribution
from storyline.claims.hedges import hedged
from storyline.records import AssertedBy, Claim, Document, Entity, Quote


@dataclass(frozen=True)
class EntityMention:
    entity: str
    type: str
    start: int
    end: int


class ClaimContext:
    """Lookups shared by the claim extractors (built once per story)."""

    def __init__(self, documents: list[Document], entities: list[Entity], quotes: list[Quote]) -> None:
        self.documents = {d.id: d for d in documents}
        self.entities = {e.id: e for e in entities}
        self.attribution = Attribution(documents, quotes)
        self._starts: dict[str, list[int]] = {}
        self._mentions: dict[str, list[EntityMention]] = {}
        for entity in entities:
            for m in entity.mentions:
                self._mentions.setdefault(m.doc, []).append(EntityMention(entity.id, entity.type, m.start, m.end))
        for mentions in self._mentions.values():
            mentions.sort(key=lambda m: m.start)

    def stated_at(self, doc: str) -> tuple[str | None, bool]:
        """The article's date, or its estimate (then ``True``)."""
        document = self.documents.get(doc)
        if document is None:
            return None, False
        if document.published:
            return document.published[:10], False
        if document.published_estimate:
            return document.published_estimate.value, True
        return None, False

    def sentence(self, doc: str, offset: int) -> tuple[int, int]:
        """The span of the sentence holding ``offset`` (the whole text when there are no sentences)."""
        document = self.documents[doc]
        if not document.sentences:
            return 0, len(document.text)
        starts = self._starts.get(doc)
        if starts is None:
            starts = self._starts[doc] = [s.start for s in document.sentences]
        index = max(bisect.bisect_right(starts, offset) - 1, 0)
        span = document.sentences[index]
        return span.start, span.end

    def mentions_in(self, doc: str, start: int, end: int) -> list[EntityMention]:
        return [m for m in self._mentions.get(doc, []) if m.start >= start and m.end <= end]

    def label(self, entity_id: str) -> str:
        entity = self.entities.get(entity_id)
        return entity.name if entity else entity_id

    def claim(
        self,
        *,
        subject: str,
        subject_label: str,
        property: str,
        value: str,
        doc: str,
        start: int,
        end: int,
        at: int | None = None,
        asserted_by: AssertedBy | None = None,
        **fields: object,
    ) -> Claim:
        """A claim about ``subject`` stated in ``doc[start:end]``; its source is whoever speaks at ``at``."""
        stated_at, estimated = self.stated_at(doc)
        text = self.documents[doc].text[start:end]
        fields.setdefault("hedged", hedged(self.documents[doc], start, end, start if at is None else at))
        key = f"{doc}:{start}:{end}:{subject}:{property}:{value}:{fields.get('qualifier')}"
        return Claim(
            id="claim-" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:12],
            subject=subject,
            subject_label=subject_label,
            property=property,
            value=value,
            stated_at=stated_at,
            stated_estimated=estimated,
            doc=doc,
            start=start,
            end=end,
            text=text.strip(),
            asserted_by=asserted_by or self.attribution.asserted_by(doc, start if at is None else at),
            **fields,  # type: ignore[arg-type]
        )
