"""One-word name mentions that are common words (a courtesy word opening a quote) are nobody."""

from __future__ import annotations

import pytest

from storyline.records import NameMention, plain_document
from storyline.resolution.common_words import without_common_words


def _mention(text: str, words: str, label: str = "PER", nth: int = 0) -> NameMention:
    start = -1
    for _ in range(nth + 1):
        start = text.index(words, start + 1)
    return NameMention(doc="d", start=start, end=start + len(words), text=words, label=label)


@pytest.mark.parametrize(
    ("language", "text", "word"),
    [
        ("en", "“I have good friends … Please take your anger elsewhere,” she wrote.", "Please"),
        ("en", "Thanks for nothing, she told the council.", "Thanks"),
        ("de", "„Ich habe gute Freunde … Bitte lasst mich in Ruhe“, schrieb sie.", "Bitte"),
        ("de", "Danke für nichts, sagte sie dem Rat.", "Danke"),
    ],
)
def test_a_listed_courtesy_word_alone_is_never_a_name(language: str, text: str, word: str) -> None:
    anna = NameMention(doc="d", start=0, end=0, text="Anna Berg", label="PER")
    kept = without_common_words([anna, _mention(text, word)], [plain_document("d", text, language)])
    assert [m.text for m in kept] == ["Anna Berg"]


def test_a_sentence_opening_word_the_article_also_writes_in_lower_case_is_not_a_name() -> None:
    text = "The council met. Rebuild the pier first, the mayor said. We will rebuild it soon."
    kept = without_common_words([_mention(text, "Rebuild")], [plain_document("d", text, "en")])
    assert kept == []


@pytest.mark.parametrize(
    ("text", "mention"),
    [
        # part of a longer name in the collection: the first name of Rose Byrne
        ("Rose Byrne spoke first. Rose said the rose garden stays.", "Rose"),
        # inside a sentence a capital letter is evidence: "Mark" is a name, "mark" a noun
        ("The coach, Mark, set a mark nobody beat.", "Mark"),
        # never written in lower case in the article
        ("The tour ended. Maria said nothing.", "Maria"),
    ],
)
def test_real_one_word_names_stay(text: str, mention: str) -> None:
    names = [_mention(text, mention, nth=text.count(mention) - 1)]
    if "Byrne" in text:
        names.append(_mention(text, "Rose Byrne"))
    kept = without_common_words(names, [plain_document("d", text, "en")])
    assert mention in [m.text for m in kept]


def test_organisations_and_places_are_left_to_the_tagger_unless_listed() -> None:
    text = "Apple said so. An apple a day."
    kept = without_common_words([_mention(text, "Apple", label="ORG")], [plain_document("d", text, "en")])
    assert [m.text for m in kept] == ["Apple"]
