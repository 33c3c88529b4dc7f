"""Sentence spans: abbreviations, quotes, paragraphs, and offsets that always point into the text."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from storyline.language.sentences import split_sentences


def _texts(text: str, language: str) -> list[str]:
    return [text[s.start : s.end] for s in split_sentences(text, language)]


def test_english_abbreviations_and_quotes() -> None:
    text = 'Dr. Miller met J. Doe on Dec. 9 2023 in the U.S. office. "It went well," he said. Then he left!'
    assert _texts(text, "en") == [
        "Dr. Miller met J. Doe on Dec. 9 2023 in the U.S. office.",
        '"It went well," he said.',
        "Then he left!",
    ]


def test_german_ordinals_and_abbreviations() -> None:
    text = "Am 26. Juni 2024 sagte Dr. Berg, es sei gut. „Wir sind froh“, sagte sie z.B. gestern. Ende."
    assert _texts(text, "de") == [
        "Am 26. Juni 2024 sagte Dr. Berg, es sei gut.",
        "„Wir sind froh“, sagte sie z.B. gestern.",
        "Ende.",
    ]


def test_paragraph_break_ends_a_sentence() -> None:
    assert _texts("A heading without a full stop\n\nThe body starts here.", "en") == [
        "A heading without a full stop",
        "The body starts here.",
    ]


@given(st.text(alphabet=st.sampled_from(list('ab .!?\n"“”„Dr')), max_size=300))
def test_spans_are_ordered_non_empty_and_inside_the_text(text: str) -> None:
    previous_end = 0
    for span in split_sentences(text, "en"):
        assert previous_end <= span.start < span.end <= len(text)
        assert text[span.start : span.end].strip() == text[span.start : span.end]
        previous_end = span.end
