"""Dates at their stated precision, as ranges: what "July 2025" and "2025-07-14" can and cannot both mean.

A TIMEX value names a range of days (``2025-07`` is 1–31 July). Two values are compatible when their
ranges overlap; a contradiction needs both to be precise (a day, a week or a month) and disjoint.
A value without a year (``XXXX-08``, from an undated article) is compared on month and day only.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

PRECISE = frozenset({"day", "week", "month"})
SEASONS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "AU": (9, 11), "WI": (12, 14)}
PLACEHOLDER_YEAR = 2000  # a leap year: stands in for the unknown year of "XXXX-02-29"


@dataclass(frozen=True)
class DateRange:
    """The first and last day a value can mean; ``year_known`` false for ``XXXX-...`` values."""

    start: date
    end: date
    precision: str
    year_known: bool = True

    @property
    def precise(self) -> bool:
        return self.precision in PRECISE


def parse_range(value: str | None) -> DateRange | None:
    """The range of days a TIMEX date value covers (None for references like PRESENT_REF or durations)."""
    if not value:
        return None
    value = value.split("T")[0]
    match = re.fullmatch(r"(\d{4}|XXXX)(?:-(.+))?", value)
    if not match:
        return None
    year_text, rest = match.groups()
    year_known = year_text != "XXXX"
    year = int(year_text) if year_known else PLACEHOLDER_YEAR
    try:
        found = _range_in_year(year, rest)
    except ValueError:
        return None
    if found is None or (not year_known and found[2] not in PRECISE):
        return None
    start, end, precision = found
    return DateRange(start, end, precision, year_known)


def _range_in_year(year: int, rest: str | None) -> tuple[date, date, str] | None:
    if rest is None:
        return date(year, 1, 1), date(year, 12, 31), "year"
    if m := re.fullmatch(r"(\d{2})", rest):
        month = int(m.group(1))
        return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1]), "month"
    if m := re.fullmatch(r"(\d{2})-(\d{2})", rest):
        day = date(year, int(m.group(1)), int(m.group(2)))
        return day, day, "day"
    if m := re.fullmatch(r"W(\d{2})", rest):
        start = date.fromisocalendar(year, int(m.group(1)), 1)
        return start, start + timedelta(days=6), "week"
    if m := re.fullmatch(r"Q([1-4])", rest):
        first = 3 * int(m.group(1)) - 2
        return date(year, first, 1), date(year, first + 2, calendar.monthrange(year, first + 2)[1]), "quarter"
    if m := re.fullmatch(r"H([12])", rest):
        first = 6 * int(m.group(1)) - 5
        return date(year, first, 1), date(year, first + 5, calendar.monthrange(year, first + 5)[1]), "half"
    if rest in SEASONS:
        first, last = SEASONS[rest]
        end = date(year + 1, 2, 28) if last > 12 else date(year, last, calendar.monthrange(year, last)[1])
        return date(year, first, 1), end, "season"
    return None


def _comparable(a: DateRange, b: DateRange) -> tuple[DateRange, DateRange]:
    """Both ranges on the placeholder year when either lacks its year (month/day comparison)."""
    if a.year_known and b.year_known:
        return a, b
    return _in_placeholder_year(a), _in_placeholder_year(b)


def _in_placeholder_year(r: DateRange) -> DateRange:
    if not r.year_known:
        return r
    if r.start.year != r.end.year:  # spans a new year: month/day comparison cannot exclude anything
        return DateRange(date(PLACEHOLDER_YEAR, 1, 1), date(PLACEHOLDER_YEAR, 12, 31), r.precision, False)
    return DateRange(
        _replace_year(r.start, PLACEHOLDER_YEAR), _replace_year(r.end, PLACEHOLDER_YEAR), r.precision, False
    )


def overlap(a: DateRange, b: DateRange) -> bool:
    """Whether two ranges can name the same day."""
    a, b = _comparable(a, b)
    return a.start <= b.end and b.start <= a.end


def incompatible(a: DateRange, b: DateRange) -> bool:
    """Both precise (day/week/month) and no day in common: they cannot date the same thing."""
    return a.precise and b.precise and not overlap(a, b)


def _replace_year(day: date, year: int) -> date:
    try:
        return day.replace(year=year)
    except ValueError:  # 29 February
        return day.replace(year=year, day=28)


def birth_range(age: int, as_of: DateRange) -> tuple[date, date]:
    """Earliest and latest birth dates for someone who is ``age`` on some day of ``as_of``."""
    earliest = _replace_year(as_of.start, as_of.start.year - age - 1) + timedelta(days=1)
    latest = _replace_year(as_of.end, as_of.end.year - age)
    return earliest, latest
