"""Tense cues that decide the direction of an underspecified expression ("Friday", "in May"):
past perfect, quotation boundaries, possessive weekdays (English; the rules are language data
or language-independent code)."""

from __future__ import annotations

import pytest

from storyline.extraction.time import tag


def values(text: str, language: str, anchor: str) -> dict[str, str]:
    """expression text -> value"""
    return {t.text: t.value for t in tag(text, language, anchor)}


# 2000-01-07 is a Friday.
@pytest.mark.parametrize(
    ("text", "expression", "value"),
    [
        # "by"/"until" point ahead, but a past perfect tells of something already over.
        ("All members had filed their reports by Wednesday.", "Wednesday", "2000-01-05"),
        ("Until Thursday, the police had not named a suspect.", "Thursday", "2000-01-06"),
        ("The offer had been due to expire Tuesday evening.", "Tuesday evening", "2000-01-04TEV"),
        # Without the perfect the preposition still decides.
        ("All members must file their reports by Wednesday.", "Wednesday", "2000-01-12"),
    ],
)
def test_past_perfect_settles_the_past(text: str, expression: str, value: str) -> None:
    assert values(text, "en", "2000-01-07").get(expression) == value


def test_reporting_verb_outside_a_quotation_is_not_its_tense() -> None:
    text = "``The father will leave at 4 a.m. EDT Tuesday,'' Castro said."
    assert values(text, "en", "2000-01-07").get("4 a.m. EDT Tuesday") == "2000-01-11T04:00"
    text = "Castro said: ``The father will leave on Tuesday.''"
    assert values(text, "en", "2000-01-07").get("Tuesday") == "2000-01-11"


def test_possessive_weekday_is_the_one_just_past() -> None:
    # The sentence looks ahead ("would"), the ruling it names has been made.
    text = "Lawyers said they would look for ways to get around Wednesday's ruling by the court."
    assert values(text, "en", "2000-01-07").get("Wednesday") == "2000-01-05"
    # Monday 1989-10-30: last Thursday, not the closer one ahead.
    assert values("The price was a premium over Thursday's close.", "en", "1989-10-30").get("Thursday") == "1989-10-26"


def test_nearly_belongs_to_a_duration() -> None:
    # TimeML extents keep "nearly" (and still leave out "over": see test_time_reference).
    found = {t.text: t.value for t in tag("The talks dragged on for nearly two years.", "en", "2000-01-07")}
    assert found.get("nearly two years") == "P2Y", found


@pytest.mark.parametrize(
    ("text", "expression", "value"),
    [
        # TimeML: the span before "later"/"before" is a duration of its own ...
        ("Three days later, the index was down 2%.", "Three days", "P3D"),
        ("A jogger saw the car 10 days before the murder.", "10 days", "P10D"),
        ("A few days later, the company announced the sale.", "A few days", "PXD"),
        # ... but a year (or more) earlier is the year it names.
        ("Profit was $5 million, up from $4 million a year earlier.", "a year earlier", "1999"),
    ],
)
def test_span_before_later_is_a_duration(text: str, expression: str, value: str) -> None:
    assert values(text, "en", "2000-01-07").get(expression) == value


def test_news_present_of_a_scheduled_event_looks_ahead() -> None:
    assert values("The trial begins Monday in Miami.", "en", "2000-01-07").get("Monday") == "2000-01-10"
    assert values("The council meets on Tuesday.", "en", "2000-01-07").get("Tuesday") == "2000-01-11"


def test_fiscal_quarters_and_adjectival_quarters() -> None:
    found = values("Net rose in the fiscal first quarter; the third-quarter results were weak.", "en", "1989-10-26")
    assert found.get("the fiscal first quarter") == "1989-Q1", found
    # "the" goes with "results", not with the hyphenated quarter.
    assert found.get("third-quarter") == "1989-Q3", found


@pytest.mark.parametrize(
    ("text", "anchor", "expression", "value"),
    [
        # An irregular past form is a past cue.
        ("In January, the board brought in a new chief, who will stay on.", "1989-10-27", "January", "1989-01"),
        # A participle after "is"/"be" is a passive, not a past tense.
        ("She will be named commander for a mission in December.", "1998-03-04", "December", "1998-12"),
        ("The relatives may lose when the case is heard in May.", "2000-03-29", "May", "2000-05"),
    ],
)
def test_irregular_pasts_and_passives(text: str, anchor: str, expression: str, value: str) -> None:
    assert values(text, "en", anchor).get(expression) == value


def test_planned_to_looks_ahead_a_planned_trip_does_not() -> None:
    # 1998-08-17 is a Monday.
    assert values("The team planned to leave Nairobi on Thursday.", "en", "1998-08-17").get("Thursday") == "1998-08-20"
    text = "On Friday, when she set aside vacation plans for the hastily planned trip, the warning was lifted."
    assert values(text, "en", "1998-08-17").get("Friday") == "1998-08-14"


def test_fiscal_year_ended_is_a_year_long() -> None:
    text = "In the fiscal year ended Jan. 31, the company earned $3 million."
    assert values(text, "en", "1989-10-31").get("the fiscal year") == "P1Y"


def test_last_before_a_day_date_is_its_direction() -> None:
    found = values("He was shot to death last Oct. 23 at his home.", "en", "1999-04-19")
    assert found.get("Oct. 23") == "1998-10-23", found
    assert "last Oct" not in found


def test_previous_and_following_weekday_count_from_the_last_date() -> None:
    found = values("The index closed on Friday, down 4.5% from the previous Friday.", "en", "1989-10-30")
    assert found == {"Friday": "1989-10-27", "the previous Friday": "1989-10-20"}, found
    found = values("He arrived on March 3, 1990, and left the following Monday.", "en", "1990-06-01")
    assert found.get("the following Monday") == "1990-03-05", found


def test_a_comparison_keeps_the_quarter_under_discussion() -> None:
    text = (
        "Profit rose in the third quarter from $5 million a year ago. "
        "The year-ago results were restated. Sales were flat from a year earlier."
    )
    found = values(text, "en", "1989-11-01")
    assert found.get("a year ago") == "1988-Q3", found
    # "a year ago" (1988-Q3) does not become the quarter under discussion.
    assert found.get("a year earlier") == "1988-Q3", found


def test_last_quarter_of_the_year_before_reported_early_in_the_year() -> None:
    text = "Profit in the fourth quarter rose to $5 million from $4 million a year ago."
    found = values(text, "en", "2013-02-05")
    assert found == {"the fourth quarter": "2012-Q4", "a year ago": "2011-Q4"}, found


def test_eval_errors_lists_misses_on_the_training_part_only() -> None:
    from typer.testing import CliRunner

    from storyline.cli import app
    from tests.conftest import DATASETS, need_shared

    need_shared(DATASETS / "tempeval3")
    runner = CliRunner()
    listed = runner.invoke(app, ["eval", "time", "--dataset", "tempeval3-train", "--errors", "--limit", "5"])
    assert listed.exit_code == 0, listed.output
    rows = [line.split("\t") for line in listed.output.splitlines()]
    assert rows and all(len(row) == 5 and row[1] in ("mismatch", "missed", "spurious") for row in rows)
    refused = runner.invoke(app, ["eval", "time", "--dataset", "tempeval3", "--errors"])
    assert refused.exit_code != 0
