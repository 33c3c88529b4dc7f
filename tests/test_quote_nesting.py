"""A partial quote inside a reported statement of the same speaker is one statement with it (``within``)."""

from __future__ import annotations

import pytest

from storyline.extraction.quotes import extract_quotes
from storyline.records import Dossier, Entity, Quote, Speaker
from storyline.report.html import render_html
from storyline.report.json import dossier_to_json, validate_dossier
from storyline.report.quotes import format_quotes
from storyline.resolution import dossier_quotes
from storyline.resolution.quote_nesting import nest_partial_quotes

MARIA = Speaker(entity="person:maria-lopez", label="Maria Lopez", anonymous=False)
TOM = Speaker(entity="person:tom-keller", label="Tom Keller", anonymous=False)


def _quote(start: int, end: int, kind: str, speaker: Speaker, doc: str = "d1") -> Quote:
    return Quote(
        id=f"q:{doc}:{start}", doc=doc, start=start, end=end, text="x" * (end - start), kind=kind, speaker=speaker
    )


def test_a_partial_points_to_the_shortest_quote_of_its_speaker_that_holds_it() -> None:
    quotes = [
        _quote(0, 100, "indirect", MARIA),
        _quote(20, 60, "indirect", MARIA),
        _quote(30, 40, "partial", MARIA),
        _quote(70, 80, "partial", MARIA),
        _quote(120, 130, "partial", MARIA),  # outside every other quote
    ]
    within = [q.within for q in nest_partial_quotes(quotes)]
    assert within == [None, None, "q:d1:20", "q:d1:0", None]


@pytest.mark.parametrize(
    "holder",
    [
        _quote(0, 100, "indirect", TOM),  # another speaker's statement: the partial is not part of it
        _quote(0, 100, "indirect", MARIA, doc="d2"),  # another document
        _quote(0, 100, "partial", MARIA),  # a partial holds no statement
    ],
)
def test_no_link_across_speakers_documents_or_between_partials(holder: Quote) -> None:
    partial = _quote(30, 40, "partial", MARIA)
    assert nest_partial_quotes([holder, partial])[1].within is None


@pytest.mark.parametrize(
    ("text", "language", "quoted"),
    [
        (
            "Maria Lopez spoke during a 2022 interview, admitting she wants the council to "
            '"act more quickly" before the next flood.',
            "en",
            "act more quickly",
        ),
        (
            "Maria Lopez sagte am Montag, der Rat müsse „schneller handeln“, bevor die nächste Flut komme.",
            "de",
            "schneller handeln",
        ),
    ],
)
def test_a_reported_clause_and_its_quoted_words_are_one_statement(text: str, language: str, quoted: str) -> None:
    mentions = extract_quotes(text, language, "d1")
    assert {m.kind for m in mentions} >= {"indirect", "partial"}  # extraction keeps both mentions
    quotes = dossier_quotes(mentions, [])
    [partial] = [q for q in quotes if q.kind == "partial"]
    [clause] = [q for q in quotes if q.kind == "indirect"]
    assert partial.text == quoted and partial.within == clause.id and clause.within is None


def test_the_listing_shows_the_partial_under_its_clause_and_counts_one_statement() -> None:
    clause = _quote(0, 100, "indirect", MARIA)
    partial = _quote(30, 40, "partial", MARIA).model_copy(update={"within": clause.id, "text": "act more quickly"})
    dossier = Dossier(
        entities=[Entity(id=MARIA.entity or "", type="person", name="Maria Lopez")],
        quotes=[clause, partial, _quote(200, 220, "direct", MARIA)],
    )
    listing = format_quotes(dossier).splitlines()
    assert listing[0] == "- Maria Lopez [person:maria-lopez]: 2"
    assert listing[1].startswith("    d1 [indirect")
    assert listing[2].startswith("      ↳ within it [partial") and listing[2].endswith("act more quickly")
    assert listing[3].startswith("    d1 [direct")
    validate_dossier(dossier_to_json(dossier))  # the optional field is part of the contract
    html = render_html(dossier)
    assert "2 quotes" in html and "quoted words within it: “act more quickly”" in html
