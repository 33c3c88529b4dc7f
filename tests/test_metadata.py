"""Metadata lines in scraped plain text: dates, outlets, bylines."""

from __future__ import annotations

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from storyline.ingest.clean import clean_text
from storyline.ingest.metadata import default_metadata_reader

EN_MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
DE_MONTHS = [
    "Januar",
    "Februar",
    "März",
    "April",
    "Mai",
    "Juni",
    "Juli",
    "August",
    "September",
    "Oktober",
    "November",
    "Dezember",
]


def test_header_date_line_gives_date_and_outlet_but_not_an_agency() -> None:
    cleaned = clean_text(" date 2025-03-14 Harbor Gazette\nHarbor Gazette\nThe mayor spoke.\n\nShe left.")
    assert cleaned.published == "2025-03-14"
    assert cleaned.outlet == "Harbor Gazette"
    assert "Harbor Gazette" not in cleaned.text
    agency = clean_text(" date 2024-06-26 Getty\n\nThe mayor spoke on Monday.")
    assert agency.published == "2024-06-26"
    assert agency.outlet is None
    assert agency.text == "The mayor spoke on Monday."


def test_dateline_and_byline_are_metadata() -> None:
    text = "Bridge Opens\nBy Jane Miller\nDec. 9 2023, Published 12:36 p.m. ET\nThe mayor spoke.\n\nShe left."
    cleaned = clean_text(text)
    assert cleaned.published == "2023-12-09"
    assert cleaned.author == "Jane Miller"
    assert cleaned.text == "The mayor spoke.\n\nShe left."


def test_sentence_with_publication_date_is_not_a_dateline() -> None:
    cleaned = clean_text("The book was published June 26, 2024.\n\nIt sold well.")
    assert cleaned.published is None
    assert "published June 26, 2024" in cleaned.text


def test_footer_outlet_wins_over_copyright() -> None:
    text = (
        "The mayor spoke.\n\n© 2025 Other Media Group. All rights reserved.\n"
        "The post Bridge Opens appeared first on Harbor Gazette."
    )
    cleaned = clean_text(text)
    assert cleaned.outlet == "Harbor Gazette"
    assert cleaned.text == "The mayor spoke."


def test_copyright_holder_is_the_outlet_when_nothing_better() -> None:
    assert clean_text("The mayor spoke.\n\n© Copyright 2023 Harbor!. A division of X.").outlet == "Harbor!"


def test_german_metadata() -> None:
    text = (
        "Brücke eröffnet\nVon Anna Berg\n26. Juni 2024, aktualisiert 14:02 Uhr\n"
        "Die Bürgermeisterin sprach.\n\nSie ging."
    )
    cleaned = clean_text(text)
    assert cleaned.published == "2024-06-26"
    assert cleaned.author == "Anna Berg"
    assert cleaned.text == "Die Bürgermeisterin sprach.\n\nSie ging."
    footer = clean_text("Die Bürgermeisterin sprach.\n\nDer Beitrag Brücke erschien zuerst auf Abendkurier.")
    assert footer.outlet == "Abendkurier"


@given(st.dates(min_value=date(1950, 1, 1), max_value=date(2049, 12, 31)), st.integers(0, 4))
def test_every_written_date_form_is_found(day: date, form: int) -> None:
    written = [
        day.isoformat(),
        f"{EN_MONTHS[day.month - 1]} {day.day}, {day.year}",
        f"{EN_MONTHS[day.month - 1][:3]}. {day.day} {day.year}",
        f"{day.day}. {DE_MONTHS[day.month - 1]} {day.year}",
        f"{day.day:02d}.{day.month:02d}.{day.year}",
    ][form]
    assert default_metadata_reader().find_date(f"Published {written}") == day.isoformat()


@given(st.text(max_size=200))
def test_metadata_reader_never_crashes(text: str) -> None:
    meta = default_metadata_reader().read(text.split("\n"))
    assert meta.published is None or len(meta.published) == 10
