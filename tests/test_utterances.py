"""The same utterance across articles and languages: one id for its renderings, nothing shared by chance."""

from __future__ import annotations

import storyline
from storyline.records import Document, Quote, Speaker, plain_document
from storyline.report.html import render_html, utterance_renderings
from storyline.resolution.utterances import mark_utterances


def _quote(doc: str, start: int, text: str, entity: str | None, kind: str = "direct") -> Quote:
    return Quote(
        id=f"q:{doc}:{start}",
        doc=doc,
        start=start,
        end=start + len(text),
        text=text,
        kind=kind,  # type: ignore[arg-type]
        speaker=Speaker(entity=entity, label=entity or "a source", anonymous=entity is None),
    )


DOCUMENTS: list[Document] = [
    plain_document("de1", "x" * 400, "de"),
    plain_document("en1", "x" * 400, "en"),
    plain_document("en2", "x" * 400, "en"),
]


def _groups(quotes: list[Quote]) -> list[set[str]]:
    groups: dict[str, set[str]] = {}
    for quote in quotes:
        if quote.utterance:
            groups.setdefault(quote.utterance, set()).add(quote.id)
    return sorted(groups.values(), key=sorted)


def test_a_translated_quote_of_the_same_speaker_is_one_utterance() -> None:
    quotes = [
        _quote("de1", 10, "Das Gericht hat die Klage heute abgewiesen", "person:ada"),
        _quote("en1", 10, "The court dismissed the lawsuit today", "person:ada"),
        _quote("en1", 100, "We will open the new harbour museum in spring", "person:ada"),
    ]
    marked = mark_utterances(quotes, DOCUMENTS)
    assert _groups(marked) == [{"q:de1:10", "q:en1:10"}]
    assert marked[2].utterance is None  # said once: an utterance of its own, no id


def test_different_speakers_do_not_share_a_translated_utterance() -> None:
    quotes = [
        _quote("de1", 10, "Das Gericht hat die Klage heute abgewiesen", "person:ada"),
        _quote("en1", 10, "The court dismissed the lawsuit today", "person:bo"),
    ]
    assert _groups(mark_utterances(quotes, DOCUMENTS)) == []


def test_an_unlinked_speaker_can_share_an_utterance() -> None:
    quotes = [
        _quote("de1", 10, "Das Gericht hat die Klage heute abgewiesen", "person:ada"),
        _quote("en1", 10, "The court dismissed the lawsuit today", None),
    ]
    assert _groups(mark_utterances(quotes, DOCUMENTS)) == [{"q:de1:10", "q:en1:10"}]


def test_the_same_words_in_one_language_are_one_utterance_whoever_was_linked() -> None:
    quotes = [
        _quote("en1", 10, "a slap in the face from the grave.", "person:ada", "partial"),
        _quote("en2", 10, "a slap in the face from the grave", "person:bo", "partial"),
        _quote("en1", 100, "Salt & Ember", "person:ada", "partial"),  # two words: a name, not an utterance
        _quote("en2", 100, "Salt & Ember,", None, "partial"),
    ]
    assert _groups(mark_utterances(quotes, DOCUMENTS)) == [{"q:en1:10", "q:en2:10"}]


def test_reported_speech_follows_the_words_it_quotes() -> None:
    held = "wie eine Ohrfeige aus dem Grab"
    quotes = [
        _quote("de1", 0, f"der Ausschluss sei für ihn »{held}«", "person:ada", "indirect"),
        _quote("de1", 28, held, "person:ada", "partial"),
        _quote("en1", 10, "a slap in the face from the grave", "person:ada", "partial"),
    ]
    marked = mark_utterances(quotes, DOCUMENTS)
    assert _groups(marked) == [{"q:de1:0", "q:de1:28", "q:en1:10"}]


def test_the_report_lists_the_other_renderings() -> None:
    quotes = mark_utterances(
        [
            _quote("de1", 10, "Das Gericht hat die Klage heute abgewiesen", "person:ada"),
            _quote("en1", 10, "The court dismissed the lawsuit today", "person:ada"),
        ],
        DOCUMENTS,
    )
    dossier = storyline.Dossier(documents=DOCUMENTS, quotes=quotes)
    assert [q.id for q in utterance_renderings(dossier)["q:de1:10"]] == ["q:en1:10"]
    assert "also reported in" in render_html(dossier)
