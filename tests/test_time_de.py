"""German time grammar found through the GermEval development set (each case written for the test, not
taken from a data set), and the development set's reader and scorer."""

from __future__ import annotations

import pytest

from storyline.evaluation.germeval_time import detokenize
from storyline.evaluation.time import Span, score
from storyline.extraction.time import tag


def found(text: str, anchor: str | None = "2010-06-15", *, narrative: bool = True) -> list[tuple[str, str, str]]:
    """(text, type, value) of every expression, in text order."""
    return [(t.text, t.type, t.value) for t in tag(text, "de", anchor, narrative=narrative)]


# --------------------------------------------------------------------------- centuries and decades


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Die Kirche stammt aus dem 11. und 12. Jahrhundert.", [("11.", "10"), ("12. Jahrhundert", "11")]),
        (
            "Ende des 15. und zu Beginn des 16. Jahrhunderts wuchs die Stadt.",
            [("Ende des 15.", "14"), ("Beginn des 16. Jahrhunderts", "15")],
        ),
        ("Im 18. und frühen 19. Jahrhundert blühte der Handel.", [("18.", "17"), ("frühen 19. Jahrhundert", "18")]),
        ("Funde aus dem 3./4. Jahrhundert belegen das.", [("3.", "02"), ("4. Jahrhundert", "03")]),
        ("In der zweiten Hälfte des 17. Jahrhunderts fiel sie.", [("der zweiten Hälfte des 17. Jahrhunderts", "16")]),
        ("Zu Beginn des 20. Jahrhunderts wuchs sie.", [("Beginn des 20. Jahrhunderts", "19")]),
    ],
)
def test_centuries_alone_and_in_pairs(text: str, expected: list[tuple[str, str]]) -> None:
    assert [(t, v) for t, _, v in found(text)] == expected


@pytest.mark.parametrize(
    ("text", "expression", "value"),
    [
        ("Seit den 1950er Jahren wächst der Ort.", "den 1950er Jahren", "195"),
        ("Erst in den späten 1970er Jahren kam die Wende.", "den späten 1970er Jahren", "197"),
        ("Die 1920er-Jahre waren unruhig.", "Die 1920er-Jahre", "192"),
        ("Ende der achtziger Jahre schloss das Werk.", "Ende der achtziger Jahre", "198"),
        ("Die Sechzigerjahre brachten den Wandel.", "Die Sechzigerjahre", "196"),
        ("Seit den 50er Jahren gibt es das.", "den 50er Jahren", "195"),
    ],
)
def test_decades_keep_their_article_and_may_be_words(text: str, expression: str, value: str) -> None:
    assert (expression, "DATE", value) in found(text)


# --------------------------------------------------------------------------- ages and durations


@pytest.mark.parametrize(
    ("text", "expression", "kind", "value"),
    [
        ("Der Einbrecher störte die 52-jährige Mieterin.", "52-jährige", "AGE", "P52Y"),
        ("Die 17-jährige Anna K. wurde befragt.", "17-jährige", "AGE", "P17Y"),
        ("Ein zwölfjähriger Junge half.", "zwölfjähriger", "AGE", "P12Y"),
        ("Der 40-jährige Polizist schwieg.", "40-jährige", "AGE", "P40Y"),
        ("Das 150-jährige Jubiläum wurde gefeiert.", "150-jährige", "DURATION", "P150Y"),
        ("Nach 12-jähriger Bauzeit war es fertig.", "12-jähriger", "DURATION", "P12Y"),
        ("Sie galt mit einer dreijährigen Frist.", "dreijährigen", "DURATION", "P3Y"),
    ],
)
def test_lower_case_year_adjectives_are_ages_before_a_person(text: str, expression: str, kind: str, value: str) -> None:
    assert (expression, kind, value) in found(text)


def test_a_war_named_for_its_length_is_no_duration() -> None:
    assert found("Im Siebenjährigen Krieg wurde der Ort zerstört.") == []
    assert found("Nach dem Dreißigjährigen Krieg lag das Land brach.") == []


@pytest.mark.parametrize(
    ("text", "expression", "value"),
    [
        ("In den letzten 5 Tagen regnete es.", "den letzten 5 Tagen", "P5D"),
        ("Er blieb die nächsten Stunden im Haus.", "die nächsten Stunden", "PTXH"),
        ("In den vergangenen Wochen stieg der Preis.", "den vergangenen Wochen", "PXW"),
        ("Über die Jahre wuchs das Dorf.", "die Jahre", "PXY"),
        ("Diese drei Monate waren hart.", "Diese drei Monate", "P3M"),
    ],
)
def test_durations_keep_their_article(text: str, expression: str, value: str) -> None:
    assert (expression, "DURATION", value) in found(text)


def test_years_of_a_plural_noun_keep_the_article() -> None:
    assert [(t, v) for t, _, v in found("In den Jahren 1810 bis 1812 baute man.")] == [
        ("den Jahren 1810", "1810"),
        ("1812", "1812"),
    ]


# --------------------------------------------------------------------------- parts of a day


def test_the_night_before_a_day_is_that_days_eve() -> None:
    assert ("Nacht zum 14. März 1923", "TIME", "1923-03-13TNI") in found("In der Nacht zum 14. März 1923 brannte es.")
    assert ("Nacht auf Montag", "TIME", "2010-06-13TNI") in found(
        "In der Nacht auf Montag brannte es.", narrative=False
    )


def test_a_part_of_the_day_alone_is_that_of_the_day_under_discussion() -> None:
    text = "Am 2. Mai 1921 begann der Streik. Am Abend zogen die Arbeiter ab, bis in die Nacht."
    assert ("Abend", "TIME", "1921-05-02TEV") in found(text)
    assert ("Nacht", "TIME", "1921-05-02TNI") in found(text)
    assert found("Er kommt morgen.", narrative=False) == [("morgen", "DATE", "2010-06-16")]


def test_every_morning_is_a_set() -> None:
    assert found("Jeden Abend liest er.") == [("Jeden Abend", "SET", "XXXX-XX-XXTEV")]


# --------------------------------------------------------------------------- numbers that are no years


@pytest.mark.parametrize(
    "text",
    [
        "Rund 1500 Menschen kamen.",
        "Etwa 1800 der 2000 Arbeiter blieben.",
        "Das Tier wiegt über 1200 kg.",
        "Die Liste umfasst 1450 Einträge.",
        "Mindestens 1900 Stimmen fehlten.",
    ],
)
def test_counts_are_no_years(text: str) -> None:
    assert [t for t in found(text) if t[1] == "DATE"] == []


def test_years_of_three_digits_after_a_day_and_after_life_signs() -> None:
    assert ("9. Oktober 732", "DATE", "0732-10-09") in found("Die Schlacht endete am 9. Oktober 732 mit einem Sieg.")
    assert [(t, v) for t, _, v in found("Bischof Remigius († 533) und Karl (* 1712, † 1786)")] == [
        ("533", "0533"),
        ("1712", "1712"),
        ("1786", "1786"),
    ]


def test_an_abbreviated_month_before_a_name_is_a_first_name() -> None:
    assert found("Trainer Jan Peters lobte das Team.") == []
    assert ("5. Jan. 2004", "DATE", "2004-01-05") in found("Am 5. Jan. 2004 begann es.")


def test_the_second_christmas_day() -> None:
    assert ("zweiten Weihnachtsfeiertag", "DATE", "2009-12-26") in found(
        "Am zweiten Weihnachtsfeiertag 2009 schneite es.".replace(" 2009", ""), "2009-12-20", narrative=False
    )


# --------------------------------------------------------------------------- the dev set's reader and scorer


def test_detokenize_glues_punctuation_and_quotes() -> None:
    tokens = ["Er", "sagte", '"', "ja", '"', ",", "am", "5.", "Mai", "(", "1945", ")", "."]
    assert detokenize(tokens) == 'Er sagte "ja", am 5. Mai (1945).'
    assert detokenize(["„", "Nein", "“", "."]) == "„Nein“."


def test_a_gold_value_of_none_is_scored_for_its_extent_only() -> None:
    gold = [Span(0, 4, "DATE", None), Span(10, 14, "DATE", "1945")]
    system = [Span(0, 4, "DATE", "2010-06-14"), Span(10, 14, "DATE", "1946")]
    result = score([(gold, system)])
    assert result["strict"]["f1"] == 1.0
    assert result["value_accuracy"] == 0.0  # only the valued expression is judged, and it is wrong
    assert result["strict_value"]["recall"] == 0.5  # the extent-only one counts as right


def test_the_dev_annotations_fit_the_germeval_sentences() -> None:
    """Every record's text hash matches the rebuilt sentence, and every extent lies inside it."""
    from storyline.evaluation.germeval_time import germeval_dev, load_annotations
    from tests.conftest import DATASETS, need_shared

    need_shared(DATASETS / "germeval2014" / "NER-de-dev.tsv")
    documents = list(germeval_dev())
    assert len(documents) == len(load_annotations()) >= 500
    for doc in documents:
        assert all(0 <= g.start < g.end <= len(doc.text) and g.text == g.text.strip() for g in doc.gold)


@pytest.mark.parametrize(
    ("text", "expression", "kind", "value"),
    [
        ("Sie blieb ein bis zwei Wochen.", "ein bis zwei Wochen", "DURATION", "PXW"),
        ("Man lagert ihn 3 - 4 Jahre.", "3 - 4 Jahre", "DURATION", "PXY"),
        ("Er starb 1901 im Alter von 70 Jahren.", "70 Jahren", "AGE", "P70Y"),
        ("Die Zahl stieg bis mindestens 1985 an.", "1985", "DATE", "1985"),
        ("Er kam 1850. Gegen Ende des Jahrhunderts zog er fort.", "Ende des Jahrhunderts", "DATE", "18"),
        ("Kurze Zeit später trat er zurück.", "Kurze Zeit später", "DATE", "FUTURE_REF"),
        ("Der derzeitige Bürgermeister schwieg.", "derzeitige", "DATE", "PRESENT_REF"),
    ],
)
def test_ranges_of_counts_ages_and_vague_references(text: str, expression: str, kind: str, value: str) -> None:
    assert (expression, kind, value) in found(text)


def test_a_sum_of_money_is_no_year() -> None:
    assert found("Er stiftete 1500 Gulden.") == []


@pytest.mark.parametrize(
    ("text", "expression", "value"),
    [
        ("1871 zog er nach Rom. Ende desselben Jahres starb er.", "Ende desselben Jahres", "1871"),
        ("1871 zog er nach Rom. Zum Jahresende starb er.", "Jahresende", "1871"),
        ("1871 zog er nach Rom. Im Sommer starb er.", "Sommer", "1871-SU"),
        ("1871 zog er nach Rom. Im Winter starb er.", "Winter", "1871-WI"),
    ],
)
def test_narratives_keep_the_year_under_discussion(text: str, expression: str, value: str) -> None:
    assert (expression, "DATE", value) in found(text)


def test_soon_after_is_no_expression_and_week_words_take_every_case() -> None:
    assert found("Er hoffte, bald darauf zu siegen.") == []
    assert ("dieser Woche", "DATE", "2010-W24") in found("In dieser Woche fiel Regen.", narrative=False)
    assert ("den Sommermonaten", "DATE", "2010-SU") in found("In den Sommermonaten blüht er.", narrative=False)
    assert found("Es gilt eine 7-Tage-Frist.") == []


def test_a_year_pair_with_a_short_second_year() -> None:
    assert [(t, v) for t, _, v in found("Er diente im Krieg 1914-18.")] == [("1914", "1914"), ("18", "1918")]
    assert [(t, v) for t, _, v in found("Der Koreakrieg 1950–53 folgte.")] == [("1950", "1950"), ("53", "1953")]


def test_parts_of_a_day_named_by_reference() -> None:
    text = "Am 3. Mai 1943 kam er. Am selben Abend floh er, im Laufe des Tages fiel die Stadt."
    assert ("selben Abend", "TIME", "1943-05-03TEV") in found(text)
    assert ("Laufe des Tages", "DATE", "1943-05-03") in found(text)
    assert ("Morgenstunden des 22. Juni 1941", "TIME", "1941-06-22TMO") in found(
        "In den Morgenstunden des 22. Juni 1941 griff sie an."
    )
    early = found("Am frühen Morgen des 6. Juni 1944 kam er.")
    assert ("frühen Morgen des 6. Juni 1944", "TIME", "1944-06-06TMO") in early


def test_unit_after_and_before_count_from_the_reference_time() -> None:
    assert ("Tag darauf", "DATE", "1943-05-04") in found("Am 3. Mai 1943 kam er. Am Tag darauf ging er.")
    assert ("Monat zuvor", "DATE", "1943-04") in found("Im Mai 1943 kam er. Im Monat zuvor war er fort.")
    assert ("Jahr zuvor", "DATE", "1942") in found("1943 kam er. Im Jahr zuvor war er fort.")


def test_two_seasons_of_one_year_and_counts_of_weapons() -> None:
    assert [(t, v) for t, _, v in found("Im Sommer und Herbst 1916 lag er dort.")] == [
        ("Sommer", "1916-SU"),
        ("Herbst 1916", "1916-FA"),
    ]
    assert found("Mit 1200 Panzern griffen sie an.") == []
    assert found("Das gilt bis zum heutigen Tag.") == [("heutigen Tag", "DATE", "PRESENT_REF")]


def test_abbreviated_centuries_bare_decades_and_a_sentence_final_month() -> None:
    assert found("Im 12. Jh. entstand es.") == [("12. Jh.", "DATE", "11")]
    assert ("den 1990ern", "DATE", "199") in found("In den 1990ern wuchs sie.")
    assert ("Anfang der 80er", "DATE", "198") in found("Anfang der 80er kam er.")
    assert ("den Neunzigern", "DATE", "199") in found("In den Neunzigern wuchs sie.")
    # The sentence's full stop is no abbreviation dot; "Jan." keeps its own.
    assert [t for t, _, _ in found("Das geschah am 1. Mai. Am 5. kam er.")] == ["1. Mai", "5."]
    assert [t for t, _, _ in found("Am 5. Jan. kam er.")] == ["5. Jan."]


def test_only_is_no_part_of_a_duration() -> None:
    assert ("wenige Wochen", "DURATION", "PXW") in found("Er blieb nur wenige Wochen.")
    assert ("knapp drei Jahre", "DURATION", "P3Y") in found("Er blieb knapp drei Jahre.")
