"""The neural German speech tagger: numpy forward pass equals torch's at export, and its use in combine."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from storyline.extraction.quotes.extractor import extract_rule_quotes
from storyline.extraction.quotes.neural_speech import (
    FLAG_NAMES,
    LABELS,
    encode,
    load_neural_tagger,
    token_spans,
)
from storyline.extraction.quotes.speech_model import combine, speech_model_path, tag_speech
from storyline.extraction.quotes.speech_units import unit_words
from storyline.language.nlp import models_dir
from storyline.records import QuoteMention

FIXTURE = Path(__file__).parent / "fixtures" / "neural_speech_de.json"
MODEL = models_dir() / "speech_neural_de"
pytestmark = pytest.mark.skipif(not (MODEL / "weights.npz").exists(), reason="speech_neural_de not installed")


def _encoded(text: str):
    tagger = load_neural_tagger(MODEL)
    mentions = [(m.start, m.end, m.kind) for m in extract_rule_quotes(text, "de", "t")]
    return tagger, encode(text, "de", unit_words("de"), tagger.vocab, mentions)


def test_numpy_forward_pass_equals_torch_at_export() -> None:
    cases = json.loads(FIXTURE.read_text(encoding="utf-8"))["cases"]
    assert len(cases) >= 3
    for case in cases:
        tagger, encoded = _encoded(case["text"])
        expected = np.array(case["emissions"])
        assert tagger.emissions(encoded).shape == expected.shape
        assert np.abs(tagger.emissions(encoded) - expected).max() < 2e-3
        assert tagger.decode(encoded) == case["labels"]


def test_fixture_holds_both_kinds_and_plain_narration() -> None:
    labels = [set(case["labels"]) for case in json.loads(FIXTURE.read_text(encoding="utf-8"))["cases"]]
    assert any("DIRECT" in found for found in labels)
    assert any("INDIRECT" in found for found in labels)
    assert {"O"} in labels


def test_encode_marks_quotes_rules_and_cues() -> None:
    text = "Sie sagte: „Wir kommen morgen.“ Er meinte, sie habe recht."
    _tagger, encoded = _encoded(text)
    flags = {name: i for i, name in enumerate(FLAG_NAMES)}
    words = [text[s:e] for s, e in encoded.spans]
    assert encoded.flags[words.index("„"), flags["q=open"]] == 1
    assert encoded.flags[words.index("Wir"), flags["q=in"]] == 1
    assert encoded.flags[words.index("Wir"), flags["R=direct"]] == 1
    assert encoded.flags[words.index("habe"), flags["sub"]] == 1
    assert encoded.flags[words.index("sagte"), flags["cue"]] == 1
    assert encoded.chars.shape == (len(words), 20)
    assert encoded.token_unit.max() == encoded.units - 1


def test_token_spans_are_runs_of_one_label() -> None:
    text = "a b c d e"
    _tagger, encoded = _encoded(text)
    labels = ["O", "DIRECT", "DIRECT", "INDIRECT", "O"]
    assert token_spans(encoded, labels) == [(2, 5, "DIRECT"), (6, 7, "INDIRECT")]
    assert set(LABELS) == {"O", "DIRECT", "INDIRECT"}


def test_german_profile_uses_the_neural_tagger() -> None:
    assert speech_model_path("de") == MODEL
    text = "Der Bürgermeister erklärte, die Stadt habe kein Geld mehr und könne die Schule nicht sanieren."
    spans = tag_speech(text, "de")
    assert spans and all(kind in ("direct", "indirect") for _, _, kind in spans)


def test_model_first_replaces_overlapping_rule_mentions() -> None:
    text = "Er sagte, die Brücke sei alt und müsse bald erneuert werden, weil sie rostet."
    rule = QuoteMention(
        doc="d", start=10, end=25, text=text[10:25], kind="indirect", cue="sagte", cue_start=3, cue_end=8
    )
    other = QuoteMention(doc="d", start=0, end=2, text=text[0:2], kind="scare")
    merged = combine(text, "de", [rule, other], "d", MODEL)
    speech = [m for m in merged if m.kind in ("direct", "indirect")]
    assert rule not in merged  # the model's span over it replaced it
    assert speech and speech[0].end > rule.end
    assert speech[0].cue == "sagte"  # attribution from the sentence (or the replaced rule mention)
