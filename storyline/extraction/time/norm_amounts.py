"""Normalisers that need no calendar: durations, sets, fixed reference words, ages."""

from __future__ import annotations

from storyline.extraction.time import calendar as cal
from storyline.extraction.time.context import Context, Result


def norm_duration(ctx: Context) -> Result:
    if ctx.option("value"):
        return ctx.option("value"), ctx.option("mod")
    unit = ctx.word("unit")
    if unit is None:
        return None
    amount = ctx.number()
    if amount is None:
        amount = ctx.option("amount", 1)
    if ctx.option("add_half") and not isinstance(amount, str):
        amount += 0.5
    mod = ctx.word("part") or ctx.option("mod")
    return cal.duration(amount, unit), mod


def norm_set(ctx: Context) -> Result:
    if ctx.option("value"):
        return ctx.option("value"), None
    value = ctx.word("set")
    if value:
        return value, None
    weekday = ctx.word("weekday")
    if weekday is not None:
        return f"XXXX-WXX-{weekday}", None
    tod = ctx.word("tod")
    if tod is not None:
        return f"XXXX-XX-XXT{tod}", None
    unit = ctx.word("unit")
    if unit is None:
        return None
    return cal.duration(1, unit), None


def norm_ref(ctx: Context) -> Result:
    value = ctx.option("value") or ctx.word("ref")
    return (value, None) if value else None


def norm_age(ctx: Context) -> Result:
    amount = ctx.number()
    if amount is None or isinstance(amount, str) or not 0 < amount < 130:
        return None
    return cal.duration(amount, "Y"), None
