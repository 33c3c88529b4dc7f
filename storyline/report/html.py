"""dossier.html: one offline file (inline CSS, no CDN, no script needed).

Every item (entity mention, quote, event mention, contradiction side) links to
the sentence it came from; the sentence is highlighted with CSS ``:target``.
Article text always goes through Jinja's autoescaping.
"""

from __future__ import annotations

import bisect
from pathlib import Path

from jinja2 import Environment, PackageLoader, select_autoescape

from storyline.records import Document, Dossier, Quote
from storyline.report.json import write_atomic


def _environment() -> Environment:
    environment = Environment(
        loader=PackageLoader("storyline.report", "templates"),
        autoescape=select_autoescape(["html", "j2"], default=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    return environment


class SentenceIndex:
    """Maps a character offset in a document to the id of its sentence anchor."""

    def __init__(self, dossier: Dossier) -> None:
        self._starts = {d.id: [s.start for s in d.sentences] for d in dossier.documents}

    def anchor(self, doc: str, offset: int) -> str:
        starts = self._starts.get(doc) or [0]
        position = max(bisect.bisect_right(starts, offset) - 1, 0)
        return f"s-{doc}-{position}"


def document_paragraphs(document: Document) -> list[list[tuple[str, str]]]:
    """The document as paragraphs of (anchor id, sentence text)."""
    paragraphs: list[list[tuple[str, str]]] = [[]]
    previous_end = 0
    for position, sentence in enumerate(document.sentences):
        if "\n" in document.text[previous_end : sentence.start] and paragraphs[-1]:
            paragraphs.append([])
        paragraphs[-1].append((f"s-{document.id}-{position}", document.text[sentence.start : sentence.end]))
        previous_end = sentence.end
    return [p for p in paragraphs if p]


def render_html(dossier: Dossier) -> str:
    template = _environment().get_template("dossier.html.j2")
    return template.render(
        dossier=dossier,
        anchors=SentenceIndex(dossier),
        paragraphs={d.id: document_paragraphs(d) for d in dossier.documents},
        texts={d.id: d.text for d in dossier.documents},
        labels={d.id: _short_label(d) for d in dossier.documents},
        renderings=utterance_renderings(dossier),
        statements=[q for q in dossier.quotes if q.within not in {other.id for other in dossier.quotes}],
        inside=quotes_within(dossier),
    )


def quotes_within(dossier: Dossier) -> dict[str, list[Quote]]:
    """Quote id -> the partial quotes within it (``within``): shown under it, not as statements of their own."""
    inside: dict[str, list[Quote]] = {}
    for quote in dossier.quotes:
        if quote.within is not None:
            inside.setdefault(quote.within, []).append(quote)
    return inside


def utterance_renderings(dossier: Dossier) -> dict[str, list[Quote]]:
    """Quote id -> the first quote of the same utterance in each other document (for "also reported in")."""
    by_utterance: dict[str, dict[str, Quote]] = {}
    for quote in dossier.quotes:
        if quote.utterance:
            by_utterance.setdefault(quote.utterance, {}).setdefault(quote.doc, quote)
    return {
        quote.id: [other for doc, other in by_utterance[quote.utterance].items() if doc != quote.doc]
        for quote in dossier.quotes
        if quote.utterance
    }


def _short_label(document: Document) -> str:
    """How a document is named next to an item: outlet and date when known, else its id."""
    return " · ".join(part for part in (document.outlet or document.id, document.published) if part)


def write_html(dossier: Dossier, path: str | Path) -> Path:
    return write_atomic(Path(path), render_html(dossier))
