"""The trained speech model: the quotation-mark state its units read, and how its spans join the rules' quotes."""

from __future__ import annotations

from pathlib import Path

import pytest

from storyline.extraction.quotes import extract_quotes, speech_model
from storyline.extraction.quotes.extractor import extract_rule_quotes
from storyline.extraction.quotes.token_quotes import quote_state
from storyline.extraction.quotes.unit_crf import MODEL_FILE
from storyline.records import QuoteMention


def test_quote_state_pairs_marks_and_runs_an_unclosed_quote_to_the_next_opening() -> None:
    words = '„ Erstens , " sagt er , „ zweitens geht es weiter . „ Drittens sei gut “ und fertig'.split()
    state = dict(zip(range(len(words)), quote_state(words), strict=True))
    assert [state[i] for i in range(4)] == ["open", "in", "in", "close"]
    assert state[4] == "out"  # sagt
    assert state[9] == "in"  # "zweitens": inside a quote left open until the next „
    assert state[words.index("“")] == "close"
    assert state[len(words) - 1] == "out"


def test_an_opening_mark_never_closed_covers_a_bounded_stretch() -> None:
    words = ["„", *(["Wort"] * 1000)]
    state = quote_state(words)
    assert state[0] == "open" and state[10] == "in" and state[-1] == "out"


def test_languages_without_a_speech_model_keep_the_rules_alone() -> None:
    text = '"We will rebuild the pier," the mayor said. She added that the council would pay.'
    assert speech_model.speech_model_path("en") is None
    assert extract_quotes(text, "en") == extract_rule_quotes(text, "en")


def test_combine_adds_only_spans_the_rules_did_not_touch(monkeypatch: pytest.MonkeyPatch) -> None:
    text = "Er sagte, das Wetter sei schön. Morgen regne es wieder und der Markt falle aus."
    rules = extract_rule_quotes(text, "de")
    assert any(m.kind == "indirect" for m in rules)
    first = text.index("das Wetter")
    second = text.index("Morgen")
    tagged = [(first, text.index("."), "indirect"), (second, len(text) - 1, "indirect")]
    monkeypatch.setattr(speech_model, "tag_speech", lambda *args, **kwargs: tagged)
    combined = speech_model.combine(text, "de", rules, "d1")
    added = [m for m in combined if m not in rules]
    assert [(m.text, m.kind, m.source) for m in added] == [(text[second : len(text) - 1], "indirect", None)]
    assert all(isinstance(m, QuoteMention) and m.doc == "d1" for m in added)


def test_the_german_profile_ships_its_speech_model() -> None:
    path = speech_model.speech_model_path("de")
    if path is None:
        pytest.skip("no German speech model named by the profile")
    assert (Path(path) / MODEL_FILE).exists() and (Path(path) / "meta.json").exists()
    text = (
        "Der Bürgermeister erklärte am Montag im Rathaus, die Brücke sei marode. "
        "Sie müsse im Frühjahr gesperrt werden, und die Stadt habe kein Geld für einen Neubau."
    )
    spans = speech_model.tag_speech(text, "de")
    assert all(0 <= s < e <= len(text) and k in ("direct", "indirect") for s, e, k in spans)
    quotes = extract_quotes(text, "de")
    assert any(q.kind == "indirect" and "marode" in q.text for q in quotes)


def test_a_folder_without_the_unit_model_counts_as_no_model(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A folder left from the retired spaCy span tagger (meta.json only) is not loaded: the rules stay alone."""
    import storyline.language.nlp as nlp

    (tmp_path / "speech_units_de").mkdir()
    (tmp_path / "speech_units_de" / "meta.json").write_text("{}", encoding="utf-8")
    monkeypatch.setattr(nlp, "models_dir", lambda: tmp_path)
    assert speech_model.speech_model_path("de") is None
