"""A quote's source as written is the noun phrase naming the speaker, not the clause around it."""

from __future__ import annotations

import pytest

from storyline.extraction.quotes import extract_quotes
from storyline.extraction.quotes.attribution import after_clause_opener, tokens
from storyline.extraction.quotes.lexicon import speech_lexicon


def _sources(text: str, language: str) -> dict[str, str | None]:
    return {m.kind: m.source for m in extract_quotes(text, language) if m.kind in ("direct", "indirect")}


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Maria habe stets betont, wie wichtig ihr ihre Arbeit ist.", "indirect"),
        ("Maria hat immer wieder betont, dass ihr die Arbeit wichtig sei.", "indirect"),
        ("Maria habe stets gesagt: „Die Brücke bleibt gesperrt.“", "direct"),
        ("Maria had always insisted that the bridge would stay closed for a year.", "indirect"),
    ],
)
def test_the_source_ends_before_a_finite_auxiliary(text: str, kind: str) -> None:
    language = "en" if " the " in text else "de"
    assert _sources(text, language)[kind] == "Maria"


@pytest.mark.parametrize(
    "text",
    [
        "Am Montag hatte der Minister erklärt, dass die Brücke gesperrt bleibe.",
        "Am Montag hatte der Minister gesagt: „Die Brücke bleibt gesperrt.“",
    ],
)
def test_an_inverted_subject_after_the_auxiliary_is_the_source(text: str) -> None:
    assert set(_sources(text, "de").values()) == {"der Minister"}


@pytest.mark.parametrize(
    "frame",
    [
        "That’s when Maria finally brought up her plans — revealing that she hopes to move:",
        "That is when Maria told reporters:",
        "It was when Maria wrote:",
    ],
)
def test_a_clause_opener_before_the_speaker_is_not_part_of_the_source(frame: str) -> None:
    text = f"The tour ended early.\n\n{frame}\n\n“I miss the old town every day.”"
    assert _sources(text, "en")["direct"] == "Maria"


def test_a_subordinator_after_a_content_word_is_a_preposition_inside_the_phrase() -> None:
    lexicon = speech_lexicon("en")
    assert lexicon is not None
    words = tokens("Friends since the war", 0, 21)
    assert after_clause_opener(words, lexicon) == words
    opened = tokens("That’s when Maria", 0, 17)
    assert [w.text for w in after_clause_opener(opened, lexicon)] == ["Maria"]


def test_a_name_after_a_cleft_is_the_source() -> None:
    text = "Several former staff complained. That was what Anna Roth said when she resigned from the network last year."
    assert _sources(text, "en")["indirect"] == "Anna Roth"
