"""German reported speech from a UD dependency parse (``[parsed]`` in data/de/speech.toml) and the German parser.

The rule tests build parsed Docs by hand (UD labels and features as the German parser gives them), so they
test the rules, not the parser's accuracy; the last tests load the shipped parser.
"""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

from storyline.extraction.quotes.dependency import doc_reports, lemma_of, parse_rules

# (word, UPOS, head index, dep, features)
Row = tuple[str, str, int, str, str]

SUB_PARATAXIS: list[Row] = [
    ("Die", "DET", 1, "det", ""),
    ("Ministerin", "NOUN", 2, "nsubj", ""),
    ("sagte", "VERB", 2, "ROOT", "Mood=Ind|VerbForm=Fin"),
    (",", "PUNCT", 7, "punct", ""),
    ("der", "DET", 5, "det", ""),
    ("Plan", "NOUN", 7, "nsubj", ""),
    ("sei", "AUX", 7, "aux", "Mood=Sub|Person=3|VerbForm=Fin"),
    ("gescheitert", "VERB", 2, "parataxis", "VerbForm=Part"),
    (".", "PUNCT", 2, "punct", ""),
]


def _doc(rows: list[Row]) -> Doc:
    vocab = spacy.blank("de").vocab
    return Doc(
        vocab,
        words=[r[0] for r in rows],
        spaces=[i + 1 < len(rows) and rows[i + 1][1] != "PUNCT" for i in range(len(rows))],
        pos=[r[1] for r in rows],
        heads=[r[2] for r in rows],
        deps=[r[3] for r in rows],
        morphs=[r[4] for r in rows],
    )


def _found(rows: list[Row]) -> list[tuple[str, str | None, str]]:
    doc = _doc(rows)
    text = doc.text
    return [
        (text[slice(*r.cue)], text[slice(*r.source)] if r.source else None, text[slice(*r.content)])
        for r in doc_reports(doc, "de")
    ]


def test_a_konjunktiv_clause_after_a_cue_is_reported() -> None:
    assert _found(SUB_PARATAXIS) == [("sagte", "Die Ministerin", "der Plan sei gescheitert")]


def test_the_same_clause_in_the_indicative_is_no_report() -> None:
    rows = [*SUB_PARATAXIS]
    rows[6] = ("ist", "AUX", 7, "aux", "Mood=Ind|Person=3|VerbForm=Fin")
    assert _found(rows) == []


def test_a_dass_clause_of_a_separable_cue_is_reported_and_the_particle_joins_the_cue() -> None:
    rows: list[Row] = [
        ("Er", "PRON", 1, "nsubj", ""),
        ("teilte", "VERB", 1, "ROOT", "Mood=Ind|VerbForm=Fin"),
        ("mit", "ADP", 1, "compound:prt", ""),
        (",", "PUNCT", 6, "punct", ""),
        ("dass", "SCONJ", 6, "mark", ""),
        ("er", "PRON", 6, "nsubj", ""),
        ("zurücktrete", "VERB", 1, "ccomp", "Mood=Sub|VerbForm=Fin"),
        (".", "PUNCT", 1, "punct", ""),
    ]
    assert _found(rows) == [("teilte mit", "Er", "dass er zurücktrete")]
    rules = parse_rules("de")
    assert rules is not None
    doc = _doc(rows)
    assert lemma_of(doc[1], rules) == "mitteilen"


def test_a_verb_that_only_reports_with_its_particle_is_no_cue_without_it() -> None:
    rows: list[Row] = [
        ("Er", "PRON", 1, "nsubj", ""),
        ("teilte", "VERB", 1, "ROOT", "Mood=Ind|VerbForm=Fin"),
        (",", "PUNCT", 5, "punct", ""),
        ("dass", "SCONJ", 5, "mark", ""),
        ("es", "PRON", 5, "nsubj", ""),
        ("reicht", "VERB", 1, "ccomp", "Mood=Ind|VerbForm=Fin"),
        (".", "PUNCT", 1, "punct", ""),
    ]
    assert _found(rows) == []
    rules = parse_rules("de")
    assert rules is not None and lemma_of(_doc(rows)[1], rules) == "teilte"


def test_a_clause_before_an_inverted_cue_is_reported() -> None:
    rows: list[Row] = [
        ("Der", "DET", 1, "det", ""),
        ("Plan", "NOUN", 3, "nsubj", ""),
        ("sei", "AUX", 3, "aux", "Mood=Sub|VerbForm=Fin"),
        ("gescheitert", "VERB", 5, "ccomp", "VerbForm=Part"),
        (",", "PUNCT", 3, "punct", ""),
        ("erklärte", "VERB", 5, "ROOT", "Mood=Ind|VerbForm=Fin"),
        ("die", "DET", 7, "det", ""),
        ("Ministerin", "NOUN", 5, "nsubj", ""),
        (".", "PUNCT", 5, "punct", ""),
    ]
    assert _found(rows) == [("erklärte", "die Ministerin", "Der Plan sei gescheitert")]


def test_english_keeps_its_lemmas_and_has_no_mood_rule() -> None:
    rules = parse_rules("en")
    assert rules is not None and not rules.mood_clause_deps and not rules.cue_stems


# ---------------------------------------------------------------- the shipped parser


@pytest.fixture(scope="module")
def german():
    from storyline.language.nlp import pipeline_for

    nlp = pipeline_for("de")
    if "parser" not in nlp.pipe_names:
        pytest.skip("the German pipeline has no parser")
    return nlp


def test_the_german_pipeline_parses_and_marks_konjunktiv_i(german) -> None:
    assert {"tagger", "morphologizer", "parser", "ner"} <= set(german.pipe_names)
    doc = german("Der Sprecher sagte, die Regierung sei bereit.")
    sei = next(t for t in doc if t.text == "sei")
    assert "Sub" in sei.morph.get("Mood")
    clause = next(t for t in doc if t.text == "bereit")
    assert clause.head.text == "sagte" and clause.dep_ in ("ccomp", "parataxis")  # the cue governs what was said


def test_the_parser_finds_a_konjunktiv_report_end_to_end(german) -> None:
    from storyline.extraction.quotes.dependency import parsed_speech

    text = "Die Bürgermeisterin sagte, der Steg werde im Mai wieder aufgebaut."
    reports = parsed_speech(text, "de").reports
    assert any(text[slice(*r.cue)] == "sagte" and "Steg werde" in text[slice(*r.content)] for r in reports)


def test_laut_names_the_source_of_the_rest_of_the_clause() -> None:
    rows: list[Row] = [
        ("Laut", "ADP", 1, "case", ""),
        ("Polizei", "NOUN", 6, "obl", ""),
        ("war", "AUX", 6, "cop", "Mood=Ind|VerbForm=Fin"),
        ("der", "DET", 4, "det", ""),
        ("Fahrer", "NOUN", 6, "nsubj", ""),
        ("schwer", "ADV", 6, "advmod", ""),
        ("betrunken", "ADJ", 6, "ROOT", ""),
        (".", "PUNCT", 6, "punct", ""),
    ]
    assert _found(rows) == [("Laut", "Polizei", "war der Fahrer schwer betrunken")]
    rows[0] = ("Mit", "ADP", 1, "case", "")
    assert _found(rows) == []


def test_a_prepositional_phrase_or_adverb_on_the_source_ends_it() -> None:
    rows: list[Row] = [
        ("Die", "DET", 1, "det", ""),
        ("Fähre", "NOUN", 2, "nsubj", ""),
        ("fahre", "VERB", 4, "ccomp", "Mood=Sub|VerbForm=Fin"),
        (",", "PUNCT", 2, "punct", ""),
        ("sagte", "VERB", 4, "ROOT", "Mood=Ind|VerbForm=Fin"),
        ("Tom", "PROPN", 4, "nsubj", ""),
        ("Keller", "PROPN", 5, "flat", ""),
        ("des", "DET", 8, "det", ""),
        ("Vereins", "NOUN", 5, "nmod", ""),
        ("am", "ADP", 10, "case", ""),
        ("Montag", "PROPN", 5, "nmod", ""),
        (".", "PUNCT", 4, "punct", ""),
    ]
    assert _found(rows) == [("sagte", "Tom Keller des Vereins", "Die Fähre fahre")]
