"""The temporal tagger's reference time, comparisons, tense cues and the families added for
TempEval-3 and German narratives (each in English and German where the language has it)."""

from __future__ import annotations

import pytest

from storyline.extraction.time import tag
from storyline.extraction.time.calendar import duration


def values(text: str, language: str, anchor: str | None, *, narrative: bool = False) -> dict[str, str]:
    """expression text -> value"""
    return {t.text: t.value for t in tag(text, language, anchor, narrative=narrative)}


def expect(text: str, language: str, anchor: str | None, expression: str, value: str, **kwargs: bool) -> None:
    result = values(text, language, anchor, **kwargs)
    assert result.get(expression) == value, result


# --------------------------------------------------------------------------- reference time (anaphora)


@pytest.mark.parametrize(
    ("text", "language", "expression", "value"),
    [
        # News mode: "the following year" counts from the year just mentioned, "next year" from the DCT.
        ("The plant opened in 1995. The following year it closed.", "en", "The following year", "1996"),
        ("He was promoted in March 2001, and the following month he resigned.", "en", "the following month", "2001-04"),
        ("The law passed on May 3, 2001. That same day the minister resigned.", "en", "That same day", "2001-05-03"),
        ("Das Werk öffnete 1995. Im folgenden Jahr wurde es geschlossen.", "de", "folgenden Jahr", "1996"),
        ("Am 3. Mai 2001 fiel die Entscheidung, am selben Tag trat er zurück.", "de", "selben Tag", "2001-05-03"),
    ],
)
def test_anaphoric_expressions_count_from_the_last_date(text: str, language: str, expression: str, value: str) -> None:
    expect(text, language, "2023-12-08", expression, value)


def test_deictic_expressions_still_count_from_the_document_date() -> None:
    expect("The plant opened in 1995. Next year it will reopen.", "en", "2023-12-08", "Next year", "2024")
    expect(
        "Das Werk öffnete 1995. Im nächsten Jahr soll es wieder öffnen.", "de", "2023-12-08", "nächsten Jahr", "2024"
    )


@pytest.mark.parametrize(
    ("text", "language", "expression", "value"),
    [
        (
            "Troops landed on June 25, 1950. In April of the following year the front held.",
            "en",
            "April of the following year",
            "1951-04",
        ),
        (
            "Troops landed on June 25, 1950. In the spring of that year nothing moved.",
            "en",
            "the spring of that year",
            "1950-SP",
        ),
        (
            "Troops landed on June 25, 1950. The following spring the front held.",
            "en",
            "The following spring",
            "1951-SP",
        ),
        (
            "Am 25. Juni 1950 landeten Truppen. Im April des folgenden Jahres hielt die Front.",
            "de",
            "April des folgenden Jahres",
            "1951-04",
        ),
        (
            "Am 25. Juni 1950 landeten Truppen. Im Herbst desselben Jahres kam es zu Kämpfen.",
            "de",
            "Herbst desselben Jahres",
            "1950-FA",
        ),
        ("Am 25. Juni 1950 landeten Truppen. Im Jahr darauf kam der Waffenstillstand.", "de", "Jahr darauf", "1951"),
        ("Am 25. Juni 1950 landeten Truppen. Am Vortag war der Befehl gekommen.", "de", "Vortag", "1950-06-24"),
        (
            "Am 25. Juni 1950 landeten Truppen. Am nächsten Morgen griffen sie an.",
            "de",
            "nächsten Morgen",
            "1950-06-26TMO",
        ),
    ],
)
def test_narrative_months_and_seasons_of_a_relative_year(text: str, language: str, expression: str, value: str) -> None:
    expect(text, language, "2011-04-12", expression, value, narrative=True)


def test_month_of_last_year_keeps_month_precision() -> None:
    expect("In June last year the talks collapsed.", "en", "2023-12-08", "June last year", "2022-06")
    expect("In January this year the talks resumed.", "en", "2023-12-08", "January this year", "2023-01")


# --------------------------------------------------------------------------- financial comparisons


def test_year_earlier_means_the_same_quarter_once_a_quarter_is_under_discussion() -> None:
    text = "Profit rose 5% in the third quarter to $5 million from $4 million a year earlier."
    expect(text, "en", "1989-11-02", "a year earlier", "1988-Q3")
    expect(
        "In the third quarter sales fell. In the year-ago quarter they had risen.",
        "en",
        "1989-11-02",
        "the year-ago quarter",
        "1988-Q3",
    )


def test_year_earlier_without_a_quarter_is_a_year() -> None:
    expect("A year earlier the company had been sold.", "en", "1989-11-02", "A year earlier", "1988")


def test_latest_quarter_is_the_last_completed_one() -> None:
    expect("Earnings fell in the latest quarter.", "en", "1989-11-02", "the latest quarter", "1989-Q3")


# --------------------------------------------------------------------------- tense and direction


@pytest.mark.parametrize(
    ("text", "expression", "value"),
    [
        ("Qantas will double its flights by August.", "August", "1998-08"),
        ("The talks are supposed to conclude by May.", "May", "1998-05"),
        ("The team planned to leave Nairobi on Thursday.", "Thursday", "1998-02-19"),
        ("Prices have fallen since November.", "November", "1997-11"),
        ("Elian was found Thanksgiving Day clinging to an inner tube.", "Thanksgiving Day", "1997-11-27"),
    ],
)
def test_direction_from_prepositions_and_plans(text: str, expression: str, value: str) -> None:
    expect(text, "en", "1998-02-13", expression, value)


def test_weekend_just_past_and_coming() -> None:
    expect("Officials confirmed over the weekend that troops left.", "en", "1990-08-13", "the weekend", "1990-W32-WE")
    expect("Traders will square positions before the weekend.", "en", "1989-10-25", "the weekend", "1989-W43-WE")


def test_christmas_in_january_was_last_christmas() -> None:
    expect("Zu Weihnachten war die Familie zusammen.", "de", "2024-01-05", "Weihnachten", "2023-12-25")


# --------------------------------------------------------------------------- families


@pytest.mark.parametrize(
    ("text", "language", "expression", "value"),
    [
        ("They lived in camps for 2 1/2 years.", "en", "2 1/2 years", "P2Y6M"),
        ("She spent 5 1/2 hours in Nairobi.", "en", "5 1/2 hours", "PT5H30M"),
        ("But a minute and a half later a pilot called.", "en", "a minute and a half", "PT1M30S"),
        ("The base may be used for at least 20 more years.", "en", "at least 20 more years", "P20Y"),
        ("Eight trading days after the crash the index rose.", "en", "Eight trading days", "P8D"),
        ("Die Belagerung dauerte drei Monate.", "de", "drei Monate", "P3M"),
    ],
)
def test_durations_with_fractions_and_modifiers(text: str, language: str, expression: str, value: str) -> None:
    expect(text, language, "1998-02-13", expression, value)


def test_duration_fractions_go_to_the_next_smaller_unit() -> None:
    assert duration(2.5, "Y") == "P2Y6M"
    assert duration(0.5, "HOUR") == "PT30M"
    assert duration(1.5, "MIN") == "PT1M30S"
    assert duration(1.5, "W") == "P1.5W"


@pytest.mark.parametrize(
    ("text", "language", "expression", "value"),
    [
        ("In nineteen ninety-one Keating was convicted.", "en", "nineteen ninety-one", "1991"),
        ("His promise for the year two thousand was dropped.", "en", "the year two thousand", "2000"),
        ("Numbers dropped through the nineties.", "en", "the nineties", "199"),
        ("Nineteen people were hurt.", "en", None, None),
        ("A decade ago the border was closed.", "en", "A decade ago", "2013"),
        ("Vor einem Jahrzehnt war die Grenze zu.", "de", "Vor einem Jahrzehnt", "2013"),
    ],
)
def test_years_in_words_and_decades(text: str, language: str, expression: str | None, value: str | None) -> None:
    result = values(text, language, "2023-12-08")
    if expression is None:
        assert result == {}, result
    else:
        assert result.get(expression) == value, result


@pytest.mark.parametrize(
    ("text", "language", "expression", "value"),
    [
        ("Earnings will be lower for the second half of 1989.", "en", "the second half of 1989", "1989-H2"),
        (
            "Erst in der zweiten Jahreshälfte 1944 wendete sich das Blatt.",
            "de",
            "in der zweiten Jahreshälfte 1944",
            "1944-H2",
        ),
    ],
)
def test_half_years(text: str, language: str, expression: str, value: str) -> None:
    expect(text, language, "1989-11-02", expression, value)


@pytest.mark.parametrize(
    ("text", "language", "first", "second"),
    [
        ("Fighting went on in January and February 1945.", "en", ("January", "1945-01"), ("February 1945", "1945-02")),
        (
            "Die Kämpfe dauerten im Januar und Februar 1945 an.",
            "de",
            ("Januar", "1945-01"),
            ("Februar 1945", "1945-02"),
        ),
        ("Im Juni oder Juli 1944 begann die Offensive.", "de", ("Juni", "1944-06"), ("Juli 1944", "1944-07")),
    ],
)
def test_coordinated_months_share_the_year(
    text: str, language: str, first: tuple[str, str], second: tuple[str, str]
) -> None:
    result = values(text, language, "2011-04-12", narrative=True)
    assert result.get(first[0]) == first[1] and result.get(second[0]) == second[1], result


def test_a_range_across_months_gives_two_dates() -> None:
    result = values("Shares were bought from Aug. 26 to Oct. 20 for $23.", "en", "1989-11-01")
    assert result.get("Aug. 26") == "1989-08-26" and result.get("Oct. 20") == "1989-10-20", result


def test_clock_time_with_zone_and_date() -> None:
    expect(
        "The offer was extended until 5 p.m. EST Nov. 9.", "en", "1989-11-02", "5 p.m. EST Nov. 9", "1989-11-09T17:00"
    )


def test_german_morning_noun_is_not_tomorrow() -> None:
    expect(
        "Am Morgen des 6. Juni 1944 landeten Truppen.", "de", "2011-04-12", "Morgen des 6. Juni 1944", "1944-06-06TMO"
    )
    expect("Im Spätsommer 1944 zog sich die Front zurück.", "de", "2011-04-12", "Spätsommer 1944", "1944-SU")
    expect("Die Sitzung ist morgen.", "de", "2023-12-08", "morgen", "2023-12-09")


def test_context_after_an_expression_is_checked() -> None:
    # "not_after" options used to be ignored (a "^" never matches at a search position).
    result = values("The 13-year-old was found.", "en", "2023-12-08")
    assert "13-year" not in result, result


def test_now_and_soon() -> None:
    expect("Officials now say the plan failed.", "en", "2023-12-08", "now", "PRESENT_REF")
    assert "soon" not in values("Return the boy as soon as possible.", "en", "2023-12-08")


@pytest.mark.parametrize(
    ("text", "language", "first", "second"),
    [
        (
            "Die Offensive dauerte vom 10. Mai bis 25. Juni 1940.",
            "de",
            ("10. Mai", "1940-05-10"),
            ("25. Juni 1940", "1940-06-25"),
        ),
        (
            "Die Offensive dauerte von Mitte Mai bis Anfang Juni 1940.",
            "de",
            ("Mitte Mai", "1940-05"),
            ("Anfang Juni 1940", "1940-06"),
        ),
        (
            "The offensive lasted from mid-May to early June 1940.",
            "en",
            ("mid-May", "1940-05"),
            ("early June 1940", "1940-06"),
        ),
    ],
)
def test_ranges_across_months_take_the_year_named_once(
    text: str, language: str, first: tuple[str, str], second: tuple[str, str]
) -> None:
    result = values(text, language, "2011-04-12", narrative=True)
    assert result.get(first[0]) == first[1] and result.get(second[0]) == second[1], result


def test_german_end_of_the_month_keeps_month_precision() -> None:
    text = "Am 25. Juni 1950 griffen Truppen an. Ende des Monats kam es zu Kämpfen."
    expect(text, "de", "2011-04-12", "Ende des Monats", "1950-06", narrative=True)
    text = "Am 25. Juni 1950 griffen Truppen an. Am Abend desselben Tages kam es zu Kämpfen."
    expect(text, "de", "2011-04-12", "Abend desselben Tages", "1950-06-25TEV", narrative=True)


def test_a_rate_is_not_a_duration() -> None:
    assert values("The stock pays $1.76 a year.", "en", "2013-03-22") == {}
    assert values("They meet twice a year.", "en", "2013-03-22") == {"twice a year": "P1Y"}
    assert values("He waited a year.", "en", "2013-03-22") == {"a year": "P1Y"}


# --------------------------------------------------------------------------- day dates without a year


@pytest.mark.parametrize(
    ("text", "language", "anchor", "expression", "value"),
    [
        # The closest date is half a year ahead but the sentence is in the past: last year's.
        ("The doctor was shot to death on Oct. 23.", "en", "1999-05-06", "Oct. 23", "1998-10-23"),
        ("Der Arzt wurde am 23. Oktober erschossen.", "de", "1999-05-06", "23. Oktober", "1998-10-23"),
        # A nearby date stays the closest one whatever a past cue nearby says.
        ("The dividend is payable Dec. 7 to holders, it was said.", "en", "1999-11-01", "Dec. 7", "1999-12-07"),
        ("Die Dividende wird am 7. Dezember ausgezahlt, hieß es.", "de", "1999-11-01", "7. Dezember", "1999-12-07"),
    ],
)
def test_tense_moves_a_day_date_only_against_a_distant_closest_date(
    text: str, language: str, anchor: str, expression: str, value: str
) -> None:
    expect(text, language, anchor, expression, value)


@pytest.mark.parametrize(
    ("text", "expression", "value"),
    [
        # "were" is the auxiliary of the plan, not a past cue for the day planned.
        ("Protesters were planning to march on Saturday.", "Saturday", "2000-01-08"),
        # A capitalised name ending in -ed ("United") is no past participle.
        ("The father would be traveling to the United States Thursday.", "Thursday", "2000-01-13"),
        # Without the plan, "were" still points back.
        ("Protesters were marching on Saturday.", "Saturday", "2000-01-01"),
    ],
)
def test_weekday_direction_reads_auxiliaries_and_skips_names(text: str, expression: str, value: str) -> None:
    expect(text, "en", "2000-01-07", expression, value)


@pytest.mark.parametrize(
    ("text", "language", "expression", "value"),
    [
        ("It could be effective as early as next year's first quarter.", "en", "next year's first quarter", "1990-Q1"),
        ("The unit earned $22 million in the year-ago third quarter.", "en", "the year-ago third quarter", "1988-Q3"),
        ("Sales fell in the fourth quarter of last year.", "en", "the fourth quarter of last year", "1988-Q4"),
        ("Im dritten Quartal des Vorjahres war der Gewinn höher.", "de", "dritten Quartal des Vorjahres", "1988-Q3"),
        ("Im ersten Quartal des kommenden Jahres soll er.", "de", "ersten Quartal des kommenden Jahres", "1990-Q1"),
    ],
)
def test_a_quarter_of_a_relative_year(text: str, language: str, expression: str, value: str) -> None:
    expect(text, language, "1989-10-31", expression, value)


@pytest.mark.parametrize(
    ("text", "language", "expression", "value"),
    [
        # Written in January: a quarter that has not begun yet is last year's, unless the sentence looks ahead.
        ("Profits dropped in the fourth quarter.", "en", "the fourth quarter", "1997-Q4"),
        ("Profits will rise in the fourth quarter.", "en", "the fourth quarter", "1998-Q4"),
        ("Der Gewinn sank im vierten Quartal um acht Prozent.", "de", "vierten Quartal", "1997-Q4"),
        ("Der Gewinn soll im vierten Quartal steigen.", "de", "vierten Quartal", "1998-Q4"),
    ],
)
def test_a_quarter_not_yet_begun_is_last_years(text: str, language: str, expression: str, value: str) -> None:
    expect(text, language, "1998-01-26", expression, value)


@pytest.mark.parametrize(
    ("text", "expression", "value"),
    [
        ("Negotiations broke off at noon Thursday.", "noon Thursday", "1998-02-12T12:00"),
        ("The deadline is noon tomorrow.", "noon tomorrow", "1998-02-14T12:00"),
        # The weekday counts from the document date even after an earlier date in the text.
        ("On Feb. 2 talks began. They broke off at noon Thursday.", "noon Thursday", "1998-02-12T12:00"),
    ],
)
def test_noon_with_its_day(text: str, expression: str, value: str) -> None:
    expect(text, "en", "1998-02-13", expression, value)


@pytest.mark.parametrize(
    ("text", "expression", "value"),
    [
        ("January nineteen ninety-seven. Atlanta again.", "January nineteen ninety-seven", "1997-01"),
        ("the level we saw in the winter of nineteen ninety-four", "the winter of nineteen ninety-four", "1994-WI"),
    ],
)
def test_a_month_or_season_of_a_spelled_year(text: str, expression: str, value: str) -> None:
    expect(text, "en", "1998-02-27", expression, value)


@pytest.mark.parametrize(
    ("text", "language", "expression", "value", "narrative"),
    [
        ("Am 10. Juni begann der Angriff. Am 15. griffen die Truppen erneut an.", "de", "15.", "1944-06-15", True),
        ("Die Frist endet am 15., sagte er.", "de", "15.", "1944-03-15", False),
        ("The talks began on June 2 and ended on the 15th.", "en", "the 15th", "1944-06-15", False),
    ],
)
def test_a_day_of_the_month_under_discussion(
    text: str, language: str, expression: str, value: str, narrative: bool
) -> None:
    expect(text, language, "1944-03-20", expression, value, narrative=narrative)


@pytest.mark.parametrize(
    ("text", "language"),
    [("Am 3. Tag der Schlacht fiel er.", "de"), ("He lives on the 15th floor.", "en")],
)
def test_an_ordinal_before_a_noun_is_no_day(text: str, language: str) -> None:
    assert values(text, language, "1944-03-20") == {}


def test_the_night_between_two_days_is_the_night_of_the_first() -> None:
    expect(
        "In der Nacht vom 5. auf den 6. Juni 1944 landeten sie.",
        "de",
        "1944-03-20",
        "Nacht vom 5. auf den 6. Juni 1944",
        "1944-06-05TNI",
        narrative=True,
    )


def test_effective_points_ahead() -> None:
    expect(
        "Costs rose, which resulted from the new labor pact effective June 1.",
        "en",
        "1989-10-26",
        "June 1",
        "1990-06-01",
    )


def test_or_so_ago_is_one_expression() -> None:
    expect("Then, a week or so ago, he picked the day.", "en", "1991-02-25", "a week or so ago", "1991-W08")
