"""English reported speech: speaker labels, extents and sources (issue 4, fifth round on PolNeAR).

Sentences are made up for these tests; each asserts what one rule changes.
"""

from __future__ import annotations

from storyline.extraction.quotes import extract_quotes
from storyline.extraction.quotes.labels import speaker_label
from storyline.records import QuoteMention


def _speech(text: str) -> list[QuoteMention]:
    return [q for q in extract_quotes(text, "en") if q.kind in ("direct", "partial", "indirect")]


def _indirect(text: str) -> list[QuoteMention]:
    return [q for q in _speech(text) if q.kind == "indirect"]


# --------------------------------------------------------------------------- speaker labels


def test_speaker_label_names_a_speaker_not_a_kicker() -> None:
    text = "MARLOW: We will see about that tomorrow."
    label = speaker_label(text, 0, len(text), "en")
    assert label is not None
    assert (text[slice(*label.source)], text[slice(*label.cue)], text[label.content_start :]) == (
        "MARLOW",
        ":",
        "We will see about that tomorrow.",
    )
    assert speaker_label("Jane Ostrow: The plan will work.", 0, 32, "en") is not None
    for kicker in (
        "The Latest: Ostrow to visit the harbour today.",
        "Editor’s Note: This article was updated on Monday.",
        "Breaking: Ostrow quits the council.",
        "Q: Do you think the plan will work?",
        "Harbour Plan Wins In Council: Ostrow celebrates.",
    ):
        assert speaker_label(kicker, 0, len(kicker), "en") is None, kicker
    assert speaker_label("Contributing:\n\nJane Ostrow.", 0, 26, "de") is None  # no [labels] data for German


def test_transcript_paragraphs_quoted_whole_take_their_label_as_source() -> None:
    text = (
        "Part of the interview follows:\n\n"
        '"MARLOW: Let us start with the harbour. Why would the council sell it now?\n\n'
        '"OSTROW: Well, the council has argued about that plan for ten years, and it never found a buyer.\n'
    )
    quotes = _speech(text)
    marlow = next(q for q in quotes if q.text.startswith("Let us start"))
    ostrow = next(q for q in quotes if q.text.startswith("Well, the council"))
    assert (marlow.source, marlow.cue) == ('"MARLOW', ":") or (marlow.source, marlow.cue) == ("MARLOW", ":")
    assert "OSTROW" in (ostrow.source or "") and ostrow.cue == ":"
    assert not any(q.text.startswith(("MARLOW", "OSTROW")) for q in quotes)


def test_headline_with_a_speaker_label_is_reported_speech() -> None:
    text = "Survey: Ostrow and Marlow tied heading into the harbour vote.\n\nThe two candidates met on Monday."
    [quote] = [q for q in _indirect(text) if q.cue == ":"]
    assert (quote.source, quote.text) == ("Survey", "Ostrow and Marlow tied heading into the harbour vote")


def test_labels_without_a_clause_after_them_are_no_speech() -> None:
    text = "The count so far.\n\nOstrow: 547.\n\nMarlow: 46.\n\nThe Latest: Ostrow to visit the harbour on Monday.\n"
    assert not any(q.cue == ":" for q in _speech(text))


# --------------------------------------------------------------------------- extents


def test_a_later_cue_claims_the_quote_after_a_rule_report() -> None:
    text = (
        "Ostrow stressed her support of the harbour plan during a town hall meeting and said she has the one "
        'quality the job needs: "Patience, and more patience."'
    )
    [stressed] = [q for q in _indirect(text) if q.cue == "stressed"]
    assert stressed.text == "her support of the harbour plan"


def test_the_cue_of_a_quote_reports_nothing_more_after_it() -> None:
    text = '"This is not about politics," Ostrow said at the time. "I will tell the truth."'
    assert not any(q.text == "at the time" for q in _speech(text))


def test_per_before_a_bare_noun_names_no_source() -> None:
    text = "The new grant pays $40 per student, even if it does not bring the fees down to the old level."
    assert not any(q.cue == "per" for q in _speech(text))


def test_a_mostly_quoted_sentence_keeps_a_report_after_its_quote() -> None:
    text = '"We lost the harbour vote and I am not over it yet," she said, adding she would not run again.'
    [adding] = [q for q in _indirect(text) if q.cue == "adding"]
    assert (adding.text, adding.source) == ("she would not run again", "she")


def test_a_passive_cue_has_no_source_before_it() -> None:
    text = "Mr. Quill was accused by the regulator of hiding the ferry accounts from the harbour board."
    assert all(q.source != "Mr. Quill" for q in _indirect(text))


def test_a_cue_read_as_a_noun_takes_its_subject_as_source() -> None:
    """The parser sometimes reads "claims" in "But X claims that …" as a noun with X as its subject."""
    from spacy.tokens import Doc

    from storyline.extraction.quotes.dependency import _noun_report, parse_rules
    from storyline.language.nlp import pipeline_for

    doc = Doc(
        pipeline_for("en").vocab,
        words=["But", "Ostrow", "claims", "that", "she", "should", "be", "the", "exception", "."],
        spaces=[True] * 8 + [False, False],
        pos=["CCONJ", "PROPN", "NOUN", "SCONJ", "PRON", "AUX", "AUX", "DET", "NOUN", "PUNCT"],
        deps=["cc", "nsubj", "ROOT", "mark", "nsubj", "aux", "ccomp", "det", "attr", "punct"],
        heads=[2, 2, 2, 6, 6, 6, 2, 8, 6, 2],
        lemmas=["but", "Ostrow", "claim", "that", "she", "should", "be", "the", "exception", "."],
    )
    report = _noun_report(doc[2], parse_rules("en"))
    assert report is not None and report.source is not None
    assert (doc.text[slice(*report.source)], doc.text[slice(*report.content)]) == (
        "Ostrow",
        "that she should be the exception",
    )


def test_the_clause_after_a_cue_wins_over_one_before_it() -> None:
    text = (
        "The harbour vote split the council again on Tuesday: the fishermen said they are sure the mayor "
        "counted the ballots wrong."
    )
    [said] = [q for q in _indirect(text) if q.cue == "said"]
    assert said.text.startswith("they are sure") and said.source == "the fishermen"


def test_a_second_cue_with_its_own_subject_ends_the_first_report() -> None:
    text = (
        "She said the ferry would not stop at the old pier during the winter, and when asked about it, her "
        'aide replied, "The pier is not safe."'
    )
    [said] = [q for q in _indirect(text) if q.cue == "said"]
    assert said.text == "the ferry would not stop at the old pier during the winter"


def test_according_to_after_the_clause_it_attributes() -> None:
    text = (
        "The richest households would gain 19 percent, according to the Harbour Tax Institute, more than "
        "twice the rise it projected for the households in the middle of the income scale last year."
    )
    [quote] = [q for q in _indirect(text) if q.cue == "according to"]
    assert quote.text.startswith("The richest households") and quote.source == "the Harbour Tax Institute"
    cut = "She left in 1990 after, according to her, the editor of the paper cut her weekly column on the harbour."
    [quote] = [q for q in _indirect(cut) if q.cue == "according to"]
    assert quote.text.startswith("the editor of the paper")


def test_a_question_put_to_someone_has_no_source() -> None:
    text = "Asked about the harbour plan, Ostrow said she had not read it yet."
    asked = [q for q in _indirect(text) if (q.cue or "").lower().startswith("asked")]
    assert asked and all(q.source is None for q in asked)
    [said] = [q for q in _indirect(text) if q.cue == "said"]
    assert said.source == "Ostrow"


def test_a_title_case_headline_reports_with_its_capitalised_cue() -> None:
    text = "Retired Ferry Captain Says Ostrow Sold The Old Pier Too Cheaply.\n\nThe mayor spoke on Monday."
    [quote] = [q for q in _indirect(text) if q.cue == "Says"]
    assert (quote.source, quote.text) == ("Retired Ferry Captain", "Ostrow Sold The Old Pier Too Cheaply")
    [quote] = _indirect("Ostrow Urges Fishermen To Stay In The Harbour Union.\n\nThe vote is on Monday.")
    assert (quote.cue, quote.source, quote.text) == ("Urges", "Ostrow", "Fishermen To Stay In The Harbour Union")


def test_what_say_takes_as_its_object_was_said() -> None:
    text = "Most voters in the harbour district backed Ostrow, and a third of them said the same of Marlow."
    [quote] = [q for q in _indirect(text) if q.cue == "said"]
    assert (quote.text, quote.source) == ("the same of Marlow", "a third of them")


def test_a_frame_set_after_the_clause_verb_splits_one_report() -> None:
    text = (
        "The mayor held two long meetings, council officials said, the first with the fishermen and the second "
        "with the ferry crews."
    )
    said = [q for q in _indirect(text) if q.cue == "said"]
    assert sorted(q.text for q in said) == [
        "The mayor held two long meetings",
        "the first with the fishermen and the second with the ferry crews",
    ]
    assert {(q.cue_start, q.source) for q in said} == {(text.index("said"), "council officials")}
