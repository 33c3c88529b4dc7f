"""Who asserts a sentence: the speaker of the quote it sits in, else the outlet's own narration."""

from __future__ import annotations

from storyline.language.registry import default_registry
from storyline.records import AssertedBy, Document, Quote


class Attribution:
    """Finds, for a character offset in a document, the quote around it and says who asserts it there."""

    def __init__(self, documents: list[Document], quotes: list[Quote]) -> None:
        self._outlets = {d.id: d.outlet or d.id for d in documents}
        self._quotes: dict[str, list[Quote]] = {}
        for quote in quotes:
            self._quotes.setdefault(quote.doc, []).append(quote)
        channels = default_registry().common.get("claims", {}).get("post_channels", [])
        self._post_channels = {c.lower() for c in channels}

    def outlet(self, doc: str) -> str:
        return self._outlets.get(doc, doc)

    def quote_at(self, doc: str, offset: int) -> Quote | None:
        """The shortest quote whose content holds ``offset``."""
        around = [q for q in self._quotes.get(doc, []) if q.start <= offset < q.end]
        return min(around, key=lambda q: q.end - q.start, default=None)

    def asserted_by(self, doc: str, offset: int) -> AssertedBy:
        outlet = self.outlet(doc)
        quote = self.quote_at(doc, offset)
        if quote is None:
            return AssertedBy(kind="narration", label=outlet, outlet=outlet)
        speaker = quote.speaker
        if speaker.anonymous:
            return AssertedBy(kind="anonymous", label=speaker.label, outlet=outlet)
        kind = "first_person_post" if self._is_post(quote.channel) else "speaker"
        return AssertedBy(kind=kind, label=speaker.label, entity=speaker.entity, outlet=outlet)

    def _is_post(self, channel: str | None) -> bool:
        """ "Instagram post", "post", "X": a channel named by one of the post words."""
        words = (channel or "").casefold().split()
        return any(w in self._post_channels for w in words) or " ".join(words) in self._post_channels
