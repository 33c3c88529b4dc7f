"""TIMEX date values as intervals of days, so that dates of different precision can be compared.

"2025" contains "2025-04", which contains "2025-04-24"; "2025-07" and "2025-08" do not overlap.
Values whose year is unknown (``XXXX-04``) or that are not dates (``PAST_REF``, durations) have no
interval and count as undated.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

Interval = tuple[date, date]

_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_YEAR = re.compile(r"^(\d{4})$")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})")
_SEASON = re.compile(r"^(\d{4})-(SP|SU|FA|WI)$")
_DECADE = re.compile(r"^(\d{3})$")
# Meteorological seasons (northern hemisphere): first and last month.
SEASONS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 14)}


def _month_end(year: int, month: int) -> date:
    while month > 12:
        year, month = year + 1, month - 12
    return date(year, month, calendar.monthrange(year, month)[1])


def interval(value: str | None) -> Interval | None:
    """The days a date value covers, or None when it is not a calendar date."""
    if not value:
        return None
    try:
        if m := _DAY.match(value):
            day = date(int(m[1]), int(m[2]), int(m[3]))
            return day, day
        if m := _MONTH.match(value):
            year, month = int(m[1]), int(m[2])
            return date(year, month, 1), _month_end(year, month)
        if m := _YEAR.match(value):
            return date(int(m[1]), 1, 1), date(int(m[1]), 12, 31)
        if m := _WEEK.match(value):
            monday = date.fromisocalendar(int(m[1]), int(m[2]), 1)
            return monday, monday + timedelta(days=6)
        if m := _SEASON.match(value):
            first, last = SEASONS[m[2]]
            return date(int(m[1]), first, 1), _month_end(int(m[1]), last)
        if m := _DECADE.match(value):
            return date(int(m[1]) * 10, 1, 1), date(int(m[1]) * 10 + 9, 12, 31)
    except ValueError:
        return None
    return None


def is_date(value: str | None) -> bool:
    return interval(value) is not None


def width(value: str) -> int:
    """How many days the value covers (smaller is more precise)."""
    span = interval(value)
    return (span[1] - span[0]).days + 1 if span else 1 << 30


def overlap(a: str, b: str) -> bool:
    """True when the two dates can be the same day ("2025" and "2025-04-24" can; July and August cannot)."""
    x, y = interval(a), interval(b)
    return bool(x and y and x[0] <= y[1] and y[0] <= x[1])


def same_year(a: str, b: str) -> bool:
    x, y = interval(a), interval(b)
    return bool(x and y and x[0].year == y[0].year and x[1].year == y[1].year)


def best_date(values: list[str]) -> str | None:
    """The most precise date the values support together.

    The narrowest value that overlaps every other one ("2024-09-03" among "2024-09", "2024-W36");
    when the values disagree (July and August), the narrowest value containing them all
    ("2025-SU"), else their common year, else the earliest.
    """
    dated = sorted({v for v in values if is_date(v)}, key=lambda v: (width(v), v))
    if not dated:
        return None
    for value in dated:
        if all(overlap(value, other) for other in dated):
            return value
    years = {interval(v)[0].year for v in dated} | {interval(v)[1].year for v in dated}  # type: ignore[index]
    if len(years) == 1:
        return str(years.pop())
    return min(dated, key=lambda v: interval(v)[0])  # type: ignore[index]
