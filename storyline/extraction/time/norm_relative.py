"""Normalisers for dates relative to the reference time: "last May", "next Friday", "yesterday",
"three weeks ago", "two days later"."""

from __future__ import annotations

import datetime as dt

from storyline.extraction.time import calendar as cal
from storyline.extraction.time.context import UNKNOWN, Context, Result


def _season_year(anchor: dt.date, season: str, rel: int) -> int:
    """The year of "last/next/this summer" seen from the anchor (winter counts from December)."""
    order = {"SP": 0, "SU": 1, "FA": 2, "WI": 3}
    current = "WI" if anchor.month in (12, 1, 2) else cal.SEASONS[(anchor.month - 3) // 3]
    year = anchor.year - 1 if anchor.month <= 2 else anchor.year
    here, there = order[current], order[season]
    if rel < 0:
        return year if there < here else year - 1
    if rel > 0:
        return year if there > here else year + 1
    return year


def _weekend(anchor: dt.date, direction: int) -> str:
    """The weekend just past (direction -1) or coming (+1, or the current one on a weekend)."""
    saturday = cal.weekday_near(anchor, 6, -1 if direction < 0 else 1, strict=direction < 0)
    if direction < 0 and anchor.isoweekday() == 7:
        saturday = anchor - dt.timedelta(days=1)
    return cal.iso_week(saturday) + "-WE"


def norm_relative(ctx: Context) -> Result:
    rel = ctx.word("rel")
    if rel is None:
        rel = ctx.option("rel", 0)
    if rel == "tense":
        rel = ctx.direction()
        if ctx.option("unit") == "WE":
            base = ctx.base("D")
            return (_weekend(base, rel) if base else "XXXX-WXX-WE"), None
    rel = int(rel)
    mod = ctx.word("part") or ctx.option("mod")
    unit = ctx.word("unit") or ctx.option("unit")
    month, weekday, season = ctx.word("month"), ctx.word("weekday"), ctx.word("season")
    tod = ctx.word("tod")
    if month is not None:
        base = ctx.year_base()
        if base is None:
            return f"XXXX-{int(month):02d}", mod
        year = base.year
        if rel < 0:
            year = base.year if month < base.month else base.year - 1
        elif rel > 0:
            year = base.year if month > base.month else base.year + 1
        return f"{cal.year_str(year)}-{int(month):02d}", mod
    if weekday is not None:
        base = ctx.base("D")
        if base is None:
            return f"XXXX-WXX-{weekday}", mod
        if rel == 0:
            found = base + dt.timedelta(days=int(weekday) - base.isoweekday())
        else:
            found = cal.weekday_near(base, int(weekday), rel, strict=True)
        value = cal.fmt_date(found)
        return (f"{value}T{tod}" if tod else value), mod
    if season is not None:
        base = ctx.year_base()
        if base is None:
            return f"XXXX-{season}", mod
        if rel == 0 and ctx.ref.last_unit == "Y" and base == ctx.ref.last:
            # "1943 ... im Sommer": the summer of the year under discussion (its January is no month of it).
            return f"{cal.year_str(base.year)}-{season}", mod
        return f"{cal.year_str(_season_year(base, season, rel))}-{season}", mod
    if unit is None:
        return None
    base = ctx.base(unit)
    if base is None:
        return UNKNOWN.get(unit, "XXXX"), mod
    if unit == "Y" and rel < 0 and (same := ctx.same_period(base.year + rel)):
        return same, mod
    value = cal.shift(base, unit, rel)
    return (value, mod) if value else None


def norm_dayrel(ctx: Context) -> Result:
    offset = ctx.word("dayrel")
    if offset is None:
        offset = ctx.option("offset")
    if offset is None:
        return None
    tod = ctx.word("tod") or ctx.option("tod")
    if ctx.ref.narrative and int(offset) == 0 and not tod and ctx.lex.settings.get("narrative_present", True):
        return "PRESENT_REF", None
    base = ctx.base("D")
    value = "XXXX-XX-XX" if base is None else cal.shift(base, "D", int(offset)) or "XXXX-XX-XX"
    return (f"{value}T{tod}" if tod else value), None


def _amount_shift(ctx: Context, base: dt.date | None, direction: int) -> Result:
    unit = ctx.word("unit") or ctx.option("unit")
    amount = ctx.number()
    if amount is None:
        amount = ctx.option("amount", 1)
    if unit is None:
        return None
    if isinstance(amount, str) or amount != int(amount):
        return ("PAST_REF" if direction < 0 else "FUTURE_REF"), None
    if unit in ("DE", "CE"):
        # "a decade ago" is a year ten years back, not a decade.
        unit, amount = "Y", amount * (10 if unit == "DE" else 100)
    if base is None:
        return UNKNOWN.get(unit, "XXXX"), None
    if unit == "Y" and (same := ctx.same_period(base.year + direction * int(amount))):
        return same, None
    value = cal.shift(base, unit, direction * int(amount))
    return (value, None) if value else None


def norm_ago(ctx: Context) -> Result:
    return _amount_shift(ctx, ctx.ref.anchor, int(ctx.option("direction", -1)))


def norm_later(ctx: Context) -> Result:
    unit = ctx.word("unit") or ctx.option("unit", "D")
    return _amount_shift(ctx, ctx.base(unit), int(ctx.option("direction", 1)))
