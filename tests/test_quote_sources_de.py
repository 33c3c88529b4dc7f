"""German speakers: who says a reported clause when the subject is impersonal, inverted, or not named again.

Invented sentences of the shapes REDEWIEDERGABE marks (old spelling included: "daß", "Jch").
"""

from __future__ import annotations

import pytest

from storyline.extraction.quotes import extract_quotes
from storyline.extraction.quotes.attribution import clause_source, source_before, tokens
from storyline.extraction.quotes.extractor import extract_rule_quotes
from storyline.extraction.quotes.lexicon import speech_lexicon
from storyline.records import QuoteMention


def _speech(text: str) -> list[QuoteMention]:
    return [m for m in extract_quotes(text, "de") if m.kind in ("direct", "indirect")]


def _only(text: str) -> QuoteMention:
    found = _speech(text)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("text", "source"),
    [
        ("So glaubt man allgemein, daß die Brücke im Herbst gesperrt werde.", "man"),
        ("Es hieß, die Brücke werde im Herbst für ein Jahr gesperrt.", "Es"),
        ("Vielleicht muß man zugeben, daß die alte Brücke nicht mehr zu retten ist.", "man"),
    ],
)
def test_an_impersonal_subject_is_the_source(text: str, source: str) -> None:
    assert _only(text).source == source


@pytest.mark.parametrize(
    ("text", "source"),
    [
        ("Daraufhin erklärte der Bürgermeister, daß die Brücke noch ein Jahr gesperrt bleibe.", "der Bürgermeister"),
        ("Noch am selben Abend behauptete er, daß die Brücke längst hätte saniert werden müssen.", "er"),
        ("So glaubt man allgemein, daß die Brücke im Herbst gesperrt werde.", "man"),
    ],
)
def test_after_a_fronted_adverbial_the_subject_follows_the_verb_and_is_not_said(text: str, source: str) -> None:
    mention = _only(text)
    assert mention.source == source
    assert mention.text.startswith("daß die Brücke")  # neither the subject nor "allgemein" is part of what was said


@pytest.mark.parametrize(
    ("text", "source"),
    [
        ("Herr Brandt findet es ferner unmöglich, daß die Brücke noch ein Jahr gesperrt bleibt.", "Herr Brandt"),
        ("Kessler erklärt es für unnötig, daß die Brücke noch ein Jahr gesperrt bleibt.", "Kessler"),
        ("Maria sagte dem Reporter, dass die Brücke noch ein Jahr gesperrt bleibt.", "Maria"),
        ("Als Graf Holm fragte, ob die Brücke noch sicher sei, schwieg der ganze Rat.", "Graf Holm"),
    ],
)
def test_an_object_after_the_verb_is_not_the_source(text: str, source: str) -> None:
    assert _only(text).source == source


def test_the_verb_after_a_subordinate_clause_takes_the_subject_after_it() -> None:
    lexicon = speech_lexicon("de")
    assert lexicon is not None
    text = "Als ich den Wagen bewunderte, bemerkte er mir"
    words = tokens(text, 0, len(text))
    cue = next(w for w in words if w.text == "bemerkte")
    assert [w.text for w in clause_source(words, cue, lexicon)] == ["er"]


def test_a_konjunktiv_sentence_going_on_points_to_the_words_that_named_its_speaker() -> None:
    text = "Der Bürgermeister sagte, die Brücke bleibe gesperrt. Sie sei zu alt für schwere Lastwagen."
    first, second = extract_rule_quotes(text, "de")
    assert second.text.startswith("Sie sei")
    assert second.cue == "sei"
    assert (second.source_start, second.source_end) == (first.source_start, first.source_end) == (0, 17)


def test_a_konjunktiv_sentence_with_its_own_frame_is_that_frames_report() -> None:
    text = (
        "Der Bürgermeister sagte, die Brücke bleibe gesperrt. "
        "General Holm erwiderte, er könne die Sperre nicht hinnehmen."
    )
    second = extract_rule_quotes(text, "de")[1]
    assert second.source == "General Holm"
    assert second.cue == "erwiderte"
    assert second.text.startswith("er könne")


def test_a_first_person_sentence_does_not_go_on_with_the_last_speaker() -> None:
    text = "Der Bürgermeister sagte, die Brücke bleibe gesperrt. Jch glaube daher, daß er sich irrt."
    second = extract_rule_quotes(text, "de")[1]
    assert second.source == "Jch"
    assert second.text.startswith("daß er")


@pytest.mark.parametrize(
    ("text", "source", "cue"),
    [
        ("Der Gutachter weist nach, daß die Brücke zu alt für schwere Lastwagen ist.", "Der Gutachter", "weist"),
        ("Man vergißt dabei, daß die Brücke zu alt für schwere Lastwagen ist.", "Man", "vergißt"),
        ("Die Sitzung dauerte lange. Abg. Krüger schreit: „Das ist unerhört!“", "Krüger", "schreit"),
    ],
)
def test_a_frame_without_a_known_word_of_saying_still_names_its_subject(text: str, source: str, cue: str) -> None:
    lexicon = speech_lexicon("de")
    assert lexicon is not None
    start = max(text.find("daß"), text.find("„"))
    found = source_before(text, start, lexicon)
    assert found is not None and found.cue is not None
    assert (found.source, found.cue.text) == (source, cue)


def test_a_frame_without_punctuation_before_the_content_names_nobody() -> None:
    lexicon = speech_lexicon("de")
    assert lexicon is not None
    text = "Der Gutachter lief über die Brücke zu alt für schwere Lastwagen."
    assert source_before(text, text.find("zu alt"), lexicon) is None


def test_a_direct_quote_after_an_unknown_verb_and_a_colon_gets_its_speaker() -> None:
    text = "Die Sitzung dauerte lange. Abg. Krüger schreit: „Das ist unerhört!“ Danach wurde es still."
    quote = next(m for m in _speech(text) if m.kind == "direct")
    assert quote.source == "Krüger"


@pytest.mark.parametrize(
    ("text", "source"),
    [
        (
            "Die Sache war so verworren, daß der Notar, welcher die Papiere ausfertigte, erklärte, "
            "er könne die Brücke nicht verkaufen.",
            "der Notar",
        ),
        ("Mit wachsendem Unmut hatte Johannes Kern, der Lehrer, erfahren, daß die Brücke zu sei.", "Johannes Kern"),
    ],
)
def test_the_subject_before_a_relative_clause_or_an_apposition_is_the_source(text: str, source: str) -> None:
    assert _only(text).source == source


def test_an_inverted_subject_may_carry_adjectives() -> None:
    text = "Einige Jahre später klagte der liberale Abgeordnete Kern, daß die Brücke noch immer gesperrt sei."
    assert _only(text).source == "der liberale Abgeordnete Kern"


def test_laut_in_a_frame_without_a_word_of_saying_names_the_source() -> None:
    # "unterstütze" is no word of saying: the frame's source is the one "laut" names, not the clause's subject.
    text = (
        "Der Streit dauert an. Immerhin unterstütze Paul laut seines Anwalts, "
        '"dass die Kinder eine Beziehung zu ihrer Mutter haben." Mehr sagte er nicht.'
    )
    quote = next(m for m in extract_quotes(text, "de") if m.text.startswith("dass die Kinder"))
    assert (quote.cue, quote.source) == ("laut", "seines Anwalts")


def test_laut_with_a_noun_that_is_no_role_names_the_source_and_makes_no_report_of_its_own() -> None:
    # "Sprechers" starts like a word of saying, and the parser may hang the quoted clause on it.
    text = (
        "Der Streit dauert an. Immerhin unterstütze Paul laut seines Sprechers, "
        '"dass die Kinder eine Beziehung zu ihrer Mutter haben." Mehr sagte er nicht.'
    )
    found = [(m.kind, m.cue, m.source) for m in extract_quotes(text, "de")]
    assert found == [("partial", "laut", "seines Sprechers")]
