"""Speech units (clauses), their features, the unit CRF's decoding, and who says a reported clause."""

from __future__ import annotations

import numpy as np

from storyline.extraction.quotes.attribution import clause_source, source_before, tokens
from storyline.extraction.quotes.extractor import extract_rule_quotes
from storyline.extraction.quotes.lexicon import speech_lexicon
from storyline.extraction.quotes.speech_units import labelled_spans, prepare, unit_words
from storyline.extraction.quotes.unit_crf import UnitCrf


def _unit_texts(text: str) -> list[str]:
    prepared = prepare(text, "de", unit_words("de"))
    return [text[prepared.spans[u.first][0] : prepared.spans[u.last - 1][1]] for u in prepared.units]


def test_units_end_at_colons_commas_and_quotation_marks_and_open_at_a_reported_clause() -> None:
    text = "Der Minister sagte: Wir bleiben. Er meinte, daß es regne. „Ich komme“, rief sie."
    assert _unit_texts(text) == [
        "Der Minister sagte:",
        "Wir bleiben.",
        "Er meinte,",
        "daß es regne.",
        "„Ich komme“",
        ", rief sie.",
    ]


def test_unit_features_see_deixis_subjunctive_colon_and_the_rules() -> None:
    text = "Der Minister sagte: Wir bleiben hier. Er sei krank."
    known = unit_words("de")
    start = text.index("Wir")
    prepared = prepare(text, "de", known, [(start, text.index("."), "direct")])
    first, second, third = prepared.features
    assert "cue" in first and "end=:" in first
    assert {"deix", "before=:", "R:direct=all", "P:cue"} <= set(second)
    assert "sub" in third and "colonC=1" in third
    assert "deix" not in first and "N:deix" in first


def test_crf_decoding_follows_transitions_and_runs_become_spans() -> None:
    labels = ("O", "DIRECT", "INDIRECT")
    crf = UnitCrf(
        labels=labels,
        start=np.zeros(3),
        transitions=np.array([[0.0, 0.0, 0.0], [0.0, 2.0, -1.0], [0.0, -1.0, 2.0]]),
        weights={"deix": np.array([0.0, 3.0, 0.0]), "sub": np.array([0.0, 0.0, 4.0]), "bias": np.array([0.5, 0, 0])},
    )
    # The middle unit has no evidence of its own: the DIRECT before it carries over.
    assert crf.decode([["bias", "deix"], ["bias"], ["bias", "sub"]]) == ["DIRECT", "DIRECT", "INDIRECT"]
    assert UnitCrf.from_json(crf.to_json()).decode([["bias"]]) == ["O"]
    text = "Er sagte: Wir bleiben. Er sei krank."
    prepared = prepare(text, "de", unit_words("de"))
    spans = labelled_spans(prepared, ["O", "DIRECT", "INDIRECT"])
    assert [(text[s:e], k) for s, e, k in spans] == [("Wir bleiben.", "DIRECT"), ("Er sei krank.", "INDIRECT")]


def test_the_source_of_a_reported_clause_stands_before_its_verb_or_right_after_it() -> None:
    lexicon = speech_lexicon("de")

    def source(clause_text: str, cue: str) -> str:
        words = tokens(clause_text, 0, len(clause_text))
        found = clause_source(words, next(w for w in words if w.text == cue), lexicon)
        return " ".join(w.text for w in found)

    assert source("Neuerdings verlangt die Kommission", "verlangt") == "die Kommission"
    assert source("Jch glaube daher auch", "glaube") == "Jch"
    assert source("Er erklärte die Sache", "erklärte") == "Er"
    assert source("Weiter sagt die „Kreuzzeitung“", "sagt") == "die Kreuzzeitung"
    assert source("Nun bemerkt über die Rede", "bemerkt") == ""


def test_rules_name_the_subject_of_an_inverted_reporting_verb() -> None:
    text = "Neuerdings verlangt die Kommission, daß die Akten vollständig eingereicht werden."
    (quote,) = [m for m in extract_rule_quotes(text, "de") if m.kind == "indirect"]
    assert quote.source == "die Kommission" and quote.cue == "verlangt"
    text = "Jch glaube daher auch, daß meine Darlegungen richtig sind und bleiben werden."
    (quote,) = [m for m in extract_rule_quotes(text, "de") if m.kind == "indirect"]
    assert quote.source == "Jch"


def test_source_before_reads_the_frame_of_a_span_found_without_one() -> None:
    lexicon = speech_lexicon("de")
    text = "Das ist lange her. Darauf erwiderte der Minister, die Lage bleibe ernst."
    found = source_before(text, text.index("die Lage"), lexicon)
    assert found is not None and found.source == "der Minister" and found.cue.text == "erwiderte"
    assert source_before(text, text.index("ist"), lexicon) is None


def test_a_quote_after_an_inverted_cue_and_a_colon_takes_the_subject_after_the_verb() -> None:
    text = "Von einem Stein getroffen und nicht mehr im Stande, weiterzugehen, rief der Wanderer: „Das ist das Ende!“"
    (quote,) = [m for m in extract_rule_quotes(text, "de") if m.kind == "direct"]
    assert quote.source == "der Wanderer" and quote.cue == "rief"
    text = "Anna Roth sprach vor dem Rat. Sie sagte: „Wir bleiben hier.“"
    (quote,) = [m for m in extract_rule_quotes(text, "de") if m.kind == "direct"]
    assert quote.source == "Sie"


def test_a_separable_verb_of_saying_is_a_cue_only_with_its_particle_at_the_clause_end() -> None:
    lexicon = speech_lexicon("de")
    assert lexicon is not None
    [indirect] = extract_rule_quotes("Die Ministerin führte im Landtag aus, der Haushalt sei ausgeglichen.", "de")
    assert (indirect.kind, indirect.text, indirect.source) == (
        "indirect",
        "der Haushalt sei ausgeglichen",
        "Die Ministerin",
    )
    [hint] = extract_rule_quotes("Der Verband wies darauf hin, dass die Preise im Winter steigen würden.", "de")
    assert (hint.kind, hint.source) == ("indirect", "Der Verband")
    [direct] = extract_rule_quotes("„Wir schließen das Werk nicht“, hob die Sprecherin hervor.", "de")
    assert (direct.kind, direct.source, direct.cue) == ("direct", "die Sprecherin", "hob")
    # Without its particle the verb says nothing about speech.
    assert extract_rule_quotes("Die Ministerin führte die Delegation durch das neue Rathaus.", "de") == []
    known = unit_words("de")
    cue_units = [
        "cue" in names
        for names in prepare("Er führte die Gäste ins Haus. Sie führte danach aus, alles bleibe.", "de", known).features
    ]
    assert cue_units == [False, True, False]


def test_a_crf_reads_the_parse_only_when_a_parse_feature_has_a_weight() -> None:
    def crf(*names: str) -> UnitCrf:
        return UnitCrf(("O", "DIRECT"), np.zeros(2), np.zeros((2, 2)), {n: np.array([0.0, 1.0]) for n in names})

    assert not crf("deix", "P:sub").reads_parse
    assert crf("deix", "P:dep:mood").reads_parse
