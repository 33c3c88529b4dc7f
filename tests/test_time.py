"""The temporal tagger: every expression family in English and German, anchoring, precision, speed."""

from __future__ import annotations

import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storyline.extraction.time import tag, tag_times
from storyline.extraction.time.calendar import easter, holiday, shift
from storyline.records import TimeExpression

from .conftest import DATASETS, need_shared

ANCHOR = "2023-12-08"  # a Friday


def found(text: str, language: str = "en", anchor: str | None = ANCHOR, **kwargs) -> dict[str, tuple[str, str]]:
    """expression text -> (type, value)"""
    return {t.text: (t.type, t.value) for t in tag(text, language, anchor, **kwargs)}


def has(text: str, expression: str, type_: str, value: str, language: str = "en", anchor: str | None = ANCHOR) -> None:
    result = found(text, language, anchor)
    assert result.get(expression) == (type_, value), result


# --------------------------------------------------------------------------- absolute dates


@pytest.mark.parametrize(
    ("text", "expression", "value"),
    [
        ("The report came out on 2024-06-26 in the morning.", "2024-06-26", "2024-06-26"),
        ("It was signed on June 26, 2024, in the capital.", "June 26, 2024", "2024-06-26"),
        ("Published Dec. 9 2023 by the desk.", "Dec. 9 2023", "2023-12-09"),
        ("The hearing is set for 12/24/2023 at the court.", "12/24/2023", "2023-12-24"),
        ("She moved there in May 2019 with her family.", "May 2019", "2019-05"),
        ("The company was founded in 1998.", "1998", "1998"),
        ("The building dates from the 1990s.", "the 1990s", "199"),
        ("Sales rose in the third quarter of 2022.", "the third quarter of 2022", "2022-Q3"),
    ],
)
def test_english_absolute_dates(text: str, expression: str, value: str) -> None:
    has(text, expression, "DATE", value)


@pytest.mark.parametrize(
    ("text", "expression", "value"),
    [
        ("Der Vertrag wurde am 26. Juni 2024 unterschrieben.", "26. Juni 2024", "2024-06-26"),
        ("Sie zog im August 2023 nach Berlin.", "August 2023", "2023-08"),
        ("Die Frist endet am 24.12.2023 um Mitternacht.", "24.12.2023", "2023-12-24"),
        ("Die Stadt wurde 264 v. Chr. gegründet.", "264 v. Chr.", "BC0264"),
        ("Das geschah im 20. Jahrhundert.", "20. Jahrhundert", "19"),
        ("Im Sommer 1944 war es heiß.", "Sommer 1944", "1944-SU"),
    ],
)
def test_german_absolute_dates(text: str, expression: str, value: str) -> None:
    has(text, expression, "DATE", value, language="de")


def test_year_span_gives_two_dates() -> None:
    assert found("Er war von 2004 bis 2007 Bürgermeister.", "de") == {
        "2004": ("DATE", "2004"),
        "2007": ("DATE", "2007"),
    }
    assert found("He served from 2004 to 2007.") == {"2004": ("DATE", "2004"), "2007": ("DATE", "2007")}


def test_day_range_shares_month_and_year() -> None:
    result = found("Die Konferenz fand vom 3. bis 5. Mai 1945 statt.", "de")
    assert result == {"3.": ("DATE", "1945-05-03"), "5. Mai 1945": ("DATE", "1945-05-05")}


def test_ambiguous_numeric_date_is_left_alone() -> None:
    assert "03/04/2023" not in found("The form dated 03/04/2023 was lost.")


# --------------------------------------------------------------------------- relative dates


@pytest.mark.parametrize(
    ("text", "expression", "type_", "value"),
    [
        ("We met in May and talked.", "May", "DATE", "2023-05"),
        ("The trial opens on December 2 downtown.", "December 2", "DATE", "2023-12-02"),
        ("Prices fell last year across the region.", "last year", "DATE", "2022"),
        ("Prices fell last month as well.", "last month", "DATE", "2023-11"),
        ("He arrived yesterday by train.", "yesterday", "DATE", "2023-12-07"),
        ("Talks began earlier this week in Geneva.", "earlier this week", "DATE", "2023-W49"),
        ("The figures for next year look better.", "next year", "DATE", "2024"),
        ("She left three years ago for good.", "three years ago", "DATE", "2020"),
        ("Rates are now lower than before.", "now", "DATE", "PRESENT_REF"),
        ("He is currently in hospital.", "currently", "DATE", "PRESENT_REF"),
        ("The pair recently split up.", "recently", "DATE", "PAST_REF"),
        ("The minister spoke on Tuesday in parliament.", "Tuesday", "DATE", "2023-12-05"),
    ],
)
def test_english_relative_dates(text: str, expression: str, type_: str, value: str) -> None:
    has(text, expression, type_, value)


@pytest.mark.parametrize(
    ("text", "expression", "value", "mod"),
    [
        ("Das war vor wenigen Wochen so.", "vor wenigen Wochen", "PAST_REF", None),
        ("Anfang November begann die Saison.", "Anfang November", "2023-11", "START"),
        ("Das hörte man vor Monaten schon.", "vor Monaten", "PAST_REF", None),
        ("Im vergangenen Jahr stiegen die Preise.", "vergangenen Jahr", "2022", None),
        ("Sie kam gestern an.", "gestern", "2023-12-07", None),
        ("Derzeit gibt es keine Pläne.", "Derzeit", "PRESENT_REF", None),
        ("Das war vor drei Jahren.", "vor drei Jahren", "2020", None),
    ],
)
def test_german_relative_dates(text: str, expression: str, value: str, mod: str | None) -> None:
    result = {t.text: t for t in tag(text, "de", ANCHOR)}
    assert expression in result, result
    assert (result[expression].value, result[expression].mod) == (value, mod)


def test_month_year_depends_on_anchor_and_tense() -> None:
    # closest month to the anchor
    has("They married in March.", "March", "DATE", "2024-03", anchor="2024-06-01")
    has("They married in November.", "November", "DATE", "2023-11", anchor="2024-01-10")
    # a weekday in a future sentence is the coming one, in a past sentence the last one
    has("The board will meet on Monday.", "Monday", "DATE", "2023-12-11")
    has("The board met on Monday.", "Monday", "DATE", "2023-12-04")


def test_narrative_mode_resolves_against_the_text() -> None:
    text = "Der Krieg begann am 25. Juni 1950. Am 28. Juni fiel die Stadt, am nächsten Tag floh er. Bis heute gilt das."
    result = found(text, "de", anchor="2011-02-16", narrative=True)
    assert result["28. Juni"] == ("DATE", "1950-06-28")
    assert result["nächsten Tag"] == ("DATE", "1950-06-29")
    assert result["heute"] == ("DATE", "PRESENT_REF")


# --------------------------------------------------------------------------- precision rule


@pytest.mark.parametrize(
    ("text", "language", "expression", "value"),
    [
        ("It happened in May.", "en", "May", "2023-05"),
        ("It happened in May 2021.", "en", "May 2021", "2021-05"),
        ("Es geschah im Mai.", "de", "Mai", "2023-05"),
        ("It happened last year.", "en", "last year", "2022"),
        ("Es geschah 2019.", "de", "2019", "2019"),
    ],
)
def test_precision_is_kept(text: str, language: str, expression: str, value: str) -> None:
    """A month never becomes a day, a year never becomes a month."""
    result = found(text, language)
    assert result[expression] == ("DATE", value)
    assert value.count("-") == result[expression][1].count("-")


# --------------------------------------------------------------------------- durations, sets, ages


@pytest.mark.parametrize(
    ("text", "language", "expression", "type_", "value"),
    [
        ("She has lived there for nearly three years.", "en", "nearly three years", "DURATION", "P3Y"),
        ("The court ended a 13-year conservatorship.", "en", "13-year", "DURATION", "P13Y"),
        ("The works take two weeks.", "en", "two weeks", "DURATION", "P2W"),
        ("Die Arbeiten dauern zwei Wochen.", "de", "zwei Wochen", "DURATION", "P2W"),
        ("Er verbüßte eine dreijährige Haft.", "de", "dreijährige", "DURATION", "P3Y"),
        ("The festival is held every year.", "en", "every year", "SET", "P1Y"),
        ("They meet at least once a month.", "en", "at least once a month", "SET", "P1M"),
        ("Das Fest findet jährlich statt.", "de", "jährlich", "SET", "P1Y"),
        ("Sie treffen sich einmal im Monat.", "de", "einmal im Monat", "SET", "P1M"),
        ("The 42-year-old was arrested.", "en", "42-year-old", "AGE", "P42Y"),
        ("Police said Sean (19) was unhurt.", "en", "(19)", "AGE", "P19Y"),
        ("He celebrated his 42nd birthday.", "en", "42nd birthday", "AGE", "P42Y"),
        ("Der 42-Jährige wurde festgenommen.", "de", "42-Jährige", "AGE", "P42Y"),
        ("Polizisten sahen Lena (19) am Tatort.", "de", "(19)", "AGE", "P19Y"),
    ],
)
def test_durations_sets_ages(text: str, language: str, expression: str, type_: str, value: str) -> None:
    has(text, expression, type_, value, language=language)


def test_seit_gives_the_date() -> None:
    has("Seit 2008 lebt sie in Wien.", "2008", "DATE", "2008", language="de")


# --------------------------------------------------------------------------- named days


@pytest.mark.parametrize(
    ("text", "language", "expression", "value"),
    [
        ("Flowers sell out before Mother's Day.", "en", "Mother's Day", "2023-05-14"),
        ("Vor dem Muttertag sind Blumen knapp.", "de", "Muttertag", "2023-05-14"),
        ("Die Familie trifft sich an Weihnachten.", "de", "Weihnachten", "2023-12-25"),
        ("The family meets at Christmas.", "en", "Christmas", "2023-12-25"),
        ("Zu Silvester gibt es Feuerwerk.", "de", "Silvester", "2023-12-31"),
        ("On New Year's Eve there are fireworks.", "en", "New Year's Eve", "2023-12-31"),
        ("Zu Ostern 2024 kommt sie.", "de", "Ostern 2024", "2024-03-31"),
    ],
)
def test_named_days(text: str, language: str, expression: str, value: str) -> None:
    has(text, expression, "DATE", value, language=language)


def test_calendar_helpers() -> None:
    assert easter(2024).isoformat() == "2024-03-31"
    assert easter(2000).isoformat() == "2000-04-23"
    assert holiday("nth:5:7:2", 2024) == "2024-05-12"  # Mother's Day
    assert holiday("nth:11:4:4", 2023) == "2023-11-23"  # Thanksgiving
    import datetime as dt

    assert shift(dt.date(2024, 1, 15), "M", -1) == "2023-12"
    assert shift(dt.date(2024, 1, 1), "W", 0) == "2024-W01"


# --------------------------------------------------------------------------- anchors and API


def test_no_anchor_keeps_unknown_digits() -> None:
    result = found("We met in May and again yesterday; last year was hard. He is now retired.", anchor=None)
    assert result["May"] == ("DATE", "XXXX-05")
    assert result["yesterday"] == ("DATE", "XXXX-XX-XX")
    assert result["last year"] == ("DATE", "XXXX")
    assert result["now"] == ("DATE", "PRESENT_REF")
    has("The plant closed in May 2019.", "May 2019", "DATE", "2019-05", anchor=None)


def test_tag_times_returns_records_with_offsets_and_anchor() -> None:
    text = "On June 26, 2024, the firm said sales rose last year."
    records = tag_times(text, "en", "2024-06-27", doc="d1", anchor_estimated=True)
    assert all(isinstance(r, TimeExpression) for r in records)
    assert [text[r.start : r.end] for r in records] == [r.text for r in records] == ["June 26, 2024", "last year"]
    assert {r.doc for r in records} == {"d1"}
    assert all(r.anchor == "2024-06-27" and r.anchor_estimated for r in records)
    assert records[1].value == "2023"


def test_unknown_language_gives_nothing() -> None:
    assert tag_times("el 26 de junio de 2024", "xx", ANCHOR) == []


def test_lowercase_may_is_not_a_month() -> None:
    assert "may" not in found("Prices may rise, officials may say.")


def test_long_input_is_fast() -> None:
    sentence = "On June 26, 2024 the 42-year-old said that for nearly three years, every month, prices rose. "
    text = (sentence * (100_000 // len(sentence) + 1))[:100_000]
    started = time.perf_counter()
    result = tag(text, "en", ANCHOR)
    assert time.perf_counter() - started < 10
    assert len(result) > 1000
    noise = ("1234 5678 " * 2000 + "a" * 40_000 + " " * 20_000 + "-" * 20_000)[:100_000]
    started = time.perf_counter()
    tag(noise, "en", ANCHOR)
    tag(noise, "de", ANCHOR)
    assert time.perf_counter() - started < 10


ALPHABET = st.sampled_from(
    [*list("abcdeMJ0123456789 .,-/()'\n"), "May ", "Juni ", "2024", "last ", "vor ", "year", "Jahren", "ago", " 26."]
)


@settings(max_examples=150, deadline=None)
@given(text=st.lists(ALPHABET, max_size=60).map("".join), language=st.sampled_from(["en", "de"]))
def test_random_text_never_crashes(text: str, language: str) -> None:
    result = tag(text, language, ANCHOR)
    previous_end = 0
    for t in result:
        assert 0 <= t.start < t.end <= len(text)
        assert t.start >= previous_end
        assert text[t.start : t.end] == t.text
        previous_end = t.end


# --------------------------------------------------------------------------- evaluation plumbing


def test_scorer_matches_strict_and_relaxed() -> None:
    from storyline.evaluation.time import Span, score

    gold = [Span(0, 10, "DATE", "2023"), Span(20, 30, "DURATION", "P1Y")]
    system = [Span(0, 10, "DATE", "2023"), Span(22, 30, "DATE", "P1Y"), Span(40, 45, "DATE", "2020")]
    result = score([(gold, system)])
    assert result["strict"]["f1"] == round(2 * (1 / 3) * (1 / 2) / (1 / 3 + 1 / 2), 4)
    assert result["relaxed"]["recall"] == 1.0
    assert result["value_accuracy"] == 1.0
    assert result["type_accuracy"] == 0.5


def test_tempeval_reader() -> None:
    need_shared(DATASETS / "tempeval3")
    from storyline.evaluation.timeml import tempeval3

    docs = list(tempeval3("test"))
    assert len(docs) == 20
    assert sum(len(d.gold) for d in docs) == 138  # 158 TIMEX3 less the 20 creation times
    for doc in docs:
        assert doc.dct
        for g in doc.gold:
            assert doc.text[g.start : g.end] == g.text


def test_wikiwarsde_reader() -> None:
    need_shared(DATASETS / "wikiwarsde")
    from storyline.evaluation.timeml import wikiwarsde

    docs = list(wikiwarsde())
    assert len(docs) == 22
    assert sum(len(d.gold) for d in docs) == 2217  # 2,239 TIMEX2 less the 22 creation times
    assert all(d.dct and d.dct.startswith("2011-") for d in docs)
