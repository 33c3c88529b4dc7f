"""Language-independent calendar arithmetic for TIMEX3 values.

Values keep the precision of the unit they were computed at: shifting a date by
months gives ``YYYY-MM``, by weeks ``YYYY-Www``, by years ``YYYY``.
"""

from __future__ import annotations

import datetime as dt

# Units (the codes the language files use) -> TIMEX3 duration letters.
DATE_UNITS = {"Y": "Y", "M": "M", "W": "W", "D": "D", "Q": "Q", "DE": "DE", "CE": "CE", "WE": "WE", "H": "H"}
TIME_UNITS = {"HOUR": "H", "MIN": "M", "SEC": "S"}
SEASONS = ("SP", "SU", "FA", "WI")


def parse_iso(value: str | None) -> dt.date | None:
    """``YYYY-MM-DD`` (a longer ISO timestamp is cut to its date) -> date, else None."""
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value.strip()[:10])
    except ValueError:
        return None


def year_str(year: int) -> str:
    """TIMEX year: ``0264`` style zero padding; years <= 0 as ``BC`` + 4 digits (astronomical 0 = 1 BC)."""
    if year <= 0:
        return f"BC{1 - year:04d}"
    return f"{year:04d}"


def add_months(year: int, month: int, n: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + n
    return index // 12, index % 12 + 1


def safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def fmt_date(day: dt.date) -> str:
    return f"{year_str(day.year)}-{day.month:02d}-{day.day:02d}"


def iso_week(day: dt.date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year_str(year)}-W{week:02d}"


def shift(anchor: dt.date, unit: str, n: int) -> str | None:
    """The anchor moved by ``n`` units, at that unit's precision (None for units without a calendar value)."""
    if unit == "Y":
        return year_str(anchor.year + n)
    if unit == "M":
        year, month = add_months(anchor.year, anchor.month, n)
        return f"{year_str(year)}-{month:02d}"
    if unit in ("W", "WE"):
        value = iso_week(anchor + dt.timedelta(weeks=n))
        return value + "-WE" if unit == "WE" else value
    if unit == "D":
        try:
            return fmt_date(anchor + dt.timedelta(days=n))
        except OverflowError:
            return None
    if unit == "Q":
        index = anchor.year * 4 + (anchor.month - 1) // 3 + n
        return f"{year_str(index // 4)}-Q{index % 4 + 1}"
    if unit == "DE":
        return year_str(anchor.year + 10 * n)[:3]
    if unit == "CE":
        return year_str(anchor.year + 100 * n)[:2]
    if unit == "H":
        half = anchor.year * 2 + (anchor.month - 1) // 6 + n
        return f"{year_str(half // 2)}-H{half % 2 + 1}"
    return None


def duration(amount: float | str, unit: str) -> str:
    """``P3Y``, ``PT2H``, ``PXM`` (amount "X" = unspecified)."""
    if unit in TIME_UNITS:
        letter, prefix = TIME_UNITS[unit], "PT"
    else:
        letter, prefix = DATE_UNITS.get(unit, unit), "P"
    if isinstance(amount, str):
        return f"{prefix}{amount}{letter}"
    if letter == "DE" and amount == int(amount):
        return f"P{int(amount) * 10}Y"
    if letter == "CE" and amount == int(amount):
        return f"P{int(amount) * 100}Y"
    if amount != int(amount):
        # "2 1/2 years" -> P2Y6M, "5 1/2 hours" -> PT5H30M: the fraction in the next smaller unit.
        smaller = {"Y": (12, "M"), "H": (60, "M"), "M": (60, "S")} if prefix == "PT" else {"Y": (12, "M")}
        if letter in smaller:
            factor, small = smaller[letter]
            whole, rest = int(amount), (amount - int(amount)) * factor
            if rest == int(rest):
                return f"{prefix}{whole}{letter}{int(rest)}{small}" if whole else f"{prefix}{int(rest)}{small}"
    text = str(int(amount)) if amount == int(amount) else str(amount)
    return f"{prefix}{text}{letter}"


def easter(year: int) -> dt.date:
    """Gregorian Easter Sunday (anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month = (h + l_ - 7 * m + 114) // 31
    day = (h + l_ - 7 * m + 114) % 31 + 1
    return dt.date(year, month, day)


def nth_weekday(year: int, month: int, weekday: int, n: int) -> dt.date | None:
    """The n-th ISO weekday (1 = Monday) of a month; n = -1 for the last one."""
    if n > 0:
        first = dt.date(year, month, 1)
        day = first + dt.timedelta(days=(weekday - first.isoweekday()) % 7 + 7 * (n - 1))
        return day if day.month == month else None
    year2, month2 = add_months(year, month, 1)
    last = dt.date(year2, month2, 1) - dt.timedelta(days=1)
    return last - dt.timedelta(days=(last.isoweekday() - weekday) % 7)


def holiday(spec: str, year: int) -> str | None:
    """A holiday date from its data spec: ``MM-DD``, ``easter[+-N]``, ``nth:MONTH:WEEKDAY:N``."""
    try:
        if spec.startswith("easter"):
            offset = int(spec[6:] or 0)
            return fmt_date(easter(year) + dt.timedelta(days=offset))
        if spec.startswith("nth:"):
            _, month, weekday, n = spec.split(":")
            day = nth_weekday(year, int(month), int(weekday), int(n))
            return fmt_date(day) if day else None
        month, day_of_month = spec.split("-")
        found = safe_date(year, int(month), int(day_of_month))
        return fmt_date(found) if found else None
    except (ValueError, OverflowError):
        return None


def weekday_near(anchor: dt.date, weekday: int, direction: int, *, strict: bool = False) -> dt.date:
    """The weekday (1 = Monday) nearest the anchor: direction -1 the latest not after it (before it when
    strict), +1 the first not before it (after it when strict), 0 the closest either way."""
    back = (anchor.isoweekday() - weekday) % 7
    forward = (weekday - anchor.isoweekday()) % 7
    if strict:
        back = back or 7
        forward = forward or 7
    if direction < 0:
        return anchor - dt.timedelta(days=back)
    if direction > 0:
        return anchor + dt.timedelta(days=forward)
    return anchor - dt.timedelta(days=back) if back <= forward else anchor + dt.timedelta(days=forward)


def month_year(anchor: dt.date, month: int, direction: int) -> int:
    """The year of a month named without one: direction -1 the latest not after the anchor's month,
    +1 the first not before it, 0 the closest (ties go to the past)."""
    if direction < 0:
        return anchor.year if month <= anchor.month else anchor.year - 1
    if direction > 0:
        return anchor.year if month >= anchor.month else anchor.year + 1
    diff = month - anchor.month
    if diff > 6:
        return anchor.year - 1
    if diff < -6:
        return anchor.year + 1
    return anchor.year
