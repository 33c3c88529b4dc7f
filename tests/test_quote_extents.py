"""Where reported content ends: at the sentence's end, also when the verb phrase is elided."""

from __future__ import annotations

import pytest

from storyline.extraction.quotes import extract_quotes


@pytest.mark.parametrize(
    ("text", "content"),
    [
        # "… she had not": the verb phrase is elided in the text itself; the content is all there is.
        ("Tom later shared photos of the boat on Instagram to assure Anna he had not.", "he had not"),
        ("Tom later shared photos on Instagram to assure Anna he had not sold the boat.", "he had not sold the boat"),
    ],
)
def test_a_negated_auxiliary_ends_the_content_only_where_the_sentence_does(text: str, content: str) -> None:
    [quote] = [m for m in extract_quotes(text, "en") if m.kind == "indirect"]
    assert quote.text == content and quote.source == "Tom"
