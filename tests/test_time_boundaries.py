"""A time expression never runs across a sentence boundary."""

from storyline.extraction.time import tag_times


def test_month_then_sentence_starting_with_last_year_are_two_expressions() -> None:
    text = "She opened the shop in November. Last year she lived in York."
    found = [(t.text, t.value) for t in tag_times(text, "en", "2025-12-01", "d")]
    assert found == [("November", "2025-11"), ("Last year", "2024")]


def test_abbreviated_month_before_last_year_is_one_expression() -> None:
    found = [(t.text, t.value) for t in tag_times("It closed in Nov. last year.", "en", "2025-12-01", "d")]
    assert found == [("Nov. last year", "2024-11")]
