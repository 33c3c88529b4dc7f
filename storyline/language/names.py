"""Names in a document: the language's NER pipeline over the cleaned text.

Very long texts are processed paragraph by paragraph (offsets kept), so that
a 100,000-character paragraph costs linear time and never exceeds spaCy's
length limit.
"""

from __future__ import annotations

from collections.abc import Iterator

from storyline.language.nlp import normalise_label, parse
from storyline.records import Document, NameMention

CHUNK_CHARS = 100_000


def find_names(document: Document) -> list[NameMention]:
    mentions: list[NameMention] = []
    for offset, chunk in chunks(document.text):
        doc = parse(document.language, chunk)  # kept: the quote finder reads the same parse
        for entity in doc.ents:
            label = normalise_label(entity.label_)
            if label is None:
                continue
            start, end = offset + entity.start_char, offset + entity.end_char
            mentions.append(
                NameMention(doc=document.id, start=start, end=end, text=document.text[start:end], label=label)
            )
    return mentions


def chunks(text: str) -> Iterator[tuple[int, str]]:
    """(offset, piece) pieces of at most ~CHUNK_CHARS, cut at paragraph or line ends where possible."""
    start = 0
    while start < len(text):
        end = min(start + CHUNK_CHARS, len(text))
        if end < len(text):
            cut = text.rfind("\n", start, end)
            end = cut + 1 if cut > start else end
        yield start, text[start:end]
        start = end
