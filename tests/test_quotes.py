"""Quote extraction: each phenomenon in English and German, on sentences written for the tests."""

from __future__ import annotations

import pytest

from storyline.extraction.quotes import extract_quotes
from storyline.extraction.quotes.marks import find_quoted_spans, typewriter_double_quotes


def _speech(text: str, language: str) -> list:
    return [q for q in extract_quotes(text, language) if q.kind in ("direct", "partial", "indirect")]


@pytest.mark.parametrize(
    ("text", "content"),
    [
        ('"We will rebuild the pier," the mayor said.', "We will rebuild the pier,"),
        ("“We will rebuild the pier,” the mayor said.", "We will rebuild the pier,"),
        ("„Wir bauen den Steg wieder auf“, sagte die Bürgermeisterin.", "Wir bauen den Steg wieder auf"),
        ("»Wir bauen den Steg wieder auf«, sagte die Bürgermeisterin.", "Wir bauen den Steg wieder auf"),
        ("«Wir bauen den Steg wieder auf», sagte die Bürgermeisterin.", "Wir bauen den Steg wieder auf"),
        ("„Wir bauen den Steg wieder auf”, sagte die Bürgermeisterin.", "Wir bauen den Steg wieder auf"),
    ],
)
def test_every_quote_style(text: str, content: str) -> None:
    assert [text[s.start : s.end] for s in find_quoted_spans(text)] == [content]


def test_direct_quote_with_named_speaker_cue_and_outlet() -> None:
    text = "“The pier will open in May,” Anna Berg told the Harbor Gazette on Monday."
    [quote] = _speech(text, "en")
    assert (quote.kind, quote.speaker, quote.cue, quote.reported_to) == (
        "direct",
        "Anna Berg",
        "told",
        "Harbor Gazette",
    )


def test_interrupted_quote_and_pronoun_chain() -> None:
    text = (
        "“The good news is that the ferry runs again,” Anna Berg said. "
        "“The bad news is the price,” she added. “It has doubled.”"
    )
    quotes = _speech(text, "en")
    assert [q.speaker for q in quotes] == ["Anna Berg"] * 3
    assert [q.cue for q in quotes][:2] == ["said", "added"]


def test_multi_paragraph_quote_and_lost_opening_mark() -> None:
    text = (
        "“The council met twice,” an insider revealed. “Both meetings went badly.\n\n"
        "Nobody wanted to talk about money,” they added."
    )
    quotes = _speech(text, "en")
    assert [q.text for q in quotes][-1] == "Nobody wanted to talk about money,"
    assert all(q.anonymous and q.speaker == "an insider" for q in quotes)


def test_anonymous_sources_stay_anonymous_in_both_languages() -> None:
    [en] = _speech('"They talk every week," a source close to the family said.', "en")
    assert en.anonymous and en.speaker == "a source close to the family"
    [de] = _speech("„Sie telefonieren jede Woche“, sagte ein Insider.", "de")
    assert de.anonymous and de.speaker == "ein Insider"


def test_first_person_post_with_channel() -> None:
    text = (
        "Anna Berg shared a photo of the pier on Sunday.\n\n"
        '"I am so proud of this town," she wrote in a since-deleted Instagram post.'
    )
    [quote] = _speech(text, "en")
    assert quote.speaker == "Anna Berg" and quote.channel == "Instagram post" and quote.cue == "wrote"


def test_quote_introduced_by_a_colon_paragraph() -> None:
    text = "Later that day, Tom Keller told reporters:\n\n“We are not giving up.”"
    [quote] = _speech(text, "en")
    assert quote.speaker == "Tom Keller" and quote.kind == "direct"


def test_partial_quote_woven_into_narration() -> None:
    text = 'Anna Berg called the decision "a good sign for the harbor" on Tuesday.'
    quotes = _speech(text, "en")
    [quote] = [q for q in quotes if q.kind == "partial"]
    assert (quote.kind, quote.text, quote.speaker) == ("partial", "a good sign for the harbor", "Anna Berg")
    # The clause the cue reports, holding the quoted words, is reported beside them (PolNeAR's partial content).
    assert [q.text for q in quotes if q.kind != "partial"] in ([], ['the decision "a good sign for the harbor"'])
    de = "Die Bürgermeisterin Anna Berg hielt die Entscheidung für „ein gutes Zeichen“."
    assert [q.kind for q in _speech(de, "de")] == ["partial"]


def test_indirect_speech_english() -> None:
    [said] = _speech("Anna Berg said that the ferry would run again in May.", "en")
    # The reported clause with its complementizer, as PolNeAR marks content.
    assert (said.kind, said.text, said.speaker) == ("indirect", "that the ferry would run again in May", "Anna Berg")
    [according] = _speech("According to the harbor office, the pier will reopen next spring.", "en")
    assert according.kind == "indirect" and according.source == "the harbor office"
    assert according.text == "the pier will reopen next spring"


def test_indirect_speech_german_with_cue_and_subjunctive() -> None:
    quotes = _speech(
        "Laut dem Hafenamt soll der Steg im Frühjahr öffnen. "
        "Die Bürgermeisterin erklärte, die Fähre fahre ab Mai wieder. "
        "Der Preis sei allerdings gestiegen.",
        "de",
    )
    kinds = [(q.kind, q.cue) for q in quotes]
    assert kinds[0] == ("indirect", "Laut")
    assert kinds[1] == ("indirect", "erklärte") and quotes[1].text == "die Fähre fahre ab Mai wieder"
    assert kinds[2] == ("indirect", "sei") and quotes[2].speaker == quotes[1].speaker


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ('The "Harbor Lights" singer returned to the stage.', "en"),
        ('Her song "Harbor Lights" topped the charts.', "en"),
        ("Die „Hafenlichter“-Sängerin kehrte zurück.", "de"),
        ('She thanked her "boys" for the flowers.', "en"),
    ],
)
def test_titles_and_scare_quotes_get_no_speaker(text: str, language: str) -> None:
    assert _speech(text, language) == []
    assert all(q.kind in ("title", "scare") and q.speaker is None for q in extract_quotes(text, language))


@pytest.mark.parametrize(
    "text",
    [
        'He said "we will go and then nothing closed it. Another sentence here.',
        "„Mismatched close” and »another one“ and «third» and ‘single’ and 'straight'.",
        '“Outer ‘inner’ and "straight" nested,” she said.',
        "It’s the boys’ mother’s car, isn’t it?",
        '"""""',
        "",
    ],
)
def test_broken_and_nested_marks_never_crash(text: str) -> None:
    for quote in extract_quotes(text, "en"):
        assert 0 <= quote.start <= quote.end <= len(text)
        assert text[quote.start : quote.end] == quote.text


def test_two_apostrophes_as_double_quotation_marks() -> None:
    text = (
        "''We will rebuild the pier,'' the mayor said. She would ''not wait,'' she added.\n"
        "''I said, 'No,''' he recalled."
    )
    scan = typewriter_double_quotes(text)
    assert len(scan) == len(text)
    contents = [text[s.start : s.end] for s in find_quoted_spans(scan)]
    assert contents == ["We will rebuild the pier,", "not wait,", "I said, 'No,'"]
    quotes = _speech(text, "en")
    assert [(q.text, q.kind, q.source) for q in quotes[:1]] == [("We will rebuild the pier,", "direct", "the mayor")]
    assert all(q.text == text[q.start : q.end] for q in quotes)
    assert typewriter_double_quotes("Don't, it's the boys' car") == "Don't, it's the boys' car"


def test_nested_quote_stays_inside_its_parent() -> None:
    text = "“I told him, ‘Look, it is over,’ and he left,” Anna Berg said."
    [quote] = _speech(text, "en")
    assert quote.text == "I told him, ‘Look, it is over,’ and he left,"


def test_long_paragraph_without_closing_mark_gives_a_sensible_result() -> None:
    # Speed on such input is measured in bench/quotes_speed.py, not here.
    text = 'She said "' + "the harbor is quiet and the boats are in. " * 2500  # ~100,000 characters
    quotes = extract_quotes(text, "en")
    assert all(q.end - q.start < 2000 for q in quotes if q.kind in ("direct", "partial"))


@pytest.mark.parametrize(
    ("text", "language", "speaker"),
    [
        (
            "Anna Berg is rebuilding her life after the storm.\n\n"
            "Her ex-husband Tom Keller said his lawyer would reply. Tom Keller's lawyer, Paul Roth, "
            "wrote to the court. Tom Keller later sold his boat. Tom Keller was not available.\n\n"
            "Days later, the singer took to Instagram to share her sadness.\n\n"
            '"I used to have the kids most of the time," she said in a now deleted post.',
            "en",
            "Anna Berg",
        ),
        (
            "Anna Berg baut ihr Leben nach dem Sturm neu auf.\n\n"
            "Ihr Ex-Mann Tom Keller kündigte eine Antwort seines Anwalts an. Tom Keller verkaufte sein Boot. "
            "Tom Keller war nicht zu erreichen.\n\n"
            "Tage später meldete sich die Sängerin auf Instagram.\n\n"
            "„Früher hatte ich die Kinder die meiste Zeit“, schrieb sie in einem inzwischen gelöschten Beitrag.",
            "de",
            "Anna Berg",
        ),
    ],
)
def test_first_person_post_belongs_to_the_articles_subject_of_the_pronouns_gender(
    text: str, language: str, speaker: str
) -> None:
    # Tom Keller is named more often, but "she"/"sie" is the woman the article is about.
    quotes = _speech(text, language)
    assert quotes[-1].speaker == speaker


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "Anna Berg answered her critics on Wednesday. "
            "She began her long message, which was all about the rumours, by writing:\n\n"
            "“I am not sure why people keep making things up.”",
            "en",
        ),
        (
            "Anna Berg antwortete am Mittwoch ihren Kritikern. "
            "Am Abend meldete sie sich auf Instagram erneut zu Wort und schrieb:\n\n"
            "„Ich weiß nicht, warum manche Leute sich Dinge ausdenken.“",
            "de",
        ),
        ("Tom Keller sprach am Montag vor dem Rat. Er sagte: „Wir geben nicht auf.“", "de"),
    ],
)
def test_colon_after_a_cue_takes_the_source_of_that_clause(text: str, language: str) -> None:
    [quote] = _speech(text, language)
    assert quote.kind == "direct" and quote.speaker in ("Anna Berg", "Tom Keller")
    assert quote.source is not None and quote.source.lower() in ("she", "sie", "er")


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "“The ferry will run again,” Tom Keller said on Monday. “It has been a hard winter,” he added. "
            "The harbour reopened in May.\n\n“We are ready,” he said.",
            "en",
        ),
        (
            "„Die Fähre fährt wieder“, sagte Tom Keller am Montag. „Es war ein harter Winter“, fügte er hinzu. "
            "Der Hafen öffnete im Mai.\n\n„Wir sind bereit“, sagte er.",
            "de",
        ),
    ],
)
def test_pronoun_and_added_chains_keep_the_speaker(text: str, language: str) -> None:
    quotes = _speech(text, language)
    assert [q.speaker for q in quotes] == ["Tom Keller"] * 3


def test_a_pronoun_after_a_described_subject_is_not_the_object_named_there() -> None:
    text = (
        "Anna Berg is a singer. She has two sons.\n\n"
        "The singer told her fans how much she misses Paul Roth and Max Roth in a long post. "
        "She began her message by writing:\n\n“I miss my boys every day.”"
    )
    [quote] = [q for q in _speech(text, "en") if q.kind == "direct"]
    assert quote.speaker == "Anna Berg"


def test_a_stray_opener_does_not_swallow_the_quotes_after_it() -> None:
    # The straight mark after "Hafen." never closes; the quotes inside its reach must stand on their own.
    text = (
        'Der Rat tagte im Hafen. "Die Sitzung dauerte lange. '
        + "Danach sprach der Bürgermeister über Geld und Zeit. " * 20
        + "„Wir bauen den Steg“, sagte Anna Berg. Später hieß es „ein gutes Zeichen“ im Rat."
    )
    contents = [text[s.start : s.end] for s in find_quoted_spans(text)]
    assert "Wir bauen den Steg" in contents and "ein gutes Zeichen" in contents


def test_old_german_nesting_keeps_the_outer_quote() -> None:
    text = "Er sagte: „Die „Russische“ Frage ist nicht gelöst, und wir warten.“ Dann ging er."
    [span] = find_quoted_spans(text)
    assert text[span.start : span.end] == "Die „Russische“ Frage ist nicht gelöst, und wir warten."


def test_unmarked_speech_after_a_cue_and_colon() -> None:
    [de] = _speech("Tom Keller stand auf. Aber Keller sprach: Wir geben den Hafen nicht auf.", "de")
    assert (de.kind, de.text, de.speaker) == ("direct", "Wir geben den Hafen nicht auf.", "Keller")
    assert _speech("Editor's note: The harbor office did not answer our questions.", "en") == []


def test_reported_clause_after_a_word_of_saying_or_thinking() -> None:
    text = (
        "Die Fischer klagen schon lange, dass der Hafen zu klein geworden sei. Es regnete so stark, dass niemand kam."
    )
    quotes = _speech(text, "de")
    assert [(q.kind, q.text) for q in quotes] == [("indirect", "dass der Hafen zu klein geworden sei")]


@pytest.mark.parametrize(
    ("text", "content", "source"),
    [
        (
            "Anna Berg, speaking to fishermen in the harbor, said the pier would reopen in May.",
            "the pier would reopen in May",
            "Anna Berg",
        ),
        (
            "The ferry will not run before June because the engine is broken, said Mr. Keller, the harbor master.",
            "The ferry will not run before June because the engine is broken",
            "Mr. Keller, the harbor master",  # the whole subject phrase, apposition included
        ),
        (
            "Anna Berg called for a new pier on the north side of the harbor.",
            "a new pier on the north side of the harbor",
            "Anna Berg",
        ),
        (
            "Tom Keller ran the harbor office for ten years, which was hard work, and said he would not stand again.",
            "he would not stand again",
            "Tom Keller",
        ),
    ],
)
def test_english_indirect_speech_frames(text: str, content: str, source: str) -> None:
    [quote] = _speech(text, "en")
    assert (quote.kind, quote.text, quote.source) == ("indirect", content, source)


@pytest.mark.parametrize(
    ("text", "language", "content", "source"),
    [
        (
            "The council met on Friday, shortly after Anna Berg said the ferry would run again in May.",
            "en",
            "the ferry would run again in May",
            "Anna Berg",
        ),
        (
            "In a statement, an attorney for the harbor master's former deputy Tom Keller says the talks take time.",
            "en",
            "the talks take time",
            "an attorney for the harbor master's former deputy Tom Keller",
        ),
    ],
)
def test_source_is_the_whole_subject_phrase(text: str, language: str, content: str, source: str) -> None:
    [quote] = _speech(text, language)
    assert (quote.kind, quote.text, quote.source) == ("indirect", content, source)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Sources close to her campaign say she stands fully behind the new plan.",
            [("say", "Sources close to her campaign", "she stands fully behind the new plan")],
        ),
        (
            "The mayor left the room, saying that he wants a bigger budget for the harbour.",
            [("saying", "The mayor", "that he wants a bigger budget for the harbour")],
        ),
        (
            "Merrill says Machado promised to resign from the board.",
            [
                ("says", "Merrill", "Machado promised to resign from the board"),
                ("promised", "Machado", "to resign from the board"),
            ],
        ),
        (
            "The senator, who has called for lower taxes, spoke of the legacy of the strike.",
            [
                ("has called for", "who", "lower taxes"),
                ("spoke of", "The senator, who has called for lower taxes", "the legacy of the strike"),
            ],
        ),
    ],
)
def test_reported_speech_from_the_dependency_parse(text: str, expected: list[tuple[str, str, str]]) -> None:
    from storyline.extraction.quotes.dependency import parsed_speech

    reports = parsed_speech(text, "en").reports
    found = [
        (
            text[r.cue[0] : r.cue[1]],
            text[r.source[0] : r.source[1]] if r.source else None,
            text[r.content[0] : r.content[1]],
        )
        for r in reports
    ]
    assert found == expected


def test_parsed_reports_join_the_rules_and_nest() -> None:
    text = "Merrill says Machado promised to resign from the board. Prices rose in five states last year."
    quotes = [(q.cue, q.text, q.kind) for q in _speech(text, "en")]
    assert ("says", "Machado promised to resign from the board", "indirect") in quotes
    assert ("promised", "to resign from the board", "indirect") in quotes
    assert all(cue != "states" for cue, _, _ in quotes)  # a noun, whatever the word list says


def test_a_quote_frame_with_nothing_said_after_it_is_no_indirect_report() -> None:
    text = "“We will rebuild the pier,” said Anna Berg at a conference in the harbour town."
    assert [(q.kind, q.text) for q in _speech(text, "en")] == [("direct", "We will rebuild the pier,")]


def test_languages_without_parse_rules_get_no_parsed_reports() -> None:
    from storyline.extraction.quotes.dependency import parsed_speech

    assert parsed_speech("La maire a dit que le pont sera reconstruit.", "fr").reports == []


def test_an_unclosed_german_quote_ends_before_a_dash_after_a_sentence_end() -> None:
    text = (
        "Der Bürgermeister sagte: „Wir öffnen die Brücke im Mai. Die Arbeiten liegen im Plan. — "
        "Im Nachbarort wurde am Sonntag ein neuer Sportplatz eingeweiht. Der Verein feierte bis in den Abend."
    )
    [span] = find_quoted_spans(text)
    assert span.close_mark is None and span.end == len(text)  # the marks alone run to the paragraph's end
    [quote] = [q for q in extract_quotes(text, "de") if q.kind == "direct"]
    assert quote.text == "Wir öffnen die Brücke im Mai. Die Arbeiten liegen im Plan."


@pytest.mark.parametrize(
    ("text", "pieces"),
    [
        (
            "Back in Ohio, she said, she started to build a new factory.",
            ["Back in Ohio", "she started to build a new factory"],
        ),
        ("The bridge, the engineer said, would be finished by May.", ["The bridge", "would be finished by May"]),
    ],
)
def test_a_frame_inside_a_reported_clause_splits_its_content(text: str, pieces: list[str]) -> None:
    """Both parts of the clause around "…, X said, …" are what was said, with one cue and source."""
    quotes = [q for q in _speech(text, "en") if q.kind == "indirect"]
    assert sorted(q.text for q in quotes) == sorted(pieces)
    assert len({(q.cue_start, q.source) for q in quotes}) == 1


@pytest.mark.parametrize(
    ("text", "first", "second", "source"),
    [
        (
            "The mayor said the bridge would stay open, arguing that the repairs were small.",
            "the bridge would stay open",
            "that the repairs were small",
            "The mayor",
        ),
        (
            "The governor said the river was clean and called the study a fraud.",
            "the river was clean",
            "the study a fraud",
            "The governor",
        ),
    ],
)
def test_a_second_cue_of_the_same_speaker_ends_the_first_report(
    text: str, first: str, second: str, source: str
) -> None:
    quotes = {q.text: q.source for q in _speech(text, "en") if q.kind == "indirect"}
    assert quotes == {first: source, second: source}


@pytest.mark.parametrize(
    ("text", "content"),
    [
        ("He criticized the council for its delays.", "the council for its delays"),
        ("She described the mayor as a careful planner.", "the mayor as a careful planner"),
    ],
)
def test_an_object_cue_reports_what_the_object_was_blamed_for_or_called(text: str, content: str) -> None:
    assert [q.text for q in _speech(text, "en") if q.kind == "indirect"] == [content]


@pytest.mark.parametrize(
    ("text", "cue"),
    [
        ("The mayor also said the bridge would stay open.", "also said"),
        ("The council has repeatedly noted that the river floods.", "has repeatedly noted"),
        ("When she said the plan would work, nobody listened.", "said"),
    ],
)
def test_an_adverb_before_the_cue_verb_belongs_to_the_cue(text: str, cue: str) -> None:
    assert [q.cue for q in _speech(text, "en") if q.kind == "indirect"] == [cue]


@pytest.mark.parametrize(
    ("text", "source"),
    [
        ("The council is raising questions about the budget.", "The council"),
        ("Anna Berg spoke out on Tuesday, saying: “We will rebuild the pier.”", "Anna Berg"),
        (
            "A report released by the council in May said the river was clean.",
            "A report released by the council in May",
        ),
        ("Ann Lee -- author of Reading The River -- said the dam was safe.", "Ann Lee -- author of Reading The River"),
    ],
)
def test_a_source_ends_before_the_verb_of_its_clause(text: str, source: str) -> None:
    assert [q.source for q in _speech(text, "en")] == [source]


def test_a_participle_set_off_by_commas_is_no_part_of_the_source() -> None:
    text = "The mayor, speaking to a crowd in Leeds, said the river was clean."
    assert [q.source for q in _speech(text, "en")] == ["The mayor"]


@pytest.mark.parametrize(
    ("text", "content", "cue", "source"),
    [
        ("They doubted her assurance that the pier was safe.", "that the pier was safe", "assurance", "her"),
        (
            "The mayor denied the earlier claim that the river had flooded.",
            "that the river had flooded",
            "earlier claim",
            None,
        ),
    ],
)
def test_a_noun_of_saying_reports_its_that_clause(text: str, content: str, cue: str, source: str | None) -> None:
    assert (content, cue, source) in [(q.text, q.cue, q.source) for q in _speech(text, "en")]


def test_a_relative_clause_on_a_noun_of_saying_is_no_report() -> None:
    assert _speech("The statement that she wrote was short.", "en") == []


@pytest.mark.parametrize(
    ("text", "clause"),
    [
        (
            "The mayor said that there were “many more” floods in the valley last year.",
            "that there were “many more” floods in the valley last year",
        ),
        ("She called the plan “a disaster” on Tuesday.", "the plan “a disaster”"),
    ],
)
def test_quoted_words_inside_a_reported_clause_keep_the_clause(text: str, clause: str) -> None:
    """PolNeAR's partial attribution: the clause the cue reports, holding the quoted words."""
    assert clause in [q.text for q in _speech(text, "en") if q.kind == "indirect"]


def test_a_sentence_adverb_before_the_subject_is_no_part_of_the_cue() -> None:
    text = "Meanwhile, Jayden Roth criticized the council for its slow response in a radio interview."
    cues = [q.cue for q in _speech(text, "en")]
    assert cues and all(cue is not None and not cue.startswith("Meanwhile") for cue in cues)
