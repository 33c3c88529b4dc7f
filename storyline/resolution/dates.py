"""Dates for attributes: an article's as-of date, and the birth range an age on a date implies.

"42" stated on 2025-10-14 means born between 1982-10-15 and 1983-10-14; every further age
statement narrows the range (their intersection). A date known only to the month counts
as any day of that month, so the range widens accordingly.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

from storyline.records import Document

ISO = re.compile(r"^(\d{4})-(\d{2})(?:-(\d{2}))?")


def date_is_estimated(document: Document) -> bool:
    return not document.published and document.published_estimate is not None


def document_date(document: Document) -> str | None:
    """The date an article speaks from: its stated date, else its estimate (``None`` when neither)."""
    if document.published:
        return document.published
    if document.published_estimate is not None:
        return document.published_estimate.value
    return None


def date_bounds(value: str | None) -> tuple[date, date] | None:
    """The first and last day a date value (day or month precision) can mean."""
    match = ISO.match(value or "")
    if not match:
        return None
    year, month = int(match.group(1)), int(match.group(2))
    if not 1 <= month <= 12:
        return None
    if match.group(3):
        try:
            day = date(year, month, int(match.group(3)))
        except ValueError:
            return None
        return day, day
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def _years_before(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


@dataclass(frozen=True)
class BirthRange:
    earliest: date
    latest: date

    def intersect(self, other: BirthRange) -> BirthRange | None:
        earliest, latest = max(self.earliest, other.earliest), min(self.latest, other.latest)
        return BirthRange(earliest, latest) if earliest <= latest else None

    def allows(self, age: int, as_of: str | None, *, estimated: bool = False) -> bool:
        """Whether someone born in this range can be ``age`` on ``as_of`` (True when the date is unknown)."""
        span = birth_range(age, as_of, estimated=estimated)
        return span is None or self.intersect(span) is not None

    @property
    def closed(self) -> bool:
        """Both ends known (an age on an estimated date bounds the birth from below only)."""
        return self.latest != date.max

    @property
    def value(self) -> str:
        """ISO 8601 interval; an open end (only estimated dates) is written ".." (ISO 8601-2)."""
        latest = ".." if self.latest == date.max else self.latest.isoformat()
        return f"{self.earliest.isoformat()}/{latest}"


def birth_range(age: int, as_of: str | None, *, estimated: bool = False) -> BirthRange | None:
    """Born after the day ``age + 1`` years before the earliest reading of ``as_of``, at most ``age`` years before.

    An ``estimated`` date is only a lower bound of the article's real date (see
    storyline.extraction.time.anchor), so it bounds the birth date from below only.
    """
    bounds = date_bounds(as_of)
    if bounds is None:
        return None
    first, last = bounds
    latest = date.max if estimated else _years_before(last, age)
    return BirthRange(_years_before(first, age + 1) + timedelta(days=1), latest)
