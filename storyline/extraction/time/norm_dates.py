"""Normalisers for calendar dates: "June 26, 2024", "12/24/2023", "June last year", ranges
of days or months, clock times."""

from __future__ import annotations

import datetime as dt

from storyline.extraction.time import calendar as cal
from storyline.extraction.time.context import Context, Result, month_of, underspecified_year, year_of
from storyline.extraction.time.norm_named import century_pair


def norm_date(ctx: Context) -> Result:
    year, month, day = year_of(ctx), month_of(ctx), ctx.integer("day")
    mod = ctx.word("part") or ctx.option("mod")
    if day is None and ctx.word("ordinal") is not None and month is not None:
        day = int(ctx.word("ordinal"))
    season, quarter, half = ctx.word("season"), ctx.word("quarter"), ctx.word("half")
    weekday, tod = ctx.word("weekday"), ctx.word("tod")
    # ``day_shift``: the date is that many days off the one named ("in der Nacht zum 22. Juni" = the 21st's night).
    day_shift = dt.timedelta(days=int(ctx.option("day_shift", 0)))
    if month is not None:
        if year is None:
            year = underspecified_year(ctx, month, day)
        if day is not None:
            found = cal.safe_date(max(year, 1), month, day) if year is not None else None
            if year is not None and found is None:
                return None
            if found is not None and day_shift and year > 0:
                value = cal.fmt_date(found + day_shift)
            else:
                value = f"{cal.year_str(year) if year is not None else 'XXXX'}-{month:02d}-{day:02d}"
            return (f"{value}T{tod}" if tod else value), mod
        return f"{cal.year_str(year) if year is not None else 'XXXX'}-{month:02d}", mod
    if season is not None or quarter is not None or half is not None:
        if year is None:
            base = ctx.year_base()
            year = base.year if base else None
            if base is not None and quarter is not None and _not_begun(base, int(quarter)) and ctx.direction() <= 0:
                year -= 1
        prefix = cal.year_str(year) if year is not None else "XXXX"
        if season is not None:
            return f"{prefix}-{season}", mod
        if quarter is not None:
            return f"{prefix}-Q{quarter}", mod
        return f"{prefix}-H{half}", mod
    if year is not None:
        return ctx.same_period(year, absolute=True) or cal.year_str(year), mod
    if weekday is not None:
        base = ctx.base("D")
        if base is None:
            return f"XXXX-WXX-{weekday}", mod
        found = cal.weekday_near(base, int(weekday), ctx.direction()) + day_shift
        value = cal.fmt_date(found)
        return (f"{value}T{tod}" if tod else value), mod
    if day is not None and ctx.option("day_of_reference_month"):
        return _day_of_reference_month(ctx, day), mod
    return None


def _year_pair(ctx: Context) -> list[tuple[int, int, str, str | None]] | None:
    """ "1950–53": the second year takes the first one's century; it must come later."""
    first, yy = ctx.integer("year"), ctx.integer("yy")
    if first is None or yy is None:
        return None
    second = first // 100 * 100 + yy
    if second <= first:
        return None
    return [
        (*ctx.match.span("first"), cal.year_str(first), None),
        (*ctx.match.span("second"), cal.year_str(second), None),
    ]


def _day_of_reference_month(ctx: Context, day: int) -> str | None:
    """ "am 15.", "on the 15th": that day of the month under discussion (the last month or day
    the text mentioned, else the document's month)."""
    base = ctx.ref.base("M", anaphoric=True)
    if base is None:
        return f"XXXX-XX-{day:02d}"
    found = cal.safe_date(base.year, base.month, day)
    return cal.fmt_date(found) if found else None


def _not_begun(base: dt.date, quarter: int) -> bool:
    """A quarter of the base's year that has not begun yet: said without a year and not of the
    future ("profits dropped in the fourth quarter", written in January), it is last year's."""
    return base.month < (quarter - 1) * 3 + 1


def norm_numeric(ctx: Context) -> Result:
    """``12/24/2023``, ``24.12.2023``, ``2023-12-24``: kept only when the rule's orders agree on one date."""
    numbers = [ctx.integer(k) for k in ("a", "b", "c")]
    if None in numbers:
        return None
    results = set()
    for order in ctx.option("orders", ["YMD"]):
        parts = dict(zip(order, numbers, strict=True))
        year = parts["Y"]
        if year < 100:
            year += 2000 if year < 50 else 1900
        found = cal.safe_date(year, parts["M"], parts["D"])
        if found:
            results.add(cal.fmt_date(found))
    if len(results) != 1:
        return None
    return results.pop(), None


def norm_month_of_year(ctx: Context) -> Result:
    """ "June last year", "im April des folgenden Jahres", "im Herbst desselben Jahres", "next
    year's first quarter", "the year-ago third quarter": the month (season, quarter) in the year
    the relative word (or the rule's ``rel``) names."""
    rel = ctx.word("rel")
    if rel is None:
        rel = ctx.option("rel")
    part = _part_of_year(ctx)
    if part is None or rel is None:
        return None
    base = ctx.year_base()
    year = cal.year_str(base.year + int(rel)) if base else "XXXX"
    return f"{year}-{part}", ctx.word("part") or ctx.option("mod")


def _part_of_year(ctx: Context) -> str | None:
    """The month, season or quarter a match names, as the part of a value after the year."""
    month, season, quarter = month_of(ctx), ctx.word("season"), ctx.word("quarter")
    if month is not None:
        return f"{month:02d}"
    if season is not None:
        return str(season)
    return f"Q{quarter}" if quarter is not None else None


def norm_time(ctx: Context) -> Result:
    hour, minute = ctx.integer("hour"), ctx.integer("minute")
    if hour is None:
        hour = ctx.option("hour")
    if hour is None:
        return None
    ampm = ctx.word("ampm")
    if ampm == "PM" and hour < 12:
        hour += 12
    elif ampm == "AM" and hour == 12:
        hour = 0
    offset = ctx.word("dayrel")
    weekday = ctx.word("weekday")
    # A bare clock time falls on the last day mentioned; one with its own weekday or "tomorrow"
    # counts that day from the document date, as the weekday alone would.
    base = ctx.ref.base("D") if weekday is not None or offset is not None else ctx.base("D")
    month, day_of_month = month_of(ctx), ctx.integer("day")
    if month is not None and day_of_month is not None:
        year = year_of(ctx) or underspecified_year(ctx, month, day_of_month)
        if year is None:
            day = f"XXXX-{month:02d}-{day_of_month:02d}"
        else:
            found = cal.safe_date(year, month, day_of_month)
            if found is None:
                return None
            day = cal.fmt_date(found)
    elif base is None:
        day = "XXXX-XX-XX"
    elif weekday is not None:
        day = cal.fmt_date(cal.weekday_near(base, int(weekday), ctx.direction()))
    else:
        day = cal.shift(base, "D", int(offset or 0)) or "XXXX-XX-XX"
    return f"{day}T{hour:02d}:{minute or 0:02d}", None


def norm_range(ctx: Context) -> list[tuple[int, int, str, str | None]] | None:
    """``3. bis 5. Mai 1945`` / ``May 3-5, 1945``: two dates sharing month and year; the first
    covers its day number only (as TimeML/TIMEX2 annotate it). Rules with ``centuries`` pair two
    centuries instead (:func:`.norm_named.century_pair`)."""
    if ctx.option("centuries"):
        return century_pair(ctx)
    if ctx.option("years"):
        return _year_pair(ctx)
    season, season2, year = ctx.word("season"), ctx.raw("season2"), year_of(ctx)
    if season is not None and season2 is not None and year is not None:
        # "im Sommer und Herbst 1944": both seasons of the year named once.
        mod2 = ctx.lex.lookup("part2", ctx.raw("part2")) if ctx.raw("part2") else None
        return [
            (*ctx.match.span("first"), f"{cal.year_str(year)}-{season}", ctx.word("part")),
            (*ctx.match.span("second"), f"{cal.year_str(year)}-{ctx.lex.lookup('season', season2)}", mod2),
        ]
    month, year = month_of(ctx), year_of(ctx)
    month2 = ctx.word("month2")
    month2 = month if month2 is None else int(month2)
    day1, day2 = ctx.integer("day"), ctx.integer("day2")
    if day1 is None and day2 is None and month is not None and month2 != month:
        # "im Januar und Februar 1945", "in June or July 1944": both months in the year named once.
        if year is None:
            year = underspecified_year(ctx, month)
        prefix = cal.year_str(year) if year is not None else "XXXX"
        mod2 = ctx.lex.lookup("part2", ctx.raw("part2")) if ctx.raw("part2") else None
        return [
            (*ctx.match.span("first"), f"{prefix}-{month:02d}", ctx.word("part")),
            (*ctx.match.span("second"), f"{prefix}-{month2:02d}", mod2),
        ]
    if month is None or day1 is None or day2 is None or (month, day1) >= (month2, day2):
        return None
    if year is None:
        year = underspecified_year(ctx, month, day1)
    if year is not None and (cal.safe_date(year, month, day1) is None or cal.safe_date(year, month2, day2) is None):
        return None
    prefix = cal.year_str(year) if year is not None else "XXXX"
    first_start, first_end = ctx.match.span("first")
    second_start, second_end = ctx.match.span("second")
    return [
        (first_start, first_end, f"{prefix}-{month:02d}-{day1:02d}", None),
        (second_start, second_end, f"{prefix}-{month2:02d}-{day2:02d}", None),
    ]
